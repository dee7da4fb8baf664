//! Who took work on in a conversation, beyond the phrases the standup
//! reader knows: a reply that volunteers for a "who takes …?" or "can
//! someone …?", help promised to someone blocked, a task carried by a
//! decision, "X owner: <@U2>", and first-person commitments in the present
//! ("Lo lanzo yo", "je relance legal", "I'm renewing it now") — each with
//! its object, so that "Take it" says what was taken.

use std::collections::HashSet;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::super::due;
use super::super::promises::NOT_PRESENT_PROMISE;
use super::super::text::{clip, is_acceptance, is_noise, sentences, word_count};
use super::gates;
use super::{
    proposal, shares_words, Said, AGREEMENT, ASSIGNS, DECISION, DECISION_PREFIX, ITEM_CHARS,
    LOOK_BACK,
};
use crate::summarize::{ActionItem, Blocker, Summary};

/// "Who takes …?" — a question that asks for a volunteer.
static WHO_TAKES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\W*(?:who|wer|qui|quién|quem)\b[^?]*\?").unwrap());

/// A reply in the first person: "I'll take …", "Ich übernehme …", "Je
/// prends …", "Yo me encargo …", "Eu fico com …".
static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:(?:ok(?:ay)?|sure|yes|yeah|ja|klar|oui|sí|si|sim|vale|claro)\W+)?(?:I\b|I['’]|ich\b|je\b|j['’]|moi\b|yo\b|me\b|eu\b)",
    )
    .unwrap()
});

/// First-person words that report or opine rather than promise.
static NOT_A_PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:\w+\W+)?(?:
          I\s+(?:think|guess|feel|believe|agree|disagree|like|love|prefer|liked|loved|don['’]t|do\s+not|was|wasn['’]t|did|didn['’]t|had|have\s+(?:been|no|not|the\s+same)|see|saw|got)\b | I['’]m\s+(?:not|seeing|getting|also|too|back|here|off|out|heading|going\s+(?:to\s+)?(?:lunch|home|offline))\b
        | ich\s+(?:glaube|denke|finde|war|habe)\b | je\s+(?:pense|crois|trouve|suis\s+d['’]accord)\b | j['’]ai\b
        | (?:yo\s+)?(?:creo|pienso)\b | me\s+(?:parece|gusta|encanta|suena)\b | (?:eu\s+)?(?:acho|penso)\b )",
    )
    .unwrap()
});

/// Adds the action items only a conversation shows, and gives every task
/// and blocker its object.
pub(super) fn add(said: &[Said<'_>], summary: &mut Summary, today: Option<Date>) {
    // A leftover that names no work ("Nicht", "Have you") goes, and so does
    // a ruling read as a task ("Call it: the board moves to dnd-kit").
    summary
        .action_items
        .retain(|a| names_work(&a.text) && !DECISION.is_match(&a.text));
    let took = volunteers(said, summary, today);
    summary.action_items.extend(took);
    let carried = decision_tasks(said, summary, today);
    summary.action_items.extend(carried);
    let assigned = owners(said, summary, today);
    summary.action_items.extend(assigned);
    let committed = commitments(said, summary, today);
    summary.action_items.extend(committed);
    drop_acceptances(said, &mut summary.action_items);
    // One task a message and owner: a second one from the same words is
    // the same work read twice ("I'll fix it, will do it today").
    let mut seen: HashSet<(String, Option<String>)> = HashSet::new();
    summary
        .action_items
        .retain(|a| seen.insert((a.owner.clone(), a.source_ts.clone())));
    summary
        .action_items
        .retain(|a| !OPINION.is_match(&a.text) && !said_in_passing(said, a) && !offered(said, a));
    summary.action_items.retain(|a| {
        !dangles(&a.text)
            && !gates::is_negated(&a.text)
            && !gates::only_news(&a.text)
            && !gates::not_work(&a.text)
            && !promised_by_author(said, a)
            && !permitted(said, a)
    });
    // "¿qué tal el finde? …" is small talk: it gives nobody work.
    summary.action_items.retain(|a| {
        !said
            .iter()
            .any(|m| m.ts.is_some() && m.ts == a.source_ts.as_deref() && super::small_talk(&m.text))
    });
    explain_replies(said, summary);
    for b in &mut summary.blockers {
        b.text = with_object(said, b.source_ts.as_deref(), &b.text, None);
    }
    for a in &mut summary.action_items {
        a.text = with_lead_clause(said, a.source_ts.as_deref(), &a.text);
        a.text = with_object(said, a.source_ts.as_deref(), &a.text, Some(&a.owner));
        a.text = with_decision(summary.decisions.as_slice(), a);
    }
}

/// A task said in a decision's message that names nothing of it ("Das
/// Migrations-Ticket schreib ich bis Freitag" after "wir nehmen Karpenter
/// …"): the decision says what the ticket is about.
fn with_decision(decisions: &[crate::summarize::Item], a: &ActionItem) -> String {
    let decided = decisions
        .iter()
        .find(|d| d.source_ts.is_some() && d.source_ts == a.source_ts);
    match decided {
        Some(d) if !a.text.contains("(re: ") && !shares_words(&a.text, &d.text) => {
            clip(&format!("{} (re: {})", a.text, d.text), ITEM_CHARS)
        }
        _ => a.text.clone(),
    }
}

/// "<@U2> mach ich, gib mir 5 min": the mention says whom the author
/// answers, the author promises; the one mentioned owes nothing.
fn promised_by_author(said: &[Said<'_>], a: &ActionItem) -> bool {
    let Some(m) = said
        .iter()
        .find(|m| m.ts.is_some() && m.ts == a.source_ts.as_deref())
    else {
        return false;
    };
    let Some(lead) = LEADING_MENTIONS.find(&m.text) else {
        return false;
    };
    // "<@U2> pode rodar o gitleaks hoje? eu aviso o pessoal" asks first.
    let first = sentences(&m.text[lead.end()..]).into_iter().next();
    m.user != a.owner
        && lead.as_str().contains(a.owner.as_str())
        && first.is_some_and(|f| !f.ends_with('?') && is_promise(&f))
}

/// "can I delete them from Figma?" answered "<@U1> pode apagar, ninguém
/// usa": leave to do what its asker asked about is no task given.
fn permitted(said: &[Said<'_>], a: &ActionItem) -> bool {
    let Some(i) = said
        .iter()
        .position(|m| m.ts.is_some() && m.ts == a.source_ts.as_deref())
    else {
        return false;
    };
    let m = &said[i];
    m.user != a.owner
        && said[..i]
            .iter()
            .rev()
            .filter(|p| p.root == m.root)
            .take(LOOK_BACK)
            .any(|p| {
                p.user == a.owner
                    && sentences(&p.text)
                        .iter()
                        .any(|s| s.ends_with('?') && MAY_I.is_match(s))
            })
}

/// A question asking leave: "can I …?", "kann ich …?", "je peux …?",
/// "¿puedo …?", "posso …?".
static MAY_I: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:can|may|should)\s+I\b|\b(?:kann|darf|soll)\s+ich\b|\b(?:je\s+peux|puis-je|je\s+(?:dois|supprime))\b|\bpuedo\b|\bposso\b").unwrap()
});

