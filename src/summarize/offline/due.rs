//! Due dates said in words ("by Friday", "by EOD", "by Dec 3"), resolved
//! against the day the summary is made.

use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use regex::Regex;

/// A due-date phrase. Weekdays and dates need a preposition ("by Friday",
/// "on 2026-12-01") so that "the Friday demo" is not a deadline; "today",
/// "tomorrow" and "EOD" stand alone.
static DUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:(?:by|before|due|until|till|on|for)\s+)?(?:the\s+)?(?:eod|cob|end\s+of\s+(?:the\s+)?(?:business\s+)?day)\s+(?P<eodtmrw>tomorrow|tmrw|tmr)\b
      | \b(?:(?:by|before|due|until|till|on|for)\s+)?(?:eod|cob|end\s+of\s+(?:the\s+)?day)\s+(?:on\s+)?(?P<wd5>monday|tuesday|wednesday|thursday|friday)\b
      | \b(?:on\s+|by\s+)?(?P<wd6>monday|tuesday|wednesday|thursday|friday)\s+(?:of\s+)?next\s+week\b
      | (?P<after>\b(?:the\s+)?day\s+after\s+tomorrow\b)
      | (?P<weekend>\bbefore\s+the\s+weekend\b)
      | (?:\b(?:by|before|due|until|till|on|for)\s+)?(?:the\s+)?
        (?P<rel>end\s+of\s+(?:the\s+)?(?:day|week|month)|eod|eow|eom|cob|tomorrow|tmrw|tmr|tonight|today)\b(?:\s+(?:morning|afternoon|evening|noon|eod)\b)?
      | \b(?:by|before|due|until|till|on|for)\s+(?:the\s+)?(?:(?P<next>next|this)\s+)?
        (?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b(?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\s+(?:morning|afternoon|evening|noon|eod)\b)?
      | \bnext\s+(?P<wd2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b
      | \b(?:first\s+thing\s+(?:on\s+)?)?(?P<wd3>monday|tuesday|wednesday|thursday|friday|saturday|sunday)
        (?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\s+(?:morning|afternoon|evening|eod)\b|\s+(?:before|by|at)\s+(?:noon|midday|lunch|\d{1,2}(?::\d{2})?\s*(?:am|pm))\b|\s+(?:if|unless|once)\b|\s*$|\s*[.,;!?)])
      | \bfirst\s+thing\s+(?:on\s+)?(?P<wd4>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b
      | (?P<now>\b(?:at|before|by)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b(?:at|before)\s+\d{1,2}(?:[:h]\d{2}|h)?(?:\s|$|[.,;!?)])|\bbefore\s+i\s+(?:log\s+off|sign\s+off|head\s+out|wrap\s+up)\b|\bthis\s+(?:morning|afternoon|evening)\b|\blater\s+today\b
        |\b(?:by|before|at)\s+noon\b|\bright\s+(?:after|away|now)\b(?:\s+(?:the\s+)?(?:standup|daily|lunch|this|call|meeting|sync)\b)?|\bafter\s+(?:this|the|my|our)\s+(?:[\w-]+\s+)?(?:call|meeting|standup|daily|sync)\b|\b(?:before|until|till|by)\s+lunch(?:time)?\b|\bafter\s+(?:my|the|our)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?\b|\b(?:before|after|on)\s+(?:my|the|our)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)\s+[\w-]+\b|\bafter\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\bby\s+\d{1,2}(?::\d{2})?(?:\s*$|\s*[.,;!?)]|\s+(?:for|tonight|today|latest|please|pls)\b)|\bthis\s+(?:aft|arvo)\b|\bafter\s+lunch\b|\b(?:at|in)\s+(?:the|my|our)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm|o['’]clock)?\s+(?:meeting|call|sync|standup|check-?in)\b|\bbefore\s+(?:you|i)\s+(?:go|leave)\b|\bbefore\s+(?:closing\s+time|(?:we|the\s+(?:shop|store|office))\s+closes?)\b|\bnow\b
        |\bafter\s+this\s*(?:[.,;!?)]|$)|\bas\s+soon\s+as\s+i['’]?m\s+out\s+of\s+(?:this|the|my)\s+(?:meeting|call)\b|\b(?:by|before|at)\s+midday\b)
      | (?P<meeting>\bbefore\s+(?:this|that|the|my|our)\s+(?:[\w-]+\s+)?(?:call|meeting|sync|check-?in)\b)
      | \b(?:by|before|due|until|till|on)\s+(?P<iso>\d{4}-\d{2}-\d{2})\b
      | \b(?:by|before|due|until|till|on)\s+(?:the\s+)?
        (?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?
          |(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)\b
      | \b(?:by|before|until|till)\s+the\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)\b
        ",
    )
    .unwrap()
});

