//! An answer that reaches the bot before the bot knows its run's thread:
//! Slack can deliver a reply's event while the `chat.postMessage` of the
//! parent message is still in flight, so the run has no `parent_ts` yet.
//! The answer must be matched as soon as the run records it, not only
//! recovered by the close.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::fake_slack::PostHook;
use common::fixtures::{event_envelope, sign};
use common::*;
use serde_json::{json, Value};

on_both_databases!(
    an_answer_delivered_before_the_parent_post_returns_is_stored_at_once,
    answers_arriving_together_are_stored_once_each_exactly_as_written,
    an_answer_is_stored_before_the_ack_as_its_own_record_and_a_redelivery_keeps_the_edit,
    a_redelivery_taking_the_handlers_path_keeps_the_edit_too,
);

const EVENT_ID: &str = "EvRaceAnswer01";

/// While the parent message's `chat.postMessage` is in flight, U0002 answers
/// in its thread: the event is acknowledged and processed by the bot before
/// the fake Slack hands the bot the parent's `ts`.
fn answer_before_the_post_returns(app: &TestApp) -> PostHook {
    let (url, http, store) = (
        app.url("/slack/events"),
        app.http.clone(),
        app.ctx.store.clone(),
    );
    Arc::new(move |response: &Value| {
        let is_parent =
            response["channel"] == CHANNEL && response["message"]["thread_ts"].is_null();
        if !is_parent {
            return None;
        }
        let ts = response["ts"].as_str().unwrap_or_default().to_string();
        let body = event_envelope(
            "message_thread_reply",
            EVENT_ID,
            json!({ "user": "U0002", "channel": CHANNEL, "ts": "1900000002.000100",
                    "thread_ts": ts, "text": "did: the race, today: the fix, no blockers" }),
        );
        let (url, http, store) = (url.clone(), http.clone(), store.clone());
        Some(Box::pin(async move {
            let at = now_secs();
            let acked = http
                .post(url)
                .header("content-type", "application/json")
                .header("x-slack-request-timestamp", at.to_string())
                .header("x-slack-signature", sign(SIGNING_SECRET, at, &body))
                .body(body)
                .send()
                .await
                .expect("event delivered");
            assert_eq!(acked.status(), 200, "the answer is acknowledged");
            // Hold the parent's response until the bot has handled the answer,
            // so it meets the run without a thread every time (polled, up to 10 s).
            let processed = format!(
                "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL AND dedup_key LIKE '%{EVENT_ID}%'"
            );
            for _ in 0..1000 {
                let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(processed.clone()))
                    .fetch_one(&store.pool)
                    .await
                    .unwrap_or(0);
                if n > 0 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }) as _)
    })
}

async fn an_answer_delivered_before_the_parent_post_returns_is_stored_at_once(db: Db) {
    let app = spawn_app(db).await;
    app.slack
        .before_post_returns(answer_before_the_post_returns(&app));
    let reply = app.standup("start").await;
    assert_eq!(reply["response_type"], "ephemeral", "{reply}");
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL AND dedup_key LIKE '%EvRaceAnswer01%'")
            .await,
        1,
        "the answer was handled while the parent post was in flight"
    );
    // Stored while the run is still open: no close has run.
    app.wait_count(
        "SELECT COUNT(*) FROM answers WHERE user_id = 'U0002' AND deleted = 0",
        1,
    )
    .await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status = 'open'")
            .await,
        1
    );
    let status = app.standup("status").await;
    let text = status["text"].as_str().unwrap_or_default();
    assert!(text.contains("1 of 2 answered"), "{text}");
    assert!(text.contains("Answered: <@U0002>"), "{text}");
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM answers").await,
        1,
        "stored once"
    );
}

/// Texts a batched write must carry unchanged on both backends: PostgreSQL
/// gets them inside array literals (`{"…","…"}`), SQLite as parameters.
const AWKWARD: [&str; 8] = [
    "plain answer",
    "quotes \" and 'single' and a backslash \\ at the end\\",
    "{braces}, commas, and \"{\\\"nested\\\"}\"",
    "NULL",
    "",
    "multi\nline\twith tab",
    "unicode: caf\u{e9} \u{1f680} \u{65e5}\u{672c}",
    "  leading and trailing spaces  ",
];

/// Many answers acknowledged at once go through the group commit together
/// (one statement per table a turn), each redelivered once: every answer is
/// stored once, with its text byte for byte. Their record is the answer row
/// (keyed by the message, which deduplicates the redeliveries): none of
/// them takes an inbox row.
async fn answers_arriving_together_are_stored_once_each_exactly_as_written(db: Db) {
    let app = Arc::new(spawn_app(db).await);
    app.slack
        .set_members(CHANNEL, vec!["U0001", "U0002", "U0003", "UBOT"]);
    let parent = app.open_run().await;
    let bodies: Vec<(String, String)> = (0..48)
        .map(|i| {
            let ts = format!("1900000100.{i:06}");
            let text = format!("{} #{i}", AWKWARD[i % AWKWARD.len()]);
            let user = format!("U000{}", 1 + i % 3);
            let body = event_envelope(
                "message_thread_reply",
                &format!("EvBatch{i:04}"),
                json!({ "user": user, "channel": CHANNEL, "ts": ts, "thread_ts": parent, "text": text }),
            );
            (body, text)
        })
        .collect();
    // Each event twice (a redelivery racing its original), all at once.
    let sends = bodies.iter().flat_map(|(body, _)| {
        let app = app.clone();
        [0, 1].map(move |retry| {
            let (app, body) = (app.clone(), body.clone());
            tokio::spawn(async move { app.post_event_retry(&body, retry).await.status() })
        })
    });
    for sent in futures_util::future::join_all(sends).await {
        assert_eq!(sent.expect("the request task"), 200);
    }
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM inbox WHERE dedup_key LIKE 'event:EvBatch%'")
            .await,
        0,
        "an answer's record is its answer row"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM answers").await,
        48,
        "each answer stored once"
    );
    for (i, (_, text)) in bodies.iter().enumerate() {
        let stored = app
            .text(&format!(
                "SELECT body FROM answers WHERE message_ts = '1900000100.{i:06}'"
            ))
            .await;
        assert_eq!(&stored, text, "answer {i} stored as written");
    }
}

