//! Finding action items: who promised or was asked to do what, and by when.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};

use super::due;
use super::text::{capitalize, mentions, plain, sentences};

/// An action item found in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub owner: String,
    pub text: String,
    pub due: Option<String>,
}

/// "TODO: …", "Action item: <@U2> to …", "Follow-up: …".
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:also\s+|and\s+)?(?:todo|to-do|action(?:\s+items?)?|ai|follow[- ]?up|next\s+steps?)
        (?:\s*\([^)]{1,30}\)|\s+for\s+(?P<for>me|myself|<@[UW][A-Z0-9]+(?:\|[^>]*)?>)|\s+before\s+[^:]{1,40})?
        \s*(?:[:\-–—]\s*|\s+)(?P<rest>.+)$",
    )
    .unwrap()
});

/// "TODO: …" after another clause: "finish the services; TODO: write the guide".
static MARKER_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[;,—–]|\balso)\s*(?:todo|to-do|action\s+items?|follow[- ]?up)(?:\s+for\s+me|\s*\([^)]{1,30}\))?\s*[:\-–—]\s*(?P<rest>.+)$",
    )
    .unwrap()
});

/// A note to self, anywhere in a sentence: "reminder to myself: …", "Need
/// to remember to …", "Note to self: …", and the same in German, French,
/// Spanish and Portuguese ("lembrete pra mim: …", "Nota para mí: …").
static NOTE_TO_SELF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
          (?:a\s+)?reminder\s+(?:to|for)\s+(?:myself|me|self) | note\s+to\s+(?:self|myself)
        | (?:i\s+)?(?:need|have|must|should)\s+to\s+remember\s+to | (?:don['’]t\s+)?(?:forget|remember)\s+to
        | notiz\s+an\s+mich | nicht\s+vergessen | (?:ich\s+)?muss\s+(?:noch\s+)?daran\s+denken,?
        | note\s+pour\s+moi | pense-bête | ne\s+pas\s+oublier\s+de | penser\s+à
        | nota\s+para\s+m[ií] | recordatorio(?:\s+para\s+m[ií])? | no\s+olvidar(?:me)?\s+de | tengo\s+que\s+acordarme\s+de
        | lembrete(?:\s+pra\s+mim|\s+para\s+mim)? | (?:tenho\s+que\s+)?lembrar\s+de | não\s+esquecer\s+de
        )\s*[:\-–—]?\s*(?P<rest>.+)$",
    )
    .unwrap()
});

/// "Need to update the runbook" at the start of a clause: a note to self.
static NEED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[;,—–]\s*|\balso\s+)(?:i\s+)?(?:still\s+)?need\s+to\s+(?P<rest>.+)$").unwrap()
});

/// "<@U2> can you …", "<@U2>, could you please …", "<@U2> <@U3> please …",
/// and the same asks in German, French, Spanish and Portuguese.
static ASKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?P<who>(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*(?:(?:and|&amp;|&|et|y|e|und)\s+)?)+)
        [,:\-–—]?\s*(?:[^<.!?\n]{1,60}?[\s,:!]+)??¿?\s*
        (?:(?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+)?(?:also\s+)?
          | do\s+you\s+have\s+
          | porfa(?:vor)?[,\s]+ | pf[,\s]+
          | (?:consegue|conseguiria|consegues|podia|poderia)\s+
          | please\s+ | pls\s+ | plz\s+
          | (?:kannst|könntest|würdest)\s+du\s+(?:mir\s+|uns\s+)?(?:bitte\s+)?
          | bitte\s+
          | (?:peux|pourrais|pouvez|pourriez)[-\s](?:tu|vous)\s+
          | (?:tu\s+peux|tu\s+pourrais|est-ce\s+que\s+tu\s+peux|vous\s+pouvez)\s+
          | (?:s['’]il\s+te\s+pla[iî]t|s['’]il\s+vous\s+pla[iî]t|stp|svp)[,\s]+
          | (?:puedes|podrías|podrias|podés|pueden|podrían|podrian)\s+(?:por\s+favor\s+)?
          | por\s+favor[,\s]+
          | (?:você\s+pode|voce\s+pode|pode|poderia|podes)\s+
        )(?P<rest>.+)$",
    )
    .unwrap()
});

