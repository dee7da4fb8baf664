//! Follow-through against the fake Slack (and fake GitHub and Jira):
//! action-item buttons, blockers carried across days, the App Home tab,
//! issues created once.

mod common;
#[path = "common/fake_trackers.rs"]
mod fake_trackers;

use common::fixtures::{event_envelope, fixture_json};
use common::*;
use fake_trackers::FakeTrackers;
use serde_json::{json, Value};

on_both_databases!(
    done_reassign_and_snooze_update_the_database_and_the_message,
    a_blocker_is_asked_about_the_next_day_and_ages_until_resolved,
    the_home_tab_lists_my_items_and_updates_after_done,
    create_issue_makes_exactly_one_issue_in_github_and_in_jira,
    the_weekly_report_matches_a_scripted_week,
    mood_is_shown_only_as_an_average_of_three_or_more,
);

/// A block_actions payload from Slack's sample, pressed by `user`.
fn press(user: &str, channel: &str, trigger: &str, action: Value) -> Value {
    let mut p = fixture_json("interactivity/block_actions.json");
    p["user"]["id"] = json!(user);
    p["channel"]["id"] = json!(channel);
    p["trigger_id"] = json!(trigger);
    p["actions"] = json!([action]);
    p
}

/// Opens a run, has U0002 and U0003 answer with action items, closes it.
/// Returns the parent ts.
async fn closed_run_with_items(app: &TestApp) -> String {
    closed_run_with_answers(
        app,
        &[
            (
                "U0002",
                "1900000020.000100",
                "Yesterday: audit\nToday: I'll update the runbook by Friday\nBlockers: none",
            ),
            (
                "U0003",
                "1900000020.000200",
                "Yesterday: tests\nToday: I will write the migration guide by tomorrow\nBlockers: none",
            ),
        ],
    )
    .await
}

async fn item_id(app: &TestApp, owner: &str) -> i64 {
    app.scalar(&format!(
        "SELECT id FROM action_items WHERE owner = '{owner}'"
    ))
    .await
}

