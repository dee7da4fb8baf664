//! "Create issue" for an action item, in GitHub Issues or Jira Cloud.
//!
//! The item's post claim (`item:<id>:issue`) is taken before the tracker is
//! called, so a double press creates one issue; the link is then stored on
//! the item and shown on its message.

use std::time::Duration;

use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::followup::ActionItem;
use crate::slack::inbound::BlockActions;

#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    #[error("{0} is not configured on this scrumbot (see the README)")]
    NotConfigured(&'static str),
    #[error("the tracker answered HTTP {0}")]
    Http(u16),
    #[error("the tracker could not be reached: {0}")]
    Transport(String),
    #[error("the tracker's answer had no issue link")]
    NoLink,
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .user_agent("scrumbot")
        .build()
        .unwrap_or_default()
}

/// Summary text is escaped for Slack; trackers get it plain.
fn plain(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn issue_body(item: &ActionItem) -> String {
    let mut body = format!(
        "Action item from a Slack standup, owned by Slack user {}.",
        item.owner
    );
    if let Some(due) = &item.due {
        body.push_str(&format!("\nDue: {due}"));
    }
    if let Some(link) = &item.source_link {
        body.push_str(&format!("\n\nSlack thread: {link}"));
    }
    body
}

/// GitHub's `POST /repos/{repo}/issues` body.
#[derive(Serialize)]
struct GithubIssue<'a> {
    title: String,
    body: &'a str,
}

/// What scrumbot reads of GitHub's answer: the issue's page.
#[derive(Deserialize)]
struct GithubCreated {
    html_url: Option<String>,
}

/// Jira Cloud's `POST /rest/api/3/issue` body.
#[derive(Serialize)]
struct JiraIssue<'a> {
    fields: JiraFields<'a>,
}

#[derive(Serialize)]
struct JiraFields<'a> {
    project: JiraKey<'a>,
    summary: String,
    issuetype: JiraName,
    description: AdfDoc<'a>,
}

#[derive(Serialize)]
struct JiraKey<'a> {
    key: &'a str,
}

#[derive(Serialize)]
struct JiraName {
    name: &'static str,
}

/// Jira Cloud's v3 API takes descriptions in Atlassian Document Format:
/// here one paragraph of plain text.
#[derive(Serialize)]
struct AdfDoc<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    version: u8,
    content: [AdfParagraph<'a>; 1],
}

#[derive(Serialize)]
struct AdfParagraph<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    content: [AdfText<'a>; 1],
}

#[derive(Serialize)]
struct AdfText<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    text: &'a str,
}

impl<'a> AdfDoc<'a> {
    fn paragraph(text: &'a str) -> Self {
        AdfDoc {
            kind: "doc",
            version: 1,
            content: [AdfParagraph {
                kind: "paragraph",
                content: [AdfText { kind: "text", text }],
            }],
        }
    }
}

/// What scrumbot reads of Jira's answer: the new issue's key.
#[derive(Deserialize)]
struct JiraCreated {
    key: Option<String>,
}

async fn send<T: DeserializeOwned>(req: reqwest::RequestBuilder) -> Result<T, TicketError> {
    // reqwest's error text names the URL but never the auth header.
    let res = req
        .send()
        .await
        .map_err(|e| TicketError::Transport(e.without_url().to_string()))?;
    if !res.status().is_success() {
        return Err(TicketError::Http(res.status().as_u16()));
    }
    res.json::<T>()
        .await
        .map_err(|e| TicketError::Transport(e.without_url().to_string()))
}

async fn create_github(
    ctx: &Context,
    repo: &str,
    item: &ActionItem,
) -> Result<String, TicketError> {
    let cfg = &ctx.config.tickets;
    let token = cfg
        .github_token
        .as_ref()
        .ok_or(TicketError::NotConfigured("GITHUB_TOKEN"))?;
    let url = format!("{}/repos/{repo}/issues", cfg.github_api_url);
    let body = issue_body(item);
    let created: GithubCreated = send(
        client()
            .post(url)
            .bearer_auth(token.expose_secret())
            .header("accept", "application/vnd.github+json")
            .json(&GithubIssue {
                title: plain(&item.text),
                body: &body,
            }),
    )
    .await?;
    created.html_url.ok_or(TicketError::NoLink)
}

