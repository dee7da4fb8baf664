//! Async standups end to end against the fake Slack: open, answers from the
//! thread (edits and deletions), status, reminders, close with summaries,
//! schedules, holidays and absences.

mod common;

use common::fixtures::event_envelope;
use common::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

on_both_databases!(
    start_posts_the_prompt_and_nudges_each_human_member,
    a_tick_during_the_opening_looks_up_no_member_twice,
    thread_answers_edits_and_deletions_are_stored,
    status_lists_who_answered_and_who_did_not,
    close_posts_the_summary_in_the_thread_and_the_channel_once,
    a_scheduled_standup_opens_by_itself_and_closes_on_time,
    holidays_and_absences_are_respected,
    the_answer_button_opens_a_modal_and_its_submission_is_posted_in_the_thread,
    three_members_answer_one_edits_one_deletes_and_the_summary_reflects_it,
    late_answers_are_kept_and_shown_only_on_update_summary,
    a_crash_between_open_and_close_loses_no_answer_and_posts_nothing_twice,
    runs_follow_berlin_time_across_both_dst_changes_and_skip_weekends,
    local_time_mode_nudges_each_member_at_their_own_nine_thirty,
    close_at_a_time_of_day_and_the_setup_form,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_bots_on_one_postgres_database_open_a_due_standup_once() {
    let a = spawn_app(Db::Postgres).await;
    let b = start_on(a.slack.clone(), a.database_url.clone(), &[]).await;
    a.standup("schedule daily 09:30 UTC").await;
    // Both instances tick every 100 ms; make the standup due for both at once.
    a.exec(&format!(
        "UPDATE standups SET next_run_at = {}",
        now_secs() - 1
    ))
    .await;
    a.eventually("a run opens", || async {
        a.scalar("SELECT COUNT(*) FROM runs WHERE status = 'open'")
            .await
            == 1
    })
    .await;
    a.idle().await;
    b.idle().await;
    assert_eq!(b.scalar("SELECT COUNT(*) FROM runs").await, 1, "one run");
    let parents = a
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| c.param("channel").as_deref() == Some(CHANNEL))
        .count();
    assert_eq!(
        parents,
        1,
        "one parent message:\n{}",
        a.slack.describe_calls()
    );
    let nudges = a
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| c.param("channel").as_deref() == Some("DU0001"))
        .count();
    assert_eq!(nudges, 1, "one nudge per member");
}

/// The scheduler's tick hands a run's unsent nudges to a sender of its own
/// while the opening's sender is still posting them (on Slack the DMs are
/// paced by rate limits, so the opening takes a while). Each key is claimed
/// before its message is built, so the second sender looks nobody up only to
/// find the key taken: one `users.info` per member for the participants and
/// one per nudge, one DM each.
async fn a_tick_during_the_opening_looks_up_no_member_twice(db: Db) {
    let app = spawn_app(db).await;
    let members = ["U0001", "U0002", "U0003", "U0004"];
    let mut in_channel = members.to_vec();
    in_channel.push("UBOT");
    app.slack.set_members(CHANNEL, in_channel);
    let ctx = app.ctx.clone();
    let store = app.ctx.store.clone();
    let first = Arc::new(AtomicBool::new(true));
    // Holds the first DM's response until a tick has sent the others.
    let hook: common::fake_slack::PostHook = Arc::new(move |response| {
        let dm = response["channel"]
            .as_str()
            .is_some_and(|c| c.starts_with('D'));
        if !dm || !first.swap(false, Ordering::SeqCst) {
            return None;
        }
        let (ctx, store) = (ctx.clone(), store.clone());
        Some(Box::pin(async move {
            scrumbot::scheduler::tick(&ctx).await.expect("a tick");
            for _ in 0..1000 {
                let sent: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(
                    "SELECT COUNT(*) FROM nudges WHERE sent_at IS NOT NULL".to_string(),
                ))
                .fetch_one(&store.pool)
                .await
                .unwrap_or(0);
                if sent >= 3 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }) as _)
    });
    app.slack.before_post_returns(hook);
    start_run(&app).await;
    app.wait_count("SELECT COUNT(*) FROM nudges WHERE sent_at IS NOT NULL", 4)
        .await;
    app.idle().await;
    for member in members {
        let dms = app
            .slack
            .calls_to("conversations.open")
            .iter()
            .filter(|c| c.param("users").is_some_and(|u| u.contains(member)))
            .count();
        assert_eq!(
            dms,
            1,
            "{member}: one DM opened\n{}",
            app.slack.describe_calls()
        );
    }
    // The first lookup is the zone of whoever created the standup.
    let lookups = app.slack.calls_to("users.info").len();
    assert_eq!(
        lookups,
        1 + 2 * members.len(),
        "participants and nudges look each member up once:\n{}",
        app.slack.describe_calls()
    );
}

