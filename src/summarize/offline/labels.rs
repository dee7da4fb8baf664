//! Sections of an answer: the label words, bold headers and emoji that say
//! which question a part answers ("Y:", "*Blockers*", "update:",
//! ":construction:", "Y/T/B: a / b / c"), and the sentences that switch
//! questions inside a one-message answer.

use std::sync::LazyLock;

use regex::Regex;

use super::blockers;
use super::text::{sentences, without_broadcasts, Role, EMOJI_CODE, MENTION};

/// The label words people put in front of an answer, with the role each
/// one switches to. Longer words come first so the alternation prefers them.
const LABELS: &[(&str, Role)] = &[
    ("yesterday", Role::Done),
    ("previously", Role::Done),
    ("completed", Role::Done),
    ("accomplished", Role::Done),
    ("done", Role::Done),
    ("did", Role::Done),
    ("hier", Role::Done),
    ("ayer", Role::Done),
    ("gestern", Role::Done),
    ("ontem", Role::Done),
    ("update", Role::Done),
    ("shipped", Role::Done),
    ("y", Role::Done),
    ("today", Role::Planned),
    ("tomorrow", Role::Planned),
    ("planned", Role::Planned),
    ("plans", Role::Planned),
    ("plan", Role::Planned),
    ("next", Role::Planned),
    ("doing", Role::Planned),
    ("goals", Role::Planned),
    ("aujourd'hui", Role::Planned),
    ("hoy", Role::Planned),
    ("heute", Role::Planned),
    ("hoje", Role::Planned),
    ("t", Role::Planned),
    ("in my way", Role::Blockers),
    // Custom questions echoed as labels: "Stuck: no", "Travando: nada"
    // answer the blockers question in its own words. ("Slowing me down:"
    // is not one: what slows is often only a future risk, "after that
    // I'll be stuck", which the blockers answer would take as a blocker.)
    ("stuck", Role::Blockers),
    ("travando", Role::Blockers),
    ("blockers", Role::Blockers),
    ("blocker", Role::Blockers),
    ("blocked", Role::Blockers),
    ("blocking", Role::Blockers),
    ("bloquée", Role::Blockers),
    ("bloqué", Role::Blockers),
    ("bloqueada", Role::Blockers),
    ("bloqueado", Role::Blockers),
    ("blockiert", Role::Blockers),
    ("travada", Role::Blockers),
    ("travado", Role::Blockers),
    ("impediments", Role::Blockers),
    ("impediment", Role::Blockers),
    ("obstacles", Role::Blockers),
    ("bloquants", Role::Blockers),
    ("blocages", Role::Blockers),
    ("bloqueos", Role::Blockers),
    ("bloqueo", Role::Blockers),
    ("bloqueios", Role::Blockers),
    ("bloqueio", Role::Blockers),
    ("blocage", Role::Blockers),
    ("bloquant", Role::Blockers),
    ("impedimentos", Role::Blockers),
    ("impedimento", Role::Blockers),
    ("hindernisse", Role::Blockers),
    ("hindernis", Role::Blockers),
    ("frenos", Role::Blockers),
    ("freno", Role::Blockers),
    ("b", Role::Blockers),
];

fn label_role(word: &str) -> Option<Role> {
    let lower = word.to_lowercase();
    LABELS.iter().find(|(l, _)| *l == lower).map(|(_, r)| *r)
}

fn label_alternation() -> String {
    LABELS
        .iter()
        .map(|(l, _)| regex::escape(l))
        .collect::<Vec<_>>()
        .join("|")
}

/// A label at the start of a line: `Yesterday:`, `*Blockers*`, `**Today** -`,
/// `Y:`, `Ontem (sexta):`. Without a colon or dash the line must hold
/// nothing but the label (a bold header), so "Done with the migration"
/// stays an answer; a label in bold stars needs neither (`*Blocked* nope`).
static LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:[*_]{{0,2}}\s*({0})\s*(?:\([^)\n]{{1,24}}\)\s*)?[*_]{{0,2}}\s*(?:(?::|[-–—]\s)\s*[*_]{{0,2}}\s*(.*)|$)|\*{{1,2}}({0})\*{{1,2}}\s+(.*))",
        label_alternation()
    ))
    .unwrap()
});

