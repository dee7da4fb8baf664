//! GitHub Issues: `POST /repos/{owner}/{repo}/issues` with the token.

use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::{client, issue_body, plain, send, TicketError};
use crate::context::Context;
use crate::followup::ActionItem;

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

/// Creates the item's issue in `repo` (`owner/name`); returns its page.
pub async fn create(ctx: &Context, repo: &str, item: &ActionItem) -> Result<String, TicketError> {
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_request_and_answer_have_githubs_shapes() {
        let issue = GithubIssue {
            title: "Fix <it>".into(),
            body: "b",
        };
        assert_eq!(
            serde_json::to_value(&issue).unwrap(),
            json!({ "title": "Fix <it>", "body": "b" })
        );
        let created: GithubCreated = serde_json::from_str(r#"{"number":3}"#).unwrap();
        assert!(created.html_url.is_none());
    }
}
