//! Trust in the Web API and the store: a post Slack took but answered with
//! an error is not posted again; what users wrote is erased on deletion and
//! purged after the retention period.

mod common;

use std::collections::HashMap;

use common::*;
use serde_json::{json, Value};

/// Slack sometimes fails *after* it posted. Every other `chat.postMessage`
/// here is recorded and then answered HTTP 500: the parent, the two nudges
/// (DMs), the action items and both summaries must each exist once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_answered_500_after_slack_took_them_are_not_posted_twice() {
    let app = spawn_app(Db::Sqlite).await;
    app.slack.keep_posts();
    app.slack
        .fail_every("chat.postMessage", 2, Failure::DoneThenServerError);

    app.standup("start").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    let parent = app
        .text("SELECT parent_ts FROM runs WHERE status = 'open'")
        .await;
    let answers = [
        ("U0001", "1900000003.000100", "Yesterday: finished the login page\nToday: password reset flow\nBlockers: waiting on <@U0002> for the API keys"),
        ("U0002", "1900000003.000200", "Yesterday: API keys rotation\nToday: I'll send the keys to <@U0001> by Friday\nBlockers: none"),
    ];
    for (user, ts, text) in answers {
        // Slack keeps the reply (the close reads the thread back) and sends the event.
        app.slack.add_message(
            CHANNEL,
            json!({"type": "message", "user": user, "ts": ts, "thread_ts": parent, "text": text}),
        );
        app.reply_in_thread(user, &parent, ts, text).await;
    }
    app.wait_count("SELECT COUNT(*) FROM answers", 2).await;
    app.idle().await;
    app.standup("close").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    app.idle().await;

    let posted = app.slack.posted();
    let mut copies: HashMap<(String, String, String), usize> = HashMap::new();
    for message in &posted {
        let field = |k: &str| {
            message
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        *copies
            .entry((field("channel"), field("thread_ts"), field("text")))
            .or_default() += 1;
    }
    let twice: Vec<_> = copies.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "{} message(s) posted more than once: {twice:#?}\nSlack calls:\n{}",
        twice.len(),
        app.slack.describe_calls()
    );
    let in_channel = |thread: bool| {
        posted
            .iter()
            .filter(|m| m["channel"] == CHANNEL && m.get("thread_ts").is_some() == thread)
            .count()
    };
    let dms = posted
        .iter()
        .filter(|m| m["channel"].as_str().is_some_and(|c| c.starts_with('D')))
        .count();
    assert_eq!(in_channel(false), 2, "the parent and the channel summary");
    assert_eq!(
        in_channel(true),
        2,
        "the action items and the thread summary"
    );
    assert_eq!(dms, 2, "one nudge per member");
}
