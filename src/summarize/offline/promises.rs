//! First-person promises beyond "I'll …": the present tense that French,
//! German, Spanish and Portuguese speakers promise in ("je t'envoie le doc
//! demain", "schick ich dir bis morgen", "te la paso el miércoles"), and
//! replies that take a task on without naming it ("I'll share them after
//! my 11:00", "te los paso mañana").

use std::sync::LazyLock;

use regex::Regex;

use super::blockers;
use super::task::{make, Context, Found};
use super::text::{self, mentions};

/// A first-person present that promises when it names a day or a person,
/// as French, German, Spanish and Portuguese speakers say it: "je t'envoie
/// le doc demain", "ich schicke dir die Zahlen morgen", "se lo mando a
/// <@U2> el miércoles", "yo escalo el ticket después de la daily".
static PRESENT_PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s,]*(?:(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>|(?:and|et|und|y|e|perdona|perdón|desculpa|foi\s+mal|sorry|ok|vale|d['’]accord|sí|si|sim|claro|oui|ja|jo|yes|sure|dale|bora|merci|gracias|danke|obrigad[oa]|valeu|désolée?|pardon|oops|uy|ay|tomorrow|later|then|afterwards|demain|ensuite|puis|mañana|luego|después|amanhã|depois|morgen|danach)\b)[\s,.!]*)*
        (?:
          je\s+(?:(?:te|vous|lui|leur|le|la|les)\s+|[ltm]['’])*(?P<fr>\w+(?:e|s))
        | j['’](?P<fr2>\w+e)
        | (?:je\s+(?:(?:te|vous|lui|leur|le|la|les)\s+|[ltm]['’])*|j['’]|(?:yo\s+|eu\s+)?(?:(?:se|te|le|les|lo|la|los|las|lhe|o|a)\s+){0,2})(?P<fut>\w{2,}(?:rai|ré|rei))
        | ich\s+(?P<de>\w+e|schick|frag|bau|hol|ruf|meld|mach|nehm|schreib|trag|leg|setz|pack|prüf|sag|geb|kümmer)
        | i\s+(?P<en>[a-z]{2,})
        | (?:yo\s+|eu\s+)?(?:(?:se|te|le|les|lo|la|los|las|lhe|o|a)\s+){0,2}(?P<es>\w{3,}[oa]ço|\w{3,}o)(?P<enclitic>-(?:o|a|os|as|lo|la|los|las|lhe|lhes|ta|tas|to|tos|mo|ma))?
        )\b\s+(?P<rest>.+)$",
    )
    .unwrap()
});

/// German puts the verb before "ich" when something else comes first:
/// "die Moodboards lade ich heute noch in den Drive", "schick ich <@U2>
/// bis morgen früh"; and before "wir" said to someone: "danach machen
/// wir die Session zusammen". A promise when it names a day or a person.
static INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<lead>.*[,;:])\s*)?(?P<pre>[^,;:]*?)\b(?P<verb>[a-zäöü]{3,})\s+(?P<subj>ich|wir)\b(?P<rest>.*)$",
    )
    .unwrap()
});

/// Plural verbs that report or wish rather than promise ("dann sind
/// wir fertig", "müssen wir schauen").
const NOT_INVERTED_WE: &[&str] = &[
    "sind", "haben", "hatten", "waren", "können", "konnten", "müssen", "mussten", "werden",
    "wollen", "wollten", "würden", "sollten", "sollen", "dürfen", "wissen", "brauchen", "warten",
    "hängen", "kommen", "stecken", "bleiben", "sehen", "schauen",
];

/// A word before the verb that stands for a thing said earlier: "den
/// schreib ich heute an" (the contact named before).
const GERMAN_PRONOUNS: &[&str] = &["den", "die", "das", "ihn", "sie", "es", "dem"];

/// A subordinate clause: "weil …", "da …", "because …".
fn is_reason(clause: &str) -> bool {
    let first = clause
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    [
        "weil", "da", "dass", "wenn", "obwohl", "because", "since", "parce", "porque",
    ]
    .contains(&first.as_str())
}

/// A lead that only says yes: "jo, leg ich gleich an".
fn only_yes(lead: &str) -> bool {
    static YES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[\s,.!]*(?:(?:jo|ja|jep|klar|ok|okay|gerne?|sicher|passt|alles\s+klar|yes|sure)\b[\s,.!]*)+$")
            .unwrap()
    });
    YES.is_match(lead)
}

/// Verbs that report or wish rather than promise.
const NOT_INVERTED: &[&str] = &[
    "war", "bin", "habe", "hab", "hatte", "kann", "konnte", "muss", "musste", "werde", "will",
    "wollte", "würde", "hätte", "wäre", "sollte", "soll", "darf", "weiß", "glaube", "denke",
    "hoffe", "möchte", "finde", "sehe", "brauche", "brauch", "warte", "hänge", "komme", "komm",
    "stecke", "bleibe", "wenn", "dass", "als", "wie", "was", "ob", "weil", "dann", "jetzt",
    "gestern",
];