/// Opens a run with `/standup start` and returns the parent message's ts.
async fn start_run(app: &TestApp) -> String {
    let reply = app.standup("start").await;
    assert_eq!(reply["response_type"], "ephemeral", "{reply}");
    let posts = app.slack.wait_for_calls("chat.postMessage", 1).await;
    assert!(
        posts
            .iter()
            .any(|c| c.param("channel").as_deref() == Some(CHANNEL)),
        "a parent message in the channel"
    );
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    app.text("SELECT parent_ts FROM runs WHERE status = 'open'")
        .await
}

async fn start_posts_the_prompt_and_nudges_each_human_member(db: Db) {
    let app = spawn_app(db).await;
    app.slack
        .set_members(CHANNEL, vec!["U0001", "U0002", "U0003", "UBOT"]);
    app.slack
        .set_user(json!({ "id": "U0003", "is_bot": true, "tz": "UTC" }));
    start_run(&app).await;
    let parent = &app.slack.calls_to("chat.postMessage")[0];
    let blocks = parent.json_param("blocks").expect("Block Kit");
    let rendered = common::blocks::all_text(&blocks);
    assert!(
        rendered.contains("What did you do since the last standup?")
            && rendered.contains("Anything blocking you?"),
        "{rendered}"
    );
    let run_id = app.scalar("SELECT id FROM runs").await.to_string();
    let answer = common::blocks::element(&blocks, "standup_answer").expect("an Answer button");
    assert_eq!(
        (answer.kind.as_str(), answer.value.as_deref()),
        ("button", Some(run_id.as_str())),
        "the Answer button carries the run id"
    );
    assert!(
        rendered.contains("<@U0001>")
            && rendered.contains("<@U0002>")
            && !rendered.contains("<@U0003>")
            && !rendered.contains("<@UBOT>"),
        "bots are not expected: {rendered}"
    );

    // One DM per human member, linking the thread.
    app.eventually("two nudges", || async {
        app.slack
            .calls_to("chat.postMessage")
            .iter()
            .filter(|c| c.param("channel").is_some_and(|ch| ch.starts_with('D')))
            .count()
            == 2
    })
    .await;
    let dms: Vec<_> = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| c.param("channel").is_some_and(|ch| ch.starts_with('D')))
        .collect();
    assert!(
        dms.iter().all(|d| d
            .param("text")
            .unwrap()
            .contains("https://acme.slack.com/archives/")),
        "nudges link the thread"
    );

    // A second start while one is open is refused and posts nothing.
    let again = app.standup("start").await;
    assert!(again["text"].as_str().unwrap().contains("already open"));
    app.idle().await;
    assert_eq!(app.slack.calls_to("chat.postMessage").len(), 3);
}

