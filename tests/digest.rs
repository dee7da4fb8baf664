//! Daily channel digests and on-demand thread summaries, end to end against
//! the fake Slack, on SQLite and PostgreSQL: every "Done when" of issue 5.
//! The `/digest` command and thread-summary scenarios are in
//! `digest_support/` (kept apart for size), and run from the list below.

mod common;
mod digest_support;
#[path = "common/fake_openai.rs"]
mod fake_openai;

use std::time::Duration;

use common::*;
use digest_support::commands::*;
use digest_support::llm::*;
use digest_support::thread_summary::*;
use digest_support::*;
use serde_json::json;

on_both_databases!(
    events_of_the_day_make_the_digest_without_history_calls,
    a_digest_switched_on_mid_day_backfills_history_pages_and_threads,
    commands_answer_ephemerally_and_bad_arguments_change_nothing,
    one_digest_per_day_across_restarts,
    summarize_in_a_thread_answers_ephemerally_and_shares_once,
    a_rate_limited_history_call_is_retried_and_the_digest_posted_once,
    with_an_llm_the_digest_posts_its_decisions_and_open_questions,
);

async fn events_of_the_day_make_the_digest_without_history_calls(db: Db) {
    let app = spawn_at(db, "2026-11-23T16:00:00Z").await;
    let on = digest_cmd(&app, CHANNEL, "on 17:00 UTC").await;
    assert!(reply_text(&on).contains("Daily digest on"), "{on}");
    // Yesterday's first digest fills its gap from history (empty): nothing posted.
    app.clock.set(at("2026-11-23T17:00:05Z"));
    app.tick().await;
    app.wait_count("SELECT COUNT(*) FROM digest_runs WHERE status = 'empty'", 1)
        .await;
    let history_before = app.slack.calls_to("conversations.history").len();
    let replies_before = app.slack.calls_to("conversations.replies").len();

    app.clock.set(at("2026-11-24T09:00:00Z"));
    app.tick().await;
    let base = at("2026-11-24T08:00:00Z");
    let root = ts(base, 1);
    say(
        &app,
        "U0001",
        &root,
        None,
        "We decided to ship the beta on Friday.",
    )
    .await;
    say(
        &app,
        "U0002",
        &ts(base, 2),
        Some(&root),
        "I'll update the release notes by Thursday.",
    )
    .await;
    say(
        &app,
        "U0002",
        &ts(base, 3),
        None,
        "I am blocked by the staging outage, waiting on <@U0003> to restart it.",
    )
    .await;
    say(&app, "U0001", &ts(base, 4), None, "typo draft").await;
    edit(
        &app,
        "U0001",
        &ts(base, 4),
        "Decision: we go with Postgres for the reports service.",
    )
    .await;
    say(
        &app,
        "U0002",
        &ts(base, 5),
        None,
        "SECRET-DELETED we will rename the product to Zebra.",
    )
    .await;
    delete(&app, "U0002", &ts(base, 5)).await;
    noise(&app, base).await;
    app.eventually("the day's messages are stored", || async {
        app.scalar(
            "SELECT COUNT(*) FROM channel_messages WHERE deleted = 0 AND body LIKE '%Postgres%'",
        )
        .await
            == 1
            && app
                .scalar("SELECT COUNT(*) FROM channel_messages WHERE deleted = 1")
                .await
                == 1
            && app.scalar("SELECT COUNT(*) FROM channel_messages").await == 5
    })
    .await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM channel_messages WHERE body LIKE '%SECRET-DELETED%' OR body LIKE '%BOT-%' OR body LIKE '%joined%'").await,
        0,
        "deleted text, bots and joins are not stored"
    );

    app.clock.set(at("2026-11-24T17:00:05Z"));
    app.tick().await;
    app.eventually("today's digest is posted", || async {
        digests_posted(&app, CHANNEL).len() == 1
    })
    .await;
    let digest = &digests_posted(&app, CHANNEL)[0];
    let text = sections(digest);
    for expected in [
        "ship the beta on Friday",
        "release notes",
        "<@U0002>",
        "staging outage",
        "Postgres for the reports service",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    let everything = digest.params.to_string();
    for absent in [
        "SECRET-DELETED",
        "Zebra",
        "BOT-NOISE",
        "BOT-SELF",
        "typo draft",
        "joined",
    ] {
        assert!(
            !everything.contains(absent),
            "{absent} leaked:\n{everything}"
        );
    }
    assert_every_item_linked(&text, CHANNEL);
    assert!(
        text.contains(&format!(
            "p{}?thread_ts={root}",
            ts(base, 2).replace('.', "")
        )),
        "a reply links into its thread:\n{text}"
    );
    assert_eq!(
        app.slack.calls_to("conversations.history").len(),
        history_before,
        "no history call"
    );
    assert_eq!(
        app.slack.calls_to("conversations.replies").len(),
        replies_before,
        "no replies call"
    );
    assert_eq!(
        app.slack.calls_to("chat.getPermalink").len(),
        0,
        "links built from the team URL"
    );

    // Later ticks post nothing more; the retention purge forgets the day.
    app.clock.set(at("2026-11-24T23:00:00Z"));
    app.tick().await;
    assert_eq!(digests_posted(&app, CHANNEL).len(), 1);
    app.clock.set(at("2026-12-26T00:00:00Z"));
    scrumbot::digest::upkeep::purge_expired(&app.ctx)
        .await
        .unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM channel_messages").await, 0);
}

