//! Owners: only a standup's owners and the workspace's admins change it;
//! everyone else is told who can, in words, and nothing changes. Members
//! still answer, skip, say they are away and read.

mod common;

use common::*;
use serde_json::{json, Value};

on_both_databases!(
    a_non_owners_schedule_is_refused_and_nothing_changes,
    a_workspace_admin_or_owner_may_change_any_standup,
    owners_add_lets_the_added_person_change_it_and_the_last_owner_stays,
    the_setup_form_sets_the_owners_and_refuses_a_non_owner,
    a_standup_without_owner_rows_is_owned_by_its_creator,
    a_standup_set_up_before_the_upgrade_is_owned_by_its_creator,
);

const REFUSED: &str = "Only the owners of this standup (<@U0001>) can change it.";

fn text(reply: &Value) -> &str {
    reply["text"].as_str().unwrap_or_default()
}

/// The standup's schedule columns, to show that nothing changed.
async fn schedule_row(app: &TestApp) -> String {
    app.text("SELECT days || ' ' || time_of_day || ' ' || tz || ' ' || CAST(paused AS TEXT) FROM standups")
        .await
}

async fn a_non_owners_schedule_is_refused_and_nothing_changes(db: Db) {
    let app = spawn_app(db).await;
    let set_up = app.standup("schedule mon-fri 09:30 UTC").await;
    assert!(text(&set_up).contains("Schedule saved"), "{set_up}");
    assert_eq!(
        app.text("SELECT user_id FROM standup_owners").await,
        "U0001",
        "whoever sets the standup up owns it"
    );
    let before = schedule_row(&app).await;

    for change in [
        "schedule fri 15:00 Europe/Berlin",
        "pause",
        "questions Only this?",
        "close-after 30",
        "holiday add 2026-12-25",
        "mood on",
        "tickets jira OPS",
        "owners add <@U0002>",
        "start",
    ] {
        let reply = app.command_as("U0002", CHANNEL, "/standup", change).await;
        assert_eq!(reply["response_type"], "ephemeral", "{reply}");
        assert_eq!(text(&reply), REFUSED, "{change}");
    }
    app.idle().await;
    assert_eq!(schedule_row(&app).await, before, "nothing changed");
    assert_eq!(
        app.text("SELECT questions FROM standups")
            .await
            .matches('?')
            .count(),
        3
    );
    for table in ["holidays", "runs", "ticket_targets"] {
        assert_eq!(
            app.scalar(&format!("SELECT COUNT(*) FROM {table}")).await,
            0,
            "{table}"
        );
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM standup_owners").await, 1);
    assert!(app.slack.calls_to("chat.postMessage").is_empty());

    // A member still reads, skips and says they are away.
    let status = app.command_as("U0002", CHANNEL, "/standup", "status").await;
    assert!(text(&status).contains("*Schedule:*"), "{status}");
    let owners = app.command_as("U0002", CHANNEL, "/standup", "owners").await;
    assert!(text(&owners).contains("<@U0001>"), "{owners}");
    let skip = app.command_as("U0002", CHANNEL, "/standup", "skip").await;
    assert!(text(&skip).contains("you skip"), "{skip}");
    let away = app
        .command_as("U0002", CHANNEL, "/standup", "away 2026-12-22 2026-12-23")
        .await;
    assert!(text(&away).contains("away"), "{away}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM absences").await, 2);
}

async fn a_workspace_admin_or_owner_may_change_any_standup(db: Db) {
    let app = spawn_app(db).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    app.slack
        .set_user(json!({ "id": "U0007", "is_admin": true }));
    app.slack
        .set_user(json!({ "id": "U0008", "is_owner": true }));

    let reply = app
        .command_as(
            "U0007",
            CHANNEL,
            "/standup",
            "schedule fri 15:00 Europe/Berlin",
        )
        .await;
    assert!(text(&reply).contains("Schedule saved"), "{reply}");
    assert_eq!(schedule_row(&app).await, "fri 15:00 Europe/Berlin 0");

    let reply = app.command_as("U0008", CHANNEL, "/standup", "pause").await;
    assert!(text(&reply).contains("paused"), "{reply}");
    assert_eq!(app.scalar("SELECT paused FROM standups").await, 1);
    // Acting does not make an admin an owner.
    assert_eq!(
        app.text("SELECT user_id FROM standup_owners").await,
        "U0001"
    );
}

async fn owners_add_lets_the_added_person_change_it_and_the_last_owner_stays(db: Db) {
    let app = spawn_app(db).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    let added = app.standup("owners add <@U0002|bob>").await;
    assert!(
        text(&added).contains("<@U0001>, <@U0002>"),
        "both own it: {added}"
    );
    let reply = app
        .command_as("U0002", CHANNEL, "/standup", "schedule tue 10:00 UTC")
        .await;
    assert!(text(&reply).contains("Schedule saved"), "{reply}");
    assert_eq!(schedule_row(&app).await, "tue 10:00 UTC 0");

    // U0002 removes U0001, then cannot remove the last owner (themselves).
    let removed = app
        .command_as("U0002", CHANNEL, "/standup", "owners remove <@U0001>")
        .await;
    assert!(text(&removed).contains("now: <@U0002>."), "{removed}");
    let refused = app.standup("pause").await;
    assert_eq!(
        text(&refused),
        "Only the owners of this standup (<@U0002>) can change it."
    );
    let last = app
        .command_as("U0002", CHANNEL, "/standup", "owners remove <@U0002>")
        .await;
    assert!(text(&last).contains("at least one owner"), "{last}");
    let not_owner = app
        .command_as("U0002", CHANNEL, "/standup", "owners remove <@U0005>")
        .await;
    assert!(text(&not_owner).contains("not an owner"), "{not_owner}");
    assert_eq!(
        app.text("SELECT user_id FROM standup_owners").await,
        "U0002"
    );
    let bad = app.standup("owners add bob").await;
    assert!(text(&bad).contains("not a user mention"), "{bad}");
}

