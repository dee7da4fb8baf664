//! Purpose: Slack errors a user can fix, told to them in words — "invite me
//! to the channel", "reinstall the app" — instead of a "done" in Slack and
//! the real reason only in the log.

use super::CommandReply;
use crate::context::Context;
use crate::slack::api::SlackApiError;

/// The sentence for an error the user can fix, or `None` when there is
/// nothing they can do about it (an outage, a bug: those are logged).
/// `scope` names the scope the failed call needs, for `missing_scope`.
pub fn in_words(e: &SlackApiError, channel: &str, scope: &str) -> Option<String> {
    let text = match e.code()? {
        "not_in_channel" | "channel_not_found" => not_in_channel(channel),
        "missing_scope" => format!(
            ":warning: This needs the `{scope}` permission (a Slack scope) that scrumbot does not have. \
             Reinstall the app from the current `manifest.yml` (api.slack.com/apps → scrumbot → \
             *Install App* → *Reinstall*), then try again."
        ),
        "is_archived" => format!(":warning: <#{channel}> is archived; unarchive it first."),
        "restricted_action" | "restricted_action_read_only_channel" => format!(
            ":warning: Only some members may post in <#{channel}>; allow scrumbot to post there, \
             or use another channel."
        ),
        _ => return None,
    };
    Some(text)
}

fn not_in_channel(channel: &str) -> String {
    format!(
        ":wave: I'm not in <#{channel}> yet. Invite me with `/invite @scrumbot` in the channel, \
         then try again."
    )
}

/// Checks that the bot can post in `channel` before a command promises to;
/// the reply to give instead when it cannot. A failure that is not the
/// user's to fix lets the command go on (the post itself will tell).
pub async fn cannot_post_in(ctx: &Context, channel: &str) -> Option<CommandReply> {
    match ctx.slack.channel_info(channel).await {
        Ok(info) if info.is_member => None,
        Ok(_) => Some(CommandReply::ephemeral(not_in_channel(channel))),
        Err(e) => in_words(&e, channel, "channels:read").map(CommandReply::ephemeral),
    }
}