async fn a_digest_switched_on_mid_day_backfills_history_pages_and_threads(db: Db) {
    let app = spawn_at(db, "2026-11-24T12:00:00Z").await;
    let base = at("2026-11-24T00:10:00Z");
    let mut history = Vec::new();
    // 450 top-level messages: three pages of 200 (newest first).
    let roots = [300, 200, 100, 20];
    for i in 0..450i64 {
        let t = ts(base, i * 60);
        if roots.contains(&i) {
            history.push(hist_root(
                "U0004",
                &t,
                &format!("Thread number {i} about the rollout plan for the new billing system."),
                2,
            ));
        } else if i == 150 {
            // Page 2: messages 449..250 are page 1, 249..50 page 2.
            history.push(hist(
                "U0002",
                &t,
                "We decided to move the launch to Tuesday.",
            ));
        } else {
            history.push(hist("U0004", &t, &format!("ack {i}")));
        }
    }
    for (n, root) in roots.iter().enumerate() {
        let root_ts = ts(base, root * 60);
        let first = ts(base, root * 60 + 7);
        let second = ts(base, root * 60 + 9);
        let (a, b) = if n == 1 {
            (
                "I'll write the migration guide by Friday.",
                "Question for <@U0001>: do we keep the old invoices?",
            )
        } else {
            ("sounds good", "ok")
        };
        history.push(hist_reply("U0003", &first, &root_ts, a));
        history.push(hist_reply("U0002", &second, &root_ts, b));
    }
    history.push(json!({ "type": "message", "subtype": "bot_message", "bot_id": "B9", "ts": ts(base, 30), "text": "BOT-NOISE nightly build" }));
    history.push(json!({ "type": "message", "user": "UBOT", "bot_id": "BBOT", "ts": ts(base, 31), "text": "BOT-SELF reminder" }));
    history.push(json!({ "type": "message", "subtype": "channel_join", "user": "U0009", "ts": ts(base, 32), "text": "<@U0009> has joined the channel" }));
    app.slack.set_history(CHANNEL, history);

    let on = digest_cmd(&app, CHANNEL, "on 17:00 UTC").await;
    assert!(reply_text(&on).contains("every day at 17:00 (UTC)"), "{on}");
    app.clock.set(at("2026-11-24T17:00:05Z"));
    app.tick().await;
    app.eventually("the digest is posted", || async {
        digests_posted(&app, CHANNEL).len() == 1
    })
    .await;
    let pages = app.slack.calls_to("conversations.history");
    assert_eq!(
        pages.len(),
        3,
        "three pages:\n{}",
        app.slack.describe_calls()
    );
    assert!(pages[1].param("cursor").is_some() && pages[2].param("cursor").is_some());
    assert_eq!(
        app.slack.calls_to("conversations.replies").len(),
        4,
        "the four active threads"
    );
    let digest = &digests_posted(&app, CHANNEL)[0];
    let text = sections(digest);
    assert!(
        text.contains("move the launch to Tuesday"),
        "from page 2:\n{text}"
    );
    assert!(
        text.contains("migration guide") && text.contains("<@U0003>"),
        "from a thread reply:\n{text}"
    );
    assert!(
        text.contains("old invoices"),
        "the open question of a thread:\n{text}"
    );
    assert_every_item_linked(&text, CHANNEL);
    let everything = digest.params.to_string();
    assert!(
        !everything.contains("BOT-") && !everything.contains("joined"),
        "{everything}"
    );
    // The backfill is kept: tomorrow needs no history for today's messages.
    assert!(app.scalar("SELECT COUNT(*) FROM channel_messages").await >= 450);
    assert_eq!(
        app.scalar("SELECT covered_from FROM digests").await,
        at("2026-11-23T17:00:00Z")
    );
}

