//! The Slack Web API, behind the one small trait of the calls scrumbot makes.
//!
//! - `mod.rs` (here): the [`SlackApi`] trait and the plain data it takes and
//!   returns, so that callers and the test fakes never see a wire type;
//! - [`client`]: [`SlackWebClient`], slack-morphism's typed Web API methods
//!   (typed requests and responses, bearer auth, the base URL from
//!   `SLACK_API_URL`) wrapped in the policy below;
//! - [`retry`]: what a bot that must not lose or double-post needs around
//!   every call: 429 always honoured (and shared by every caller through
//!   [`gate`]), a refused connection retried with backoff, a 5xx or a
//!   connection lost mid-call (Slack may have done the call) retried only
//!   where that cannot double anything, `ok:false` final.
//!
//! A retried `chat.postMessage` cannot double-post: after a 429 or a refused
//! connection Slack did not take the first attempt, and after a 5xx or a lost
//! connection the post (marked with a unique id in its message `metadata`) is
//! looked for in the channel or thread first, and found means done; when it
//! cannot be looked for, the post fails rather than risk a second copy.
//! `views.open` and `chat.postEphemeral` are not retried after such a failure.
//! Domain code additionally claims a post key in the database before posting
//! (see `store::posts`).

use async_trait::async_trait;
use slack_morphism::prelude::{SlackBlock, SlackView};

mod client;
mod gate;
mod retry;

pub use client::SlackWebClient;

#[derive(Debug, thiserror::Error)]
pub enum SlackApiError {
    /// Slack answered `ok:false`; the code is Slack's (e.g. `channel_not_found`).
    #[error("slack error: {0}")]
    Slack(String),
    #[error("rate limited by Slack (still after {attempts} attempts)")]
    RateLimited { attempts: u32 },
    #[error("Slack answered HTTP {0}")]
    Http(u16),
    #[error("transport error talking to Slack: {0}")]
    Transport(String),
    /// Multi-workspace mode, and the call was made outside any workspace
    /// workspace scope: there is no token to send it with.
    #[error("no workspace in scope: in multi-workspace mode a Slack call must run within a workspace scope")]
    NoWorkspace,
}

impl SlackApiError {
    pub fn code(&self) -> Option<&str> {
        match self {
            SlackApiError::Slack(c) => Some(c),
            _ => None,
        }
    }
}

/// A message the bot posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub channel: String,
    pub ts: String,
}

/// Who the bot is, from `auth.test`.
#[derive(Debug, Clone)]
pub struct BotIdentity {
    pub user_id: String,
    pub bot_id: Option<String>,
    pub team_id: String,
    pub url: Option<String>,
    /// The app this bot belongs to (from `bots.info`); requests sent to any
    /// other app are refused. `None` when Slack would not say.
    pub app_id: Option<String>,
}

/// A Slack user as far as scrumbot cares.
#[derive(Debug, Clone, Default)]
pub struct UserInfo {
    pub id: String,
    pub tz: Option<String>,
    pub is_bot: bool,
    pub deleted: bool,
    pub status_emoji: String,
    pub status_text: String,
    /// A workspace admin or owner (`is_admin`, `is_owner`): may change any
    /// standup, whoever owns it.
    pub is_admin: bool,
    pub is_owner: bool,
    /// The profile's e-mail (scope `users:read.email`): "Create issue"
    /// assigns the ticket to the tracker user with the same address.
    pub email: Option<String>,
}

impl UserInfo {
    /// Whether the Slack status says the person is out (holiday, OOO).
    pub fn status_says_away(&self) -> bool {
        let text = self.status_text.to_lowercase();
        self.status_emoji == ":palm_tree:"
            || text.contains("vacation")
            || text.contains("ooo")
            || text.contains("out of office")
            || text.contains("holiday")
    }
}

/// What `conversations.info` tells about a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelInfo {
    pub is_private: bool,
    pub is_member: bool,
}

/// A message read back from `conversations.history` / `conversations.replies`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryMessage {
    pub ts: String,
    pub user: Option<String>,
    pub text: String,
    pub thread_ts: Option<String>,
    pub subtype: Option<String>,
    /// Written by a bot or an app (scrumbot included).
    pub is_bot: bool,
    pub reply_count: u32,
}

/// A workspace member's names (`users.list`), to match meeting speakers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberNames {
    pub id: String,
    pub real_name: String,
    pub display_name: String,
    pub is_bot: bool,
    pub deleted: bool,
}

/// What `files.info` tells about a shared file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileInfo {
    pub id: String,
    pub name: String,
    /// Slack's file type (`vtt`, `text`, `png`, …).
    pub filetype: String,
    pub size: u64,
    /// Where the bytes are, readable with the bot token (`files:read`).
    pub url_private_download: Option<String>,
}

/// The Web API calls the bot makes. Everything takes and returns plain data.
#[async_trait]
pub trait SlackApi: Send + Sync {
    async fn auth_test(&self) -> Result<BotIdentity, SlackApiError>;
    /// `chat.postMessage`; `thread_ts` replies in a thread.
    async fn post_message(
        &self,
        channel: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
        thread_ts: Option<&str>,
    ) -> Result<Posted, SlackApiError>;
    async fn post_ephemeral(
        &self,
        channel: &str,
        user: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError>;
    async fn update_message(
        &self,
        channel: &str,
        ts: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError>;
    async fn users_info(&self, user: &str) -> Result<UserInfo, SlackApiError>;
    /// All members of a channel (follows pagination).
    async fn conversation_members(&self, channel: &str) -> Result<Vec<String>, SlackApiError>;
    /// Opens (or finds) the DM channel with a user.
    async fn open_dm(&self, user: &str) -> Result<String, SlackApiError>;
    async fn permalink(&self, channel: &str, ts: &str) -> Result<String, SlackApiError>;
    async fn views_open(&self, trigger_id: &str, view: &SlackView) -> Result<(), SlackApiError>;
    async fn views_publish(&self, user: &str, view: &SlackView) -> Result<(), SlackApiError>;
    /// Uploads a file into a channel (Slack's upload v2: get an upload URL,
    /// send the bytes, complete the upload with the channel to share it in).
    async fn upload_file(
        &self,
        channel: &str,
        filename: &str,
        title: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SlackApiError>;
    /// Whether a channel is private and whether the bot is in it.
    async fn channel_info(&self, channel: &str) -> Result<ChannelInfo, SlackApiError>;
    /// Every message of a thread, parent first (follows pagination).
    async fn thread_replies(
        &self,
        channel: &str,
        thread_ts: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError>;
    /// Channel messages with `oldest < ts`, newest first (follows pagination).
    async fn history(
        &self,
        channel: &str,
        oldest: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError>;
    /// Every member of the workspace (follows pagination).
    async fn users_list(&self) -> Result<Vec<MemberNames>, SlackApiError>;
    /// A file's name, type, size and download URL (`files:read`).
    async fn files_info(&self, file: &str) -> Result<FileInfo, SlackApiError>;
    /// The bytes at a file's `url_private_download`, fetched with the bot
    /// token; a file over `max_bytes` is an error rather than a large read.
    async fn download_file(&self, url: &str, max_bytes: u64) -> Result<Vec<u8>, SlackApiError>;
}