/// "Can you … <@U2>?" — the ask first, the person last, at the start of a
/// sentence or of a clause ("need admin access — can you sort it <@U2>?").
static ASKED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[—–;:,]\s*|\s-\s)\s*(?:can|could|would)\s+you\s+(?:please\s+)?(?P<rest>.+?)[,\s]*<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>\s*[?.!]*\s*$",
    )
    .unwrap()
});

/// Meeting-notes style at the start of a sentence: "<@U2> to send the invite",
/// "<@U2> will update the runbook".
static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>\s*(?:to|will|is\s+going\s+to|'ll|’ll)\s+(?P<rest>.+)$",
    )
    .unwrap()
});

/// The author's own promise: "I'll …", "I will …", "Will do …", and the
/// French, Spanish, German and Portuguese "I'm going to".
static SELF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:\bi'll|\bi’ll|\bi\s+will|\bi'm\s+going\s+to|\bi’m\s+going\s+to|\bi\s+am\s+going\s+to|\bi\s+can\s+take
          |(?:^|[,;:—–]\s*|\bthen\s+|\band\s+)(?:will(?:\s+do)?|going\s+to|gonna)
          |\bje\s+vais|\bje\s+m['’]occupe\s+d[eu]|\bvoy\s+a|\bme\s+encargo\s+de|\bich\s+werde|\bich\s+kümmere\s+mich\s+(?:um|darum)|\bvou)\s+(?P<rest>.+)$",
    )
    .unwrap()
});

/// Promises that are not tasks: "I'll be out Friday", "I will probably …".
static NOT_A_TASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:be|have|need|want|see|probably|maybe|likely|still|keep|let\s+you\s+know|get\s+back)\b")
        .unwrap()
});

/// Action items in one item of an answer. In the planned section a plain
/// "I'll do X" is already the plan, so it becomes an action item only when
/// it carries a due date or is a commitment to someone else ("will hand
/// the designs to <@U2>").
pub(crate) fn in_item(item: &str, author: &str, today: Option<Date>, planned: bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for sentence in sentences(&plain(item)) {
        for clause in clauses(&sentence) {
            for f in in_sentence(clause, author, today, planned) {
                if !out.iter().any(|o| o.owner == f.owner && o.text == f.text) {
                    out.push(f);
                }
            }
        }
    }
    out
}

/// A sentence cut before each person it turns to ("please send me the
/// recordings, and <@U2> can you share the directions?" holds two asks)
/// and at ", so" / ", then" ("going to present it Thursday, so I'll send
/// the slides by Wednesday": the slides are due Wednesday).
/// A list of people ("<@U2>, <@U3> please …") stays whole.
fn clauses(sentence: &str) -> Vec<&str> {
    static TURN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)[,;]\s*(?:(?:and|also|y|e|et|und|además|aussi|auch)\s+)?<@|,\s*(?:so|and\s+then|then|but|because|since)\s+").unwrap()
    });
    let mut out = Vec::new();
    let mut start = 0;
    for m in TURN.find_iter(sentence) {
        let before = sentence[start..m.start()].trim_end();
        if before.ends_with('>') || before.is_empty() {
            continue;
        }
        out.push(&sentence[start..m.start()]);
        start = if m.as_str().ends_with("<@") {
            m.end() - 2
        } else {
            m.end()
        };
    }
    out.push(&sentence[start..]);
    out
}

