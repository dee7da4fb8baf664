//! A conversation (a digest's day, a thread) made into the summarizer's
//! input, without Slack or the database: which messages are people talking,
//! in what order, and who may be named. The bot's digest and thread paths
//! and the evaluation (`tests/digest_eval.rs`) all go through here, so the
//! figures measured are those of what the bot posts.

use std::collections::HashSet;

use super::collect::conversation_order;
use crate::slack::api::HistoryMessage;
use crate::store::digests::StoredMessage;
use crate::summarize::offline::text::mentions;
use crate::summarize::{Entry, InputKind, SummaryInput};

/// Subtypes that are people writing; everything else is a system message.
const HUMAN_SUBTYPES: [&str; 3] = ["thread_broadcast", "file_share", "me_message"];

/// A message read from Slack, when a person (not a bot, not Slackbot, not
/// scrumbot itself) wrote it. `thread` is the thread it was read from.
pub fn human_message(
    m: &HistoryMessage,
    thread: Option<&str>,
    bot_user: &str,
) -> Option<StoredMessage> {
    let user = m.user.as_deref()?;
    let human_subtype = m
        .subtype
        .as_deref()
        .is_none_or(|s| HUMAN_SUBTYPES.contains(&s));
    if m.is_bot || !human_subtype || user == bot_user || user == "USLACKBOT" {
        return None;
    }
    if m.text.trim().is_empty() {
        return None;
    }
    Some(StoredMessage {
        ts: m.ts.clone(),
        thread_ts: thread
            .map(str::to_string)
            .or_else(|| m.thread_ts.clone())
            .filter(|t| *t != m.ts),
        user_id: user.to_string(),
        body: m.text.clone(),
    })
}

/// A request to the bot ("@scrumbot summarize") is not part of the conversation.
pub fn is_bot_command(bot_user: &str, text: &str) -> bool {
    let me = format!("<@{bot_user}");
    if bot_user.is_empty() || !text.contains(&me) {
        return false;
    }
    let words = text
        .split_whitespace()
        .filter(|w| !w.starts_with("<@"))
        .count();
    words <= 3
}

/// The conversation's messages without requests to the bot, each thread's
/// replies after its root.
pub fn conversation(messages: Vec<StoredMessage>, bot_user: &str) -> Vec<StoredMessage> {
    let kept = messages
        .into_iter()
        .filter(|m| !is_bot_command(bot_user, &m.body))
        .collect();
    conversation_order(kept)
}

/// The summarizer's input for `messages`, and the people who may be named:
/// the authors and whom they mentioned, never the bot.
pub fn summary_input(
    messages: &[StoredMessage],
    kind: InputKind,
    today: &str,
    bot_user: &str,
) -> (SummaryInput, HashSet<String>) {
    let input = SummaryInput {
        kind,
        questions: Vec::new(),
        entries: messages
            .iter()
            .map(|m| Entry {
                user: m.user_id.clone(),
                ts: Some(m.ts.clone()),
                answers: vec![m.body.clone()],
            })
            .collect(),
        today: today.to_string(),
    };
    let mut allowed: HashSet<String> = messages.iter().map(|m| m.user_id.clone()).collect();
    allowed.extend(messages.iter().flat_map(|m| mentions(&m.body)));
    allowed.remove(bot_user);
    (input, allowed)
}
