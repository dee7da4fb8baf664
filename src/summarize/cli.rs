//! `scrumbot summarize [FILE] [--offline] [--format json|slack] [--today YYYY-MM-DD]`:
//! summarizes an exported thread without Slack, so people can check the bot
//! on their own threads.
//!
//! FILE (standard input when absent or `-`) is a `conversations.replies`
//! response. When its first message is a bot's (a standup prompt), the
//! replies are read as a standup, per member, with the questions taken from
//! the prompt; otherwise the whole thread is read message by message.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context as _};
use serde::Deserialize;

use std::sync::LazyLock;

use regex::Regex;

use super::offline::text::{is_combined_question, is_open_prompt, mentions, question_role, Role};
use super::{Entry, InputKind, Summarizer, Summary, SummaryInput};

/// The questions assumed when a standup prompt does not spell them out.
const DEFAULT_QUESTIONS: [&str; 3] = [
    "What did you do since the last standup?",
    "What will you do today?",
    "Anything blocking you?",
];

/// What `summarize` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The summary as JSON
    Json,
    /// The Slack message the bot would post (text and Block Kit)
    Slack,
}

#[derive(Debug, Deserialize)]
struct Replies {
    #[serde(default)]
    ok: Option<bool>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    messages: Vec<Message>,
}

#[derive(Debug, Deserialize)]
struct Message {
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    ts: Option<String>,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    subtype: Option<String>,
}

/// Runs the command: reads the export (standard input when `file` is
/// `None` or `-`), summarizes it with `summarizer`, prints the summary.
/// `today` is the day the summary is for (default: the first message's).
pub async fn run(
    file: Option<&Path>,
    format: Format,
    today: Option<jiff::civil::Date>,
    summarizer: Summarizer,
) -> anyhow::Result<()> {
    if let Some(path) = file.filter(|p| crate::meetings::cli::is_transcript_path(p)) {
        let slack = format == Format::Slack;
        return crate::meetings::cli::run(path, slack, today, summarizer).await;
    }
    let raw = match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?,
        _ => read_stdin()?,
    };
    let today = today.map(|d| d.to_string());
    let (input, allowed) = input_from_replies(&raw, today.as_deref())?;
    let outcome = summarizer.summarize_with_outcome(&input, &allowed).await;
    if let Some(reason) = &outcome.fallback_reason {
        eprintln!("note: the LLM failed ({reason}); this summary is from the offline engine");
    }
    println!("{}", output(&outcome.summary, input.kind, format)?);
    Ok(())
}

fn read_stdin() -> anyhow::Result<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("cannot read standard input")?;
    Ok(s)
}

fn output(summary: &Summary, kind: InputKind, format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(summary)?,
        Format::Slack => {
            let title = if kind == InputKind::Standup {
                "Standup summary"
            } else {
                "Thread summary"
            };
            let message = crate::render::summary::thread_message(summary, title);
            serde_json::to_string_pretty(
                &serde_json::json!({"text": message.text, "blocks": message.blocks}),
            )?
        }
    })
}

/// The summarizer's input and the people who may be named: everyone who
/// wrote in the thread or was mentioned in it.
pub fn input_from_replies(
    raw: &str,
    today: Option<&str>,
) -> anyhow::Result<(SummaryInput, HashSet<String>)> {
    let replies: Replies =
        serde_json::from_str(raw).context("not a conversations.replies response")?;
    if replies.ok == Some(false) {
        bail!(
            "the response is an error: {}",
            replies.error.unwrap_or_default()
        );
    }
    let Some((parent, rest)) = replies.messages.split_first() else {
        bail!("the response has no messages");
    };
    let today = match today {
        Some(t) => t.to_string(),
        None => day_of(parent.ts.as_deref()),
    };
    let is_prompt = parent.bot_id.is_some() || parent.subtype.as_deref() == Some("bot_message");
    let human = |m: &&Message| {
        m.user.is_some() && m.bot_id.is_none() && m.subtype.is_none() && !m.text.trim().is_empty()
    };
    let input = if is_prompt {
        let questions = questions_in(&parent.text);
        SummaryInput {
            kind: InputKind::Standup,
            entries: per_member(rest.iter().filter(human)),
            questions,
            today,
        }
    } else {
        let entries = replies
            .messages
            .iter()
            .filter(human)
            .map(|m| Entry {
                user: m.user.clone().unwrap_or_default(),
                ts: m.ts.clone(),
                thread_ts: None,
                answers: vec![m.text.clone()],
            })
            .collect();
        SummaryInput {
            kind: InputKind::Thread,
            questions: vec![],
            entries,
            today,
        }
    };
    let mut allowed: HashSet<String> = input.entries.iter().map(|e| e.user.clone()).collect();
    allowed.extend(
        input
            .entries
            .iter()
            .flat_map(|e| e.answers.iter().flat_map(|a| mentions(a))),
    );
    Ok((input, allowed))
}

