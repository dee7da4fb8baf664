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
        (?:\b(?:by|before|due|until|till|on|for)\s+)?(?:the\s+)?
        (?P<rel>end\s+of\s+(?:the\s+)?(?:day|week|month)|eod|eow|eom|cob|tomorrow|tmrw|tmr|tonight|today)\b
      | \b(?:by|before|due|until|till|on|for)\s+(?:the\s+)?(?:(?P<next>next|this)\s+)?
        (?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b(?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)\b)?
      | \bnext\s+(?P<wd2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b
      | \b(?:first\s+thing\s+(?:on\s+)?)?(?P<wd3>monday|tuesday|wednesday|thursday|friday|saturday|sunday)
        (?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\s+(?:morning|afternoon|evening|eod)\b|\s*$|\s*[.,;!?)])
      | \bfirst\s+thing\s+(?:on\s+)?(?P<wd4>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b
      | (?P<now>\b(?:at|before|by)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b(?:at|before)\s+\d{1,2}(?::\d{2})?(?:\s|$|[.,;!?)])|\bthis\s+(?:morning|afternoon|evening)\b|\blater\s+today\b
        |\b(?:by|before|at)\s+noon\b|\bright\s+(?:after|away|now)\b|\bafter\s+(?:this|the|my)\s+(?:call|meeting|standup|daily|sync)\b|\bafter\s+(?:my|the|our)\s+\d{1,2}(?::\d{2})?\b|\bafter\s+lunch\b|\bbefore\s+(?:you|i)\s+(?:go|leave)\b|\bnow\b)
      | \b(?:by|before|due|until|till|on)\s+(?P<iso>\d{4}-\d{2}-\d{2})\b
      | \b(?:by|before|due|until|till|on)\s+(?:the\s+)?
        (?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?
          |(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)\b
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
          |segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?\b
      | \b(?:el|na|no|de|do|da|pra|para\s+[oa]|am|le|ce)\s+(?:(?P<next2>nächsten|prochain|próximo|proximo|próxima|proxima)\s+)?
        (?P<wd2>montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag
          |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche
          |lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo
          |segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?\b
      | \b(?:(?:bis|d['’]ici|avant|pour|para|antes\s+de|hasta|até|ate)\s+)?(?P<tomorrow>(?-i:morgen)|demain|mañana|manana|amanhã|amanha)\b
      | \b(?P<wd3>(?-i:montag|dienstag|mittwoch|donnerstag|freitag)|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|miercoles|jueves|viernes)
        (?:\s+(?:à\s+|um\s+|a\s+las\s+)?\d{1,2}(?:[:h]\d{0,2})?(?:\s*uhr)?|\s+(?:matin|après-midi|soir|morgens|nachmittag|por\s+la\s+(?:mañana|tarde))|\s*$|\s*[.,;!?)])
      | \b(?P<now>hoje|hoy|aujourd['’]hui|heute|hoy\s+mismo|agora(?:\s+de\s+manh[ãa])?|depois\s+do\s+almo[çc]o|até\s+o\s+almo[çc]o|antes\s+do\s+almo[çc]o|despu[ée]s\s+de(?:l|\s+la)\s+(?:daily|almuerzo|comida|reuni[óo]n)|esta\s+(?:mañana|tarde)|ce\s+(?:matin|soir)|cet\s+après-midi|heute\s+(?:morgen|nachmittag|abend)|nachher)\b
      | \b(?P<today>bis\s+heute(?:\s+abend)?|heute\s+noch|dans\s+la\s+matinée|dans\s+l['’]après-midi|cet\s+aprèm|ce\s+midi|tout\s+de\s+suite|sofort|ahora\s+mismo|agora\s+mesmo|en\s+seguida|avant\s+\d{1,2}\s*h\d{0,2}|bis\s+\d{1,2}(?::\d{2})?\s*uhr|d['’]ici\s+midi|plus\s+tard|más\s+tarde|mais\s+tarde|später|en\s+fin\s+de\s+journée|fin\s+de\s+journée|al\s+final\s+del\s+d[ií]a|hasta\s+el\s+final\s+del\s+d[ií]a|até\s+o\s+fi(?:m|nal)\s+do\s+dia|bis\s+(?:zum\s+)?feierabend|bis\s+ende\s+des\s+tages|avant\s+midi|avant\s+ce\s+soir|d['’]ici\s+ce\s+soir|para\s+hoy|hoy\s+mismo|antes\s+del\s+mediod[ií]a|até\s+hoje|ainda\s+hoje)\b
      | \b(?P<eow>bis\s+ende\s+der\s+woche|d['’]ici\s+la\s+fin\s+de\s+la\s+semaine|avant\s+la\s+fin\s+de\s+la\s+semaine|antes\s+del\s+fin\s+de\s+semana|para\s+el\s+fin\s+de\s+semana|até\s+o\s+fim\s+da\s+semana)\b
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
        // "desde el lunes" is since Monday, not by it.
        let before = text[..range.start].to_lowercase();
        if ["desde ", "since ", "seit ", "depuis "]
            .iter()
            .any(|w| before.ends_with(w))
        {
            continue;
        }
        // "esta mañana", "la mañana", "heute Morgen" are the morning.
        if c.name("tomorrow").is_some()
            && [
                "esta ", "la ", "por la ", "de la ", "heute ", "guten ", "am ",
            ]
            .iter()
            .any(|w| before.ends_with(w))
        {
            continue;
        }
        let date = if let Some(wd) = c.name("wd").or(c.name("wd3")) {
            weekday_intl(wd.as_str()).and_then(|w| by_weekday(today, w, c.name("next").is_some()))
        } else if let Some(wd) = c.name("wd2") {
            weekday_intl(wd.as_str()).and_then(|w| by_weekday(today, w, c.name("next2").is_some()))
        } else if c.name("now").is_some() {
            Some(today)
        } else if c.name("tomorrow").is_some() {
            today.tomorrow().ok()
        } else if c.name("today").is_some() {
            Some(today)
        } else {
            by_weekday(today, Weekday::Friday, false)
        };
        if let Some(date) = date {
            return Some((date, range));
        }
    }
    None
}

fn find_english(text: &str, today: Date) -> Option<(Date, std::ops::Range<usize>)> {
    for c in DUE.captures_iter(text) {
        let range = c.get(0).expect("group 0 is the match").range();
        // "today's PRs" names a thing, not a deadline.
        if text[range.end..].starts_with(['\'', '’']) {
            continue;
        }
        // "for now" is no deadline.
        if c.name("now").is_some_and(|m| {
            m.as_str().eq_ignore_ascii_case("now")
                && text[..m.start()].to_lowercase().ends_with("for ")
        }) {
            continue;
        }
        let date = if c.name("now").is_some() {
            Some(today)
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
        } else {
            let mon = c.name("mon").or(c.name("mon2")).map(|m| m.as_str());
            let day = c.name("day").or(c.name("day2")).map(|m| m.as_str());
            month_day(mon, day, today)
        };
        if let Some(date) = date {
            return Some((date, range));
        }
    }
    None
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
