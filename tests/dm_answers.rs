//! Answers by DM end to end against the fake Slack: `/standup answers
//! dm|private`, the nudge DM (questions, Answer button, close in the
//! member's time zone), answers sent, edited and deleted in the DM, which run
//! a DM answers, and what a DM that answers nothing gets.

mod common;

use common::fixtures::event_envelope;
use common::*;
use serde_json::{json, Value};

on_both_databases!(
    in_dm_mode_a_dm_answer_then_its_edit_appear_in_the_thread_and_the_summary,
    in_private_mode_only_the_summary_is_posted,
    a_reply_in_a_nudge_thread_answers_that_run_and_other_dms_the_latest_nudge,
    a_dm_that_answers_no_run_gets_a_short_reply_and_is_not_stored,
    a_late_dm_answer_in_the_nudge_thread_is_kept_and_shown_on_update_summary,
);

/// Opens a run with `/standup start` in `channel` and returns its parent ts.
async fn start_run_in(app: &TestApp, channel: &str) -> String {
    let reply = app.command_as("U0001", channel, "/standup", "start").await;
    assert_eq!(reply["response_type"], "ephemeral", "{reply}");
    let sql =
        format!("SELECT COUNT(*) FROM runs WHERE status = 'open' AND channel_id = '{channel}'");
    app.wait_count(&sql, 1).await;
    app.idle().await;
    app.text(&format!(
        "SELECT parent_ts FROM runs WHERE status = 'open' AND channel_id = '{channel}'"
    ))
    .await
}

/// Closes the run open in `channel` and waits until the bot is idle.
async fn close_run_in(app: &TestApp, channel: &str) {
    app.command_as("U0001", channel, "/standup", "close").await;
    app.wait_count(
        &format!("SELECT COUNT(*) FROM runs WHERE status = 'closed' AND channel_id = '{channel}'"),
        1,
    )
    .await;
    app.idle().await;
}

/// A member's message in their DM with the bot, as Slack sends `message.im`.
fn dm_event(user: &str, ts: &str, thread_ts: Option<&str>, text: &str) -> String {
    event_envelope(
        "message",
        &format!("Ev{user}{}", ts.replace('.', "")),
        json!({ "channel": format!("D{user}"), "channel_type": "im", "user": user,
                "ts": ts, "thread_ts": thread_ts, "text": text, "blocks": null }),
    )
}

/// The same DM edited (`message_changed` in the DM).
fn dm_edit_event(user: &str, ts: &str, text: &str) -> String {
    event_envelope(
        "message_changed",
        &format!("EvEdit{user}{}", ts.replace('.', "")),
        json!({ "channel": format!("D{user}"), "channel_type": "im",
                "message": { "user": user, "ts": ts, "text": text, "thread_ts": null,
                             "parent_user_id": null, "blocks": null },
                "previous_message": null }),
    )
}

/// The DM deleted (`message_deleted` in the DM).
fn dm_delete_event(user: &str, ts: &str) -> String {
    event_envelope(
        "message_deleted",
        &format!("EvDel{user}{}", ts.replace('.', "")),
        json!({ "channel": format!("D{user}"), "channel_type": "im", "deleted_ts": ts,
                "previous_message": { "user": user, "ts": ts, "thread_ts": null,
                                      "parent_user_id": null, "blocks": null } }),
    )
}

/// The first nudge DM of `user` (its `response` holds its ts).
fn nudge_of(app: &TestApp, user: &str) -> Call {
    let dm = format!("D{user}");
    app.slack
        .calls_to("chat.postMessage")
        .into_iter()
        .find(|c| {
            c.response["channel"].as_str() == Some(dm.as_str())
                && c.param("text")
                    .is_some_and(|t| t.starts_with(":wave: Time for the standup"))
        })
        .unwrap_or_else(|| panic!("a nudge to {user}:\n{}", app.slack.describe_calls()))
}