async fn done_reassign_and_snooze_update_the_database_and_the_message(db: Db) {
    let app = spawn_app(db).await;
    let parent = closed_run_with_items(&app).await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM action_items WHERE status = 'open'")
            .await,
        2,
        "both items stored"
    );
    let board = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .find(|c| {
            c.param("thread_ts").as_deref() == Some(parent.as_str())
                && c.param("text")
                    .is_some_and(|t| t.starts_with("Action items"))
        })
        .expect("an Action items message in the thread");
    let board_blocks = board.json_param("blocks").unwrap();
    let actions: Vec<String> = common::blocks::elements(&board_blocks)
        .into_iter()
        .map(|e| e.action_id)
        .collect();
    let blocks = common::blocks::all_text(&board_blocks);
    // Done and one menu per item (issue 19: no wall of buttons).
    assert!(
        blocks.contains("pdate the runbook")
            && actions.iter().any(|a| a == "item_done")
            && actions.iter().any(|a| a == "item_menu")
            && !actions
                .iter()
                .any(|a| a == "item_reassign" || a == "item_snooze"),
        "{blocks}"
    );
    let board_ts = app
        .text("SELECT ts FROM posts WHERE post_key LIKE '%:actions'")
        .await;

    // Someone else pressing Done is refused, ephemerally, and nothing changes.
    let runbook = item_id(&app, "U0002").await;
    app.interaction(&press("U0003", CHANNEL, "t-done-1", json!({ "type": "button", "action_id": "item_done", "block_id": format!("item:{runbook}"), "value": runbook.to_string(), "action_ts": "1.1" }))).await;
    let refusal = app.slack.wait_for_calls("chat.postEphemeral", 1).await;
    assert!(
        refusal[0].param("text").unwrap().contains("Only <@U0002>"),
        "{:?}",
        refusal[0].params
    );
    assert_eq!(refusal[0].param("user").as_deref(), Some("U0003"));
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM action_items WHERE id = {runbook} AND status = 'open'"
        ))
        .await,
        1
    );

    // The owner marks it done: database and message change.
    app.interaction(&press("U0002", CHANNEL, "t-done-2", json!({ "type": "button", "action_id": "item_done", "block_id": format!("item:{runbook}"), "value": runbook.to_string(), "action_ts": "1.2" }))).await;
    app.eventually("done in the database", || async {
        app.scalar(&format!(
            "SELECT COUNT(*) FROM action_items WHERE id = {runbook} AND status = 'done'"
        ))
        .await
            == 1
    })
    .await;
    app.eventually("the message is updated", || async {
        app.slack.calls_to("chat.update").iter().any(|c| {
            c.param("ts").as_deref() == Some(board_ts.as_str())
                && c.param("blocks")
                    .is_some_and(|b| b.contains("~<@U0002>") && b.contains("done by <@U0002>"))
        })
    })
    .await;

    // The manager (who started the standup) reassigns the other item, then snoozes it a week.
    let guide = item_id(&app, "U0003").await;
    // Reassign… in the menu opens a modal; its Save reassigns.
    app.interaction(&press("U0001", CHANNEL, "t-re-1", json!({ "type": "overflow", "action_id": "item_menu", "block_id": format!("item:{guide}"), "selected_option": { "value": format!("reassign:{guide}") }, "action_ts": "1.3" }))).await;
    let opened = app.slack.wait_for_calls("views.open", 1).await;
    let modal = opened[0].json_param("view").unwrap();
    assert_eq!(modal["callback_id"], "item_reassign_view");
    assert_eq!(modal["private_metadata"], guide.to_string());
    let mut save = common::fixtures::fixture_json("interactivity/view_submission.json");
    save["user"]["id"] = json!("U0001");
    save["trigger_id"] = json!("t-re-2");
    save["view"]["callback_id"] = json!("item_reassign_view");
    save["view"]["private_metadata"] = json!(guide.to_string());
    save["view"]["state"] = json!({ "values": { "owner": { "value": { "type": "users_select", "selected_user": "U0002" } } } });
    assert_eq!(app.interaction(&save).await.status(), 200);
    app.eventually("reassigned", || async {
        app.scalar(&format!(
            "SELECT COUNT(*) FROM action_items WHERE id = {guide} AND owner = 'U0002'"
        ))
        .await
            == 1
    })
    .await;
    let due_before = app
        .text(&format!("SELECT due FROM action_items WHERE id = {guide}"))
        .await;
    app.interaction(&press("U0002", CHANNEL, "t-sn-1", json!({ "type": "overflow", "action_id": "item_menu", "block_id": format!("item:{guide}"), "selected_option": { "value": format!("snooze1w:{guide}") }, "action_ts": "1.4" }))).await;
    app.eventually("snoozed", || async {
        app.text(&format!("SELECT due FROM action_items WHERE id = {guide}"))
            .await
            != due_before
    })
    .await;
    let due_after: jiff::civil::Date = app
        .text(&format!("SELECT due FROM action_items WHERE id = {guide}"))
        .await
        .parse()
        .unwrap();
    let due_before: jiff::civil::Date = due_before.parse().unwrap();
    assert_eq!((due_after - due_before).get_days(), 7, "a week later");

    let mine = app
        .command_as("U0002", CHANNEL, "/standup", "actions mine")
        .await;
    let text = mine["text"].as_str().unwrap();
    assert!(
        text.contains("migration guide") && !text.contains("runbook"),
        "only open items: {text}"
    );
}