/// A short task that names nothing particular ("Do the intro", "Fail
/// over") with what its own sentence says before it ("Northgate Logistics
/// agreed to be a reference - I'll do the intro"), as "… (re: …)": the
/// object is in that clause, not in the task.
fn with_lead_clause(said: &[Said<'_>], source: Option<&str>, text: &str) -> String {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        // What only asks or promises ("<@U3> can you", "I'll", "kannst du
        // bitte", "kannst du mir", "can you give me") names nothing of the
        // work.
        Regex::new(r"(?i)(?:[\s,;:\-–—]|<@[A-Z0-9]+>|\b(?:I['’]ll|I\s+will|I['’]m\s+going\s+to|I\s+can|and|so|then|ich|je|yo|eu|und|et|y|e|can|could|would|will|you|please|pls|me|us|mir|uns|moi|nous|nos|kannst|könntest|du|bitte|peux|pourrais|pouvez|tu|vous|puedes|podrías|podes|pode|poderia|consegue|você)\b)*$").unwrap()
    });
    let particular = text.split_whitespace().enumerate().any(|(k, w)| {
        w.chars().any(|c| c.is_ascii_digit())
            || (k > 0 && w.chars().next().is_some_and(char::is_uppercase))
            || w.trim_matches(|c: char| !c.is_alphanumeric())
                .contains(['.', '_', '/', '#', '-'])
    });
    // "Take the product sections (1–60)" after "Their CISO sent a
    // security questionnaire": a definite object named by what was said
    // before it in the same sentence.
    let definite = DEFINITE.is_match(text);
    if text.contains("(re: ") || ((word_count(text) > 3 || particular) && !definite) {
        return text.to_string();
    }
    let Some(m) = said.iter().find(|m| m.ts.is_some() && m.ts == source) else {
        return text.to_string();
    };
    // The task's first words: the reader may have cut a date out later on.
    let wanted = text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', '!', ','])
        .to_lowercase();
    let lead = sentences(&m.text).into_iter().find_map(|s| {
        let at = s.to_lowercase().find(&wanted)?;
        let lead = TAIL.replace(s.get(..at)?, "").trim().to_string();
        let fits = word_count(&lead) >= 3 && !is_noise(&lead) && !shares_words(&lead, text);
        fits.then_some(lead)
    });
    match lead {
        Some(l) => clip(&format!("{text} (re: {l})"), ITEM_CHARS),
        None => text.to_string(),
    }
}

/// A verb and a definite object: "Take the infra section", "Schreib das
/// Migrations-Ticket", "Prépare la liste".
static DEFINITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*\w+\s+(?:the|das|die|den|der|le|la|les|el|los|las)\s+\S").unwrap()
});

/// "Ich würde auf 12 Monate gehen", "I'd keep it": what one would do is a
/// view on the question, not a promise.
static OPINION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:perso|personally|personnellement|persönlich|personalmente|pessoalmente)\W+)?(?:je\s+pousse|I\s+(?:push|root)\s+for|I['’]m\s+(?:all\s+)?for|ich\s+bin\s+(?:eher\s+)?für|I['’]d|I\s+would|ich\s+würde|ich\s+schlag(?:e)?|I\s+(?:propose|suggest)|I\s+lean\s+towards?|I['’]m\s+leaning|(?:ich\s+)?tendiere\s+dazu|ich\s+wär(?:e)?\s+(?:eher\s+)?für|je\s+serais\s+(?:plutôt\s+)?pour|(?:yo\s+)?estaría\s+a\s+favor|(?:eu\s+)?seria\s+a\s+favor|I\s+vote\s+for|je\s+pencherais|me\s+inclino|tendo\s+a|je\s+propose|(?:yo\s+)?propongo|(?:eu\s+)?proponho|je\s+(?:ferais|partirais|prendrais|garderais|dirais)|yo\s+\w+ría|eu\s+\w+ria)\b").unwrap()
});

/// Help offered for whoever wants it ("Pair on the Kotlin DSL stuff if
/// anyone wants, just ping me", "happy to lend my Pixel 8 if anyone needs
/// to test", "falls jemand …", "si alguien quiere …"): nobody has asked
/// for it yet, so nobody owes it.
static OFFER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bif\s+(?:anyone|anybody|someone|somebody|you|y['’]all|people|folks)\s+(?:wants?|needs?|would\s+like|likes?)\b | \bif\s+(?:it|that)\s+helps\b | \bif\s+(?:needed|wanted|useful|helpful)\b
      | \bjust\s+(?:ping|say\s+the\s+word|let\s+me\s+know|shout|holler)\b | \b(?:with|for)\s+(?:anyone|anybody)\s+(?:who|that)\s+wants?\b | \bwith\s+anyone\b
      | \bfalls\s+(?:jemand|ihr|du)\b | \bwenn\s+(?:jemand|ihr\s+wollt|du\s+willst|es\s+hilft)\b | \bsag(?:t)?\s+(?:einfach\s+)?bescheid\b
      | \bsi\s+(?:quelqu['’]un|vous\s+voulez|tu\s+veux|besoin|ça\s+(?:aide|peut\s+aider))\b | \bfaites[-\s]moi\s+signe\b
      | \bsi\s+(?:alguien|quieres|queréis|hace\s+falta|necesitáis|necesitas|sirve)\b | \bse\s+(?:alguém|quiserem|quiser|precisar(?:em)?|ajudar)\b | \bme\s+avis[ae]m?\b
        ",
    )
    .unwrap()
});

/// The task was read from an offer of its owner's (see [`OFFER`]).
fn offered(said: &[Said<'_>], a: &ActionItem) -> bool {
    let Some(m) = said
        .iter()
        .find(|m| m.ts.is_some() && m.ts == a.source_ts.as_deref())
    else {
        return false;
    };
    let head: String = a.text.to_lowercase().chars().take(20).collect();
    m.user == a.owner
        && sentences(&m.text)
            .iter()
            .any(|s| OFFER.is_match(s) && s.to_lowercase().contains(&head))
}

/// "Reminder: the welcome session is at 11:00", "Lembrete: reunião …":
/// an event announced, not work taken on.
static REMINDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:@|<!)?(?:channel|here|everyone)>?\W*)?(?:(?:small|quick|friendly|just\s+a)\s+)?(?:reminder|rappel|recordatorio|lembrete|erinnerung)\b").unwrap()
});