fn inverted_promise(sentence: &str, ctx: &Context<'_>) -> Option<Found> {
    // "nehmen wir ein eigenes Schema?" asks, it promises nothing.
    if !sentence.contains(" ich") && !sentence.contains(" wir")
        || sentence.trim_end().ends_with('?')
    {
        return None;
    }
    // "Schick ich dir gleich": a verb that opens the sentence is written
    // with a capital, as nouns are; read it in lower case.
    let lowered = lower_first(sentence);
    let c = INVERTED.captures(&lowered)?;
    let verb = c["verb"].to_string();
    let addressed = mentions(sentence).iter().any(|p| p != ctx.author)
        || ctx.addressee.as_deref().is_some_and(|p| p != ctx.author);
    let we = &c["subj"] == "wir";
    if NOT_INVERTED.contains(&verb.as_str())
        || we && (!addressed || NOT_INVERTED_WE.contains(&verb.as_str()))
    {
        return None;
    }
    let pre = c["pre"].trim();
    let pre = pre.strip_prefix("und ").unwrap_or(pre);
    // "Heute schreibe ich Tests" is the plan of the day, not a deadline;
    // said to someone ("<@U2> …, danach machen wir die Session") it is
    // promised to them.
    let rest = &c["rest"];
    if ["heute", "dann", "danach", "jetzt"].contains(&pre.to_lowercase().as_str())
        && !mentions(rest).iter().any(|p| p != ctx.author)
        && !addressed
    {
        return None;
    }
    // "Vorschlag zur Kostenreduktion schreiben, schick ich <@U2> bis
    // morgen früh": with nothing before the verb, or only a pronoun
    // ("den schreib ich heute an"), the clause before names what is sent.
    let lead = c
        .name("lead")
        .map_or("", |l| l.as_str().trim_end_matches([',', ';', ':']));
    let lead = if only_yes(lead) { "" } else { lead };
    // Of a long lead, the last main clause names the thing ("…, nur die
    // Kohorte März ist komisch, die schau ich mir heute an"); a clause
    // that gives a reason ("weil es an der Migration hing") names none.
    let lead = lead
        .rsplit([',', ';', ':'])
        .map(str::trim)
        .find(|l| !is_reason(l))
        .unwrap_or(lead);
    let pronoun = GERMAN_PRONOUNS.contains(&pre.to_lowercase().as_str());
    let text = if (pre.is_empty() || pronoun) && !lead.is_empty() {
        format!("{verb} {pre}{rest} ({lead})")
    } else {
        format!("{verb} {pre}{rest}")
    };
    let to_someone = mentions(&text).iter().any(|p| p != ctx.author);
    make(ctx.author, &text, sentence, ctx.today).filter(|f| f.due.is_some() || to_someone)
}

/// `text` with its first letter in lower case.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// English verbs after "I" that report, think or wish rather than promise
/// (past forms in -ed are left out too).
const NOT_ENGLISH_PROMISE: &[&str] = &[
    "am",
    "was",
    "were",
    "have",
    "had",
    "think",
    "guess",
    "hope",
    "need",
    "want",
    "can",
    "could",
    "would",
    "should",
    "will",
    "did",
    "know",
    "knew",
    "see",
    "saw",
    "feel",
    "felt",
    "got",
    "get",
    "mean",
    "believe",
    "found",
    "made",
    "went",
    "spent",
    "sent",
    "wrote",
    "took",
    "met",
    "paid",
    "put",
    "set",
    "told",
    "said",
    "thought",
    "understood",
    "left",
    "lost",
    "ran",
    "began",
    "heard",
    "read",
    "also",
    "just",
    "still",
    "really",
    "only",
    "agree",
    "like",
    "love",
    "prefer",
    "wonder",
    "remember",
    "forgot",
    "may",
    "might",
    "must",
    "haven",
    "don",
    "didn",
    "usually",
    "always",
    "never",
    "already",
    "hate",
    "wish",
    "suppose",
    "assume",
    "noticed",
    "promise",
    "swear",
    // Irregular pasts: "I rewrote them, now all fine".
    "rewrote",
    "broke",
    "built",
    "brought",
    "bought",
    "caught",
    "chose",
    "drove",
    "forgot",
    "gave",
    "kept",
    "led",
    "let",
    "meant",
    "sold",
    "shut",
    "spoke",
    "stood",
    "stuck",
    "taught",
    "threw",
    "won",
    "woke",
    "came",
    "gave",
    "did",
];

/// Words that end like a first-person present but promise nothing.
pub(crate) const NOT_PRESENT_PROMISE: &[&str] = &[
    "como",
    "pero",
    "todo",
    "esto",
    "eso",
    "algo",
    "nada",
    "luego",
    "bueno",
    "claro",
    "mismo",
    "cuando",
    "tanto",
    "poco",
    "mucho",
    "solo",
    "junto",
    "isso",
    "isto",
    "tudo",
    "muito",
    "pouco",
    "acho",
    "creio",
    "espero",
    "estou",
    "tenho",
    "sigo",
    "estoy",
    "tengo",
    "puedo",
    "quiero",
    "necesito",
    "preciso",
    "trabajo",
    "trabalho",
    "continuo",
    "continúo",
    "creo",
    "pienso",
    // "lo siento", "sinto muito" apologise.
    "siento",
    "sinto",
    "habe",
    "hatte",
    "werde",
    "wollte",
    "konnte",
    "musste",
    "sollte",
    "glaube",
    "denke",
    "hoffe",
    // Wishes, not promises: "ich möchte sie im Review haben", "je
    // voudrais", "j'aimerais".
    "möchte",
    "würde",
    "voudrais",
    "aimerais",
    "souhaite",
    "warte",
    "brauche",
    "stecke",
    "hänge",
    "suis",
    "dois",
    "pense",
    "crois",
    "attends",
    "espère",
    "peux",
    "veux",
    "sais",
    "vais",
    "fais",
    "mais",
    "depuis",
    "ayer",
    "último",
    "ultimo",
    "largo",
    // Words that only look like a verb: the English "also", the
    // Portuguese "enquanto", and French pronouns before an auxiliary
    // ("je les ai posées" reports).
    "also",
    "enquanto",
    // Adverbs and adjectives in -o: "então", "pronto", "listo", "hecho".
    "então",
    "entonces",
    "pronto",
    "listo",
    "hecho",
    "feito",
    "certo",
    "cierto",
    "correcto",
    "perfecto",
    "perfeito",
    "obrigado",
    "rápido",
    "rapido",
    "despacio",
    "primero",
    "segundo",
    "tampoco",
    "también",
    "quando",
    "tipo",
    "les",
    "des",
    "nous",
    "vous",
    "elle",
    "une",
    // Wishes and things just done, said to someone: "je viens de t'en
    // créer un", "acabo de mandar", "quero levar", "je préfère".
    "préfère",
    "prefere",
    "prefiero",
    "prefiro",
    "viens",
    "venais",
    "acabo",
    "acabei",
    "quero",
    "queria",
    "voulais",
    "voudrais",
];