async fn a_blocker_is_asked_about_the_next_day_and_ages_until_resolved(db: Db) {
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_second();
    let clock = scrumbot::clock::Clock::manual(at("2026-11-23T08:00:00Z")); // Monday
    let slack = FakeSlack::start().await;
    let app = start_with_clock(slack, fresh_database(db).await, &[], clock.clone()).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    let run_day = |day: &'static str, n: i64, answers: Vec<(&'static str, &'static str)>| {
        let (app, clock) = (&app, &clock);
        async move {
            clock.set(at(&format!("{day}T09:30:00Z")));
            app.tick().await;
            app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
                .await;
            let parent = app
                .text("SELECT parent_ts FROM runs WHERE status = 'open'")
                .await;
            for (k, (user, text)) in answers.into_iter().enumerate() {
                app.reply_in_thread(user, &parent, &format!("19000000{n}{k}.000100"), text)
                    .await;
            }
            app.eventually("answers stored", || async { app.scalar("SELECT COUNT(*) FROM answers a JOIN runs r ON r.id = a.run_id WHERE r.status = 'open'").await >= 1 }).await;
            app.idle().await;
            clock.set(at(&format!("{day}T12:31:00Z")));
            app.tick().await;
            app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 0)
                .await;
            app.eventually("the channel post", || async { app.scalar("SELECT COUNT(*) FROM posts WHERE post_key LIKE 'run:%:channel' AND ts IS NOT NULL").await == n }).await;
        }
    };
    run_day(
        "2026-11-23",
        1,
        vec![
            (
                "U0001",
                "Y: x\nT: y\nB: waiting on <@U0002> for the API keys",
            ),
            ("U0002", "Y: a\nT: b\nB: stuck on the legal review"),
        ],
    )
    .await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM blockers WHERE status = 'open'")
            .await,
        2
    );

    // Tuesday: U0001's nudge asks about Monday's blocker first.
    clock.set(at("2026-11-24T09:30:00Z"));
    app.tick().await;
    app.eventually("Tuesday's nudge with the question", || async {
        app.slack.calls_to("chat.postMessage").iter().any(|c| {
            c.param("channel").as_deref() == Some("DU0001")
                && c.param("blocks").is_some_and(|b| {
                    b.contains("Yesterday you were blocked on") && b.contains("API keys")
                })
        })
    })
    .await;
    let blocker = app
        .scalar("SELECT id FROM blockers WHERE user_id = 'U0001'")
        .await;
    let mut resolved = press(
        "U0001",
        "DU0001",
        "t-res-1",
        json!({ "type": "button", "action_id": "blocker_resolved", "block_id": format!("blocker:{blocker}"), "value": blocker.to_string(), "action_ts": "2.1" }),
    );
    resolved["container"] =
        json!({ "type": "message", "message_ts": "1732550000.000999", "channel_id": "DU0001" });
    app.interaction(&resolved).await;
    app.wait_count(
        "SELECT COUNT(*) FROM blockers WHERE user_id = 'U0001' AND status = 'resolved'",
        1,
    )
    .await;
    let parent = app
        .text("SELECT parent_ts FROM runs WHERE status = 'open'")
        .await;
    app.reply_in_thread(
        "U0002",
        &parent,
        "1900000021.000100",
        "Y: c\nT: d\nB: still stuck on the legal review",
    )
    .await;
    app.wait_count(
        "SELECT COUNT(*) FROM answers WHERE message_ts = '1900000021.000100'",
        1,
    )
    .await;
    clock.set(at("2026-11-24T12:31:00Z"));
    app.tick().await;
    app.eventually("Tuesday closes", || async {
        app.scalar(
            "SELECT COUNT(*) FROM posts WHERE post_key LIKE 'run:%:channel' AND ts IS NOT NULL",
        )
        .await
            == 2
    })
    .await;

    // Wednesday: the unresolved one has been open two working days.
    run_day(
        "2026-11-25",
        3,
        vec![("U0002", "Y: e\nT: f\nB: legal review still pending")],
    )
    .await;
    let wednesday = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .rev()
        .find(|c| {
            c.param("channel").as_deref() == Some(CHANNEL)
                && c.param("thread_ts").is_none()
                && c.param("blocks").is_some_and(|b| b.contains("2026-11-25"))
        })
        .expect("Wednesday's channel post");
    let blocks = common::blocks::all_text(&wednesday.json_param("blocks").unwrap());
    assert!(
        blocks.contains("· _2 days_") && blocks.contains(":rotating_light:"),
        "{blocks}"
    );
    assert!(
        !blocks.contains("API keys"),
        "the resolved blocker is gone: {blocks}"
    );
}