async fn thread_answers_edits_and_deletions_are_stored(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    app.reply_in_thread(
        "U0001",
        &parent,
        "1900000001.000100",
        "Y: shipped login\nT: password reset\nB: none",
    )
    .await;
    app.reply_in_thread(
        "U0002",
        &parent,
        "1900000001.000200",
        "Yesterday: API\nToday: docs\nBlockers: waiting on <@U0001> for review",
    )
    .await;
    // A reply in another thread is not an answer.
    app.reply_in_thread(
        "U0002",
        "1111111111.000001",
        "1900000001.000300",
        "unrelated",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers WHERE deleted = 0", 2)
        .await;

    let edit = event_envelope(
        "message_changed",
        "EvEDIT1",
        json!({ "channel": CHANNEL, "message": { "user": "U0001", "ts": "1900000001.000100", "thread_ts": parent, "text": "Y: shipped login\nT: reset flow\nB: blocked by the staging outage" } }),
    );
    assert_eq!(app.post_event(&edit).await.status(), 200);
    app.wait_count(
        "SELECT COUNT(*) FROM answers WHERE body LIKE '%staging outage%'",
        1,
    )
    .await;

    let delete = event_envelope(
        "message_deleted",
        "EvDEL1",
        json!({ "channel": CHANNEL, "deleted_ts": "1900000001.000200", "previous_message": { "ts": "1900000001.000200", "thread_ts": parent, "user": "U0002" } }),
    );
    assert_eq!(app.post_event(&delete).await.status(), 200);
    app.wait_count("SELECT COUNT(*) FROM answers WHERE deleted = 0", 1)
        .await;
}

async fn status_lists_who_answered_and_who_did_not(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    app.reply_in_thread(
        "U0002",
        &parent,
        "1900000002.000100",
        "did: stuff, today: more stuff, no blockers",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 1).await;
    let status = app.standup("status").await;
    let text = status["text"].as_str().unwrap();
    assert_eq!(status["response_type"], "ephemeral");
    assert!(text.contains("1 of 2 answered"), "{text}");
    assert!(
        text.contains("Answered: <@U0002>") && text.contains("Not yet: <@U0001>"),
        "{text}"
    );
}

async fn close_posts_the_summary_in_the_thread_and_the_channel_once(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    app.reply_in_thread("U0001", &parent, "1900000003.000100", "Yesterday: finished the login page\nToday: password reset flow\nBlockers: waiting on <@U0002> for the API keys").await;
    app.reply_in_thread("U0002", &parent, "1900000003.000200", "Yesterday: API keys rotation\nToday: I'll send the keys to <@U0001> by Friday\nBlockers: none").await;
    app.wait_count("SELECT COUNT(*) FROM answers", 2).await;
    let before = app.slack.calls_to("chat.postMessage").len();

    let reply = app.standup("close").await;
    assert!(reply["text"].as_str().unwrap().contains("Closing"));
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    let posts = app.slack.calls_to("chat.postMessage");
    let (boards, new): (Vec<_>, Vec<_>) = posts[before..]
        .iter()
        .filter(|c| c.param("channel").as_deref() == Some(CHANNEL))
        .partition(|c| {
            c.param("text")
                .is_some_and(|t| t.starts_with("Action items"))
        });
    assert_eq!(
        boards.len(),
        1,
        "the action items message (U0002 will send the keys)"
    );
    assert_eq!(
        boards[0].param("thread_ts").as_deref(),
        Some(parent.as_str())
    );
    let board = boards[0].param("blocks").unwrap();
    assert!(
        board.contains("<@U0001>") && !board.contains("&lt;@"),
        "mentions are not escaped twice: {board}"
    );
    assert_eq!(
        new.len(),
        2,
        "one thread summary and one channel post:\n{}",
        app.slack.describe_calls()
    );
    let thread = new
        .iter()
        .find(|c| c.param("thread_ts").as_deref() == Some(parent.as_str()))
        .expect("a summary in the thread");
    let channel = new
        .iter()
        .find(|c| c.param("thread_ts").is_none())
        .expect("a channel post");
    let thread_blocks = common::blocks::all_text(&thread.json_param("blocks").unwrap());
    assert!(
        thread_blocks.contains("U0001") && thread_blocks.to_lowercase().contains("block"),
        "the blocker is in the thread summary: {thread_blocks}"
    );
    let channel_blocks = common::blocks::all_text(&channel.json_param("blocks").unwrap());
    assert!(
        channel_blocks.contains("2 of 2"),
        "participation in the channel post: {channel_blocks}"
    );
    // The parent message is marked closed in place.
    let updates = app.slack.wait_for_calls("chat.update", 1).await;
    assert_eq!(updates[0].param("ts").as_deref(), Some(parent.as_str()));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM summaries").await, 1);

    // Closing again does nothing.
    let again = app.standup("close").await;
    assert!(again["text"].as_str().unwrap().contains("no open standup"));
    app.idle().await;
    assert_eq!(app.slack.calls_to("chat.postMessage").len(), posts.len());
}

async fn a_scheduled_standup_opens_by_itself_and_closes_on_time(db: Db) {
    let app = spawn_app(db).await;
    let reply = app.standup("schedule daily 09:30 Europe/Berlin").await;
    let text = reply["text"].as_str().unwrap();
    assert!(
        text.contains("Schedule saved") && text.contains("Europe/Berlin"),
        "{text}"
    );
    let next = app.scalar("SELECT next_run_at FROM standups").await;
    assert!(next > now_secs(), "the next run is in the future");

    // Time travel: the run is due now; close in 2 s, remind 1 s before.
    app.exec(&format!(
        "UPDATE standups SET next_run_at = {}, close_after_minutes = 1",
        now_secs() - 1
    ))
    .await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    let after = app.scalar("SELECT next_run_at FROM standups").await;
    assert!(after > now_secs(), "the next run moved to the next day");
    let parent_ts = app.text("SELECT parent_ts FROM runs").await;
    app.reply_in_thread(
        "U0001",
        &parent_ts,
        "1900000004.000100",
        "Yesterday: x. Today: y. No blockers.",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 1).await;

    // The reminder goes to the member who has not answered, once.
    app.exec(&format!("UPDATE runs SET remind_at = {}", now_secs() - 1))
        .await;
    app.eventually("a reminder", || async {
        app.slack
            .calls_to("chat.postMessage")
            .iter()
            .any(|c| c.param("text").is_some_and(|t| t.contains("reminder")))
    })
    .await;
    app.idle().await;
    let reminders: Vec<_> = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| c.param("text").is_some_and(|t| t.contains("reminder")))
        .collect();
    assert_eq!(reminders.len(), 1, "only U0002 is reminded");
    assert_eq!(reminders[0].param("channel").as_deref(), Some("DU0002"));

    app.exec(&format!("UPDATE runs SET closes_at = {}", now_secs() - 1))
        .await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    assert!(
        app.slack
            .calls_to("chat.postMessage")
            .iter()
            .any(|c| c.param("thread_ts").as_deref() == Some(parent_ts.as_str())),
        "summary in the thread"
    );
}

