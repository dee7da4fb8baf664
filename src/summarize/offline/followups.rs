//! Replies that take a task on without naming it, tied to the task they
//! take on. "<@U2> could you set up the retro?" / "Will do, Thursday":
//! the request is the item and the reply gives its due date; "need the
//! k6 credentials from <@U3>" / "<@U1> I'll share them after my 11:00":
//! the reply is the item and the blocker names its object.

use super::promises;
use super::pronouns;
use super::text::clip;
use crate::summarize::Summary;

/// Where an action item came from.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// Who asked for it, when it is not the owner's own.
    pub asker: Option<String>,
    /// Read out of a blocker ("until <@U2> migrates her dashboards"): it is
    /// kept only if its owner takes it on.
    pub tentative: bool,
}

/// A reply that takes something on without naming it.
#[derive(Debug, Clone)]
pub(crate) struct Promise {
    pub owner: String,
    /// The people the reply starts by addressing (empty: a bare "Will do").
    pub to: Vec<String>,
    pub due: Option<String>,
    /// The item the reply made of itself ("Share them after my 11:00"), if any.
    pub item: Option<usize>,
}

/// Ties each promise to the request it answers (which takes the promise's
/// due date when it has none, and the promise's own item is dropped), or
/// to the blocker of the person it answers (which names what "them" is).
/// Tasks read out of blockers that nobody took on are dropped.
pub(crate) fn link(summary: &mut Summary, origins: &mut [Origin], promises: &[Promise]) {
    let mut drop = vec![false; summary.action_items.len()];
    let was_tentative: Vec<bool> = origins.iter().map(|o| o.tentative).collect();
    for p in promises {
        let asked_of = |i: usize| {
            let a = &summary.action_items[i];
            a.owner == p.owner
                && Some(i) != p.item
                && origins[i]
                    .asker
                    .as_ref()
                    .is_some_and(|who| p.to.is_empty() || p.to.contains(who))
        };
        let target = (0..summary.action_items.len())
            .filter(|&i| asked_of(i))
            .min_by_key(|&i| summary.action_items[i].due.is_some())
            .or_else(|| taken_over(summary, origins, p));
        if let Some(t) = target {
            origins[t].tentative = false;
            summary.action_items[t].owner.clone_from(&p.owner);
            // The reply's own day wins: "by tomorrow is fine" / "I do it
            // already today afternoon" is due today.
            let item = &mut summary.action_items[t];
            if p.due.is_some() {
                item.due.clone_from(&p.due);
            }
            // The reply's own item goes only when it names nothing the
            // request does not ("Share them after lunch"). A task read out
            // of a blocker gives way to the reply's own words instead
            // ("Te paso los límites por plan hoy").
            match p.item {
                Some(i) if names_nothing(&summary.action_items[i].text) => drop[i] = true,
                Some(_) if origins[t].asker.is_some() && was_tentative[t] => drop[t] = true,
                _ => {}
            }
            continue;
        }
        let Some(i) = p.item else { continue };
        let blocker = summary
            .blockers
            .iter()
            .find(|b| p.to.contains(&b.user) && b.blocked_by.as_deref() == Some(p.owner.as_str()));
        // "<@U3> sorry, schau ich mir direkt nach dem Mittag an" turns to
        // the one waiting, not to the one who asked: with no blocker to
        // answer and nothing named, it answers the request made of the
        // author.
        let asked = (0..summary.action_items.len()).find(|&j| {
            j != i && summary.action_items[j].owner == p.owner && origins[j].asker.is_some()
        });
        if let (None, Some(t), true) =
            (blocker, asked, names_nothing(&summary.action_items[i].text))
        {
            origins[t].tentative = false;
            if p.due.is_some() {
                summary.action_items[t].due.clone_from(&p.due);
            }
            drop[i] = true;
            continue;
        }
        if let Some(b) = blocker {
            let item = &mut summary.action_items[i];
            if let Some(named) = pronouns::named_from(&item.text, &b.text) {
                item.text = named;
            } else if names_nothing(&item.text) {
                // "Renovo depois do almoço": what is renewed is what the
                // blocker says is missing.
                item.text = format!("{} ({})", item.text, clip(&b.text, 80));
            }
        }
    }
    for (i, o) in origins.iter().enumerate() {
        drop[i] |= o.tentative;
    }
    merge_bare_replies(summary, origins, &mut drop);
    let mut keep = drop.iter().map(|d| !d);
    summary.action_items.retain(|_| keep.next().unwrap_or(true));
}

