//! The standup summary in the thread, one compact block per person:
//! done · doing · next · blocked, each item cut to the clause that matters
//! and linked to the full answer. Read on a phone, a person takes three or
//! four short lines instead of a name line plus pasted paragraphs.

use std::sync::LazyLock;

use regex::Regex;
use slack_morphism::prelude::SlackBlock;

use super::text::{capitalize, clip, linked, reply_link};
use super::{context, section};
use crate::summarize::{Item, Summary};

/// An item is cut to its main clause, then to this many characters.
pub const CLAUSE_CHARS: usize = 120;
/// Items of one state shown per person before "+N" (each is one clause).
const ITEMS_PER_STATE: usize = 6;
/// Person blocks before "…and N more people" (Slack allows 50 blocks; the
/// header and the legend take two).
const MAX_PEOPLE: usize = 47;

/// The four states of a person's work, in the order they are shown.
const STATES: [&str; 4] = [
    ":white_check_mark:",
    ":arrows_counterclockwise:",
    ":arrow_right:",
    ":no_entry:",
];

/// One person's items by state (done, in progress, planned, blocked).
struct Person<'a> {
    user: &'a str,
    states: [Vec<String>; 4],
}

/// The per-person blocks of a standup summary. `thread_link` is the
/// permalink of the standup's thread: each item then links to its answer.
pub fn blocks(summary: &Summary, thread_link: Option<&str>) -> Vec<SlackBlock> {
    let people = people(summary, thread_link);
    let mut blocks: Vec<SlackBlock> = people
        .iter()
        .take(MAX_PEOPLE)
        .map(|p| section(person_text(p)))
        .collect();
    let mut legend = format!(
        "{} done · {} in progress · {} next · {} blocked",
        STATES[0], STATES[1], STATES[2], STATES[3]
    );
    if thread_link.is_some() {
        legend.push_str(" — each item links to its answer");
    }
    if people.len() > MAX_PEOPLE {
        legend = format!("…and {} more people · {legend}", people.len() - MAX_PEOPLE);
    }
    if !people.is_empty() {
        blocks.push(context(legend));
    }
    blocks
}

/// People in order of first appearance, with each item as its linked clause.
fn people<'a>(summary: &'a Summary, thread_link: Option<&str>) -> Vec<Person<'a>> {
    let mut people: Vec<Person> = Vec::new();
    let mut add = |user: &'a str, state: usize, line: String| {
        let at = match people.iter().position(|p| p.user == user) {
            Some(at) => at,
            None => {
                people.push(Person {
                    user,
                    states: Default::default(),
                });
                people.len() - 1
            }
        };
        people[at].states[state].push(line);
    };
    let link = |ts: &Option<String>| {
        thread_link
            .zip(ts.as_deref())
            .and_then(|(l, ts)| reply_link(l, ts))
    };
    for (state, items) in [&summary.done, &summary.in_progress, &summary.planned]
        .into_iter()
        .enumerate()
    {
        for i in items.iter() {
            add(&i.user, state, item_line(i, link(&i.source_ts)));
        }
    }
    for b in &summary.blockers {
        let by = b.blocked_by.as_deref();
        let reason = clause(&blocker_reason(&b.text, by));
        let line = linked(&reason, link(&b.source_ts).as_deref()) + &by_suffix(&reason, by);
        add(&b.user, 3, line);
    }
    // In the order they answered (items without a source last).
    people.sort_by_cached_key(|p| first_ts(summary, p.user));
    people
}

/// The earliest source of a person's items, `"~"` (after any ts) if none.
fn first_ts(summary: &Summary, user: &str) -> String {
    let items = summary
        .done
        .iter()
        .chain(&summary.in_progress)
        .chain(&summary.planned)
        .filter(|i| i.user == user)
        .map(|i| i.source_ts.as_deref());
    let blockers = summary
        .blockers
        .iter()
        .filter(|b| b.user == user)
        .map(|b| b.source_ts.as_deref());
    items
        .chain(blockers)
        .flatten()
        .min()
        .unwrap_or("~")
        .to_string()
}

fn item_line(i: &Item, link: Option<String>) -> String {
    linked(&clause(&i.text), link.as_deref())
}

/// "*<@U1>* :white_check_mark: a · b" and one line per further state.
fn person_text(p: &Person) -> String {
    let lines: Vec<String> = p
        .states
        .iter()
        .zip(STATES)
        .filter(|(items, _)| !items.is_empty())
        .map(|(items, emoji)| {
            let mut line = items
                .iter()
                .take(ITEMS_PER_STATE)
                .cloned()
                .collect::<Vec<_>>()
                .join(" · ");
            if items.len() > ITEMS_PER_STATE {
                line.push_str(&format!(" · _+{}_", items.len() - ITEMS_PER_STATE));
            }
            format!("{emoji} {line}")
        })
        .collect();
    format!("*<@{}>* {}", p.user, lines.join("\n"))
}