/// Emoji that people put in front of a section as its header, with the
/// section each one names: ":white_check_mark: shipped X", "🚧 Hoy: …",
/// ":no_entry: waiting on Y".
static EMOJI_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(:white_check_mark:|:heavy_check_mark:|:ballot_box_with_check:|✅|✔️?|☑️?)|(:construction:|:hammer_and_wrench:|:arrow_forward:|🚧|🛠️?|▶️?)|(:no_entry:|:no_entry_sign:|:octagonal_sign:|:stop_sign:|⛔|🚫|🛑))\s*(.*)$",
    )
    .unwrap()
});

/// A label in the middle of a line ("… T: write tests B: none"): it must be
/// followed by a colon, and single-letter labels must be upper case so that
/// "plan b: …" does not split.
static INLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[\s.;,|])[*_]{{0,2}}({})[*_]{{0,2}}\s*:[*_]{{0,2}}",
        label_alternation()
    ))
    .unwrap()
});

/// Words that introduce a label mid-line: "Sobre bloqueio:", "as for
/// blockers:", "quant aux blocages :".
static LABEL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:about|regarding|re|as\s+for|sobre|respecto\s+a|en\s+cuanto\s+a|quant\s+aux?|zu|wegen)|^\W*)$")
        .unwrap()
});

/// Words that head the answer to the blockers question by echoing it in
/// the member's own language rather than naming it: "Was hält mich auf:",
/// "Hänge fest:", "Me frena:", "O que me trava:", "Ce qui me bloque :",
/// "What's in my way:", and the words that turn a run-on answer to it:
/// "About blockers, …", "Blockers-wise, …", "Côté blocages : …", "Sobre
/// bloqueios, …". At the start of a line or of a sentence only.
static BLOCKER_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(^|[.!?]\s+)[*_]{0,2}
        (?:(?:(?:was|what['’]?s|what\s+is|lo\s+que|o\s+que|ce\s+qui|qu['’]est-ce\s+qui)\s+)?
            (?:hält\s+mich\s+(?:\w+\s+)?auf|mich\s+aufhält|aufhalten|festh[äa]ngen|h[äa]nge?\s+(?:ich\s+)?fest|stecke\s+fest|bremst\s+mich
              |me\s+(?:frena|bloquea|traba|trava|bloqueia|segura|bloque|freine)|m['’]arrête|in\s+my\s+way|holding\s+me\s+(?:up|back))
            [*_]{0,2}\s*:
          | (?:(?:about|regarding|re|as\s+for|concerning)\s+(?:the\s+|my\s+)?blockers?|blockers?[-‐]wise|côté\s+(?:blocages?|bloquants?)
            |sobre\s+(?:os\s+|as\s+|los\s+|las\s+|el\s+|o\s+)?(?:bloqueios?|bloqueos?|impedimentos?)|en\s+cuanto\s+a\s+(?:los\s+)?(?:bloqueos?|impedimentos?)
            |quant\s+aux\s+(?:blocages|bloquants)|bezüglich\s+(?:der\s+)?blocker|zu\s+den\s+blockern)
            [*_]{0,2}\s*[:,]
        )\s*",
    )
    .unwrap()
});

/// `line` with its echoes of the blockers question written as the plain
/// label, so that they switch the section like "Blockers:" does.
fn blocker_leads_as_labels(line: &str) -> String {
    BLOCKER_LEAD
        .replace_all(line, "${1}Blockers: ")
        .into_owned()
}

/// A blockers label answered by a bare yes or no with no separator
/// between ("blockers no", "3) stuck no, only too many emails", "Blocked
/// yes."): the question's word and the answer to it, as if a colon stood
/// between, so the word is not read as the blocker itself. The answer must
/// end there ("blocked no longer" is a sentence, not an answer).
static BARE_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    let words = LABELS
        .iter()
        .filter(|(l, r)| *r == Role::Blockers && l.chars().count() > 1)
        .map(|(l, _)| regex::escape(l))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?i)(^\s*(?:\d[.)]\s*)?|[.!?;|]\s+)([*_]{{0,2}}(?:{words})[*_]{{0,2}})\s+(no|nope|none|nothing|yes|yep|nein|nichts|keine|ja|non|oui|rien|aucun|nada|ninguno|ninguna|s[íi]|nenhum|nenhuma|n[ãa]o|sim)(\s*(?:$|[,.;!:)\-–—]))"
    ))
    .unwrap()
});

