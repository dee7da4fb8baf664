//! The tickets an answer mentioned, with their title and status, as a
//! section added to the summary in the thread; and the flag on a blocker
//! whose ticket is already done ("ticket done — still blocked?").
//!
//! Kept apart from `render::summary` so the summary's own layout can change
//! without touching this.

use slack_morphism::prelude::SlackBlock;

use super::summary::{MAX_BLOCKS, MAX_SECTION_CHARS};
use super::text::{clip, escape, link_target};
use super::{section, Message};
use crate::summarize::Blocker;

/// One ticket as a tracker reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketView {
    /// The reference as written in the answer: `ENG-12`, `acme/web#3`, a
    /// Trello short link or an Asana task gid.
    pub reference: String,
    pub url: Option<String>,
    pub title: String,
    /// The tracker's word for it: "In Progress", "closed", the Trello list…
    pub status: String,
    /// The tracker says the work is finished (done, closed, completed).
    pub done: bool,
}

/// Tickets listed before "…and N more": the section must stay short.
const MAX_LISTED: usize = 15;
/// A ticket's title is cut here.
const TITLE_CHARS: usize = 120;

/// The "Tickets" section for the thread summary, or nothing when no
/// status could be fetched (a down tracker leaves the summary as it was).
/// `blockers` are the summary's; each whose text names a done ticket is
/// flagged under the list.
pub fn section_for(tickets: &[TicketView], blockers: &[Blocker]) -> Option<SlackBlock> {
    if tickets.is_empty() {
        return None;
    }
    let mut lines = vec!["*Tickets*".to_string()];
    lines.extend(tickets.iter().take(MAX_LISTED).map(ticket_line));
    if tickets.len() > MAX_LISTED {
        lines.push(format!("…and {} more", tickets.len() - MAX_LISTED));
    }
    for b in blockers {
        if let Some(t) = tickets
            .iter()
            .find(|t| t.done && b.text.contains(&t.reference))
        {
            lines.push(format!(
                ":warning: <@{}> is blocked on {}: ticket done — still blocked?",
                b.user,
                label(t)
            ));
        }
    }
    Some(section(clip(&lines.join("\n"), MAX_SECTION_CHARS)))
}

/// Adds the "Tickets" section ([`section_for`]) under a thread summary,
/// when there is one and the message has room for it.
pub fn add_to(summary: &mut Message, tickets: &[TicketView], blockers: &[Blocker]) {
    if summary.blocks.len() >= MAX_BLOCKS {
        return;
    }
    if let Some(block) = section_for(tickets, blockers) {
        summary.blocks.push(block);
    }
}

fn ticket_line(t: &TicketView) -> String {
    let mark = if t.done { ":white_check_mark: " } else { "" };
    let status = match (t.status.trim(), t.done) {
        ("", true) => format!(" — {mark}_done_"),
        ("", false) => String::new(),
        (status, _) => format!(" — {mark}_{}_", escape(status)),
    };
    format!(
        "• {} {}{status}",
        label(t),
        clip(&escape(&t.title), TITLE_CHARS)
    )
}

/// The reference, linked to the ticket when its page is known.
fn label(t: &TicketView) -> String {
    match &t.url {
        Some(url) => format!("<{}|{}>", link_target(url), escape(&t.reference)),
        None => escape(&t.reference),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(reference: &str, status: &str, done: bool) -> TicketView {
        TicketView {
            reference: reference.into(),
            url: Some(format!("https://linear.app/acme/issue/{reference}")),
            title: "Login <fails>".into(),
            status: status.into(),
            done,
        }
    }

    fn text(block: SlackBlock) -> String {
        serde_json::to_value(block).unwrap()["text"]["text"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn no_status_means_no_section() {
        assert!(section_for(&[], &[]).is_none());
    }

    #[test]
    fn each_ticket_shows_its_title_and_status_and_a_done_blocker_is_flagged() {
        let blockers = vec![Blocker {
            user: "U2".into(),
            text: "waiting on ENG-7 to deploy".into(),
            blocked_by: None,
            source_ts: None,
        }];
        let out = text(
            section_for(
                &[
                    ticket("ENG-7", "Done", true),
                    ticket("ENG-8", "In Progress", false),
                ],
                &blockers,
            )
            .unwrap(),
        );
        assert!(
            out.contains("<https://linear.app/acme/issue/ENG-7|ENG-7> Login &lt;fails&gt;"),
            "{out}"
        );
        assert!(out.contains("_In Progress_"), "{out}");
        assert!(out.contains("<@U2> is blocked on <https://linear.app/acme/issue/ENG-7|ENG-7>: ticket done — still blocked?"), "{out}");
        assert!(
            !out.contains("blocked on <https://linear.app/acme/issue/ENG-8"),
            "{out}"
        );
    }

    #[test]
    fn a_ticket_without_a_status_word_shows_none() {
        let out = text(section_for(&[ticket("ENG-9", " ", false)], &[]).unwrap());
        assert!(out.ends_with("ENG-9> Login &lt;fails&gt;"), "{out}");
    }
}
