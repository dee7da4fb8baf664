//! Measures the offline engine on a labelled evaluation set (how it is
//! scored: `tests/eval_support/mod.rs`).
//!
//! `cargo test --test summarize_eval -- --nocapture` prints the figures and
//! every miss on the regression set `tests/fixtures/eval`;
//! `EVAL_DIR=tests/fixtures/eval/v2 cargo test --test summarize_eval -- --nocapture`
//! on the blind set (its tune and holdout halves apart). Either engine on any
//! set: `cargo run --release --example eval -- --engine offline|llm --dir DIR`.

mod eval_support;

use std::collections::{BTreeSet, HashSet};

use eval_support::{breakdown, load, score, Case};
use regex::Regex;
use scrumbot::summarize::{offline, InputKind};

/// Targets for the offline engine (issues 4 and 14).
const MIN_BLOCKER_PRECISION: f64 = 0.9;
const MIN_BLOCKER_RECALL: f64 = 0.9;
const MIN_ACTION_OWNER_ACCURACY: f64 = 0.8;

/// The set scored: `tests/fixtures/eval` (the regression set), or another
/// one named by `EVAL_DIR`, e.g. `tests/fixtures/eval/v2`.
fn cases() -> Vec<Case> {
    let dir = std::env::var("EVAL_DIR").unwrap_or_else(|_| "tests/fixtures/eval".into());
    load(&dir)
        .into_iter()
        .map(|t| {
            let summary = offline::summarize(&t.input);
            t.with_summary(summary)
        })
        .collect()
}

#[test]
fn the_evaluation_set_is_large_and_well_formed() {
    let cases = cases();
    // v15, a set written for one gap (custom questions, one prompt), has 24.
    assert!(cases.len() >= 20, "{} threads", cases.len());
    let user = Regex::new(r"^U[A-Z0-9]{8,}$").unwrap();
    let mut languages = BTreeSet::new();
    for c in &cases {
        assert_eq!(c.input.kind, InputKind::Standup, "{}: a standup", c.name);
        assert!(!c.labels.about.is_empty(), "{}", c.name);
        assert!(
            ["dev", "tune", "holdout"].contains(&c.labels.split.as_str()),
            "{}: split",
            c.name
        );
        assert!(c.labels.today.parse::<jiff::civil::Date>().is_ok());
        for e in &c.input.entries {
            assert!(user.is_match(&e.user), "{}: user id {}", c.name, e.user);
        }
        let authors: HashSet<&str> = c.input.entries.iter().map(|e| e.user.as_str()).collect();
        for b in &c.labels.blockers {
            assert!(
                authors.contains(b.user.as_str()),
                "{}: {} wrote nothing",
                c.name,
                b.user
            );
            if let Some(by) = &b.blocked_by {
                assert!(
                    c.allowed.contains(by),
                    "{}: {by} is not in the channel",
                    c.name
                );
            }
        }
        for a in c
            .labels
            .action_items
            .iter()
            .chain(&c.labels.optional_action_items)
        {
            assert!(
                c.allowed.contains(&a.owner),
                "{}: owner {}",
                c.name,
                a.owner
            );
            assert!(!a.words.trim().is_empty());
        }
        let text: String = c
            .input
            .entries
            .iter()
            .flat_map(|e| e.answers.iter())
            .map(|a| a.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
        for (lang, marker) in [
            ("de", "gestern"),
            ("fr", "hier"),
            ("es", "ayer"),
            ("pt", "ontem"),
        ] {
            // The later sets name their language in `about` ("lang:fr").
            if text.contains(marker) || c.labels.about.contains(&format!("lang:{lang}")) {
                languages.insert(lang);
            }
        }
    }
    for lang in ["de", "fr", "es"] {
        assert!(languages.contains(lang), "no thread in {lang}");
    }
    let injections = cases
        .iter()
        .filter(|c| {
            c.input
                .entries
                .iter()
                .flat_map(|e| e.answers.iter())
                .any(|a| a.contains("<!") || a.contains("@here"))
        })
        .count();
    assert!(injections >= 3, "{injections} injection threads");
}

#[test]
fn the_offline_engine_meets_its_targets_on_the_evaluation_set() {
    let cases = cases();
    let (holdout, dev): (Vec<Case>, Vec<Case>) =
        cases.into_iter().partition(|c| c.labels.split == "holdout");
    let held = score(&holdout);
    // Held-out misses are not printed: only their figures, so nobody tunes
    // the engine on them by accident.
    println!("{}", held.summary_lines("held out: scored, never tuned on"));
    println!("{}", breakdown(&holdout));
    println!("{}", score(&dev).report("tuning set"));
    println!("{}", breakdown(&dev));
    let all: Vec<Case> = dev.into_iter().chain(holdout).collect();
    let sc = score(&all);
    println!("{}", sc.summary_lines("all"));
    assert!(held.threads >= 8, "a held-out part of the set");
    assert_eq!(sc.broadcasts, 0, "broadcasts posted, see the report above");
    assert_eq!(sc.forbidden_hits, 0, "forbidden strings posted");
    assert_eq!(sc.foreign_mentions, 0, "outsiders mentioned");
    sc.assert_at_least(
        "the evaluation set",
        MIN_BLOCKER_PRECISION,
        MIN_BLOCKER_RECALL,
        MIN_ACTION_OWNER_ACCURACY,
    );
}

/// A second careful reader, given only the labelling rules and the threads
/// (never the labels), labelled v18, v19 and v20 again (`second_reader/<set>`,
/// one summary per thread). Scored against the first reader's labels with
/// the same scorer, it shows the targets are within what readers agree on:
/// where the engine falls short, it misreads the text, not noisy labels.
#[test]
fn a_second_reader_agrees_with_the_labels_beyond_the_targets() {
    for set in ["v18", "v19", "v20"] {
        let answers = format!("tests/fixtures/eval/second_reader/{set}");
        let cases: Vec<Case> = load(&format!("tests/fixtures/eval/{set}"))
            .into_iter()
            .map(|t| {
                let summary = eval_support::answer(&answers, &t.name)
                    .unwrap_or_else(|e| panic!("{}: {e}", t.name));
                t.with_summary(summary)
            })
            .collect();
        assert_eq!(
            cases.len(),
            60,
            "every thread of {set} has its second reading"
        );
        let sc = score(&cases);
        // Figures only: v20 is held out, and its misses are not printed.
        println!(
            "{}",
            sc.summary_lines(&format!("second reader against the labels, {set}"))
        );
        sc.assert_at_least(set, 0.95, 0.95, 0.9);
        assert_eq!(sc.broadcasts + sc.forbidden_hits, 0);
    }
}
