//! Properties that must hold for any input, not only the examples the other
//! tests pick: the sanitizer never lets a broadcast, a stranger's mention,
//! an invisible character or an over-long text through, and cleaning twice
//! changes nothing; the parsers of what Slack (or an LLM) sends never panic;
//! the command grammar reads back what it writes.
//!
//! The case count is bounded (`CASES`) so CI time stays predictable;
//! `PROPTEST_CASES=10000 cargo test --test properties` runs a longer search.

use std::collections::HashSet;

use proptest::prelude::*;
use scrumbot::summarize::sanitize::{sanitize, HIGHLIGHTS_MAX_CHARS, ITEM_MAX_CHARS};
use scrumbot::summarize::{ActionItem, Blocker, Entry, InputKind, Item, Summary, SummaryInput};

/// Cases per property in CI.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig::with_cases(cases)
}

/// Text as participants and LLMs write it, with the pieces that matter to
/// the sanitizer mixed in: broadcasts, mentions of members and strangers,
/// links with honest and deceptive labels, entities, stray angle brackets,
/// invisible and direction characters, and arbitrary Unicode.
fn slack_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 .,:;!?'-]{0,24}",
        1 => Just("<!here>".to_string()),
        1 => Just("<!channel|channel>".to_string()),
        1 => Just("@everyone ".to_string()),
        1 => Just("@Here".to_string()),
        1 => Just("<!subteam^S1|@devs>".to_string()),
        1 => Just("<@U1>".to_string()),
        1 => Just("<@U2|bo>".to_string()),
        1 => Just("<@U999|mallory>".to_string()),
        1 => Just("<https://evil.example/x|https://slack.com>".to_string()),
        1 => Just("<https://docs.example/a|the docs>".to_string()),
        1 => Just("https://evil.example/y".to_string()),
        1 => Just("<#C1|general>".to_string()),
        1 => Just("&amp;".to_string()),
        1 => Just("&lt;!here&gt;".to_string()),
        1 => Just("<".to_string()),
        1 => Just(">".to_string()),
        1 => Just("|".to_string()),
        1 => Just("\u{202E}".to_string()),
        1 => Just("\u{200B}".to_string()),
        1 => Just("\u{FEFF}".to_string()),
        2 => "\\PC{0,8}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

/// Members of the conversation; U999 is a stranger.
const MEMBERS: [&str; 2] = ["U1", "U2"];

fn members() -> HashSet<String> {
    MEMBERS.iter().map(|u| u.to_string()).collect()
}

fn input_with(texts: &[String]) -> SummaryInput {
    SummaryInput {
        kind: InputKind::Thread,
        questions: vec![],
        entries: texts
            .iter()
            .map(|t| Entry {
                user: "U1".into(),
                ts: Some("1764000000.000100".into()),
                thread_ts: None,
                answers: vec![t.clone()],
            })
            .collect(),
        today: "2026-11-25".into(),
    }
}

fn summary_of(texts: &[String]) -> Summary {
    let item = |t: &String| Item {
        user: "U1".into(),
        text: t.clone(),
        source_ts: None,
    };
    Summary {
        done: texts.iter().map(item).collect(),
        planned: texts.iter().map(item).collect(),
        blockers: texts
            .iter()
            .map(|t| Blocker {
                user: "U2".into(),
                text: t.clone(),
                blocked_by: Some("U999".into()),
                source_ts: None,
            })
            .collect(),
        action_items: texts
            .iter()
            .map(|t| ActionItem {
                owner: "U1".into(),
                text: t.clone(),
                due: Some(t.chars().take(10).collect()),
                source_ts: None,
            })
            .collect(),
        highlights: texts.concat(),
        ..Summary::default()
    }
}

/// Every text the summary would put in Slack, with its length limit.
fn texts_of(s: &Summary) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = s
        .done
        .iter()
        .chain(&s.planned)
        .map(|i| (i.text.clone(), ITEM_MAX_CHARS))
        .collect();
    out.extend(s.blockers.iter().map(|b| (b.text.clone(), ITEM_MAX_CHARS)));
    out.extend(
        s.action_items
            .iter()
            .map(|a| (a.text.clone(), ITEM_MAX_CHARS)),
    );
    out.push((s.highlights.clone(), HIGHLIGHTS_MAX_CHARS));
    out
}

/// A broadcast as Slack reads one: a `<!…>` sequence, or `@here`,
/// `@channel`, `@everyone` as a word (with `link_names`).
fn broadcast(text: &str) -> bool {
    static WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)@(?:here|channel|everyone)\b").unwrap()
    });
    text.contains("<!") || WORD.is_match(text)
}