async fn holidays_and_absences_are_respected(db: Db) {
    let app = spawn_app(db).await;
    app.standup("schedule daily 09:30 UTC").await;
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let reply = app.standup(&format!("holiday add {today}")).await;
    assert!(reply["text"].as_str().unwrap().contains(&today));
    let list = app.standup("holiday list").await;
    assert!(list["text"].as_str().unwrap().contains(&today));
    app.exec(&format!(
        "UPDATE standups SET next_run_at = {}",
        now_secs() - 1
    ))
    .await;
    app.eventually("the due run is consumed", || async {
        app.scalar("SELECT next_run_at FROM standups").await > now_secs()
    })
    .await;
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs").await,
        0,
        "no run on a holiday"
    );
    assert!(app.slack.calls_to("chat.postMessage").is_empty());

    // U0002 is away today: not expected, not nudged.
    app.standup(&format!("holiday remove {today}")).await;
    let away = app
        .command_as(
            "U0002",
            CHANNEL,
            "/standup",
            &format!("away {today} {today}"),
        )
        .await;
    assert!(away["text"].as_str().unwrap().contains("away"));
    let bad = app
        .command_as("U0002", CHANNEL, "/standup", "away 2026-12-24")
        .await;
    assert!(bad["text"].as_str().unwrap().contains("two dates"), "{bad}");
    start_run(&app).await;
    app.idle().await;
    let posts = app.slack.calls_to("chat.postMessage");
    assert!(
        !posts
            .iter()
            .any(|c| c.param("channel").as_deref() == Some("DU0002")),
        "the away member is not nudged"
    );
    assert!(posts
        .iter()
        .any(|c| c.param("channel").as_deref() == Some("DU0001")));
}

async fn the_answer_button_opens_a_modal_and_its_submission_is_posted_in_the_thread(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    let run_id = app.scalar("SELECT id FROM runs").await;
    let mut click = common::fixtures::fixture_json("interactivity/block_actions.json");
    click["user"]["id"] = json!("U0002");
    click["channel"]["id"] = json!(CHANNEL);
    click["trigger_id"] = json!("trigger-click-1");
    click["actions"] = json!([{ "type": "button", "action_id": "standup_answer", "block_id": "b1", "value": run_id.to_string(), "action_ts": "1900000005.000001" }]);
    assert_eq!(app.interaction(&click).await.status(), 200);
    let opened = app.slack.wait_for_calls("views.open", 1).await;
    let view = opened[0].json_param("view").unwrap();
    assert_eq!(view["callback_id"], "standup_answer_view");

    let mut submit = common::fixtures::fixture_json("interactivity/view_submission.json");
    submit["user"]["id"] = json!("U0002");
    submit["trigger_id"] = json!("trigger-submit-1");
    submit["view"]["id"] = json!("V0001");
    submit["view"]["callback_id"] = json!("standup_answer_view");
    submit["view"]["private_metadata"] = json!(run_id.to_string());
    submit["view"]["state"] = json!({ "values": {
        "q0": { "answer": { "type": "plain_text_input", "value": "Reviewed PRs" } },
        "q1": { "answer": { "type": "plain_text_input", "value": "Write the release notes" } },
        "q2": { "answer": { "type": "plain_text_input", "value": "None" } }
    } });
    let res = app.interaction(&submit).await;
    assert_eq!(res.status(), 200);
    app.wait_count("SELECT COUNT(*) FROM answers WHERE user_id = 'U0002'", 1)
        .await;
    let in_thread = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .find(|c| c.param("thread_ts").as_deref() == Some(parent.as_str()))
        .expect("posted in the thread");
    assert!(in_thread
        .param("text")
        .unwrap()
        .contains("Write the release notes"));
    // Submitting the same view again (a retry) posts nothing more.
    let res = app.interaction(&submit).await;
    assert_eq!(res.status(), 200);
    app.idle().await;
    assert_eq!(
        app.slack
            .calls_to("chat.postMessage")
            .iter()
            .filter(|c| c.param("thread_ts").as_deref() == Some(parent.as_str()))
            .count(),
        1
    );
}

