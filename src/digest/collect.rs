//! The messages of a digest window: those received as events, plus — only
//! when the record has a gap (the digest was switched on inside the window,
//! or the bot was down) — a backfill from `conversations.history` (every
//! page) and `conversations.replies` for the threads active in the window.
//!
//! Calls are made one after the other, and the Web API client waits out
//! every 429 as Slack asks, so a backfill never hammers Tier 3 methods.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::context::Context;
use crate::digest::{conversation, ts_secs, Digest};
use crate::slack::api::HistoryMessage;
use crate::store::digests::{MessageWrite, StoredMessage};

/// Most threads read in one backfill (one `conversations.replies` each).
const MAX_THREADS: usize = 100;
/// Most messages one digest reads from the database.
const MAX_MESSAGES: i64 = 20_000;

/// The human messages of `channel` in `window`, in conversation order.
/// With a digest that is on, backfilled messages are stored too.
pub async fn gather(
    ctx: &Context,
    team: &str,
    channel: &str,
    window: (i64, i64),
    digest: Option<&Digest>,
) -> anyhow::Result<Vec<StoredMessage>> {
    let started = ctx.clock.now();
    let mut by_ts: BTreeMap<String, StoredMessage> = BTreeMap::new();
    if digest.is_some() {
        for m in ctx
            .store
            .channel_messages_window(team, channel, window, MAX_MESSAGES)
            .await?
        {
            by_ts.insert(m.ts.clone(), m);
        }
    }
    if digest.is_none_or(|d| d.covered_from > window.0) {
        let deleted: HashSet<String> = match digest {
            Some(_) => ctx
                .store
                .channel_messages_deleted(team, channel, window)
                .await?
                .into_iter()
                .collect(),
            None => HashSet::new(),
        };
        let known_threads: Vec<String> =
            by_ts.values().filter_map(|m| m.thread_ts.clone()).collect();
        let fetched = backfill(ctx, channel, window, known_threads).await?;
        tracing::info!(
            channel,
            fetched = fetched.len(),
            "digest window had a gap; backfilled from history"
        );
        for m in fetched.into_iter().filter(|m| !deleted.contains(&m.ts)) {
            if digest.is_some() {
                ctx.store
                    .channel_message_upsert(team, channel, &m, started, MessageWrite::Fetched)
                    .await?;
            }
            by_ts.insert(m.ts.clone(), m);
        }
        if let Some(d) = digest {
            ctx.store
                .digest_mark_covered(team, d.id, window.0, started)
                .await?;
        }
    }
    let messages = by_ts.into_values().collect();
    Ok(conversation::conversation(messages, &ctx.bot().user_id))
}

/// Reads the window from Slack: top-level messages from history, replies
/// of threads started in the window and of `known_threads`.
async fn backfill(
    ctx: &Context,
    channel: &str,
    window: (i64, i64),
    known_threads: Vec<String>,
) -> anyhow::Result<Vec<StoredMessage>> {
    let in_window = |ts: &str| (window.0..window.1).contains(&ts_secs(ts));
    let history = ctx
        .slack
        .history(channel, &(window.0 - 1).to_string())
        .await?;
    let mut out = Vec::new();
    let mut threads: BTreeSet<String> = known_threads.into_iter().collect();
    for m in &history {
        if !in_window(&m.ts) {
            continue;
        }
        if m.reply_count > 0 {
            threads.insert(m.ts.clone());
        }
        if let Some(s) = stored(ctx, m, None) {
            out.push(s);
        }
    }
    if threads.len() > MAX_THREADS {
        tracing::warn!(
            channel,
            threads = threads.len(),
            "too many active threads; reading the latest {MAX_THREADS}"
        );
    }
    for thread in threads.iter().rev().take(MAX_THREADS) {
        let replies = match ctx.slack.thread_replies(channel, thread).await {
            Ok(r) => r,
            Err(e) => {
                // One unreadable thread should not cost the whole digest.
                tracing::warn!(channel, thread, error = %e, "could not read a thread");
                continue;
            }
        };
        out.extend(
            replies
                .iter()
                .filter(|r| r.ts != *thread && in_window(&r.ts))
                .filter_map(|r| stored(ctx, r, Some(thread))),
        );
    }
    Ok(out)
}

/// A message read from Slack, when a person wrote it.
pub fn stored(ctx: &Context, m: &HistoryMessage, thread: Option<&str>) -> Option<StoredMessage> {
    conversation::human_message(m, thread, &ctx.bot().user_id)
}

/// A request to the bot ("@scrumbot summarize") is not part of the conversation.
pub fn is_bot_command(ctx: &Context, text: &str) -> bool {
    conversation::is_bot_command(&ctx.bot().user_id, text)
}

/// A Slack ts as a number pair, for ordering.
fn ts_key(ts: &str) -> (i64, i64) {
    let (s, f) = ts.split_once('.').unwrap_or((ts, "0"));
    (s.parse().unwrap_or(0), f.parse().unwrap_or(0))
}

/// Top-level messages in time order, each followed by its replies, so that
/// "who answered the question" reads as it happened in the thread.
pub fn conversation_order(messages: Vec<StoredMessage>) -> Vec<StoredMessage> {
    let mut groups: BTreeMap<String, Vec<StoredMessage>> = BTreeMap::new();
    for m in messages {
        let root = m.thread_ts.clone().unwrap_or_else(|| m.ts.clone());
        groups.entry(root).or_default().push(m);
    }
    let mut groups: Vec<Vec<StoredMessage>> = groups.into_values().collect();
    for g in &mut groups {
        g.sort_by_key(|m| (m.thread_ts.is_some(), ts_key(&m.ts)));
    }
    groups.sort_by_key(|g| g.first().map(|m| ts_key(&m.ts)).unwrap_or_default());
    groups.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(ts: &str, thread: Option<&str>) -> StoredMessage {
        StoredMessage {
            ts: ts.into(),
            thread_ts: thread.map(str::to_string),
            user_id: "U1".into(),
            body: ts.into(),
        }
    }

    #[test]
    fn replies_follow_their_root() {
        let ordered = conversation_order(vec![
            msg("100.000003", None),
            msg("100.000002", Some("100.000001")),
            msg("100.000001", None),
            msg("100.000004", Some("99.000001")),
        ]);
        let ts: Vec<&str> = ordered.iter().map(|m| m.ts.as_str()).collect();
        assert_eq!(ts, ["100.000001", "100.000002", "100.000003", "100.000004"]);
    }
}