async fn one_digest_per_day_across_restarts(db: Db) {
    let app = spawn_at(db, "2026-11-24T16:00:00Z").await;
    digest_cmd(&app, CHANNEL, "on 17:00 UTC").await;
    let base = at("2026-11-24T15:00:00Z");
    let (a, b) = (ts(base, 1), ts(base, 2));
    // Switched on at 16:00, so the window's start is backfilled from history.
    app.slack.set_history(
        CHANNEL,
        vec![hist(
            "U0001",
            &a,
            "We decided to rotate the on-call weekly.",
        )],
    );
    say(
        &app,
        "U0002",
        &b,
        None,
        "I'll draft the on-call rota by Wednesday.",
    )
    .await;
    app.wait_count("SELECT COUNT(*) FROM channel_messages", 1)
        .await;

    // Down across the due time, up again the same day: posted once.
    let clock = app.clock.clone();
    let (slack, url) = app.kill().await;
    clock.set(at("2026-11-24T17:30:00Z"));
    let app = start_with_clock(slack, url, &[], clock).await;
    app.tick().await;
    app.eventually("the late digest is posted", || async {
        digests_posted(&app, CHANNEL).len() == 1
    })
    .await;
    let text = sections(&digests_posted(&app, CHANNEL)[0]);
    assert!(
        text.contains("rotate the on-call") && text.contains("on-call rota"),
        "{text}"
    );
    // Restarted again, later the same day: still one.
    app.clock.set(at("2026-11-24T17:45:00Z"));
    app.tick().await;
    let app = restart(app).await;
    app.tick().await;
    assert_eq!(digests_posted(&app, CHANNEL).len(), 1);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM digest_runs WHERE status = 'posted'")
            .await,
        1
    );

    // A crash right after tomorrow's claim (status `posting`): never posted twice.
    app.exec(&format!(
        "INSERT INTO digest_runs (team_id, channel_id, day, window_start, window_end, status, claimed_at) VALUES ('{TEAM}', '{CHANNEL}', '2026-11-25', 0, 0, 'posting', 0)"
    ))
    .await;
    say(
        &app,
        "U0001",
        &ts(at("2026-11-25T09:00:00Z"), 0),
        None,
        "We decided to keep Fridays meeting-free.",
    )
    .await;
    app.clock.set(at("2026-11-25T17:00:05Z"));
    app.tick().await;
    app.eventually("the 25th is consumed", || async {
        app.scalar("SELECT next_due_at FROM digests").await == at("2026-11-26T17:00:00Z")
    })
    .await;
    let app = restart(app).await;
    app.tick().await;
    assert_eq!(digests_posted(&app, CHANNEL).len(), 1);
}

async fn a_rate_limited_history_call_is_retried_and_the_digest_posted_once(db: Db) {
    let app = spawn_at(db, "2026-11-24T12:00:00Z").await;
    let base = at("2026-11-24T09:00:00Z");
    app.slack.set_history(
        CHANNEL,
        vec![hist(
            "U0001",
            &ts(base, 1),
            "We decided to cut the release branch on Monday.",
        )],
    );
    digest_cmd(&app, CHANNEL, "on 17:00 UTC").await;
    app.slack.fail_next(
        "conversations.history",
        Failure::RateLimited {
            retry_after_secs: 2,
        },
    );
    app.clock.set(at("2026-11-24T17:00:05Z"));
    app.tick().await;
    app.eventually("the digest is posted", || async {
        digests_posted(&app, CHANNEL).len() == 1
    })
    .await;
    let calls = app.slack.calls_to("conversations.history");
    assert_eq!(calls.len(), 2, "{}", app.slack.describe_calls());
    assert!(
        calls[1].at.duration_since(calls[0].at) >= Duration::from_millis(1900),
        "retried after Retry-After"
    );
    assert!(sections(&digests_posted(&app, CHANNEL)[0]).contains("cut the release branch"));
    app.idle().await;
    assert_eq!(digests_posted(&app, CHANNEL).len(), 1);
}

// ---- Issue 15, round 4: what the offline digest leaves out (noise). ----
// Each day below is a handful of messages through the path `/digest now`
// takes (conversation, summary input, offline engine, sanitizer).

