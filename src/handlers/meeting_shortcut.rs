//! Purpose: the "Make meeting notes" message shortcut — the notes of the
//! transcript a message carries, posted in that message's thread (once: a
//! second use is told the notes are there already).

use super::meeting_file::{make_notes, Place};
use crate::context::Context;
use crate::slack::inbound::MessageShortcut;

/// What the person is told when the message has no file to read.
const NO_FILE: &str = "That message has no file: use *Make meeting notes* on the message that shares the transcript (.vtt, .srt or .txt).";

pub async fn on_shortcut(ctx: &Context, s: &MessageShortcut) -> anyhow::Result<()> {
    let (Some(channel), Some(thread)) = (s.channel.as_ref(), s.message.thread()) else {
        return Ok(());
    };
    let place = Place {
        team: s.actor.team_id.as_str().to_string(),
        channel: channel.as_str().to_string(),
        thread_ts: thread.as_str().to_string(),
        user: s.actor.user_id.as_str().to_string(),
        strict: true,
    };
    if s.message.files.is_empty() {
        ctx.slack
            .post_ephemeral(&place.channel, &place.user, NO_FILE, None)
            .await?;
        return Ok(());
    }
    for f in &s.message.files {
        make_notes(ctx, &place, &f.id).await?;
    }
    Ok(())
}
