//! The weekly stakeholder update against the fake Slack: with a week of
//! standups scripted on a manual clock, Friday's update lists the week's
//! done items, the blocker open three working days and the overdue action
//! item, each linked, once.

mod common;

use common::*;

const TARGET: &str = "C0STAKE";

fn at(s: &str) -> i64 {
    s.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// Opens the day's run at 09:30, posts the answers, closes it at 12:31.
async fn run_day(app: &TestApp, n: i64, day: &str, answers: &[(&str, &str)]) {
    app.clock.set(at(&format!("{day}T09:30:00Z")));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'open'", 1)
        .await;
    let parent = app
        .text("SELECT parent_ts FROM runs WHERE status = 'open'")
        .await;
    for (k, (user, text)) in answers.iter().enumerate() {
        let ts = format!("19000002{n}{k}.000100");
        app.reply_in_thread(user, &parent, &ts, text).await;
        app.wait_count(
            &format!("SELECT COUNT(*) FROM answers WHERE message_ts = '{ts}'"),
            1,
        )
        .await;
    }
    app.clock.set(at(&format!("{day}T12:31:00Z")));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM runs WHERE status = 'closed'", n)
        .await;
}

fn updates(app: &TestApp) -> Vec<String> {
    app.slack
        .calls_to("chat.postMessage")
        .iter()
        .filter(|c| c.param("channel").as_deref() == Some(TARGET))
        .map(|c| common::blocks::all_text(&c.json_param("blocks").unwrap_or_default()))
        .collect()
}

async fn the_weekly_update_lists_progress_risks_once(db: Db) {
    let clock = scrumbot::clock::Clock::manual(at("2026-11-23T08:00:00Z")); // Monday
    let slack = FakeSlack::start().await;
    slack.set_members(CHANNEL, vec!["U0001", "U0002", "UBOT"]);
    let app = start_with_clock(slack, fresh_database(db).await, &[], clock.clone()).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    // Not an owner: refused, nothing stored.
    let refused = app
        .command_as(
            "U0002",
            CHANNEL,
            "/standup",
            "stakeholders on <#C0STAKE|leadership>",
        )
        .await;
    assert!(
        !refused["text"].as_str().unwrap().contains("I will post"),
        "{refused}"
    );
    let on = app
        .standup("stakeholders on <#C0STAKE|leadership> fri 16:00")
        .await;
    assert!(
        on["text"].as_str().unwrap().contains("Fri at 16:00"),
        "{on}"
    );

    run_day(
        &app,
        1,
        "2026-11-23",
        &[
            (
                "U0001",
                "Y: finished the billing export\nT: I'll send the pricing deck by Tuesday\nB: none",
            ),
            (
                "U0002",
                "Y: set up the staging cluster\nT: load tests\nB: none",
            ),
        ],
    )
    .await;
    run_day(&app, 2, "2026-11-24", &[
        ("U0001", "Y: shipped billing retries for failed cards\nT: invoices\nB: none"),
        ("U0002", "Y: ran the load tests\nT: tune the cache\nB: waiting on the vendor for the TLS certificate"),
    ]).await;
    run_day(
        &app,
        3,
        "2026-11-25",
        &[("U0001", "Y: invoices\nT: more invoices\nB: none")],
    )
    .await;
    run_day(
        &app,
        4,
        "2026-11-26",
        &[(
            "U0002",
            "Y: tuned the cache\nT: deploy\nB: still waiting on the vendor for the TLS certificate",
        )],
    )
    .await;
    run_day(
        &app,
        5,
        "2026-11-27",
        &[("U0001", "Y: billing emails\nT: rest\nB: none")],
    )
    .await;
    assert!(updates(&app).is_empty(), "nothing before Friday 16:00");

    app.clock.set(at("2026-11-27T16:00:00Z"));
    app.tick().await;
    let posted = updates(&app);
    assert_eq!(posted.len(), 1, "{}", app.slack.describe_calls());
    let update = &posted[0];
    for done in [
        "finished the billing export",
        "shipped billing retries for failed cards",
        "set up the staging cluster",
        "tuned the cache",
    ] {
        assert!(update.to_lowercase().contains(done), "{done} in {update}");
    }
    assert!(update.contains("*billing*"), "grouped by theme: {update}");
    assert!(
        update.contains("<@U0002> blocked 3 working days: "),
        "{update}"
    );
    assert!(update.contains("TLS certificate"), "{update}");
    assert!(
        update.contains("<@U0001> overdue since 2026-11-24: "),
        "{update}"
    );
    assert!(update.contains("|source>"), "linked: {update}");
    assert!(update.lines().count() <= 20, "short: {update}");

    // Later ticks the same week post nothing more.
    app.clock.set(at("2026-11-27T17:00:00Z"));
    app.tick().await;
    app.clock.set(at("2026-11-28T16:00:00Z"));
    app.tick().await;
    assert_eq!(updates(&app).len(), 1);

    // Off: nothing the next Friday.
    app.standup("stakeholders off").await;
    app.clock.set(at("2026-12-04T16:30:00Z"));
    app.tick().await;
    assert_eq!(updates(&app).len(), 1);
}

on_both_databases!(the_weekly_update_lists_progress_risks_once);
