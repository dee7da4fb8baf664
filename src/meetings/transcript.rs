//! Reading a meeting transcript: WebVTT (Zoom and Teams put the speaker in
//! a `<v Speaker>` voice tag, Zoom and Google Meet also as `Speaker: text`),
//! SRT, or plain `Speaker: text` lines. Pure and total: any input gives a
//! (possibly empty) transcript, never a panic.

use std::sync::LazyLock;

use regex::Regex;

/// Longest speaker name taken from a `Name: text` line; anything longer is
/// a sentence with a colon in it, not a name.
const MAX_NAME_CHARS: usize = 40;
/// Most words in a speaker name ("Dr. Ana María López Ortega").
const MAX_NAME_WORDS: usize = 5;
/// The name given to text nobody is credited with.
pub const UNKNOWN_SPEAKER: &str = "Unknown speaker";

/// One stretch of speech by one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: String,
    /// Seconds from the start of the recording, when the file says.
    pub at_secs: Option<u32>,
    pub text: String,
}

/// `HH:MM:SS.mmm`, `MM:SS.mmm` (WebVTT) or `HH:MM:SS,mmm` (SRT).
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,]\d{1,3})?").expect("a valid regex")
});
/// `<v Name>` or `<v.loud Name>` at the start of a cue line.
static VOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<v(?:\.[^\s>]*)?\s+([^>]*)>").expect("a valid regex"));
/// Any other WebVTT tag (`</v>`, `<i>`, `<00:00:01.000>`).
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("a valid regex"));
/// A plain line's leading time: `[00:01:02]`, `(1:02)`, `00:01:02 -`.
static LEADING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[\[(]?((?:\d{1,3}:)?\d{1,2}:\d{1,2})(?:[.,]\d{1,3})?[\])]?\s*[-–—]?\s*")
        .expect("a valid regex")
});

/// The turns of a transcript, consecutive cues of one speaker merged.
pub fn parse(raw: &str) -> Vec<Turn> {
    let text = raw.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let text = text.replace('\r', "\n");
    let cues = if text.lines().any(|l| l.contains("-->")) {
        cues(&text)
    } else {
        plain_lines(&text)
    };
    merge(cues)
}

/// WebVTT and SRT: blocks separated by blank lines, each with a timing line.
fn cues(text: &str) -> Vec<Turn> {
    let mut out = Vec::new();
    let mut last_speaker: Option<String> = None;
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().collect();
        let Some(timing) = lines.iter().position(|l| l.contains("-->")) else {
            continue; // WEBVTT header, NOTE, STYLE, REGION
        };
        let at_secs = seconds(lines[timing]);
        for line in &lines[timing + 1..] {
            let (speaker, said) = speaker_of(line);
            let said = said.trim();
            if said.is_empty() {
                continue;
            }
            let speaker = speaker.or_else(|| last_speaker.clone());
            last_speaker.clone_from(&speaker);
            out.push(Turn {
                speaker: speaker.unwrap_or_else(|| UNKNOWN_SPEAKER.to_string()),
                at_secs,
                text: said.to_string(),
            });
        }
    }
    out
}

/// Plain `Speaker: text` lines, with an optional leading time; a line with
/// no speaker continues the previous one.
fn plain_lines(text: &str) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    for line in text.lines() {
        let (at_secs, rest) = match LEADING_TIME.captures(line) {
            Some(c) => (seconds(&c[1]), &line[c.get(0).map_or(0, |m| m.end())..]),
            None => (None, line),
        };
        let (speaker, said) = speaker_of(rest);
        let said = said.trim();
        if said.is_empty() {
            continue;
        }
        match (speaker, out.last_mut()) {
            (None, Some(prev)) => {
                prev.text.push(' ');
                prev.text.push_str(said);
            }
            (speaker, _) => out.push(Turn {
                speaker: speaker.unwrap_or_else(|| UNKNOWN_SPEAKER.to_string()),
                at_secs,
                text: said.to_string(),
            }),
        }
    }
    out
}

/// The speaker a cue line names (voice tag or `Name:`), and the words said.
fn speaker_of(line: &str) -> (Option<String>, String) {
    if let Some(c) = VOICE.captures(line) {
        let name = clean_name(&c[1]);
        let rest = &line[c.get(0).map_or(0, |m| m.end())..];
        return (name, TAG.replace_all(rest, "").into_owned());
    }
    let line = TAG.replace_all(line, "").into_owned();
    if let Some((name, rest)) = line.split_once(':') {
        if let Some(name) = clean_name(name).filter(|n| looks_like_name(n)) {
            return (Some(name), rest.to_string());
        }
    }
    (None, line)
}

fn clean_name(name: &str) -> Option<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some(name)
}

