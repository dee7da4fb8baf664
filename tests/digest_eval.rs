//! Measures the digest on the blind channel-day sets (issue 15).
//!
//! Every day under `tests/fixtures/digest_eval/` was written and labelled
//! by someone who did not read the engine (see the READMEs there): 01–24 at
//! the top, 25–40 in `tune2/`, 41–52 in `holdout2/`, 53–64 in `tune3/`,
//! 65–80 in `holdout3/`, 81–92 in `tune4/`, 93–108 in `holdout4/`,
//! 109–120 in `tune5/`, 121–132 in `tune6/`, 133–148 in `holdout5/`,
//! 149–164 in `holdout6/`. The
//! even days of 01–24 and 41–52 were held out up to stop 22; their first
//! runs were reported, so they are spent and now `"split": "tune"` like the
//! rest. `holdout3/` was the held-out set of stop 23, `holdout4/` that of
//! stop 24 and `holdout5/` that of stop 25; from stop 26 on, holdout3 and
//! holdout5 are tuning data too (their first and last runs were reported),
//! and `holdout4/` stays held out, as does `holdout6/`, stop 26's (figures
//! only, never their misses).
//! `DIGEST_EVAL_DIR=<dir>` scores one directory alone, e.g. a held-out set
//! kept outside the repository.
//!
//! Each day goes the way `/digest now` goes, minus Slack: its messages are
//! read as `conversations.history`/`replies` return them into the bot's
//! stored messages ([`conversation::human_message`]: bots, joins, scrumbot
//! itself dropped), put in conversation order, made into the summarizer's
//! input ([`conversation::summary_input`]), summarized by the offline
//! engine through the same [`Summarizer`] call the bot makes (sanitizing
//! included), and rendered to the Block Kit the bot would post. Then:
//!
//! * **recall** per category: a labelled decision / open question is found
//!   when an item of that section contains all its `match` words
//!   (case-insensitive); an action item also needs the labelled owner, a
//!   blocker the labelled person.
//! * **noise**: items of the four sections that match no label of their
//!   own section, over all such items (topics are reported apart: they are
//!   not labelled).
//! * **instruction items**: items (topics included) whose source is a
//!   message that carries an injection payload (a `must_not_appear` string
//!   in a person's message).
//! * **must_not_appear hits**: those strings anywhere in what would be posted.
//!
//! `cargo test --test digest_eval -- --nocapture` prints the figures per set
//! and per language; `DIGEST_EVAL_MISSES=1` also prints every miss and
//! `DIGEST_EVAL_SHOW=07` one day's summary. A file whose split is
//! `holdout` is only ever counted: its misses are not even recorded and its
//! summary is never shown, so that it cannot be tuned on.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use scrumbot::digest::conversation;
use scrumbot::digest::sources::Sources;
use scrumbot::render::digest as render;
use scrumbot::slack::api::HistoryMessage;
use scrumbot::summarize::{InputKind, Summarizer, Summary};
use serde::Deserialize;

/// The bot's own user id in the evaluation (no day mentions it).
const BOT_USER: &str = "U0SCRUMBOT";

#[derive(Debug, Deserialize)]
struct Day {
    labels: Labels,
    messages: Vec<Wire>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    about: String,
    split: String,
    day: String,
    tz: String,
    channel: String,
    members: Vec<String>,
    decisions: Vec<Labelled>,
    action_items: Vec<Labelled>,
    blockers: Vec<Labelled>,
    open_questions: Vec<Labelled>,
    answered_questions: Vec<Labelled>,
    must_not_appear: Vec<String>,
}

/// One labelled item; which person field is set depends on the category.
#[derive(Debug, Deserialize)]
struct Labelled {
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    asker: Option<String>,
    #[serde(rename = "match")]
    words: Vec<String>,
    source_ts: String,
}