/// Thread-summary posts (replies to the parent) in order.
fn thread_posts(app: &TestApp, parent: &str) -> Vec<Call> {
    app.slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| c.param("thread_ts").as_deref() == Some(parent))
        .collect()
}

async fn three_members_answer_one_edits_one_deletes_and_the_summary_reflects_it(db: Db) {
    let app = spawn_app(db).await;
    app.slack
        .set_members(CHANNEL, vec!["U0001", "U0002", "U0003", "UBOT"]);
    let parent = start_run(&app).await;
    app.reply_in_thread(
        "U0001",
        &parent,
        "1900000010.000100",
        "Yesterday: wrote the importer\nToday: importer tests\nBlockers: none",
    )
    .await;
    app.reply_in_thread(
        "U0002",
        &parent,
        "1900000010.000200",
        "Yesterday: fixed the flaky CI\nToday: release notes\nBlockers: none",
    )
    .await;
    app.reply_in_thread(
        "U0003",
        &parent,
        "1900000010.000300",
        "Yesterday: onboarding docs\nToday: pairing",
    )
    .await;
    app.reply_in_thread(
        "U0003",
        &parent,
        "1900000010.000400",
        "Blockers: secret project zebra waits on legal",
    )
    .await;
    // Someone who was not asked chimes in: not an answer.
    app.reply_in_thread(
        "U0042",
        &parent,
        "1900000010.000500",
        "nice work all! :tada:",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 4).await;
    let edit = event_envelope(
        "message_changed",
        "EvEDIT3",
        json!({ "channel": CHANNEL, "message": { "user": "U0001", "ts": "1900000010.000100", "thread_ts": parent, "text": "Yesterday: wrote the importer\nToday: importer benchmarks\nBlockers: none" } }),
    );
    app.post_event(&edit).await;
    let delete = event_envelope(
        "message_deleted",
        "EvDEL3",
        json!({ "channel": CHANNEL, "deleted_ts": "1900000010.000400", "previous_message": { "ts": "1900000010.000400", "thread_ts": parent, "user": "U0003" } }),
    );
    app.post_event(&delete).await;
    app.eventually("edit and deletion applied", || async {
        app.scalar("SELECT COUNT(*) FROM answers WHERE deleted = 0 AND body LIKE '%benchmarks%'")
            .await
            == 1
            && app
                .scalar("SELECT COUNT(*) FROM answers WHERE deleted = 0")
                .await
                == 3
    })
    .await;
    app.standup("close").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    let summary = thread_posts(&app, &parent).pop().expect("a thread summary");
    let text = common::blocks::all_text(&summary.json_param("blocks").unwrap());
    assert!(
        text.contains("importer benchmarks") && !text.contains("importer tests"),
        "the edit is applied: {text}"
    );
    assert!(
        !text.contains("zebra"),
        "the deleted text is absent: {text}"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM inbox WHERE payload LIKE '%zebra%'")
            .await,
        0,
        "handled events keep no message text"
    );
    assert!(
        text.contains("<@U0001>") && text.contains("<@U0002>") && text.contains("<@U0003>"),
        "authors named: {text}"
    );
    assert!(
        !text.contains("U0042"),
        "a non-participant is not an author: {text}"
    );
    let channel = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .rev()
        .find(|c| c.param("channel").as_deref() == Some(CHANNEL) && c.param("thread_ts").is_none())
        .unwrap();
    assert!(common::blocks::has_text(
        &channel.json_param("blocks").unwrap(),
        "3 of 3"
    ));
}