/// A task its owner only said in passing: read from their own reminder of
/// an event, or from their own question ("Will the new model change the
/// numbers?" commits nobody to changing them).
fn said_in_passing(said: &[Said<'_>], a: &ActionItem) -> bool {
    let Some(m) = said
        .iter()
        .find(|m| m.ts.is_some() && m.ts == a.source_ts.as_deref())
    else {
        return false;
    };
    if m.user != a.owner {
        return false;
    }
    let head: String = a.text.to_lowercase().chars().take(30).collect();
    REMINDER.is_match(&m.text)
        || sentences(&m.text)
            .iter()
            .any(|s| s.ends_with('?') && s.to_lowercase().contains(&head))
}

/// Two words at most, the last a pronoun ("Have you", "Lanzo yo"), or one
/// word: not a task anyone could do.
fn names_work(text: &str) -> bool {
    const PRONOUNS: &[&str] = &[
        "you", "yo", "it", "ich", "je", "me", "eu", "das", "that", "this", "them", "es", "lo",
    ];
    let plain = EMOJI.replace_all(text, " ");
    let words: Vec<String> = plain
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric) && !w.starts_with("<@"))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    match words.as_slice() {
        [] | [_] => false,
        [_, last] => !PRONOUNS.contains(&last.as_str()),
        _ => true,
    }
}

/// A text that stops on a word that needs another after it ("Rejoins
/// l'équipe à partir d'", "Send the draft to"): a phrase cut short (by a
/// date taken out, or a clipped message) whose object is lost, so it names
/// no work a reader could check. An elided article or preposition ("d'",
/// "l'") and the words below never end a phrase in these languages; the
/// words that can ("log in", "roll out", "das", English "an" that is German
/// "ruf ihn an", and German separable
/// prefixes such as "ein", "um", "mit", "zu": "spiele den Dump ein") are
/// left out.
fn dangles(text: &str) -> bool {
    const NEEDS_MORE: &[&str] = &[
        "to", "of", "for", "from", "with", "the", "a", "and", "or", "into", "von", "für", "der",
        "den", "dem", "eine", "und", "à", "de", "du", "des", "le", "la", "les", "un", "une",
        "pour", "avec", "et", "del", "el", "los", "las", "una", "para", "con", "y", "dos", "uma",
        "com", "e",
    ];
    let Some(last) = text.split_whitespace().last() else {
        return false;
    };
    if last.ends_with(['\'', '’']) && last.chars().any(char::is_alphabetic) {
        return true;
    }
    NEEDS_MORE.contains(&last.to_lowercase().as_str())
}

/// An emoji code, also one cut short at the end of a text (":sweat_smile").
static EMOJI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r":[a-z0-9_+'\-]+(?::|$)").unwrap());

/// "Can someone review …?", "Kann jemand …?", "¿alguien puede …?": a
/// request to whoever takes it, like "who takes …?".
static SOMEONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:can|could|would)\s+(?:someone|somebody|anyone|anybody)\b | \bany\s+(?:takers|volunteers)\b
        | \b(?:kann|könnte|mag)\s+(?:sich\s+)?(?:das\s+)?(?:jemand|wer)\b | \bquelqu['’]un\s+(?:peut|pourrait|veut)\b
        | \balguien\s+(?:puede|podría|quiere)\b | \balgu[ée]m\s+(?:pode|consegue)\b
        | \b(?:anyone|anybody|someone|somebody)\s+(?:wants?|willing|free|up\s+for)\b",
    )
    .unwrap()
});

/// "someone needs to write the status update", "we need someone to
/// update the runbook": work waiting for a taker, like "who takes …?".
pub(super) static WANTS_SOMEONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:some(?:one|body))\s+(?:needs?\s+to|has\s+to|should|must|ought\s+to)\b | \bwe\s+need\s+(?:some(?:one|body)|a\s+volunteer)\b
        | \bjemand\s+(?:muss|sollte)\b | \bquelqu['’]un\s+(?:doit|devrait)\b | \bil\s+faudrait\s+que\s+quelqu['’]un\b
        | \balguien\s+(?:tiene|debería|debe)\b | \bnecesitamos\s+a\s+alguien\b | \balgu[ée]m\s+(?:precisa|tem\s+que|deveria)\b",
    )
    .unwrap()
});

/// A reply that takes the work on: "will do", "on it", "I'll take it",
/// "übernehme ich", "je prends", "la hago yo", "eu pego", "deixa comigo".
static TAKES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:(?:yes|yep|yeah|sure|ok(?:ay)?|oui|ja|klar|sí|si|claro|vale|va|dale|listo|sim|top|ça\s+marche)\W+)*(?:
          l[oa]s?\s+\w+o | will\s+do | on\s+it | can\s+do | take\s+it | mine | dibs | ich\s+nehm(?:e)?\s+(?:es|das|ihn|sie) | (?:yo\s+)?l[oa]\s+tomo | i['’]ll\s+(?:take|do|handle)\s+(?:it|that|this) | i\s+can\s+(?:take|do)
        | übernehme\s+ich | ich\s+übernehme | mach(?:e)?\s+ich | ich\s+mach(?:e)?\s+das | ich\s+kümmere\s+mich
        | je\s+prends | je\s+m['’]en\s+(?:occupe|charge) | je\s+le\s+fais
        | me\s+encargo | yo\s+me\s+encargo | l[oa]\s+hago(?:\s+yo)? | me\s+ocupo
        | eu\s+pego | pego\s+eu | fa[çc]o\s+eu | deixa\s+comigo | pode\s+deixar | eu\s+fa[çc]o | fico\s+com )\b",
    )
    .unwrap()
});

/// A commitment said in the present, anywhere in a message: "I'm renewing
/// it now", "Lo lanzo yo esta tarde", "se lo mando yo", "je relance legal",
/// "die Android-Regression zieh ich durch", "eu pego a revogação".
static COMMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          \bI['’]m\s+\w+ing\b[^.!?]*\b(?:now|right\s+away|today|this\s+(?:morning|afternoon))\b
        | ^\W*(?:on\s+it\W+)?\w+ing\b[^.!?]*\bnow\b
        | \bI\s+can\s+(?:pick\s+up|own|handle|draft|write|set\s+up|look\s+into)\b | \bI['’]m\s+(?:taking|picking\s+up|handling)\b
        | \b(?:übernehme|übernehm|mach(?:e)?|zieh(?:e)?|erledige)\s+ich\b | \bich\s+(?:übernehme|kümmere\s+mich|erledige)\b
        | \b(?:ich\s+kann|kann\s+ich)\s+(?:das\s+|es\s+)?(?:gerne?\s+)?(?:übernehmen|machen|erledigen)\b
        | \bje\s+(?:prends|relance|lance|m['’]en\s+(?:occupe|charge)|m['’]occupe)\b | \bje\s+(?:te|vous|lui|leur)\s+(?:l[ea]s?\s+|l['’])?\w+ | \bte\s+l[oa]s?\s+\w+o\b
        | \b(?:l[oa]s?|se\s+l[oa]s?)\s+\w+o\s+yo\b | \b(?:yo\s+)?me\s+(?:encargo|ocupo)\b
        | \beu\s+(?:pego|fa[çc]o|cuido)\b | \b(?:pego|fa[çc]o|cuido)\s+eu\b | \bdeixa\s+comigo\b
        ",
    )
    .unwrap()
});

/// "I'm heading to lunch now": the author's day, not a task.
static OFF_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:heading|going|leaving|stepping|signing|logging|grabbing|getting|having|taking\s+(?:a\s+)?(?:break|lunch|off|the\s+day)|running\s+late|working\s+from|seeing|feeling|hoping|wondering|thinking)\b|\b(?:lunch|coffee|break|home|offline|ooo|afk|vacation|pto|holiday|day\s+off)\b").unwrap()
});

