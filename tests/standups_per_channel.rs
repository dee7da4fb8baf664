//! Several standups in one channel: each with its own questions, schedule,
//! runs, threads and summary; a command names the one it is about, and
//! with one standup the name stays optional.

mod common;

use common::*;
use serde_json::{json, Value};

on_both_databases!(
    two_standups_in_one_channel_run_on_their_own_schedules_with_their_own_questions,
    with_several_standups_a_command_without_a_name_is_told_the_names,
    delete_asks_first_then_stops_the_standup_and_keeps_its_history,
);

fn text(reply: &Value) -> &str {
    reply["text"].as_str().unwrap_or_default()
}

fn at(s: &str) -> i64 {
    s.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// The parent message of the run of the standup `name`, once posted.
async fn parent_of(app: &TestApp, name: &str) -> String {
    app.text(&format!(
        "SELECT r.parent_ts FROM runs r JOIN standups s ON s.id = r.standup_id \
         WHERE s.name = '{name}' AND r.parent_ts IS NOT NULL ORDER BY r.id DESC LIMIT 1"
    ))
    .await
}

/// What the bot posted as the parent message `ts` (text and blocks).
fn posted_as(app: &TestApp, ts: &str) -> String {
    app.slack
        .posted()
        .into_iter()
        .find(|m| m["ts"] == ts)
        .map(|m| m.to_string())
        .unwrap_or_default()
}

/// How many messages the bot posted in the thread of `parent`.
fn bot_posts_in_thread(app: &TestApp, parent: &str) -> usize {
    app.slack
        .calls_to("chat.postMessage")
        .iter()
        .filter(|c| c.param("thread_ts").as_deref() == Some(parent))
        .count()
}

async fn two_standups_in_one_channel_run_on_their_own_schedules_with_their_own_questions(db: Db) {
    // Monday 30 November 2026, 07:00 UTC.
    let app = spawn_with_clock(db, at("2026-11-30T07:00:00Z")).await;
    app.slack
        .set_members(CHANNEL, vec!["U0001", "U0002", "UBOT"]);
    // Today's single-standup commands, unchanged.
    app.standup("schedule mon-fri 09:00 UTC").await;
    app.standup("questions What did you do? | Anything blocking?")
        .await;
    app.standup("close-after 480").await;
    // A second standup, with its own schedule and questions.
    let created = app.standup("new retro").await;
    assert!(text(&created).contains("`retro`"), "{created}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standups WHERE name = 'retro' AND paused = 1 AND next_run_at IS NULL")
            .await,
        1,
        "a new standup waits for its own schedule"
    );
    let reply = app.standup("retro schedule mon 15:00 UTC").await;
    assert!(text(&reply).contains("Schedule saved"), "{reply}");
    app.standup("retro questions What went well? | What should change?")
        .await;
    app.standup("retro close-after 60").await;
    let list = app.standup("list").await;
    assert!(
        text(&list).contains(
            "`standup` — mon,tue,wed,thu,fri at 09:00 (UTC) · *next run:* Mon 2026-11-30 09:00"
        ) && text(&list)
            .contains("`retro` — mon at 15:00 (UTC) · *next run:* Mon 2026-11-30 15:00"),
        "{list}"
    );

    // 09:00: only the daily standup opens, with its questions.
    app.clock.set(at("2026-11-30T09:00:00Z"));
    app.tick().await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM runs").await, 1);
    let daily = parent_of(&app, "standup").await;
    let daily_post = posted_as(&app, &daily);
    assert!(
        daily_post.contains("Daily standup") && daily_post.contains("What did you do?"),
        "{daily_post}"
    );
    assert!(!daily_post.contains("What went well?"));
    app.reply_in_thread(
        "U0001",
        &daily,
        "1900000001.000100",
        "Did the release. No blockers.",
    )
    .await;

    // 15:00: the retro opens while the daily one is still open.
    app.clock.set(at("2026-11-30T15:00:00Z"));
    app.tick().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status = 'open'")
            .await,
        2,
        "each standup has its own open run"
    );
    let retro = parent_of(&app, "retro").await;
    assert_ne!(retro, daily);
    let retro_post = posted_as(&app, &retro);
    assert!(
        retro_post.contains("retro") && retro_post.contains("What went well?"),
        "{retro_post}"
    );
    assert!(!retro_post.contains("What did you do?"));
    app.reply_in_thread(
        "U0002",
        &retro,
        "1900000002.000100",
        "Pairing went well; change nothing.",
    )
    .await;
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM answers a JOIN runs r ON r.id = a.run_id JOIN standups s ON s.id = r.standup_id WHERE s.name = 'retro'")
            .await,
        1,
        "an answer belongs to the run of its thread"
    );
    let status = app.standup("retro status").await;
    assert!(
        text(&status).contains("1 of 2 answered") && text(&status).contains("<@U0002>"),
        "{status}"
    );

    // 16:00: the retro closes (60 min), the daily one stays open until 17:00.
    app.clock.set(at("2026-11-30T16:00:00Z"));
    app.tick().await;
    assert_eq!(
        bot_posts_in_thread(&app, &retro),
        1,
        "the retro's summary, in its thread"
    );
    assert_eq!(bot_posts_in_thread(&app, &daily), 0);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status = 'open'")
            .await,
        1
    );
    let closing = app.standup("standup close").await;
    assert!(text(&closing).contains("Closing"), "{closing}");
    app.idle().await;
    assert_eq!(
        bot_posts_in_thread(&app, &daily),
        1,
        "the daily summary, in its thread"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM summaries").await, 2);

    // The next runs: Tuesday 09:00 for the daily one, next Monday for the retro.
    assert_eq!(
        app.scalar("SELECT next_run_at FROM standups WHERE name = 'standup'")
            .await,
        at("2026-12-01T09:00:00Z")
    );
    assert_eq!(
        app.scalar("SELECT next_run_at FROM standups WHERE name = 'retro'")
            .await,
        at("2026-12-07T15:00:00Z")
    );
}