async fn the_home_tab_lists_my_items_and_updates_after_done(db: Db) {
    let app = spawn_app(db).await;
    closed_run_with_items(&app).await;
    let opened = event_envelope("app_home_opened", "EvHOME1", json!({ "user": "U0002" }));
    app.post_event(&opened).await;
    let views = app.slack.wait_for_calls("views.publish", 1).await;
    let home = views.last().unwrap();
    assert_eq!(home.param("user_id").as_deref(), Some("U0002"));
    let view = common::blocks::all_text(&home.json_param("view").unwrap());
    assert!(
        view.contains("pdate the runbook") && !view.contains("migration guide"),
        "my items only: {view}"
    );
    assert!(view.contains(CHANNEL), "my standups: {view}");

    let item = item_id(&app, "U0002").await;
    let before = app.slack.calls_to("views.publish").len();
    app.interaction(&press("U0002", CHANNEL, "t-home-done", json!({ "type": "button", "action_id": "item_done", "value": item.to_string(), "action_ts": "3.1" }))).await;
    app.eventually("the Home tab is republished", || async {
        app.slack.calls_to("views.publish").len() > before
    })
    .await;
    let view = app
        .slack
        .calls_to("views.publish")
        .last()
        .unwrap()
        .json_param("view")
        .map(|v| common::blocks::all_text(&v))
        .unwrap();
    assert!(
        !view.contains("pdate the runbook"),
        "the done item left the Home tab: {view}"
    );
}

async fn create_issue_makes_exactly_one_issue_in_github_and_in_jira(db: Db) {
    let trackers = FakeTrackers::start().await;
    let slack = FakeSlack::start().await;
    let app = start_on(
        slack,
        fresh_database(db).await,
        &[
            ("GITHUB_TOKEN", "ghp_secret_token"),
            ("GITHUB_API_URL", &trackers.url),
            ("JIRA_BASE_URL", &trackers.url),
            ("JIRA_EMAIL", "bot@acme.test"),
            ("JIRA_API_TOKEN", "jira_secret_token"),
        ],
    )
    .await;
    closed_run_with_items(&app).await;
    let reply = app.standup("tickets github acme/web").await;
    assert!(
        reply["text"].as_str().unwrap().contains("acme/web"),
        "{reply}"
    );
    let item = item_id(&app, "U0002").await;
    let menu = |trigger: &str| {
        press(
            "U0002",
            CHANNEL,
            trigger,
            json!({ "type": "overflow", "action_id": "item_menu", "block_id": format!("item:{item}"), "selected_option": { "value": format!("issue:{item}") }, "action_ts": trigger }),
        )
    };
    // Pressed twice, the second while the first is still with GitHub.
    app.interaction(&menu("t-gh-1")).await;
    app.interaction(&menu("t-gh-2")).await;
    app.eventually("the link is stored", || async { app.scalar(&format!("SELECT COUNT(*) FROM action_items WHERE id = {item} AND issue_url LIKE 'https://github.com/acme/web/issues/%'")).await == 1 }).await;
    app.idle().await;
    let calls = trackers.calls();
    assert_eq!(calls.len(), 1, "one GitHub issue: {calls:?}");
    assert_eq!(calls[0].path, "/repos/acme/web/issues");
    assert_eq!(
        calls[0].authorization.as_deref(),
        Some("Bearer ghp_secret_token")
    );
    assert_eq!(calls[0].body["title"], "Update the runbook");
    assert!(
        calls[0].body["body"]
            .as_str()
            .unwrap()
            .contains("https://acme.slack.com/archives/"),
        "links back to Slack"
    );
    app.eventually("the link shows on the item", || async {
        app.slack.calls_to("chat.update").iter().any(|c| {
            c.param("blocks")
                .is_some_and(|b| b.contains("github.com/acme/web/issues/1"))
        })
    })
    .await;

    // Jira for the other item.
    let reply = app.standup("tickets jira OPS").await;
    assert!(reply["text"].as_str().unwrap().contains("OPS"));
    let other = item_id(&app, "U0003").await;
    let jira_menu = |trigger: &str| {
        press(
            "U0003",
            CHANNEL,
            trigger,
            json!({ "type": "overflow", "action_id": "item_menu", "block_id": format!("item:{other}"), "selected_option": { "value": format!("issue:{other}") }, "action_ts": trigger }),
        )
    };
    app.interaction(&jira_menu("t-j-1")).await;
    app.interaction(&jira_menu("t-j-2")).await;
    app.eventually("the Jira link", || async { app.scalar(&format!("SELECT COUNT(*) FROM action_items WHERE id = {other} AND issue_url LIKE '%/browse/OPS-%'")).await == 1 }).await;
    app.idle().await;
    let jira: Vec<_> = trackers
        .calls()
        .into_iter()
        .filter(|c| c.path == "/rest/api/3/issue")
        .collect();
    assert_eq!(jira.len(), 1, "one Jira issue");
    assert_eq!(jira[0].body["fields"]["project"]["key"], "OPS");
    assert!(jira[0]
        .authorization
        .as_deref()
        .unwrap()
        .starts_with("Basic "));
    let ephemerals: String = app
        .slack
        .calls_to("chat.postEphemeral")
        .iter()
        .filter_map(|c| c.param("text"))
        .collect();
    assert!(
        !ephemerals.contains("secret_token"),
        "no secret reaches Slack"
    );
}

