//! Issue trackers: "Create issue" for an action item, in GitHub Issues
//! ([`github`]), Jira Cloud ([`jira`]), Trello ([`trello`]), Asana
//! ([`asana`]) or Linear ([`linear`]); and the status of the tickets that
//! answers mention ([`links`]). Each tracker module holds its request and
//! answer bodies as small serde structs.
//!
//! The item's post claim (`item:<id>:issue`) is taken before the tracker is
//! called, so a double press creates one issue; the link is then stored on
//! the item and shown on its message. Jira, Trello, Asana and Linear assign
//! the ticket to the tracker user whose e-mail is the owner's Slack e-mail.

pub mod asana;
pub mod github;
pub mod jira;
pub mod linear;
pub mod links;
pub mod trello;

use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::config::TicketsConfig;
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
    #[error("the tracker refused: {0}")]
    Refused(String),
}

/// The trackers `/standup tickets` may name, as stored in `ticket_targets.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracker {
    Github,
    Jira,
    Trello,
    Asana,
    Linear,
}

impl Tracker {
    pub fn parse(kind: &str) -> Option<Tracker> {
        Some(match kind {
            "github" => Tracker::Github,
            "jira" => Tracker::Jira,
            "trello" => Tracker::Trello,
            "asana" => Tracker::Asana,
            "linear" => Tracker::Linear,
            _ => return None,
        })
    }

    /// The tracker's name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Tracker::Github => "GitHub",
            Tracker::Jira => "Jira",
            Tracker::Trello => "Trello",
            Tracker::Asana => "Asana",
            Tracker::Linear => "Linear",
        }
    }

    /// The variables this scrumbot lacks to reach the tracker, if any.
    pub fn missing_config(self, cfg: &TicketsConfig) -> Option<&'static str> {
        let ready = match self {
            Tracker::Github => cfg.github_token.is_some(),
            Tracker::Jira => {
                cfg.jira_base_url.is_some()
                    && cfg.jira_email.is_some()
                    && cfg.jira_api_token.is_some()
            }
            Tracker::Trello => cfg.trello.is_some(),
            Tracker::Asana => cfg.asana_token.is_some(),
            Tracker::Linear => cfg.linear_api_key.is_some(),
        };
        (!ready).then_some(match self {
            Tracker::Github => "GITHUB_TOKEN",
            Tracker::Jira => "JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN",
            Tracker::Trello => "TRELLO_API_KEY and TRELLO_TOKEN",
            Tracker::Asana => "ASANA_TOKEN",
            Tracker::Linear => "LINEAR_API_KEY",
        })
    }

    /// What the per-channel target is in this tracker.
    pub fn target_noun(self) -> &'static str {
        match self {
            Tracker::Github => "repository",
            Tracker::Jira => "project",
            Tracker::Trello => "list",
            Tracker::Asana => "project",
            Tracker::Linear => "team",
        }
    }
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

/// Creates the item's ticket in the channel's tracker; returns its link.
async fn create_in(
    ctx: &Context,
    kind: &str,
    target: &str,
    item: &ActionItem,
) -> Result<String, TicketError> {
    let tracker = Tracker::parse(kind).unwrap_or(Tracker::Jira);
    // GitHub shows only public e-mails, so issues there stay unassigned.
    if tracker == Tracker::Github {
        return github::create(ctx, target, item).await;
    }
    let email = owner_email(ctx, &item.owner).await;
    let email = email.as_deref();
    match tracker {
        Tracker::Trello => trello::create(ctx, target, item, email).await,
        Tracker::Asana => asana::create(ctx, target, item, email).await,
        Tracker::Linear => linear::create(ctx, target, item, email).await,
        _ => jira::create(ctx, target, item, email).await,
    }
}

/// The owner's Slack e-mail, to find their tracker account. Without it
/// (no `users:read.email` scope, a failed lookup) the ticket is created
/// unassigned rather than not at all.
async fn owner_email(ctx: &Context, owner: &str) -> Option<String> {
    match ctx.slack.users_info(owner).await {
        Ok(info) => info.email,
        Err(e) => {
            tracing::info!(error = %e, "no e-mail for the item's owner; the ticket stays unassigned");
            None
        }
    }
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
        tell(format!(
            "No issue tracker is set for this channel. {}",
            crate::standup::command::TICKETS_USAGE
        ))
        .await?;
        return Ok(());
    };
    let key = format!("item:{item_id}:issue");
    if !ctx.store.post_claim(team, &key).await? {
        return Ok(()); // the first press is creating it
    }
    let created = create_in(ctx, &kind, &target, &item).await;
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