/// A message of a test day: author, number in the day, number of the
/// thread root it replies to (none for top-level), text.
type Line<'a> = digest_support::issue15::Said<'a>;

async fn offline_digest(day: &[Line<'_>]) -> scrumbot::summarize::Summary {
    let ts = |n: u32| format!("1765000000.{n:06}");
    digest_support::issue15::digest_on("2026-12-08", ts, day).await
}

#[tokio::test]
async fn idioms_absences_and_a_customers_trouble_block_nobody() {
    let s = offline_digest(&[
        ("U1", 1, None, "I can't believe the quarter is almost over, time flies"),
        ("U2", 2, None, "Ich kann morgen nicht beim Daily sein, ich habe einen Arzttermin"),
        ("U3", 3, None, "je ne peux pas venir à la réunion de demain, je suis en formation"),
        ("U4", 4, None, "Our client Northwind can't sign in since noon, their IdP rotated a certificate on their side"),
        ("U5", 5, None, "El cliente Pampa está bloqueado por un error de su lado, su equipo lo está revisando"),
        ("U6", 6, None, "the firewall blocked roughly 900 requests from one crawler overnight"),
        ("U7", 7, None, "I can't deploy the invoice service: the staging Vault token expired"),
    ])
    .await;
    let who: Vec<&str> = s.blockers.iter().map(|b| b.user.as_str()).collect();
    assert_eq!(who, ["U7"], "{:?}", s.blockers);
}

#[tokio::test]
async fn a_question_closed_by_its_asker_or_a_bare_yes_or_put_to_whoever_takes_it_is_not_open() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            Some(1),
            "Where is the on-call handbook for the search cluster?",
        ),
        (
            "U1",
            2,
            Some(1),
            "never mind, found it pinned in #search-oncall",
        ),
        ("U2", 3, Some(3), "Läuft der Importjob wieder?"),
        ("U3", 4, Some(3), "ja"),
        (
            "U4",
            5,
            None,
            "¿Alguien puede revisar mi PR de la pasarela de pagos?",
        ),
        (
            "U5",
            6,
            None,
            "Quelqu'un peut relancer le build de la doc ?",
        ),
        (
            "U6",
            7,
            None,
            "Who owns the retention policy for the audit bucket?",
        ),
    ])
    .await;
    let open: Vec<&str> = s.open_questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        open,
        ["Who owns the retention policy for the audit bucket?"]
    );
}

#[tokio::test]
async fn what_someone_cannot_do_is_not_their_task() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "je ne peux pas assister au comité de demain, désolée",
        ),
        (
            "U2",
            2,
            None,
            "I'll send the renewal quote to Harbor by Friday",
        ),
    ])
    .await;
    let owners: Vec<&str> = s.action_items.iter().map(|a| a.owner.as_str()).collect();
    assert_eq!(owners, ["U2"], "{:?}", s.action_items);
}

#[tokio::test]
async fn acknowledging_a_status_or_an_explanation_decides_nothing() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            Some(1),
            "The 502s after lunch came from the load balancer draining the old pool too early",
        ),
        ("U2", 2, Some(1), "makes sense, thanks for tracking it down"),
        (
            "U3",
            3,
            Some(3),
            "Rolled the new thumbnail service out to all regions, error rate is flat",
        ),
        ("U4", 4, Some(3), "cool, sounds good"),
        (
            "U5",
            5,
            Some(5),
            "Release plan for 2.4: freeze Wednesday noon, tag Thursday, store submission Friday",
        ),
        ("U6", 6, Some(5), "+1, let's do that"),
    ])
    .await;
    let d: Vec<&str> = s.decisions.iter().map(|d| d.user.as_str()).collect();
    assert_eq!(d, ["U5"], "{:?}", s.decisions);
}

#[tokio::test]
async fn a_yes_to_a_question_that_asks_what_happened_decides_nothing() {
    let s = offline_digest(&[
        ("U1", 1, Some(1), "Weiß jemand, warum der Backup-Job heute Nacht abgebrochen ist? War es wieder der volle Datenträger?"),
        ("U2", 2, Some(1), "ja, der Datenträger war voll, ich habe ein Ticket beim Hosting aufgemacht"),
        ("U3", 3, Some(3), "Alguém sabe por que o deploy de ontem demorou tanto? Foi o cache do Docker?"),
        ("U4", 4, Some(3), "sim, o cache do Docker foi limpo pela atualização do runner"),
    ])
    .await;
    assert!(s.decisions.is_empty(), "{:?}", s.decisions);
}