pub(super) fn present(sentence: &str, ctx: &Context<'_>) -> Option<Found> {
    let mut found = inverted_promise(sentence, ctx)
        .or_else(|| {
            let (mut f, object, certain) = present_tense_at(sentence, ctx)?;
            if !certain {
                return None;
            }
            if object != Object::Own {
                named_before(&mut f, ctx.before.as_deref());
            }
            Some(f)
        })
        .or_else(|| fronted(sentence, ctx))
        .or_else(|| later_clause(sentence, ctx))?;
    // "travado no build … só a <@U2> tem acesso" reports, it promises nothing.
    if blockers::has_blocker_phrase(sentence) {
        return None;
    }
    // "write the handover notes, I send it to <@U2> by Monday": "it" is
    // what the clause before names (after its label, "T: …").
    if let Some(before) = ctx.before.as_deref() {
        let last = before.rsplit(": ").next().unwrap_or(before);
        if let Some(text) = super::pronouns::named_from(&found.text, last) {
            found.text = text;
        }
    }
    // "les grilles de salaire, je te les envoie vendredi": a lone verb
    // sends what the clause before named.
    // The pronoun kept before the verb ("Les envoie") stands for that
    // object, which takes its place.
    let verb_alone = without_object_pronoun(&found.text);
    if verb_alone.split_whitespace().count() == 1 {
        if let Some(object) = ctx.before.as_deref().and_then(object_words) {
            found.text = format!("{} {object}", text::capitalize(verb_alone));
        }
    }
    Some(found)
}

/// A promise that starts a later clause of the sentence, with no subject
/// in Spanish and Portuguese ("gracias! ya no estoy bloqueada, despliego
/// después del almuerzo", "síntese, entrego o relatório até quinta pro
/// <@U2>"): the clause before is what it takes on when it names nothing.
/// A word ending in -o is a verb there only with a pronoun before it or
/// an article, a person or a day after it ("Rappel : démo vendredi
/// prochain" promises nothing); a pronoun must point at a thing the
/// clause before names, or be said to someone ("lo comento el viernes"
/// after a risk names none).
fn later_clause(sentence: &str, ctx: &Context<'_>) -> Option<Found> {
    static BOUNDARY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[,;]\s+|\s[—–-]\s+|:\s+").unwrap());
    for b in BOUNDARY.find_iter(sentence) {
        let (head, tail) = (&sentence[..b.start()], &sentence[b.end()..]);
        if !head.chars().any(char::is_alphanumeric) {
            continue;
        }
        let sub = Context {
            author: ctx.author,
            today: ctx.today,
            planned: ctx.planned,
            addressee: ctx.addressee.clone(),
            before: Some(head.to_string()),
            short: false,
        };
        let Some((mut f, object, certain)) = present_tense_at(tail, &sub) else {
            continue;
        };
        let to_someone = mentions(sentence)
            .iter()
            .chain(&ctx.addressee)
            .any(|p| p != ctx.author);
        let ok = certain
            && match object {
                Object::Own | Object::Dropped => true,
                // "recibidas, las cargo ahora mismo": after a word or two
                // that only acknowledge, a short reply's pronoun points at
                // what it was asked for.
                Object::Pronoun => {
                    to_someone
                        || thing_named(head).is_some()
                        || ctx.short && is_acknowledgment(head)
                }
            };
        if !ok {
            continue;
        }
        if object != Object::Own {
            named_before(&mut f, Some(head));
        }
        return Some(f);
    }
    None
}

/// Words that only say a thing was received or agreed to: "recibidas",
/// "got them", "reçu", "erhalten", "recebido, obrigado", "ok".
fn is_acknowledgment(clause: &str) -> bool {
    static ACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[\s!.]*(?:(?:recibid[oa]s?|received|got\s+(?:it|them)|reçue?s?|erhalten|bekommen|recebid[oa]s?|gracias|thanks|merci|danke|obrigad[oa]|ok(?:ay)?|vale|dale|listo|perfecto|perfeito|parfait|super|top|genial|klar|beleza|combinado)[\s!.,]*)+$").unwrap()
    });
    ACK.is_match(clause) || text::starts_accepting(clause) && clause.split_whitespace().count() <= 2
}

/// Gives a promise whose verb has no object of its own ("je l'envoie à
/// <@U2> lundi", "se lo mando a <@U2> el jueves", "mando pro <@U2> até
/// quinta") the thing the clause before names: "Envoie à <@U2> (synthèse
/// de l'atelier)".
fn named_before(found: &mut Found, before: Option<&str>) {
    if let Some(thing) = before.and_then(thing_named) {
        if !found.text.to_lowercase().contains(&thing.to_lowercase()) {
            found.text = format!("{} ({thing})", found.text);
        }
    }
}

/// The thing a clause names, for a pronoun or a dropped object that
/// points at it: the clause itself when it is a short noun phrase
/// ("synthèse de l'atelier", "proposta técnica da Vale Verde"), or the
/// noun phrase after its verb ("armar el plan de PoC" → "el plan de
/// PoC", "je rédige le RFC" → "le RFC"). A clause that reports a state
/// ("ya no estoy bloqueada") names nothing.
pub(super) fn thing_named(clause: &str) -> Option<String> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[\s,]|<@[UW][A-Z0-9]+(?:\|[^>]*)?>|\b(?:ah|oh|and|y|e|et|und|also|aussi|tambi[ée]n|tamb[ée]m|hoy|hoje|heute|today|aujourd['’]hui)\b|[!.:])+").unwrap()
    });
    // A subject or a verb first: the object is the noun phrase after it.
    static VERB_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:je|j['’]|ich|yo|eu|i|we|nous|on|wir|\w+(?:ar|er|ir|re))\b").unwrap()
    });
    static DETERMINER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|\s)(?P<np>(?:the|my|our|el|la|los|las|un|una|o|a|os|as|um|uma|le|les|l['’]|une?|des|du|au|aux|der|die|das|den|dem|ein|eine|do|da|dos|del|al)\b\s*\S.*)$").unwrap()
    });
    // States, negations, apologies and yeses name no thing ("ya no estoy
    // bloqueada", "perdona, se me pasó", "Boa, tinha esquecido").
    static STATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:no|não|nao|ne|pas|nicht|not|estoy|estou|tô|suis|bin|am|is|es|est|ist|é|está|sorry|désolée?|perd[óo]n\w*|lo\s+siento|desculp\w*|tinha)\b|:[a-z0-9_+\-]+:").unwrap()
    });
    static YES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:fechado|posso|top|merci|boa|beleza|combinado|dale|vale|claro|ok|okay|oui|sim|s[íi]|ja|yes|sure|uy|oops)\b").unwrap()
    });
    // A pronoun first points further back ("se me pasó", "me quedo con …").
    static PRONOUN_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:se|me|te|nos|lo|il|elle|ils|elles|er|sie|es|he|she|it|they|ele|ela|él|ella)\b").unwrap()
    });
    if STATE.is_match(clause) || YES.is_match(clause) {
        return None;
    }
    let last = clause
        .rsplit([',', ';'])
        .map(str::trim)
        .find(|c| !c.is_empty())?;
    let words = LEAD.replace(last, "");
    let words = words
        .trim()
        .trim_end_matches([',', ';', ':', '.', '!', ' ']);
    if words.split_whitespace().count() < 2 || words.contains('<') || PRONOUN_FIRST.is_match(words)
    {
        return None;
    }
    let np = if VERB_FIRST.is_match(words) {
        DETERMINER.captures(words)?.name("np")?.as_str().trim()
    } else {
        words
    };
    (np.split_whitespace().count() <= 8).then(|| np.to_string())
}