/// A message as `conversations.history` returns it (the fields the bot reads).
#[derive(Debug, Deserialize)]
struct Wire {
    ts: String,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    thread_ts: Option<String>,
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    reply_count: u32,
}

/// One day, read and summarized as the bot would.
struct Case {
    name: String,
    labels: Labels,
    summary: Summary,
    /// Everything that would be posted: text and Block Kit.
    posted: String,
    /// The ts of people's messages that carry an injection payload.
    injections: HashSet<String>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/digest_eval")
}

/// The day files of a directory, in file-name order.
fn day_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    // By the day's number: "100_…" comes after "99_…".
    paths.sort_by_key(|p| (day_number(p), p.clone()));
    paths
}

/// The number a day file's name starts with ("07_…" → 7, "104_…" → 104).
fn day_number(path: &Path) -> usize {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(usize::MAX)
}

/// The sets of the repository, in order: 01–24, `tune2/` (25–40),
/// `holdout2/` (41–52, spent), `tune3/` (53–64), `holdout3/` (65–80, held
/// out to stop 25), `tune4/` (81–92, near-misses), `holdout4/` (93–108, held
/// out), `tune5/` (109–120, chatter that is no item), `tune6/` (121–132,
/// near misses, half partly German), `holdout5/` (133–148, held out to
/// stop 25) and `holdout6/` (149–164, held out).
fn sets() -> Vec<(&'static str, PathBuf)> {
    let all = [
        ("days 01-24 (even days held out to stop 22)", dir()),
        ("tune2 (days 25-40)", dir().join("tune2")),
        (
            "holdout2 (days 41-52, held out to stop 22)",
            dir().join("holdout2"),
        ),
        ("tune3 (days 53-64)", dir().join("tune3")),
        (
            "holdout3 (days 65-80, held out to stop 25)",
            dir().join("holdout3"),
        ),
        ("tune4 (days 81-92)", dir().join("tune4")),
        ("holdout4 (days 93-108)", dir().join("holdout4")),
        ("tune5 (days 109-120)", dir().join("tune5")),
        ("tune6 (days 121-132)", dir().join("tune6")),
        (
            "holdout5 (days 133-148, held out to stop 25)",
            dir().join("holdout5"),
        ),
        ("holdout6 (days 149-164)", dir().join("holdout6")),
    ];
    all.into_iter().filter(|(_, d)| d.is_dir()).collect()
}

async fn load_dir(dir: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    for p in &day_files(dir) {
        out.push(case(p).await);
    }
    out
}

/// Every day of the repository's sets, in set and file order.
async fn load() -> Vec<Case> {
    let mut out = Vec::new();
    for (_, d) in sets() {
        out.extend(load_dir(&d).await);
    }
    out
}

async fn case(path: &Path) -> Case {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let raw = std::fs::read_to_string(path).unwrap();
    let day: Day = serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{name}: {e}"));
    let labels = day.labels;
    let stored: Vec<_> = day
        .messages
        .into_iter()
        .map(|w| HistoryMessage {
            is_bot: w.bot_id.is_some() || w.subtype.as_deref() == Some("bot_message"),
            ts: w.ts,
            user: w.user,
            text: w.text,
            thread_ts: w.thread_ts,
            subtype: w.subtype,
            reply_count: w.reply_count,
        })
        .filter_map(|m| conversation::human_message(&m, None, BOT_USER))
        .collect();
    let messages = conversation::conversation(stored, BOT_USER);
    let (input, allowed) =
        conversation::summary_input(&messages, InputKind::Digest, &labels.day, BOT_USER);
    let summary = Summarizer::Offline
        .summarize_with_outcome(&input, &allowed)
        .await
        .summary;
    let sources = Sources::new(&labels.channel, Some("https://acme.slack.com"), &messages);
    let title = format!("Daily digest — {}", labels.day);
    let posted = render::message(&summary, &sources, &title, "eval", true, 0);
    let posted = format!(
        "{}\n{}",
        posted.text,
        serde_json::to_string(&posted.blocks).unwrap()
    );
    let injections = messages
        .iter()
        .filter(|m| labels.must_not_appear.iter().any(|s| m.body.contains(s)))
        .map(|m| m.ts.clone())
        .collect();
    Case {
        name,
        labels,
        summary,
        posted,
        injections,
    }
}

