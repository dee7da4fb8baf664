//! GitHub Issues: `POST /repos/{owner}/{repo}/issues` with the token; an
//! issue's status is its state (`GET /repos/{owner}/{repo}/issues/{n}`).

use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::{client, issue_body, plain, send, TicketError};
use crate::context::Context;
use crate::followup::ActionItem;
use crate::render::tickets::TicketView;

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

/// What scrumbot reads of an issue (or pull request) for its status.
#[derive(Deserialize)]
struct GithubIssueState {
    #[serde(default)]
    title: String,
    state: String,
    html_url: Option<String>,
}

/// Issue `number` of `repo` (`owner/name`): its title and open/closed state.
/// Asked only with a token (see `links::cache_key`), but public
/// repositories would answer without one, so none is required here.
pub async fn status(ctx: &Context, repo: &str, number: u64) -> Result<TicketView, TicketError> {
    let cfg = &ctx.config.tickets;
    let mut req = client()
        .get(format!(
            "{}/repos/{repo}/issues/{number}",
            cfg.github_api_url
        ))
        .header("accept", "application/vnd.github+json");
    if let Some(token) = &cfg.github_token {
        req = req.bearer_auth(token.expose_secret());
    }
    let issue: GithubIssueState = send(req).await?;
    Ok(TicketView {
        reference: format!("{repo}#{number}"),
        url: issue.html_url,
        title: issue.title,
        done: issue.state == "closed",
        status: issue.state,
    })
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