/// A request that a third person takes over: "<@U3> ¿me ayudás con el
/// FAQ?" / "<@U1> lo del FAQ lo hago yo" from someone else. The reply
/// turns to the asker and names nothing of its own; the asker's latest
/// request to another person is the one taken.
fn taken_over(summary: &Summary, origins: &[Origin], p: &Promise) -> Option<usize> {
    // A reply with words of its own ("<@U1> I'll share them after my
    // 11:00") answers the asker's blocker, not a request to someone else.
    if p.to.is_empty() || p.item.is_some() {
        return None;
    }
    (0..summary.action_items.len()).rev().find(|&i| {
        Some(i) != p.item
            && summary.action_items[i].owner != p.owner
            && origins[i].asker.as_ref().is_some_and(|a| p.to.contains(a))
    })
}

/// A member's own item that is only a verb, or a verb and a pronoun
/// ("Regarde ça", "Envoie", "Paso") while they were asked for something: it is their answer to
/// the request, which takes its day. (Read as an answer to a standup
/// question, such a reply is not seen as a promise.)
fn merge_bare_replies(summary: &mut Summary, origins: &[Origin], drop: &mut [bool]) {
    for i in 0..summary.action_items.len() {
        let own = &summary.action_items[i];
        // What follows a comma is an aside ("Regarde ça, désolé pour le
        // délai").
        let head = own.text.split(',').next().unwrap_or(&own.text);
        let words = head.split_whitespace().count();
        let pronoun = promises::is_pronoun_promise(&format!("I'll {head}"))
            || promises::is_pronoun_promise(&format!("je {head}"));
        let bare = words == 1 || words <= 3 && pronoun;
        if drop[i] || origins[i].asker.is_some() || !bare {
            continue;
        }
        let request = (0..summary.action_items.len()).find(|&j| {
            !drop[j] && origins[j].asker.is_some() && summary.action_items[j].owner == own.owner
        });
        if let Some(j) = request {
            let due = summary.action_items[i].due.clone();
            if due.is_some() {
                summary.action_items[j].due = due;
            }
            drop[i] = true;
        }
    }
}

/// An item that names no object of its own: "Share them after my 11:00",
/// "Envoie matin", "Both", "Regarde ça, désolé pour le délai" (what
/// follows the comma is an aside).
fn names_nothing(text: &str) -> bool {
    let head = text.split(',').next().unwrap_or(text);
    // What the reply said around its verb ("Mach (<@U2> ja sorry)") is
    // kept in brackets: greetings and the person it turns to, no object.
    let own = without_brackets(head);
    promises::is_pronoun_promise(&format!("I'll {text}"))
        || promises::is_pronoun_promise(text)
        || head.split_whitespace().count() <= 3
        || content_words(&own) <= 1
}