/// A first-person present with "now" or a near day in Spanish or
/// Portuguese ("Limpio la caché del metadata ahora", "Reinicio os pods
/// agora", "bora — migro os modelos até sexta", "lo reviso antes del
/// jueves"), after an optional yes; `verb` is checked against the words
/// the standup reader knows end the same way but promise nothing.
static PRESENT_NOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^\W*(?:(?:ok|vale|dale|listo|bora|beleza|fechado|sí|si|sim|claro|perfecto|perfeito)\W+)*(?:(?:yo|eu)\s+)?(?:(?:se|te|le|lo|la|les|los|las|lhe)\s+){0,2}(?P<verb>\w{3,}o)\s[^.!?]*\b(?:
        ahora|agora|ahorita|ya\s+mismo|en\s+seguida|já|hoy|hoje|esta\s+tarde|esta\s+noche|hoje\s+à\s+(?:tarde|noite)
      | (?:até|antes\s+d[eoa]l?|para\s+el)\s+(?:segunda|terça|quarta|quinta|sexta|amanhã|lunes|martes|miércoles|jueves|viernes|mañana) )\b").unwrap()
});

/// A first-person present that promises in German and French, where the
/// present is the usual way to say what one will do: with a near time
/// ("Ich schreib heute noch die Rollback-Anleitung", "dann schreib ich
/// Kessler gleich zurück", "je mets les lignes dans le fichier ce soir")
/// or, in German, with the verb's separable prefix closing the sentence
/// ("Ich bereite die Demo-Umgebung vor", "Ich leg es an"). English says
/// "I'm …ing now" and Spanish and Portuguese "lo reviso ahora" (above).
static DATED_PRESENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\W*(?:(?:ok(?:ay)?|gut|dann|danke|so|also|klar)\W+)*ich\s+(?P<de>\w+)\b[^.!?]*\b(?:heute|gleich|jetzt|sofort|nachher|morgen|nach\s+dem\s+\w+|bis\s+(?:montag|dienstag|mittwoch|donnerstag|freitag|morgen|heute|ende))\b
      | \b(?:dann|gleich|jetzt|heute|morgen|nachher)\s+(?P<inv>\w+)\s+ich\b
      | ^\W*(?:(?:ok(?:ay)?|gut|dann|danke|so|also|klar)\W+)*ich\s+(?P<sep>\w+)\s[^.!?]*\s(?:an|auf|ein|vor|zurück|nach|fertig|durch|um|ab|aus|zusammen|bereit)\W*$
      | ^\W*(?:(?:ok|bon|alors|merci|d['’]accord)\W+)*je\s+(?:m['’]|te\s+|le\s+|la\s+|les\s+|l['’]|lui\s+|leur\s+|vous\s+)?(?P<fr>\w+)\b[^.!?]*\b(?:ce\s+soir|aujourd['’]hui|tout\s+de\s+suite|maintenant|demain|cet\s+après-midi|cet\s+apr[eè]m|ce\s+matin|dans\s+la\s+journée)
        ",
    )
    .unwrap()
});

/// Verbs of the first person that say what one is, thinks, can or must,
/// not what one will do ("Ich bin heute weg", "je pense que demain …").
const NOT_DOING: &[&str] = &[
    "bin",
    "war",
    "hab",
    "habe",
    "hatte",
    "hätte",
    "glaube",
    "glaub",
    "denke",
    "denk",
    "finde",
    "find",
    "weiß",
    "kann",
    "könnte",
    "muss",
    "müsste",
    "soll",
    "sollte",
    "würde",
    "wäre",
    "will",
    "wollte",
    "hoffe",
    "hoff",
    "komm",
    "komme",
    "geh",
    "gehe",
    "seh",
    "sehe",
    "mag",
    "darf",
    "brauch",
    "brauche",
    "fahr",
    "fahre",
    "freu",
    "freue",
    "mein",
    "meine",
    "frag",
    "frage",
    "suis",
    "pense",
    "crois",
    "trouve",
    "sais",
    "peux",
    "dois",
    "veux",
    "ai",
    "avais",
    "étais",
    "serai",
    "serais",
    "voulais",
    "aimerais",
    "préfère",
    "reviens",
    "pars",
    "vois",
    "comprends",
    "entscheide",
    "entscheid",
    "décide",
];

/// What keeps a dated present from promising: a negation, a past time, a
/// meal or the end of the day ("Ich hab gestern …", "ich mach gleich
/// Mittag", "je vais déjeuner").
static NOT_A_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:nicht|kein\w*|nie|gestern|vorhin|ne|n['’]|pas|mittag(?:essen|spause)?|pause|feierabend|schluss|déjeuner|manger|rentrer)\b").unwrap()
});

/// The sentence promises in the German or French present (see
/// [`DATED_PRESENT`]).
pub(super) fn dated_present(sentence: &str) -> bool {
    let Some(c) = DATED_PRESENT.captures(sentence) else {
        return false;
    };
    let verb = ["de", "inv", "sep", "fr"]
        .iter()
        .find_map(|n| c.name(n))
        .map(|v| v.as_str().to_lowercase());
    // "nach dem Mittag", "après le déjeuner" say when, not a meal instead.
    static AFTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:nach\s+dem|après\s+le)\s+\w+").unwrap());
    let plan = !NOT_A_PLAN.is_match(&AFTER.replace_all(sentence, " "));
    // "Ich schaue mir cert-manager an" with no time says what one is
    // looking at right now, a status; "ich schau's mir morgen an" plans.
    let looking = c
        .name("sep")
        .is_some_and(|v| LOOKS.contains(&v.as_str().to_lowercase().as_str()));
    verb.is_some_and(|v| !NOT_DOING.contains(&v.as_str())) && plan && !looking
}

/// German verbs of looking, which the separable "an" ends.
const LOOKS: &[&str] = &["schau", "schaue", "guck", "gucke", "seh", "sehe"];

/// The subject pronoun before a Spanish or Portuguese present, which
/// these languages leave out unless the speaker stresses who does it: "yo
/// reservo la sala grande", "eu atualizo o template" — work one takes on.
static I_DO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:yo|eu)\s+(?:(?:se|te|le|lo|la|les|los|las|lhe|o|a|os|as)\s+){0,2}(?P<verb>\w{3,}o)\b").unwrap()
});

/// The verb before a stressed "yo"/"eu" or an affirming "sí"/"sim", at
/// the head of a reply after at most one interjection: "puedo yo, el
/// viernes mejor", "putz, faço sim", "consigo sim".
static DO_I: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:\w+\W+)?(?P<verb>\w{3,}o)\s+(?:yo|eu|sí|sim)\b").unwrap()
});