/// `line` with its bare answers to the blockers label given their colon.
fn bare_answers_as_labels(line: &str) -> String {
    BARE_ANSWER
        .replace_all(line, "${1}${2}: ${3}${4}")
        .into_owned()
}

/// Splits one line at its labels into (role switch, text) segments. A
/// label followed by nothing but mentions or a broadcast is empty: "B:
/// <@U2>" tags someone, it says nothing about being blocked.
fn label_segments(line: &str) -> Vec<(Option<Role>, String)> {
    let line = blocker_leads_as_labels(&bare_answers_as_labels(line));
    let mut out = raw_label_segments(&line);
    for (role, text) in &mut out {
        if role.is_some() && is_only_mentions(text) {
            text.clear();
            // ":no_entry: <!here>" answers the blockers question with
            // nothing: a "none", so the lines after it are remarks ("PM-77
            // is here if anyone wants to read it"), not the answer.
            if *role == Some(Role::Blockers) {
                text.push_str("none");
            }
        }
    }
    out
}

/// Mentions and broadcasts with nothing else but punctuation and emoji. A
/// plea ("<@U2> 🙏") asks that person for help, so it is not only a tag.
fn is_only_mentions(text: &str) -> bool {
    if text.contains('🙏') || text.contains(":pray:") {
        return false;
    }
    let rest = MENTION.replace_all(text, " ");
    let rest = EMOJI_CODE.replace_all(&rest, " ");
    let rest = without_broadcasts(&rest);
    rest != text && !rest.chars().any(char::is_alphanumeric)
}

/// "Y/T/B: a / b / none" on one line: the parts in the labels' order.
fn slash_labels(line: &str) -> Option<Vec<(Option<Role>, String)>> {
    static YTB: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*[*_]*y\s*/\s*t\s*/\s*b[*_]*\s*:\s*(.*)$").unwrap());
    let rest = YTB.captures(line)?.get(1)?.as_str();
    let parts: Vec<&str> = rest.split(" / ").collect();
    if parts.len() != 3 {
        return None;
    }
    let roles = [Role::Done, Role::Planned, Role::Blockers];
    Some(
        roles
            .iter()
            .zip(parts)
            .map(|(r, t)| (Some(*r), t.to_string()))
            .collect(),
    )
}

fn raw_label_segments(line: &str) -> Vec<(Option<Role>, String)> {
    if let Some(parts) = slash_labels(line) {
        return parts;
    }
    if let Some(c) = EMOJI_LABEL.captures(line) {
        let role = if c.get(1).is_some() {
            Role::Done
        } else if c.get(2).is_some() {
            Role::Planned
        } else {
            Role::Blockers
        };
        let rest = c.get(4).map_or("", |m| m.as_str());
        // "✅ Ayer: …": the label word, when there is one, says the same.
        let mut out = raw_label_segments(rest);
        match out.first_mut() {
            Some((r @ None, _)) => *r = Some(role),
            Some(_) => {}
            None => out.push((Some(role), String::new())),
        }
        return out;
    }
    if let Some(c) = LINE_LABEL.captures(line) {
        let word = c.get(1).or(c.get(3)).expect("one label word takes part");
        let role = label_role(word.as_str());
        // "*Blocker* :no_entry: <!here>": the colon opens an emoji header,
        // it is not the label's own; keep the emoji so the header is read.
        let rest = match c.get(2) {
            Some(m)
                if m.start() > 0
                    && EMOJI_CODE
                        .find(&line[m.start() - 1..])
                        .is_some_and(|e| e.start() == 0) =>
            {
                &line[m.start() - 1..]
            }
            Some(m) => m.as_str(),
            None => c.get(4).map_or("", |m| m.as_str()),
        };
        let mut out = vec![(role, String::new())];
        for (r, t) in inline_segments(rest) {
            if r.is_none() && out.len() == 1 {
                out[0].1 = t;
            } else {
                out.push((r, t));
            }
        }
        return out;
    }
    inline_segments(line)
}