async fn create_jira(
    ctx: &Context,
    project: &str,
    item: &ActionItem,
) -> Result<String, TicketError> {
    let cfg = &ctx.config.tickets;
    let (Some(base), Some(email), Some(token)) =
        (&cfg.jira_base_url, &cfg.jira_email, &cfg.jira_api_token)
    else {
        return Err(TicketError::NotConfigured(
            "JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN",
        ));
    };
    let body = issue_body(item);
    let issue = JiraIssue {
        fields: JiraFields {
            project: JiraKey { key: project },
            summary: plain(&item.text),
            issuetype: JiraName { name: "Task" },
            description: AdfDoc::paragraph(&body),
        },
    };
    let created: JiraCreated = send(
        client()
            .post(format!("{base}/rest/api/3/issue"))
            .basic_auth(email, Some(token.expose_secret()))
            .json(&issue),
    )
    .await?;
    let key = created.key.ok_or(TicketError::NoLink)?;
    Ok(format!("{base}/browse/{key}"))
}

/// Handles "Create issue" on an item.
pub async fn create_for_item(
    ctx: &Context,
    press: &BlockActions,
    item_id: i64,
) -> anyhow::Result<()> {
    let (team, user) = (press.actor.team_id.as_str(), press.actor.user_id.as_str());
    let Some(item) = ctx.store.item_get(team, item_id).await? else {
        return Ok(());
    };
    let channel = press
        .channel
        .as_ref()
        .map(|c| c.as_str())
        .unwrap_or(&item.channel_id)
        .to_string();
    let tell = |text: String| {
        let channel = channel.clone();
        async move { ctx.slack.post_ephemeral(&channel, user, &text, None).await }
    };
    if let Some(url) = &item.issue_url {
        tell(format!("This action item already has an issue: {url}")).await?;
        return Ok(());
    }
    let Some((kind, target)) = ctx.store.ticket_target(team, &item.channel_id).await? else {
        tell("No issue tracker is set for this channel. Use `/standup tickets github owner/repo` or `/standup tickets jira KEY`.".into()).await?;
        return Ok(());
    };
    let key = format!("item:{item_id}:issue");
    if !ctx.store.post_claim(team, &key).await? {
        return Ok(()); // the first press is creating it
    }
    let created = match kind.as_str() {
        "github" => create_github(ctx, &target, &item).await,
        _ => create_jira(ctx, &target, &item).await,
    };
    match created {
        Ok(url) => {
            ctx.store.item_set_issue(team, item_id, &url).await?;
            ctx.store.post_record(team, &key, &kind, &url).await?;
            if let Some(run_id) = item.run_id {
                crate::followup::tracking::refresh_board(ctx, team, run_id).await?;
            }
            tell(format!(":white_check_mark: Issue created: {url}")).await?;
        }
        Err(e) => {
            ctx.store.post_release(team, &key).await?;
            tracing::warn!(item = item_id, error = %e, "issue not created");
            tell(format!(":x: The issue could not be created: {e}")).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn request_bodies_have_the_trackers_shapes() {
        let github = GithubIssue {
            title: "Fix <it>".into(),
            body: "b",
        };
        assert_eq!(
            serde_json::to_value(&github).unwrap(),
            json!({ "title": "Fix <it>", "body": "b" })
        );
        let jira = JiraIssue {
            fields: JiraFields {
                project: JiraKey { key: "OPS" },
                summary: "Fix it".into(),
                issuetype: JiraName { name: "Task" },
                description: AdfDoc::paragraph("b"),
            },
        };
        assert_eq!(
            serde_json::to_value(&jira).unwrap(),
            json!({ "fields": { "project": { "key": "OPS" }, "summary": "Fix it", "issuetype": { "name": "Task" },
                "description": { "type": "doc", "version": 1, "content": [
                    { "type": "paragraph", "content": [ { "type": "text", "text": "b" } ] } ] } } })
        );
    }

    #[test]
    fn answers_without_a_link_are_read_as_none() {
        let created: JiraCreated = serde_json::from_str(r#"{"id":"1","self":"x"}"#).unwrap();
        assert!(created.key.is_none());
        let created: GithubCreated = serde_json::from_str(r#"{"number":3}"#).unwrap();
        assert!(created.html_url.is_none());
    }
}
