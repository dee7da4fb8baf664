//! What a reply tells the person it turns to, apart from what else the
//! same message goes on to say.

use std::sync::LazyLock;

use regex::Regex;

use super::{due, text};

/// The part of a reply that speaks to the person it starts by addressing:
/// its sentences up to one that turns to someone else ("<@U1> signed, it's
/// on your desk. <@U2> can you draft the minutes?") or opens the author's
/// own standup answer ("<@U1> the key is in your tray. Wins: …"). What
/// follows is said to others, so its questions and promises do not make
/// the reply to the first one a question or a promise.
pub(crate) fn to_first_addressed(rest: &str) -> String {
    static TURNS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\W*(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>|\p{L}[\p{L}/ ]{0,24}:\s)").unwrap()
    });
    let mut kept = Vec::new();
    for (index, sentence) in text::sentences(rest).into_iter().enumerate() {
        if index > 0 && TURNS.is_match(&sentence) {
            break;
        }
        kept.push(sentence);
    }
    kept.join(" ")
}

/// Whether a text names a time still to come ("sai na terça", "llamo
/// hoy", "this afternoon"): said with news, it is when the thing will
/// come, so the news is a promise. A word for now or this morning
/// ("revisei agora", "sent it this morning") tells when it happened.
pub(crate) fn names_time_to_come(text: &str) -> bool {
    static NOW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:right\s+|just\s+)?now|agora|ahora|ya|maintenant|jetzt|gerade|this\s+morning|esta\s+mañana|hoje\s+cedo|hoje\s+de\s+manhã|esta\s+manhã|ce\s+matin|heute\s+(?:früh|morgen))\b",
        )
        .unwrap()
    });
    // Any reference day will do: only whether a time is named matters.
    let reference = jiff::civil::date(2028, 1, 5);
    due::find(text, reference).is_some_and(|(_, at)| !NOW.is_match(&text[at]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_ends_where_it_turns_to_someone_else_or_to_a_label() {
        for (reply, kept) in [
            (
                "approved, the form is in the tray. <@U2> could you book the van?",
                "approved, the form is in the tray.",
            ),
            (
                "Freigabe erteilt, liegt im Fach. Heute: Inventur, morgen frei.",
                "Freigabe erteilt, liegt im Fach.",
            ),
            (
                "c'est signé, dans ton casier. <@U3> tu peux appeler le traiteur ?",
                "c'est signé, dans ton casier.",
            ),
            (
                "autorizado, está en recepción. Prioridad: cerrar el inventario.",
                "autorizado, está en recepción.",
            ),
            (
                "liberei o acesso agora. Confere aí e me avisa.",
                "liberei o acesso agora. Confere aí e me avisa.",
            ),
        ] {
            assert_eq!(to_first_addressed(reply), kept, "{reply}");
        }
    }

    #[test]
    fn a_time_to_come_is_named_and_now_is_not() {
        for later in [
            "the permit goes out on Tuesday",
            "die Lizenz kommt am Dienstag",
            "je l'appelle cet après-midi",
            "llamo hoy a la federación",
            "a licença sai na terça",
        ] {
            assert!(names_time_to_come(later), "{later}");
        }
        for now in [
            "signed it just now, it's on your desk",
            "hab es jetzt freigegeben",
            "je l'ai envoyé ce matin",
            "firmada, te la dejé en secretaría",
            "revisei agora, pode protocolar",
        ] {
            assert!(!names_time_to_come(now), "{now}");
        }
    }
}