/// The words of a clause that name an object: a noun phrase, without
/// mentions and leading fillers or apologies ("lo siento, te los paso
/// mañana" names nothing); `None` when it names none.
fn object_words(clause: &str) -> Option<String> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[\s,]|<@[UW][A-Z0-9]+(?:\|[^>]*)?>|\b(?:ah|oh|and|y|e|et|und|also|aussi|tambi[ée]n|tamb[ée]m|lo\s+siento|sorry|perd[óo]n|perdona|d[ée]sol[ée]e?|pardon|desculpa|foi\s+mal|ok|okay|vale|claro|s[íi]|sim|oui|ja|yes|sure|dale|merci|gracias|danke|obrigad[oa]|valeu)\b|[!.])+").unwrap()
    });
    // A noun phrase: it opens with an article or a possessive ("la spec",
    // "les grilles", "a lista"), not with a verb ("lo miro").
    static DETERMINER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:the|my|our|el|la|los|las|lo\s+del?|un|una|mi|mis|o|a|os|as|um|uma|meu|minha|le|les|l['’]|une?|des|du|mon|ma|mes|der|die|das|den|dem|ein|eine|meine?n?)\b").unwrap()
    });
    let words = LEAD.replace(clause.trim(), "");
    let words = words.trim().trim_end_matches([',', ';', ':']);
    (DETERMINER.is_match(words) && words.split_whitespace().count() <= 10)
        .then(|| words.to_string())
}

/// A short noun phrase that opens with an article: "las baterías", "the
/// invoices", "les accès".
pub(super) fn is_object_phrase(words: &str) -> bool {
    object_words(words).is_some_and(|w| w.split_whitespace().count() >= 2)
}

/// An object said first, then the promise with a pronoun standing for it
/// or with the subject after it: "el informe de SEO te lo paso el lunes",
/// "a lista de clientes eu compartilho contigo amanhã", "el acta la subo
/// mañana", "the slides I send to <@U2> by Friday"; or a promise to a
/// teammate after a comma. The promise, with the object named.
fn fronted(sentence: &str, ctx: &Context<'_>) -> Option<Found> {
    static FRONTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?P<obj>.{3,80}?)\s+(?P<core>(?:(?:yo|eu|je)\s+)?(?:(?:te|se|vous|lui|lhe)\s+)(?:(?:lo|la|los|las|le|les|l['’])\s*)?\w{3,}\b.*|eu\s+\w{3,}\b.*)$",
        )
        .unwrap()
    });
    // "the slides I send to <@U2> by Friday", "el acta la subo el
    // lunes": with no pronoun for the person, a promise only with its
    // object named and its day, said before turning to anyone ("<@U1>
    // lo del FAQ lo hago yo" answers what <@U1> asked, and the reply
    // links to it; in "resumen, se lo mando" the pronoun is the person's).
    static FRONTED_BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?P<obj>.{3,80}?)\s+(?P<core>i\s+[a-z]{3,}\b.*|(?:lo|la|los|las)\s+\w{2,}o\b.*)$",
        )
        .unwrap()
    });
    fronted_with(&FRONTED, sentence, ctx, false)
        .or_else(|| fronted_with(&FRONTED_BARE, sentence, ctx, true).filter(|f| f.due.is_some()))
}

fn fronted_with(re: &Regex, sentence: &str, ctx: &Context<'_>, named: bool) -> Option<Found> {
    let c = re.captures(sentence)?;
    // What comes first is the object ("la spec del onboarding"), or the
    // promise is made to a teammate named in it ("sintetizar hallazgos,
    // te paso el resumen el miércoles <@U2>"); "lo miro, te digo algo"
    // is neither.
    // A pronoun for the object ("te los paso") needs the object said.
    static CLITIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:yo|eu|je)\s+)?(?:te|se|vous|lui|lhe)\s+(?:lo|la|los|las|le|les|l['’])",
        )
        .unwrap()
    });
    let object = object_words(&c["obj"]);
    let to_someone = mentions(sentence).iter().any(|p| p != ctx.author)
        && !CLITIC.is_match(&c["core"])
        && c["core"].starts_with(|ch: char| !ch.is_uppercase())
        && c["obj"].split_whitespace().count() <= 5;
    if object.is_none() && (named || !to_someone) || named && c["obj"].contains("<@") {
        return None;
    }
    // "te la paso el lunes, que hoy no llego": the promise ends at the
    // comma.
    let core = c["core"].split([',', ';']).next().unwrap_or_default();
    // "<@U2> el script te lo reviso yo": the person named before the
    // object is the one the promise is made to.
    let turned = mentions(&c["obj"]).into_iter().find(|p| p != ctx.author);
    let sub = Context {
        addressee: turned.or_else(|| ctx.addressee.clone()),
        before: ctx.before.clone(),
        ..*ctx
    };
    let mut found = present_tense(core, &sub)?;
    if let Some(object) = object {
        found.text = format!("{} {object}", found.text);
    }
    Some(found)
}

/// A sentence that opens with "if": "se o jurídico não responder até
/// sexta eu vou ficar parada", "si legal no responde …", "wenn …". What
/// it promises is conditional, not a task ("se lo mando" is a Spanish
/// pronoun, not an "if").
pub(super) fn is_conditional(sentence: &str) -> bool {
    static IF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[\s,]*(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*)*(?:(?:if|wenn|falls)\b|si\s+[^\s,!.]|se\s+(?:o|a|os|as|eu|você|voce|ele|ela|ninguém|alguém|não|nao|tu)\b)")
            .unwrap()
    });
    IF.is_match(sentence)
}

