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

on_both_databases!(
    a_deleted_answer_loses_its_text_at_once,
    what_users_wrote_is_purged_after_the_retention_period,
);

const DAY: i64 = 24 * 3600;

/// Opens a run, stores two answers (one names a blocker, one promises an
/// action item) and returns the parent's ts.
async fn run_with_answers(app: &TestApp) -> String {
    app.standup("start").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    let parent = app
        .text("SELECT parent_ts FROM runs WHERE status = 'open'")
        .await;
    app.reply_in_thread("U0001", &parent, "1900000003.000100", "Yesterday: finished the login page\nToday: password reset flow\nBlockers: waiting on <@U0002> for the API keys").await;
    app.reply_in_thread("U0002", &parent, "1900000003.000200", "Yesterday: API keys rotation\nToday: I'll send the keys to <@U0001> by Friday\nBlockers: none").await;
    app.wait_count("SELECT COUNT(*) FROM answers", 2).await;
    parent
}

async fn a_deleted_answer_loses_its_text_at_once(db: Db) {
    let app = spawn_app(db).await;
    let parent = run_with_answers(&app).await;
    let delete = common::fixtures::event_envelope(
        "message_deleted",
        "EvDELTRUST1",
        json!({ "channel": CHANNEL, "deleted_ts": "1900000003.000200", "previous_message": { "ts": "1900000003.000200", "thread_ts": parent, "user": "U0002" } }),
    );
    assert_eq!(app.post_event(&delete).await.status(), 200);
    app.wait_count("SELECT COUNT(*) FROM answers WHERE deleted = 1", 1)
        .await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM answers WHERE deleted = 1 AND body <> ''")
            .await,
        0,
        "the deleted answer's text is erased when the deletion is recorded"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM answers WHERE deleted = 0 AND body LIKE '%login page%'")
            .await,
        1,
        "the other answer is untouched"
    );
}

async fn what_users_wrote_is_purged_after_the_retention_period(db: Db) {
    let clock = scrumbot::clock::Clock::manual(now_secs());
    let app = start_with_clock(
        FakeSlack::start().await,
        fresh_database(db).await,
        &[],
        clock.clone(),
    )
    .await;
    run_with_answers(&app).await;
    app.standup("close").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    app.idle().await;
    let run_id = app.scalar("SELECT id FROM runs").await;
    app.ctx
        .store
        .mood_set(TEAM, run_id, "U0001", 4)
        .await
        .expect("a mood");
    // The action item is done and the blocker resolved, today.
    let now = clock.now();
    app.exec(&format!(
        "UPDATE action_items SET status = 'done', done_at = {now}"
    ))
    .await;
    app.exec(&format!(
        "UPDATE blockers SET status = 'resolved', resolved_at = {now}"
    ))
    .await;
    // Inserted as written by the thread-summary and digest features.
    app.exec(&format!("INSERT INTO thread_summaries (team_id, channel_id, thread_ts, user_id, text, blocks, created_at) VALUES ('{TEAM}', '{CHANNEL}', '1.000100', 'U0001', 'summary of a thread', '[]', {now})")).await;
    app.exec(&format!("INSERT INTO absences (team_id, user_id, from_day, to_day, reason) VALUES ('{TEAM}', 'U0002', '2020-01-01', '2020-01-02', 'dentist')")).await;
    let counts = [
        (
            "answers with text",
            "SELECT COUNT(*) FROM answers WHERE body <> ''",
        ),
        (
            "summaries with text",
            "SELECT COUNT(*) FROM summaries WHERE body <> ''",
        ),
        ("done action items", "SELECT COUNT(*) FROM action_items"),
        ("resolved blockers", "SELECT COUNT(*) FROM blockers"),
        ("moods", "SELECT COUNT(*) FROM moods"),
        ("thread summaries", "SELECT COUNT(*) FROM thread_summaries"),
    ];
    for (what, sql) in counts {
        assert!(app.scalar(sql).await > 0, "{what} exist before the purge");
    }

    // One day short of the period (30 days by default): everything stays.
    clock.advance(29 * DAY);
    scrumbot::retention::purge_expired(&app.ctx)
        .await
        .expect("a purge");
    for (what, sql) in counts {
        assert!(
            app.scalar(sql).await > 0,
            "{what} are kept within the period"
        );
    }

    // Past the period: every text users wrote is gone.
    clock.advance(2 * DAY);
    scrumbot::retention::purge_expired(&app.ctx)
        .await
        .expect("a purge");
    for (what, sql) in counts {
        assert_eq!(
            app.scalar(sql).await,
            0,
            "{what} are purged after the period"
        );
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM absences").await,
        0,
        "absences that ended before the period, and their reason, are purged"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM answers").await,
        2,
        "who answered is kept (participation), without what they wrote"
    );
}

/// `PRAGMA synchronous` on one of the store's connections (0 OFF, 1 NORMAL, 2 FULL).
async fn synchronous(store: &scrumbot::store::Store) -> i64 {
    use sqlx::Row;
    let row = sqlx::query("PRAGMA synchronous")
        .fetch_one(&store.pool)
        .await
        .expect("PRAGMA synchronous");
    row.try_get::<i64, _>(0)
        .or_else(|_| row.try_get::<i32, _>(0).map(i64::from))
        .expect("an integer")
}

/// An acknowledged event must survive a power cut, not only a crash of the
/// process: SQLite syncs its WAL at every commit unless told otherwise.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_syncs_every_commit_unless_told_normal() {
    use scrumbot::clock::Clock;
    use scrumbot::store::{SqliteSync, Store, StoreOptions};
    let url = fresh_database(Db::Sqlite).await;
    let store = Store::open(&url, Clock::system()).await.expect("open");
    assert_eq!(synchronous(&store).await, 2, "FULL by default");
    store.pool.close().await;
    let options = StoreOptions {
        sqlite_sync: SqliteSync::Normal,
    };
    let store = Store::open_with(&url, Clock::system(), options)
        .await
        .expect("open");
    assert_eq!(synchronous(&store).await, 1, "NORMAL when asked");
}
