//! [`ScopedSlack`]: `ctx.slack` in multi-workspace mode. Every call goes to
//! the client of the workspace the running task serves (see [`super::scope`]),
//! with that workspace's token and 429 gates; outside any scope it fails
//! loudly instead of picking one.

use std::sync::Arc;

use async_trait::async_trait;
use slack_morphism::prelude::{SlackBlock, SlackView};

use super::scope;
use crate::slack::api::{
    BotIdentity, ChannelInfo, FileInfo, HistoryMessage, MemberNames, Posted, SlackApi,
    SlackApiError, SlackWebClient, UserInfo,
};

/// The Slack API of whichever workspace the running task serves.
pub struct ScopedSlack;

impl ScopedSlack {
    async fn client(&self, method: &'static str) -> Result<Arc<SlackWebClient>, SlackApiError> {
        match scope::current() {
            Some(ws) => ws.client().await,
            None => {
                tracing::error!(
                    method,
                    "Slack call outside any workspace scope in multi-workspace mode: not sent (a bug: the entry point must use install::scope::within)"
                );
                Err(SlackApiError::NoWorkspace)
            }
        }
    }
}

#[async_trait]
impl SlackApi for ScopedSlack {
    async fn auth_test(&self) -> Result<BotIdentity, SlackApiError> {
        self.client("auth.test").await?.auth_test().await
    }

    async fn post_message(
        &self,
        channel: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
        thread_ts: Option<&str>,
    ) -> Result<Posted, SlackApiError> {
        let client = self.client("chat.postMessage").await?;
        client.post_message(channel, text, blocks, thread_ts).await
    }

    async fn post_ephemeral(
        &self,
        channel: &str,
        user: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError> {
        let client = self.client("chat.postEphemeral").await?;
        client.post_ephemeral(channel, user, text, blocks).await
    }

    async fn update_message(
        &self,
        channel: &str,
        ts: &str,
        text: &str,
        blocks: Option<&[SlackBlock]>,
    ) -> Result<(), SlackApiError> {
        let client = self.client("chat.update").await?;
        client.update_message(channel, ts, text, blocks).await
    }

    async fn users_info(&self, user: &str) -> Result<UserInfo, SlackApiError> {
        self.client("users.info").await?.users_info(user).await
    }

    async fn conversation_members(&self, channel: &str) -> Result<Vec<String>, SlackApiError> {
        let client = self.client("conversations.members").await?;
        client.conversation_members(channel).await
    }

    async fn open_dm(&self, user: &str) -> Result<String, SlackApiError> {
        self.client("conversations.open").await?.open_dm(user).await
    }

    async fn permalink(&self, channel: &str, ts: &str) -> Result<String, SlackApiError> {
        let client = self.client("chat.getPermalink").await?;
        client.permalink(channel, ts).await
    }

    async fn views_open(&self, trigger_id: &str, view: &SlackView) -> Result<(), SlackApiError> {
        self.client("views.open")
            .await?
            .views_open(trigger_id, view)
            .await
    }

    async fn views_publish(&self, user: &str, view: &SlackView) -> Result<(), SlackApiError> {
        self.client("views.publish")
            .await?
            .views_publish(user, view)
            .await
    }

    async fn upload_file(
        &self,
        channel: &str,
        filename: &str,
        title: &str,
        bytes: Vec<u8>,
    ) -> Result<(), SlackApiError> {
        let client = self.client("files.getUploadURLExternal").await?;
        client.upload_file(channel, filename, title, bytes).await
    }

    async fn channel_info(&self, channel: &str) -> Result<ChannelInfo, SlackApiError> {
        let client = self.client("conversations.info").await?;
        client.channel_info(channel).await
    }

    async fn thread_replies(
        &self,
        channel: &str,
        thread_ts: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError> {
        let client = self.client("conversations.replies").await?;
        client.thread_replies(channel, thread_ts).await
    }

    async fn history(
        &self,
        channel: &str,
        oldest: &str,
    ) -> Result<Vec<HistoryMessage>, SlackApiError> {
        let client = self.client("conversations.history").await?;
        client.history(channel, oldest).await
    }

    async fn users_list(&self) -> Result<Vec<MemberNames>, SlackApiError> {
        self.client("users.list").await?.users_list().await
    }

    async fn files_info(&self, file: &str) -> Result<FileInfo, SlackApiError> {
        self.client("files.info").await?.files_info(file).await
    }

    async fn download_file(&self, url: &str, max_bytes: u64) -> Result<Vec<u8>, SlackApiError> {
        let client = self.client("files.download").await?;
        client.download_file(url, max_bytes).await
    }
}