/// Verbs after "yo"/"eu" that think, want or hope rather than do.
const I_THINK: &[&str] = &[
    "creo", "pienso", "supongo", "espero", "prefiero", "quiero", "opino", "acho", "penso",
    "espero", "prefiro", "quero", "suponho", "tengo", "tenho", "estoy", "estou", "sigo", "sei",
    "digo",
];

/// The sentence stresses that its author does the work (see [`I_DO`]).
fn i_do(sentence: &str) -> bool {
    let stressed = I_DO.captures(sentence).is_some_and(|c| {
        let verb = c["verb"].to_lowercase();
        !I_THINK.contains(&verb.as_str())
            && !NOT_PRESENT_PROMISE.contains(&verb.as_str())
            && !gerund(&verb)
    });
    // "puedo yo" offers what "puedo ver …" only reports.
    let inverted = DO_I.captures(sentence).is_some_and(|c| {
        let verb = c["verb"].to_lowercase();
        !I_THINK.contains(&verb.as_str()) && !NOT_A_VERB.contains(&verb.as_str()) && !gerund(&verb)
    });
    stressed || inverted
}

/// A Spanish or Portuguese gerund ("revisando", "fazendo"), not a
/// first-person verb that ends the same way ("mando", "respondo",
/// "vendo").
fn gerund(verb: &str) -> bool {
    const FIRST_PERSON_NDO: &[&str] = &[
        "mando", "respondo", "vendo", "prendo", "enciendo", "comando", "expando",
    ];
    verb.ends_with("ndo") && !FIRST_PERSON_NDO.contains(&verb)
}

/// Words ending in -o that head a reply without being a verb ("bueno
/// sí", "claro yo", "certo sim").
const NOT_A_VERB: &[&str] = &[
    "bueno", "claro", "pero", "como", "todo", "esto", "eso", "mismo", "cierto", "seguro", "listo",
    "correcto", "exacto", "obvio", "certo", "isso", "tudo", "também", "hecho", "perfecto",
    "perfeito", "vamo", "muito", "mucho", "pronto",
];

/// A commitment said in the present, one of the forms above.
pub(super) fn commits(sentence: &str) -> bool {
    let present_now = PRESENT_NOW.captures(sentence).is_some_and(|c| {
        let verb = c["verb"].to_lowercase();
        !NOT_PRESENT_PROMISE.contains(&verb.as_str()) && !gerund(&verb)
    });
    (COMMIT.is_match(sentence) && !OFF_WORK.is_match(sentence))
        || present_now
        || dated_present(sentence)
        || i_do(sentence)
}

/// Words that say "right away": help promised to someone blocked
/// ("adding you now!") needs no "I'll".
static NOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:now|right\s+away|today|ahora|agora|hoy|hoje|jetzt|gleich|heute|maintenant|tout\s+de\s+suite|aujourd['’]hui)\b").unwrap()
});

/// The reply promises, in the first person or by taking the work on.
fn is_promise(text: &str) -> bool {
    let text = LEADING_MENTIONS.replace(text, "");
    if text.trim_end().ends_with('?') {
        return false;
    }
    // "j'ai un Pixel 8 dans mon sac, je te le passe après le déj": the
    // promise is a clause after a report.
    let promises = (FIRST_PERSON.is_match(&text) && !NOT_A_PROMISE.is_match(&text))
        || TAKES.is_match(&text)
        || commits(&text);
    promises
        || text
            .split([',', ';'])
            .skip(1)
            .any(|c| TAKES.is_match(c.trim()) || commits(c.trim()))
}

static LEADING_MENTIONS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+").unwrap());

/// Who took work on: a reply that promises, in the thread of a "who takes
/// …?" / "can someone …?" question, of a request to the one replying, of
/// someone's blocker (help: also "adding you now!"), or after a decision
/// (by anyone, the proposer included). The task is the reply, with what it
/// answers when the reply alone does not name it.
fn volunteers(said: &[Said<'_>], summary: &Summary, today: Option<Date>) -> Vec<ActionItem> {
    let blocked: HashSet<&str> = summary
        .blockers
        .iter()
        .filter_map(|b| b.source_ts.as_deref())
        .collect();
    let known: HashSet<&str> = summary
        .action_items
        .iter()
        .filter_map(|a| a.source_ts.as_deref())
        .collect();
    let mut out: Vec<ActionItem> = Vec::new();
    for (i, m) in said.iter().enumerate() {
        let skip = |ts: &str| known.contains(ts) || blocked.contains(ts);
        if m.top_level || m.ts.is_none_or(skip) {
            continue;
        }
        let due = today
            .and_then(|t| due::find(&m.text, t))
            .map(|(d, _)| d.to_string());
        let when = due.is_some() || NOW.is_match(&m.text);
        let promise = is_promise(&m.text);
        let soft = SOFT_YES.is_match(&m.text);
        if !(promise || when || soft) {
            continue;
        }
        let Some((occasion, kind)) = occasion(said, i, summary) else {
            continue;
        };
        let helps = kind == Asked::Help;
        // "sure!" takes on what was asked of the one answering.
        let accepts = soft && kind == Asked::Task;
        if !(promise || (helps && when) || accepts) {
            continue;
        }
        let reply = clip(m.text.trim(), ITEM_CHARS / 2);
        let text = if helps || word_count(&reply) < 6 || !shares_words(&reply, &occasion) {
            format!("{reply} (re: {occasion})")
        } else {
            reply
        };
        out.push(ActionItem {
            owner: m.user.to_string(),
            text: clip(&text, ITEM_CHARS),
            due,
            source_ts: m.ts.map(str::to_string),
        });
    }
    out
}

/// A task its author said in a reply that does not name what it answers
/// ("Lo apruebo hoy sin falta" under someone's blocker, "I'll do it after
/// lunch" under a question) gets it, as "(re: …)"; help for someone
/// blocked always says whose blocker it is.
fn explain_replies(said: &[Said<'_>], summary: &mut Summary) {
    let mut explained = Vec::new();
    for (k, a) in summary.action_items.iter().enumerate() {
        let Some(i) = said
            .iter()
            .position(|m| m.ts.is_some() && m.ts == a.source_ts.as_deref())
        else {
            continue;
        };
        if said[i].top_level || said[i].user != a.owner || a.text.contains("(re: ") {
            continue;
        }
        if let Some((occasion, kind)) = occasion(said, i, summary) {
            let helps = kind == Asked::Help;
            let vague = word_count(&a.text) <= 2 || PRONOUN.is_match(&a.text);
            if helps || (vague && !shares_words(&a.text, &occasion)) {
                explained.push((k, clip(&format!("{} (re: {occasion})", a.text), ITEM_CHARS)));
            }
        }
    }
    for (k, text) in explained {
        summary.action_items[k].text = text;
    }
}

/// What the reply `said[i]` takes on, from the nearest earlier message of
/// its thread that asks for it, and whether that is help for someone
/// blocked.
fn occasion(said: &[Said<'_>], i: usize, summary: &Summary) -> Option<(String, Asked)> {
    let m = &said[i];
    let source = |ts: Option<&str>, list: &[Option<&str>]| ts.is_some() && list.contains(&ts);
    let decided: Vec<Option<&str>> = summary
        .decisions
        .iter()
        .map(|d| d.source_ts.as_deref())
        .collect();
    for p in said[..i]
        .iter()
        .rev()
        .filter(|p| p.root == m.root)
        .take(LOOK_BACK)
    {
        if source(p.ts, &decided) {
            return Some((asked_in(&p.text), Asked::Decided));
        }
        if p.user == m.user {
            continue;
        }
        if let Some(b) = summary
            .blockers
            .iter()
            .find(|b| p.ts.is_some() && b.source_ts.as_deref() == p.ts)
        {
            return Some((help_asked(&p.text, b), Asked::Help));
        }
        // "Should we make it a button?" "yes, I'll turn it into one":
        // the yes takes on what the question proposed.
        let proposed = gates::yes_i_will(&m.text)
            && sentences(&p.text)
                .iter()
                .any(|s| super::is_yes_no_question(s));
        if proposed {
            return Some((asked_in(&p.text), Asked::Task));
        }
        // "who here has done more than 10 interviews this month? asking
        // for my sanity :upside_down_face:" wants a laugh, not a taker.
        if super::JOKE.is_match(&p.text) {
            continue;
        }
        let asks_me = super::super::text::mentions(&p.text)
            .iter()
            .any(|u| u == m.user)
            && (p.text.contains('?') || super::REQUEST.is_match(&p.text));
        // "<@U1> revoke the key right away please. <@U2> can you own the
        // OIDC migration?": U1 was asked the first.
        let own = sentences(&p.text);
        let to_me = own.iter().position(|s| {
            super::super::text::mentions(s)
                .first()
                .is_some_and(|u| u == m.user)
        });
        if let Some(at) = to_me.filter(|_| asks_me) {
            return Some((asked_at(&own, at), Asked::Task));
        }
        if asks_me
            || sentences(&p.text)
                .iter()
                .any(|s| WHO_TAKES.is_match(s) || SOMEONE.is_match(s) || WANTS_SOMEONE.is_match(s))
        {
            return Some((asked_in(&p.text), Asked::Task));
        }
    }
    None
}

/// What a helper takes on from the message that states `blocker`.
/// "… Can someone fix the permission set?": the request. "… can you
/// re-grant it?" names nothing: then the blocker. "¿Alguien me puede dar
/// acceso?" is too short to say to what: the sentence before it with it.
fn help_asked(text: &str, blocker: &Blocker) -> String {
    let own = sentences(text);
    let request = own.iter().rposition(|s| {
        s.ends_with('?')
            && (SOMEONE.is_match(s) || super::REQUEST.is_match(s))
            && !PRONOUN.is_match(s)
    });
    let request = request.map(|k| match k.checked_sub(1) {
        Some(b) if word_count(&own[k]) < 7 => format!("{} {}", own[b], own[k]),
        _ => own[k].clone(),
    });
    request.unwrap_or_else(|| blocker.text.clone())
}

/// What a reply answers: a decision, someone's blocker, or a request for
/// work (to the one replying, or to whoever takes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    Decided,
    Help,
    Task,
}

/// A yes that takes on a request when it answers one: "sure!", "of
/// course", "klar", "claro", "bien sûr", "com certeza".
static SOFT_YES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:sure(?:\s+thing)?|of\s+course|absolutely|no\s+problem|np|happy\s+to|claro|klar|gerne|bien\s+sûr|avec\s+plaisir|por\s+supuesto|com\s+certeza)\b").unwrap()
});

