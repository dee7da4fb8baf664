//! Helpers for `tests/digest.rs`: a bot on a manual clock, signed message
//! events of every kind the digest cares about, and readers for what the
//! fake Slack received.
#![allow(dead_code)]

pub mod commands;
pub mod issue15;
pub mod llm;
pub mod thread_summary;

use serde_json::{json, Value};

use crate::common::fixtures::event_envelope;
use crate::common::*;

/// Epoch seconds of an RFC 3339 instant.
pub fn at(s: &str) -> i64 {
    s.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// A Slack ts `n` seconds after `base`.
pub fn ts(base: i64, n: i64) -> String {
    format!("{}.000100", base + n)
}

/// Starts the bot with its domain clock standing at `when`.
pub async fn spawn_at(db: Db, when: &str) -> TestApp {
    spawn_with_clock(db, at(when)).await
}

/// Stops the bot as a crash would and starts it again on the same fake
/// Slack, database and clock.
pub async fn restart(app: TestApp) -> TestApp {
    let clock = app.clock.clone();
    let (slack, url) = app.kill().await;
    start_with_clock(slack, url, &[], clock).await
}

pub async fn digest_cmd(app: &TestApp, channel: &str, text: &str) -> Value {
    app.command_as("U0001", channel, "/digest", text).await
}

pub fn reply_text(reply: &Value) -> String {
    reply["text"].as_str().unwrap_or_default().to_string()
}

fn unique_event_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!("EvDG{}", N.fetch_add(1, Ordering::Relaxed))
}

/// A new message (a thread reply when `thread` is set) as a signed event.
pub async fn say(app: &TestApp, user: &str, ts: &str, thread: Option<&str>, text: &str) {
    let body = match thread {
        Some(t) => event_envelope(
            "message_thread_reply",
            &unique_event_id(),
            json!({ "user": user, "channel": CHANNEL, "ts": ts, "thread_ts": t, "text": text, "blocks": null }),
        ),
        None => event_envelope(
            "message",
            &unique_event_id(),
            json!({ "user": user, "channel": CHANNEL, "ts": ts, "text": text, "blocks": null }),
        ),
    };
    assert_eq!(app.post_event(&body).await.status(), 200);
}

pub async fn edit(app: &TestApp, user: &str, ts: &str, text: &str) {
    let body = event_envelope(
        "message_changed",
        &unique_event_id(),
        json!({ "channel": CHANNEL, "previous_message": null,
                "message": { "user": user, "ts": ts, "text": text, "thread_ts": null, "parent_user_id": null, "blocks": null } }),
    );
    assert_eq!(app.post_event(&body).await.status(), 200);
}

pub async fn delete(app: &TestApp, user: &str, ts: &str) {
    let body = event_envelope(
        "message_deleted",
        &unique_event_id(),
        json!({ "channel": CHANNEL, "deleted_ts": ts,
                "previous_message": { "user": user, "ts": ts, "thread_ts": null, "parent_user_id": null, "blocks": null } }),
    );
    assert_eq!(app.post_event(&body).await.status(), 200);
}

/// A bot's message, the bot's own message and a join: none is a human message.
pub async fn noise(app: &TestApp, base: i64) {
    let events = [
        event_envelope(
            "bot_message",
            &unique_event_id(),
            json!({ "channel": CHANNEL, "ts": ts(base, 901), "text": "BOT-NOISE deploy finished" }),
        ),
        event_envelope(
            "message_from_app_bot",
            &unique_event_id(),
            json!({ "channel": CHANNEL, "ts": ts(base, 902), "text": "BOT-SELF we decided nothing", "blocks": null }),
        ),
        event_envelope(
            "message",
            &unique_event_id(),
            json!({ "channel": CHANNEL, "ts": ts(base, 903), "subtype": "channel_join", "user": "U0009", "text": "<@U0009> has joined the channel", "blocks": null }),
        ),
    ];
    for e in events {
        assert_eq!(app.post_event(&e).await.status(), 200);
    }
}

/// `chat.postMessage` calls to `channel` without a thread: the digests.
pub fn digests_posted(app: &TestApp, channel: &str) -> Vec<Call> {
    app.slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| {
            c.param("channel").as_deref() == Some(channel) && c.param("thread_ts").is_none()
        })
        .collect()
}

/// The mrkdwn of a message's sections, one string.
pub fn sections(call: &Call) -> String {
    call.json_param("blocks")
        .and_then(|b| b.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter(|b| b["type"] == "section")
        .filter_map(|b| b["text"]["text"].as_str().map(str::to_string))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts every bullet of a digest links its source message in `channel`.
pub fn assert_every_item_linked(text: &str, channel: &str) {
    let items: Vec<&str> = text.lines().filter(|l| l.starts_with('•')).collect();
    assert!(!items.is_empty(), "the digest has items:\n{text}");
    let link = format!("<https://acme.slack.com/archives/{channel}/p");
    for item in items {
        assert!(item.contains(&link), "item without a permalink: {item}");
    }
}

/// A history message as `conversations.history` returns it.
pub fn hist(user: &str, ts: &str, text: &str) -> Value {
    json!({ "type": "message", "user": user, "ts": ts, "text": text })
}

pub fn hist_reply(user: &str, ts: &str, thread: &str, text: &str) -> Value {
    json!({ "type": "message", "user": user, "ts": ts, "thread_ts": thread, "text": text })
}

/// A thread root with `replies` replies.
pub fn hist_root(user: &str, ts: &str, text: &str, replies: u32) -> Value {
    json!({ "type": "message", "user": user, "ts": ts, "thread_ts": ts, "reply_count": replies, "text": text })
}