fn lower_unescaped(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .to_lowercase()
}

fn has_words(text: &str, words: &[String]) -> bool {
    let text = lower_unescaped(text);
    words.iter().all(|w| text.contains(&w.to_lowercase()))
}

/// An item of the summary, flattened: its section, person, text and source.
struct Found<'a> {
    person: &'a str,
    text: &'a str,
    source: Option<&'a str>,
}

fn section<'a>(s: &'a Summary, which: Category) -> Vec<Found<'a>> {
    let items = |v: &'a [scrumbot::summarize::Item]| {
        v.iter()
            .map(|i| Found {
                person: &i.user,
                text: &i.text,
                source: i.source_ts.as_deref(),
            })
            .collect()
    };
    match which {
        Category::Decisions => items(&s.decisions),
        Category::OpenQuestions => items(&s.open_questions),
        Category::ActionItems => s
            .action_items
            .iter()
            .map(|a| Found {
                person: &a.owner,
                text: &a.text,
                source: a.source_ts.as_deref(),
            })
            .collect(),
        Category::Blockers => s
            .blockers
            .iter()
            .map(|b| Found {
                person: &b.user,
                text: &b.text,
                source: b.source_ts.as_deref(),
            })
            .collect(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Decisions,
    ActionItems,
    Blockers,
    OpenQuestions,
}

const CATEGORIES: [Category; 4] = [
    Category::Decisions,
    Category::ActionItems,
    Category::Blockers,
    Category::OpenQuestions,
];

impl Category {
    fn name(self) -> &'static str {
        match self {
            Category::Decisions => "decisions",
            Category::ActionItems => "action items (owner)",
            Category::Blockers => "blockers (person)",
            Category::OpenQuestions => "open questions",
        }
    }

    fn labels(self, l: &Labels) -> &[Labelled] {
        match self {
            Category::Decisions => &l.decisions,
            Category::ActionItems => &l.action_items,
            Category::Blockers => &l.blockers,
            Category::OpenQuestions => &l.open_questions,
        }
    }

    /// The person the label requires, when the category is scored by person.
    fn person(self, l: &Labelled) -> Option<&str> {
        match self {
            Category::ActionItems => l.owner.as_deref(),
            Category::Blockers => l.user.as_deref(),
            Category::Decisions | Category::OpenQuestions => None,
        }
    }
}

#[derive(Debug, Default)]
struct Score {
    days: usize,
    labelled: BTreeMap<Category, usize>,
    found: BTreeMap<Category, usize>,
    items: usize,
    noise: usize,
    topics: usize,
    answered_listed_open: usize,
    askers_right: usize,
    instruction_items: usize,
    must_not_appear_hits: usize,
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
    fn recall(&self, c: Category) -> f64 {
        ratio(
            self.found.get(&c).copied().unwrap_or(0),
            self.labelled.get(&c).copied().unwrap_or(0),
        )
    }

    fn noise(&self) -> f64 {
        if self.items == 0 {
            0.0
        } else {
            self.noise as f64 / self.items as f64
        }
    }

