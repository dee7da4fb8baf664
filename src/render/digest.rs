//! Block Kit for a digest or a thread summary: decisions, blockers, action
//! items with owners, open questions (and, for a digest, topics), every
//! line linked to the message it came from. Within Slack's limits whatever
//! the size of the day: at most 50 blocks, 3,000 chars per section, extra
//! lines merged into "…and N more".
//!
//! Item texts have been through `summarize::sanitize` (escaped already).

use super::summary::{pack, share, MAX_BLOCKS, MAX_HEADER_CHARS, MAX_SECTION_CHARS};
use super::text::{clip, link_target};
use super::{context, header, section, Message};
use crate::digest::sources::Sources;
use crate::summarize::Summary;

/// An item's text is cut here, before its link is added, so a link is never cut.
const ITEM_CHARS: usize = 600;

/// A line with its source's permalink; `None` when there is no link.
fn linked(src: &Sources, ts: &str, text: String) -> Option<String> {
    let url = link_target(&src.link(ts)?);
    Some(format!("{text} · <{}|source>", url.replace('&', "&amp;")))
}

/// The sections of a summary as (title, [(source ts, line)]); items that
/// cannot be linked are left out, so every line carries its permalink.
fn lines(s: &Summary, src: &Sources, topics: bool) -> Vec<(&'static str, Vec<(String, String)>)> {
    let cut = |t: &str| clip(t, ITEM_CHARS);
    let mut groups = vec![
        (
            "Decisions",
            s.decisions
                .iter()
                .filter_map(|d| {
                    let ts = src.resolve(&d.user, d.source_ts.as_deref())?;
                    Some((ts, format!("• {} — <@{}>", cut(&d.text), d.user)))
                })
                .collect::<Vec<_>>(),
        ),
        (
            "Blockers",
            s.blockers
                .iter()
                .filter_map(|b| {
                    let ts = src.resolve(&b.user, b.source_ts.as_deref())?;
                    let by = b
                        .blocked_by
                        .as_ref()
                        .map(|u| format!(" (blocked by <@{u}>)"))
                        .unwrap_or_default();
                    Some((ts, format!("• <@{}>{by}: {}", b.user, cut(&b.text))))
                })
                .collect(),
        ),
        (
            "Action items",
            s.action_items
                .iter()
                .filter_map(|a| {
                    let ts = src.resolve(&a.owner, a.source_ts.as_deref())?;
                    let due = a
                        .due
                        .as_ref()
                        .map(|d| format!(" (due {d})"))
                        .unwrap_or_default();
                    Some((ts, format!("• <@{}> — {}{due}", a.owner, cut(&a.text))))
                })
                .collect(),
        ),
        (
            "Open questions",
            s.open_questions
                .iter()
                .filter_map(|q| {
                    let ts = src.resolve(&q.user, q.source_ts.as_deref())?;
                    Some((ts, format!("• <@{}>: {}", q.user, cut(&q.text))))
                })
                .collect(),
        ),
    ];
    if topics {
        // A message already listed as a decision, blocker… is not repeated as a topic.
        let listed: std::collections::HashSet<String> = groups
            .iter()
            .flat_map(|(_, l)| l.iter().map(|(ts, _)| ts.clone()))
            .collect();
        groups.push((
            "Topics",
            s.topics
                .iter()
                .filter_map(|t| {
                    let ts = src.resolve(&t.user, t.source_ts.as_deref())?;
                    (!listed.contains(&ts)).then(|| (ts, format!("• {}", cut(&t.text))))
                })
                .collect(),
        ));
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
    let mut counts = Vec::new();
    let nonempty: Vec<&(&str, Vec<String>)> =
        groups.iter().filter(|(_, l)| !l.is_empty()).collect();
    if nonempty.is_empty() {
        blocks.push(section(
            "_No decisions, blockers, action items or open questions stood out._",
        ));
    }
    let needed: Vec<usize> = nonempty
        .iter()
        .map(|(t, l)| pack(t, l, usize::MAX).len())
        .collect();
    let budget = MAX_BLOCKS.saturating_sub(blocks.len() + reserve);
    for ((title, lines), n) in nonempty.iter().zip(share(&needed, budget)) {
        blocks.extend(pack(title, lines, n).iter().map(section));
        counts.push(format!("{}: {}", title.to_lowercase(), lines.len()));
    }
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