fn present_tense(sentence: &str, ctx: &Context<'_>) -> Option<Found> {
    present_tense_at(sentence, ctx).map(|(f, _, _)| f)
}

/// What a promised verb does with its object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Object {
    /// It names one, or may ("je relance le build").
    Own,
    /// A pronoun before it stands for one ("je l'envoie", "se lo mando").
    Pronoun,
    /// None follows it, only a person, a place or a day ("mando pro
    /// <@U2> até quinta", "despliego después del almuerzo").
    Dropped,
}

/// The promise, and whether its verb takes nothing of its own: an object
/// pronoun before it ("je l'envoie", "se lo mando", "je la relance") or
/// a place, a person or a day right after it ("mando pro <@U2> até
/// quinta"), where the thing sent is the one named before.
fn present_tense_at(sentence: &str, ctx: &Context<'_>) -> Option<(Found, Object, bool)> {
    static CLITIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\bl['’]|\b(?:le|la|les|lo|los|las)\s+(?:(?:te|vous|lui|leur)\s+)?)$")
            .unwrap()
    });
    // Spanish and Portuguese words a verb is followed by, not a noun
    // ("confirmo sim", "paso sin falta", "hago eso").
    static FUNCTION_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:a|à|al|ao|às|aos|pra|pro|-\w+|sim|sin\s+falta|sem\s+falta|ya|já|ahora|agora|luego|logo|eso|isso|esto|isto|todo|tudo|yo|eu|mismo|mesmo|enseguida|ahorita|rapidinho|un|una|um|uma|mi|mis|meu|minha|tu|tus|teu|tua|su|sus|seu|sua|este|esta|esse|essa|aquí|aqui|ahí|aí|lá|cedo|temprano|más\s+tarde|mais\s+tarde|bien|bem)\b").unwrap()
    });
    static PRONOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:se|te|me|nos|lhe|le|les|lo|la|los|las)\s+$").unwrap()
    });
    static NO_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:$|<@|(?:à|au|pro|pra|para|até|hasta|d['’]ici|avant|antes|después|despues|depois|après|dès|vers|amanhã|amanha|mañana|manana|demain|hoy|hoje|aujourd['’]hui|ce\s+soir|cet|esta|este|en\s+cuanto|assim\s+que|ahora|agora|já|ya)\b)").unwrap()
    });
    if is_conditional(sentence) {
        return None;
    }
    let c = PRESENT_PROMISE.captures(sentence)?;
    let verb = promise_verb(&c)?;
    // A word in -o with no subject is a verb when a pronoun comes before
    // it ("te mando") or an article, a person or a day after it
    // ("atualizo o print", "mando pro <@U2>"), not a noun ("démo
    // vendredi").
    let subjectless = c.name("es").is_some()
        && !sentence[..verb.start()]
            .to_lowercase()
            .split_whitespace()
            .any(|w| ["yo", "eu"].contains(&w));
    let after = &sentence[c.name("enclitic").unwrap_or(verb).end()..];
    let enclitic = c.name("enclitic").is_some();
    let certain = !subjectless
        || enclitic
        || PRONOUN_BEFORE.is_match(&sentence[..verb.start()])
        || names_object(after)
        || NO_OBJECT.is_match(after)
        || FUNCTION_WORD.is_match(after);
    let object = if CLITIC.is_match(&sentence[..verb.start()]) || c.name("enclitic").is_some() {
        Object::Pronoun
    } else if (c.name("es").is_some() || c.name("fut").is_some())
        && NO_OBJECT.is_match(&sentence[verb.end()..])
    {
        Object::Dropped
    } else {
        Object::Own
    };
    present_tense_found(&c, sentence, ctx).map(|f| (f, object, certain))
}

/// The verb `PRESENT_PROMISE` matched, whichever language's group it is.
fn promise_verb<'h>(c: &regex::Captures<'h>) -> Option<regex::Match<'h>> {
    ["fr", "fr2", "de", "es", "en", "fut"]
        .into_iter()
        .find_map(|name| c.name(name))
}

fn present_tense_found(
    c: &regex::Captures<'_>,
    sentence: &str,
    ctx: &Context<'_>,
) -> Option<Found> {
    let verb = promise_verb(c)?;
    let lower = verb.as_str().to_lowercase();
    // "I send you the numbers tomorrow" promises; "I sent", "I think",
    // "I need" do not.
    if c.name("en").is_some()
        && (lower.ends_with("ed") || NOT_ENGLISH_PROMISE.contains(&lower.as_str()))
        && !(SAME_IN_PAST.contains(&lower.as_str()) && is_ahead(&c["rest"]))
    {
        return None;
    }
    // "esperando a <@U2>" is a gerund, and a wait: no promise ("mando",
    // "respondo" are verbs); "aprovado agora" reports; "reunião",
    // "refinamiento" are nouns.
    if NOT_PRESENT_PROMISE.contains(&lower.as_str()) && !done_for_someone(c, sentence)
        || is_gerund(&lower)
        || c.name("es").is_some() && (is_participle(&lower) || is_noun(&lower))
        || c.name("de").is_some() && NOT_INVERTED.contains(&lower.as_str())
    {
        return None;
    }
    // "te digo algo mañana" promises news, not a task.
    static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:algo|alguma\s+coisa|quelque\s+chose|something|etwas|was)\b")
            .unwrap()
    });
    if VAGUE.is_match(&c["rest"]) {
        return None;
    }
    let rest = format!(
        "{}{} {}",
        object_pronoun(&sentence[..verb.start()]),
        verb.as_str(),
        &c["rest"]
    );
    // Said to someone: a reply that turned to them ("<@U2> désolé, la CI
    // a planté. Je relance le build maintenant") promises it to them.
    let to_someone = mentions(sentence).iter().any(|p| p != ctx.author)
        || ctx.addressee.as_deref().is_some_and(|p| p != ctx.author);
    // "Ich nehm die Dashboards, aber erst nächste Woche": a short reply
    // that names what it takes on promises it, with no day. (A verb in
    // -ré/-rei may be a past, "migrei os alertas": it needs a day.)
    // After a yes ("oui, je préviens le support"), the request accepted
    // already holds the task.
    let accepting = text::starts_accepting(sentence)
        || ctx
            .before
            .as_deref()
            .is_some_and(|b| text::starts_accepting(b) && b.split_whitespace().count() <= 3);
    let takes = ctx.short && !accepting && c.name("fut").is_none() && names_object(&c["rest"]);
    make(ctx.author, &rest, sentence, ctx.today).filter(|f| f.due.is_some() || to_someone || takes)
}