#[tokio::test]
async fn a_yes_right_after_a_yes_no_question_answers_it_and_exclamations_ask_nothing() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "Is the partner webinar still happening on Thursday?",
        ),
        (
            "U2",
            2,
            None,
            "yes, Thursday at 4pm, the invite went out this morning",
        ),
        ("U3", 3, None, "What a sprint, huh?"),
        (
            "U4",
            4,
            None,
            "Which region hosts the EU customers' backups?",
        ),
    ])
    .await;
    let open: Vec<&str> = s.open_questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(open, ["Which region hosts the EU customers' backups?"]);
}

#[tokio::test]
async fn promising_only_news_is_no_task() {
    let s = offline_digest(&[
        ("U1", 1, None, "je vous tiens au courant"),
        ("U2", 2, None, "Los mantengo al tanto"),
        (
            "U3",
            3,
            None,
            "I'll migrate the audit tables tonight and keep you posted",
        ),
    ])
    .await;
    let owners: Vec<&str> = s.action_items.iter().map(|a| a.owner.as_str()).collect();
    assert_eq!(owners, ["U3"], "{:?}", s.action_items);
}

#[tokio::test]
async fn a_yes_that_takes_the_work_on_is_a_task_not_a_decision() {
    let s = offline_digest(&[
        ("U1", 1, Some(1), "Support keeps pasting the same refund macro by hand. Should we add it to the macro library?"),
        ("U2", 2, Some(1), "yes, I'll add the refund macro to the library this afternoon"),
    ])
    .await;
    assert!(s.decisions.is_empty(), "{:?}", s.decisions);
    let a = s
        .action_items
        .iter()
        .map(|a| format!("{}: {}", a.owner, a.text))
        .collect::<Vec<_>>()
        .join(" | ");
    assert!(a.contains("U2: ") && a.contains("refund macro"), "{a}");
}

#[tokio::test]
async fn views_conditions_habits_wishes_and_hedged_yeses_decide_nothing() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            Some(1),
            "the VPN keeps dropping every twenty minutes today",
        ),
        ("U2", 2, Some(1), "agreed, it's unbearable"),
        (
            "U3",
            3,
            None,
            "Falls der Anbieter bis Freitag nicht liefert, nehmen wir die Open-Source-Variante",
        ),
        (
            "U4",
            4,
            None,
            "désormais je coupe Slack pendant mes créneaux de focus",
        ),
        (
            "U5",
            5,
            Some(5),
            "I'd love standing desks in the new office",
        ),
        ("U6", 6, Some(5), "+1"),
        (
            "U7",
            7,
            Some(7),
            "¿Pasamos el cron de facturas a las 3 de la mañana?",
        ),
        (
            "U8",
            8,
            Some(7),
            "sí, pero primero lo hablamos con finanzas",
        ),
        (
            "U9",
            9,
            None,
            "Decidimos: el panel de soporte pasa a Grafana desde el lunes.",
        ),
    ])
    .await;
    let d: Vec<&str> = s.decisions.iter().map(|d| d.user.as_str()).collect();
    assert_eq!(d, ["U9"], "{:?}", s.decisions);
}

#[tokio::test]
async fn waiting_with_no_rush_or_as_planned_blocks_nobody() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "We're waiting on the design team's new icons, no rush though",
        ),
        (
            "U2",
            2,
            None,
            "Der Merge ist bis Montag durch den Code-Freeze blockiert, wie geplant",
        ),
        (
            "U3",
            3,
            None,
            "I'm blocked on the payroll export: the bank's SFTP rejects our new key",
        ),
    ])
    .await;
    let who: Vec<&str> = s.blockers.iter().map(|b| b.user.as_str()).collect();
    assert_eq!(who, ["U3"], "{:?}", s.blockers);
}

#[tokio::test]
async fn breaks_vows_conditional_offers_and_hedges_are_no_tasks() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "Next up is the accessibility audit, then the copy review",
        ),
        ("U2", 2, None, "grabbing lunch, back in 20"),
        (
            "U3",
            3,
            None,
            "Note to self: never run migrations from the laptop again",
        ),
        (
            "U4",
            4,
            None,
            "Je pourrais jeter un œil au bug d'export demain si personne n'est dispo",
        ),
        (
            "U5",
            5,
            None,
            "Vou tentar revisar o PR hoje mas sem promessas",
        ),
        (
            "U6",
            6,
            None,
            "I'll rotate the staging API keys after lunch",
        ),
    ])
    .await;
    let owners: Vec<&str> = s.action_items.iter().map(|a| a.owner.as_str()).collect();
    assert_eq!(owners, ["U6"], "{:?}", s.action_items);
}

