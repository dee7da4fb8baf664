//! Trust in a standup's life: no wiped answers, no nudge after the close, no
//! channel blocked or day lost by one failure, no second summary after a
//! crash, and "Update summary" still working when a summary's ts was lost.

mod common;

use common::*;
use serde_json::json;

on_both_databases!(
    an_empty_reply_list_wipes_no_answer,
    no_nudge_is_sent_after_the_close,
    no_reminder_is_sent_after_the_close,
    a_failed_parent_post_is_retried_by_the_scheduler,
    a_parent_that_cannot_be_posted_frees_the_channel_and_tells_the_owner,
    a_failed_scheduled_open_is_retried_the_same_day,
    a_run_missed_while_down_is_reported_to_the_owner,
    a_close_repeated_after_a_crash_keeps_one_summary_row,
    update_summary_works_when_the_summary_ts_was_lost,
);

fn at(s: &str) -> i64 {
    s.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// Opens a run with `/standup start` and returns the parent message's ts.
async fn start_run(app: &TestApp) -> String {
    app.standup("start").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    app.text("SELECT parent_ts FROM runs WHERE status = 'open'")
        .await
}

/// Closes the open run and waits until it is closed and the bot is idle.
async fn close_run(app: &TestApp) {
    app.standup("close").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    app.idle().await;
}

/// The DMs (to `D…` conversations) posted so far, as (user DM channel, text).
fn dms(app: &TestApp) -> Vec<(String, String)> {
    app.slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter_map(|c| {
            let channel = c.param("channel")?;
            let dm = c.response["channel"].as_str()?.starts_with('D');
            dm.then(|| (channel, c.param("text").unwrap_or_default()))
        })
        .collect()
}

/// Slack answers `conversations.replies` with `ok: true` and no message the
/// bot can use (here one without a `ts`, which the client drops): the close
/// must not take that as "every answer was deleted".
async fn an_empty_reply_list_wipes_no_answer(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    app.reply_in_thread("U0001", &parent, "1900000001.000100", "Y: a\nT: b\nB: none")
        .await;
    app.reply_in_thread("U0002", &parent, "1900000001.000200", "Y: c\nT: d\nB: none")
        .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 2).await;
    app.slack.set_history(
        CHANNEL,
        vec![json!({ "type": "message", "user": "U0001", "text": "?", "thread_ts": parent })],
    );
    close_run(&app).await;
    assert_eq!(
        app.slack.calls_to("conversations.replies").len(),
        1,
        "the thread was read at the close"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM answers WHERE deleted = 0")
            .await,
        2,
        "both answers are kept"
    );
}

/// Under a 429 the first nudge waits; meanwhile the run is closed. No nudge
/// may reach anyone after the summary, and none is counted as sent.
async fn no_nudge_is_sent_after_the_close(db: Db) {
    let app = spawn_app(db).await;
    app.slack.fail_next(
        "conversations.open",
        Failure::RateLimited {
            retry_after_secs: 2,
        },
    );
    app.standup("start").await;
    app.slack.wait_for_calls("conversations.open", 1).await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    close_run(&app).await;
    let posts = app.slack.calls_to("chat.postMessage");
    let summary_at = posts
        .iter()
        .rposition(|c| c.param("channel").as_deref() == Some(CHANNEL))
        .expect("the channel summary");
    let late: Vec<_> = posts[summary_at..]
        .iter()
        .filter(|c| c.param("channel").as_deref() != Some(CHANNEL))
        .collect();
    assert!(
        late.is_empty(),
        "no DM after the close:\n{}",
        app.slack.describe_calls()
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM nudges WHERE sent_at IS NOT NULL")
            .await,
        dms(&app).len() as i64,
        "a nudge counts as sent only when it was"
    );
}

/// The same for the reminder: it waits out a 429 while the run is closed.
async fn no_reminder_is_sent_after_the_close(db: Db) {
    let app = spawn_app(db).await;
    start_run(&app).await;
    app.eventually("both nudges sent", || async { dms(&app).len() == 2 })
        .await;
    app.slack.fail_next(
        "conversations.open",
        Failure::RateLimited {
            retry_after_secs: 2,
        },
    );
    app.exec(&format!("UPDATE runs SET remind_at = {}", now_secs() - 1))
        .await;
    app.slack.wait_for_calls("conversations.open", 3).await;
    close_run(&app).await;
    let posts = app.slack.calls_to("chat.postMessage");
    let summary_at = posts
        .iter()
        .rposition(|c| c.param("channel").as_deref() == Some(CHANNEL))
        .expect("the channel summary");
    assert!(
        posts[summary_at..]
            .iter()
            .all(|c| c.param("channel").as_deref() == Some(CHANNEL)),
        "no reminder after the close:\n{}",
        app.slack.describe_calls()
    );
}

async fn a_failed_parent_post_is_retried_by_the_scheduler(db: Db) {
    let app = spawn_with_clock(db, at("2026-11-23T08:00:00Z")).await;
    let clock = app.clock.clone();
    app.idle().await;
    app.slack
        .fail_next("chat.postMessage", Failure::SlackError("internal_error"));
    app.standup("start").await;
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status = 'opening'")
            .await,
        1
    );
    clock.set(at("2026-11-23T08:10:00Z"));
    app.tick().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status = 'open' AND parent_ts IS NOT NULL")
            .await,
        1,
        "the parent is posted on a retry:\n{}",
        app.slack.describe_calls()
    );
    close_run(&app).await;
}