async fn late_answers_are_kept_and_shown_only_on_update_summary(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    app.reply_in_thread(
        "U0001",
        &parent,
        "1900000011.000100",
        "Yesterday: a\nToday: b\nBlockers: none",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 1).await;
    app.standup("close").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    let posts_after_close = app.slack.calls_to("chat.postMessage").len();

    app.reply_in_thread(
        "U0002",
        &parent,
        "1900000011.000200",
        "Yesterday: late night deploy\nToday: sleep\nBlockers: none",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers WHERE late = 1", 1)
        .await;
    app.idle().await;
    assert_eq!(
        app.slack.calls_to("chat.postMessage").len(),
        posts_after_close,
        "a late answer posts nothing by itself"
    );

    let updates_before = app.slack.calls_to("chat.update").len();
    let run_id = app.scalar("SELECT id FROM runs").await;
    let mut click = common::fixtures::fixture_json("interactivity/block_actions.json");
    click["user"]["id"] = json!("U0001");
    click["channel"]["id"] = json!(CHANNEL);
    click["trigger_id"] = json!("trigger-update-1");
    click["actions"] = json!([{ "type": "button", "action_id": "standup_update_summary", "block_id": "b2", "value": run_id.to_string(), "action_ts": "1900000011.000900" }]);
    assert_eq!(app.interaction(&click).await.status(), 200);
    app.eventually("summaries edited in place", || async {
        app.slack.calls_to("chat.update").len() >= updates_before + 2
    })
    .await;
    let summary_ts = app
        .text(&format!(
            "SELECT ts FROM posts WHERE post_key = 'run:{run_id}:summary'"
        ))
        .await;
    let edited = app
        .slack
        .calls_to("chat.update")
        .into_iter()
        .find(|c| c.param("ts").as_deref() == Some(summary_ts.as_str()))
        .expect("the thread summary is updated");
    assert!(common::blocks::has_text(
        &edited.json_param("blocks").unwrap(),
        "late night deploy"
    ));
    assert_eq!(
        app.slack.calls_to("chat.postMessage").len(),
        posts_after_close,
        "updated, not re-posted"
    );
}

async fn a_crash_between_open_and_close_loses_no_answer_and_posts_nothing_twice(db: Db) {
    let app = spawn_app(db).await;
    let parent = start_run(&app).await;
    app.reply_in_thread(
        "U0001",
        &parent,
        "1900000012.000100",
        "Yesterday: x\nToday: y\nBlockers: none",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 1).await;
    app.eventually("nudges sent", || async {
        app.slack.calls_to("chat.postMessage").len() == 3
    })
    .await;
    let (slack, db_url) = app.kill().await;

    // While the bot is down U0002 answers; Slack has it, the bot never heard of it.
    slack.set_history(
        CHANNEL,
        vec![
            json!({ "type": "message", "user": "UBOT", "bot_id": "BBOT", "text": "Daily standup", "ts": parent, "thread_ts": parent, "reply_count": 2 }),
            json!({ "type": "message", "user": "U0001", "text": "Yesterday: x\nToday: y\nBlockers: none", "ts": "1900000012.000100", "thread_ts": parent }),
            json!({ "type": "message", "user": "U0002", "text": "Yesterday: answered while you slept\nToday: more\nBlockers: none", "ts": "1900000012.000200", "thread_ts": parent }),
        ],
    );
    let app = start_on(slack, db_url, &[]).await;
    app.exec(&format!("UPDATE runs SET closes_at = {}", now_secs() - 1))
        .await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    app.idle().await;
    let channel_posts: Vec<_> = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| c.param("channel").as_deref() == Some(CHANNEL))
        .collect();
    assert_eq!(
        channel_posts.len(),
        3,
        "one parent, one thread summary, one channel post:\n{}",
        app.slack.describe_calls()
    );
    let summary = thread_posts(&app, &parent).pop().unwrap();
    assert!(
        common::blocks::has_text(
            &summary.json_param("blocks").unwrap(),
            "answered while you slept"
        ),
        "the reply sent while down is in the summary"
    );
    assert_eq!(
        app.slack.calls_to("conversations.replies").len(),
        1,
        "one reconciliation read"
    );
}

