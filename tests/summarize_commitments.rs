//! Every example of issue 14, through the `Summarizer` the bot uses (so
//! through `sanitize`): commitments with their object, owner and due date;
//! blockers buried in long answers; section labels that carry nothing.

use std::collections::HashSet;

use scrumbot::summarize::{ActionItem, Entry, InputKind, Summarizer, Summary, SummaryInput};

const QUESTIONS: [&str; 3] = [
    "What did you do since the last standup?",
    "What will you do today?",
    "Anything blocking you?",
];

/// 2026-11-25 is a Wednesday: "Thursday" is 2026-11-26.
const TODAY: &str = "2026-11-25";

/// One entry per (user, messages), in the order given.
fn standup(entries: &[(&str, &[&str])]) -> SummaryInput {
    SummaryInput {
        kind: InputKind::Standup,
        questions: QUESTIONS.iter().map(|q| q.to_string()).collect(),
        entries: entries
            .iter()
            .enumerate()
            .map(|(i, (user, answers))| Entry {
                user: user.to_string(),
                ts: Some(format!("1764061200.{i:06}")),
                thread_ts: None,
                answers: answers.iter().map(|a| a.to_string()).collect(),
            })
            .collect(),
        today: TODAY.into(),
    }
}

async fn summarize(input: &SummaryInput) -> Summary {
    let allowed: HashSet<String> = ["U1", "U2", "U3", "U4"].map(String::from).into();
    Summarizer::Offline.summarize(input, &allowed).await
}

fn items_of<'a>(s: &'a Summary, owner: &str) -> Vec<&'a ActionItem> {
    s.action_items.iter().filter(|a| a.owner == owner).collect()
}

fn one_item<'a>(s: &'a Summary, owner: &str, word: &str) -> &'a ActionItem {
    let found: Vec<&ActionItem> = items_of(s, owner)
        .into_iter()
        .filter(|a| a.text.to_lowercase().contains(word))
        .collect();
    assert_eq!(found.len(), 1, "one item of {owner} about {word:?}: {s:#?}");
    assert!(found[0].text.chars().count() <= 100, "{:?}", found[0].text);
    found[0]
}

#[tokio::test]
async fn a_todo_after_also_is_an_action_item_of_its_author() {
    let s = summarize(&standup(&[(
        "U1",
        &[
            "Y: gateway timeouts\nT: finish the retry budget. Also TODO: rotate the staging API keys.\nB: none",
        ],
    )]))
    .await;
    let a = one_item(&s, "U1", "rotate the staging api keys");
    assert_eq!(a.due, None);
}

#[tokio::test]
async fn a_handover_promised_to_a_teammate_is_an_action_item_with_its_object_and_day() {
    let s = summarize(&standup(&[(
        "U1",
        &[
            "Y: settings page designs",
            "Designs are 80% done, will hand them to <@U2> tomorrow morning.",
            "none",
        ],
    )]))
    .await;
    let a = one_item(&s, "U1", "designs");
    assert!(a.text.contains("<@U2>"), "{:?}", a.text);
    assert_eq!(a.due.as_deref(), Some("2026-11-26"));
}

#[tokio::test]
async fn a_blocker_buried_in_a_long_rambling_answer_is_found() {
    let s = summarize(&standup(&[(
        "U1",
        &["Morning! Yesterday I mostly worked on the rate limiter, the local part is done and tested, \
           but the distributed part needs Redis and we don't have a Redis in staging yet, I asked infra \
           on Monday and haven't heard back, so that's kind of holding me up. Today I'll write the docs \
           for the local limiter in the meantime."],
    )]))
    .await;
    assert_eq!(s.blockers.len(), 1, "{:#?}", s.blockers);
    assert_eq!(s.blockers[0].user, "U1");
    assert!(s.blockers[0].text.contains("Redis"), "{:?}", s.blockers[0]);
}

#[tokio::test]
async fn a_reminder_to_myself_is_an_action_item() {
    let s = summarize(&standup(&[(
        "U1",
        &[
            "Y: gateway config review",
            "T: load tests. Also reminder to myself to update the runbook for the gateway.",
            "B: none",
        ],
    )]))
    .await;
    let a = one_item(&s, "U1", "runbook for the gateway");
    assert!(a.text.starts_with("Update"), "{:?}", a.text);
}

#[tokio::test]
async fn will_do_takes_the_object_and_day_of_the_request_it_accepts() {
    let s = summarize(&standup(&[
        ("U1", &["Y: incident review\nT: let's do a retro on the outage this week. <@U2> could you set it up for Thursday?\nB: none"]),
        ("U2", &["Y: on call\nT: handover\nB: none", "Will do, I'll send the invite for Thursday 3pm."]),
    ]))
    .await;
    let retro = one_item(&s, "U2", "retro");
    assert!(
        retro.text.starts_with("Set up the retro"),
        "{:?}",
        retro.text
    );
    assert_eq!(retro.due.as_deref(), Some("2026-11-26"));
    let invite = one_item(&s, "U2", "invite");
    assert_eq!(invite.due.as_deref(), Some("2026-11-26"));
    assert!(
        s.action_items.iter().all(|a| !a.text.starts_with("Do")),
        "{:#?}",
        s.action_items
    );
    assert!(
        items_of(&s, "U1").is_empty(),
        "the one who asks owns nothing"
    );
}