/// The same deadlines in German, French, Spanish and Portuguese: "bis
/// Freitag", "d'ici demain", "antes del viernes", "para mañana", "até sexta".
static DUE_INTL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:bis|d['’]ici|avant|pour|para|antes\s+del?|hasta\s+el|até|ate)\s+(?:zum\s+|le\s+|el\s+|la\s+|a\s+)?
        (?:(?P<next>nächsten|nächster|prochain|próximo|proximo)\s+)?
        (?P<wd>montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag
          |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche
          |lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo
          |segunda|terça|terca|quarta|quinta|sexta)(?:-feira|(?-i:abend|morgen|mittag|nachmittag|vormittag))?\b
      | \b(?:el|na|no|de|do|da|pra|para\s+[oa]|am|le|ce)\s+(?:(?P<next2>nächsten|prochain|próximo|proximo|próxima|proxima)\s+)?
        (?P<wd2>montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag
          |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche
          |lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo
          |segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?\b
      | \b(?P<wd5>lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|miercoles|jueves|viernes|segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?\s+(?:prochain|que\s+viene|que\s+vem)\b
      | \b(?:(?:bis|d['’]ici|avant|pour|para|antes\s+de|hasta|até|ate)\s+)?(?P<after>übermorgen|après-demain|pasado\s+mañana|pasado\s+manana|depois\s+de\s+amanhã|depois\s+de\s+amanha)\b
      | (?:\b(?:bis|d['’]ici|avant|pour|para|antes\s+de|hasta|até|ate|jusqu['’]à)\s+|\b)(?P<tomorrow>(?-i:morgen)|demain|mañana|manana|amanhã|amanha)\b
        (?:\s+(?:mittag|früh|vormittag|nachmittag|abend|matin|midi|soir|après-midi|temprano|cedo|por\s+la\s+(?:mañana|tarde)|a\s+la\s+(?:mañana|tarde)|de\s+manh[ãa]|à\s+tarde|(?:a|à)\s+(?:primera|première|primeira)\s+(?:hora|heure)|à\s+la\s+première\s+heure|logo\s+cedo|bem\s+cedo|(?:ao|al|en)\s+(?:fim|final|fin)\s+(?:do|del|de\s+la)\s+(?:dia|d[íi]a|journée))\b)?
      | \b(?P<wd3>(?-i:montag|dienstag|mittwoch|donnerstag|freitag)|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|miercoles|jueves|viernes)
        (?:\s+(?:à\s+|um\s+|a\s+las\s+|avant\s+|bis\s+|antes\s+de\s+las\s+)?\d{1,2}(?:[:h]\d{0,2})?(?:\s*uhr)?|\s+(?:matin|après-midi|soir|morgens|nachmittag|por\s+la\s+(?:mañana|tarde))|\s+(?:(?:avant|à|vers)\s+midi|(?:en\s+)?fin\s+de\s+journée|dans\s+la\s+matinée|(?:bis\s+)?mittag|vormittag|früh|abend|(?:vor|nach)\s+dem\s+mittag(?:essen)?|(?:antes\s+del|al|hasta\s+el)\s+mediod[ií]a|a\s+primera\s+hora|temprano|a\s+la\s+(?:mañana|tarde))\b|\s+(?:falls|wenn|si)\b|\s*$|\s*[.,;!?)])
      | \b(?P<wd4>segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?
        (?:\s+(?:às\s+|as\s+|até\s+[àa]s\s+|antes\s+das\s+)?\d{1,2}(?:[:h]\d{0,2})?|\s+(?:de\s+manh[ãa]|à\s+tarde|de\s+tarde|cedo|(?:antes|depois)\s+do\s+almo[çc]o|(?:ao|antes\s+do|até\s+o)\s+meio-dia)\b|\s+se\b|\s*$|\s*[.,;!?)])
      | \b(?P<now>hoje|hoy(?:\s+mismo)?|aujourd['’]hui|heute|agora(?:\s+de\s+manh[ãa])?|depois\s+do\s+almo[çc]o|até\s+o\s+almo[çc]o|antes\s+do\s+almo[çc]o|despu[ée]s\s+de(?:l|\s+la)\s+(?:daily|almuerzo|comida|reuni[óo]n)|esta\s+(?:mañana|tarde)|ce\s+(?:matin|soir)|cet\s+après-midi|heute\s+(?:morgen|nachmittag|abend)|nachher)\b
      | \b(?P<eodtmrw>(?:(?:en|à\s+la|d['’]ici\s+la|avant\s+la)\s+)?fin\s+de\s+(?:la\s+)?journée\s+(?:de\s+)?demain
          |(?:al|el|hasta\s+el|antes\s+del|para\s+el)\s+final?\s+del\s+d[ií]a\s+(?:de\s+)?(?:mañana|manana)
          |(?:no|ao|até\s+ao?|antes\s+do)\s+fi(?:m|nal)\s+do\s+dia\s+(?:de\s+)?(?:amanhã|amanha)
          |(?:bis\s+|zum\s+|am\s+)?(?:ende\s+des\s+tages|feierabend)\s+(?-i:morgen))\b
      | \b(?P<close>(?:vor|avant|antes\s+del?|antes\s+d[oa])\s+(?:dem\s+|la\s+|el\s+)?(?:feierabend|ladenschluss|dienstschluss|fermeture|cierre|fecho|encerramento))\b
      | \b(?P<today>bis\s+heute(?:\s+abend)?|esta\s+noche|hoy\s+por\s+la\s+(?:tarde|noche)|(?:al|el|hasta\s+el|antes\s+del)\s+fin(?:al)?\s+del\s+d[ií]a|(?:no|ao|até\s+ao|antes\s+do)\s+fi(?:m|nal)\s+do\s+dia|(?:bis\s+|zum\s+|am\s+)ende\s+des\s+tages|heute\s+noch|dans\s+la\s+matinée|dans\s+l['’]après-midi|cet\s+apr[eè]m|dans\s+la\s+foulée|al\s+rato|ce\s+midi|tout\s+de\s+suite|sofort|ahora\s+mismo|(?P<ahora>ahora)|agora\s+mesmo|en\s+seguida|avant\s+\d{1,2}\s*h\d{0,2}|bis\s+\d{1,2}(?::\d{2})?\s*uhr|d['’]ici\s+midi|d['’]ici\s+\d{1,2}\s*h\d{0,2}|al?\s+mediod[ií]a|ao\s+meio-dia|plus\s+tard|más\s+tarde|mais\s+tarde|später|en\s+fin\s+de\s+journée|fin\s+de\s+journée|al\s+final\s+del\s+d[ií]a|hasta\s+el\s+final\s+del\s+d[ií]a|até\s+(?:o|ao)\s+fi(?:m|nal)\s+do\s+dia|bis\s+(?:zum\s+)?feierabend|bis\s+ende\s+des\s+tages|avant\s+midi|avant\s+ce\s+soir|d['’]ici\s+ce\s+soir|para\s+hoy|hoy\s+mismo|antes\s+del\s+mediod[ií]a|até\s+hoje|ainda\s+hoje
          |nach\s+dem\s+mittag(?:essen)?|nach\s+der\s+mittagspause|bis\s+mittag|vor\s+dem\s+mittag(?:essen)?|vor\s+der\s+mittagspause|avant\s+(?:le\s+|de\s+)?(?:déjeuner|manger)|antes\s+de\s+(?:comer|almorzar)|antes\s+del\s+almuerzo|après\s+(?:le\s+)?(?:déjeuner|manger)|despu[ée]s\s+de\s+(?:comer|almorzar)
          |a\s+la\s+tarde|hoje\s+(?:à|a)\s+tarde|hasta\s+el\s+mediod[ií]a|at[ée]\s+(?:o\s+)?meio-dia|antes\s+do\s+meio-dia
          |en\s+cuanto\s+salga\s+de\s+(?:esta|la)\s+reuni[óo]n|assim\s+que\s+(?:eu\s+)?sair\s+da\s+reuni[ãa]o|dès\s+que\s+je\s+sors\s+de\s+(?:cette|la)\s+réunion|sobald\s+ich\s+aus\s+dem\s+meeting\s+(?:raus\s+)?bin
          |(?P<gleich>gleich)|\w{2,}o\s+já
          |à\s+(?:matin|soir)|après\s+\d{1,2}\s*h\d{0,2}|despu[ée]s\s+de\s+las\s+\d{1,2}(?::\d{2})?|depois\s+das\s+\d{1,2}(?:[:h]\d{0,2})?|nach\s+\d{1,2}(?::\d{2})?\s*uhr
          |(?:avant|après)\s+(?:ma|mon|la|le|notre)\s+[\w-]+\s+de\s+\d{1,2}\s*h\d{0,2}|(?:antes|despu[ée]s)\s+de\s+(?:mi|la|nuestra)\s+[\w-]+\s+de\s+las\s+\d{1,2}|(?:antes|depois)\s+d[ao]\s+(?:minha\s+|meu\s+|nossa\s+|nosso\s+)?[\w-]+\s+das\s+\d{1,2}(?:[:h]\d{0,2})?|(?:vor|nach)\s+(?:meiner|meinem|unserer|unserem|der|dem)\s+\d{1,2}(?::\d{2})?-?uhr-?[\w-]+
          |(?:à|vers|avant)\s+\d{1,2}\s*h\d{0,2}|um\s+\d{1,2}(?::\d{2})?\s*uhr|(?:a|antes\s+de)\s+las\s+\d{1,2}(?::\d{2})?|(?:às|até\s+[àa]s|antes\s+das)\s+\d{1,2}(?:[:h]\d{0,2})?
          |(?:na|en\s+la|à\s+la|im|in\s+der)\s+(?:reuni[ãa]o|reuni[óo]n|réunion|meeting|besprechung|call|daily)\s+(?:das|de\s+las|de|um)\s+\d{1,2}(?:[:h]\d{0,2})?
          |nach\s+(?:dem|meinem|unserem|diesem)\s+(?:[\w-]+-)?(?:meeting|call|standup|termin|daily|sync|weekly|jour\s+fixe)
          |après\s+(?:la|le|l['’]|mon|ma|notre|cette|ce)\s*(?:réunion|call|point|stand-?up|daily|sync|atelier|comité)
          |despu[ée]s\s+de\s+(?:mi|esta|nuestra|la)\s+(?:reuni[óo]n|llamada|daily|call|sync)
          |depois\s+d[ao]\s+(?:minha\s+|nossa\s+)?(?:reuni[ãa]o|daily|call|standup|sync))\b
      | (?P<meeting>\b(?:vor\s+(?:dem|meinem|unserem|diesem)\s+(?:meeting|call|termin|sync)|avant\s+(?:la|le|l['’]|ma|mon|notre|cette|ce)\s*(?:réunion|call|point|rdv|rendez-vous)|antes\s+de\s+(?:la|mi|esta|nuestra)\s+(?:reuni[óo]n|llamada|call)|antes\s+(?:d[ao]|dess?a|desta)\s+(?:minha\s+|nossa\s+)?(?:reuni[ãa]o|call|chamada))\b)
      | \b(?:bis(?:\s+zum)?|d['’]ici\s+le|avant\s+le|jusqu['’]au|para\s+el|antes\s+del|hasta\s+el|at[ée](?:\s+(?:o\s+|ao\s+)?dia)?)\s+(?P<dd>\d{1,2})[./](?P<mm>\d{1,2})\b
      | \b(?:bis\s+(?:zum\s+)?|d['’]ici\s+(?:le|au)\s+|avant\s+le\s+|jusqu['’]au\s+|para\s+el\s+(?:d[íi]a\s+)?|antes\s+del\s+(?:d[íi]a\s+)?|hasta\s+el\s+(?:d[íi]a\s+)?|at[ée]\s+(?:o\s+|ao\s+)?dia\s+)(?P<dom>\d{1,2})(?P<dot>\.|er\b|\b)
      | \b(?P<eom>(?:bis|vor|d['’]ici|avant|antes\s+de|hasta|até|ate)\s+(?:(?:zum|la|el|o|a)\s+)?(?:monatsende|ende\s+des\s+monats|fin\s+du\s+mois|fin\s+de(?:l)?\s+mes|fim\s+do\s+m[êe]s|final\s+do\s+m[êe]s))\b
      | \b(?P<eow>bis\s+ende\s+der\s+woche|d['’]ici\s+la\s+fin\s+de\s+la\s+semaine|avant\s+la\s+fin\s+de\s+la\s+semaine|antes\s+del\s+fin\s+de\s+semana|para\s+el\s+fin\s+de\s+semana|até\s+o\s+fim\s+da\s+semana|antes\s+do\s+fim\s+de\s+semana|vor\s+dem\s+wochenende|avant\s+le\s+week-?end|bis\s+(?:zum\s+)?wochenende|(?:d['’]ici\s+la|avant\s+la|en)\s+fin\s+de\s+(?:la\s+)?semaine|(?:para|antes\s+del)\s+fin\s+de\s+semana|até\s+ao\s+fi(?:m|nal)\s+da\s+semana|até\s+o\s+final\s+da\s+semana)\b
        ",
    )
    .unwrap()
});

/// A due date found in `text`: the date and the byte range of the phrase,
/// so the caller can drop "by Friday" from the item once it is a field.
/// The first deadline in the text wins, whatever its language.
pub(crate) fn find(text: &str, today: Date) -> Option<(Date, std::ops::Range<usize>)> {
    let english = find_english(text, today);
    let other = find_intl(text, today);
    match (english, other) {
        (Some(e), Some(o)) => Some(if o.1.start < e.1.start { o } else { e }),
        (e, o) => e.or(o),
    }
}

fn find_intl(text: &str, today: Date) -> Option<(Date, std::ops::Range<usize>)> {
    for c in DUE_INTL.captures_iter(text) {
        let range = c.get(0).expect("group 0 is the match").range();
        let before = text[..range.start].to_lowercase();
        if is_start_not_deadline(&before) || is_too_tight(&text[range.end..]) {
            continue;
        }
        if is_not_deadline_intl(&c, text, &before, range.end) {
            continue;
        }
        if c.name("meeting").is_some() && day_follows(&text[range.end..], today) {
            continue;
        }
        if c.name("close").is_some() && names_whose_close(&text[range.end..]) {
            continue;
        }
        let date = intl_date(&c, today);
        // "falo já com o Nuno", "leg ich gleich an": the verb before the
        // word stays in the task.
        let range = match c.name("today").map(|m| m.as_str()) {
            Some(t) if t.ends_with("já") || t.to_lowercase().ends_with("gleich") => {
                let last = t.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                range.start + last..range.end
            }
            _ => range,
        };
        if let Some(date) = date {
            return Some((date, range));
        }
    }
    None
}

/// Whether a match of `DUE_INTL` is a word that only looks like a
/// deadline here ("das gleiche", "por ahora", "isso já", "esta mañana").
fn is_not_deadline_intl(c: &regex::Captures, text: &str, before: &str, range_end: usize) -> bool {
    // "gleich" is "right away" after a verb, not "the same" ("das
    // gleiche", "gleich wie gestern", "ist gleich groß").
    if c.name("gleich").is_some() {
        static SAME: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)^\s*(?:wie|viel|groß|gross|lang|gut|alt|zeitig|hoch|breit|null|aus|ist)\b",
            )
            .unwrap()
        });
        let article = [
            "das ", "die ", "der ", "den ", "im ", "am ", "ist ", "sind ", "bin ", "war ",
        ]
        .iter()
        .any(|w| ends_with_words(before, w));
        if article || SAME.is_match(&text[range_end..]) {
            return true;
        }
    }
    if c.name("dom").is_some() && !is_day_of_month(c, &text[range_end..]) {
        return true;
    }
    // "ahora" is a deadline between a verb and its object ("llamo yo
    // ahora al encargado"), not as a clause's first word ("Ahora estoy
    // con…"), nor in "por ahora", "hasta ahora" (so far), nor closing a
    // yes ("dale, lo hago ahora"), whose day is the request's.
    if c.name("ahora").is_some() {
        let head = before.trim_end();
        let rest = text[range_end..]
            .split(['.', '!', '?', '\n'])
            .next()
            .unwrap_or_default();
        if !head.ends_with(char::is_alphanumeric)
            || !rest.chars().any(char::is_alphabetic)
            || ["por", "hasta", "de", "desde"]
                .iter()
                .any(|w| ends_with_words(head, w))
        {
            return true;
        }
    }
    // "isso já foi": "já" is "already" after anything but a verb.
    if c.name("today").is_some_and(|m| {
        m.as_str().ends_with("já")
            && ["isso", "isto", "tudo", "disso", "nisso"]
                .iter()
                .any(|w| m.as_str().to_lowercase().starts_with(w))
    }) {
        return true;
    }
    // "esta mañana", "la mañana", "heute Morgen" are the morning.
    if c.name("tomorrow").is_some()
        && [
            "esta ", "la ", "por la ", "de la ", "heute ", "guten ", "am ",
        ]
        .iter()
        .any(|w| ends_with_words(before, w))
    {
        return true;
    }
    // "a segunda, …" is "the second one", not Monday.
    if c.name("wd4").is_some()
        && ["a ", "o ", "la ", "el ", "uma ", "um "]
            .iter()
            .any(|w| ends_with_words(before, w))
    {
        return true;
    }
    false
}

/// The date a match of `DUE_INTL` names, counted from `today`.
fn intl_date(c: &regex::Captures, today: Date) -> Option<Date> {
    if let Some(wd) = c.name("wd").or(c.name("wd3")).or(c.name("wd4")) {
        weekday_intl(wd.as_str()).and_then(|w| by_weekday(today, w, c.name("next").is_some()))
    } else if let Some(wd) = c.name("wd2") {
        weekday_intl(wd.as_str()).and_then(|w| by_weekday(today, w, c.name("next2").is_some()))
    } else if let Some(wd) = c.name("wd5") {
        weekday_intl(wd.as_str()).and_then(|w| by_weekday(today, w, true))
    } else if c.name("now").is_some() || c.name("meeting").is_some() || c.name("close").is_some() {
        Some(today)
    } else if c.name("tomorrow").is_some() || c.name("eodtmrw").is_some() {
        today.tomorrow().ok()
    } else if c.name("after").is_some() {
        today.checked_add(2.days()).ok()
    } else if c.name("today").is_some() {
        Some(today)
    } else if c.name("eom").is_some() {
        Some(today.last_of_month())
    } else if let Some(dom) = c.name("dom") {
        day_of_month(dom.as_str(), today)
    } else if let (Some(d), Some(m)) = (c.name("dd"), c.name("mm")) {
        day_and_month(d.as_str(), m.as_str(), today)
    } else {
        by_weekday(today, Weekday::Friday, false)
    }
}

fn find_english(text: &str, today: Date) -> Option<(Date, std::ops::Range<usize>)> {
    for c in DUE.captures_iter(text) {
        let range = c.get(0).expect("group 0 is the match").range();
        // "today's PRs" names a thing, not a deadline; "before Thursday's
        // review" still is one.
        let said = text[range.clone()].to_lowercase();
        let preposition = ["by ", "before ", "due ", "until ", "till ", "on ", "for "]
            .iter()
            .any(|p| said.starts_with(p));
        if text[range.end..].starts_with(['\'', '’']) && !preposition {
            continue;
        }
        let before = text[..range.start].to_lowercase();
        if is_start_not_deadline(&before) || is_too_tight(&text[range.end..]) {
            continue;
        }
        // "for now" is no deadline.
        if c.name("now").is_some_and(|m| {
            m.as_str().eq_ignore_ascii_case("now")
                && text[..m.start()].to_lowercase().ends_with("for ")
        }) {
            continue;
        }
        if c.name("meeting").is_some() && day_follows(&text[range.end..], today) {
            continue;
        }
        let date = if c.name("now").is_some() || c.name("meeting").is_some() {
            Some(today)
        } else if c.name("eodtmrw").is_some() {
            today.tomorrow().ok()
        } else if let Some(wd) = c.name("wd5") {
            weekday(wd.as_str()).and_then(|w| by_weekday(today, w, false))
        } else if let Some(wd) = c.name("wd6") {
            weekday(wd.as_str()).and_then(|w| next_week(today, w))
        } else if c.name("after").is_some() {
            today.checked_add(2.days()).ok()
        } else if c.name("weekend").is_some() {
            by_weekday(today, Weekday::Friday, false)
        } else if let Some(rel) = c.name("rel") {
            relative(rel.as_str(), today)
        } else if let Some(wd) = c.name("wd") {
            let next = c.name("next").map(|m| m.as_str().to_lowercase());
            weekday(wd.as_str()).and_then(|w| by_weekday(today, w, next.as_deref() == Some("next")))
        } else if let Some(wd) = c.name("wd2") {
            weekday(wd.as_str()).and_then(|w| by_weekday(today, w, true))
        } else if let Some(wd) = c.name("wd3").or(c.name("wd4")) {
            weekday(wd.as_str()).and_then(|w| by_weekday(today, w, false))
        } else if let Some(iso) = c.name("iso") {
            iso.as_str().parse::<Date>().ok()
        } else if let Some(dom) = c.name("dom") {
            day_of_month(dom.as_str(), today)
        } else {
            let mon = c.name("mon").or(c.name("mon2")).map(|m| m.as_str());
            let day = c.name("day").or(c.name("day2")).map(|m| m.as_str());
            month_day(mon, day, today)
        };
        // "before Thursday's ops review" keeps its words: the review is
        // part of the task.
        let range = if text[range.end..].starts_with(['\'', '’']) {
            range.start..range.start
        } else {
            range
        };
        if let Some(date) = date {
            return Some((date, range));
        }
    }
    None
}

/// The close is of something named ("antes do fecho do mês", "avant la
/// fermeture du dossier", "antes del cierre de la auditoría"): a deadline
/// of its own, not the end of today's working day.
fn names_whose_close(after: &str) -> bool {
    static OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:d[oaeu]s?|del|de\s+la|de\s+l['’]|der|des)\b").unwrap()
    });
    OF.is_match(after)
}

/// The rest of the sentence names a day of its own: "before the meeting
/// on Thursday", "avant la réunion de jeudi" are due that day, where
/// "before the call" alone is today's meeting, the one the day holds.
fn day_follows(after: &str, today: Date) -> bool {
    let sentence = after
        .split(['.', '!', '?', '\n'])
        .next()
        .unwrap_or_default();
    find(sentence, today).is_some()
}

/// `text` ends with the words `tail`, not with the end of a longer word
/// ("dem Team morgen" is not "am Morgen").
fn ends_with_words(text: &str, tail: &str) -> bool {
    text.strip_suffix(tail)
        .is_some_and(|head| head.is_empty() || head.ends_with(|c: char| !c.is_alphanumeric()))
}

/// A day that something starts on, not a deadline: "since Sunday",
/// "she's on audit prep from tomorrow", "ab Montag", "à partir de demain",
/// "desde el lunes", "a partir de amanhã".
fn is_start_not_deadline(before: &str) -> bool {
    [
        "desde ",
        "since ",
        "seit ",
        "depuis ",
        "from ",
        "starting ",
        "ab ",
        "à partir de ",
        "a partir de ",
        "dès ",
    ]
    .iter()
    .any(|w| ends_with_words(before, w))
}

/// A day said to be too soon, in a counter-proposal: "Wednesday is
/// tight, Thursday?", "Mittwoch wird knapp", "mercredi c'est juste",
/// "el miércoles es muy justo", "quarta fica apertado". The day after it
/// is the deadline.
fn is_too_tight(after: &str) -> bool {
    static TIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:is|['’]s|is\s+too|wird|ist|wird\s+zu|c['’]est|es|está|fica|é)\s+(?:(?:a\s+bit|too|zu|un\s+peu|muy|un\s+poco|meio|muito)\s+)?(?:tight|soon|short|knapp|eng|juste|short|justo|apretado|apertado|corrido)\b")
            .unwrap()
    });
    TIGHT.is_match(after)
}

/// "Wednesday next week": that weekday in the week after this one.
fn next_week(today: Date, wd: Weekday) -> Option<Date> {
    let monday = today
        .checked_sub(i64::from(today.weekday().to_monday_zero_offset()).days())
        .ok()?;
    monday
        .checked_add((7 + i64::from(wd.to_monday_zero_offset())).days())
        .ok()
}

/// Parses the `today` field; a malformed one disables due dates rather
/// than failing the summary.
pub(crate) fn parse_today(today: &str) -> Option<Date> {
    today.trim().parse::<Date>().ok()
}

fn relative(word: &str, today: Date) -> Option<Date> {
    let w = word.to_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    match w.as_str() {
        "tomorrow" | "tmrw" | "tmr" => today.tomorrow().ok(),
        "end of week" | "end of the week" | "eow" => by_weekday(today, Weekday::Friday, false),
        "end of month" | "end of the month" | "eom" => Some(today.last_of_month()),
        _ => Some(today), // today, tonight, EOD, COB, end of (the) day
    }
}

fn weekday(word: &str) -> Option<Weekday> {
    let w = word.to_lowercase();
    Some(match &w[..3.min(w.len())] {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// A weekday's name in German, French, Spanish or Portuguese.
fn weekday_intl(word: &str) -> Option<Weekday> {
    let w = word.to_lowercase();
    Some(match w.as_str() {
        "montag" | "lundi" | "lunes" | "segunda" => Weekday::Monday,
        "dienstag" | "mardi" | "martes" | "terça" | "terca" => Weekday::Tuesday,
        "mittwoch" | "mercredi" | "miércoles" | "miercoles" | "quarta" => Weekday::Wednesday,
        "donnerstag" | "jeudi" | "jueves" | "quinta" => Weekday::Thursday,
        "freitag" | "vendredi" | "viernes" | "sexta" => Weekday::Friday,
        "samstag" | "samedi" | "sábado" | "sabado" => Weekday::Saturday,
        "sonntag" | "dimanche" | "domingo" => Weekday::Sunday,
        _ => return None,
    })
}

/// "by Friday" is today when today is Friday, else the coming Friday.
/// "next Friday" is the coming Friday unless that is still this week, then
/// the one after: said on a Monday it means the Friday of next week.
fn by_weekday(today: Date, wd: Weekday, next: bool) -> Option<Date> {
    if !next && today.weekday() == wd {
        return Some(today);
    }
    let coming = today.nth_weekday(1, wd).ok()?;
    if next {
        let days_left_in_week = 7 - today.weekday().to_monday_one_offset();
        let gap = (coming - today).get_days();
        if i64::from(gap) <= i64::from(days_left_in_week) {
            return coming.checked_add(7.days()).ok();
        }
    }
    Some(coming)
}

/// "bis zum 20.", "avant le 20", "para el 20" name a day of the month,
/// where "bis 12 Uhr", "avant le 20 h" or "para el 20%" do not: German
/// needs its ordinal dot, and no unit of time or percent may follow.
fn is_day_of_month(c: &regex::Captures, after: &str) -> bool {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[:%,]\d|\s*(?:%|h\b|h\d|uhr|heures?|horas?|hrs?|minutes?|minutos?|min\b|tage|jours|d[íi]as|semanas|semaines|wochen))")
            .unwrap()
    });
    let said = c.get(0).map_or("", |m| m.as_str()).to_lowercase();
    let german = said.starts_with("bis");
    if german && c.name("dot").map(|m| m.as_str()) != Some(".") {
        return false;
    }
    !UNIT.is_match(after)
}

/// "by the 20th", "bis zum 20.", "avant le 20": the next 20th of a month,
/// this month's unless it has passed. A day no month has is no date.
fn day_of_month(day: &str, today: Date) -> Option<Date> {
    let day: i8 = day.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let mut month = today.first_of_month();
    for _ in 0..3 {
        if let Ok(d) = Date::new(month.year(), month.month(), day) {
            if d >= today {
                return Some(d);
            }
        }
        month = month.checked_add(1.month()).ok()?;
    }
    None
}

/// "até 31/10", "bis 31.10.": day first, as these languages write it;
/// this year's, or next year's once it has passed.
fn day_and_month(day: &str, month: &str, today: Date) -> Option<Date> {
    let (day, month): (i8, i8) = (day.parse().ok()?, month.parse().ok()?);
    let this_year = Date::new(today.year(), month, day).ok()?;
    if this_year >= today {
        Some(this_year)
    } else {
        Date::new(today.year() + 1, month, day).ok()
    }
}

/// "by Dec 3" is this year's Dec 3, or next year's once it has passed.
fn month_day(mon: Option<&str>, day: Option<&str>, today: Date) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = mon?.to_lowercase();
    let month = MONTHS.iter().position(|p| m.starts_with(p))? as i8 + 1;
    let day: i8 = day?.parse().ok()?;
    let this_year = Date::new(today.year(), month, day).ok()?;
    if this_year >= today {
        Some(this_year)
    } else {
        Date::new(today.year() + 1, month, day).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2027-05-05 is a Wednesday.
    fn day() -> Date {
        Date::new(2027, 5, 5).unwrap()
    }

    fn due(text: &str) -> Option<String> {
        find(text, day()).map(|(d, _)| d.to_string())
    }

    #[test]
    fn the_day_after_tomorrow_in_every_language() {
        for text in [
            "bitte bis übermorgen den Bericht",
            "je te l'envoie après-demain",
            "lo tengo para pasado mañana",
            "mando depois de amanhã",
            "I'll send it the day after tomorrow",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-07"), "{text}");
        }
    }

    #[test]
    fn end_of_day_on_a_weekday_and_a_weekday_next_week() {
        assert_eq!(due("send it by EOD Friday").as_deref(), Some("2027-05-07"));
        assert_eq!(
            due("maybe Tuesday next week").as_deref(),
            Some("2027-05-11")
        );
    }

    #[test]
    fn a_day_something_starts_on_is_no_deadline() {
        for text in [
            "she is on leave from tomorrow",
            "the job is broken since Monday, I checked",
            "ab morgen bin ich weg",
            "à partir de demain je suis en congé",
        ] {
            assert_eq!(due(text), None, "{text}");
        }
    }

    #[test]
    fn a_possessive_after_a_preposition_is_a_deadline_and_keeps_its_words() {
        let (date, range) = find("ready before Friday's review", day()).unwrap();
        assert_eq!(date.to_string(), "2027-05-07");
        assert!(range.is_empty());
        assert_eq!(due("Friday's review went well"), None);
    }

    #[test]
    fn later_today_in_words() {
        for text in [
            "schau ich mir nach dem Mittag an",
            "te paso los resultados a la tarde",
            "mando mensagem até o meio-dia",
            "te lo apruebo en cuanto salga de esta reunión",
            "I will ask them after this.",
            "I give you the role right after standup",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
    }

    #[test]
    fn right_now_keeps_its_verb_in_the_task() {
        let text = "falo já com o time";
        let (_, range) = find(text, day()).unwrap();
        assert_eq!(&text[range], "já");
        let text = "leg ich gleich an";
        let (_, range) = find(text, day()).unwrap();
        assert_eq!(&text[range], "gleich");
        assert_eq!(due("isso já foi resolvido"), None);
    }

    #[test]
    fn a_time_of_day_after_tomorrow_belongs_to_the_deadline() {
        let text = "könntest du das bis morgen Mittag anschauen";
        let (date, range) = find(text, day()).unwrap();
        assert_eq!(date.to_string(), "2027-05-06");
        assert_eq!(&text[range], "bis morgen Mittag");
        let text = "review it by tomorrow morning";
        let (_, range) = find(text, day()).unwrap();
        assert_eq!(&text[range], "by tomorrow morning");
    }

    #[test]
    fn a_day_called_too_tight_is_not_the_deadline() {
        assert_eq!(
            due("Friday is tight, Monday?").as_deref(),
            Some("2027-05-10")
        );
    }

    #[test]
    fn a_day_of_the_month_alone_in_every_language() {
        // 2027-05-05: the 20th is this month's, the 3rd next month's.
        for text in [
            "add the findings to the pack by the 20th?",
            "bitte bis zum 20. die Zahlen schicken",
            "tu peux me l'envoyer avant le 20 ?",
            "¿me lo pasas para el 20?",
            "manda o relatório até o dia 20",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-20"), "{text}");
        }
        assert_eq!(due("send it by the 3rd").as_deref(), Some("2027-06-03"));
        for text in [
            "bis 20 Uhr im Büro",
            "bis 20 Leute",
            "avant le 20 h",
            "para el 20% de los casos",
            "by the 20th of June",
        ] {
            assert_ne!(due(text).as_deref(), Some("2027-05-20"), "{text}");
        }
    }

    #[test]
    fn right_after_in_words_is_today() {
        for text in [
            "je crée le CHG dans la foulée",
            "je relance le labo cet aprem",
            "te lo mando al rato",
            "llamo yo ahora al encargado",
            "envio-te até ao fim do dia",
            "I'll raise it at the 11am meeting",
            "ich spreche es im Meeting um 11 an",
            "je le dis à la réunion de 11h",
            "lo comento en la reunión de las 11",
            "vou cobrar o pessoal na reunião das 11",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
        for text in [
            "ninguno por ahora",
            "Ahora estoy con el informe",
            "hasta ahora nada",
            "dale, lo hago ahora",
        ] {
            assert_eq!(due(text), None, "{text}");
        }
    }

    #[test]
    fn a_weekday_before_a_condition_or_a_part_of_the_day() {
        for text in [
            "call the surveyor Friday if the report is not there",
            "Freitag wenn nichts kommt",
            "je relance vendredi si rien n'arrive",
            "llamo al perito el viernes si no llega",
            "ligo pro perito na sexta se não chegar",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-07"), "{text}");
        }
        let text = "give them access by Monday morning, they start at 8";
        let (date, range) = find(text, day()).unwrap();
        assert_eq!(date.to_string(), "2027-05-10");
        assert_eq!(&text[range], "by Monday morning");
    }

    #[test]
    fn a_day_and_month_in_figures() {
        for text in [
            "bitte bis 20.05. die Lizenz verlängern",
            "renouveler la licence d'ici le 20/05",
            "renovar la licencia antes del 20/05",
            "renovar a licença do Ibama até 20/05",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-20"), "{text}");
        }
        assert_eq!(due("até 01/03").as_deref(), Some("2028-03-01"));
        assert_eq!(due("bis 01.03. fertig").as_deref(), Some("2028-03-01"));
    }

    #[test]
    fn noon_and_an_hour_are_today() {
        for text in [
            "je le fais avant midi",
            "peux-tu préparer la liste d'ici 14h ?",
            "te lo llevo al mediodía",
            "levo ao meio-dia",
            "I'll drop it by noon",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
    }

    #[test]
    fn before_the_weekend_is_friday() {
        for text in [
            "I must open the case before the weekend",
            "ich muss das vor dem Wochenende abschließen",
            "je dois l'envoyer avant le week-end",
            "hay que cerrarlo antes del fin de semana",
            "preciso fechar antes do fim de semana",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-07"), "{text}");
        }
    }

    #[test]
    fn a_time_of_day_after_a_weekday_is_part_of_the_deadline() {
        for (text, phrase) in [
            ("send the numbers Monday before noon", "Monday before noon"),
            ("die Zahlen Montag bis Mittag schicken", "Montag bis Mittag"),
            ("remontée des chiffres lundi avant midi", "lundi avant midi"),
            (
                "los números lunes antes del mediodía",
                "lunes antes del mediodía",
            ),
            (
                "os números segunda antes do almoço",
                "segunda antes do almoço",
            ),
        ] {
            let (date, range) = find(text, day()).expect(text);
            assert_eq!(date.to_string(), "2027-05-10", "{text}");
            assert_eq!(&text[range], phrase, "{text}");
        }
    }

    /// "Before the call" with no day is due today, in every language; a
    /// day named after it ("before the meeting on Friday") wins.
    #[test]
    fn before_the_meeting_is_today_unless_it_names_its_day() {
        for text in [
            "can you send me the figures before the call?",
            "schick mir die Zahlen bitte vor dem Meeting",
            "tu peux m'envoyer les chiffres avant la réunion ?",
            "¿me pasas las cifras antes de la reunión?",
            "manda os números antes da reunião",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
        for text in [
            "send me the figures before the meeting on Friday",
            "schick mir die Zahlen vor dem Meeting am Freitag",
            "envoie-moi les chiffres avant la réunion de vendredi",
            "pásame las cifras antes de la reunión del viernes",
            "manda os números antes da reunião de sexta",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-07"), "{text}");
        }
    }

    /// The end of the working day said in words, with no preposition or
    /// as "before closing", is today in every language; a named close
    /// ("antes do fecho do mês") is not.
    #[test]
    fn the_end_of_the_working_day_in_words_is_today() {
        for text in [
            "I'll post the figures before closing time",
            "schick ich dir vor Feierabend",
            "je te l'envoie avant la fermeture",
            "te lo paso antes del cierre",
            "mando-te antes do fecho",
            "termino o relatório no fim do dia",
            "lo dejo listo al final del día",
            "das Protokoll kommt am Ende des Tages",
            "te lo mando esta noche",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
        for text in [
            "tenho de entregar antes do fecho do mês",
            "avant la fermeture du dossier",
            "antes del cierre de la auditoría",
        ] {
            assert_ne!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
    }

    /// "Next" said after the weekday ("lundi prochain", "el lunes que
    /// viene", "segunda que vem") is the weekday of next week, as "next
    /// Monday" is; "until tomorrow" keeps its preposition in French too.
    #[test]
    fn next_after_the_weekday_and_the_end_of_the_week() {
        for text in [
            "send it next Monday",
            "schick es bis nächsten Montag",
            "je l'envoie lundi prochain",
            "lo mando el lunes que viene",
            "mando segunda que vem",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-10"), "{text}");
        }
        for text in [
            "ready by end of week",
            "fertig bis Wochenende",
            "prêt en fin de semaine",
            "listo para fin de semana",
            "pronto até ao fim da semana",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-07"), "{text}");
        }
        let text = "tu peux le garder jusqu'à demain";
        let (date, range) = find(text, day()).unwrap();
        assert_eq!(date.to_string(), "2027-05-06");
        assert_eq!(&text[range], "jusqu'à demain");
    }

    #[test]
    fn a_portuguese_weekday_standing_alone() {
        for text in [
            "fecho o relatório sexta.",
            "mando sexta-feira de manhã",
            "entrego sexta às 10h",
            "ligo pro perito sexta se não chegar",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-07"), "{text}");
        }
        for text in [
            "a segunda, a de março, já foi",
            "pela quinta vez",
            "o sexta.",
        ] {
            assert_eq!(due(text), None, "{text}");
        }
    }

    #[test]
    fn the_end_of_tomorrows_working_day_is_tomorrow() {
        for text in [
            "I'll have the numbers to you by end of day tomorrow",
            "send me the draft EOD tomorrow please",
            "je t'envoie le devis en fin de journée demain",
            "te mando el presupuesto al final del día de mañana",
            "mando o orçamento até ao fim do dia de amanhã",
            "schick ich dir bis Feierabend morgen",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-06"), "{text}");
        }
    }

    #[test]
    fn before_lunch_is_today() {
        for text in [
            "I'll ring the supplier before lunch",
            "you get the slides until lunchtime",
            "ich ruf den Lieferanten vor dem Mittagessen an",
            "j'appelle le fournisseur avant le déjeuner",
            "llamo al proveedor antes de comer",
            "te paso la tabla antes del almuerzo",
            "ligo ao fornecedor antes do almoço",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
    }

    #[test]
    fn a_meeting_with_a_name_of_its_own_is_still_todays() {
        for text in [
            "I'll phone the landlord after the budget meeting",
            "I'll read it before our design call",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
    }

    #[test]
    fn a_german_weekday_joined_to_its_part_of_the_day() {
        assert_eq!(
            due("ich räume das Regal bis Freitagabend aus").as_deref(),
            Some("2027-05-07")
        );
        assert_eq!(
            due("bis Donnerstagvormittag ist das erledigt").as_deref(),
            Some("2027-05-06")
        );
    }

    /// An hour said after "after" or before a round of one's own ("after
    /// the 10am", "avant ma tournée de 11h", "depois das 11") is today.
    #[test]
    fn after_an_hour_or_before_a_round_at_an_hour_is_today() {
        for text in [
            "I'll ring the supplier straight after the 10am",
            "I'm at the depot on the 1pm round anyway",
            "ich rufe den Lieferanten nach 11 Uhr an",
            "je lance le relavage avant ma tournée de 11h",
            "j'appelle le fournisseur après 14h",
            "llamo al proveedor después de las 11",
            "ligo ao fornecedor depois das 11",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
    }

    /// A bare hour after "by" closing the ask ("by 6 for training night",
    /// "ETA by 2"), "this aft" and Quebec's "à matin", "à soir" are today;
    /// a number that is an amount is not.
    #[test]
    fn by_an_hour_this_aft_and_a_matin_are_today() {
        for text in [
            "can you bring the two handsets by 6 for training night?",
            "will confirm the ETA by 2",
            "I'll ring the highways desk again this aft",
            "tu peux relancer l'adaptatrice à matin ?",
            "je te l'envoie à soir",
        ] {
            assert_eq!(due(text).as_deref(), Some("2027-05-05"), "{text}");
        }
        for text in [
            "we cut the budget by 6 percent",
            "the queue grew by 20 tickets",
        ] {
            assert_eq!(due(text), None, "{text}");
        }
    }
}
