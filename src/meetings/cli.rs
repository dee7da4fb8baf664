//! `scrumbot summarize FILE.vtt` (or `.srt`, `.txt`): the notes of a
//! transcript without Slack, made exactly as the bot makes them when the
//! file is shared with it (speakers keep the transcript's names).

use std::path::Path;

use anyhow::Context as _;

use super::{notes, transcript};
use crate::summarize::Summarizer;

/// Whether `summarize` should read `path` as a transcript.
pub fn is_transcript_path(path: &Path) -> bool {
    super::is_transcript_name(&path.to_string_lossy())
}

/// Prints the notes of the transcript at `path` as JSON, or (`slack`) as
/// the Slack message the bot would post.
pub async fn run(
    path: &Path,
    slack: bool,
    today: Option<jiff::civil::Date>,
    summarizer: Summarizer,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let turns = transcript::parse(&String::from_utf8_lossy(&bytes));
    if turns.is_empty() {
        anyhow::bail!("{} holds no speech I can read", path.display());
    }
    let today = today.unwrap_or_else(|| jiff::Zoned::now().date());
    let notes = notes::make(&summarizer, &turns, &today.to_string()).await;
    let out = if slack {
        let m = crate::render::meeting::notes(&notes, &file_name(path));
        serde_json::to_string_pretty(&serde_json::json!({"text": m.text, "blocks": m.blocks}))?
    } else {
        serde_json::to_string_pretty(&notes.plain())?
    };
    println!("{out}");
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
