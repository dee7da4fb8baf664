//! [`SlackWebClient`]: the [`SlackApi`] calls made with slack-morphism's typed
//! Web API methods, each wrapped in the retry policy of [`super::retry`].
//!
//! Two places do not use a slack-morphism method, on purpose:
//! - `conversations.history` / `conversations.replies` are read into
//!   [`WireMessage`] rather than slack-morphism's `SlackHistoryMessage`: its
//!   `subtype` is a closed enum without a catch-all, so one message of a
//!   subtype it does not know (`huddle_thread`, `channel_convert_to_private`,
//!   …) would fail the whole page and with it the digest of the channel.
//!   They still go through slack-morphism's typed session (`http_get`, auth,
//!   error classification) into a typed answer.
//! - the bytes of an upload go to the pre-signed URL with plain `reqwest`:
//!   slack-morphism's `files_upload_via_url` attaches the bot token, which
//!   that URL does not need and should not see.
//!
//! Every `chat.postMessage` carries a unique post id in its message
//! `metadata`, so that after a failure Slack may have posted through (a 5xx,
//! a connection lost mid-call) the post is looked for in the channel or the
//! thread before it is tried again (see [`SlackWebClient::find_post`]).

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use slack_morphism::prelude::*;
use slack_morphism::ClientResult;

use super::retry::{at_most_once, idempotent, Recheck, Retrying};
use super::{
    BotIdentity, ChannelInfo, FileInfo, HistoryMessage, MemberNames, Posted, SlackApi,
    SlackApiError, UserInfo,
};

/// Page size asked of the list methods (Slack's recommended maximum is 200).
const PAGE_SIZE: u16 = 200;
/// A cap on pages so a misbehaving server cannot keep us paging forever.
const MAX_PAGES: usize = 1_000;
/// The metadata `event_type` of every bot post, and the payload key of its id.
const POST_EVENT_TYPE: &str = "scrumbot_post";
const POST_ID: &str = "post_id";

/// The slack-morphism backed client.
pub struct SlackWebClient {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
    /// The retry policy and its 429 gates, shared by every call of this
    /// client — and so, with one client per workspace, per team and method
    /// (Slack's limits are per workspace: one busy team never slows another).
    retrying: Arc<Retrying>,
}

impl SlackWebClient {
    pub fn new(api_url: &str, bot_token: &SecretString) -> anyhow::Result<Self> {
        let connector = SlackClientHyperConnector::with_connector(https_or_http_connector())
            // slack-morphism joins base and method with a '/', so the base must not end in one.
            .with_slack_api_url(api_url.trim_end_matches('/'));
        Ok(Self {
            client: Arc::new(SlackClient::new(connector)),
            token: SlackApiToken::new(SlackApiTokenValue(bot_token.expose_secret().to_string())),
            retrying: Default::default(),
        })
    }

    /// A client for another workspace's token: the same connection pool,
    /// but gates of its own, since Slack rate-limits each workspace apart.
    pub fn for_workspace(&self, bot_token: &SecretString) -> Self {
        Self {
            client: self.client.clone(),
            token: SlackApiToken::new(SlackApiTokenValue(bot_token.expose_secret().to_string())),
            retrying: Default::default(),
        }
    }

    /// The same workspace with a rotated token: its gates are kept (a
    /// 429 Slack just sent still holds for the new token).
    pub fn with_token(&self, bot_token: &SecretString) -> Self {
        Self {
            retrying: self.retrying.clone(),
            ..self.for_workspace(bot_token)
        }
    }

    /// The underlying slack-morphism client (Socket Mode needs it).
    pub fn inner(&self) -> Arc<SlackHyperClient> {
        self.client.clone()
    }