    fn add(&mut self, c: &Case) {
        self.days += 1;
        let recorded = self.misses.len();
        let n = &c.name;
        let s = &c.summary;
        for cat in CATEGORIES {
            let items = section(s, cat);
            let labels = cat.labels(&c.labels);
            *self.labelled.entry(cat).or_default() += labels.len();
            for l in labels {
                let hit = items.iter().find(|i| {
                    has_words(i.text, &l.words) && cat.person(l).is_none_or(|p| p == i.person)
                });
                match hit {
                    Some(i) => {
                        *self.found.entry(cat).or_default() += 1;
                        if cat == Category::OpenQuestions && l.asker.as_deref() == Some(i.person) {
                            self.askers_right += 1;
                        }
                    }
                    None => self.misses.push(format!(
                        "{n}: {} {:?} ({}) missed",
                        cat.name(),
                        l.words,
                        l.by.as_deref()
                            .or(cat.person(l))
                            .or(l.asker.as_deref())
                            .unwrap_or("?")
                    )),
                }
            }
            for i in &items {
                self.items += 1;
                if !labels.iter().any(|l| has_words(i.text, &l.words)) {
                    self.noise += 1;
                    self.misses
                        .push(format!("{n}: unlabelled {}: {:?}", cat.name(), i.text));
                }
                if i.source.is_some_and(|ts| c.injections.contains(ts)) {
                    self.instruction_items += 1;
                    self.misses.push(format!(
                        "{n}: instruction to the bot as {}: {:?}",
                        cat.name(),
                        i.text
                    ));
                }
            }
        }
        for q in &c.labels.answered_questions {
            if s.open_questions
                .iter()
                .any(|i| i.source_ts.as_deref() == Some(q.source_ts.as_str()))
            {
                self.answered_listed_open += 1;
                self.misses
                    .push(format!("{n}: answered question {:?} listed open", q.words));
            }
        }
        self.topics += s.topics.len();
        for t in &s.topics {
            if t.source_ts
                .as_ref()
                .is_some_and(|ts| c.injections.contains(ts))
            {
                self.instruction_items += 1;
                self.misses.push(format!(
                    "{n}: instruction to the bot as a topic: {:?}",
                    t.text
                ));
            }
        }
        let posted = lower_unescaped(&c.posted);
        for f in &c.labels.must_not_appear {
            if posted.contains(&f.to_lowercase()) {
                self.must_not_appear_hits += 1;
                self.misses.push(format!("{n}: posted {f:?}"));
            }
        }
        // A held-out day is counted, never read: what it missed is dropped.
        if c.labels.split != "tune" {
            self.misses.truncate(recorded);
        }
    }

    fn report(&self, what: &str, misses: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "digest (offline engine) on {} days: {what}", self.days);
        for cat in CATEGORIES {
            let _ = writeln!(
                out,
                "  {:<22} recall {:.2} ({} of {})",
                cat.name(),
                self.recall(cat),
                self.found.get(&cat).copied().unwrap_or(0),
                self.labelled.get(&cat).copied().unwrap_or(0)
            );
        }
        let _ = writeln!(
            out,
            "  noise {:.2} ({} of {} items match no label); {} topics (unlabelled, not counted)",
            self.noise(),
            self.noise,
            self.items,
            self.topics
        );
        let _ = writeln!(
            out,
            "  open questions with the right asker: {}; answered questions listed open: {}",
            self.askers_right, self.answered_listed_open
        );
        let _ = writeln!(
            out,
            "  instructions to the bot as items: {}; must_not_appear posted: {}",
            self.instruction_items, self.must_not_appear_hits
        );
        if misses {
            for m in &self.misses {
                let _ = writeln!(out, "  miss: {m}");
            }
        }
        out
    }
}

fn score<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Score {
    let mut sc = Score::default();
    for c in cases {
        sc.add(c);
    }
    sc
}

/// A summary one item a line: section, person, text, source ts.
fn brief(s: &Summary) -> String {
    let mut out = String::new();
    for cat in CATEGORIES {
        for i in section(s, cat) {
            let ts = i.source.unwrap_or("-");
            let ts = &ts[ts.len().saturating_sub(6)..];
            let _ = writeln!(out, "  {:<22} {} [{ts}] {}", cat.name(), i.person, i.text);
        }
    }
    for t in &s.topics {
        let _ = writeln!(out, "  {:<22} {} {}", "topic", t.user, t.text);
    }
    out
}

