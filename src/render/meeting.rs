//! Meeting notes: the message posted in a transcript's thread, the text of
//! the file sent when they do not fit in one message, and the one-sentence
//! answers to files the bot cannot read.
//!
//! Item texts come through `summarize::sanitize` (escaped already); speaker
//! names come from the transcript and are escaped here.

use super::summary::{pack, packed_sections, MAX_BLOCKS, MAX_HEADER_CHARS, MAX_SECTION_CHARS};
use super::text::{clip, escape};
use super::{context, header, section, Message};
use crate::meetings::notes::{Notes, Point};
use crate::meetings::transcript::clock;

/// The callback id of the "Make meeting notes" message shortcut (manifest.yml).
pub const MEETING_NOTES_SHORTCUT: &str = "meeting_notes";

/// The groups of the notes, in the order they are read.
fn groups(n: &Notes, mention: bool) -> Vec<(&'static str, Vec<String>)> {
    let line = |p: &Point, owner_first: bool| {
        let who = name(n, p.speaker, mention);
        let text = n.text(&p.text, mention);
        let text = if mention { text } else { plain_names(&text) };
        let mut l = if owner_first {
            format!("• {who} — {text}")
        } else {
            format!("• {text} — {who}")
        };
        if let Some(due) = &p.due {
            l.push_str(&format!(" _(due {due})_"));
        }
        if let Some(at) = p.at_secs {
            l.push_str(&format!(" `{}`", clock(at)));
        }
        l
    };
    let list = |ps: &[Point], owner_first: bool| ps.iter().map(|p| line(p, owner_first)).collect();
    vec![
        ("Decisions", list(&n.decisions, false)),
        ("Action items", list(&n.action_items, true)),
        ("Blockers", list(&n.blockers, true)),
        ("Open questions", list(&n.open_questions, false)),
    ]
}

/// A speaker as shown: a member's mention, else the transcript's name as
/// plain text (escaped, and with no `@` that could read as a broadcast).
fn name(n: &Notes, speaker: usize, mention: bool) -> String {
    let who = n.who(speaker, mention);
    if who.starts_with("<@") {
        who
    } else {
        escape(&who).replace('@', "＠")
    }
}

/// Text for a file, which Slack shows as written (no escapes).
fn plain_names(text: &str) -> String {
    crate::summarize::sanitize::unescape(text)
}

fn title(file: &str) -> String {
    if file.is_empty() {
        "Meeting notes".to_string()
    } else {
        clip(&format!("Meeting notes — {file}"), MAX_HEADER_CHARS)
    }
}

/// The notes as one message. Speakers who are members are mentioned.
pub fn notes(n: &Notes, file: &str) -> Message {
    let mut blocks = vec![
        header(title(file), false),
        context(clip(&escape_names(n, &n.summary(true)), MAX_SECTION_CHARS)),
    ];
    let groups: Vec<(&str, Vec<String>)> = groups(n, true)
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
        .collect();
    if groups.is_empty() {
        blocks.push(section(
            "_No decisions, action items, blockers or open questions stood out._",
        ));
    }
    let budget = MAX_BLOCKS - blocks.len();
    blocks.extend(packed_sections(&groups, budget));
    let counts: Vec<String> = groups
        .iter()
        .map(|(t, l)| format!("{}: {}", t.to_lowercase(), l.len()))
        .collect();
    Message {
        text: clip(&format!("{}. {}", title(file), counts.join(", ")), 3000),
        blocks,
    }
}

/// The summary line with unmatched speakers' names escaped (highlights
/// from the engines are escaped already; the names came from the file).
fn escape_names(n: &Notes, line: &str) -> String {
    let mut out = line.to_string();
    for s in n.speakers.iter().filter(|s| s.member.is_none()) {
        out = out.replace(&s.name, &escape(&s.name).replace('@', "＠"));
    }
    out
}

/// Whether the whole of the notes fits in one message (else the message
/// says "…and N more" and the full notes go as a file).
pub fn fits(n: &Notes) -> bool {
    let needed: usize = groups(n, true)
        .iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(t, l)| pack(t, l, usize::MAX).len())
        .sum();
    needed + 2 <= MAX_BLOCKS
}

/// The full notes as plain text (Markdown), for the file.
pub fn notes_file(n: &Notes, file: &str) -> String {
    let mut out = format!("# {}\n\n{}\n", title(file), plain_names(&n.summary(false)));
    for (t, lines) in groups(n, false) {
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {t}\n"));
        for l in lines {
            out.push_str(&l.replace('`', ""));
            out.push('\n');
        }
    }
    out
}

/// The short message in the thread when the full notes went as a file.
pub fn sent_as_file(n: &Notes) -> String {
    format!(
        "The notes are too long for one message; the full notes are in the file I just shared. {}",
        escape_names(n, &n.summary(true))
    )
}

/// Why a shared file got no notes, in one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declined {
    TooLarge,
    NotATranscript,
    NoSpeech,
    Unreadable,
}

pub fn declined(why: Declined, file: &str) -> String {
    let file = escape(file);
    match why {
        Declined::TooLarge => format!(
            "I can't make notes from *{file}*: it is over {} MB, the most I read.",
            crate::meetings::MAX_FILE_BYTES / (1024 * 1024)
        ),
        Declined::NotATranscript => format!(
            "I can't make notes from *{file}*: I read meeting transcripts as .vtt, .srt or .txt files."
        ),
        Declined::NoSpeech => {
            format!("I can't make notes from *{file}*: I found no speech in it.")
        }
        Declined::Unreadable => format!(
            "I can't make notes from *{file}*: I could not download it (is the file still there, and am I allowed to read it?)."
        ),
    }
}