/// The settings form submitted by `user` with `owners` chosen.
fn setup_submission(standup_id: i64, user: &str, trigger: &str, owners: &[&str]) -> Value {
    let mut p = common::fixtures::fixture_json("interactivity/view_submission.json");
    p["user"]["id"] = json!(user);
    p["trigger_id"] = json!(trigger);
    p["view"]["callback_id"] = json!("standup_setup_view");
    p["view"]["private_metadata"] = json!(standup_id.to_string());
    let v = |x: &str| json!({ "value": { "type": "plain_text_input", "value": x } });
    let users =
        |u: &[&str]| json!({ "value": { "type": "multi_users_select", "selected_users": u } });
    p["view"]["state"] = json!({ "values": {
        "questions": v("Shipped?\nNext?"), "days": v("mon"), "time": v("11:00"), "tz": v("UTC"),
        "close": v("60"), "reminder": v("0"), "participants": users(&[]), "owners": users(owners),
    } });
    p
}

async fn the_setup_form_sets_the_owners_and_refuses_a_non_owner(db: Db) {
    let app = spawn_app(db).await;
    app.standup("setup").await;
    let opened = app.slack.wait_for_calls("views.open", 1).await;
    let view = opened[0].json_param("view").unwrap();
    let owners_input = view["blocks"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["block_id"] == "owners"))
        .expect("an owners input");
    assert_eq!(owners_input["element"]["initial_users"], json!(["U0001"]));
    let id = app.scalar("SELECT id FROM standups").await;
    let before = schedule_row(&app).await;

    // A non-owner's submission keeps the modal open with the refusal.
    let res = app
        .interaction(&setup_submission(id, "U0002", "t-own-1", &["U0002"]))
        .await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["response_action"], "errors", "{body}");
    assert_eq!(body["errors"]["owners"], REFUSED);
    assert_eq!(schedule_row(&app).await, before, "nothing saved");

    // No owner at all is refused too.
    let res = app
        .interaction(&setup_submission(id, "U0001", "t-own-2", &[]))
        .await;
    let body: Value = res.json().await.unwrap();
    assert!(body["errors"]["owners"]
        .as_str()
        .unwrap()
        .contains("at least one owner"));

    let res = app
        .interaction(&setup_submission(
            id,
            "U0001",
            "t-own-3",
            &["U0001", "U0003"],
        ))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(schedule_row(&app).await, "mon 11:00 UTC 0");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standup_owners WHERE user_id IN ('U0001', 'U0003')")
            .await,
        2
    );
    let reply = app
        .command_as("U0003", CHANNEL, "/standup", "close-after 45")
        .await;
    assert!(text(&reply).contains("45 minutes"), "{reply}");
}

async fn a_standup_without_owner_rows_is_owned_by_its_creator(db: Db) {
    let app = spawn_app(db).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    // As after the upgrade when no owner was recorded: the creator owns it,
    // never "anyone until an owner is set".
    app.exec("DELETE FROM standup_owners").await;
    let refused = app.command_as("U0002", CHANNEL, "/standup", "pause").await;
    assert_eq!(text(&refused), REFUSED);
    let reply = app.standup("pause").await;
    assert!(text(&reply).contains("paused"), "{reply}");
}

/// A database as the bot left it before owners existed (every migration
/// before `0007_standup_owners`), holding one standup created by U0005.
async fn database_before_owners(db: Db) -> String {
    let url = fresh_database(db).await;
    let flavour = if db == Db::Sqlite {
        "sqlite"
    } else {
        "postgres"
    };
    let before =
        std::env::temp_dir().join(format!("before_owners_{}_{flavour}", std::process::id()));
    std::fs::create_dir_all(&before).unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(flavour);
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.as_str() < "0007" {
            std::fs::copy(&path, before.join(&name)).unwrap();
        }
    }
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .unwrap();
    sqlx::migrate::Migrator::new(before.as_path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    let _ = std::fs::remove_dir_all(&before);
    sqlx::query(
        "INSERT INTO standups (team_id, channel_id, name, questions, days, time_of_day, tz, created_by, created_at) \
         VALUES ('T0001', 'C0001', 'standup', '[\"Done?\"]', 'mon', '09:30', 'UTC', 'U0005', 1)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    url
}

async fn a_standup_set_up_before_the_upgrade_is_owned_by_its_creator(db: Db) {
    scrumbot::install_crypto_provider();
    let url = database_before_owners(db).await;
    let app = start_on(FakeSlack::start().await, url, &[]).await;
    assert_eq!(
        app.text("SELECT user_id FROM standup_owners").await,
        "U0005"
    );
    let refused = app.standup("pause").await;
    assert_eq!(
        text(&refused),
        "Only the owners of this standup (<@U0005>) can change it."
    );
    let reply = app.command_as("U0005", CHANNEL, "/standup", "pause").await;
    assert!(text(&reply).contains("paused"), "{reply}");
}
