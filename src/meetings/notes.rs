//! Notes from a transcript, written by the same engines as every summary:
//! each speaker's turns become the entries of a conversation (one entry per
//! turn, long turns split so the LLM engine's chunking can cut between them),
//! and the summary's decisions, action items, blockers and open questions
//! come back with the time in the recording they were said at.
//!
//! Speakers enter the engines under stand-in ids (`USPK0001`, …), never
//! under Slack ids: the notes are then the same whoever the speakers turn
//! out to be (the CLI and Slack give the same items), and a name said in a
//! turn ("Bo, can you …") is written as that stand-in so the engines see who
//! was asked. Matching to members happens after, in [`Notes::members`].

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::transcript::{clock, Turn};
use crate::summarize::{Entry, InputKind, Summarizer, SummaryInput};

/// Most words in one entry: a 2-hour monologue still splits into pieces
/// the LLM engine can spread over its chunks.
const ENTRY_MAX_WORDS: usize = 300;
/// The prefix of a speaker's stand-in id; a Slack id pattern, so that the
/// engines' mention rules apply to it.
const STAND_IN_PREFIX: &str = "USPK";

static STAND_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<@USPK(\d{4})>").expect("a valid regex"));

/// A speaker of the meeting, and the Slack member they are, when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub name: String,
    pub member: Option<String>,
}

/// One point of the notes. `text` may hold speakers' stand-ins (see
/// [`Notes::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// Index into [`Notes::speakers`].
    pub speaker: usize,
    pub text: String,
    pub due: Option<String>,
    /// Seconds into the recording.
    pub at_secs: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notes {
    pub speakers: Vec<Speaker>,
    /// Seconds from the first to the last timed turn.
    pub length_secs: u32,
    pub highlights: String,
    pub decisions: Vec<Point>,
    pub action_items: Vec<Point>,
    pub blockers: Vec<Point>,
    pub open_questions: Vec<Point>,
}

/// How a point is shown once speakers are resolved (plain names: the CLI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlainPoint {
    pub who: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// The notes with plain names, as `scrumbot summarize FILE.vtt` prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlainNotes {
    pub summary: String,
    pub speakers: Vec<String>,
    pub decisions: Vec<PlainPoint>,
    pub action_items: Vec<PlainPoint>,
    pub blockers: Vec<PlainPoint>,
    pub open_questions: Vec<PlainPoint>,
}

fn stand_in(i: usize) -> String {
    format!("{STAND_IN_PREFIX}{:04}", i + 1)
}

fn speaker_of(user: &str) -> Option<usize> {
    user.strip_prefix(STAND_IN_PREFIX)?
        .parse::<usize>()
        .ok()?
        .checked_sub(1)
}

/// Notes of `turns`, summarized by `summarizer` as of `today` (`YYYY-MM-DD`).
pub async fn make(summarizer: &Summarizer, turns: &[Turn], today: &str) -> Notes {
    let mut names: Vec<String> = Vec::new();
    for t in turns {
        if !names.contains(&t.speaker) {
            names.push(t.speaker.clone());
        }
    }
    let namer = Namer::new(&names);
    let mut entries = Vec::new();
    for t in turns {
        let Some(i) = names.iter().position(|n| *n == t.speaker) else {
            continue;
        };
        for piece in pieces(&namer.mark(&t.text)) {
            // The recording time rides in the entry's `ts`, which every
            // engine carries through to the items it finds (the counter
            // after the dot keeps it unique, as a Slack ts is).
            let ts = t
                .at_secs
                .map(|s| format!("{s}.{:06}", entries.len() % 1_000_000));
            entries.push(Entry {
                user: stand_in(i),
                ts,
                thread_ts: None,
                answers: vec![piece],
            });
        }
    }
    let input = SummaryInput {
        kind: InputKind::Thread,
        questions: Vec::new(),
        entries,
        today: today.to_string(),
    };
    let allowed: HashSet<String> = (0..names.len()).map(stand_in).collect();
    let outcome = summarizer.summarize_with_outcome(&input, &allowed).await;
    let s = outcome.summary;
    // The offline engine's highlights count messages and repeat the first
    // items, which the notes' own summary line says better; an LLM's are prose.
    let highlights = if outcome.engine == "llm" {
        s.highlights.clone()
    } else {
        String::new()
    };
    let point = |user: &str, text: &str, due: Option<&String>, ts: Option<&String>| {
        Some(Point {
            speaker: speaker_of(user)?,
            text: text.to_string(),
            due: due.cloned(),
            at_secs: ts.and_then(|t| t.split('.').next()?.parse().ok()),
        })
    };
    let times = turns.iter().filter_map(|t| t.at_secs);
    let length_secs = times.clone().max().unwrap_or(0) - times.min().unwrap_or(0);
    Notes {
        speakers: names
            .into_iter()
            .map(|name| Speaker { name, member: None })
            .collect(),
        length_secs,
        highlights,
        decisions: (s.decisions.iter())
            .filter_map(|i| point(&i.user, &i.text, None, i.source_ts.as_ref()))
            .collect(),
        action_items: (s.action_items.iter())
            .filter_map(|a| point(&a.owner, &a.text, a.due.as_ref(), a.source_ts.as_ref()))
            .collect(),
        blockers: (s.blockers.iter())
            .filter_map(|b| point(&b.user, &b.text, None, b.source_ts.as_ref()))
            .collect(),
        open_questions: (s.open_questions.iter())
            .filter_map(|i| point(&i.user, &i.text, None, i.source_ts.as_ref()))
            .collect(),
    }
}

