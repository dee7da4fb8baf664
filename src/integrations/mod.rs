//! Issue trackers: "Create issue" for an action item, in GitHub Issues
//! ([`github`]) or Jira Cloud ([`jira`]). Each tracker module holds its
//! request and answer bodies as small serde structs.
//!
//! The item's post claim (`item:<id>:issue`) is taken before the tracker is
//! called, so a double press creates one issue; the link is then stored on
//! the item and shown on its message.

pub mod github;
pub mod jira;

use std::time::Duration;

use serde::de::DeserializeOwned;

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
        "github" => github::create(ctx, &target, &item).await,
        _ => jira::create(ctx, &target, &item).await,
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
