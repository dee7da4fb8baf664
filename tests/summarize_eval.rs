//! Measures the offline engine on a labelled evaluation set.
//!
//! `tests/fixtures/eval/*.json` are standup threads in the shape of a Slack
//! `conversations.replies` response (the bot's parent with the questions
//! first, then the replies), each with a `labels` object written by hand from
//! what a careful reader of the thread would say (see the README there).
//!
//! Every thread is read the way `scrumbot summarize FILE --offline` reads it,
//! summarized by the offline engine, sanitized as the bot does before
//! posting, and rendered to the Block Kit the bot would post. Then:
//!
//! * blockers are scored **by person**: a true positive is a (thread, person)
//!   the labels say is blocked and the summary lists as blocked; precision
//!   and recall follow. For the people found, `blocked_by` is compared too.
//! * action items: a labelled item counts as correct when the summary has an
//!   item whose text contains the label's `match` words and whose owner is
//!   the labelled owner (a missed item counts as wrong). Items the labels do
//!   not mention count against action-item precision (reported only).
//! * broadcasts: `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>` and
//!   their `@channel`-style spellings, plus each thread's own forbidden
//!   strings and mentions of anyone outside the channel, anywhere in what
//!   would be posted.
//!
//! `cargo test --test summarize_eval -- --nocapture` prints the figures and
//! every miss.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use regex::Regex;
use scrumbot::render::summary::{self as render, ChannelContext};
use scrumbot::render::Message;
use scrumbot::summarize::{cli, offline, sanitize, InputKind, Summary, SummaryInput};
use serde::Deserialize;

/// Targets for the offline engine (issue 4).
const MIN_BLOCKER_PRECISION: f64 = 0.9;
const MIN_BLOCKER_RECALL: f64 = 0.9;
const MIN_ACTION_OWNER_ACCURACY: f64 = 0.8;

#[derive(Debug, Deserialize)]
struct Labelled {
    messages: Vec<serde_json::Value>,
    labels: Labels,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    about: String,
    /// `dev` for the threads the engine was tuned on, `holdout` for those
    /// written afterwards and scored as written.
    split: String,
    /// The day of the standup, which "by Friday" is resolved against.
    today: String,
    /// The channel's members: who may be mentioned besides the authors.
    members: Vec<String>,
    blockers: Vec<ExpectedBlocker>,
    action_items: Vec<ExpectedAction>,
    /// Defensible either way (usually a plain "I'll …" plan): neither
    /// required nor counted as spurious.
    #[serde(default)]
    optional_action_items: Vec<ExpectedAction>,
    no_broadcast: bool,
    /// Strings that must not appear in anything posted for this thread.
    #[serde(default)]
    forbidden: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedBlocker {
    user: String,
    blocked_by: Option<String>,
    about: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedAction {
    owner: String,
    /// Words the item's text must contain (case-insensitive).
    #[serde(rename = "match")]
    words: String,
    due: Option<String>,
}

/// One thread, read and summarized.
struct Case {
    name: String,
    labels: Labels,
    input: SummaryInput,
    allowed: HashSet<String>,
    summary: Summary,
    /// Everything that would be posted: summary JSON, thread and channel Block Kit.
    posted: String,
}

#[derive(Debug, Default)]
struct Score {
    threads: usize,
    blocker_tp: usize,
    blocker_fp: usize,
    blocker_fn: usize,
    blocked_by_labelled: usize,
    blocked_by_right: usize,
    actions_labelled: usize,
    actions_right_owner: usize,
    actions_wrong_owner: usize,
    actions_missed: usize,
    actions_spurious: usize,
    actions_in_summary: usize,
    due_labelled: usize,
    due_right: usize,
    broadcasts: usize,
    forbidden_hits: usize,
    foreign_mentions: usize,
    misses: Vec<String>,
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.blocker_tp, self.blocker_tp + self.blocker_fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.blocker_tp, self.blocker_tp + self.blocker_fn)
    }
    fn owner_accuracy(&self) -> f64 {
        ratio(self.actions_right_owner, self.actions_labelled)
    }
    fn report(&self, what: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "offline engine on {} labelled threads ({what})",
            self.threads
        );
        let _ = writeln!(
            out,
            "  blockers by person: precision {:.3} ({} of {}), recall {:.3} ({} of {})",
            self.precision(),
            self.blocker_tp,
            self.blocker_tp + self.blocker_fp,
            self.recall(),
            self.blocker_tp,
            self.blocker_tp + self.blocker_fn
        );
        let _ = writeln!(
            out,
            "  blocked_by right: {} of {} labelled with a person",
            self.blocked_by_right, self.blocked_by_labelled
        );
        let _ = writeln!(
            out,
            "  action items: owner accuracy {:.3} ({} of {} labelled; {} wrong owner, {} missed)",
            self.owner_accuracy(),
            self.actions_right_owner,
            self.actions_labelled,
            self.actions_wrong_owner,
            self.actions_missed
        );
        let _ = writeln!(
            out,
            "  action items: precision {:.3} ({} of {} in the summaries unlabelled), due dates right {} of {}",
            ratio(
                self.actions_in_summary - self.actions_spurious,
                self.actions_in_summary
            ),
            self.actions_spurious,
            self.actions_in_summary,
            self.due_right,
            self.due_labelled
        );
        let _ = writeln!(
            out,
            "  posted broadcasts: {}, forbidden strings: {}, mentions of outsiders: {}",
            self.broadcasts, self.forbidden_hits, self.foreign_mentions
        );
        for m in &self.misses {
            let _ = writeln!(out, "  miss: {m}");
        }
        out
    }
}

