//! Jira Cloud: `POST /rest/api/3/issue` with basic auth (email + API token);
//! an issue's status is `GET /rest/api/3/issue/{key}?fields=summary,status`.
//! The owner is found with `GET /rest/api/3/user/search?query={email}`.

use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::{client, issue_body, plain, send, TicketError};
use crate::context::Context;
use crate::followup::ActionItem;
use crate::render::tickets::TicketView;

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
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee: Option<JiraAccount>,
}

/// A Jira Cloud user, by account id (names and e-mails are not accepted).
#[derive(Serialize, Deserialize)]
struct JiraAccount {
    #[serde(rename = "id", alias = "accountId")]
    id: String,
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

/// What scrumbot reads of an issue for its status.
#[derive(Deserialize)]
struct JiraIssueState {
    fields: JiraStateFields,
}

#[derive(Deserialize)]
struct JiraStateFields {
    #[serde(default)]
    summary: String,
    status: JiraStatus,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JiraStatus {
    name: String,
    /// Jira's fixed categories: `new`, `indeterminate`, `done`.
    status_category: Option<JiraCategory>,
}

#[derive(Deserialize)]
struct JiraCategory {
    key: String,
}

/// The base URL and credentials, or which variables are missing.
fn site(ctx: &Context) -> Result<(&str, &str, &str), TicketError> {
    let cfg = &ctx.config.tickets;
    match (&cfg.jira_base_url, &cfg.jira_email, &cfg.jira_api_token) {
        (Some(base), Some(email), Some(token)) => Ok((base, email, token.expose_secret())),
        _ => Err(TicketError::NotConfigured(
            "JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN",
        )),
    }
}

/// Issue `key` (`OPS-12`): its summary and workflow status.
pub async fn status(ctx: &Context, key: &str) -> Result<TicketView, TicketError> {
    let (base, email, token) = site(ctx)?;
    let issue: JiraIssueState = send(
        client()
            .get(format!("{base}/rest/api/3/issue/{key}"))
            .query(&[("fields", "summary,status")])
            .basic_auth(email, Some(token)),
    )
    .await?;
    let status = issue.fields.status;
    Ok(TicketView {
        reference: key.to_string(),
        url: Some(format!("{base}/browse/{key}")),
        title: issue.fields.summary,
        done: status.status_category.is_some_and(|c| c.key == "done"),
        status: status.name,
    })
}

/// Jira's user search matches an e-mail address even where privacy settings
/// hide it from the answer; a single hit is taken as the owner. A failed
/// search leaves the issue unassigned.
async fn account_by_email(
    base: &str,
    email: &str,
    token: &str,
    owner: &str,
) -> Option<JiraAccount> {
    let found: Result<Vec<JiraAccount>, _> = send(
        client()
            .get(format!("{base}/rest/api/3/user/search"))
            .query(&[("query", owner)])
            .basic_auth(email, Some(token)),
    )
    .await;
    match found {
        Ok(mut hits) if hits.len() == 1 => hits.pop(),
        _ => None,
    }
}

/// Creates the item's issue in `project` (a project key); returns its page.
pub async fn create(
    ctx: &Context,
    project: &str,
    item: &ActionItem,
    owner_email: Option<&str>,
) -> Result<String, TicketError> {
    let (base, email, token) = site(ctx)?;
    let assignee = match owner_email {
        Some(owner) => account_by_email(base, email, token, owner).await,
        None => None,
    };
    let body = issue_body(item);
    let issue = JiraIssue {
        fields: JiraFields {
            project: JiraKey { key: project },
            summary: plain(&item.text),
            issuetype: JiraName { name: "Task" },
            description: AdfDoc::paragraph(&body),
            assignee,
        },
    };
    let created: JiraCreated = send(
        client()
            .post(format!("{base}/rest/api/3/issue"))
            .basic_auth(email, Some(token))
            .json(&issue),
    )
    .await?;
    let key = created.key.ok_or(TicketError::NoLink)?;
    Ok(format!("{base}/browse/{key}"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_request_and_answer_have_jiras_shapes() {
        let issue = JiraIssue {
            fields: JiraFields {
                project: JiraKey { key: "OPS" },
                summary: "Fix it".into(),
                issuetype: JiraName { name: "Task" },
                description: AdfDoc::paragraph("b"),
                assignee: None,
            },
        };
        assert_eq!(
            serde_json::to_value(&issue).unwrap(),
            json!({ "fields": { "project": { "key": "OPS" }, "summary": "Fix it", "issuetype": { "name": "Task" },
                "description": { "type": "doc", "version": 1, "content": [
                    { "type": "paragraph", "content": [ { "type": "text", "text": "b" } ] } ] } } })
        );
        let created: JiraCreated = serde_json::from_str(r#"{"id":"1","self":"x"}"#).unwrap();
        assert!(created.key.is_none());
    }
}
