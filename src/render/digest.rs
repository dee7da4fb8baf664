//! Block Kit for a digest or a thread summary: decisions, blockers, action
//! items with owners, open questions (and, for a digest, topics), every
//! line linked to the message it came from. Within Slack's limits whatever
//! the size of the day: at most 50 blocks, 3,000 chars per section, extra
//! lines merged into "…and N more".
//!
//! Item texts have been through `summarize::sanitize` (escaped already).

use std::collections::HashSet;

use super::summary::{packed_sections, MAX_BLOCKS, MAX_HEADER_CHARS, MAX_SECTION_CHARS};
use super::text::{clip, escape, link_target};
use super::{context, header, section, Message};
use crate::digest::sources::Sources;
use crate::summarize::Summary;

/// An item's text is cut here, before its link is added, so a link is never cut.
const ITEM_CHARS: usize = 600;

/// A line with its source's permalink; `None` when there is no link.
fn linked(src: &Sources, ts: &str, text: String) -> Option<String> {
    // `link_target` drops `<` and `>`, so escaping only turns `&` into `&amp;`.
    let url = escape(&link_target(&src.link(ts)?));
    Some(format!("{text} · <{url}|source>"))
}

/// A line per item, each with the source ts it links to; an item whose
/// source cannot be resolved is left out.
fn linkable<T>(
    items: &[T],
    src: &Sources,
    source: impl Fn(&T) -> (&str, Option<&str>),
    line: impl Fn(&T) -> String,
) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|i| {
            let (user, ts) = source(i);
            Some((src.resolve(user, ts)?, line(i)))
        })
        .collect()
}

/// The sections of a summary as (title, [(source ts, line)]); items that
/// cannot be linked are left out, so every line carries its permalink.
fn lines(s: &Summary, src: &Sources, topics: bool) -> Vec<(&'static str, Vec<(String, String)>)> {
    let cut = |t: &str| clip(t, ITEM_CHARS);
    let decisions = linkable(
        &s.decisions,
        src,
        |d| (&d.user, d.source_ts.as_deref()),
        |d| format!("• {} — <@{}>", cut(&d.text), d.user),
    );
    let blockers = linkable(
        &s.blockers,
        src,
        |b| (&b.user, b.source_ts.as_deref()),
        |b| {
            let by = b
                .blocked_by
                .as_ref()
                .map(|u| format!(" (blocked by <@{u}>)"))
                .unwrap_or_default();
            format!("• <@{}>{by}: {}", b.user, cut(&b.text))
        },
    );
    let actions = linkable(
        &s.action_items,
        src,
        |a| (&a.owner, a.source_ts.as_deref()),
        |a| {
            let due = a
                .due
                .as_ref()
                .map(|d| format!(" (due {d})"))
                .unwrap_or_default();
            format!("• <@{}> — {}{due}", a.owner, cut(&a.text))
        },
    );
    let questions = linkable(
        &s.open_questions,
        src,
        |q| (&q.user, q.source_ts.as_deref()),
        |q| format!("• <@{}>: {}", q.user, cut(&q.text)),
    );
    let mut groups = vec![
        ("Decisions", decisions),
        ("Blockers", blockers),
        ("Action items", actions),
        ("Open questions", questions),
    ];
    if topics {
        // A message already listed as a decision, blocker… is not repeated as a topic.
        let listed: HashSet<String> = groups
            .iter()
            .flat_map(|(_, l)| l.iter().map(|(ts, _)| ts.clone()))
            .collect();
        let mut topics = linkable(
            &s.topics,
            src,
            |t| (&t.user, t.source_ts.as_deref()),
            |t| format!("• {}", cut(&t.text)),
        );
        topics.retain(|(ts, _)| !listed.contains(ts));
        groups.push(("Topics", topics));
    }
    groups
}

/// The message: a header, a context line, highlights, then the sections.
/// `topics` is true for digests; `reserve` blocks are left free for the
/// caller (a button). Returns the fallback text and the blocks.
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
    if !s.highlights.trim().is_empty() {
        blocks.push(section(clip(&s.highlights, MAX_SECTION_CHARS)));
    }
    let groups: Vec<(&str, Vec<String>)> = lines(s, src, topics)
        .into_iter()
        .map(|(t, l)| {
            let linked = l
                .into_iter()
                .filter_map(|(ts, line)| linked(src, &ts, line))
                .collect::<Vec<_>>();
            (t, linked)
        })
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
