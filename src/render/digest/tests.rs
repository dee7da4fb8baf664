use serde_json::Value;

use super::*;
use crate::store::digests::StoredMessage;
use crate::summarize::{ActionItem, Item};

fn msg(ts: &str, thread: Option<&str>, user: &str) -> StoredMessage {
    StoredMessage {
        ts: ts.into(),
        thread_ts: thread.map(str::to_string),
        user_id: user.into(),
        body: "text".into(),
    }
}

fn item(user: &str, text: &str, ts: Option<&str>) -> Item {
    Item {
        user: user.into(),
        text: text.into(),
        source_ts: ts.map(str::to_string),
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

fn texts(blocks: &[Value]) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| b["type"] == "section")
        .map(|b| b["text"]["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_line_links_its_source_with_the_thread_for_replies() {
    let messages = [
        msg("1700000000.000100", None, "U1"),
        msg("1700000001.000200", Some("1700000000.000100"), "U2"),
    ];
    let src = Sources::new("C1", Some("https://acme.slack.com/"), &messages);
    let s = Summary {
        decisions: vec![item("U1", "Ship on Friday", Some("1700000000.000100"))],
        action_items: vec![ActionItem {
            owner: "U2".into(),
            text: "Write the notes".into(),
            due: None,
            source_ts: Some("1700000001.000200".into()),
        }],
        ..Summary::default()
    };
    let m = message(&s, &src, "Daily digest", "<#C1>", true, 0);
    let (fallback, blocks) = (m.text, json_blocks(&m.blocks));
    assert!(fallback.contains("decisions: 1"), "{fallback}");
    let all = texts(&blocks).join("\n");
    // The item text itself is the link: no "· source" after each line.
    assert!(
        all.contains(
            "• <https://acme.slack.com/archives/C1/p1700000000000100|Ship on Friday> — <@U1>"
        ),
        "{all}"
    );
    assert!(all.contains(
        "• <@U2> — <https://acme.slack.com/archives/C1/p1700000001000200?thread_ts=1700000000.000100&amp;cid=C1|Write the notes>"
    ));
    assert!(!all.contains("source>"));
}

#[test]
fn a_decision_agreed_to_a_proposal_states_what_was_decided() {
    assert_eq!(
        decided("Should we cap the free plan at 50 projects instead of 100?"),
        "Cap the free plan at 50 projects instead of 100"
    );
    assert_eq!(decided("Ship on Friday"), "Ship on Friday");
    assert_eq!(decided("Should we not ship?"), "Should we not ship?");
}

#[test]
fn greetings_are_never_topics_and_the_message_count_is_said_once() {
    let messages = [
        msg("1700000000.000100", None, "U1"),
        msg("1700000000.000200", None, "U2"),
    ];
    let src = Sources::new("C1", Some("https://acme.slack.com/"), &messages);
    let s = Summary {
        highlights: "14 messages from 4 people. No blockers.".into(),
        topics: vec![
            item("U1", "Morning all!", Some("1700000000.000100")),
            item("U2", "Thanks, <@U1>!", Some("1700000000.000200")),
            item("U2", "The pricing page copy", Some("1700000000.000200")),
        ],
        ..Summary::default()
    };
    let m = message(
        &s,
        &src,
        "Daily digest",
        "<#C1> · 15 messages from 4 people",
        true,
        0,
    );
    let all = texts(&json_blocks(&m.blocks)).join("\n");
    assert!(!all.contains("Morning all"), "{all}");
    assert!(!all.contains("Thanks"), "{all}");
    assert!(all.contains("The pricing page copy"), "{all}");
    assert!(!all.contains("14 messages"), "{all}");
    assert!(all.starts_with("No blockers."), "{all}");
}

#[test]
fn an_item_without_a_known_source_links_its_authors_latest_message_or_is_left_out() {
    let messages = [msg("1700000000.000100", None, "U1")];
    let src = Sources::new("C1", Some("https://acme.slack.com"), &messages);
    assert_eq!(
        src.resolve("U1", Some("9.9")),
        Some("1700000000.000100".into())
    );
    assert_eq!(src.resolve("U9", None), None);
    let s = Summary {
        topics: vec![item("U9", "Nobody said this", None)],
        ..Summary::default()
    };
    let m = message(&s, &src, "T", "c", true, 0);
    let (_, blocks) = (m.text, json_blocks(&m.blocks));
    assert!(!texts(&blocks).join("\n").contains("Nobody said this"));
}

#[test]
fn a_huge_day_stays_within_block_kit_limits() {
    let messages: Vec<StoredMessage> = (0..2000)
        .map(|i| msg(&format!("1700000000.{i:06}"), None, "U1"))
        .collect();
    let src = Sources::new("C1", Some("https://acme.slack.com/"), &messages);
    let many = |n: usize| -> Vec<Item> {
        (0..n)
            .map(|i| {
                item(
                    "U1",
                    &"long words ".repeat(60),
                    Some(&format!("1700000000.{i:06}")),
                )
            })
            .collect()
    };
    let s = Summary {
        decisions: many(800),
        open_questions: many(800),
        topics: many(5),
        ..Summary::default()
    };
    let m = message(&s, &src, &"x".repeat(400), "c", true, 1);
    let (_, blocks) = (m.text, json_blocks(&m.blocks));
    assert!(blocks.len() < 50, "{} blocks", blocks.len());
    for t in texts(&blocks) {
        assert!(t.chars().count() <= 3000);
    }
    let all = texts(&blocks).join("\n");
    assert!(all.contains("more_"), "the rest is counted");
    assert!(blocks[0]["text"]["text"].as_str().unwrap().chars().count() <= 150);
}

#[test]
fn without_a_workspace_url_links_come_from_fetched_permalinks() {
    let messages = [msg("1700000000.000100", None, "U1")];
    let mut src = Sources::new("C1", None, &messages);
    assert!(src.needs_fetch());
    assert_eq!(src.link("1700000000.000100"), None);
    src.fetched
        .insert("1700000000.000100".into(), "https://x.slack.com/p1".into());
    assert_eq!(
        src.link("1700000000.000100").as_deref(),
        Some("https://x.slack.com/p1")
    );
}