async fn a_parent_that_cannot_be_posted_frees_the_channel_and_tells_the_owner(db: Db) {
    let app = spawn_with_clock(db, at("2026-11-23T08:00:00Z")).await;
    let clock = app.clock.clone();
    app.idle().await;
    for _ in 0..4 {
        app.slack
            .fail_next("chat.postMessage", Failure::SlackError("not_in_channel"));
    }
    app.standup("start").await;
    app.idle().await;
    for minutes in [10, 30, 60, 120, 240] {
        clock.set(at("2026-11-23T08:00:00Z") + minutes * 60);
        app.tick().await;
    }
    let told = dms(&app);
    assert!(
        told.iter().any(|(to, text)| to == "DU0001"
            && text.contains("<#C0001>")
            && text.contains("/invite")),
        "the owner is told what failed and what to do:\n{}",
        app.slack.describe_calls()
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status IN ('open', 'opening')")
            .await,
        0,
        "the channel is free again"
    );
    let reply = app.standup("start").await;
    assert!(
        !reply.to_string().contains("already open"),
        "a new start is possible: {reply}"
    );
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
}

async fn a_failed_scheduled_open_is_retried_the_same_day(db: Db) {
    let app = spawn_with_clock(db, at("2026-11-23T08:00:00Z")).await; // Monday
    let clock = app.clock.clone();
    app.standup("schedule mon-fri 09:30 UTC").await;
    app.idle().await;
    clock.set(at("2026-11-23T09:30:00Z"));
    app.slack.fail_next(
        "conversations.members",
        Failure::SlackError("internal_error"),
    );
    app.tick().await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM runs").await, 0);
    clock.set(at("2026-11-23T09:40:00Z"));
    app.tick().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status = 'open' AND run_date = '2026-11-23'")
            .await,
        1,
        "Monday's run opens on a retry:\n{}",
        app.slack.describe_calls()
    );
}

/// The bot is down from before 09:30 until after the run would have closed:
/// after the restart the owner hears that the run was missed.
async fn a_run_missed_while_down_is_reported_to_the_owner(db: Db) {
    let app = spawn_with_clock(db, at("2026-11-23T08:00:00Z")).await; // Monday
    let clock = app.clock.clone();
    app.standup("schedule mon-fri 09:30 UTC").await;
    app.idle().await;
    let (slack, url) = app.kill().await;
    clock.set(at("2026-11-23T13:00:00Z"));
    let app = start_with_clock(slack, url, &[], clock.clone()).await;
    app.tick().await;
    let told = dms(&app);
    assert!(
        told.iter().any(|(to, text)| to == "DU0001"
            && text.contains("<#C0001>")
            && text.contains("missed")),
        "the owner hears of the missed run:\n{}",
        app.slack.describe_calls()
    );
    clock.set(at("2026-11-23T13:30:00Z"));
    app.tick().await;
    assert_eq!(dms(&app).len(), told.len(), "told once");
}

async fn a_close_repeated_after_a_crash_keeps_one_summary_row(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    app.reply_in_thread("U0001", &parent, "1900000002.000100", "Y: a\nT: b\nB: none")
        .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 1).await;
    close_run(&app).await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM summaries").await, 1);
    // As if killed after the summary was written, before the run was marked closed.
    app.exec("UPDATE runs SET status = 'closing'").await;
    let (slack, url) = app.kill().await;
    let app = start_on(slack, url, &[]).await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM summaries").await,
        1,
        "one summary row per run"
    );
}

async fn update_summary_works_when_the_summary_ts_was_lost(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    app.reply_in_thread("U0001", &parent, "1900000003.000100", "Y: a\nT: b\nB: none")
        .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 1).await;
    close_run(&app).await;
    // As if killed between chat.postMessage and recording its ts, long ago.
    app.exec("UPDATE posts SET ts = NULL, channel_id = NULL, created_at = created_at - 3600 WHERE post_key LIKE 'run:%:summary'")
        .await;
    let in_thread = |app: &TestApp| {
        app.slack
            .calls_to("chat.postMessage")
            .into_iter()
            .filter(|c| c.param("thread_ts").as_deref() == Some(parent.as_str()))
            .count()
    };
    let before = in_thread(&app);
    let run_id = app.scalar("SELECT id FROM runs").await;
    let mut click = common::fixtures::fixture_json("interactivity/block_actions.json");
    click["user"]["id"] = json!("U0001");
    click["channel"]["id"] = json!(CHANNEL);
    click["trigger_id"] = json!("trigger-update-lost");
    click["actions"] = json!([{ "type": "button", "action_id": "standup_update_summary", "block_id": "b2", "value": run_id.to_string(), "action_ts": "1900000003.000900" }]);
    assert_eq!(app.interaction(&click).await.status(), 200);
    app.idle().await;
    assert_eq!(
        in_thread(&app),
        before + 1,
        "a fresh summary in the thread:\n{}",
        app.slack.describe_calls()
    );
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM posts WHERE post_key LIKE 'run:%:summary' AND ts IS NOT NULL"
        )
        .await,
        1,
        "and its ts is recorded, so the next update edits it"
    );
}
