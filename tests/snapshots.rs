//! What people see, as reviewed diffs: every message and view the bot
//! sends, rendered from the fixed sample day of `scrumbot::preview::samples`
//! (the same inputs `scrumbot preview` renders to pictures), snapshotted as
//! the Block Kit JSON Slack receives. A change to a message fails here
//! until its new snapshot is reviewed and committed
//! (`INSTA_UPDATE=always cargo test --test snapshots`, then `git diff`).
//!
//! Besides the snapshots, each point of issue 19 is asserted on the JSON,
//! so a snapshot accepted by mistake cannot undo it.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::blocks::texts;
use scrumbot::preview::samples::{self, Sample};
use scrumbot::render::summary::{self as render, ChannelContext};
use scrumbot::summarize::{cli, offline, sanitize};
use serde_json::Value;

fn sample(name: &str) -> Value {
    samples::all()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no sample {name}"))
        .json
}

#[test]
fn every_message_and_view_matches_its_reviewed_snapshot() {
    let all: Vec<Sample> = samples::all();
    assert!(all.len() >= 12, "{} samples", all.len());
    for s in all {
        insta::assert_json_snapshot!(s.name, s.json);
    }
}

#[test]
fn the_channel_post_has_a_header_one_blockers_list_and_the_thread_link_last() {
    let post = sample("channel_post");
    let blocks = post["blocks"].as_array().unwrap();
    assert_eq!(blocks[0]["type"], "header");
    let last = blocks.last().unwrap();
    assert!(last["elements"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Full summary in the thread"));
    let all = texts(&post).join("\n");
    assert_eq!(
        all.matches("Blockers").count(),
        1,
        "one blockers list: {all}"
    );
    // Eli's carried-over blocker with its age, Dee's new one; Fay named once each.
    assert!(all.contains("<@U0ELI>: Need the final designs for the paywall before I can continue (by <@U0FAY>) · _3 days_"), "{all}");
    assert!(
        all.contains("<@U0DEE>: Waiting on <@U0FAY> for the staging DB credentials · _new_"),
        "{all}"
    );
    assert!(!all.to_lowercase().contains("blocked by <@u0fay>"), "{all}");
}

#[test]
fn the_thread_summary_is_one_compact_block_per_person_with_in_progress_apart() {
    let m = sample("thread_summary");
    let blocks = m["blocks"].as_array().unwrap();
    assert_eq!(
        blocks.len(),
        1 + 4 + 1,
        "a header, one block per person, the legend"
    );
    let all = texts(&m).join("\n");
    assert!(
        !all.contains("people answered"),
        "no opening line repeating the body"
    );
    let dee = blocks[3]["text"]["text"].as_str().unwrap();
    assert!(
        dee.starts_with("*<@U0DEE>* :arrows_counterclockwise:"),
        "in progress, not done: {dee}"
    );
    let chen = blocks[2]["text"]["text"].as_str().unwrap();
    assert!(
        chen.contains("|Fixed the flaky login test in CI, it was a race in the session fixture>"),
        "the clause that matters, linked: {chen}"
    );
    assert!(!chen.contains("mostly meetings"), "{chen}");
    for line in all.lines() {
        for item in line.split(" · ") {
            let label = item.rsplit('|').next().unwrap_or(item);
            assert!(label.chars().count() <= 130, "{label}");
        }
    }
}

#[test]
fn action_items_have_done_and_a_menu_merged_duplicates_and_the_owners_view() {
    let m = sample("action_items");
    let all = texts(&m).join("\n");
    assert_eq!(
        all.matches("#482").count(),
        1,
        "one line for Chen's #482: {all}"
    );
    assert!(all.contains("Review <@U0ANA>'s PR #482"), "{all}");
    assert!(
        all.contains("~ · done by <@U0FAY>"),
        "who marked it done: {all}"
    );
    for actions in m["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "actions")
    {
        let kinds: Vec<&str> = actions["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["button", "overflow"]);
    }
    // The engine writes a task asked of a teammate from the owner's side.
    let summary = samples::standup_summary();
    assert!(
        summary
            .action_items
            .iter()
            .any(|a| a.owner == "U0CHEN" && a.text.contains("<@U0ANA>'s PR #482")),
        "{:?}",
        summary.action_items
    );
}

#[test]
fn the_digest_decision_says_what_was_decided_and_greetings_are_no_topic() {
    let m = sample("digest");
    let all = texts(&m).join("\n");
    assert!(all.contains("50 projects"), "the proposal agreed to: {all}");
    assert!(!all.contains("Morning all"), "{all}");
    assert!(!all.contains("source>"), "the text itself links: {all}");
    assert!(!all.contains("7 messages"), "one message count: {all}");
}

#[test]
fn app_home_speaks_to_its_viewer_with_due_dates_and_standup_links() {
    let all = texts(&sample("app_home")).join("\n");
    assert!(!all.contains("<@U0CHEN>"), "the viewer is 'you': {all}");
    assert!(all.contains("_due 2026-11-30_"), "{all}");
    assert!(all.contains("|standup>"), "{all}");
    assert!(all.contains("answered today · next run Tue 09:30"), "{all}");
}

#[test]
fn the_setup_modal_offers_checkboxes_a_time_picker_and_a_zone_list() {
    let m = sample("setup_modal");
    let kinds: Vec<(&str, &str)> = m["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["block_id"].as_str().unwrap(),
                b["element"]["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(kinds.contains(&("days", "checkboxes")));
    assert!(kinds.contains(&("time", "timepicker")));
    assert!(kinds.contains(&("tz", "static_select")));
}

#[test]
fn the_nudge_carries_the_questions_the_answer_button_and_the_close() {
    let m = sample("nudge");
    let all = texts(&m).join("\n");
    assert!(
        all.contains("1. What did you do since the last standup?"),
        "{all}"
    );
    assert!(all.contains("Closes Mon 12:30 (Europe/Berlin)."), "{all}");
    assert!(m["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["elements"][0]["action_id"] == "standup_answer"));
}

/// Lines as a phone shows them: a header is one line, each text one line
/// per `\n` (list items are clipped to fit a line or two; this counts a
/// line per item, as the layout is designed).
fn rendered_lines(blocks: &[Value]) -> usize {
    blocks
        .iter()
        .map(|b| match b["type"].as_str() {
            Some("header") | Some("actions") | Some("divider") => 1,
            _ => texts(&Value::Array(vec![b.clone()]))
                .iter()
                .map(|t| t.lines().count())
                .sum(),
        })
        .sum()
}

#[test]
fn the_longest_standup_of_the_evaluation_sets_fits_one_phone_screen() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval");
    let mut longest = (0, String::new());
    for dir in [root.clone(), root.join("v2")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let raw = std::fs::read_to_string(&path).unwrap();
            let Ok((input, _)) = cli::input_from_replies(&raw, None) else {
                continue;
            };
            let allowed: HashSet<String> = input.entries.iter().map(|e| e.user.clone()).collect();
            let summary = sanitize::sanitize(offline::summarize(&input), &input, &allowed);
            let ctx = ChannelContext {
                title: "Daily standup — 2026-11-30".into(),
                thread_link: Some("https://acme.slack.com/archives/C1/p1764493800000100".into()),
                answered: input.entries.len(),
                expected: input.entries.len() + 2,
                missing: vec!["U0MISSING1".into(), "U0MISSING2".into()],
            };
            let post = render::channel_message(&summary, &ctx);
            let blocks = serde_json::to_value(&post.blocks).unwrap();
            let lines = rendered_lines(blocks.as_array().unwrap());
            if lines > longest.0 {
                longest = (lines, path.display().to_string());
            }
        }
    }
    assert!(longest.0 > 5, "the sets were read");
    assert!(longest.0 <= 25, "{} lines for {}", longest.0, longest.1);
    println!("longest channel post: {} lines ({})", longest.0, longest.1);
}
