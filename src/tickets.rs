//! "Create issue" for an action item, in GitHub Issues or Jira Cloud.
//!
//! The item's post claim (`item:<id>:issue`) is taken before the tracker is
//! called, so a double press creates one issue; the link is then stored on
//! the item and shown on its message.

use std::time::Duration;

use secrecy::ExposeSecret;
use serde_json::{json, Value};

use crate::context::Context;
use crate::followup::ActionItem;
use crate::slack::inbound::Interaction;

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
    crate::summarize::sanitize::unescape(text)
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

async fn send(req: reqwest::RequestBuilder) -> Result<Value, TicketError> {
    // reqwest's error text names the URL but never the auth header.
    let res = req
        .send()
        .await
        .map_err(|e| TicketError::Transport(e.without_url().to_string()))?;
    if !res.status().is_success() {
        return Err(TicketError::Http(res.status().as_u16()));
    }
    res.json::<Value>()
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
    let v = send(
        client()
            .post(url)
            .bearer_auth(token.expose_secret())
            .header("accept", "application/vnd.github+json")
            .json(&json!({ "title": plain(&item.text), "body": issue_body(item) })),
    )
    .await?;
    v.get("html_url")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or(TicketError::NoLink)
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
    // Jira Cloud's v3 API takes descriptions in Atlassian Document Format.
    let description = json!({ "type": "doc", "version": 1, "content": [
        { "type": "paragraph", "content": [ { "type": "text", "text": issue_body(item) } ] }
    ] });
    let v = send(
        client()
            .post(format!("{base}/rest/api/3/issue"))
            .basic_auth(email, Some(token.expose_secret()))
            .json(&json!({ "fields": { "project": { "key": project }, "summary": plain(&item.text), "issuetype": { "name": "Task" }, "description": description } })),
    )
    .await?;
    let key = v
        .get("key")
        .and_then(Value::as_str)
        .ok_or(TicketError::NoLink)?;
    Ok(format!("{base}/browse/{key}"))
}

/// Handles "Create issue" on an item.
pub async fn create_for_item(ctx: &Context, i: &Interaction, item_id: i64) -> anyhow::Result<()> {
    let Some(item) = ctx.store.item_get(&i.team_id, item_id).await? else {
        return Ok(());
    };
    let channel = i
        .raw
        .pointer("/channel/id")
        .and_then(Value::as_str)
        .unwrap_or(&item.channel_id)
        .to_string();
    let tell = |text: String| {
        let channel = channel.clone();
        async move {
            ctx.slack
                .post_ephemeral(&channel, &i.user_id, &text, None)
                .await
        }
    };
    if let Some(url) = &item.issue_url {
        tell(format!("This action item already has an issue: {url}")).await?;
        return Ok(());
    }
    let Some((kind, target)) = ctx
        .store
        .ticket_target(&i.team_id, &item.channel_id)
        .await?
    else {
        tell("No issue tracker is set for this channel. Use `/standup tickets github owner/repo` or `/standup tickets jira KEY`.".into()).await?;
        return Ok(());
    };
    let key = format!("item:{item_id}:issue");
    if !ctx.store.post_claim(&i.team_id, &key).await? {
        return Ok(()); // the first press is creating it
    }
    let created = match kind.as_str() {
        "github" => create_github(ctx, &target, &item).await,
        _ => create_jira(ctx, &target, &item).await,
    };
    match created {
        Ok(url) => {
            ctx.store.item_set_issue(&i.team_id, item_id, &url).await?;
            ctx.store.post_record(&i.team_id, &key, &kind, &url).await?;
            if let Some(run_id) = item.run_id {
                crate::followup::tracking::refresh_board(ctx, &i.team_id, run_id).await?;
            }
            tell(format!(":white_check_mark: Issue created: {url}")).await?;
        }
        Err(e) => {
            ctx.store.post_release(&i.team_id, &key).await?;
            tracing::warn!(item = item_id, error = %e, "issue not created");
            tell(format!(":x: The issue could not be created: {e}")).await?;
        }
    }
    Ok(())
}