#[tokio::test]
async fn finished_work_reported_is_no_task() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "Follow-up from the audit: the shared admin password is revoked, everyone uses SSO now",
        ),
        ("U2", 2, None, "Die Migration der Kundendaten ist erledigt"),
        (
            "U3",
            3,
            None,
            "I'll renew the Apple push certificate before Thursday",
        ),
    ])
    .await;
    let owners: Vec<&str> = s.action_items.iter().map(|a| a.owner.as_str()).collect();
    assert_eq!(owners, ["U3"], "{:?}", s.action_items);
}

#[tokio::test]
async fn a_task_carried_by_a_decision_keeps_a_dotted_file_name_whole() {
    let s = offline_digest(&[(
        "U1",
        1,
        None,
        "Decidido: cada servicio nuevo expone métricas en /metrics. Lo agrego yo en el chart.yaml de la plantilla.",
    )])
    .await;
    let a = s
        .action_items
        .iter()
        .map(|a| format!("{}: {}", a.owner, a.text))
        .collect::<Vec<_>>()
        .join(" | ");
    assert!(a.contains("U1: ") && a.contains("chart.yaml"), "{a}");
}

#[tokio::test]
async fn rhetorical_questions_in_every_language_are_not_open() {
    let s = offline_digest(&[
        ("U1", 1, None, "why is it always the certificate?"),
        ("U2", 2, None, "Warum ist es immer der Cache?"),
        (
            "U3",
            3,
            None,
            "Qui a besoin de documentation de toute façon ?",
        ),
        (
            "U4",
            4,
            None,
            "¿Qué podría salir mal con un deploy a las seis de la tarde?",
        ),
        ("U5", 5, None, "Alguém tem planos para o fim de semana?"),
        (
            "U6",
            6,
            None,
            "anyone else feel like this sprint had nine Mondays?",
        ),
        (
            "U7",
            7,
            None,
            "Which team owns the nightly invoice job now?",
        ),
    ])
    .await;
    let open: Vec<&str> = s.open_questions.iter().map(|q| q.user.as_str()).collect();
    assert_eq!(open, ["U7"], "{:?}", s.open_questions);
}

#[tokio::test]
async fn a_routine_wait_a_finding_or_an_availability_notice_blocks_nobody() {
    let s = offline_digest(&[
        ("U1", 1, None, "waiting on the pipeline to finish, then I'll tag the release"),
        ("U2", 2, None, "Estoy esperando a que termine el build y después lo subo"),
        ("U3", 3, None, "I couldn't reproduce the login loop, it works fine for me on Safari"),
        ("U4", 4, None, "Blocked until Thursday with the customer workshop, call me if urgent"),
        ("U5", 5, None, "I can't run the data export: the warehouse credentials were rotated and nobody shared the new ones"),
    ])
    .await;
    let who: Vec<&str> = s.blockers.iter().map(|b| b.user.as_str()).collect();
    assert_eq!(who, ["U5"], "{:?}", s.blockers);
}

#[tokio::test]
async fn a_short_task_keeps_what_its_sentence_said_before_it() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            Some(1),
            "Do we know anyone at a bank who would talk to Meridian about our audit trail?",
        ),
        (
            "U2",
            2,
            Some(1),
            "Halvard Savings went through the same review last year - I'll make the introduction",
        ),
    ])
    .await;
    let a = s
        .action_items
        .iter()
        .map(|a| format!("{}: {}", a.owner, a.text))
        .collect::<Vec<_>>()
        .join(" | ");
    assert!(a.contains("U2: ") && a.contains("Halvard"), "{a}");
}

#[tokio::test]
async fn an_apology_is_never_what_a_look_is_about() {
    let s = offline_digest(&[
        ("U1", 1, Some(1), "I can't publish the price list: the Salesforce sandbox still has the old discount matrix and <@U2> has to approve the new one."),
        ("U2", 2, Some(1), "oops, sorry! I'll take a look this afternoon"),
    ])
    .await;
    let a = s
        .action_items
        .iter()
        .map(|a| format!("{}: {}", a.owner, a.text))
        .collect::<Vec<_>>()
        .join(" | ");
    assert!(a.contains("U2: ") && a.contains("discount matrix"), "{a}");
    assert!(!a.contains("(re: oops"), "{a}");
}