/// Every message posted, named by what it is, sorted: the whole of what
/// the team and the members saw, for an exact comparison.
fn every_post(app: &TestApp) -> Vec<String> {
    let mut posts: Vec<String> = app
        .slack
        .calls_to("chat.postMessage")
        .iter()
        .map(|c| {
            let channel = c.response["channel"].as_str().unwrap_or_default();
            let text = c.param("text").unwrap_or_default();
            let threaded = c.param("thread_ts").is_some();
            match (channel, threaded) {
                (CHANNEL, false) if text.starts_with("Daily standup for ") => "parent".into(),
                (CHANNEL, false) => "channel post".into(),
                (CHANNEL, true)
                    if text.ends_with("answered:*") || text.contains("answered:*\n") =>
                {
                    format!("answer {}", &text[3..8])
                }
                (CHANNEL, true) => "thread summary".into(),
                (dm, false) if text.starts_with(":wave: Time for the standup") => {
                    format!("nudge {dm}")
                }
                (dm, false) if text.starts_with("*Your answer* (private") => format!("copy {dm}"),
                (other, _) => format!("{other}: {text}"),
            }
        })
        .collect();
    posts.sort();
    posts
}

/// `user` answers the open run with its modal (the Answer button).
async fn submit_modal(app: &TestApp, user: &str, done: &str, today: &str) {
    let run_id = app
        .scalar("SELECT id FROM runs WHERE status = 'open'")
        .await;
    let mut submit = common::fixtures::fixture_json("interactivity/view_submission.json");
    submit["user"]["id"] = json!(user);
    submit["trigger_id"] = json!(format!("trigger-submit-{user}"));
    submit["view"]["id"] = json!(format!("V{user}"));
    submit["view"]["callback_id"] = json!("standup_answer_view");
    submit["view"]["private_metadata"] = json!(run_id.to_string());
    submit["view"]["state"] = json!({ "values": {
        "q0": { "answer": { "type": "plain_text_input", "value": done } },
        "q1": { "answer": { "type": "plain_text_input", "value": today } },
        "q2": { "answer": { "type": "plain_text_input", "value": "None" } }
    } });
    assert_eq!(app.interaction(&submit).await.status(), 200);
}

fn summary_in_thread(app: &TestApp, parent: &str) -> Value {
    let post = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| c.param("thread_ts").as_deref() == Some(parent))
        .find(|c| c.param("blocks").is_some())
        .unwrap_or_else(|| panic!("a summary in the thread:\n{}", app.slack.describe_calls()));
    post.json_param("blocks").unwrap()
}

