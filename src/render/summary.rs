//! Block Kit for a summary: the full message in the standup's thread and the
//! short one in the channel. Both stay within Slack's limits whatever the
//! size of the team: more items than fit are merged into "…and N more".
//!
//! Item texts are expected to have been through `summarize::sanitize` (they
//! are already escaped); only the caller's title is escaped here.

use slack_morphism::prelude::SlackBlock;

pub use super::channel_post::channel_post;
use super::followup::ChannelExtras;
use super::text::{clip, escape};
use super::{people, section, Message};
use crate::summarize::{ActionItem, Blocker, Item, Summary};

/// Slack rejects a message with more blocks than this.
pub const MAX_BLOCKS: usize = 50;
/// Slack's limit for a section's text.
pub const MAX_SECTION_CHARS: usize = 3000;
/// Slack's limit for a header's plain text.
pub const MAX_HEADER_CHARS: usize = 150;
/// One person's done or planned items are cut here so that one busy person
/// cannot fill a whole section.
const PERSON_CHARS: usize = 1400;
/// Room kept at the end of a section for "…and N more".
const MORE_RESERVE: usize = 40;

/// What the channel message needs besides the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelContext {
    pub title: String,
    /// Permalink of the thread that holds the full summary.
    pub thread_link: Option<String>,
    pub answered: usize,
    pub expected: usize,
    /// User ids of those who did not answer.
    pub missing: Vec<String>,
}

/// The full summary for the standup's thread (or a thread summary): see
/// [`thread_message_linked`], without links to the answers.
pub fn thread_message(summary: &Summary, title: &str) -> Message {
    thread_message_linked(summary, title, None)
}

/// The full summary. A standup's (no topics, decisions or questions) is
/// one compact block per person ([`people`]), each item linked to its
/// answer in the thread at `thread_link`; its action items follow in their
/// own message, with buttons. A thread's or digest's is grouped by kind
/// after its highlights.
pub fn thread_message_linked(summary: &Summary, title: &str, thread_link: Option<&str>) -> Message {
    let mut blocks = vec![header(title)];
    let is_standup = summary.topics.is_empty()
        && summary.decisions.is_empty()
        && summary.open_questions.is_empty();
    if is_standup {
        blocks.extend(people::blocks(summary, thread_link));
    } else {
        if !summary.highlights.is_empty() {
            blocks.push(section(clip(&summary.highlights, MAX_SECTION_CHARS)));
        }
        let groups: Vec<(&str, Vec<String>)> = thread_groups(summary)
            .into_iter()
            .filter(|(_, l)| !l.is_empty())
            .collect();
        let budget = MAX_BLOCKS - blocks.len();
        blocks.extend(packed_sections(&groups, budget));
    }
    let fallback = format!(
        "{}: {}, {}",
        escape(title),
        count(summary.blockers.len(), "blocker", "blockers"),
        count(summary.action_items.len(), "action item", "action items")
    );
    Message {
        text: fallback,
        blocks,
    }
}

/// The thread message's groups, in order, as (title, lines).
fn thread_groups(summary: &Summary) -> Vec<(&'static str, Vec<String>)> {
    vec![
        (
            "Blockers",
            summary.blockers.iter().map(blocker_line).collect(),
        ),
        (
            "Action items",
            summary.action_items.iter().map(action_line).collect(),
        ),
        (
            "Decisions",
            summary
                .decisions
                .iter()
                .map(|d| format!("• {} — <@{}>", d.text, d.user))
                .collect(),
        ),
        (
            "Open questions",
            summary
                .open_questions
                .iter()
                .map(|q| format!("• <@{}>: {}", q.user, q.text))
                .collect(),
        ),
        (
            "Topics",
            summary
                .topics
                .iter()
                .map(|t| format!("• {}", t.text))
                .collect(),
        ),
        ("Done", per_person(&summary.done)),
        ("In progress", per_person(&summary.in_progress)),
        ("Planned", per_person(&summary.planned)),
    ]
}