#[tokio::test]
async fn a_decision_not_yet_taken_is_no_decision_and_blocks_nobody() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "No decision yet on the CDN vendor, procurement wants a third offer",
        ),
        (
            "U2",
            2,
            None,
            "Die Entscheidung zum neuen Ticketsystem liegt noch beim Betriebsrat",
        ),
        (
            "U3",
            3,
            None,
            "On n'a pas encore décidé si on garde le monorepo",
        ),
        (
            "U4",
            4,
            None,
            "La decisión del presupuesto de viajes sigue pendiente de dirección",
        ),
        (
            "U5",
            5,
            None,
            "Ainda não decidimos se migramos o CRM este ano",
        ),
        (
            "U6",
            6,
            None,
            "Decision: the support rota switches to follow-the-sun from January.",
        ),
    ])
    .await;
    let d: Vec<&str> = s.decisions.iter().map(|d| d.user.as_str()).collect();
    assert_eq!(d, ["U6"], "{:?}", s.decisions);
    assert!(s.blockers.is_empty(), "{:?}", s.blockers);
}

#[tokio::test]
async fn where_one_will_be_and_huddle_chatter_are_no_tasks() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "I'll miss the planning on Monday, I'm at the dentist",
        ),
        (
            "U2",
            2,
            None,
            "Vou ficar offline meia hora, troca de roteador",
        ),
        (
            "U3",
            3,
            None,
            "Je serai au bureau jeudi si quelqu'un veut déjeuner",
        ),
        (
            "U4",
            4,
            None,
            "<@U5> can you hear me? the huddle audio keeps cutting out",
        ),
        ("U5", 5, None, "I'll do my best to be there"),
        (
            "U6",
            6,
            None,
            "I'll write the postmortem for the queue outage by Wednesday",
        ),
    ])
    .await;
    let owners: Vec<&str> = s.action_items.iter().map(|a| a.owner.as_str()).collect();
    assert_eq!(owners, ["U6"], "{:?}", s.action_items);
}

#[tokio::test]
async fn a_hedged_answer_answers_but_a_bare_deferral_does_not() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            Some(1),
            "Why did the nightly search reindex take three hours?",
        ),
        (
            "U2",
            2,
            Some(1),
            "not sure, but I think the new synonyms file doubled the analyzer work",
        ),
        (
            "U3",
            3,
            Some(3),
            "Qui valide les exceptions au gel des déploiements ?",
        ),
        ("U4", 4, Some(3), "aucune idée, demande à Léa"),
    ])
    .await;
    let open: Vec<&str> = s.open_questions.iter().map(|q| q.user.as_str()).collect();
    assert_eq!(open, ["U3"], "{:?}", s.open_questions);
}

#[tokio::test]
async fn a_hedged_decision_marker_is_a_leaning_not_a_decision() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "not sure yet, we'll probably go with the managed Redis",
        ),
        (
            "U2",
            2,
            None,
            "Vielleicht nehmen wir das größere Node-Profil, mal sehen",
        ),
        (
            "U3",
            3,
            None,
            "We'll go with weekly release trains starting in February.",
        ),
    ])
    .await;
    let d: Vec<&str> = s.decisions.iter().map(|d| d.user.as_str()).collect();
    assert_eq!(d, ["U3"], "{:?}", s.decisions);
}

#[tokio::test]
async fn any_agreement_to_an_opening_put_up_as_a_plan_decides_it() {
    let s = offline_digest(&[
        ("U1", 1, Some(1), "Migration plan: move the reporting jobs to the new cluster on Tuesday, old cluster off on Friday."),
        ("U2", 2, Some(1), "sounds good"),
        ("U3", 3, Some(3), "the reporting jobs were slow again this morning"),
        ("U4", 4, Some(3), "agreed, painfully slow"),
    ])
    .await;
    let d: Vec<&str> = s.decisions.iter().map(|d| d.user.as_str()).collect();
    assert_eq!(d, ["U1"], "{:?}", s.decisions);
}

#[tokio::test]
async fn a_task_that_waits_for_work_to_be_done_is_still_a_task() {
    let s = offline_digest(&[(
        "U1",
        1,
        None,
        "<@U2> can you ping the finance channel once the ledger import is done?",
    )])
    .await;
    let owners: Vec<&str> = s.action_items.iter().map(|a| a.owner.as_str()).collect();
    assert_eq!(owners, ["U2"], "{:?}", s.action_items);
}