/// An answer in a thread the bot knows is stored before Slack gets the
/// 200, as its answer row alone (one row, one commit, `store::batch`): no
/// inbox row. A redelivery of the original after an edit is a duplicate:
/// the edited text stays.
async fn an_answer_is_stored_before_the_ack_as_its_own_record_and_a_redelivery_keeps_the_edit(
    db: Db,
) {
    let app = spawn_app(db).await;
    let parent = app.open_run().await;
    app.idle().await;
    let posts = app.slack.calls_to("chat.postMessage").len();
    let original = event_envelope(
        "message_thread_reply",
        "EvWithItsAnswer1",
        json!({ "user": "U0002", "channel": CHANNEL, "ts": "1900000003.000100",
                "thread_ts": parent, "text": "did: v1 of the importer, no blockers" }),
    );
    assert_eq!(app.post_event(&original).await.status(), 200);
    // Right at the ack, without waiting for any handler.
    assert_eq!(
        app.text("SELECT body FROM answers WHERE message_ts = '1900000003.000100'")
            .await,
        "did: v1 of the importer, no blockers"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM inbox WHERE dedup_key = 'event:EvWithItsAnswer1'")
            .await,
        0,
        "the answer row is the event's record"
    );

    let edit = event_envelope(
        "message_changed",
        "EvWithItsAnswer2",
        json!({ "channel": CHANNEL, "message": { "user": "U0002", "ts": "1900000003.000100",
                "thread_ts": parent, "text": "did: v2 of the importer, no blockers" } }),
    );
    assert_eq!(app.post_event(&edit).await.status(), 200);
    app.idle().await;
    assert_eq!(app.post_event_retry(&original, 1).await.status(), 200);
    app.idle().await;
    assert_eq!(
        app.text("SELECT body FROM answers WHERE message_ts = '1900000003.000100'")
            .await,
        "did: v2 of the importer, no blockers",
        "the redelivered original did not undo the edit"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM answers").await, 1);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM inbox WHERE dedup_key LIKE 'event:EvWithItsAnswer%'")
            .await,
        1,
        "only the edit, which took the handler's path"
    );
    assert_eq!(
        app.slack.calls_to("chat.postMessage").len(),
        posts,
        "an answer, its edit and its redelivery post nothing"
    );
}

/// A redelivery may take the handler's path where its original did not
/// (here: the channel's digest was switched on in between, so its messages
/// go to the handler; a restart that emptied the cache does the same). Its
/// event is then new to the inbox, but the answer is not new: the
/// handler keeps the stored, edited text.
async fn a_redelivery_taking_the_handlers_path_keeps_the_edit_too(db: Db) {
    let app = spawn_app(db).await;
    let parent = app.open_run().await;
    app.idle().await;
    let original = event_envelope(
        "message_thread_reply",
        "EvHandlerPath1",
        json!({ "user": "U0002", "channel": CHANNEL, "ts": "1900000004.000100",
                "thread_ts": parent, "text": "did: draft one, no blockers" }),
    );
    assert_eq!(app.post_event(&original).await.status(), 200);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM inbox WHERE dedup_key LIKE 'event:%'")
            .await,
        0
    );
    let edit = event_envelope(
        "message_changed",
        "EvHandlerPath2",
        json!({ "channel": CHANNEL, "message": { "user": "U0002", "ts": "1900000004.000100",
                "thread_ts": parent, "text": "did: draft two, no blockers" } }),
    );
    assert_eq!(app.post_event(&edit).await.status(), 200);
    app.idle().await;
    let on = app
        .command_as("U0001", CHANNEL, "/digest", "on 17:00 UTC")
        .await;
    assert!(on.to_string().contains("Daily digest on"), "{on}");
    app.idle().await;
    assert_eq!(app.post_event_retry(&original, 1).await.status(), 200);
    app.idle().await;
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM inbox WHERE dedup_key = 'event:EvHandlerPath1' \
             AND processed_at IS NOT NULL"
        )
        .await,
        1,
        "the redelivery went to the handler, which finished it"
    );
    assert_eq!(
        app.text("SELECT body FROM answers WHERE message_ts = '1900000004.000100'")
            .await,
        "did: draft two, no blockers",
        "the redelivered original did not undo the edit"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM answers").await, 1);
}