/// The user ids of every `<@…>` mention in `text`.
fn mentioned(text: &str) -> Vec<String> {
    text.split("<@")
        .skip(1)
        .map(|rest| {
            rest.split(['>', '|'])
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_sanitizer_lets_no_broadcast_stranger_or_invisible_character_through(
        texts in prop::collection::vec(slack_text(), 1..4),
        input in prop::collection::vec(slack_text(), 0..3),
    ) {
        let out = sanitize(summary_of(&texts), &input_with(&input), &members());
        for (text, max) in texts_of(&out) {
            prop_assert!(!broadcast(&text), "broadcast in {text:?}");
            for user in mentioned(&text) {
                prop_assert!(MEMBERS.contains(&user.as_str()), "mention of {user} in {text:?}");
            }
            prop_assert!(
                !text.contains(['\u{202E}', '\u{200B}', '\u{FEFF}']),
                "invisible character in {text:?}"
            );
            prop_assert!(text.chars().count() <= max, "{} chars > {max}", text.chars().count());
        }
        for b in &out.blockers {
            prop_assert!(b.blocked_by.as_deref() != Some("U999"), "a stranger as blocker");
        }
        for a in &out.action_items {
            if let Some(due) = &a.due {
                prop_assert!(due.parse::<jiff::civil::Date>().is_ok(), "due {due:?}");
            }
        }
    }

    #[test]
    fn sanitizing_twice_changes_nothing(
        texts in prop::collection::vec(slack_text(), 1..4),
        input in prop::collection::vec(slack_text(), 0..3),
    ) {
        let input = input_with(&input);
        let once = sanitize(summary_of(&texts), &input, &members());
        let twice = sanitize(once.clone(), &input, &members());
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn the_llm_answer_reader_never_panics(answer in "\\PC{0,300}", wrapped in slack_text()) {
        let input = input_with(&["Shipped the importer".to_string()]);
        let _ = scrumbot::summarize::llm::validate::parse(&answer, &input);
        let json = format!(
            "```json\n{{\"done\": [{{\"user\": \"U1\", \"text\": {}}}], \"blockers\": [{{\"user\": {}, \"text\": 1}}], \"highlights\": {}}}\n```",
            serde_json::to_string(&wrapped).unwrap(),
            serde_json::to_string(&answer).unwrap(),
            serde_json::to_string(&wrapped).unwrap(),
        );
        let _ = scrumbot::summarize::llm::validate::parse(&json, &input);
    }

    #[test]
    fn the_command_grammars_never_panic(text in "\\PC{0,200}", words in prop::collection::vec("[a-z0-9:/|,#<>@-]{0,12}", 0..6)) {
        let joined = words.join(" ");
        for t in [text.as_str(), joined.as_str()] {
            let _ = scrumbot::standup::command::parse(t);
            let _ = scrumbot::standup::command::parse_addressed(t);
            let _ = scrumbot::digest::command::parse(t);
            let _ = scrumbot::standup::schedule::parse_days(t);
            let _ = scrumbot::standup::command::parse_time(t);
            let _ = scrumbot::standup::command::parse_date(t);
        }
    }

    #[test]
    fn a_time_reads_back_as_written(h in 0i8..24, m in 0i8..60) {
        let written = format!("{h:02}:{m:02}");
        let t = scrumbot::standup::command::parse_time(&written).expect("a valid time");
        prop_assert_eq!(t.strftime("%H:%M").to_string(), written);
    }

    #[test]
    fn a_date_reads_back_as_written(y in 2000i16..2100, m in 1i8..=12, d in 1i8..=28) {
        let written = format!("{y:04}-{m:02}-{d:02}");
        let date = scrumbot::standup::command::parse_date(&written).expect("a valid date");
        prop_assert_eq!(date.to_string(), written);
    }

    #[test]
    fn a_set_of_days_reads_back_as_written(bits in 1u8..128) {
        const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let written: Vec<&str> = (0..7).filter(|i| bits & (1 << i) != 0).map(|i| NAMES[i]).collect();
        let written = written.join(",");
        let days = scrumbot::standup::schedule::parse_days(&written).expect("valid days");
        prop_assert_eq!(days.to_string(), written);
    }

    #[test]
    fn digest_on_reads_back_its_time_and_zone(h in 0i8..24, m in 0i8..60, zone in prop::sample::select(vec!["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Adelaide"])) {
        let text = format!("on {h:02}:{m:02} {zone}");
        match scrumbot::digest::command::parse(&text) {
            Ok(scrumbot::digest::command::DigestCommand::On { time, tz, target }) => {
                prop_assert_eq!(time.map(|t| t.strftime("%H:%M").to_string()), Some(format!("{h:02}:{m:02}")));
                prop_assert_eq!(tz.as_deref(), Some(zone));
                prop_assert_eq!(target, None);
            }
            other => prop_assert!(false, "{text} parsed as {other:?}"),
        }
    }

    #[test]
    fn slack_payload_parsers_never_panic(body in "\\PC{0,400}", json_ish in slack_text()) {
        let envelope = format!(
            "{{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"Ev1\",\"event\":{{\"type\":\"message\",\"text\":{},\"user\":{}}}}}",
            serde_json::to_string(&json_ish).unwrap(),
            serde_json::to_string(&body).unwrap(),
        );
        for b in [body.as_str(), envelope.as_str(), json_ish.as_str()] {
            let _ = scrumbot::slack::inbound::parse_events_body(b);
            let _ = scrumbot::slack::inbound::parse_command_form(b);
            let _ = scrumbot::slack::inbound::parse_interaction_form(b);
            let form = serde_urlencoded::to_string([("payload", b)]).unwrap();
            let _ = scrumbot::slack::inbound::parse_interaction_form(&form);
        }
    }
}