/// The language a day is partly in besides English (`lang:de,en` → `de`).
fn language(c: &Case) -> String {
    let langs = c.labels.about.rsplit("lang:").next().unwrap_or("en").trim();
    langs
        .split(',')
        .map(str::trim)
        .find(|l| *l != "en")
        .unwrap_or("en")
        .to_string()
}

#[tokio::test]
async fn the_evaluation_set_is_complete_and_well_formed() {
    let cases = load().await;
    assert!(cases.len() >= 164, "164 channel-days");
    for (c, want) in cases.iter().zip(1..) {
        let n = day_number(Path::new(&c.name));
        assert_eq!(n, want, "days are numbered 01-164 without gaps");
        // Every set is tuning data but holdout4 (93–108) and holdout6
        // (149–164), whose misses have never been printed. holdout3 (65–80)
        // and holdout5 (133–148) were held out to stop 25 and are tuning
        // data from stop 26 on.
        let held_out = [93..=108, 149..=164];
        let split = if held_out.iter().any(|days| days.contains(&n)) {
            "holdout"
        } else {
            "tune"
        };
        assert_eq!(c.labels.split, split, "{}", c.name);
        assert!(c.labels.day.parse::<jiff::civil::Date>().is_ok());
        assert!(!c.labels.tz.is_empty() && !c.labels.members.is_empty());
    }
    let languages: HashSet<String> = cases.iter().map(language).collect();
    for lang in ["en", "de", "es", "fr", "pt"] {
        assert!(languages.contains(lang), "no day in {lang}");
    }
}

/// One set's figures: its held-out days (numbers only) apart from its
/// tuning days (misses too, when asked for).
fn report_set(what: &str, cases: &[Case], show_misses: bool) {
    let (holdout, tune): (Vec<&Case>, Vec<&Case>) =
        cases.iter().partition(|c| c.labels.split != "tune");
    if !holdout.is_empty() {
        println!(
            "{}",
            score(holdout).report(&format!("{what}, held out (numbers only)"), false)
        );
    }
    if !tune.is_empty() {
        println!("{}", score(tune).report(what, show_misses));
    }
}

#[tokio::test]
async fn digest_figures_on_the_blind_set() {
    let show_misses = std::env::var_os("DIGEST_EVAL_MISSES").is_some();
    // DIGEST_EVAL_DIR=<dir> scores that directory alone (a held-out set
    // kept outside the repository).
    let sets: Vec<(String, Vec<Case>)> = match std::env::var_os("DIGEST_EVAL_DIR") {
        Some(d) => {
            let d = PathBuf::from(d);
            vec![(d.display().to_string(), load_dir(&d).await)]
        }
        None => {
            let mut out = Vec::new();
            for (what, d) in sets() {
                out.push((what.to_string(), load_dir(&d).await));
            }
            out
        }
    };
    for (what, cases) in &sets {
        report_set(what, cases, show_misses);
    }
    let cases: Vec<&Case> = sets.iter().flat_map(|(_, c)| c).collect();
    if sets.len() > 1 {
        println!("{}", score(cases.iter().copied()).report("all sets", false));
    }
    // DIGEST_EVAL_SHOW=01 prints a tuning day's summary, to read it whole.
    if let Ok(day) = std::env::var("DIGEST_EVAL_SHOW") {
        for c in cases
            .iter()
            .filter(|c| c.labels.split == "tune" && c.name.starts_with(&day))
        {
            println!("{}\n{}", c.name, brief(&c.summary));
        }
    }
    let mut by_lang: BTreeMap<String, Vec<&Case>> = BTreeMap::new();
    for c in &cases {
        by_lang.entry(language(c)).or_default().push(c);
    }
    for (lang, days) in by_lang {
        println!(
            "{}",
            score(days.iter().copied()).report(&format!("all days partly in {lang}"), false)
        );
    }
}
