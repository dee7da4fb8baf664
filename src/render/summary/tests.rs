use serde_json::Value;

use super::*;
use crate::summarize::{offline, ActionItem, Blocker, Entry, InputKind, SummaryInput};

fn item(user: &str, text: &str) -> Item {
    Item {
        user: user.into(),
        text: text.into(),
        source_ts: None,
    }
}

fn small() -> Summary {
    Summary {
        done: vec![
            item("U1", "Shipped the export"),
            item("U1", "Reviewed PR 42"),
            item("U2", "Docs"),
        ],
        planned: vec![item("U2", "API")],
        blockers: vec![Blocker {
            user: "U1".into(),
            text: "waiting on DB access".into(),
            blocked_by: Some("U3".into()),
            source_ts: None,
        }],
        action_items: vec![ActionItem {
            owner: "U3".into(),
            text: "Grant DB access".into(),
            due: Some("2026-12-01".into()),
            source_ts: None,
        }],
        highlights: "2 people answered.".into(),
        ..Summary::default()
    }
}

/// The blocks as the JSON Slack receives.
fn json_blocks(blocks: &[slack_morphism::prelude::SlackBlock]) -> Vec<Value> {
    serde_json::to_value(blocks)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// Every section and header within Slack's limits, and at most 50 blocks.
fn assert_within_limits(blocks: &[Value]) {
    assert!(blocks.len() <= MAX_BLOCKS, "{} blocks", blocks.len());
    for b in blocks {
        match b["type"].as_str().unwrap() {
            "header" => {
                assert!(b["text"]["text"].as_str().unwrap().chars().count() <= MAX_HEADER_CHARS)
            }
            "section" => {
                let t = b["text"]["text"].as_str().unwrap();
                assert!(!t.is_empty());
                assert!(
                    t.chars().count() <= MAX_SECTION_CHARS,
                    "{} chars",
                    t.chars().count()
                );
            }
            "context" => {}
            other => panic!("unexpected block {other}"),
        }
    }
}

fn texts(blocks: &[Value]) -> String {
    blocks
        .iter()
        .filter_map(|b| {
            b["text"]["text"]
                .as_str()
                .or(b["elements"][0]["text"].as_str())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_standup_thread_message_is_one_compact_block_per_person() {
    let mut summary = small();
    summary.in_progress = vec![item("U2", "Working on the Terraform modules")];
    summary.done[0].source_ts = Some("1764000050.000200".into());
    let m = thread_message_linked(
        &summary,
        "Daily standup — 2026-11-25",
        Some("https://acme.slack.com/archives/C1/p1764000000000100"),
    );
    let (fallback, blocks) = (m.text, json_blocks(&m.blocks));
    assert_eq!(
        fallback,
        "Daily standup — 2026-11-25: 1 blocker, 1 action item"
    );
    assert_within_limits(&blocks);
    assert_eq!(
        blocks.len(),
        4,
        "a header, one block per person, the legend"
    );
    let all = texts(&blocks);
    assert!(!all.contains("2 people answered"), "no opening line: {all}");
    assert_eq!(
        blocks[1]["text"]["text"],
        "*<@U1>* :white_check_mark: <https://acme.slack.com/archives/C1/p1764000050000200?thread_ts=1764000000.000100&amp;cid=C1|Shipped the export> · Reviewed PR 42\n\
         :no_entry: waiting on DB access (by <@U3>)"
    );
    assert_eq!(
        blocks[2]["text"]["text"],
        "*<@U2>* :white_check_mark: Docs\n:arrows_counterclockwise: Working on the Terraform modules\n:arrow_right: API"
    );
}

#[test]
fn the_title_is_escaped_and_the_header_cut() {
    let m = thread_message(&small(), &"R&D <standup> ".repeat(30));
    let (fallback, blocks) = (m.text, json_blocks(&m.blocks));
    assert!(fallback.starts_with("R&amp;D &lt;standup&gt;"));
    assert_within_limits(&blocks);
}

fn big_input() -> SummaryInput {
    SummaryInput {
        kind: InputKind::Standup,
        questions: vec!["What did you do yesterday?".into(), "What will you do today?".into(), "Blockers?".into()],
        entries: (0..300)
            .map(|i| Entry {
                user: format!("U{i:04}"),
                ts: None,
                thread_ts: None,
                answers: vec![
                    format!(
                        "• Fixed bug #{i} in the billing export, which took most of the day\n• Reviewed PR {i} and the two follow-ups for the invoice rounding\n• Paired with the new hire on the CSV importer\n• Wrote the migration guide for the invoice service and answered support questions about rounding"
                    ),
                    format!("• Continue the billing work for ticket {i}\n• I'll send the report by Friday"),
                    format!("Waiting on <@U{:04}> for access to the staging database", (i + 1) % 300),
                ],
            })
            .collect(),
        today: "2026-11-25".into(),
    }
}

#[test]
fn three_hundred_people_fit_in_fifty_blocks() {
    let summary = offline::summarize(&big_input());
    assert_eq!(summary.blockers.len(), 300);
    let m = thread_message(&summary, "Daily standup");
    let (_, blocks) = (m.text, json_blocks(&m.blocks));
    assert_within_limits(&blocks);
    let all = texts(&blocks);
    assert!(all.contains("…and 253 more people"), "truncation is said");
    serde_json::to_string(&blocks).unwrap();
}

#[test]
fn channel_message_is_short_and_links_the_thread() {
    let summary = offline::summarize(&big_input());
    let ctx = ChannelContext {
        title: "Daily standup".into(),
        thread_link: Some("https://example.slack.com/archives/C1/p1764000000000100".into()),
        answered: 300,
        expected: 320,
        missing: (0..20).map(|i| format!("UM{i}")).collect(),
    };
    let m = channel_message(&summary, &ctx);
    let (fallback, blocks) = (m.text, json_blocks(&m.blocks));
    assert_within_limits(&blocks);
    assert!(blocks.len() <= 5);
    assert_eq!(blocks[0]["type"], "header");
    assert_eq!(
        blocks.last().unwrap()["type"],
        "context",
        "the thread link is last"
    );
    let all = texts(&blocks);
    assert!(all.contains("300 of 320 answered"));
    assert!(all.contains("…and 10 more"), "{all}");
    assert!(all.contains("*Blockers (300)*"));
    assert!(all.contains("…and 295 more"));
    assert!(all.contains("|Full summary in the thread →>"));
    assert_eq!(
        fallback,
        "Daily standup: 300 of 320 answered, 300 blockers, 300 action items"
    );
}

#[test]
fn channel_message_without_blockers_says_so() {
    let ctx = ChannelContext {
        title: "Standup".into(),
        answered: 2,
        expected: 2,
        ..ChannelContext::default()
    };
    let m = channel_message(&Summary::default(), &ctx);
    let (_, blocks) = (m.text, json_blocks(&m.blocks));
    assert_eq!(blocks.len(), 3);
    assert!(texts(&blocks).contains("*Blockers:* none"));
}

#[test]
fn blocks_are_shared_among_groups_in_turn() {
    assert_eq!(share(&[10, 1, 10], 6), [3, 1, 2]);
    assert_eq!(share(&[2, 2], 48), [2, 2]);
}
