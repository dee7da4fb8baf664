//! Block Kit for a digest or a thread summary: decisions, blockers, action
//! items with owners, open questions (and, for a digest, topics), every
//! line linked to the message it came from. Within Slack's limits whatever
//! the size of the day: at most 50 blocks, 3,000 chars per section, extra
//! lines merged into "…and N more".
//!
//! Item texts have been through `summarize::sanitize` (escaped already).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::people::{blocker_reason, by_suffix};
use super::summary::{packed_sections, MAX_BLOCKS, MAX_HEADER_CHARS, MAX_SECTION_CHARS};
use super::text::{clip, linked};
use super::{context, header, section, Message};
use crate::digest::sources::Sources;
use crate::summarize::{Item, Summary};

/// An item's text is cut here, before its link is added, so a link is never cut.
const ITEM_CHARS: usize = 600;

/// Items of one kind as (source ts, line), each line's text linked to the
/// message it comes from; an item whose source cannot be linked is left
/// out (nothing is posted that a reader cannot check).
fn linkable<T>(
    items: &[T],
    src: &Sources,
    source: impl Fn(&T) -> (&str, Option<&str>),
    line: impl Fn(&T, &str) -> String,
) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|i| {
            let (user, ts) = source(i);
            let ts = src.resolve(user, ts)?;
            let url = src.link(&ts)?;
            let line = line(i, &url);
            Some((ts, line))
        })
        .collect()
}

/// A decision as what was decided: a proposal that was agreed to ("Should
/// we cap the free plan at 50 projects?") is stated ("Cap the free plan at
/// 50 projects").
fn decided(text: &str) -> String {
    static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:so\s*,?\s*)?(?:should|shall|can|could)\s+we\s+(\w)(.*?)\s*\?*\s*$")
            .unwrap()
    });
    match PROPOSAL.captures(text) {
        Some(c) if !text.to_lowercase().contains("we not") => {
            format!("{}{}", c[1].to_uppercase(), &c[2])
        }
        _ => text.to_string(),
    }
}

/// A greeting or thanks ("Morning all!", "thanks!") is never a topic.
fn is_pleasantry(text: &str) -> bool {
    static PLEASANTRY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:good\s+)?(?:morning|afternoon|evening|hi|hello|hey|hiya|thanks|thank\s+you|thx|ty|cheers|welcome(?:\s+back)?|bye|see\s+you|have\s+a\s+(?:nice|good|great)\s+\w+)\b[\s\w,!.:()\-]{0,25}$")
            .unwrap()
    });
    static MENTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[@!#][^>]*>").unwrap());
    PLEASANTRY.is_match(MENTION.replace_all(text, "").trim())
}

fn lines(s: &Summary, src: &Sources, topics: bool) -> Vec<(&'static str, Vec<(String, String)>)> {
    let cut = |t: &str, url: &str| linked(&clip(t, ITEM_CHARS), Some(url));
    let decisions = linkable(
        &s.decisions,
        src,
        |d| (&d.user, d.source_ts.as_deref()),
        |d, url| format!("• {} — <@{}>", cut(&decided(&d.text), url), d.user),
    );
    let blockers = linkable(
        &s.blockers,
        src,
        |b| (&b.user, b.source_ts.as_deref()),
        |b, url| {
            let by = b.blocked_by.as_deref();
            let reason = blocker_reason(&b.text, by);
            format!(
                "• <@{}>: {}{}",
                b.user,
                cut(&reason, url),
                by_suffix(&reason, by)
            )
        },
    );
    let actions = linkable(
        &s.action_items,
        src,
        |a| (&a.owner, a.source_ts.as_deref()),
        |a, url| {
            let due = a
                .due
                .as_ref()
                .map(|d| format!(" (due {d})"))
                .unwrap_or_default();
            format!("• <@{}> — {}{due}", a.owner, cut(&a.text, url))
        },
    );
    let questions = linkable(
        &s.open_questions,
        src,
        |q| (&q.user, q.source_ts.as_deref()),
        |q, url| format!("• <@{}>: {}", q.user, cut(&q.text, url)),
    );
    let mut groups = vec![
        ("Decisions", decisions),
        ("Blockers", blockers),
        ("Action items", actions),
        ("Open questions", questions),
    ];
    if topics {
        let listed: HashSet<String> = groups
            .iter()
            .flat_map(|(_, l)| l.iter().map(|(ts, _)| ts.clone()))
            .collect();
        let kept: Vec<Item> = s
            .topics
            .iter()
            .filter(|t| !is_pleasantry(&t.text))
            .cloned()
            .collect();
        let mut topics = linkable(
            &kept,
            src,
            |t| (&t.user, t.source_ts.as_deref()),
            |t, url| format!("• {}", cut(&t.text, url)),
        );
        topics.retain(|(ts, _)| !listed.contains(ts));
        groups.push(("Topics", topics));
    }
    groups
}

/// The highlights without their opening "15 messages from 4 people.": the
/// context line above already counts the messages (all of them), and two
/// different counts would contradict each other.
fn highlights_without_count(highlights: &str) -> &str {
    static COUNT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*\d+ messages? from \d+ (?:person|people)\.\s*").unwrap());
    match COUNT.find(highlights) {
        Some(m) => &highlights[m.end()..],
        None => highlights,
    }
}

pub fn message(
    s: &Summary,
    src: &Sources,
    title: &str,
    about: &str,
    topics: bool,
    reserve: usize,
) -> Message {
    let mut blocks = vec![
        header(clip(title, MAX_HEADER_CHARS), true),
        context(clip(about, 2000)),
    ];
    let highlights = highlights_without_count(&s.highlights);
    if !highlights.trim().is_empty() {
        blocks.push(section(clip(highlights, MAX_SECTION_CHARS)));
    }
    let groups: Vec<(&str, Vec<String>)> = lines(s, src, topics)
        .into_iter()
        .map(|(t, l)| (t, l.into_iter().map(|(_, line)| line).collect()))
        .collect();
    let nonempty: Vec<(&str, Vec<String>)> =
        groups.into_iter().filter(|(_, l)| !l.is_empty()).collect();
    if nonempty.is_empty() {
        blocks.push(section(
            "_No decisions, blockers, action items or open questions stood out._",
        ));
    }
    let budget = MAX_BLOCKS.saturating_sub(blocks.len() + reserve);
    blocks.extend(packed_sections(&nonempty, budget));
    let counts: Vec<String> = nonempty
        .iter()
        .map(|(title, lines)| format!("{}: {}", title.to_lowercase(), lines.len()))
        .collect();
    let fallback = if counts.is_empty() {
        title.to_string()
    } else {
        format!("{title}: {}", counts.join(", "))
    };
    Message {
        text: clip(&fallback, 3000),
        blocks,
    }
}

#[cfg(test)]
mod tests;