/// The object pronoun right before a promised verb, kept with it: "les
/// llamo hoy", "las cargo ahora", "je les appelle", "je te l'envoie", "o
/// mando amanhã" say what is done to the thing named before, and without
/// the pronoun the verb reads as an order ("Llamo", "Appelle"). A person
/// pronoun ("te", "vous", "se", "lhe") is left out. Empty when there is
/// none.
fn object_pronoun(before_verb: &str) -> String {
    static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|\s)(?:(?P<elided>l['’])|(?P<word>le|la|les|lo|los|las)\s+(?:(?:lui|leur)\s+)?)$")
            .unwrap()
    });
    let Some(c) = OBJECT.captures(before_verb) else {
        return String::new();
    };
    match (c.name("elided"), c.name("word")) {
        (Some(l), _) => l.as_str().to_string(),
        (_, Some(w)) => format!("{} ", w.as_str()),
        _ => String::new(),
    }
}

/// `text` without the object pronoun `object_pronoun` kept before its
/// verb: "Les envoie" → "envoie".
fn without_object_pronoun(text: &str) -> &str {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(?:l['’]|(?:le|la|les|lo|los|las)\s+)").unwrap());
    LEAD.find(text).map_or(text, |m| &text[m.end()..])
}

/// English verbs whose past is their present: "I put the signs up this
/// evening" promises, "I put them up yesterday" reports.
const SAME_IN_PAST: &[&str] = &["put", "set", "let", "cut", "shut", "read", "spread"];

/// Words that place the deed ahead of now: "this evening", "tonight",
/// "tomorrow", "later", "after lunch", "in 10 min", "next week", "on
/// Friday", "by 5".
fn is_ahead(words: &str) -> bool {
    static AHEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:tonight|this\s+(?:afternoon|evening)|later|tomorrow|after\s+\w+|in\s+(?:\d+|a|an|one|two)\s+\w+|next\s+\w+|on\s+\w+day|by\s+\w+|before\s+\w+|asap)\b").unwrap()
    });
    AHEAD.is_match(words)
}

/// "je te fais un retour lundi", "je vous fais le devis": a verb that
/// alone reports what the author does ("je fais les tests") is done for
/// the person a pronoun before it names, and so promised to them.
fn done_for_someone(c: &regex::Captures<'_>, sentence: &str) -> bool {
    static FOR_SOMEONE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bje\s+(?:te|vous|lui|leur)\s+$").unwrap());
    let Some(verb) = c.name("fr") else {
        return false;
    };
    verb.as_str().eq_ignore_ascii_case("fais") && FOR_SOMEONE.is_match(&sentence[..verb.start()])
}

/// A Spanish or Portuguese gerund: "esperando", "fazendo", "saindo";
/// "mando" and "vendo" are first persons.
fn is_gerund(word: &str) -> bool {
    word.chars().count() >= 6 && ["ando", "endo", "indo"].iter().any(|e| word.ends_with(e))
}

/// A Spanish or Portuguese participle: "aprobado", "aprovado",
/// "resolvido", "corrigido" ("nado", "pido" are first persons).
fn is_participle(word: &str) -> bool {
    word.chars().count() >= 6 && ["ado", "ido"].iter().any(|e| word.ends_with(e))
}

/// A Spanish or Portuguese noun that ends like a first person: "reunião",
/// "revisão", "refinamiento", "planejamento".
fn is_noun(word: &str) -> bool {
    word.ends_with("ão")
        || word.chars().count() >= 8
            && ["amiento", "imiento", "amento", "imento"]
                .iter()
                .any(|e| word.ends_with(e))
}

/// Words that open with an article: "die Dashboards", "the room", "le
/// template", "el informe", "os prints".
fn names_object(words: &str) -> bool {
    static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:the|die|der|den|das|le|la|les|l['’]|el|los|las|o|os|as)\b\s*\w")
            .unwrap()
    });
    ARTICLE.is_match(words)
}

/// A reply that takes something on without naming it: "I'll share them
/// after my 11:00", "je te l'envoie demain matin", "te los paso mañana",
/// "mach ich", "Will do". What it takes on is the request or the blocker
/// it answers.
pub(crate) fn is_pronoun_promise(sentence: &str) -> bool {
    static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)
            \b(?:i['’]ll|i\s+will|will|gonna|going\s+to|sending|doing|i\s+can|i\s+do)\s+(?:\w+\s+)?(?:it|them|that|this|those|both)\b
          | \b(?:te|vous|lui|leur)\s+l['’]\w+ | \b(?:je\s+)?(?:te|vous|lui|leur)\s+(?:les|le|la)\s+\w+
          | \b(?:te|se|me)\s+(?:lo|la|los|las|les)\s+\w+ | \blo\s+tienes\b | \b(?:te|lhe)\s+(?:mando|envio|passo|paso)\b
          | \bschick(?:e)?\s+(?:ich\s+)?(?:dir|ihn|sie|es)\b | \bmach(?:e)?\s+ich\b | \bkümmere\s+ich\s+mich\b
          | \b(?:do|check|handle|renovo|mando|envio)\s+(?:it\s+)?(?:after|tomorrow|today|later|now|hoje|amanhã|sim|depois)\b
            # “je les fais cet aprèm”, “je regarde ça”: a French pronoun for
            # the request.
          | \bje\s+(?:les|le|la)\s+\w+ | \bje\s+l['’]\w+ | \bje\s+\w+\s+(?:ça|cela)\b
            # “lo termino el viernes”, “lo hago yo”, “eso lo miro”.
          | \b(?:lo|la|los|las)\s+(?:hago|termino|reviso|miro|veo|mando|paso|subo|armo|preparo|escribo|actualizo|arreglo|cierro|pruebo|agendo|reservo|documento)\b
            # “confirmo sim”, “isso eu faço”, “deixa comigo”.
          | \b\w{3,}o\s+sim\b | \bisso\s+eu\s+\w+ | \beu\s+fa[çc]o\s+isso\b | \bdeixa\s+comigo\b
            # “leg ich gleich an”, “schau ich mir morgen an”: the verb first
            # and a time, with no object of its own.
          | \b[a-zäöü]{3,}\s+ich\s+(?:(?:dir|mir|es|das|ihn|sie)\s+)*(?:gleich|sofort|heute|morgen|nachher|später|direkt)\b
            ",
        )
        .unwrap()
    });
    PRONOUN.is_match(sentence) || verb_then_time(sentence)
}