/// The clause that matters in an answer: its sentences without the filler
/// ("So yesterday was mostly meetings honestly."), without a leading
/// "so"/"also", cut to [`CLAUSE_CHARS`] (the link leads to the whole answer).
pub fn clause(text: &str) -> String {
    static FILLER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:morning|hi|hello|hey|sorry|honestly|ok|okay)\b[^a-z0-9]*$|mostly (?:meetings|the pager)|\bnot much\b|^sorry\b|^(?:good )?morning\b")
            .unwrap()
    });
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:so|also|and|then|well|yesterday|today)\b[,:]?\s+").unwrap()
    });
    let sentences: Vec<&str> = split_sentences(text);
    let kept: Vec<&str> = sentences
        .iter()
        .filter(|s| !FILLER.is_match(s))
        .copied()
        .collect();
    let main = match (kept.is_empty(), sentences.first()) {
        (false, _) => kept.join(" "),
        (true, Some(first)) => first.to_string(),
        (true, None) => text.to_string(),
    };
    let mut main = main.trim().trim_end_matches(['.', ';']).to_string();
    let mut cut = false;
    while let Some(m) = LEAD.find(&main) {
        if m.end() >= main.len() {
            break;
        }
        main = main[m.end()..].to_string();
        cut = true;
    }
    // A clause taken from inside the answer starts a sentence of its own;
    // a whole item keeps the member's own words as written.
    if cut {
        main = capitalize(&main);
    }
    clip(&main, CLAUSE_CHARS)
}

/// Sentences (and `;`-separated clauses), never splitting a `<…>` link or
/// mention, nor a number like "1.5".
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut depth) = (0, 0usize);
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            '.' | ';' | '!' | '?' | '\n'
                if depth == 0 && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) =>
            {
                let s = text[start..=i].trim();
                if s.chars().any(char::is_alphanumeric) {
                    out.push(s);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    let rest = text[start..].trim();
    if rest.chars().any(char::is_alphanumeric) {
        out.push(rest);
    }
    out
}

/// A blocker's reason without the "Blocked by @Fay —" it may start with,
/// when the structured "blocked by" names Fay: who blocks is said once,
/// by [`by_suffix`].
pub fn blocker_reason(text: &str, by: Option<&str>) -> String {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:i\s*'?m\s+|i\s+am\s+)?blocked\s+(?:by|on)\s+<@([A-Z0-9]+)(?:\|[^>]*)?>\s*[:,—–-]*\s*")
            .unwrap()
    });
    let Some(by) = by else {
        return text.to_string();
    };
    match LEAD.captures(text) {
        Some(c) if &c[1] == by && c[0].len() < text.len() => capitalize(&text[c[0].len()..]),
        _ => text.to_string(),
    }
}

/// " (by @Fay)" after a reason, unless the reason names Fay itself
/// ("waiting on @Fay for the keys").
pub fn by_suffix(reason: &str, by: Option<&str>) -> String {
    match by {
        Some(by) if !reason.contains(&format!("<@{by}")) => format!(" (by <@{by}>)"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clause_that_matters_is_kept_and_filler_dropped() {
        assert_eq!(
            clause("So yesterday was mostly meetings honestly. Then I fixed the flaky login test, which took ages."),
            "I fixed the flaky login test, which took ages"
        );
        assert_eq!(
            clause("Morning! Shipped <https://x/1|PR 1>. Also docs."),
            "Shipped <https://x/1|PR 1>. Also docs"
        );
        assert_eq!(clause("v1.5 released"), "v1.5 released");
        assert!(clause(&"word ".repeat(100)).chars().count() <= CLAUSE_CHARS);
    }

    #[test]
    fn the_blocked_by_phrase_is_said_once() {
        let r = blocker_reason("Blocked by <@U2> — need the final designs", Some("U2"));
        assert_eq!(r, "Need the final designs");
        assert_eq!(by_suffix(&r, Some("U2")), " (by <@U2>)");
        let r = blocker_reason("waiting on <@U2> for DB access", Some("U2"));
        assert_eq!(r, "waiting on <@U2> for DB access");
        assert_eq!(by_suffix(&r, Some("U2")), "");
        assert_eq!(blocker_reason("no designs", None), "no designs");
    }
}