async fn in_dm_mode_a_dm_answer_then_its_edit_appear_in_the_thread_and_the_summary(db: Db) {
    let app = spawn_app(db).await;
    app.slack.keep_posts();
    app.slack
        .set_user(json!({ "id": "U0001", "tz": "America/New_York" }));
    let reply = app.standup("answers dm").await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .contains("replying to their nudge DM"),
        "{reply}"
    );
    let parent = start_run_in(&app, CHANNEL).await;
    let run_id = app.scalar("SELECT id FROM runs").await.to_string();

    // The nudge carries the questions, the Answer button and the close in
    // the member's own zone.
    let nudge = nudge_of(&app, "U0001");
    let blocks = nudge.json_param("blocks").expect("Block Kit");
    let text = common::blocks::all_text(&blocks);
    assert!(
        text.contains("1. What did you do since the last standup?")
            && text.contains("3. Anything blocking you?")
            && text.contains("Reply to this message"),
        "{text}"
    );
    let answer = common::blocks::element(&blocks, "standup_answer").expect("an Answer button");
    assert_eq!(answer.value.as_deref(), Some(run_id.as_str()));
    let closes_at = app.scalar("SELECT closes_at FROM runs").await;
    let local = jiff::Timestamp::from_second(closes_at)
        .unwrap()
        .in_tz("America/New_York")
        .unwrap()
        .strftime("%a %H:%M")
        .to_string();
    assert!(
        text.contains(&format!("Closes {local} (America/New_York).")),
        "{text}"
    );

    // U0001 answers in the DM, then edits it.
    let first = "Yesterday: finished the login page\nToday: password reset\nBlockers: none";
    assert_eq!(
        app.post_event(&dm_event("U0001", "1900000001.000100", None, first))
            .await
            .status(),
        200
    );
    app.idle().await;
    let posted = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .find(|c| {
            c.param("text")
                .is_some_and(|t| t.starts_with("*<@U0001> answered:*"))
        })
        .expect("the answer in the thread");
    assert_eq!(posted.param("channel").as_deref(), Some(CHANNEL));
    assert_eq!(posted.param("thread_ts").as_deref(), Some(parent.as_str()));
    assert!(posted.param("text").unwrap().contains("password reset"));

    let edited = "Yesterday: finished the login page\nToday: the reset flow emails\nBlockers: none";
    app.post_event(&dm_edit_event("U0001", "1900000001.000100", edited))
        .await;
    app.idle().await;
    let update = app
        .slack
        .calls_to("chat.update")
        .into_iter()
        .find(|c| c.param("ts") == posted.response["ts"].as_str().map(str::to_string))
        .expect("the thread post is edited");
    assert!(update
        .param("text")
        .unwrap()
        .contains("the reset flow emails"));
    assert_eq!(
        app.text("SELECT body FROM answers WHERE user_id = 'U0001'")
            .await,
        edited
    );

    // U0002 answers, takes it back, and answers again in the nudge's thread.
    let wrong = "Yesterday: wrong standup\nToday: oops\nBlockers: none";
    app.post_event(&dm_event("U0002", "1900000002.000100", None, wrong))
        .await;
    app.idle().await;
    app.post_event(&dm_delete_event("U0002", "1900000002.000100"))
        .await;
    app.idle().await;
    assert!(
        app.slack.calls_to("chat.update").iter().any(|c| c
            .param("text")
            .is_some_and(|t| t.contains("<@U0002> took their answer back"))),
        "the withdrawn answer's thread post says so:\n{}",
        app.slack.describe_calls()
    );
    let nudge_ts = nudge_of(&app, "U0002").response["ts"]
        .as_str()
        .unwrap()
        .to_string();
    let right = "Yesterday: API docs\nToday: billing export\nBlockers: none";
    app.post_event(&dm_event(
        "U0002",
        "1900000002.000200",
        Some(&nudge_ts),
        right,
    ))
    .await;
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM answers WHERE deleted = 0")
            .await,
        2
    );

    close_run_in(&app, CHANNEL).await;
    let summary = common::blocks::all_text(&summary_in_thread(&app, &parent));
    assert!(
        summary.contains("reset flow emails") && summary.contains("billing export"),
        "the edited DM answers are summarized: {summary}"
    );
    assert!(
        !summary.contains("password reset") && !summary.contains("oops"),
        "{summary}"
    );
    assert_eq!(
        every_post(&app),
        [
            "answer U0001",
            "answer U0002",
            "answer U0002",
            "channel post",
            "nudge DU0001",
            "nudge DU0002",
            "parent",
            "thread summary"
        ],
        "{}",
        app.slack.describe_calls()
    );
}

async fn in_private_mode_only_the_summary_is_posted(db: Db) {
    let app = spawn_app(db).await;
    // The thread as Slack has it at the close holds no DM answer: the close
    // must not take them for deleted thread replies.
    app.slack.keep_posts();
    app.slack
        .set_members(CHANNEL, vec!["U0001", "U0002", "U0003", "UBOT"]);
    app.standup("answers private").await;
    let parent = start_run_in(&app, CHANNEL).await;
    let nudge = nudge_of(&app, "U0001");
    assert!(nudge.param("text").unwrap().contains("It stays private"));
    // The parent asks for answers by DM, not in the (public) thread.
    let parent_post = &app.slack.calls_to("chat.postMessage")[0];
    let prompt = common::blocks::all_text(&parent_post.json_param("blocks").unwrap());
    assert!(
        prompt.contains("replying to my DM") && !prompt.contains("in this thread"),
        "{prompt}"
    );
    app.post_event(&dm_event(
        "U0001",
        "1900000003.000100",
        None,
        "Yesterday: quarterly numbers\nToday: board deck\nBlockers: none",
    ))
    .await;
    app.post_event(&dm_event(
        "U0002",
        "1900000003.000200",
        None,
        "Yesterday: hiring loop\nToday: offer letters\nBlockers: none",
    ))
    .await;
    // U0003 answers with the Answer button of the nudge: the modal's answer
    // is copied to their DM, not posted in the thread.
    submit_modal(&app, "U0003", "Vendor contracts", "Legal review").await;
    app.wait_count("SELECT COUNT(*) FROM answers", 3).await;
    app.idle().await;
    close_run_in(&app, CHANNEL).await;

    let summary = common::blocks::all_text(&summary_in_thread(&app, &parent));
    assert!(
        summary.contains("board deck")
            && summary.contains("offer letters")
            && summary.contains("Legal review"),
        "{summary}"
    );
    // Every message Slack received: the parent, three nudges, U0003's copy
    // of their answer, the summary in the thread and the channel post. No
    // answer was posted in the channel.
    assert_eq!(
        every_post(&app),
        [
            "channel post",
            "copy DU0003",
            "nudge DU0001",
            "nudge DU0002",
            "nudge DU0003",
            "parent",
            "thread summary"
        ],
        "{}",
        app.slack.describe_calls()
    );
    assert!(app.slack.calls_to("chat.postMessage").iter().all(|c| !c
        .param("text")
        .unwrap_or_default()
        .contains("offer letters")));
    // Only the parent is edited (marked closed).
    assert_eq!(app.slack.calls_to("chat.update").len(), 1);
}