fn in_sentence(sentence: &str, author: &str, today: Option<Date>, planned: bool) -> Vec<Found> {
    // "Will do, I'll send the invite" accepts, then promises: the promise
    // is the task, the acceptance is not ("Do, I'll send…").
    static ACCEPTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:will\s+do|on\s+it|sure(?:\s+thing)?|ok(?:ay)?|yes|yep)\s*[,.!:;—–-]+\s*").unwrap()
    });
    let sentence = &*ACCEPTED.replace(sentence, "");
    if let Some(c) = MARKER.captures(sentence) {
        let rest = c.name("rest").expect("rest always takes part").as_str();
        if let Some(who) = c.name("for").and_then(|m| mentions(m.as_str()).into_iter().next()) {
            return make(&who, rest, sentence, today).into_iter().collect();
        }
        if let Some(a) = ASSIGNED.captures(rest).or_else(|| ADDRESSED.captures(rest)) {
            return build(&a, sentence, today);
        }
        return make(author, rest, sentence, today).into_iter().collect();
    }
    if let Some(c) = NOTE_TO_SELF.captures(sentence) {
        let rest = c.name("rest").expect("rest always takes part").as_str();
        return make(author, rest, sentence, today).into_iter().collect();
    }
    if let Some(c) = ASKED.captures(sentence) {
        return build(&c, sentence, today);
    }
    if let Some(c) = ASKED_AFTER.captures(sentence) {
        return build(&c, sentence, today);
    }
    if let Some(c) = ASSIGNED.captures(sentence) {
        return build(&c, sentence, today);
    }
    if let Some(c) = MARKER_INLINE.captures(sentence) {
        let rest = c.name("rest").expect("rest always takes part").as_str();
        return make(author, rest, sentence, today).into_iter().collect();
    }
    let promise = SELF.captures(sentence).or_else(|| NEED_TO.captures(sentence));
    if let Some(c) = promise {
        let rest = c.name("rest").expect("rest always takes part").as_str();
        if NOT_A_TASK.is_match(rest) {
            return Vec::new();
        }
        let to_someone = mentions(rest).iter().any(|p| p != author);
        return make(author, rest, sentence, today)
            .filter(|f| !planned || f.due.is_some() || to_someone)
            .into_iter()
            .collect();
    }
    Vec::new()
}

/// "Action item: <@U2> add the drill to the calendar": the person named
/// first is the one assigned.
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>)[\s,:]+(?P<rest>.+)$").unwrap()
});

/// One task per person asked ("<@U2> <@U3> please add your demos").
fn build(c: &Captures<'_>, sentence: &str, today: Option<Date>) -> Vec<Found> {
    let who = c.name("who").expect("who always takes part").as_str();
    let rest = c.name("rest").expect("rest always takes part").as_str();
    // "<@U2> will you be around?" asks about a person, not for a task.
    if rest.trim_start().to_lowercase().starts_with("be ") {
        return Vec::new();
    }
    let mut people = mentions(who);
    if people.is_empty() {
        people.push(who.to_string());
    }
    people.dedup();
    people
        .iter()
        .filter_map(|p| make(p, rest, sentence, today))
        .collect()
}

/// Cleans the task text and resolves its due date; the due phrase is cut
/// from the text when it was inside it ("send the doc by Friday" →
/// "Send the doc", due Friday).
fn make(owner: &str, rest: &str, sentence: &str, today: Option<Date>) -> Option<Found> {
    let (text, due) = match today.and_then(|t| due::find(rest, t)) {
        Some((date, range)) => {
            let mut t = rest.to_string();
            t.replace_range(range, " ");
            (t, Some(date))
        }
        None => (
            rest.to_string(),
            today.and_then(|t| due::find(sentence, t)).map(|(d, _)| d),
        ),
    };
    let text = clean(&text);
    if !is_task(&text) {
        return None;
    }
    Some(Found {
        owner: owner.to_string(),
        text,
        due: due.map(|d| d.to_string()),
    })
}

fn clean(text: &str) -> String {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(?:\s|please\b|pls\b|to\b|[,:\-–—])+").unwrap());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = LEAD.replace(&text, "");
    let text = text
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '?' | '.' | '!' | ',' | ';' | ':')
        })
        .trim();
    capitalize(text)
}

/// Rejects leftovers that say nothing ("Do", "It", "That").
fn is_task(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [] => false,
        [one] => {
            let w = one.to_lowercase();
            w.chars().count() >= 4 && !matches!(w.as_str(), "that" | "this" | "those" | "these")
        }
        _ => true,
    }
}