async fn with_several_standups_a_command_without_a_name_is_told_the_names(db: Db) {
    let app = spawn_app(db).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    // With one standup, its name is optional and may be given.
    let status = app.standup("standup status").await;
    assert!(text(&status).contains("*Schedule:*"), "{status}");
    app.standup("new weekly-sync").await;
    let before = app
        .text("SELECT days FROM standups WHERE name = 'standup'")
        .await;

    let reply = app.standup("schedule fri 15:00").await;
    assert!(
        text(&reply).contains("several standups: `standup`, `weekly-sync`")
            && text(&reply).contains("`/standup weekly-sync schedule fri 15:00`")
            && text(&reply).contains("*Usage:*"),
        "{reply}"
    );
    assert_eq!(
        app.text("SELECT days FROM standups WHERE name = 'standup'")
            .await,
        before,
        "nothing changed"
    );
    let unknown = app.standup("retro start").await;
    assert!(
        text(&unknown).contains("no standup named `retro`")
            && text(&unknown).contains("`standup`, `weekly-sync`"),
        "{unknown}"
    );
    for bad in ["new Weekly_Sync!", "new schedule", "new standup"] {
        let reply = app.standup(bad).await;
        assert!(
            text(&reply).contains("standup name")
                || text(&reply).contains("is a command")
                || text(&reply).contains("already has"),
            "{bad}: {reply}"
        );
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM standups").await, 2);
    // Another person's standup in the same channel is theirs to change.
    let refused = app
        .command_as("U0002", CHANNEL, "/standup", "weekly-sync pause")
        .await;
    assert_eq!(
        text(&refused),
        "Only the owners of this standup (<@U0001>) can change it."
    );
    app.command_as("U0002", CHANNEL, "/standup", "new design-review")
        .await;
    let theirs = app
        .command_as(
            "U0002",
            CHANNEL,
            "/standup",
            "design-review schedule wed 14:00 UTC",
        )
        .await;
    assert!(text(&theirs).contains("Schedule saved"), "{theirs}");
    let refused = app.standup("design-review pause").await;
    assert!(text(&refused).contains("(<@U0002>)"), "{refused}");
}

/// Presses the *Delete* button of the confirmation as `user` (each press
/// with its own `trigger`, the inbox's key).
async fn press_delete(app: &TestApp, user: &str, trigger: &str, value: &str) {
    let mut p = common::fixtures::fixture_json("interactivity/block_actions.json");
    p["user"]["id"] = json!(user);
    p["channel"]["id"] = json!(CHANNEL);
    p["trigger_id"] = json!(trigger);
    p["actions"] = json!([{ "type": "button", "action_id": "standup_delete_confirm", "block_id": "b", "value": value, "action_ts": "1900000000.000001" }]);
    assert_eq!(app.interaction(&p).await.status(), 200);
    app.idle().await;
}

/// The last ephemeral text shown to `user`.
fn last_ephemeral(app: &TestApp, user: &str) -> String {
    app.slack
        .calls_to("chat.postEphemeral")
        .iter()
        .rev()
        .find(|c| c.param("user").as_deref() == Some(user))
        .and_then(|c| c.param("text"))
        .unwrap_or_default()
}

async fn delete_asks_first_then_stops_the_standup_and_keeps_its_history(db: Db) {
    let app = spawn_app(db).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    app.standup("new retro").await;
    app.standup("retro schedule fri 15:00 UTC").await;
    app.standup("retro start").await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    let retro_id = app
        .scalar("SELECT id FROM standups WHERE name = 'retro'")
        .await;

    let refused = app
        .command_as("U0002", CHANNEL, "/standup", "delete retro")
        .await;
    assert_eq!(
        text(&refused),
        "Only the owners of this standup (<@U0001>) can change it."
    );
    assert!(app.slack.calls_to("chat.postEphemeral").is_empty());

    let asked = app.standup("delete retro").await;
    assert!(text(&asked).contains("press *Delete*"), "{asked}");
    let question = app.slack.wait_for_calls("chat.postEphemeral", 1).await;
    let blocks = question[0].param("blocks").unwrap_or_default();
    assert!(
        blocks.contains("standup_delete_confirm") && blocks.contains(&format!("\"{retro_id}\"")),
        "{blocks}"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standups WHERE deleted_at IS NULL")
            .await,
        2,
        "nothing deleted before the confirmation"
    );

    // A non-owner's press is refused too.
    press_delete(&app, "U0002", "t-del-1", &retro_id.to_string()).await;
    assert!(last_ephemeral(&app, "U0002").starts_with("Only the owners"));
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standups WHERE deleted_at IS NULL")
            .await,
        2
    );

    press_delete(&app, "U0001", "t-del-2", &retro_id.to_string()).await;
    assert!(last_ephemeral(&app, "U0001").contains("Deleted the standup `retro`"));
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM standups WHERE id = {retro_id} AND deleted_at IS NOT NULL AND next_run_at IS NULL"))
            .await,
        1,
        "deleted: no next run"
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM runs WHERE standup_id = {retro_id}"
        ))
        .await,
        1,
        "its history stays"
    );
    // One standup again: commands need no name, the list shows one, and the
    // name is free for a new standup.
    let list = app.standup("list").await;
    assert!(!text(&list).contains("retro"), "{list}");
    let status = app.standup("status").await;
    assert!(text(&status).contains("*Schedule:*"), "{status}");
    let again = app.standup("new retro").await;
    assert!(text(&again).contains("Created"), "{again}");
    press_delete(&app, "U0001", "t-del-3", &retro_id.to_string()).await;
    assert!(last_ephemeral(&app, "U0001").contains("deleted already"));
}
