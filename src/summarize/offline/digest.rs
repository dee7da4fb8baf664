//! What only a conversation has: decisions, questions nobody answered, and
//! the topics that took the most words.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{clip, is_noise, mentions, plain, sentences, word_count};
use super::Message;
use crate::summarize::Item;

/// How many topics a digest lists: enough to orient, few enough to read.
const MAX_TOPICS: usize = 5;
/// A topic is the first sentence of a message, cut to this many chars.
const TOPIC_CHARS: usize = 140;
/// Messages shorter than this are replies, not topics.
const TOPIC_MIN_WORDS: usize = 8;

static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bwe(?:'ve|’ve|\s+have)?\s+decided\b | \bdecided\s+to\b | \bdecision\s*[:\-–—]
      | \bwe\s+(?:all\s+)?agreed\b | \bagreed\s+(?:to|on|that)\b | ^\s*agreed\b
      | \b(?:let's|let’s|lets|let\s+us)\s+go\s+with\b | \bwe(?:'re|’re|\s+are|'ll|’ll|\s+will)\s+go(?:ing)?\s+with\b
      | \bfinal\s+call\b | \bconsensus\s+is\b
        ",
    )
    .unwrap()
});

/// Sentences that record a decision ("we decided", "agreed", "let's go
/// with", "decision:"). Questions about a decision are not decisions.
pub(crate) fn decisions(messages: &[Message<'_>]) -> Vec<Item> {
    static PREFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*decision\s*[:\-–—]\s*").unwrap());
    let mut out: Vec<Item> = Vec::new();
    for m in messages {
        for s in sentences(&plain(&m.text)) {
            if s.ends_with('?') || word_count(&s) < 4 || !DECISION.is_match(&s) {
                continue;
            }
            let text = PREFIX.replace(&s, "").trim().to_string();
            if !out.iter().any(|o| o.text == text) {
                out.push(item(m, text));
            }
        }
    }
    out
}

/// Questions still open: a message whose last sentence ends in "?" and that
/// nobody answered after it. Kept simple on purpose: a later message from
/// the person the question names (or, when it names nobody, from anyone
/// else) counts as the answer.
pub(crate) fn open_questions(messages: &[Message<'_>]) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let Some(question) = sentences(&plain(&m.text)).pop() else {
            continue;
        };
        if !question.ends_with('?') || word_count(&question) < 3 || is_noise(&question) {
            continue;
        }
        let asked: Vec<String> = mentions(&question)
            .into_iter()
            .filter(|u| u != m.user)
            .collect();
        let answered = messages[i + 1..].iter().any(|later| {
            if asked.is_empty() {
                later.user != m.user
            } else {
                asked.iter().any(|a| a == later.user)
            }
        });
        if !answered {
            out.push(item(m, question));
        }
    }
    out
}

/// The topics of a conversation: the opening sentences of its longest
/// messages, listed in the order they were said.
pub(crate) fn topics(messages: &[Message<'_>]) -> Vec<Item> {
    let mut ranked: Vec<(usize, usize)> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| (i, word_count(&m.text)))
        .filter(|&(i, words)| words >= TOPIC_MIN_WORDS && !is_noise(&messages[i].text))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<(usize, Item)> = Vec::new();
    for (i, _) in ranked {
        let m = &messages[i];
        let Some(first) = sentences(&plain(&m.text)).into_iter().next() else {
            continue;
        };
        let text = clip(&first, TOPIC_CHARS);
        if !chosen.iter().any(|(_, o)| o.text == text) {
            chosen.push((i, item(m, text)));
        }
        if chosen.len() == MAX_TOPICS {
            break;
        }
    }
    chosen.sort_by_key(|(i, _)| *i);
    chosen.into_iter().map(|(_, it)| it).collect()
}

fn item(m: &Message<'_>, text: String) -> Item {
    Item {
        user: m.user.to_string(),
        text,
        source_ts: m.ts.map(str::to_string),
    }
}
