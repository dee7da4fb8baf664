//! The standup's short post in the channel, read on a phone between
//! meetings: a header, who answered (and the team mood), ONE list of
//! blockers — reported today and carried over, each with its age — the
//! action items and overdue items in brief, and the link to the thread last.
//! It stays within one phone screen (about 25 lines) whatever the team size.

use slack_morphism::prelude::SlackBlock;

use super::followup::{AgedBlocker, ChannelExtras};
use super::people::{blocker_reason, by_suffix, clause};
use super::summary::{count, listed, ChannelContext, MAX_HEADER_CHARS, MAX_SECTION_CHARS};
use super::text::{clip, escape, link_target};
use super::{context, header, section, Message};
use crate::summarize::{ActionItem, Summary};

/// Items of each list shown before "…and N more": five lines per list keep
/// the whole post under 25 lines.
const LIST: usize = 5;
/// People named as missing.
const MISSING: usize = 10;
/// An action item's text in the post.
const ACTION_CHARS: usize = 100;

/// The channel post. `extras` are the standup's open blockers (which
/// include today's, recorded at the close) and overdue items; `mood` is the
/// team's `(average, answers)`.
pub fn channel_post(
    summary: &Summary,
    ctx: &ChannelContext,
    extras: &ChannelExtras,
    mood: Option<(f64, usize)>,
) -> Message {
    let title = if ctx.title.trim().is_empty() {
        "Standup summary"
    } else {
        ctx.title.trim()
    };
    let mut blocks = vec![
        header(clip(title, MAX_HEADER_CHARS), true),
        context(participation(ctx, mood)),
    ];
    let blockers = blocker_lines(summary, &extras.blockers);
    blocks.push(section(if blockers.is_empty() {
        "*Blockers:* none :tada:".to_string()
    } else {
        format!(
            "*Blockers ({})*\n{}",
            blockers.len(),
            listed(&blockers, LIST, "\n")
        )
    }));
    blocks.extend(list_section(
        "Action items",
        summary.action_items.iter().map(action_line).collect(),
    ));
    blocks.extend(list_section(
        ":alarm_clock: Overdue",
        extras.overdue.clone(),
    ));
    if let Some(link) = &ctx.thread_link {
        blocks.push(context(format!(
            "<{}|Full summary in the thread →>",
            link_target(link)
        )));
    }
    let text = format!(
        "{}: {} of {} answered, {}, {}",
        escape(title),
        ctx.answered,
        ctx.expected,
        count(blockers.len(), "blocker", "blockers"),
        count(summary.action_items.len(), "action item", "action items")
    );
    Message { text, blocks }
}

/// "3 of 4 answered · not yet: @Dee · mood 3.5/5".
fn participation(ctx: &ChannelContext, mood: Option<(f64, usize)>) -> String {
    let mut line = format!("{} of {} answered", ctx.answered, ctx.expected);
    if !ctx.missing.is_empty() {
        let names: Vec<String> = ctx.missing.iter().map(|u| format!("<@{u}>")).collect();
        line.push_str(&format!(" · not yet: {}", listed(&names, MISSING, ", ")));
    }
    if let Some((avg, n)) = mood {
        line.push_str(&format!(" · team mood {avg:.1}/5 ({n} answers)"));
    }
    clip(&line, 2000)
}

/// One line per blocked person: the open blockers (long-standing first),
/// then today's that are not recorded among them (as when rendered without
/// a database). The store keeps one open blocker per person.
fn blocker_lines(summary: &Summary, open: &[AgedBlocker]) -> Vec<String> {
    let mut lines: Vec<String> = open.iter().map(aged_line).collect();
    for b in &summary.blockers {
        if !open.iter().any(|o| o.user == b.user) {
            lines.push(aged_line(&AgedBlocker {
                user: b.user.clone(),
                blocked_by: b.blocked_by.clone(),
                text: b.text.clone(),
                days: 0,
                long_standing: false,
            }));
        }
    }
    lines.dedup();
    lines
}

/// "• @Eli: Need the final designs (by @Fay) · _3 days_".
fn aged_line(b: &AgedBlocker) -> String {
    let by = b.blocked_by.as_deref();
    let reason = clause(&blocker_reason(&b.text, by));
    let age = match b.days {
        0 => "new".to_string(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    };
    let alarm = if b.long_standing {
        ":rotating_light: "
    } else {
        ""
    };
    format!(
        "• {alarm}<@{}>: {reason}{} · _{age}_",
        b.user,
        by_suffix(&reason, by)
    )
}

fn action_line(a: &ActionItem) -> String {
    let due = a
        .due
        .as_ref()
        .map(|d| format!(" _(due {d})_"))
        .unwrap_or_default();
    format!("• <@{}> — {}{due}", a.owner, clip(&a.text, ACTION_CHARS))
}

/// "*Title (n)*" and the first lines, or nothing when the list is empty.
fn list_section(title: &str, lines: Vec<String>) -> Option<SlackBlock> {
    (!lines.is_empty()).then(|| {
        section(clip(
            &format!(
                "*{title} ({})*\n{}",
                lines.len(),
                listed(&lines, LIST, "\n")
            ),
            MAX_SECTION_CHARS,
        ))
    })
}