/// A member's replies become their answers in order, one per question. Each
/// reply stays apart, also past the number of questions: the engine reads
/// the ones after a complete answer as conversation ("Will do"), not as
/// the next answer.
fn per_member<'a>(messages: impl Iterator<Item = &'a Message>) -> Vec<Entry> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_user: BTreeMap<&str, Vec<&Message>> = BTreeMap::new();
    for m in messages {
        let user = m.user.as_deref().unwrap_or_default();
        if !by_user.contains_key(user) {
            order.push(user);
        }
        by_user.entry(user).or_default().push(m);
    }
    order
        .into_iter()
        .map(|user| {
            let msgs = &by_user[user];
            let answers = msgs.iter().map(|m| m.text.clone()).collect();
            Entry {
                user: user.to_string(),
                ts: msgs[0].ts.clone(),
                thread_ts: None,
                answers,
            }
        })
        .collect()
}

/// The questions of a standup prompt. A list ("1. …", "• …") holds one
/// question a line, whatever it asks: "Anything the team should know?"
/// and "Mood 1–5?" are questions too, so the answers after them keep their
/// places. Without a list, the prompt's clauses that read as a standup
/// question ("what did you do yesterday, what will you do today, any
/// blockers?"); one open prompt that asks for an update in several words
/// ("progress, plans, anything in your way") stays one question, answered
/// in one free message. The default three when nothing reads as one.
fn questions_in(prompt: &str) -> Vec<String> {
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:\d{1,2}[.)]|[•\-*▪◦])\s+(\S.*)$").unwrap());
    let listed: Vec<String> = prompt
        .lines()
        .filter_map(|l| ITEM.captures(l))
        .map(|c| format!("{}?", c[1].trim().trim_end_matches(['?', ' '])))
        .collect();
    if listed.len() >= 2 {
        return listed;
    }
    // The title line ("Standup für … — bitte hier im Thread antworten")
    // asks nothing when more lines follow.
    let body = match prompt.split_once('\n') {
        Some((_, rest)) if !rest.trim().is_empty() => rest,
        _ => prompt,
    };
    let found: Vec<String> = prompt
        .split(['?', ',', ':', '\n', ';'])
        .map(|c| c.trim().trim_start_matches(['•', '-', '*', ' ']).trim())
        .filter(|c| {
            !c.is_empty() && c.split_whitespace().count() <= 12 && question_role(c) != Role::Other
        })
        .map(|c| format!("{c}?"))
        .collect();
    // "what did you do yesterday, what will you do today, any blockers?"
    // names the three questions one by one; an open prompt does not.
    let roles: Vec<Role> = found.iter().map(|q| question_role(q)).collect();
    let classic = roles == [Role::Done, Role::Planned, Role::Blockers];
    if is_open_prompt(body) || (!classic && is_combined_question(body)) {
        vec![body.trim().to_string()]
    } else if found.is_empty() {
        DEFAULT_QUESTIONS.iter().map(|q| q.to_string()).collect()
    } else {
        found
    }
}

/// The UTC day of a Slack ts, `YYYY-MM-DD`; today's when there is none.
fn day_of(ts: Option<&str>) -> String {
    let secs = ts
        .and_then(|t| t.split('.').next())
        .and_then(|s| s.parse::<i64>().ok());
    let stamp = secs
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    stamp.to_zoned(jiff::tz::TimeZone::UTC).date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_standup_thread_export_is_read_per_member() {
        let raw =
            std::fs::read_to_string("tests/fixtures/slack/api/conversations.replies.json").unwrap();
        let (input, allowed) = input_from_replies(&raw, None).unwrap();
        assert_eq!(input.kind, InputKind::Standup);
        let roles: Vec<Role> = input.questions.iter().map(|q| question_role(q)).collect();
        assert_eq!(roles, [Role::Done, Role::Planned, Role::Blockers]);
        assert_eq!(input.today, "2024-11-25");
        assert!(allowed.contains("U0001"));
        let s = super::super::offline::summarize(&input);
        assert_eq!(s.blockers.len(), 1, "{s:?}");
        assert_eq!(s.blockers[0].user, "U0001");
    }

    #[test]
    fn a_plain_thread_is_read_message_by_message() {
        let raw = r#"{"ok": true, "messages": [
            {"type": "message", "user": "U1", "text": "Should we ship on Friday?", "ts": "1764000000.000100"},
            {"type": "message", "user": "U2", "text": "Yes, let's go with Friday.", "ts": "1764000100.000100"}]}"#;
        let (input, _) = input_from_replies(raw, Some("2026-11-25")).unwrap();
        assert_eq!(input.kind, InputKind::Thread);
        assert_eq!(input.entries.len(), 2);
    }

    #[test]
    fn an_error_response_is_refused() {
        assert!(
            input_from_replies(r#"{"ok": false, "error": "channel_not_found"}"#, None).is_err()
        );
    }
}
