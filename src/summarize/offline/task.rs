//! An action item as it is built from a sentence: who owns it, its text
//! cleaned of the due phrase, its due date, and what the clause was read
//! with.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::due;
use super::text::capitalize;

/// An action item found in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub owner: String,
    pub text: String,
    pub due: Option<String>,
    /// Read out of someone's blocker ("until <@U2> migrates her
    /// dashboards"): a task only once <@U2> takes it on in the thread.
    pub tentative: bool,
}

/// What a clause is read with: who wrote it, and what came before it in
/// the same item.
pub(super) struct Context<'a> {
    pub(super) author: &'a str,
    pub(super) today: Option<Date>,
    pub(super) planned: bool,
    /// The person the item last turned to ("<@U2> great. Can you also …").
    pub(super) addressee: Option<String>,
    /// The clause before, where "it" in "I'll send it to <@U2>" points.
    pub(super) before: Option<String>,
    /// A short item outside the plan answer (a reply such as "ich mach die
    /// Looker-Reports"): a promise even with no day or person.
    pub(super) short: bool,
}

/// Cleans the task text and resolves its due date; the due phrase is cut
/// from the text when it was inside it ("send the doc by Friday" →
/// "Send the doc", due Friday).
pub(super) fn make(owner: &str, rest: &str, sentence: &str, today: Option<Date>) -> Option<Found> {
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
        tentative: false,
    })
}

fn clean(text: &str) -> String {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(?:\s|please\b|pls\b|to\b|[,:\-–—])+").unwrap());
    // A deadline cut out before a comma leaves "Envoie , désolée".
    let text = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",");
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
            // A bare verb ("Check", "vou fazer") names no task.
            w.chars().count() >= 4
                && !matches!(
                    w.as_str(),
                    "that"
                        | "this"
                        | "those"
                        | "these"
                        | "check"
                        | "look"
                        | "fazer"
                        | "hacer"
                        | "faire"
                        | "machen"
                        | "erledigen"
                )
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_of_day_after_a_weekday_is_that_day() {
        // 2028-05-18 is a Thursday: Monday is 2028-05-22.
        let today = Date::new(2028, 5, 18).ok();
        for s in [
            "send the numbers Monday before noon",
            "die Zahlen Montag bis Mittag schicken",
            "remontée des chiffres lundi avant midi",
            "mandar los números lunes antes del mediodía",
            "mandar os números segunda antes do almoço",
        ] {
            let f = make("U1AAAAAAAAA", s, s, today).expect(s);
            assert_eq!(f.due.as_deref(), Some("2028-05-22"), "{s}");
        }
        let f = make("U1AAAAAAAAA", "send the numbers before noon", "", today).unwrap();
        assert_eq!(f.due.as_deref(), Some("2028-05-18"));
    }
}
