//! Installing scrumbot in many workspaces ("Add to Slack") and serving each
//! with its own token and identity.
//!
//! With `SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`, `SCRUMBOT_PUBLIC_URL` and
//! `SCRUMBOT_ENCRYPTION_KEY` set the bot is multi-workspace; with only
//! `SLACK_BOT_TOKEN` nothing here is used.
//!
//! - [`crypto`]: tokens sealed at rest (AEAD, the installation as associated data);
//! - [`state`]: the OAuth `state`, single-use, bound to the browser;
//! - [`oauth`]: `oauth.v2.access` (install and token rotation);
//! - [`workspaces`]: the installations, loaded and refreshed, by team;
//! - [`scope`]: *which* workspace the running task serves (a task-local),
//!   and [`router::ScopedSlack`], the `SlackApi` that calls Slack with that
//!   workspace's client.
//!
//! Why a task-local scope rather than a team argument on every call: the 40-odd
//! `ctx.slack.…(…)` calls of the handlers and the domain stay as they are
//! (they are edited by others in parallel, and a forgotten argument would
//! call one team's channel with another team's token). The few entry points
//! — the inbox consumer, the scheduler, `ctx.tasks().spawn` — set the scope
//! once; everything awaited under them inherits it. A call made outside any
//! scope fails with [`crate::slack::api::SlackApiError::NoWorkspace`] and an
//! error in the log rather than guessing a workspace.

pub mod crypto;
pub mod oauth;
pub mod router;
pub mod scope;
pub mod state;
pub mod workspaces;