/// The sentence of a message that asks (its last question, else its last
/// sentence), after the sentence before it when it is too short to name
/// anything ("¿Quién la toma?", "tu lances tout de suite ?").
fn asked_in(text: &str) -> String {
    let own = sentences(text);
    let Some(at) = own
        .iter()
        .rposition(|s| s.ends_with('?'))
        .or(own.len().checked_sub(1))
    else {
        return String::new();
    };
    asked_at(&own, at)
}

/// Sentence `at` of a message, after the sentence before it when it is
/// too short to name anything or points back at it.
fn asked_at(own: &[String], at: usize) -> String {
    let lead = at.checked_sub(1).map(|b| own[b].as_str());
    match lead {
        // "Felix, kannst du das bis Ende der Woche ausrollen?" rolls out
        // what the sentence before it says.
        Some(lead)
            if (word_count(&LEADING_MENTIONS.replace(&own[at], "")) < 7
                || POINTS_BACK.is_match(&own[at]))
                && !is_noise(lead) =>
        {
            format!("{lead} {}", own[at])
        }
        _ => own[at].clone(),
    }
}

/// A request whose object is a thing named before: "kannst du das …
/// ausrollen?", "can you roll it out?", "tu peux le faire ?", "¿lo puedes
/// provisionar?".
static POINTS_BACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:du|you|tu|vous)\s+(?:\w+\s+)?(?:das|es|it|that|this|le|la|les|ça)\b|\b(?:lo|la|los|las|o|a)\s+(?:puedes|podés|pode|podes|consegue)\b").unwrap()
});

/// "postmortem owner: <@U2>, due Monday": the person named owns it.
static OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:owner|lead|driver|responsable|verantwortlich|dono)\s*[:=]\s*<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>").unwrap()
});

/// "I take pricing" in a sentence that hands out work to others too.
static I_TAKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:I\s+(?:take|own|handle)|ich\s+(?:nehme|übernehme)|je\s+prends|yo\s+(?:tomo|me\s+encargo\s+de)|eu\s+(?:pego|fico\s+com))\s+(?P<what>[^,.;!?]+)").unwrap()
});

/// "<@U2> owns that config", "<@U2> owns this repo": who owns a thing
/// already named says whom to ask, it hands out no work (the work, if any,
/// is the blocker or request around it).
static OWNS_NAMED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)>\s+owns\s+(?:that|this|those|these)\b").unwrap());

/// Work handed out by name in one sentence ("Split: I take pricing,
/// <@U2> takes integrations, <@U3> takes security."): one task a person,
/// said with what the message is about.
fn handed_out(m: &Said<'_>, today: Option<Date>) -> Vec<ActionItem> {
    let mut out = Vec::new();
    let own = sentences(&m.text);
    for (k, s) in own.iter().enumerate() {
        let mut given: Vec<(String, String)> = ASSIGNS
            .captures_iter(s)
            .filter(|c| !OWNS_NAMED.is_match(&c[0]))
            .map(|c| (c["who"].to_string(), c["what"].trim().to_string()))
            .collect();
        if given.is_empty() {
            continue;
        }
        if let Some(c) = I_TAKE.captures(s) {
            given.insert(0, (m.user.to_string(), c["what"].trim().to_string()));
        }
        let lead = k
            .checked_sub(1)
            .map(|b| own[b].as_str())
            .filter(|l| !is_noise(l) && word_count(l) >= 3);
        for (who, what) in given {
            let text = match lead {
                Some(l) => format!("{what} (re: {l})"),
                None => what,
            };
            out.push(new_task(who, &text, &m.text, today, m.ts));
        }
    }
    out
}