async fn the_weekly_report_matches_a_scripted_week(db: Db) {
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_second();
    let clock = scrumbot::clock::Clock::manual(at("2026-11-23T08:00:00Z"));
    let slack = FakeSlack::start().await;
    slack.set_members(CHANNEL, vec!["U0001", "U0002", "U0003", "UBOT"]);
    let app = start_with_clock(slack, fresh_database(db).await, &[], clock.clone()).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    let on = app.standup("report weekly on").await;
    assert!(on["text"].as_str().unwrap().contains("Friday"), "{on}");
    app.command_as("U0003", CHANNEL, "/standup", "away 2026-11-25 2026-11-25")
        .await;

    /// (user, minutes after the open, answer)
    type Answer<'a> = (&'a str, i64, &'a str);
    let week: Vec<(&str, Vec<Answer>)> = vec![
        (
            "2026-11-23",
            vec![
                ("U0001", 10, "Y: a\nT: b\nB: none"),
                (
                    "U0002",
                    30,
                    "Y: c\nT: d\nB: waiting on the vendor for the certificate",
                ),
            ],
        ),
        (
            "2026-11-24",
            vec![
                ("U0001", 20, "Y: a\nT: b\nB: none"),
                (
                    "U0002",
                    40,
                    "Y: c\nT: d\nB: no blockers, the vendor delivered",
                ),
            ],
        ),
        ("2026-11-25", vec![("U0001", 5, "Y: a\nT: b\nB: none")]),
        (
            "2026-11-26",
            vec![
                (
                    "U0001",
                    60,
                    "Y: a\nT: I'll ship the hotfix by Friday\nB: none",
                ),
                ("U0002", 60, "Y: c\nT: d\nB: none"),
                ("U0003", 60, "Y: e\nT: f\nB: none"),
            ],
        ),
        ("2026-11-27", vec![("U0001", 15, "Y: a\nT: b\nB: none")]),
    ];
    for (n, (day, answers)) in week.into_iter().enumerate() {
        let open = at(&format!("{day}T09:30:00Z"));
        clock.set(open);
        app.tick().await;
        app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
            .await;
        let parent = app
            .text("SELECT parent_ts FROM runs WHERE status = 'open'")
            .await;
        for (k, (user, minutes, text)) in answers.iter().enumerate() {
            clock.set(open + minutes * 60);
            app.tick().await;
            let ts = format!("19000001{n}{k}.000100");
            app.reply_in_thread(user, &parent, &ts, text).await;
            app.eventually("stored", || async {
                app.scalar(&format!(
                    "SELECT COUNT(*) FROM answers WHERE message_ts = '{ts}'"
                ))
                .await
                    == 1
            })
            .await;
        }
        if day == "2026-11-27" {
            // Friday morning the hotfix ships: its owner marks it done.
            let item = app.scalar("SELECT id FROM action_items").await;
            app.interaction(&press("U0001", CHANNEL, "t-week-done", json!({ "type": "button", "action_id": "item_done", "value": item.to_string(), "action_ts": "5.1" }))).await;
            app.wait_count("SELECT COUNT(*) FROM action_items WHERE status = 'done'", 1)
                .await;
        }
        clock.set(at(&format!("{day}T12:31:00Z")));
        app.tick().await;
        app.eventually("the run closes", || async {
            app.scalar("SELECT COUNT(*) FROM runs WHERE status = 'closed'")
                .await
                == n as i64 + 1
        })
        .await;
    }

    let expected_lines = [
        "<@U0001>: 5/5 answered (100%) · avg time to answer 22m",
        "<@U0002>: 3/5 answered (60%) · avg time to answer 43m",
        "<@U0003>: 1/4 answered (25%) · avg time to answer 1h 00m",
        "*Blockers:* 1 opened, 1 resolved · *Action items:* 1 opened, 1 done",
    ];
    app.eventually("Friday's automatic report", || async {
        app.slack.calls_to("chat.postMessage").iter().any(|c| {
            c.param("text")
                .is_some_and(|t| t.starts_with("*Standup report"))
        })
    })
    .await;
    let posted = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .find(|c| {
            c.param("text")
                .is_some_and(|t| t.starts_with("*Standup report"))
        })
        .unwrap()
        .param("text")
        .unwrap();
    for line in expected_lines {
        assert!(posted.contains(line), "missing {line:?} in:\n{posted}");
    }
    assert!(
        posted.contains("2026-11-21 to 2026-11-27") && posted.contains("(5 runs)"),
        "{posted}"
    );

    let reply = app.standup("report week").await;
    assert_eq!(
        reply["text"].as_str().unwrap(),
        posted,
        "the command shows the same figures"
    );

    app.standup("export week").await;
    let upload = app.slack.wait_for_calls("files.upload_url", 1).await;
    let csv = upload[0].param("_raw_body").unwrap();
    assert!(
        csv.contains("2026-11-21,2026-11-27,U0002,3,5,43,,,,"),
        "{csv}"
    );
    assert!(csv.contains("(team),9,14,,1,1,1,1"), "{csv}");
    let done = app
        .slack
        .wait_for_calls("files.completeUploadExternal", 1)
        .await;
    assert_eq!(done[0].param("channel_id").as_deref(), Some(CHANNEL));
}

