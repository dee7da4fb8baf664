//! Purpose: turn a meeting transcript shared with the bot into notes in the
//! file's thread — from a file shared in a channel the bot is in or sent to
//! it by DM, and (through [`make_notes`]) from the "Make meeting notes"
//! shortcut. The notes' action items owned by members are stored like a
//! standup's (Done / Snooze / Reassign / Create issue, App Home, nudges).

use crate::context::Context;
use crate::followup::tracking::source_board_key;
use crate::followup::{ActionItem, ItemStatus};
use crate::ids::TeamId;
use crate::meetings::notes::{self, Notes};
use crate::meetings::speakers::{self, Member};
use crate::meetings::{is_transcript_name, looks_like_transcript, transcript, MAX_FILE_BYTES};
use crate::render::meeting::{self as render, Declined};
use crate::slack::api::{FileInfo, SlackApiError};
use crate::slack::inbound::SharedFiles;

/// How long the workspace's member names are reused before `users.list`
/// is read again: long enough for a burst of files, short enough that a
/// new colleague is matched the same day.
const MEMBER_NAMES_SECS: i64 = 10 * 60;
/// Most action items stored from one meeting: what a team can follow up
/// on (the board shows 20 with buttons); the notes list every one.
const MAX_STORED_ITEMS: usize = 100;
/// Slack types that are text a transcript can be in.
const TEXT_TYPES: [&str; 4] = ["vtt", "srt", "text", "plain"];

/// Where the notes go and who asked.
#[derive(Debug, Clone)]
pub struct Place {
    pub team: String,
    pub channel: String,
    pub thread_ts: String,
    pub user: String,
    /// A DM, or the shortcut: any file is looked at, and one that is not a
    /// transcript is declined. (In a channel, other files are ignored.)
    pub strict: bool,
}

/// The files of a message: each transcript among them gets notes.
pub async fn on_files(ctx: &Context, team: &TeamId, files: &SharedFiles) -> anyhow::Result<()> {
    if ctx.is_self(files.user.as_str()) {
        return Ok(());
    }
    let place = Place {
        team: team.as_str().to_string(),
        channel: files.channel.as_str().to_string(),
        thread_ts: files
            .thread_ts
            .as_ref()
            .unwrap_or(&files.ts)
            .as_str()
            .to_string(),
        user: files.user.as_str().to_string(),
        strict: files.direct,
    };
    for f in &files.files {
        // Named in the event and plainly not a transcript: not worth a call.
        if !place.strict && !f.name.is_empty() && !looks_like_transcript(&f.name) {
            continue;
        }
        make_notes(ctx, &place, &f.id).await?;
    }
    Ok(())
}

/// Reads one file and posts its notes in `place`'s thread, once.
pub async fn make_notes(ctx: &Context, place: &Place, file_id: &str) -> anyhow::Result<()> {
    let info = match ctx.slack.files_info(file_id).await {
        Ok(info) => info,
        Err(SlackApiError::Slack(code)) => {
            tracing::info!(code, "files.info refused a shared file");
            return decline(ctx, place, Declined::Unreadable, file_id).await;
        }
        Err(e) => return Err(e.into()),
    };
    let readable = is_transcript_name(&info.name) || TEXT_TYPES.contains(&info.filetype.as_str());
    if !readable || (!place.strict && !looks_like_transcript(&info.name)) {
        if place.strict {
            return decline(ctx, place, Declined::NotATranscript, &info.name).await;
        }
        return Ok(());
    }
    if info.size > MAX_FILE_BYTES {
        return decline(ctx, place, Declined::TooLarge, &info.name).await;
    }
    let text = match read(ctx, &info).await {
        Ok(text) => text,
        Err(why) => return decline(ctx, place, why, &info.name).await,
    };
    let turns = transcript::parse(&text);
    if turns.is_empty() {
        return decline(ctx, place, Declined::NoSpeech, &info.name).await;
    }
    let tz = crate::standup::runs::user_tz(ctx, &place.user).await;
    let today = crate::digest::local_day(ctx.clock.now(), &tz);
    let mut notes = notes::make(&ctx.summarizer, &turns, &today).await;
    let members = members(ctx, &place.team).await;
    let names: Vec<String> = notes.speakers.iter().map(|s| s.name.clone()).collect();
    notes.members(speakers::match_all(&names, &members));
    post(ctx, place, &info, &notes).await
}

/// The file's text, or why it cannot be read.
async fn read(ctx: &Context, info: &FileInfo) -> Result<String, Declined> {
    let Some(url) = info.url_private_download.as_deref() else {
        return Err(Declined::Unreadable);
    };
    match ctx.slack.download_file(url, MAX_FILE_BYTES).await {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(SlackApiError::Slack(code)) if code == "file_too_large" => Err(Declined::TooLarge),
        Err(e) => {
            tracing::warn!(error = %e, "a shared transcript could not be downloaded");
            Err(Declined::Unreadable)
        }
    }
}