/// The set scored: `tests/fixtures/eval` (the regression set the targets
/// hold for), or another one named by `EVAL_DIR`, e.g.
/// `EVAL_DIR=tests/fixtures/eval/v2 cargo test --test summarize_eval -- --nocapture`
/// to print the figures on the blind set written for the next engine work
/// (its targets are not this set's, so the assertions may fail there).
fn eval_dir() -> PathBuf {
    let dir = std::env::var("EVAL_DIR").unwrap_or_else(|_| "tests/fixtures/eval".into());
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

fn load() -> Vec<Case> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(eval_dir())
        .expect("tests/fixtures/eval exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths.iter().map(|p| case(p)).collect()
}

fn case(path: &Path) -> Case {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let raw = std::fs::read_to_string(path).unwrap();
    let labelled: Labelled =
        serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{name}: bad labels: {e}"));
    let labels = labelled.labels;
    let (input, _) = cli::input_from_replies(&raw, Some(&labels.today))
        .unwrap_or_else(|e| panic!("{name}: not a replies export: {e:#}"));
    // As at a close: the channel's members and whoever answered may be named.
    let mut allowed: HashSet<String> = labels.members.iter().cloned().collect();
    allowed.extend(input.entries.iter().map(|e| e.user.clone()));
    let summary = sanitize::sanitize(offline::summarize(&input), &input, &allowed);
    let thread_blocks = render::thread_message(&summary, "Daily standup").blocks;
    let ctx = ChannelContext {
        title: "Daily standup".into(),
        thread_link: Some("https://acme.slack.com/archives/C0EVAL/p1772443800000100".into()),
        answered: input.entries.len(),
        expected: input.entries.len(),
        missing: vec![],
    };
    let Message {
        text: channel_text,
        blocks: channel_blocks,
    } = render::channel_message(&summary, &ctx);
    let posted = format!(
        "{}\n{}\n{}\n{}",
        serde_json::to_string(&summary).unwrap(),
        serde_json::to_string(&thread_blocks).unwrap(),
        channel_text,
        serde_json::to_string(&channel_blocks).unwrap()
    );
    assert!(labelled.messages.len() >= 2, "{name}: a parent and replies");
    Case {
        name,
        labels,
        input,
        allowed,
        summary,
        posted,
    }
}

fn lower_unescaped(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .to_lowercase()
}

fn score(cases: &[Case]) -> Score {
    let broadcast =
        Regex::new(r"(?i)<!(?:channel|here|everyone|subteam\^)[^>]*>|@(?:channel|here|everyone)\b")
            .unwrap();
    let mention = Regex::new(r"<@([UW][A-Z0-9]+)").unwrap();
    let mut sc = Score {
        threads: cases.len(),
        ..Score::default()
    };
    for c in cases {
        let n = &c.name;
        let s = &c.summary;

        // Blockers, by person.
        let expected: BTreeSet<&str> = c.labels.blockers.iter().map(|b| b.user.as_str()).collect();
        let found: BTreeSet<&str> = s.blockers.iter().map(|b| b.user.as_str()).collect();
        for u in expected.intersection(&found) {
            sc.blocker_tp += 1;
            let by: BTreeSet<Option<&str>> = s
                .blockers
                .iter()
                .filter(|b| b.user == *u)
                .map(|b| b.blocked_by.as_deref())
                .collect();
            for e in c.labels.blockers.iter().filter(|b| b.user == *u) {
                if let Some(want) = e.blocked_by.as_deref() {
                    sc.blocked_by_labelled += 1;
                    if by.contains(&Some(want)) {
                        sc.blocked_by_right += 1;
                    } else {
                        sc.misses
                            .push(format!("{n}: {u} blocked by {want}, summary says {by:?}"));
                    }
                }
            }
        }
        for u in found.difference(&expected) {
            sc.blocker_fp += 1;
            let texts: Vec<&str> = s
                .blockers
                .iter()
                .filter(|b| b.user == *u)
                .map(|b| b.text.as_str())
                .collect();
            sc.misses
                .push(format!("{n}: {u} is not blocked, summary says {texts:?}"));
        }
        for u in expected.difference(&found) {
            sc.blocker_fn += 1;
            let about: Vec<&str> = c
                .labels
                .blockers
                .iter()
                .filter(|b| b.user == *u)
                .map(|b| b.about.as_str())
                .collect();
            sc.misses.push(format!(
                "{n}: {u} is blocked ({about:?}), summary misses it"
            ));
        }

        // Action items, by owner.
        let texts: Vec<String> = s
            .action_items
            .iter()
            .map(|a| lower_unescaped(&a.text))
            .collect();
        let mut used = vec![false; s.action_items.len()];
        sc.actions_in_summary += s.action_items.len();
        for want in &c.labels.action_items {
            sc.actions_labelled += 1;
            let words = want.words.to_lowercase();
            let right = (0..texts.len()).find(|&i| {
                !used[i] && texts[i].contains(&words) && s.action_items[i].owner == want.owner
            });
            match right {
                Some(i) => {
                    used[i] = true;
                    sc.actions_right_owner += 1;
                    if let Some(due) = &want.due {
                        sc.due_labelled += 1;
                        if s.action_items[i].due.as_deref() == Some(due) {
                            sc.due_right += 1;
                        } else {
                            sc.misses.push(format!(
                                "{n}: \"{}\" due {due}, summary says {:?}",
                                want.words, s.action_items[i].due
                            ));
                        }
                    }
                }
                None => {
                    let other: Vec<&str> = (0..texts.len())
                        .filter(|&i| texts[i].contains(&words))
                        .map(|i| s.action_items[i].owner.as_str())
                        .collect();
                    if other.is_empty() {
                        sc.actions_missed += 1;
                        sc.misses.push(format!(
                            "{n}: action \"{}\" for {} missed",
                            want.words, want.owner
                        ));
                    } else {
                        sc.actions_wrong_owner += 1;
                        sc.misses.push(format!(
                            "{n}: action \"{}\" is {}'s, summary gives it to {other:?}",
                            want.words, want.owner
                        ));
                    }
                }
            }
        }
        for (i, a) in s.action_items.iter().enumerate() {
            let optional = c
                .labels
                .optional_action_items
                .iter()
                .any(|o| o.owner == a.owner && texts[i].contains(&o.words.to_lowercase()));
            if !used[i] && !optional {
                sc.actions_spurious += 1;
                sc.misses.push(format!(
                    "{n}: unlabelled action item for {}: {:?}",
                    a.owner, a.text
                ));
            }
        }

        // What would be posted.
        assert!(
            c.labels.no_broadcast,
            "{n}: every thread expects no broadcast"
        );
        let hits = broadcast.find_iter(&c.posted).count();
        if hits > 0 {
            sc.misses.push(format!("{n}: {hits} broadcast(s) posted"));
        }
        sc.broadcasts += hits;
        for f in &c.labels.forbidden {
            if c.posted.contains(f.as_str()) {
                sc.forbidden_hits += 1;
                sc.misses.push(format!("{n}: posted the forbidden {f:?}"));
            }
        }
        for m in mention.captures_iter(&c.posted) {
            if !c.allowed.contains(&m[1]) {
                sc.foreign_mentions += 1;
                sc.misses
                    .push(format!("{n}: mentions {} who is not in the channel", &m[1]));
            }
        }
    }
    sc
}

#[test]
fn the_evaluation_set_is_large_and_well_formed() {
    let cases = load();
    assert!(cases.len() >= 30, "{} threads", cases.len());
    let user = Regex::new(r"^U[A-Z0-9]{8,}$").unwrap();
    let mut languages = BTreeSet::new();
    for c in &cases {
        assert_eq!(c.input.kind, InputKind::Standup, "{}: a standup", c.name);
        assert!(!c.labels.about.is_empty(), "{}", c.name);
        assert!(
            ["dev", "holdout"].contains(&c.labels.split.as_str()),
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
            if text.contains(marker) {
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
    let cases = load();
    let (holdout, dev): (Vec<Case>, Vec<Case>) =
        cases.into_iter().partition(|c| c.labels.split == "holdout");
    let held = score(&holdout);
    println!("{}", held.report("held out: written after tuning"));
    println!("{}", score(&dev).report("tuning set"));
    let all: Vec<Case> = dev.into_iter().chain(holdout).collect();
    let sc = score(&all);
    let report = sc.report("all");
    println!("{report}");
    assert!(held.threads >= 8, "a held-out part of the set");
    assert_eq!(sc.broadcasts, 0, "broadcasts posted, see the report above");
    assert_eq!(sc.forbidden_hits, 0, "forbidden strings posted");
    assert_eq!(sc.foreign_mentions, 0, "outsiders mentioned");
    assert!(
        sc.precision() >= MIN_BLOCKER_PRECISION,
        "blocker precision {:.3}",
        sc.precision()
    );
    assert!(
        sc.recall() >= MIN_BLOCKER_RECALL,
        "blocker recall {:.3}",
        sc.recall()
    );
    assert!(
        sc.owner_accuracy() >= MIN_ACTION_OWNER_ACCURACY,
        "action-item owner accuracy {:.3}",
        sc.owner_accuracy()
    );
}