async fn a_reply_in_a_nudge_thread_answers_that_run_and_other_dms_the_latest_nudge(db: Db) {
    let app = spawn_app(db).await;
    let other = "C0002";
    app.standup("answers dm").await;
    app.command_as("U0001", other, "/standup", "answers dm")
        .await;
    let first_parent = start_run_in(&app, CHANNEL).await;
    let second_parent = start_run_in(&app, other).await;
    let first_run = app
        .scalar(&format!(
            "SELECT id FROM runs WHERE channel_id = '{CHANNEL}'"
        ))
        .await;
    let second_run = app
        .scalar(&format!("SELECT id FROM runs WHERE channel_id = '{other}'"))
        .await;
    let first_nudge = nudge_of(&app, "U0001");
    assert_eq!(
        common::blocks::element(&first_nudge.json_param("blocks").unwrap(), "standup_answer")
            .and_then(|b| b.value),
        Some(first_run.to_string())
    );
    assert!(first_nudge
        .param("text")
        .unwrap()
        .contains("reply in the thread of a nudge"));
    let nudge_ts = first_nudge.response["ts"].as_str().unwrap().to_string();

    app.post_event(&dm_event(
        "U0001",
        "1900000004.000100",
        Some(&nudge_ts),
        "Today: for the first standup",
    ))
    .await;
    app.post_event(&dm_event(
        "U0001",
        "1900000004.000200",
        None,
        "Today: for the latest nudge",
    ))
    .await;
    app.idle().await;
    assert_eq!(
        app.text(&format!(
            "SELECT body FROM answers WHERE run_id = {first_run}"
        ))
        .await,
        "Today: for the first standup"
    );
    assert_eq!(
        app.text(&format!(
            "SELECT body FROM answers WHERE run_id = {second_run}"
        ))
        .await,
        "Today: for the latest nudge"
    );
    let threads: Vec<(String, String)> = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| c.param("text").is_some_and(|t| t.contains("answered:")))
        .map(|c| (c.param("thread_ts").unwrap(), c.param("text").unwrap()))
        .collect();
    assert_eq!(threads.len(), 2, "{threads:?}");
    assert!(threads.contains(&(
        first_parent,
        "*<@U0001> answered:*\nToday: for the first standup".into()
    )));
    assert!(threads.contains(&(
        second_parent,
        "*<@U0001> answered:*\nToday: for the latest nudge".into()
    )));
}