/// When, or by which channel, a reply says it will do what it was asked:
/// "in 10 min", "after lunch", "by 12:30", "dans 5 min", "tout de suite",
/// "después de comer", "a seguir ao almoço", "hoje à tarde", "heute
/// Nachmittag", "por DM", "by email". Only such words may follow the verb
/// of a promise that names nothing.
const WHEN: &str = r"(?:
    now|right\s+now|asap|soon|later|today|tonight|tomorrow|eod|first\s+thing|this\s+(?:morning|afternoon|evening)
  | (?:today|tomorrow)\s+(?:morning|afternoon|evening)|in\s+the\s+(?:morning|afternoon|evening)
  | (?:in|within)\s+(?:\d+|a|an|one|two|half\s+an|a\s+few|few)\s*(?:min\w*|hours?|h|sec\w*|moments?|bit)
  | (?:after|before|by|until|till|at|on)\s+(?:the\s+|my\s+)?[\w:.]+
  | (?:by|via|on|per|over)\s+(?:e-?mail|mail|dm|slack|teams|phone|whatsapp)
  | maintenant|tout\s+de\s+suite|demain|ce\s+soir|ce\s+matin|cet\s+(?:aprèm|après-midi)|aujourd['’]hui|dans\s+(?:\d+|la|l['’]|une?|quelques)\s*\S+
  | (?:avant|après|d['’]ici|dès)\s+(?:le\s+|la\s+|l['’])?[\w:]+|par\s+(?:e-?mail|mail|dm|slack)|lundi|mardi|mercredi|jeudi|vendredi
  | ahora(?:\s+mismo)?|ya|hoy|mañana|enseguida|luego|en\s+un\s+rato|esta\s+(?:tarde|noche|mañana)|por\s+la\s+(?:tarde|mañana|noche)
  | en\s+\d+\s*\S+|(?:después|antes)\s+del?\s+(?:las?\s+)?[\w:]+|(?:hasta|para)\s+el\s+\w+|por\s+(?:dm|mail|correo|e-?mail|whatsapp)
  | lunes|martes|miércoles|jueves|viernes
  | já|agora|hoje|amanhã|cedo|logo|ainda\s+hoje|(?:à|de)\s+(?:tarde|noite|manhã)|a\s+seguir(?:\s+ao\s+almoço)?|daqui\s+a\s+\w+
  | depois\s+d[oa]\s+\w+|antes\s+d[oa]\s+\w+|até\s+(?:[ao]\s+)?[\w:-]+|em\s+\d+\s*\S+|pel[oa]\s+(?:e-?mail|teams|whatsapp|dm)
  | segunda|terça|quarta|quinta|sexta
  | gleich|sofort|heute|morgen|nachher|später|direkt|noch|früh|vormittag|nachmittag|mittag|abend
  | nach\s+dem\s+\w+|bis\s+[\w:]+|in\s+\d+\s*\S+|per\s+(?:mail|e-?mail|dm)|am\s+\w+
)";

/// A reply whose verb is followed only by the person it is for and when
/// or how it is done: "i send you in 10 min", "will send by 12:30", "I
/// look at it this afternoon", "je t'envoie dans 5 min", "faço hoje à
/// tarde", "tiro já a seguir ao almoço", "lo reviso después de comer",
/// "ich ruf heute Nachmittag an". It takes on, without naming it, what
/// it was asked for: the request holds the object.
fn verb_then_time(sentence: &str) -> bool {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?ix)(?:^|[,.;!?:]\s*|\s(?:and|then|e|y|et|und|dann)\s+)
            (?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)*
            (?:(?:ok(?:ay)?|yes|yep|sure|sorry|beleza|combinado|fechado|claro|vale|dale|sí|sim|oui|d['’]accord|ja|klar|jo)[\s,!.]+)*
            (?:
              (?P<en_subj>i|i['’]ll|i\s+will|will)\s+(?:just\s+|also\s+)?(?:l['’]|(?:le|la|les)\s+)?(?P<en>[a-z]{{2,}})(?:\s+and\s+[a-z]{{3,}})?(?:\s+(?:at|into|over))?
                (?:\s+(?:it|them|this|that|you|her|him|those))*(?:\s+to\s+(?:you|her|him|them))?
            | je\s+(?:(?:te|vous|lui|leur)\s+|[tl]['’])*(?:(?:le|la|les)\s+)?(?P<fr>\w+(?:e|s))
            | (?:eu\s+|yo\s+)?(?:(?:te|se|le|les|lhe|lo|la|los|las)\s+){{0,2}}(?P<es>\w{{3,}}[oa]ço|\w{{2,}}o)(?:\s+(?:isso|isto|eso|esto))?
            | ich\s+(?P<de>\w+)(?:\s+(?:dir|euch|ihnen|ihm|ihr|es|sie|ihn|das|mir|mich|uns))*
            )
            (?P<when>(?:\s+{WHEN})+)
            (?:\s+(?:an|zurück|vorbei|durch))?
            \s*(?:$|[,.;!?:)(]|\s(?:and|e|y|et|und)\s)"
        ))
        .unwrap()
    });
    BARE.captures_iter(sentence).any(|c| {
        let verb = ["en", "fr", "es", "de"]
            .into_iter()
            .find_map(|g| c.name(g))
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        !NOT_A_BARE_PROMISE.contains(&verb.as_str())
            && !(c.name("en").is_some()
                && (verb.ends_with("ed") || NOT_ENGLISH_PROMISE.contains(&verb.as_str())))
            && !(c.name("es").is_some()
                && (NOT_PRESENT_PROMISE.contains(&verb.as_str())
                    || is_gerund(&verb)
                    || is_participle(&verb)
                    || is_noun(&verb)))
            && !(c.name("fr").is_some() && NOT_PRESENT_PROMISE.contains(&verb.as_str()))
            && !(c.name("de").is_some() && NOT_INVERTED.contains(&verb.as_str()))
    })
}

