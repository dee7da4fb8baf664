//! What "it", "them", "that" point at: the object named in the clause
//! before ("share it (the SSO doc) by Thursday"). Kept apart from
//! `actions` and `promises` because both name objects this way.

use std::sync::LazyLock;

use regex::Regex;

/// `rest` with the object of a leading "verb it/them/that" named from the
/// clause before ("share it (the SSO doc) by Thursday"); `None` when it
/// points at nothing.
pub(super) fn resolve_it(rest: &str, before: Option<&str>) -> Option<String> {
    static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?P<verb>\w+(?:\s+care\s+of|\s+at|\s+into|\s+with|\s+over)?)\s+(?P<it>it|them|that|this|those|these)\b(?P<tail>.*)$").unwrap()
    });
    let Some(c) = PRONOUN.captures(rest) else {
        return Some(rest.to_string());
    };
    static PARTICLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s+(up|down|out|over|off|back|together)\b(.*)$").unwrap()
    });
    let pronoun = c["it"].to_lowercase();
    let named = object_of(before?);
    // A thing named by a short clause stays beside the member's words:
    // "send it (postmortem do INC-5521)", never "set up postmortem".
    let short = named.is_none() && ["it", "them"].contains(&pronoun.as_str());
    let object = named.or_else(|| short.then(|| short_thing(before?)).flatten());
    let Some(object) = object else {
        // "I'll do it after lunch" names nothing to do.
        let vague = ["do", "handle", "check", "look"].contains(&c["verb"].to_lowercase().as_str());
        return (!vague).then(|| rest.to_string());
    };
    let (verb, it, tail) = (&c["verb"], &c["it"], &c["tail"]);
    Some(match PARTICLE.captures(tail).filter(|_| !short) {
        // "set it up" → "set up the retro".
        Some(p) => format!("{verb} {} {object}{}", &p[1], &p[2]),
        // Otherwise the member's words stay, with what they point at
        // beside them: "share it (the SSO doc) by Thursday".
        None => format!("{verb} {it} ({object}){tail}"),
    })
}

/// The object of a clause: "T: write the postmortem for last week's
/// incident" → "the postmortem for last week's incident".
pub(super) fn object_of(clause: &str) -> Option<String> {
    static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[\w/]{1,12}:\s*)?(?:i\s+)?(?:[\w'’]+\s+){0,3}?(?P<obj>(?:the|a|an|my|our|this|that)\s+[^,.;:!?]{2,60})").unwrap()
    });
    // "Designs are 80% done, will hand them to Eli": the subject.
    static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:[\w/]{1,12}:\s*)?(?P<subj>(?:\w+\s+){0,2}?\w+s)\s+(?:are|were|look|is|was)\b",
        )
        .unwrap()
    });
    if let Some(c) = SUBJECT.captures(clause.trim()) {
        return Some(c["subj"].to_lowercase());
    }
    let c = OBJECT.captures(clause.trim())?;
    let obj = c["obj"].trim();
    let obj = obj
        .strip_prefix("a ")
        .or_else(|| obj.strip_prefix("an "))
        .map_or_else(|| obj.to_string(), |o| format!("the {o}"));
    Some(obj)
}

/// "Hoje: postmortem do INC-5521, I'll send it to <@U2>": a short clause
/// with no verb and no article before "it" is the thing itself.
fn short_thing(clause: &str) -> Option<String> {
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[\w/]{1,12}:\s*)?(?P<thing>[^,.;:!?<]{3,50}?)[\s,]*$").unwrap()
    });
    SHORT
        .captures(clause.trim())
        .filter(|c| c["thing"].split_whitespace().count() <= 4)
        .map(|c| c["thing"].trim().to_string())
}

/// `text` with "them"/"it" named from `source` (a request or a blocker the
/// reply answers): "Share them (the staging k6 credentials) after my 11:00".
pub(super) fn named_from(text: &str, source: &str) -> Option<String> {
    resolve_it(text, Some(source)).filter(|t| t != text)
}