    fn session(&self) -> SlackClientSession<'_, SlackClientHyperHttpsConnector> {
        self.client.open_session(&self.token)
    }

    /// One idempotent call under the retry policy, rate limited (after a
    /// 429) per method.
    async fn send<T, F, Fut>(&self, method: &'static str, attempt: F) -> Result<T, SlackApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = ClientResult<T>>,
    {
        self.retrying.run(method, method, attempt, idempotent).await
    }

    /// One call that must not be made twice and cannot be checked: retried
    /// only when it provably did not reach Slack.
    async fn send_once<T, F, Fut>(
        &self,
        method: &'static str,
        attempt: F,
    ) -> Result<T, SlackApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = ClientResult<T>>,
    {
        self.retrying
            .run(method, method, attempt, at_most_once)
            .await
    }

    /// After a failure Slack may have posted through: the post carrying
    /// `post_id` if Slack has it (then it must not be posted again), `Retry`
    /// if it is not there, `GiveUp` if that cannot be told.
    async fn find_post(
        &self,
        channel: &str,
        thread_ts: Option<&str>,
        post_id: &str,
    ) -> Recheck<Posted> {
        match self.look_for_post(channel, thread_ts, post_id).await {
            Ok(Some(posted)) => Recheck::Done(posted),
            Ok(None) => Recheck::Retry,
            Err(e) => {
                tracing::warn!(error = %e, channel, "cannot tell whether a failed post was made; not posting again");
                Recheck::GiveUp
            }
        }
    }

    /// Reads the thread (a reply) or the channel's newest page (a top-level
    /// post: one made seconds ago is among its newest [`PAGE_SIZE`]) with
    /// their metadata, and finds the message with `post_id`.
    async fn look_for_post(
        &self,
        channel: &str,
        thread_ts: Option<&str>,
        post_id: &str,
    ) -> Result<Option<Posted>, SlackApiError> {
        // Posting to a user id posts in the DM with them: that is where to read.
        let conversation = if channel.starts_with(['U', 'W']) {
            self.open_dm(channel).await?
        } else {
            channel.to_string()
        };
        let mut params = vec![
            ("channel", conversation.clone()),
            ("include_all_metadata", "true".to_string()),
        ];
        let messages = match thread_ts {
            Some(thread) => {
                params.push(("ts", thread.to_string()));
                match all_pages(|cursor| self.wire_page("conversations.replies", &params, cursor))
                    .await
                {
                    Ok(messages) => messages,
                    // No such thread: no reply was posted in it either.
                    Err(e) if e.code() == Some("thread_not_found") => return Ok(None),
                    Err(e) => return Err(e),
                }
            }
            None => {
                self.wire_page("conversations.history", &params, None)
                    .await?
                    .0
            }
        };
        Ok(messages
            .into_iter()
            .find(|m| m.post_id() == Some(post_id))
            .and_then(|m| m.ts)
            .map(|ts| Posted {
                channel: conversation,
                ts: ts.0,
            }))
    }

    /// One page of `conversations.history` / `conversations.replies`.
    async fn messages_page(
        &self,
        method: &'static str,
        params: &[(&'static str, String)],
        cursor: Option<SlackCursorId>,
    ) -> Result<(Vec<HistoryMessage>, Option<SlackCursorId>), SlackApiError> {
        let (messages, next) = self.wire_page(method, params, cursor).await?;
        let messages = messages.into_iter().filter_map(WireMessage::into_message);
        Ok((messages.collect(), next))
    }

    /// One page of `conversations.history` / `conversations.replies`, as sent.
    async fn wire_page(
        &self,
        method: &'static str,
        params: &[(&'static str, String)],
        cursor: Option<SlackCursorId>,
    ) -> Result<(Vec<WireMessage>, Option<SlackCursorId>), SlackApiError> {
        let mut query: Vec<(&str, Option<String>)> =
            params.iter().map(|(k, v)| (*k, Some(v.clone()))).collect();
        query.push(("limit", Some(PAGE_SIZE.to_string())));
        query.push(("cursor", cursor.map(|c| c.0)));
        let page: MessagesPage = self
            .send(method, || async {
                self.session()
                    .http_session_api
                    .http_get(method, &query, Some(&SLACK_TIER3_METHOD_CONFIG))
                    .await
            })
            .await?;
        Ok((page.messages, next_cursor(page.response_metadata)))
    }
}

/// Reads every page of a cursor-paginated list: `page(cursor)` returns one
/// page's items and the next cursor (none or empty on the last page). The one
/// pagination loop for members, history and replies.
async fn all_pages<T, F, Fut>(mut page: F) -> Result<Vec<T>, SlackApiError>
where
    F: FnMut(Option<SlackCursorId>) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Option<SlackCursorId>), SlackApiError>>,
{
    let mut out = Vec::new();
    let mut cursor = None;
    for _ in 0..MAX_PAGES {
        let (items, next) = page(cursor).await?;
        out.extend(items);
        cursor = next;
        if cursor.is_none() {
            break;
        }
    }
    Ok(out)
}

/// Slack ends a list with an empty `next_cursor` (or none at all).
fn next_cursor(meta: Option<SlackResponseMetadata>) -> Option<SlackCursorId> {
    meta.and_then(|m| m.next_cursor).filter(|c| !c.0.is_empty())
}

/// A page of `conversations.history` / `conversations.replies` (see the module
/// comment for why not slack-morphism's response type).
#[derive(Deserialize)]
struct MessagesPage {
    #[serde(default)]
    messages: Vec<WireMessage>,
    response_metadata: Option<SlackResponseMetadata>,
}

/// The fields of a message scrumbot reads; anything else is ignored.
#[derive(Deserialize)]
struct WireMessage {
    ts: Option<SlackTs>,
    user: Option<SlackUserId>,
    text: Option<String>,
    thread_ts: Option<SlackTs>,
    subtype: Option<String>,
    bot_id: Option<SlackBotId>,
    reply_count: Option<u32>,
    /// Only with `include_all_metadata=true`. Not slack-morphism's
    /// `SlackMessageMetadata`: its payload must be all strings, and another
    /// app's numbers would fail the page.
    metadata: Option<WireMetadata>,
}

#[derive(Deserialize)]
struct WireMetadata {
    event_type: Option<String>,
    event_payload: Option<serde_json::Map<String, serde_json::Value>>,
}

impl WireMessage {
    /// The post id scrumbot put in the message's metadata, if it did.
    fn post_id(&self) -> Option<&str> {
        let metadata = self.metadata.as_ref()?;
        if metadata.event_type.as_deref() != Some(POST_EVENT_TYPE) {
            return None;
        }
        metadata.event_payload.as_ref()?.get(POST_ID)?.as_str()
    }

    /// `None` for a message without a `ts` (it could not be referred to).
    fn into_message(self) -> Option<HistoryMessage> {
        let is_bot = self.bot_id.is_some() || self.subtype.as_deref() == Some("bot_message");
        Some(HistoryMessage {
            ts: self.ts?.0,
            user: self.user.map(|u| u.0),
            text: self.text.unwrap_or_default(),
            thread_ts: self.thread_ts.map(|t| t.0),
            subtype: self.subtype,
            is_bot,
            reply_count: self.reply_count.unwrap_or(0),
        })
    }
}

/// A connector that speaks https to Slack and plain http to a loopback fake.
fn https_or_http_connector() -> SlackHyperHttpsConnector {
    let builder = match hyper_rustls::HttpsConnectorBuilder::new().with_native_roots() {
        Ok(b) => b,
        Err(e) => {
            // No system CA store: https calls will fail with a clear TLS error,
            // http (a local fake, a proxy) still works.
            tracing::warn!(error = %e, "no native CA certificates found");
            let roots = rustls::RootCertStore::empty();
            hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(
                rustls::ClientConfig::builder()
                    .with_root_certificates(roots)
                    .with_no_client_auth(),
            )
        }
    };
    builder
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .build()
}

/// A post id unique to this post: the time, the process and a counter (no
/// two posts of one process share the counter, no two processes the pid at
/// the same nanosecond).
fn new_post_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{nanos:x}-{:x}-{n:x}", std::process::id())
}

/// The metadata that marks a bot post with its id (see the module comment).
fn post_metadata(post_id: &str) -> SlackMessageMetadata {
    SlackMessageMetadata {
        event_type: POST_EVENT_TYPE.to_string(),
        event_payload: Some(HashMap::from([(POST_ID.to_string(), post_id.to_string())])),
    }
}

/// Message text and (optional) blocks as slack-morphism's content.
fn content(text: &str, blocks: Option<&[SlackBlock]>) -> SlackMessageContent {
    SlackMessageContent::new()
        .with_text(text.to_string())
        .opt_blocks(blocks.map(<[SlackBlock]>::to_vec))
}

#[async_trait]
impl SlackApi for SlackWebClient {
    async fn auth_test(&self) -> Result<BotIdentity, SlackApiError> {
        let res = self
            .send("auth.test", || async { self.session().auth_test().await })
            .await?;
        // auth.test does not name the app; bots.info does, from the bot id.
        let app_id = match &res.bot_id {
            Some(bot) => {
                let request = SlackApiBotsInfoRequest::new().with_bot(bot.0.clone());
                match self
                    .send("bots.info", || async {
                        self.session().bots_info(&request).await
                    })
                    .await
                {
                    Ok(info) => Some(info.bot.app_id),
                    Err(e) => {
                        tracing::warn!(error = %e, "bots.info failed: requests are checked by workspace only");
                        None
                    }
                }
            }
            None => None,
        };
        Ok(BotIdentity {
            user_id: res.user_id.0,
            bot_id: res.bot_id.map(|b| b.0),
            team_id: res.team_id.0,
            url: Some(res.url.0.to_string()),
            app_id,
        })
    }

    async fn post_message(
        &self,
        channel: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
        thread_ts: Option<&str>,
    ) -> Result<Posted, SlackApiError> {
        let post_id = new_post_id();
        let content = content(text, blocks).with_metadata(post_metadata(&post_id));
        let req = SlackApiChatPostMessageRequest::new(channel.into(), content)
            .with_unfurl_links(false)
            .opt_thread_ts(thread_ts.map(SlackTs::from));
        // chat.postMessage is limited per channel, everything else per method.
        let key = format!("chat.postMessage:{channel}");
        self.retrying
            .run(
                "chat.postMessage",
                &key,
                || async {
                    let res = self.session().chat_post_message(&req).await?;
                    Ok(Posted {
                        channel: res.channel.0,
                        ts: res.ts.0,
                    })
                },
                || self.find_post(channel, thread_ts, &post_id),
            )
            .await
    }

    async fn post_ephemeral(
        &self,
        channel: &str,
        user: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError> {
        let req = SlackApiChatPostEphemeralRequest::new(
            channel.into(),
            user.into(),
            content(text, blocks),
        );
        // Not checkable (an ephemeral message is in no history): lost rather than doubled.
        self.send_once("chat.postEphemeral", || async {
            self.session().chat_post_ephemeral(&req).await
        })
        .await
        .map(drop)
    }

    async fn update_message(
        &self,
        channel: &str,
        ts: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError> {
        let req = SlackApiChatUpdateRequest::new(channel.into(), content(text, blocks), ts.into());
        self.send("chat.update", || async {
            self.session().chat_update(&req).await
        })
        .await
        .map(drop)
    }

    async fn users_info(&self, user: &str) -> Result<UserInfo, SlackApiError> {
        let req = SlackApiUsersInfoRequest::new(user.into());
        let res = self
            .send("users.info", || async {
                self.session().users_info(&req).await
            })
            .await?;
        let u = res.user;
        let profile = u.profile.unwrap_or_else(SlackUserProfile::new);
        Ok(UserInfo {
            tz: u.tz.filter(|s| !s.is_empty()),
            is_bot: u.flags.is_bot.unwrap_or(false) || user == "USLACKBOT",
            deleted: u.deleted.unwrap_or(false),
            is_admin: u.flags.is_admin.unwrap_or(false),
            is_owner: u.flags.is_owner.unwrap_or(false)
                || u.flags.is_primary_owner.unwrap_or(false),
            status_emoji: profile.status_emoji.map(|e| e.0).unwrap_or_default(),
            status_text: profile.status_text.unwrap_or_default(),
            email: profile.email.map(|e| e.0).filter(|e| !e.is_empty()),
            id: u.id.0,
        })
    }

    async fn conversation_members(&self, channel: &str) -> Result<Vec<String>, SlackApiError> {
        all_pages(|cursor| async move {
            let req = SlackApiConversationsMembersRequest::new()
                .with_channel(channel.into())
                .with_limit(PAGE_SIZE)
                .opt_cursor(cursor);
            let res = self
                .send("conversations.members", || async {
                    self.session().conversations_members(&req).await
                })
                .await?;
            let members = res.members.into_iter().map(|m| m.0).collect();
            Ok((members, next_cursor(res.response_metadata)))
        })
        .await
    }

    async fn open_dm(&self, user: &str) -> Result<String, SlackApiError> {
        let req = SlackApiConversationsOpenRequest::new().with_users(vec![user.into()]);
        let res = self
            .send("conversations.open", || async {
                self.session().conversations_open(&req).await
            })
            .await?;
        Ok(res.channel.id.0)
    }

    async fn permalink(&self, channel: &str, ts: &str) -> Result<String, SlackApiError> {
        let req = SlackApiChatGetPermalinkRequest::new(channel.into(), ts.into());
        let res = self
            .send("chat.getPermalink", || async {
                self.session().chat_get_permalink(&req).await
            })
            .await?;
        Ok(res.permalink.to_string())
    }

    async fn views_open(&self, trigger_id: &str, view: &SlackView) -> Result<(), SlackApiError> {
        let req = SlackApiViewsOpenRequest::new(trigger_id.into(), view.clone());
        // A trigger id opens one view: a second attempt could only fail or double.
        self.send_once("views.open", || async {
            self.session().views_open(&req).await
        })
        .await
        .map(drop)
    }

    async fn views_publish(&self, user: &str, view: &SlackView) -> Result<(), SlackApiError> {
        let req = SlackApiViewsPublishRequest::new(user.into(), view.clone());
        self.send("views.publish", || async {
            self.session().views_publish(&req).await
        })
        .await
        .map(drop)
    }

    async fn upload_file(
        &self,
        channel: &str,
        filename: &str,
        title: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SlackApiError> {
        let req = SlackApiFilesGetUploadUrlExternalRequest::new(filename.to_string(), bytes.len());
        let target = self
            .send("files.getUploadURLExternal", || async {
                self.session().get_upload_url_external(&req).await
            })
            .await?;
        upload_bytes(target.upload_url.0.as_str(), bytes).await?;
        let file = SlackApiFilesComplete::new(target.file_id).with_title(title.to_string());
        let req = SlackApiFilesCompleteUploadExternalRequest::new(vec![file])
            .with_channel_id(channel.into());
        self.send("files.completeUploadExternal", || async {
            self.session().files_complete_upload_external(&req).await
        })
        .await
        .map(drop)
    }

    async fn channel_info(&self, channel: &str) -> Result<ChannelInfo, SlackApiError> {
        let req = SlackApiConversationsInfoRequest::new(channel.into());
        let res = self
            .send("conversations.info", || async {
                self.session().conversations_info(&req).await
            })
            .await?;
        let flags = res.channel.flags;
        Ok(ChannelInfo {
            is_private: flags.is_private.unwrap_or(false) || flags.is_group.unwrap_or(false),
            is_member: flags.is_member.unwrap_or(false),
        })
    }

    async fn thread_replies(
        &self,
        channel: &str,
        thread_ts: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError> {
        let params = [
            ("channel", channel.to_string()),
            ("ts", thread_ts.to_string()),
        ];
        all_pages(|cursor| self.messages_page("conversations.replies", &params, cursor)).await
    }

    async fn history(
        &self,
        channel: &str,
        oldest: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError> {
        let params = [
            ("channel", channel.to_string()),
            ("oldest", oldest.to_string()),
        ];
        all_pages(|cursor| self.messages_page("conversations.history", &params, cursor)).await
    }

    async fn users_list(&self) -> Result<Vec<MemberNames>, SlackApiError> {
        all_pages(|cursor| async move {
            let req = SlackApiUsersListRequest::new()
                .with_limit(PAGE_SIZE)
                .opt_cursor(cursor);
            let res = self
                .send("users.list", || async {
                    self.session().users_list(&req).await
                })
                .await?;
            let members = res.members.into_iter().map(|u| {
                let profile = u.profile.unwrap_or_else(SlackUserProfile::new);
                MemberNames {
                    real_name: u.real_name.or(profile.real_name).unwrap_or_default(),
                    display_name: profile.display_name.unwrap_or_default(),
                    is_bot: u.flags.is_bot.unwrap_or(false),
                    deleted: u.deleted.unwrap_or(false),
                    id: u.id.0,
                }
            });
            Ok((members.collect(), next_cursor(res.response_metadata)))
        })
        .await
    }

    async fn files_info(&self, file: &str) -> Result<FileInfo, SlackApiError> {
        // Not slack-morphism's `files_info`: its `SlackFile` has no `size`,
        // which decides whether the file is read at all.
        let query = [("file", Some(file.to_string()))];
        let res: FilesInfo = self
            .send("files.info", || async {
                self.session()
                    .http_session_api
                    .http_get("files.info", &query, Some(&SLACK_TIER4_METHOD_CONFIG))
                    .await
            })
            .await?;
        let f = res.file;
        Ok(FileInfo {
            id: f.id,
            name: f.name.or(f.title).unwrap_or_default(),
            filetype: f.filetype.unwrap_or_default(),
            size: f.size.unwrap_or(0),
            url_private_download: f.url_private_download,
        })
    }

    async fn download_file(&self, url: &str, max_bytes: u64) -> Result<Vec<u8>, SlackApiError> {
        download(url, self.token.token_value.0.as_str(), max_bytes).await
    }
}

/// `files.info`'s answer, as far as scrumbot reads it.
#[derive(Deserialize)]
struct FilesInfo {
    file: WireFile,
}

#[derive(Deserialize)]
struct WireFile {
    id: String,
    name: Option<String>,
    title: Option<String>,
    filetype: Option<String>,
    size: Option<u64>,
    url_private_download: Option<String>,
}

/// Reads a private file with the bot token, stopping past `max_bytes`
/// whatever the server said the length would be.
async fn download(url: &str, token: &str, max_bytes: u64) -> Result<Vec<u8>, SlackApiError> {
    let mut res = reqwest::Client::new()
        .get(url)
        .bearer_auth(token)
        .timeout(Duration::from_secs(60))
        .send()
        .await
        .map_err(|e| SlackApiError::Transport(e.without_url().to_string()))?;
    if !res.status().is_success() {
        return Err(SlackApiError::Http(res.status().as_u16()));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = res
        .chunk()
        .await
        .map_err(|e| SlackApiError::Transport(e.without_url().to_string()))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > max_bytes {
            return Err(SlackApiError::Slack("file_too_large".into()));
        }
    }
    Ok(bytes)
}

/// Sends the bytes to the pre-signed URL of `files.getUploadURLExternal`
/// (without the bot token: see the module comment).
async fn upload_bytes(url: &str, bytes: Vec<u8>) -> Result<(), SlackApiError> {
    let res = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .timeout(Duration::from_secs(60))
        .send()
        .await
        .map_err(|e| SlackApiError::Transport(e.without_url().to_string()))?;
    if !res.status().is_success() {
        return Err(SlackApiError::Http(res.status().as_u16()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reason for [`WireMessage`]: a subtype slack-morphism does not know
    /// fails its whole page, ours keeps the page and the subtype. (Should the
    /// first assertion fail after an upgrade, slack-morphism has learned to
    /// accept unknown subtypes and its `conversations_history` can be used.)
    #[test]
    fn an_unknown_subtype_does_not_fail_a_page_of_history() {
        let page = r#"{"ok": true, "messages": [
            {"type": "message", "ts": "1.000100", "user": "U1", "text": "hi"},
            {"type": "message", "ts": "1.000200", "subtype": "huddle_thread", "text": ""},
            {"type": "message", "ts": "1.000300", "subtype": "bot_message", "bot_id": "B1", "text": "beep"},
            {"type": "message", "text": "no ts"}
        ], "response_metadata": {"next_cursor": ""}}"#;
        assert!(serde_json::from_str::<SlackApiConversationsHistoryResponse>(page).is_err());
        let page: MessagesPage = serde_json::from_str(page).expect("a tolerant page");
        let messages: Vec<HistoryMessage> = page
            .messages
            .into_iter()
            .filter_map(WireMessage::into_message)
            .collect();
        assert_eq!(messages.len(), 3, "the message without ts is skipped");
        assert_eq!(messages[0].user.as_deref(), Some("U1"));
        assert!(!messages[0].is_bot);
        assert_eq!(messages[1].subtype.as_deref(), Some("huddle_thread"));
        assert!(messages[2].is_bot);
        assert_eq!(next_cursor(page.response_metadata), None);
    }

    #[tokio::test]
    async fn all_pages_follows_the_cursor_until_it_is_empty() {
        let pages = all_pages(|cursor: Option<SlackCursorId>| async move {
            Ok(match cursor.as_ref().map(|c| c.0.as_str()) {
                None => (vec![1, 2], Some(SlackCursorId("p2".into()))),
                Some("p2") => (vec![3], Some(SlackCursorId("p3".into()))),
                _ => (vec![4], None),
            })
        })
        .await
        .expect("no error");
        assert_eq!(pages, vec![1, 2, 3, 4]);
    }
}