/// The text with its bracketed asides and mentions left out.
fn without_brackets(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in text.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out.split_whitespace()
        .filter(|w| !w.starts_with("<@"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words of a reply that are not pronouns, particles or times: "Schau mir
/// direkt an" has one (the verb).
fn content_words(text: &str) -> usize {
    const FILLER: &[&str] = &[
        "mir",
        "dir",
        "sich",
        "es",
        "das",
        "an",
        "ab",
        "auf",
        "direkt",
        "gleich",
        "noch",
        "mal",
        "nochmal",
        "heute",
        "morgen",
        "nachher",
        "dann",
        "it",
        "them",
        "that",
        "now",
        "later",
        "today",
        "tomorrow",
        "ça",
        "isso",
        "eso",
        "lo",
        "la",
        "le",
        "les",
        "las",
        "los",
        "antes",
        "después",
        "depois",
        "avant",
        "après",
        "before",
        "after",
        "until",
        "bis",
        "hasta",
        "até",
        "nach",
        "vor",
        "dem",
        "de",
        "del",
        "do",
        "da",
        "des",
        "du",
        "à",
        "a",
        "at",
        "the",
        "el",
        "hoy",
        "hoje",
        "aujourd'hui",
        "mañana",
        "amanhã",
        "demain",
        "ahora",
        "agora",
        "maintenant",
    ];
    // Times ("13", "10:30", "14h") are no object either.
    text.split_whitespace()
        .filter(|w| !FILLER.contains(&w.to_lowercase().as_str()))
        .filter(|w| !w.starts_with(|ch: char| ch.is_ascii_digit()))
        .count()
}

#[cfg(test)]
mod tests {
    use crate::summarize::SummaryInput;

    const QUESTIONS: [&str; 3] = [
        "What did you do since the last standup?",
        "What will you do today?",
        "Anything blocking you?",
    ];

    /// 2027-05-05 is a Wednesday.
    fn standup(entries: &[(&str, &[&str])]) -> SummaryInput {
        super::super::tests::standup_with(&QUESTIONS, "2027-05-05", entries)
    }

    fn items(input: &SummaryInput) -> Vec<(String, String, Option<String>)> {
        super::super::summarize(input)
            .action_items
            .into_iter()
            .map(|a| (a.owner, a.text, a.due))
            .collect()
    }

    #[test]
    fn a_third_person_takes_a_request_over() {
        let input = standup(&[
            (
                "U1AAAAAAAAA",
                &[
                    "Y: tickets\nT: more tickets\nB: none",
                    "<@U2BBBBBBBBB> ¿me ayudás con la guía de Q3? antes del viernes",
                ],
            ),
            ("U2BBBBBBBBB", &["Y: calls\nT: calls\nB: none"]),
            (
                "U3CCCCCCCCC",
                &[
                    "Y: docs\nT: docs\nB: none",
                    "<@U1AAAAAAAAA> lo de la guía lo hago yo",
                ],
            ),
        ]);
        let got = items(&input);
        assert!(
            got.iter().any(|(o, t, d)| o == "U3CCCCCCCCC"
                && t.contains("guía")
                && d.as_deref() == Some("2027-05-07")),
            "{got:?}"
        );
        assert!(!got.iter().any(|(o, _, _)| o == "U2BBBBBBBBB"), "{got:?}");
    }

    #[test]
    fn the_day_the_acceptance_names_wins() {
        let input = standup(&[
            (
                "U1AAAAAAAAA",
                &["Y: tickets\nT: more tickets\nB: none", "<@U2BBBBBBBBB> can you put the outage in the known issues page? by tomorrow is fine"],
            ),
            (
                "U2BBBBBBBBB",
                &["Y: calls\nT: calls\nB: none", "yes sure, I do it already today afternoon"],
            ),
        ]);
        let got = items(&input);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2.as_deref(), Some("2027-05-05"));
    }

    #[test]
    fn a_reply_with_only_a_verb_a_time_or_an_aside_names_nothing() {
        for s in [
            "Send (<@U2BBBBBBBBB> yes sorry)",
            "Mach (<@U2BBBBBBBBB> ja sorry)",
            "Envoie avant 13h, désolé",
            "Paso antes de las 13, perdona",
            "Mando depois do almoço",
        ] {
            assert!(super::names_nothing(s), "{s}");
        }
        assert!(!super::names_nothing("Confirmo por escrito (como siempre)"));
    }
}