async fn mood_is_shown_only_as_an_average_of_three_or_more(db: Db) {
    let app = spawn_app(db).await;
    app.slack
        .set_members(CHANNEL, vec!["U0001", "U0002", "U0003", "U0004", "UBOT"]);
    app.standup("mood on").await;
    for (round, scores) in [
        vec![("U0001", 2), ("U0002", 4), ("U0003", 5)],
        vec![("U0001", 1), ("U0002", 5)],
    ]
    .into_iter()
    .enumerate()
    {
        app.standup("start").await;
        app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
            .await;
        let run_id = app
            .scalar("SELECT id FROM runs WHERE status = 'open'")
            .await;
        app.eventually("nudges with mood buttons", || async {
            app.slack
                .calls_to("chat.postMessage")
                .iter()
                .filter(|c| {
                    c.param("blocks").is_some_and(|b| {
                        b.contains("standup_mood_5") && b.contains(&format!("\"{run_id}:5\""))
                    })
                })
                .count()
                == 4
        })
        .await;
        for (user, score) in &scores {
            let dm = format!("D{user}");
            app.interaction(&press(user, &dm, &format!("t-mood-{round}-{user}"), json!({ "type": "button", "action_id": format!("standup_mood_{score}"), "value": format!("{run_id}:{score}"), "action_ts": "6.1" }))).await;
        }
        app.eventually("moods stored", || async {
            app.scalar(&format!(
                "SELECT COUNT(*) FROM moods WHERE run_id = {run_id}"
            ))
            .await
                == scores.len() as i64
        })
        .await;
        app.standup("close").await;
        app.eventually("channel post", || async { app.scalar(&format!("SELECT COUNT(*) FROM posts WHERE post_key = 'run:{run_id}:channel' AND ts IS NOT NULL")).await == 1 }).await;
    }
    let posts: Vec<String> = app
        .slack
        .calls_to("chat.postMessage")
        .into_iter()
        .filter(|c| {
            c.param("channel").as_deref() == Some(CHANNEL)
                && c.param("thread_ts").is_none()
                && c.param("text")
                    .is_some_and(|t| !t.contains("answer in this thread"))
        })
        .map(|c| c.param("blocks").unwrap_or_default())
        .collect();
    assert_eq!(posts.len(), 2, "two channel summaries");
    assert!(
        posts[0].contains("team mood 3.7/5 (3 answers)"),
        "{}",
        posts[0]
    );
    assert!(
        !posts[1].contains("team mood"),
        "two answers are not shown: {}",
        posts[1]
    );
}