#[tokio::test]
async fn standing_up_or_stress_testing_that_cannot_go_on_still_blocks() {
    let s = offline_digest(&[
        ("U1", 1, None, "I can't stand up the new staging cluster: the Terraform state is locked by a dead runner"),
        ("U2", 2, None, "I can't stress-test the checkout API until the load-test quota is raised"),
        ("U3", 3, None, "I can't stress this enough, please rotate your tokens"),
    ])
    .await;
    let who: Vec<&str> = s.blockers.iter().map(|b| b.user.as_str()).collect();
    assert_eq!(who, ["U1", "U2"], "{:?}", s.blockers);
}

#[tokio::test]
async fn a_caveat_after_a_decision_leaves_it_a_decision() {
    let s = offline_digest(&[(
        "U1",
        1,
        None,
        "Decision: we move the status page to the new vendor next week, we might revisit in Q3.",
    )])
    .await;
    assert_eq!(s.decisions.len(), 1, "{:?}", s.decisions);
}

#[tokio::test]
async fn a_decision_that_opens_raises_or_postpones_something_is_still_one() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            None,
            "Decision: we open the beta to every workspace on Monday.",
        ),
        (
            "U2",
            2,
            None,
            "Decisión: el equipo sigue con Kafka hasta fin de año.",
        ),
        (
            "U3",
            3,
            None,
            "Decision: the launch is postponed to March 3.",
        ),
    ])
    .await;
    assert_eq!(s.decisions.len(), 3, "{:?}", s.decisions);
}

#[tokio::test]
async fn wishing_to_do_something_agreed_to_is_a_decision() {
    let s = offline_digest(&[
        (
            "U1",
            1,
            Some(1),
            "I'd love to move the frontend build to Vite this quarter",
        ),
        ("U2", 2, Some(1), "+1, let's do it"),
    ])
    .await;
    assert_eq!(s.decisions.len(), 1, "{:?}", s.decisions);
}

/// Questions that stay open, and questions that never were (issue 15):
/// a deferral after a filler ("hmm, depende de quem …, eu perguntaria …")
/// answers nothing; an @-reply that asks the asker for something else is
/// a new request, not the answer; a question laughed off or dropped by its
/// asker expects no answer; a "yes" to a question about how things are
/// ("do we still need …?") answers it and decides nothing; a decision for
/// the record that sets a rule for later work blocks nobody.
#[tokio::test]
async fn deferrals_requests_back_laughs_and_facts_are_read_for_what_they_are() {
    let s = offline_digest(&[
        ("U1", 1, Some(1), "Quick poll: do we alert on the replica lag metric or only log it? It spiked twice this week"),
        ("U2", 2, Some(1), "hm, gute Frage 🤔"),
        ("U3", 3, None, "<@U1> kannst du bis Freitag das Runbook für den Failover aktualisieren?"),
        ("U4", 4, Some(4), "Should we archive the legacy Grafana folder now that the dashboards moved, or keep it for a quarter?"),
        ("U5", 5, Some(4), "hmm, depende de quem ainda usa. eu perguntaria pro time de Billing"),
        ("U6", 6, Some(6), "do we still need the old VPN concentrator now that everyone is on the new client?"),
        ("U7", 7, Some(6), "yes, for a few more weeks, the factory tablets still dial into it"),
        ("U8", 8, None, "who named these buckets, a random generator? 😂"),
        ("U9", 9, None, "Wer hat eigentlich den Cronjob auf 3 Uhr gelegt? egal, anderes Thema"),
        ("U2", 10, None, "Decision for the record: from May on, every new vendor needs a privacy review before the contract is signed."),
    ])
    .await;
    let texts = |items: &[scrumbot::summarize::Item]| -> Vec<String> {
        items.iter().map(|i| i.text.clone()).collect()
    };
    let open = texts(&s.open_questions);
    assert!(open.iter().any(|q| q.contains("replica lag")), "{open:?}");
    assert!(
        open.iter().any(|q| q.contains("legacy Grafana")),
        "{open:?}"
    );
    assert!(
        !open
            .iter()
            .any(|q| q.contains("VPN") || q.contains("buckets") || q.contains("Cronjob")),
        "{open:?}"
    );
    let decisions = texts(&s.decisions);
    assert!(
        !decisions.iter().any(|d| d.contains("VPN")),
        "{decisions:?}"
    );
    assert!(
        decisions.iter().any(|d| d.contains("privacy review")),
        "{decisions:?}"
    );
    assert!(s.blockers.is_empty(), "{:?}", s.blockers);
}