#[tokio::test]
async fn accepting_in_another_language_adds_no_task_and_no_blocker() {
    for reply in [
        "Ich kümmere mich darum",
        "je m'en occupe",
        "Vale, me encargo",
        "Pode deixar, vou fazer",
        "on it",
        "sure",
    ] {
        let s = summarize(&standup(&[
            (
                "U1",
                &[
                    "Y: a\nT: b\nB: none",
                    "<@U2> could you review the backup plan by Friday?",
                ],
            ),
            ("U2", &["Y: c\nT: d\nB: none", reply]),
        ]))
        .await;
        assert!(s.blockers.is_empty(), "{reply}: {:#?}", s.blockers);
        let a = one_item(&s, "U2", "backup plan");
        assert_eq!(a.due.as_deref(), Some("2026-11-27"), "{reply}");
        assert_eq!(s.action_items.len(), 1, "{reply}: {:#?}", s.action_items);
    }
}

#[tokio::test]
async fn an_update_label_saying_unblocked_is_neither_planned_nor_blocked() {
    let s = summarize(&standup(&[(
        "U1",
        &[
            "Y: deploy scripts\nT: canary rollout\nB: waiting on the security review",
            "update: security review passed, unblocked now",
        ],
    )]))
    .await;
    assert!(s.blockers.is_empty(), "{:#?}", s.blockers);
    assert!(
        s.planned.iter().all(|i| !i.text.contains("unblocked")),
        "{:#?}",
        s.planned
    );
}

#[tokio::test]
async fn a_label_with_only_a_broadcast_or_a_mention_is_empty() {
    for answer in [
        "Y: a\nT: b\nB: none <!here>",
        "Y: a\nT: b\nB: <!channel>",
        "Y: a\nT: b\nB: <@U2>",
        ":white_check_mark: a\n:construction: b\n:no_entry: <!here>",
    ] {
        let s = summarize(&standup(&[("U1", &[answer])])).await;
        assert!(s.blockers.is_empty(), "{answer:?}: {:#?}", s.blockers);
    }
}

#[tokio::test]
async fn emoji_and_bold_headers_name_their_sections() {
    let s = summarize(&standup(&[
        ("U1", &[":white_check_mark: usability test\n:construction: synthesis\n:no_entry: still haven't heard back from the brand team"]),
        ("U2", &["*Done* Vault migration\n*Doing* Consul cleanup\n*Blocked* nope"]),
    ]))
    .await;
    assert_eq!(s.blockers.len(), 1, "{:#?}", s.blockers);
    assert_eq!(s.blockers[0].user, "U1");
    let done: Vec<&str> = s.done.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(done, ["usability test", "Vault migration"]);
    let planned: Vec<&str> = s.planned.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(planned, ["synthesis", "Consul cleanup"]);
}

#[tokio::test]
async fn a_blocker_resolved_later_in_the_thread_is_not_open() {
    let s = summarize(&standup(&[
        ("U1", &["Ayer: regresión\nHoy: iOS\nBloqueos: estoy esperando a <@U2> desde el lunes para el fix", "confirmado, ya compila"]),
        ("U2", &["Ayer: fix\nHoy: review\nBloqueos: ninguno", "<@U1> ya está el fix mergeado, prueba ahora"]),
    ]))
    .await;
    assert!(s.blockers.is_empty(), "{:#?}", s.blockers);
}

#[tokio::test]
async fn an_answer_that_asks_someone_first_keeps_the_plan_after_the_ask() {
    let s = summarize(&standup(&[(
        "U1",
        &[
            "Shipped the CSV export",
            "<@U2> can you review my PR #482 today? Then I start on rate limiting.",
            "none",
        ],
    )]))
    .await;
    let planned: Vec<&str> = s.planned.iter().map(|i| i.text.as_str()).collect();
    assert!(
        planned.iter().any(|p| p.contains("rate limiting")),
        "{planned:?}"
    );
    assert!(!planned.iter().any(|p| p.contains("review")), "{planned:?}");
    let a = one_item(&s, "U2", "review");
    assert_eq!(a.due.as_deref(), Some(TODAY));
    assert!(s.blockers.is_empty(), "{:#?}", s.blockers);
}

#[tokio::test]
async fn a_reply_that_takes_a_request_on_gives_it_its_day_and_names_nothing_new() {
    // 2026-11-25 is a Wednesday: "el viernes" is 2026-11-27.
    let s = summarize(&standup(&[
        (
            "U1",
            &[
                "Y: a\nT: b\nB: none",
                "<@U2> ¿me pasas la calculadora de TCO?",
            ],
        ),
        ("U2", &["Y: c\nT: d\nB: none", "sí, te la paso el viernes"]),
    ]))
    .await;
    let a = one_item(&s, "U2", "calculadora");
    assert_eq!(a.due.as_deref(), Some("2026-11-27"));
    assert_eq!(items_of(&s, "U2").len(), 1, "{:#?}", s.action_items);
}

#[tokio::test]
async fn a_thanks_after_a_teammate_delivered_ends_the_blocker_in_any_language() {
    let s = summarize(&standup(&[
        (
            "U1",
            &[
                "Gestern: Tests\nHeute: Retest\nBlocker: warte noch auf den Build von <@U2>",
                "top, hab ihn, danke!",
            ],
        ),
        (
            "U2",
            &[
                "<@U1> 7.3.0-rc2 ist seit 5 Min in TestFlight",
                "Y: rc2\nT: notes\nB: -",
            ],
        ),
        (
            "U3",
            &[
                "Y: x\nT: y\nB: waiting on <@U4> for the churn numbers",
                "thank you :pray:",
            ],
        ),
        ("U4", &["<@U3> I'll send them after lunch"]),
    ]))
    .await;
    let blocked: Vec<&str> = s.blockers.iter().map(|b| b.user.as_str()).collect();
    assert_eq!(blocked, ["U3"], "{:#?}", s.blockers);
}