/// A `Name:` prefix rather than "Note: …" or "We agreed on one thing: …".
fn looks_like_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    name.chars().count() <= MAX_NAME_CHARS
        && words.len() <= MAX_NAME_WORDS
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '(')
        })
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || "!?;,\"".contains(c))
}

/// The start of a timing line or a bare time, in whole seconds.
fn seconds(s: &str) -> Option<u32> {
    let c = TIME.captures(s)?;
    let n = |i: usize| {
        c.get(i)
            .and_then(|m| m.as_str().parse::<u32>().ok())
            .unwrap_or(0)
    };
    Some(n(1) * 3600 + n(2) * 60 + n(3))
}

/// A sentence cut over consecutive cues of one speaker becomes one turn,
/// timed at its start; a cue that ends a sentence keeps its own time, so
/// that each point of the notes points at the moment it was said.
fn merge(cues: Vec<Turn>) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    for cue in cues {
        match out.last_mut() {
            Some(prev)
                if prev.speaker == cue.speaker
                    && !prev.text.trim_end().ends_with(['.', '!', '?', '…']) =>
            {
                prev.text.push(' ');
                prev.text.push_str(&cue.text);
            }
            _ => out.push(cue),
        }
    }
    out
}

/// `m:ss` or `h:mm:ss`, as a recording's player shows it.
pub fn clock(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(turns: &[Turn]) -> Vec<(String, Option<u32>, String)> {
        turns
            .iter()
            .map(|t| (t.speaker.clone(), t.at_secs, t.text.clone()))
            .collect()
    }

    #[test]
    fn teams_voice_tags_give_speakers_and_times() {
        let vtt = "WEBVTT\n\nNOTE made by Teams\n\n00:00:01.000 --> 00:00:04.000\n<v Ana Lima>Hello all and</v>\n\n00:01:05.500 --> 00:01:09.000\n<v Ana Lima>Second line.</v>\n\n01:00:00.000 --> 01:00:02.000\n<v.loud Bo Chen>I'll ship it.</v>\n";
        assert_eq!(
            said(&parse(vtt)),
            vec![
                (
                    "Ana Lima".into(),
                    Some(1),
                    "Hello all and Second line.".into()
                ),
                ("Bo Chen".into(), Some(3600), "I'll ship it.".into()),
            ]
        );
    }

    #[test]
    fn zoom_and_meet_cues_name_the_speaker_before_a_colon() {
        let vtt = "WEBVTT\r\n\r\n1\r\n00:00:02.000 --> 00:00:05.000\r\nAna Lima: We decided to ship Friday.\r\n\r\n2\r\n00:00:06.000 --> 00:00:08.000\r\nBo: Note: not me.\r\n";
        assert_eq!(
            said(&parse(vtt)),
            vec![
                (
                    "Ana Lima".into(),
                    Some(2),
                    "We decided to ship Friday.".into()
                ),
                ("Bo".into(), Some(6), "Note: not me.".into()),
            ]
        );
    }

    #[test]
    fn srt_reads_like_webvtt() {
        let srt = "1\n00:00:10,000 --> 00:00:12,000\nAna: Hi\n\n2\n00:00:13,000 --> 00:00:15,000\nstill Ana here\n";
        assert_eq!(
            said(&parse(srt)),
            vec![("Ana".into(), Some(10), "Hi still Ana here".into())]
        );
    }

    #[test]
    fn plain_lines_take_a_leading_time_and_continue_the_speaker() {
        let txt = "[00:01:02] Ana: first\nmore of it\nBo Chen: second\nwe agreed on this: fine\n";
        assert_eq!(
            said(&parse(txt)),
            vec![
                ("Ana".into(), Some(62), "first more of it".into()),
                (
                    "Bo Chen".into(),
                    None,
                    "second we agreed on this: fine".into()
                ),
            ]
        );
    }

    #[test]
    fn clock_shows_hours_only_when_needed() {
        assert_eq!(clock(62), "1:02");
        assert_eq!(clock(3725), "1:02:05");
    }

    proptest::proptest! {
        /// Whatever is uploaded, reading it never panics, and every turn
        /// has a speaker and some words.
        #[test]
        fn any_input_parses_without_panicking(raw in "(?s)(WEBVTT\n|[0-9:.,>< -]|-->|<v [A-Za-z ]*>|[A-Za-z]+: |\n|\r|\u{feff}|.){0,200}") {
            for t in parse(&raw) {
                proptest::prop_assert!(!t.speaker.is_empty());
                proptest::prop_assert!(!t.text.trim().is_empty());
            }
        }

        #[test]
        fn arbitrary_text_parses_without_panicking(raw in "\\PC{0,400}") {
            let _ = parse(&raw);
        }
    }
}