/// A turn's text in pieces of at most [`ENTRY_MAX_WORDS`] words.
fn pieces(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .chunks(ENTRY_MAX_WORDS)
        .map(|c| c.join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Writes the speakers' names said in a turn as their stand-ins.
struct Namer {
    names: Vec<(Regex, String)>,
}

impl Namer {
    fn new(names: &[String]) -> Self {
        let firsts: Vec<&str> = names
            .iter()
            .filter_map(|n| n.split_whitespace().next())
            .collect();
        let mut patterns = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let first = name.split_whitespace().next().unwrap_or_default();
            let mut alternatives = vec![regex::escape(name)];
            // A first name alone stands for the speaker only when no other
            // speaker shares it.
            if first != name && firsts.iter().filter(|f| **f == first).count() == 1 {
                alternatives.push(regex::escape(first));
            }
            if name == super::transcript::UNKNOWN_SPEAKER || first.chars().count() < 2 {
                continue;
            }
            let re = format!(r"\b(?:{})\b", alternatives.join("|"));
            if let Ok(re) = Regex::new(&re) {
                patterns.push((re, format!("<@{}>", stand_in(i))));
            }
        }
        Namer { names: patterns }
    }

    fn mark(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (re, to) in &self.names {
            out = re.replace_all(&out, to.as_str()).into_owned();
        }
        out
    }
}

impl Notes {
    /// Records which member each speaker is (`None`: shown by name only).
    pub fn members(&mut self, members: Vec<Option<String>>) {
        for (s, m) in self.speakers.iter_mut().zip(members) {
            s.member = m;
        }
    }

    /// How speaker `i` is written: a mention when they are a member, else
    /// their name as plain text (never a mention).
    pub fn who(&self, i: usize, mention: bool) -> String {
        match self.speakers.get(i) {
            Some(Speaker {
                member: Some(id), ..
            }) if mention => format!("<@{id}>"),
            Some(s) => s.name.clone(),
            None => super::transcript::UNKNOWN_SPEAKER.to_string(),
        }
    }

    /// `text` with each stand-in written as [`Notes::who`] writes it.
    pub fn text(&self, text: &str, mention: bool) -> String {
        STAND_IN
            .replace_all(text, |c: &regex::Captures<'_>| {
                let i = c[1].parse::<usize>().unwrap_or(0).saturating_sub(1);
                self.who(i, mention)
            })
            .into_owned()
    }

    /// One line saying what the meeting was: who, how long, what came of it.
    pub fn summary(&self, mention: bool) -> String {
        use crate::digest::daily::plural;
        let mut line = format!(
            "{} over {}: {}, {}, {}, {}.",
            plural(self.speakers.len(), "speaker", "speakers"),
            clock(self.length_secs),
            plural(self.decisions.len(), "decision", "decisions"),
            plural(self.action_items.len(), "action item", "action items"),
            plural(self.blockers.len(), "blocker", "blockers"),
            plural(self.open_questions.len(), "open question", "open questions"),
        );
        if !self.highlights.is_empty() {
            line.push(' ');
            line.push_str(&self.text(&self.highlights, mention));
        }
        line
    }

    /// The notes with every person as a plain name.
    pub fn plain(&self) -> PlainNotes {
        let points = |list: &[Point]| -> Vec<PlainPoint> {
            list.iter()
                .map(|p| PlainPoint {
                    who: self.who(p.speaker, false),
                    text: self.text(&p.text, false),
                    due: p.due.clone(),
                    at: p.at_secs.map(clock),
                })
                .collect()
        };
        PlainNotes {
            summary: self.summary(false),
            speakers: self.speakers.iter().map(|s| s.name.clone()).collect(),
            decisions: points(&self.decisions),
            action_items: points(&self.action_items),
            blockers: points(&self.blockers),
            open_questions: points(&self.open_questions),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::transcript::parse;

    #[tokio::test]
    async fn decisions_and_action_items_carry_their_speaker_and_time() {
        let turns = parse(
            "WEBVTT\n\n00:00:05.000 --> 00:00:09.000\n<v Ana Lima>We decided to ship the beta on Friday.</v>\n\n\
             00:02:10.000 --> 00:02:15.000\n<v Bo Chen>I'll update the release notes by Thursday.</v>\n\n\
             00:03:00.000 --> 00:03:04.000\n<v Ana Lima>Bo, can you send the invite to the customers?</v>\n",
        );
        let notes = make(&Summarizer::Offline, &turns, "2026-11-30").await;
        let plain = notes.plain();
        assert_eq!(plain.decisions.len(), 1, "{plain:#?}");
        assert_eq!(plain.decisions[0].who, "Ana Lima");
        assert_eq!(plain.decisions[0].at.as_deref(), Some("0:05"));
        let owners: Vec<(&str, &str)> = plain
            .action_items
            .iter()
            .map(|a| (a.who.as_str(), a.at.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            owners,
            vec![("Bo Chen", "2:10"), ("Bo Chen", "3:00")],
            "{plain:#?}"
        );
        assert_eq!(plain.action_items[0].due.as_deref(), Some("2026-12-03"));
    }

    #[test]
    fn a_speaker_without_a_member_is_never_a_mention() {
        let mut notes = Notes {
            speakers: vec![
                Speaker {
                    name: "Ana".into(),
                    member: None,
                },
                Speaker {
                    name: "Bo".into(),
                    member: None,
                },
            ],
            ..Notes::default()
        };
        notes.members(vec![Some("U1".into()), None]);
        assert_eq!(
            notes.text("<@USPK0001> asks <@USPK0002>", true),
            "<@U1> asks Bo"
        );
        assert_eq!(
            notes.text("<@USPK0001> asks <@USPK0002>", false),
            "Ana asks Bo"
        );
    }
}