fn inline_segments(line: &str) -> Vec<(Option<Role>, String)> {
    let mut out = Vec::new();
    let mut role = None;
    let mut start = 0;
    for c in INLINE_LABEL.captures_iter(line) {
        let word = c.get(1).expect("group 1 always takes part");
        // Mid-line, a label starts upper case ("… Today: x"); "before I
        // leave today: write the notes" goes on in lower case.
        let upper = word.as_str().chars().next().is_some_and(char::is_uppercase);
        let before = line[..word.start()].trim_end_matches([' ', '*', '_']);
        // "… done. blockers: none", "Sobre bloqueio: …" start a section
        // in lower case too.
        let opens = before.is_empty()
            || before.ends_with(['.', '!', '?', ';', '|'])
            || LABEL_LEAD.is_match(before);
        if !upper && (word.as_str().len() == 1 || !opens) {
            continue;
        }
        let whole = c.get(0).expect("group 0 is the match");
        out.push((role, line[start..word.start()].to_string()));
        role = label_role(word.as_str());
        start = whole.end();
    }
    out.push((role, line[start..].to_string()));
    out.retain(|(r, t)| r.is_some() || !t.trim().is_empty());
    out
}

/// The distinct roles an answer's labels name, in order ("Y: … T: … B: …"
/// names three).
pub(crate) fn label_roles(text: &str) -> Vec<Role> {
    let mut out = Vec::new();
    for line in text.lines() {
        for (role, _) in label_segments(line) {
            if let Some(r) = role.filter(|r| !out.contains(r)) {
                out.push(r);
            }
        }
    }
    out
}

/// Starts of sentences that move a one-message answer to another question:
/// "Yesterday I fixed X. Today I'll do Y."
static SENTENCE_SWITCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*¿?(?:(yesterday|previously)|(today|tomorrow|next|later today|this afternoon)|(no blockers?|blockers?|blocked|not blocked|nothing blocking|no impediments?|stuck|travando\s*[:\-–—]|(?:bloqu[ée]e?s?|blocages?|bloqueos?|bloquead[oa]s?|bloqueios?|travad[oa]s?|blockiert)\s*\?))(?:$|[^\w\-‐])",
    )
    .unwrap()
});

/// A section word and its separator at the start of a sentence: "Blockers -
/// not really", "Today: …".
static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:blockers?|blocked|impediments?|today|yesterday|stuck|travando)(?:\s+(?:for\s+me|on\s+my\s+(?:side|end)|from\s+me))?\s*[:\-–—]\s+|¿?(?:blockers?|blocked|bloqu[ée]e?s?|blocages?|bloqueos?|bloquead[oa]s?|bloqueios?|travad[oa]s?|blockiert|blocker)\s*\?\s*)").unwrap()
});

/// The parts of an answer, each with the role it answers.
///
/// `combined` is set when the member answered several questions in one
/// message: then sentences that begin with "Yesterday", "Today" or "No
/// blockers" switch the role too.
pub(crate) fn sections(text: &str, default: Role, combined: bool) -> Vec<(Role, String)> {
    let mut out: Vec<(Role, String)> = Vec::new();
    let mut current = default;
    for line in text.lines() {
        for (switch, seg) in label_segments(line) {
            if let Some(r) = switch {
                current = r;
            }
            if combined {
                let mut last: Option<(Role, String)> = None;
                for sentence in sentences(&seg) {
                    if let Some(c) = SENTENCE_SWITCH.captures(&sentence) {
                        current = if c.get(1).is_some() {
                            Role::Done
                        } else if c.get(2).is_some() {
                            Role::Planned
                        } else {
                            Role::Blockers
                        };
                    }
                    // "Blockers - not really": the label word is no part of
                    // the answer.
                    let sentence = LEADING_LABEL.replace(&sentence, "").into_owned();
                    // "No debug menu, so I can't switch environments. <@U2>
                    // can you cut a build?": the appeal that follows a
                    // blocker in the same line names whom it waits on, so
                    // both stay one item.
                    // The same holds under another label ("T: can't send
                    // the deck until I have the numbers. <@U2> can you pull
                    // them?"), once the sentence before says its author is
                    // blocked.
                    let appeal = APPEAL.is_match(&sentence)
                        && last.as_ref().is_some_and(|(r, before)| {
                            *r == current
                                && if current == Role::Blockers {
                                    blockers::after_negation(before).is_none()
                                } else {
                                    blockers::has_blocker_phrase(before)
                                }
                        });
                    if appeal {
                        glue_section(&mut out, &sentence);
                    } else {
                        push_section(&mut out, current, &sentence);
                    }
                    last = Some((current, sentence));
                }
            } else {
                push_section(&mut out, current, &seg);
            }
        }
    }
    out
}