/// 2026-03-27 is a Friday; Berlin moves to summer time on Sunday 2026-03-29,
/// and back on Sunday 2026-10-25.
async fn runs_follow_berlin_time_across_both_dst_changes_and_skip_weekends(db: Db) {
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_second();
    let clock = scrumbot::clock::Clock::manual(at("2026-03-27T06:00:00Z"));
    let slack = FakeSlack::start().await;
    let app = start_with_clock(slack, fresh_database(db).await, &[], clock.clone()).await;
    let reply = app.standup("schedule mon-fri 09:30 Europe/Berlin").await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .contains("Fri 2026-03-27 09:30 CET"),
        "{reply}"
    );
    assert_eq!(
        app.scalar("SELECT next_run_at FROM standups").await,
        at("2026-03-27T08:30:00Z")
    );

    // One minute early: nothing. On time: the run opens.
    clock.set(at("2026-03-27T08:29:00Z"));
    app.tick().await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM runs").await, 0);
    clock.set(at("2026-03-27T08:30:00Z"));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM runs", 1).await;
    assert_eq!(
        app.scalar("SELECT next_run_at FROM standups").await,
        at("2026-03-30T07:30:00Z"),
        "Monday 09:30 CEST, after the change"
    );

    // The run closes three hours later; the weekend passes without a run.
    clock.set(at("2026-03-27T11:31:00Z"));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 1)
        .await;
    for day in ["2026-03-28T08:30:00Z", "2026-03-29T07:30:00Z"] {
        clock.set(at(day));
        app.tick().await;
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs").await,
        1,
        "no weekend run"
    );
    clock.set(at("2026-03-30T07:30:00Z"));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM runs", 2).await;
    assert_eq!(
        app.text("SELECT run_date FROM runs ORDER BY id DESC LIMIT 1")
            .await,
        "2026-03-30"
    );

    // October: Friday 09:30 CEST is 07:30Z, Monday 09:30 CET is 08:30Z.
    clock.set(at("2026-03-30T10:31:00Z"));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", 2)
        .await;
    app.exec(&format!(
        "UPDATE standups SET next_run_at = {}",
        at("2026-10-23T07:30:00Z")
    ))
    .await;
    clock.set(at("2026-10-23T07:30:00Z"));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM runs", 3).await;
    assert_eq!(
        app.scalar("SELECT next_run_at FROM standups").await,
        at("2026-10-26T08:30:00Z"),
        "Monday 09:30 CET, after the change"
    );
    let parents = || {
        app.slack
            .calls_to("chat.postMessage")
            .into_iter()
            .filter(|c| {
                c.param("channel").as_deref() == Some(CHANNEL)
                    && c.param("thread_ts").is_none()
                    && c.param("blocks")
                        .is_some_and(|b| b.contains("standup_answer"))
            })
            .count()
    };
    // The run row is written before its parent message is posted.
    app.eventually("the third parent message", || async { parents() == 3 })
        .await;
    app.idle().await;
    assert_eq!(parents(), 3, "exactly one parent message per run");
}

async fn local_time_mode_nudges_each_member_at_their_own_nine_thirty(db: Db) {
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_second();
    let clock = scrumbot::clock::Clock::manual(at("2026-11-25T07:00:00Z"));
    let slack = FakeSlack::start().await;
    slack.set_user(json!({ "id": "U0002", "tz": "America/New_York" }));
    let app = start_with_clock(slack, fresh_database(db).await, &[], clock.clone()).await;
    app.standup("schedule daily 09:30 Europe/Berlin").await;
    let reply = app.standup("local-time on").await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .contains("their own time zone"),
        "{reply}"
    );
    let dms_to = |user: &'static str| {
        let app = &app;
        async move {
            app.slack
                .calls_to("chat.postMessage")
                .iter()
                .filter(|c| c.param("channel").as_deref() == Some(user))
                .count()
        }
    };

    clock.set(at("2026-11-25T08:30:00Z")); // 09:30 in Berlin
    app.tick().await;
    app.eventually("the run opens and Berlin is nudged", || async {
        dms_to("DU0001").await == 1
    })
    .await;
    assert_eq!(
        app.scalar("SELECT closes_at FROM runs").await,
        at("2026-11-25T17:30:00Z"),
        "open until New York had its three hours"
    );
    clock.set(at("2026-11-25T14:29:00Z"));
    app.tick().await;
    assert_eq!(dms_to("DU0002").await, 0, "not before 09:30 in New York");
    clock.set(at("2026-11-25T14:30:00Z")); // 09:30 in New York
    app.tick().await;
    app.eventually("New York is nudged", || async {
        dms_to("DU0002").await == 1
    })
    .await;
    app.idle().await;
    assert_eq!(
        dms_to("DU0001").await + dms_to("DU0002").await,
        2,
        "one nudge each"
    );
}