/// Verbs that say where the author is or when work starts, not that a
/// thing asked for is done: "I'm back tomorrow", "I'll be there at 3",
/// "je pars demain", "llego mañana", "chego amanhã", "ich komme morgen".
const NOT_A_BARE_PROMISE: &[&str] = &[
    "be", "go", "come", "leave", "arrive", "start", "begin", "stay", "work", "sleep", "eat",
    "travel", "fly", "return", "pars", "arrive", "commence", "reviens", "rentre", "suis", "llego",
    "salgo", "vuelvo", "empiezo", "arranco", "sigo", "voy", "chego", "saio", "volto", "começo",
    "vou", "fico", "quedo", "estoy", "estou", "bin", "fange", "gehe", "geh", "fahre", "arbeite",
    "ist", // Words in -o that are no verb: "me too, today", "demo tomorrow".
    "too", "two", "ago", "into", "also", "demo", "memo", "info", "photo", "video", "logo", "repo",
    "promo", "todo", "tudo", "nada", "no", "so", "lo", "yo", "eu", "go",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A message by U1 that turns to U2, on Monday 2028-03-06.
    fn said_to_u2() -> Context<'static> {
        Context {
            author: "U1",
            today: "2028-03-06".parse().ok(),
            planned: false,
            addressee: Some("U2".to_string()),
            before: None,
            short: false,
        }
    }

    #[test]
    fn a_sentence_that_opens_with_if_is_conditional() {
        for s in [
            "se o cliente não responder eu vou parar",
            "si legal no responde me quedo trabada",
            "if the sandbox is down I send the logs tomorrow",
            "wenn das Backend nicht deployed, schick ich es morgen",
        ] {
            assert!(is_conditional(s), "{s}");
        }
        assert!(!is_conditional("se lo mando mañana"));
        assert!(!is_conditional("si, te lo paso mañana"));
    }

    #[test]
    fn replies_that_take_a_request_on_without_naming_it() {
        for s in [
            "oui, je les fais cet aprèm",
            "je regarde ça demain",
            "sí, lo termino el viernes",
            "confirmo sim, mando até o meio-dia",
            "isso eu faço",
            "jo, leg ich gleich an",
            "<@U1> lo del informe lo hago yo",
        ] {
            assert!(is_pronoun_promise(s), "{s}");
        }
        assert!(!is_pronoun_promise("lo mismo que ayer"));
    }

    #[test]
    fn a_verb_with_only_when_after_it_takes_the_request_on() {
        for s in [
            "<@U2> sorry, I forward you in 15 minutes",
            "ok, will mail by 16:00",
            "I check it this evening",
            "<@U2> d'accord, je te réponds dans 10 min",
            "oui, je les valide ce soir",
            "<@U2> vale, lo corrijo después de comer",
            "sí, reviso esta tarde",
            "<@U2> combinado, corrijo amanhã de manhã",
            "<@U2> aprovo já a seguir ao almoço",
            "klar, ich melde mich heute Nachmittag",
            "<@U2> ich schreib ihr morgen früh",
        ] {
            assert!(is_pronoun_promise(s), "{s}");
        }
        for s in [
            "I am back tomorrow",
            "I'll be there at 3",
            "je pars demain",
            "llego mañana",
            "chego amanhã",
            "ich bin morgen",
            "I send the invoices tomorrow",
            "demo tomorrow",
            "todo hoy",
        ] {
            assert!(!is_pronoun_promise(s), "{s}");
        }
    }

    #[test]
    fn a_german_verb_that_opens_the_sentence_before_ich() {
        let ctx = said_to_u2();
        for s in [
            "Schick ich dir morgen früh.",
            "Trag ich bis Freitag ins Wiki ein.",
            "Ruf ich heute noch beim Lieferanten an.",
        ] {
            assert!(inverted_promise(s, &ctx).is_some(), "{s}");
        }
        assert!(inverted_promise("Weiß ich morgen.", &ctx).is_none());
        assert!(inverted_promise("Habe ich gestern gemacht.", &ctx).is_none());
    }

    #[test]
    fn the_object_pronoun_stays_with_its_verb() {
        assert_eq!(object_pronoun("je les "), "les ");
        assert_eq!(object_pronoun("je te l'"), "l'");
        assert_eq!(object_pronoun("se lo "), "lo ");
        assert_eq!(object_pronoun("eu "), "");
        assert_eq!(object_pronoun("te "), "");
        let ctx = Context {
            author: "U1",
            today: "2028-03-06".parse().ok(),
            planned: false,
            addressee: None,
            before: None,
            short: true,
        };
        for (s, text) in [
            ("listo, las subo ahora mismo", "Las subo"),
            ("dale, la reviso esta tarde", "La reviso"),
            ("got them, I file them today", "File them"),
            ("reçu, je les imprime ce soir", "Les imprime"),
        ] {
            let f = present(s, &ctx).unwrap_or_else(|| panic!("{s}"));
            assert!(f.text.starts_with(text), "{s}: {}", f.text);
        }
    }

    #[test]
    fn words_that_only_acknowledge() {
        for s in [
            "recibidas",
            "got them",
            "reçu, merci",
            "erhalten",
            "recebido",
            "ok",
        ] {
            assert!(is_acknowledgment(s), "{s}");
        }
        for s in ["Compass)", "el informe del lunes", "the deck is late"] {
            assert!(!is_acknowledgment(s), "{s}");
        }
    }

    #[test]
    fn a_promise_said_ahead_or_done_for_someone() {
        let ctx = said_to_u2();
        for s in [
            "ok then I put the chairs out tonight",
            "I set up the room tomorrow morning",
            "ok, je te fais un retour mardi",
            "je vous fais le devis demain",
        ] {
            assert!(present(s, &ctx).is_some(), "{s}");
        }
        assert!(present("I put the chairs out yesterday", &ctx).is_none());
        assert!(present("je fais les tests", &ctx).is_none());
    }
}