/// A sentence that turns to a teammate first.
static APPEAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\W*<@[UW][A-Z0-9]+").unwrap());

/// Appends a sentence to the last line of the last section.
fn glue_section(out: &mut [(Role, String)], text: &str) {
    let text = text.trim();
    if let Some((_, buf)) = out.last_mut().filter(|_| !text.is_empty()) {
        buf.push(' ');
        buf.push_str(text);
    }
}

/// Appends a line to the last section when the role is unchanged.
fn push_section(out: &mut Vec<(Role, String)>, role: Role, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some((r, buf)) if *r == role => {
            buf.push('\n');
            buf.push_str(text);
        }
        _ => out.push((role, text.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_section_words_are_labels() {
        let roles = label_roles("shipped: the export\nnext: the import\nin my way: nothing");
        assert_eq!(roles, [Role::Done, Role::Planned, Role::Blockers]);
        assert_eq!(label_roles("Frenos: ninguno"), [Role::Blockers]);
    }

    /// The custom blockers question echoed as a label ("Stuck on
    /// anything?" → "stuck: no", "Tem algo te travando?" → "Travando:
    /// nada") heads the blockers answer, at a line's start and after a
    /// sentence, in every language the engine reads.
    #[test]
    fn the_custom_blockers_question_echoed_is_a_label() {
        for line in [
            "stuck: no",
            "Travando: nada",
            "Hänge fest: nein",
            "Ce qui me bloque : rien",
            "Me frena: nada",
        ] {
            assert_eq!(label_roles(line), [Role::Blockers], "{line}");
        }
        for (text, rest) in [
            ("wins - signed the SOW. stuck - no", "no"),
            ("Prioridade: treinar o chatbot. Travando: nada.", "nada."),
            ("Heute: Angebote. Hänge fest: nein.", "nein."),
            ("Aujourd'hui : devis. Ce qui me bloque : rien.", "rien."),
            ("Hoy: presupuesto. Me frena: nada.", "nada."),
        ] {
            let parts = sections(text, Role::Done, true);
            let last = parts.last().map(|(r, t)| (*r, t.as_str()));
            assert_eq!(last, Some((Role::Blockers, rest)), "{text}");
        }
    }

    /// The blockers label answered yes or no without a colon ("blockers
    /// no", "stuck no, only emails") is the label and its answer, in every
    /// language the engine reads; "blocked no longer" is no such answer.
    #[test]
    fn a_bare_yes_or_no_after_the_blockers_word_is_its_answer() {
        for (text, rest) in [
            ("blockers no", "no"),
            ("Stuck no, just a lot of mail", "no, just a lot of mail"),
            ("Blockiert nein, nur viel Post", "nein, nur viel Post"),
            ("Bloqué non.", "non."),
            ("Bloqueos ninguno", "ninguno"),
            ("travando não, só muito e-mail", "não, só muito e-mail"),
            ("Today the export. Blockers no.", "no."),
        ] {
            let parts = sections(text, Role::Done, true);
            let last = parts.last().map(|(r, t)| (*r, t.as_str()));
            assert_eq!(last, Some((Role::Blockers, rest)), "{text}");
        }
        assert_eq!(
            bare_answers_as_labels("Blocked no longer, the VPN works"),
            "Blocked no longer, the VPN works"
        );
        assert_eq!(bare_answers_as_labels("y no puedo"), "y no puedo");
    }

    #[test]
    fn a_blockers_word_for_oneself_is_still_a_label() {
        let parts = sections(
            "Today I test. Blockers for me: none really.",
            Role::Done,
            true,
        );
        assert_eq!(parts.last().map(|(_, t)| t.as_str()), Some("none really."));
    }
}