async fn close_at_a_time_of_day_and_the_setup_form(db: Db) {
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_second();
    let clock = scrumbot::clock::Clock::manual(at("2026-11-25T07:00:00Z"));
    let slack = FakeSlack::start().await;
    let app = start_with_clock(slack, fresh_database(db).await, &[], clock.clone()).await;
    app.standup("schedule daily 09:30 Europe/Berlin").await;
    let reply = app.standup("close-at 12:00").await;
    assert!(
        reply["text"].as_str().unwrap().contains("close at 12:00"),
        "{reply}"
    );
    clock.set(at("2026-11-25T08:30:00Z"));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM runs", 1).await;
    assert_eq!(
        app.scalar("SELECT closes_at FROM runs").await,
        at("2026-11-25T11:00:00Z"),
        "noon in Berlin"
    );

    // The setup form: opened with the current settings, refused when wrong, saved when right.
    let reply = app.standup("setup").await;
    assert!(reply["text"].as_str().unwrap().contains("settings"));
    let opened = app.slack.wait_for_calls("views.open", 1).await;
    let view = opened[0].json_param("view").unwrap();
    assert_eq!(view["callback_id"], "standup_setup_view");
    let tz_input = view["blocks"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["block_id"] == "tz"))
        .expect("a time zone input");
    assert_eq!(
        tz_input["element"]["initial_option"]["value"], "Europe/Berlin",
        "prefilled: {view}"
    );
    let standup_id = app.scalar("SELECT id FROM standups").await;
    let submit = |trigger: &str, time: &str, tz: &str| {
        let mut p = common::fixtures::fixture_json("interactivity/view_submission.json");
        p["user"]["id"] = json!("U0001");
        p["trigger_id"] = json!(trigger);
        p["view"]["callback_id"] = json!("standup_setup_view");
        p["view"]["private_metadata"] = json!(standup_id.to_string());
        let v = |x: &str| json!({ "value": { "type": "plain_text_input", "value": x } });
        // As Slack sends checkboxes, a time picker and a static select.
        let checked: Vec<serde_json::Value> = ["mon", "tue", "wed", "thu"]
            .iter()
            .map(|d| json!({ "text": { "type": "plain_text", "text": d }, "value": d }))
            .collect();
        let days = json!({ "value": { "type": "checkboxes", "selected_options": checked } });
        let time = json!({ "value": { "type": "timepicker", "selected_time": time } });
        let tz = json!({ "value": { "type": "static_select", "selected_option": { "text": { "type": "plain_text", "text": tz }, "value": tz } } });
        p["view"]["state"] = json!({ "values": {
            "questions": v("What shipped?\nWhat is next?\nBlockers?"), "days": days, "time": time, "tz": tz,
            "close": v("120"), "reminder": v("30"),
            "participants": { "value": { "type": "multi_users_select", "selected_users": ["U0001", "U0003"] } }
        } });
        p
    };
    let res = app
        .interaction(&submit("t-setup-1", "25:00", "Mars/Base"))
        .await;
    let errors: serde_json::Value = res.json().await.unwrap();
    assert_eq!(errors["response_action"], "errors", "{errors}");
    assert!(
        errors["errors"]["time"].as_str().unwrap().contains("25:00")
            && errors["errors"]["tz"]
                .as_str()
                .unwrap()
                .contains("Mars/Base")
    );
    assert_eq!(
        app.text("SELECT days FROM standups").await,
        "mon,tue,wed,thu,fri,sat,sun",
        "nothing saved"
    );
    let res = app
        .interaction(&submit("t-setup-2", "10:15", "America/New_York"))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        app.text("SELECT days FROM standups").await,
        "mon,tue,wed,thu"
    );
    assert_eq!(app.text("SELECT time_of_day FROM standups").await, "10:15");
    assert_eq!(
        app.text("SELECT tz FROM standups").await,
        "America/New_York"
    );
    assert_eq!(
        app.text("SELECT participants FROM standups").await,
        r#"["U0001","U0003"]"#
    );
    assert_eq!(
        app.scalar("SELECT next_run_at FROM standups").await,
        at("2026-11-25T15:15:00Z"),
        "10:15 in New York today"
    );
}