/// The sections of non-empty groups within `budget` blocks: each group is
/// packed into sections and the budget shared among them ([`share`]).
pub(crate) fn packed_sections(groups: &[(&str, Vec<String>)], budget: usize) -> Vec<SlackBlock> {
    let needed: Vec<usize> = groups
        .iter()
        .map(|(t, l)| pack(t, l, usize::MAX).len())
        .collect();
    groups
        .iter()
        .zip(share(&needed, budget))
        .flat_map(|((title, lines), n)| pack(title, lines, n))
        .map(section)
        .collect()
}

/// The short channel message without the database's extras (open
/// blockers with their age, overdue items, mood): see [`channel_post`].
pub fn channel_message(summary: &Summary, ctx: &ChannelContext) -> Message {
    channel_post(summary, ctx, &ChannelExtras::default(), None)
}

fn header(title: &str) -> SlackBlock {
    let title = if title.trim().is_empty() {
        "Summary"
    } else {
        title.trim()
    };
    super::header(clip(title, MAX_HEADER_CHARS), true)
}

fn blocker_line(b: &Blocker) -> String {
    match &b.blocked_by {
        Some(by) => format!("• <@{}> is blocked by <@{}>: {}", b.user, by, b.text),
        None => format!("• <@{}>: {}", b.user, b.text),
    }
}

fn action_line(a: &ActionItem) -> String {
    match &a.due {
        Some(due) => format!("• <@{}> — {} (due {})", a.owner, a.text, due),
        None => format!("• <@{}> — {}", a.owner, a.text),
    }
}

/// One line per person, in order of first appearance, with their items.
fn per_person(items: &[Item]) -> Vec<String> {
    let mut people: Vec<(&str, Vec<&str>)> = Vec::new();
    for i in items {
        match people.iter_mut().find(|(u, _)| *u == i.user) {
            Some((_, texts)) => texts.push(&i.text),
            None => people.push((&i.user, vec![&i.text])),
        }
    }
    people
        .into_iter()
        .map(|(user, texts)| {
            let mut line = format!("<@{user}>");
            for (n, t) in texts.iter().enumerate() {
                let next = format!("\n• {t}");
                if line.chars().count() + next.chars().count() > PERSON_CHARS {
                    line.push_str(&format!("\n• …and {} more", texts.len() - n));
                    break;
                }
                line.push_str(&next);
            }
            line
        })
        .collect()
}

/// Packs a group's lines into at most `max_sections` section texts of at
/// most [`MAX_SECTION_CHARS`]; what does not fit becomes "…and N more".
pub(crate) fn pack(title: &str, lines: &[String], max_sections: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = format!("*{title}*");
    for (i, line) in lines.iter().enumerate() {
        let line = clip(line, MAX_SECTION_CHARS - MORE_RESERVE - title.len() - 4);
        let last_allowed = out.len() + 1 >= max_sections;
        let room = if last_allowed {
            MAX_SECTION_CHARS - MORE_RESERVE
        } else {
            MAX_SECTION_CHARS
        };
        if cur.chars().count() + 1 + line.chars().count() > room {
            if last_allowed {
                cur.push_str(&format!("\n_…and {} more_", lines.len() - i));
                break;
            }
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push('\n');
        }
        cur.push_str(&line);
    }
    out.push(cur);
    out
}

/// Shares `budget` blocks among groups needing `needed` blocks each: every
/// group gets one, then one more in turn, in order, until the budget is spent.
pub(crate) fn share(needed: &[usize], budget: usize) -> Vec<usize> {
    let mut got: Vec<usize> = needed.iter().map(|&n| n.min(1)).collect();
    let mut left = budget.saturating_sub(got.iter().sum());
    while left > 0 {
        let mut gave = false;
        for (g, n) in got.iter_mut().zip(needed) {
            if left > 0 && *g < *n {
                *g += 1;
                left -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    got
}

/// The first `max` entries joined, then "…and N more".
pub(crate) fn listed(items: &[String], max: usize, sep: &str) -> String {
    let mut out = items
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(sep);
    if items.len() > max {
        out.push_str(&format!("{sep}…and {} more", items.len() - max));
    }
    out
}

pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests;
