//! Meetings: notes from a transcript (who decided what, who does what by
//! when, what blocks and what is still open, each at its time in the
//! recording), with the speakers matched to Slack members. No Slack JSON and
//! no Block Kit here: the handlers fetch, `render::meeting` shows.

pub mod cli;
pub mod notes;
pub mod speakers;
pub mod stakeholder;
pub mod transcript;
pub mod update;

/// Largest transcript read (a 2-hour meeting is ~150 KB of WebVTT).
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// Whether a file name or Slack `filetype` is a transcript format scrumbot reads.
pub fn is_transcript_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".vtt", ".srt", ".txt"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Whether a file shared in a channel is worth looking at: a subtitle file,
/// or a text file that says it is a transcript. (Everything else shared in a
/// channel, a screenshot or a PDF, is none of the bot's business; in a DM or
/// through the shortcut any file is looked at, and declined if not one.)
pub fn looks_like_transcript(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".vtt")
        || lower.ends_with(".srt")
        || (lower.ends_with(".txt") && (lower.contains("transcript") || lower.contains("meeting")))
}