/// A task for `owner` from the message at `ts`: `text` clipped to an
/// item's length, due on the date the words `dated` name, if any.
fn new_task(
    owner: String,
    text: &str,
    dated: &str,
    today: Option<Date>,
    ts: Option<&str>,
) -> ActionItem {
    ActionItem {
        owner,
        text: clip(text, ITEM_CHARS),
        due: today
            .and_then(|t| due::find(dated, t))
            .map(|(d, _)| d.to_string()),
        source_ts: ts.map(str::to_string),
    }
}

/// Whether the summary already has a task of `owner` from the message at `ts`.
fn has_task(summary: &Summary, owner: &str, ts: Option<&str>) -> bool {
    summary
        .action_items
        .iter()
        .any(|a| a.owner == owner && a.source_ts.as_deref() == ts)
}

/// "<@U3> the Sentry DSNs please" after "<@U2> can you take the deploy
/// keys?": a request that names only its object.
static ASKED_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>[\s,:]*(?P<what>(?:the|your|die|den|das|le|la|les|el|los|las|o|os|as)\s+[^.?!]{3,80}?)[\s,]*(?:please|pls|bitte|por\s+favor|s['’]il\s+te\s+pla[iî]t|stp)\W*$").unwrap()
});

/// Tasks handed out as "X owner: <@U2>" (one a sentence) or as "<@U2>
/// owns the rollout", "<@U2> takes integrations".
fn owners(said: &[Said<'_>], summary: &Summary, today: Option<Date>) -> Vec<ActionItem> {
    let mut out = Vec::new();
    for m in said {
        for a in handed_out(m, today) {
            if !has_task(summary, &a.owner, a.source_ts.as_deref()) {
                out.push(a);
            }
        }
        for s in sentences(&m.text) {
            let Some(c) = OWNER.captures(&s).or_else(|| ASKED_FOR.captures(&s)) else {
                continue;
            };
            let who = &c["who"];
            if has_task(summary, who, m.ts) || m.ts.is_none() {
                continue;
            }
            out.push(new_task(who.to_string(), &s, &s, today, m.ts));
        }
    }
    out
}

/// First-person commitments in the present that the phrase rules did not
/// read ("Lo documento en el ticket y se lo mando yo", "I'm renewing it
/// now"), one a message, for a message that has no task of its author yet.
fn commitments(said: &[Said<'_>], summary: &Summary, today: Option<Date>) -> Vec<ActionItem> {
    let mut out = Vec::new();
    for m in said {
        if has_task(summary, m.user, m.ts) || m.ts.is_none() {
            continue;
        }
        let found = sentences(&m.text)
            .into_iter()
            .find(|s| !s.ends_with('?') && commits(s));
        let Some(sentence) = found else {
            continue;
        };
        out.push(new_task(
            m.user.to_string(),
            &sentence,
            &sentence,
            today,
            m.ts,
        ));
    }
    out
}

/// A reply that accepts a request ("me encargo", "I'll take it, done by
/// Wednesday") is the task the request already gave its author: it goes,
/// and a date it names is the task's due date.
fn drop_acceptances(said: &[Said<'_>], items: &mut Vec<ActionItem>) {
    let mut i = 0;
    while i < items.len() {
        let asked = said
            .iter()
            .position(|m| m.ts.is_some() && m.ts == items[i].source_ts.as_deref())
            .filter(|&at| {
                let m = &said[at];
                // "looking now" under "<@U2> can you take a look?" is the
                // request being worked on, not a second task.
                let accepts = TAKES.is_match(&m.text)
                    || SOFT_YES.is_match(&m.text)
                    || is_acceptance(&m.text)
                    || word_count(&m.text) < 6;
                !m.top_level && m.user == items[i].owner && accepts
            })
            .and_then(|at| {
                let m = &said[at];
                said[..at]
                    .iter()
                    .rev()
                    .find(|p| p.root == m.root && p.user != m.user)
            })
            .and_then(|p| {
                items.iter().position(|o| {
                    o.owner == items[i].owner && p.ts.is_some() && o.source_ts.as_deref() == p.ts
                })
            });
        match asked {
            Some(at) => {
                let reply = items.remove(i);
                let at = if at > i { at - 1 } else { at };
                items[at].due = items[at].due.take().or(reply.due);
            }
            None => i += 1,
        }
    }
}

/// A first-person clause: "Lo lanzo yo esta tarde", "je leur explique
/// demain", "I'll write it up".
static MY_PART: LazyLock<Regex> = LazyLock::new(
    || // "eu" only before a space: "eu-west-3" is a region, not "I".
    Regex::new(r"(?i)\b(?:I['’]ll|I\s+will|I\s+can\s+(?:do|take|handle|own|write|pick|run|draft|prepare)|yo|je|j['’]|ich)\b|\beu\s").unwrap(),
);

/// The task a decision message carries after its decision ("ok, decided:
/// X. I'll write it up", "decidimos: X. Lo lanzo yo esta tarde",
/// "d'accord, on part sur X, je leur explique demain"), for its author,
/// with what was decided as its object. One a message, when the phrase
/// rules found none there.
fn decision_tasks(said: &[Said<'_>], summary: &Summary, today: Option<Date>) -> Vec<ActionItem> {
    let known: HashSet<&str> = summary
        .action_items
        .iter()
        .filter_map(|a| a.source_ts.as_deref())
        .collect();
    let decision_of = |ts: Option<&str>| {
        summary
            .decisions
            .iter()
            .find(|d| ts.is_some() && d.source_ts.as_deref() == ts)
            .map(|d| d.text.clone())
    };
    let mut out = Vec::new();
    for (i, m) in said.iter().enumerate() {
        if m.ts.is_none_or(|ts| known.contains(ts)) {
            continue;
        }
        let decided = decision_of(m.ts).or_else(|| {
            AGREEMENT
                .is_match(&m.text)
                .then(|| proposal(said, i, false))
                .flatten()
                .or_else(|| super::agreement(said, i))
                .and_then(|(p, _)| decision_of(p.ts))
        });
        // "ok pour moi, je prépare le flag" under "Let's go with a feature
        // flag …": an agreement to a decision already listed in its thread.
        let decided = decided.or_else(|| {
            let agrees = !m.top_level && AGREEMENT.is_match(&m.text);
            agrees
                .then(|| {
                    said[..i]
                        .iter()
                        .rev()
                        .filter(|p| p.root == m.root)
                        .take(LOOK_BACK)
                        .find_map(|p| decision_of(p.ts))
                })
                .flatten()
        });
        let Some(decided) = decided else {
            continue;
        };
        let clauses: Vec<&str> = CLAUSE_END.split(&m.text).map(str::trim).collect();
        let mine = clauses
            .iter()
            .skip(1)
            .find(|c| {
                (MY_PART.is_match(c) || commits(c))
                    && !c.ends_with('?')
                    && !super::SAME_VIEW.is_match(c)
                    && !NOT_A_PROMISE.is_match(c)
                    && !OPINION.is_match(c)
            })
            .map(|c| (m.user.to_string(), *c));
        // "ok, we revert #8812. <@U2> go ahead right away": the one told
        // to go ahead carries the decision out.
        let told = || {
            clauses.iter().skip(1).find_map(|c| {
                let who = GO_AHEAD.captures(c)?["who"].to_string();
                (who != m.user).then_some((who, *c))
            })
        };
        let Some((owner, task)) = mine.or_else(told) else {
            continue;
        };
        let task = LEADING_MENTIONS.replace(task, "");
        let task = task.trim();
        let text = if task.contains(decided.trim_end_matches('.')) {
            task.to_string()
        } else {
            format!("{task} (re: {decided})")
        };
        out.push(new_task(owner, &text, task, today, m.ts));
    }
    out
}

/// Where a clause of a decision message ends: a comma, a semicolon, a
/// line break, or a full stop, question or exclamation mark before a space
/// or at the end ("… oder ohne? Ich wäre für ohne" is a question, then a
/// view) — not the dot
/// of "dbt_project.yml" or "v2.3", which would cut the object in two.
static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[,;\n]|[.?!](?:\s|$)").unwrap());

/// "<@U2> go ahead", "<@U2> vas-y", "<@U2> adelante": told to do what was
/// just decided.
static GO_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>[\s,:]*(?:please\s+)?(?:go\s+ahead|go\s+for\s+it|do\s+it|proceed|please\s+do|vas-y|allez-y|adelante|dale|mach\s+(?:mal|ruhig)|leg\s+los|pode\s+ir|manda\s+ver|bora)\b").unwrap()
});

static APOLOGY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:sorry|sry|oops|ups|uf|perdón|perdon|pardon|désolée?|desculp[ae]|entschuldigung|sorry)\b").unwrap()
});