/// Posts the notes (or, when too long, a file and a short message) under a
/// claim, then their action items.
async fn post(ctx: &Context, place: &Place, info: &FileInfo, notes: &Notes) -> anyhow::Result<()> {
    let key = format!("meeting_notes:{}:{}", place.channel, info.id);
    if !ctx.store.post_claim(&place.team, &key).await? {
        if place.strict {
            let text = "The notes of this file are already in its thread.";
            say(ctx, place, text).await?;
        }
        return Ok(());
    }
    let posted = if render::fits(notes) {
        let m = render::notes(notes, &info.name);
        ctx.slack
            .post_message(
                &place.channel,
                &m.text,
                Some(&m.blocks),
                Some(&place.thread_ts),
            )
            .await
    } else {
        send_as_file(ctx, place, info, notes).await
    };
    let posted = match posted {
        Ok(p) => p,
        Err(e) => {
            ctx.store.post_release(&place.team, &key).await?;
            return Err(e.into());
        }
    };
    ctx.store
        .post_record(&place.team, &key, &posted.channel, &posted.ts)
        .await?;
    let link = ctx.slack.permalink(&posted.channel, &posted.ts).await.ok();
    record_items(ctx, place, notes, link.unwrap_or(key)).await
}

async fn send_as_file(
    ctx: &Context,
    place: &Place,
    info: &FileInfo,
    notes: &Notes,
) -> Result<crate::slack::api::Posted, SlackApiError> {
    let body = render::notes_file(notes, &info.name).into_bytes();
    let name = format!(
        "{}-notes.md",
        info.name
            .rsplit_once('.')
            .map_or(info.name.as_str(), |(stem, _)| stem)
    );
    ctx.slack
        .upload_file(&place.channel, &name, "Meeting notes", body)
        .await?;
    let text = render::sent_as_file(notes);
    ctx.slack
        .post_message(&place.channel, &text, None, Some(&place.thread_ts))
        .await
}

/// Stores the action items owned by members (an unmatched speaker cannot be
/// nudged or press a button) and posts them with their buttons.
async fn record_items(
    ctx: &Context,
    place: &Place,
    notes: &Notes,
    link: String,
) -> anyhow::Result<()> {
    let created_at = ctx.clock.now();
    for p in notes.action_items.iter().take(MAX_STORED_ITEMS) {
        let Some(owner) = notes.speakers.get(p.speaker).and_then(|s| s.member.clone()) else {
            continue;
        };
        let item = ActionItem {
            id: 0,
            team_id: place.team.clone(),
            channel_id: place.channel.clone(),
            run_id: None,
            owner,
            text: notes.text(&p.text, true),
            due: p.due.clone(),
            status: ItemStatus::Open,
            snoozed_until: None,
            source_link: Some(link.clone()),
            manager: place.user.clone(),
            issue_url: None,
            done_by: None,
            created_at,
        };
        ctx.store.item_insert(&item).await?;
    }
    let items = ctx.store.items_from_source(&place.team, &link).await?;
    let key = source_board_key(&link);
    if items.is_empty() || !ctx.store.post_claim(&place.team, &key).await? {
        return Ok(());
    }
    let board = crate::render::followup::board(&items);
    let posted = ctx
        .slack
        .post_message(
            &place.channel,
            &board.text,
            Some(&board.blocks),
            Some(&place.thread_ts),
        )
        .await;
    match posted {
        Ok(p) => {
            ctx.store
                .post_record(&place.team, &key, &p.channel, &p.ts)
                .await?
        }
        Err(e) => {
            ctx.store.post_release(&place.team, &key).await?;
            return Err(e.into());
        }
    }
    let owners: std::collections::BTreeSet<&str> = items.iter().map(|i| i.owner.as_str()).collect();
    for owner in owners {
        crate::followup::tracking::publish_home(ctx, &place.team, owner).await;
    }
    Ok(())
}

/// The workspace's people, from the store when fresh, else `users.list`.
/// Without them every speaker keeps their name, which is still correct.
async fn members(ctx: &Context, team: &str) -> Vec<Member> {
    let now = ctx.clock.now();
    if let Ok(Some(json)) = ctx
        .store
        .member_names_get(team, now - MEMBER_NAMES_SECS)
        .await
    {
        if let Ok(members) = serde_json::from_str(&json) {
            return members;
        }
    }
    let list = match ctx.slack.users_list().await {
        Ok(list) => list,
        Err(e) => {
            tracing::warn!(error = %e, "users.list failed; speakers keep their names");
            return Vec::new();
        }
    };
    let members: Vec<Member> = list
        .into_iter()
        .filter(|m| !m.is_bot && !m.deleted)
        .map(|m| Member {
            id: m.id,
            real_name: m.real_name,
            display_name: m.display_name,
        })
        .collect();
    if let Ok(json) = serde_json::to_string(&members) {
        if let Err(e) = ctx.store.member_names_put(team, &json, now).await {
            tracing::warn!(error = %e, "member names not cached");
        }
    }
    members
}

async fn decline(ctx: &Context, place: &Place, why: Declined, file: &str) -> anyhow::Result<()> {
    say(ctx, place, &render::declined(why, file)).await
}

/// One sentence to the person who shared the file: in a DM as a reply, in
/// a channel only to them.
async fn say(ctx: &Context, place: &Place, text: &str) -> anyhow::Result<()> {
    if place.channel.starts_with('D') {
        ctx.slack
            .post_message(&place.channel, text, None, Some(&place.thread_ts))
            .await?;
    } else {
        ctx.slack
            .post_ephemeral(&place.channel, &place.user, text, None)
            .await?;
    }
    Ok(())
}
