//! The weekly stakeholder update: a few short sections, each line linked to
//! the message it came from. Texts come from sanitized summaries (escaped
//! already).

use super::text::clip;
use super::{context, header, section, Message};
use crate::meetings::update::{Line, Source, Update};

/// Longest line shown: an update is read at a glance.
const LINE_CHARS: usize = 200;

fn line(l: &Line) -> String {
    format!("• {}", body(l))
}

/// A line without its bullet: who, what, and the link to where it was said.
fn body(l: &Line) -> String {
    let mut out = String::new();
    if let Some(who) = &l.who {
        out.push_str(&format!("<@{who}> "));
    }
    out.push_str(&clip(&l.text, LINE_CHARS));
    if let Source::Link(url) = &l.source {
        out.push_str(&format!(" <{}|source>", super::text::link_target(url)));
    }
    out
}

/// The update as one message.
pub fn update(u: &Update) -> Message {
    let mut blocks = vec![
        header("Weekly update", false),
        context(format!(
            "<#{}> · {} to {} · {} standups",
            u.channel, u.from, u.to, u.runs
        )),
    ];
    let progress: Vec<String> = u
        .progress
        .iter()
        .map(|(theme, lines)| {
            let items: Vec<String> = lines.iter().map(body).collect();
            format!("• *{theme}*: {}", items.join("; "))
        })
        .collect();
    let sections: [(&str, Vec<String>); 4] = [
        (":white_check_mark: Progress", progress),
        (":warning: Risks", u.risks.iter().map(line).collect()),
        (":scales: Decisions", u.decisions.iter().map(line).collect()),
        (":arrow_forward: Next", u.next.iter().map(line).collect()),
    ];
    let mut empty = true;
    for (title, lines) in sections.iter().filter(|(_, l)| !l.is_empty()) {
        empty = false;
        blocks.push(section(clip(
            &format!("*{title}*\n{}", lines.join("\n")),
            super::summary::MAX_SECTION_CHARS,
        )));
    }
    if empty {
        blocks.push(section(
            "_A quiet week: no stored summaries, risks or plans._",
        ));
    }
    Message {
        text: format!(
            "Weekly update for <#{}>: {} progress themes, {} risks",
            u.channel,
            u.progress.len(),
            u.risks.len()
        ),
        blocks,
    }
}