async fn a_dm_that_answers_no_run_gets_a_short_reply_and_is_not_stored(db: Db) {
    let app = spawn_app(db).await;
    app.standup("answers dm").await;
    let hello = dm_event("U0001", "1900000005.000100", None, "hello?");
    app.post_event(&hello).await;
    app.idle().await;
    // Slack delivering it again (a new event id, same message) changes nothing.
    let again = hello.replace("EvU00011900000005000100", "EvAgain");
    app.post_event(&again).await;
    // The bot's own DMs and other bots' are ignored.
    let ours = event_envelope(
        "message",
        "EvOurs",
        json!({ "channel": "DU0001", "channel_type": "im", "user": "UBOT", "bot_id": "BBOT", "ts": "1900000005.000200", "text": "a nudge" }),
    );
    app.post_event(&ours).await;
    app.idle().await;
    let replies = app.slack.calls_to("chat.postMessage");
    assert_eq!(replies.len(), 1, "{}", app.slack.describe_calls());
    assert_eq!(replies[0].param("channel").as_deref(), Some("DU0001"));
    assert!(replies[0]
        .param("text")
        .unwrap()
        .starts_with("No standup is waiting for your answer right now"));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM answers").await, 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM dm_answers").await, 0);

    // In thread mode a reply to the nudge is pointed to the thread, not stored.
    app.standup("answers thread").await;
    start_run_in(&app, CHANNEL).await;
    let nudge_ts = nudge_of(&app, "U0001").response["ts"]
        .as_str()
        .unwrap()
        .to_string();
    app.post_event(&dm_event(
        "U0001",
        "1900000005.000300",
        Some(&nudge_ts),
        "done!",
    ))
    .await;
    app.idle().await;
    let pointed = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .find(|c| {
            c.param("text")
                .is_some_and(|t| t.contains("collects answers in"))
        })
        .expect("a pointer to the thread");
    assert_eq!(pointed.param("thread_ts"), Some(nudge_ts));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM answers").await, 0);

    // A bad mode is refused with the usage, and nothing changes.
    let bad = app.standup("answers public").await;
    assert!(bad["text"]
        .as_str()
        .unwrap()
        .contains("`thread`, `dm` or `private`"));
    assert_eq!(app.text("SELECT answer_mode FROM standups").await, "thread");
}

async fn a_late_dm_answer_in_the_nudge_thread_is_kept_and_shown_on_update_summary(db: Db) {
    let app = spawn_app(db).await;
    app.slack.keep_posts();
    app.standup("answers dm").await;
    let parent = start_run_in(&app, CHANNEL).await;
    let run_id = app.scalar("SELECT id FROM runs").await;
    app.post_event(&dm_event(
        "U0001",
        "1900000006.000100",
        None,
        "Yesterday: a\nToday: b\nBlockers: none",
    ))
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers", 1).await;
    close_run_in(&app, CHANNEL).await;

    // After the close, a DM outside a nudge thread answers nothing...
    app.post_event(&dm_event("U0002", "1900000006.000200", None, "sorry, late"))
        .await;
    app.idle().await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM answers").await, 1);
    // ...and a reply in the nudge's thread is a late answer, posted in the
    // run's thread like a late reply there, without its broadcast.
    let nudge_ts = nudge_of(&app, "U0002").response["ts"]
        .as_str()
        .unwrap()
        .to_string();
    let late = "Yesterday: late night deploy\nToday: sleep\nBlockers: none <!here>";
    app.post_event(&dm_event(
        "U0002",
        "1900000006.000300",
        Some(&nudge_ts),
        late,
    ))
    .await;
    app.wait_count("SELECT COUNT(*) FROM answers WHERE late = 1", 1)
        .await;
    app.idle().await;
    let posted = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .find(|c| {
            c.param("text")
                .is_some_and(|t| t.contains("late night deploy"))
        })
        .expect("the late answer in the thread");
    assert_eq!(posted.param("thread_ts"), Some(parent.clone()));
    let text = posted.param("text").unwrap();
    assert!(
        text.ends_with("none @here") && !text.contains("<!here>"),
        "{text}"
    );

    let summary_ts = app
        .text(&format!(
            "SELECT ts FROM posts WHERE post_key = 'run:{run_id}:summary'"
        ))
        .await;
    let mut click = common::fixtures::fixture_json("interactivity/block_actions.json");
    click["user"]["id"] = json!("U0001");
    click["channel"]["id"] = json!(CHANNEL);
    click["trigger_id"] = json!("trigger-update-dm");
    click["actions"] = json!([{ "type": "button", "action_id": "standup_update_summary", "block_id": "b2", "value": run_id.to_string(), "action_ts": "1900000006.000900" }]);
    assert_eq!(app.interaction(&click).await.status(), 200);
    app.idle().await;
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
}