/// A look with nothing looked at: "take a look", "dar uma olhada", "echar
/// un vistazo", "jeter un œil", "reinschauen".
static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:take|have|get)\s+a\s+(?:quick\s+)?look\b|\bdar\s+uma\s+olhada\b|\bechar(?:le)?\s+un\s+vistazo\b|\bjeter\s+un\s+(?:œil|oeil|coup\s+d['’]œil)\b|\b(?:rein|drüber)(?:schauen|gucken)\b|\b(?:schau|schaue|guck|gucke)\s+(?:ich\s+)?(?:mir\s+)?(?:\w+\s+){0,3}an\b").unwrap()
});

/// A bare "it"/"them" ("Take it", "blocked until we fix it", "Ich leg es
/// an", "Die kurz geben" for "kannst du mir die kurz geben?") names nothing
/// for someone who was not there.
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:it|them|es|lo|la|le|isso)\b[\s.,;!?]*(?:$|\b(?:up|over|out|down|through|until|till|by|for|to|into|in|on|onto|with|today|tomorrow|now|after|before|first|then|bis|hasta|até|jusqu|an|auf|ein|vor|ab|um|durch|fertig))|^\W*(?:das|that|this|it|ça|eso|esto|isso)\b|^\W*(?:die|den|sie|ihn|es)\s+(?:kurz|mal|bitte|schnell|gleich|noch|heute|morgen|mir|dir|uns|ihm|ihr|euch|wieder)\b|\bm['’](?:en|y)\b").unwrap()
});

/// A task that ends on a thing named before ("could you add me back to
/// that group?", "schick mir diese Datei"): the group is only known to
/// whoever read the sentence before, so the item needs it as much as an
/// "it" does. French "ce/cette" is left out: "ce soir", "cette semaine"
/// are dates, not things.
static THAT_THING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:that|this|those|these|diese[nmrs]?|ese|esa|esos|esas|esse|essa|esses|essas)\s+[\w-]+\W*$").unwrap()
});

/// A reply that opens on an object pronoun before its verb: "la armo
/// yo", "lo reviso hoy", "je le fais", "o faço amanhã".
static CLITIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:ok|sí|si|vale|dale|claro|va|oui|sim|bueno)\W+)*(?:je\s+)?(?:l[aoe]s?|se\s+l[aoe]s?|te\s+l[aoe]s?)\s+\w+").unwrap()
});

/// An item's text with what its "it" refers to: the sentence before it in
/// its message (when it says something: not "sorry!!"), or else what the
/// message it replies to asks (the one before it in its thread, by someone
/// else), as "… (re: …)".
fn with_object(said: &[Said<'_>], source: Option<&str>, text: &str, owner: Option<&str>) -> String {
    // "Mach ich", "mine": too short to name what is taken on.
    let bare = word_count(&EMOJI.replace_all(text, " ")) <= 2;
    let vague = VAGUE.is_match(text);
    let refers = |s: &str| PRONOUN.is_match(s) || THAT_THING.is_match(s);
    let Some(i) = said.iter().position(|m| m.ts.is_some() && m.ts == source) else {
        return text.to_string();
    };
    let m = &said[i];
    // "la armo yo, la tienen el jueves" read as "Armo yo": the object
    // pronoun went with the reading, the reply still points back.
    let clitic = CLITIC.is_match(&m.text) && !m.top_level;
    if !(refers(text) || bare || vague || clitic) || text.contains("(re: ") {
        return text.to_string();
    }
    let own = sentences(&m.text);
    let at = own
        .iter()
        .position(|s| PRONOUN.is_match(s) || VAGUE.is_match(s))
        // An "it" is the task's own sentence; "that group" only when none has one.
        .or_else(|| own.iter().position(|s| THAT_THING.is_match(s)))
        .unwrap_or(0);
    // A look at something is a look at what the message opened with
    // ("Escalação do Grupo Ipê: a exportação de NF-e … <@U2> consegue dar
    // uma olhada hoje?").
    let subject = Some(0)
        .filter(|_| vague && at > 0)
        .map(|_| own[0].as_str())
        .filter(|b| !is_noise(b) && !APOLOGY.is_match(b));
    // A task read from someone else's request or blocker ("… das
    // Legal-Template muss <@U2> erst freigeben" → "schaue ich mir an") is
    // about what that message asks.
    let theirs = owner
        .filter(|o| *o != m.user)
        .map(|_| asked_in(&m.text))
        .filter(|c| !is_noise(c));
    // "sorry, ist untergegangen." says nothing about the work.
    let before = subject
        .or_else(|| {
            at.checked_sub(1)
                .map(|b| own[b].as_str())
                .filter(|b| word_count(b) >= 3 && !is_noise(b) && !APOLOGY.is_match(b))
        })
        .or(theirs.as_deref());
    let context = match before {
        Some(b) => Some(DECISION_PREFIX.replace(b, "").into_owned()),
        None => said[..i]
            .iter()
            .rev()
            .find(|p| p.root == m.root || (m.top_level && p.top_level))
            .filter(|p| p.user != m.user && !is_noise(&p.text))
            .map(|p| asked_in(&p.text)),
    };
    match context {
        Some(c) if !text.contains(c.as_str()) => clip(&format!("{text} (re: {c})"), ITEM_CHARS),
        _ => text.to_string(),
    }
}
