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

on_both_databases!(an_answer_delivered_before_the_parent_post_returns_is_stored_at_once);

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
