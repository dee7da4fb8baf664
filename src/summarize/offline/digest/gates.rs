//! Precision gates of the digest: what reads like a blocker or an open
//! question by its words but, by its meaning, is none — an idiom ("I can't
//! believe it's December"), an absence ("I can't make standup tomorrow"),
//! a customer's trouble on their side, a question its own asker has closed
//! ("nvm, found it"), a request to whoever takes it ("can someone review
//! my PR?"). Every rule is said in each supported language.

use std::sync::LazyLock;

use regex::Regex;

/// "I can't believe …", "can't wait for …", "ich kann es kaum erwarten",
/// "je n'en reviens pas", "no puedo creer", "não vejo a hora": a feeling,
/// not someone stopped.
static IDIOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:can['’]?t|cannot|can\s+not|couldn['’]?t)\s+(?:\w+\s+)?(?:believe|wait|stop\s+(?:laughing|thinking)|thank|imagine|agree|complain|(?:emphasi[sz]e|stress)\s+(?:\w+\s+)?enough|tell\s+you|help\s+but|stand\s+(?:it|this|that|him|her|them)|get\s+over)\b
      | \b(?:kann|könnte)\b[^.!?]{0,30}\b(?:nicht|kaum)\s+(?:glauben|fassen|erwarten|genug\s+danken)\b | \bkann\s+es\s+kaum\s+erwarten\b
      | \bn['’]en\s+reviens\s+pas\b | \bne\s+(?:peux|pouvais)\s+pas\s+(?:croire|y\s+croire|m['’]empêcher|attendre)\b | \bj['’]ai\s+du\s+mal\s+à\s+(?:y\s+)?croire\b
      | \bno\s+(?:puedo|podía)\s+(?:creer|creerlo|esperar|dejar\s+de)\b | \bno\s+me\s+lo\s+(?:puedo|podía)\s+creer\b | \bno\s+veo\s+la\s+hora\b
      | \bnão\s+(?:consigo|posso|acredito)\s+(?:acreditar|esperar|parar\s+de)\b | \bnão\s+vejo\s+a\s+hora\b
        ",
    )
    .unwrap()
});

/// A meeting one will miss, on a day: "I can't make the standup
/// tomorrow", "ich kann morgen nicht beim Daily sein", "je ne peux pas
/// être à la rétro demain", "no puedo estar en la reunión de hoy", "não
/// consigo ir na retro amanhã".
static ABSENCE: LazyLock<Regex> = LazyLock::new(|| {
    const PRESENT: &str = r"\b(?:make|attend|join|be\s+(?:at|in|on|there)|sein|dabei\s+sein|teilnehmen|kommen|être|assister|venir|participer|estar|asistir|ir|participar|comparecer)\b";
    const EVENT: &str = r"\b(?:stand-?up|daily|meeting|sync|retro\w*|rétro|planning|1:1|one-on-one|all-hands|town\s?hall|offsite|workshop|kickoff|besprechung|réunion|reunión|reunião|planificación|planejamento)\b";
    // English and Romance put the verb first ("make the standup"),
    // German last ("beim Standup sein").
    Regex::new(&format!(
        r"(?i){PRESENT}[^.!?]{{0,40}}{EVENT}|{EVENT}[^.!?]{{0,20}}{PRESENT}"
    ))
    .unwrap()
});

/// A day or a time of day: an absence is said with when.
static WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:today|tomorrow|tonight|this\s+(?:morning|afternoon|evening|week)|monday|tuesday|wednesday|thursday|friday
      | heute|morgen|übermorgen|vormittag|nachmittag|montag|dienstag|mittwoch|donnerstag|freitag
      | aujourd['’]hui|demain|ce\s+matin|cet\s+après-midi|cet\s+aprèm|lundi|mardi|mercredi|jeudi|vendredi
      | hoy|mañana|esta\s+tarde|lunes|martes|miércoles|jueves|viernes
      | hoje|amanhã|hoje\s+à\s+tarde|segunda|terça|quarta|quinta|sexta)\b",
    )
    .unwrap()
});

/// A customer's or another company's trouble, on their side: "our customer
/// Brightline is blocked by a bug on their side", "der Kunde kann sich
/// nicht einloggen", "le client est bloqué", "el cliente no puede
/// entrar": not a member who cannot go on (a member waiting on a customer
/// says so in the first person).
static THEIR_TROUBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\W*(?:(?:our|the|a|one|this|that|unser(?:e|er)?|der|die|ein(?:e|er)?|notre|le|la|les|un|une|nuestro|nuestra|el|los|las|nosso|nossa|o|os|as|um|uma)\s+)?
        (?:customers?|clients?|users?|kunden?|nutzer(?:innen)?|clientes?|usuarios?|usuários?|utilisateurs?)\b
      | \b(?:on|at)\s+their\s+(?:side|end)\b | \bauf\s+(?:deren|ihrer)\s+seite\b | \bde\s+leur\s+côté\b | \bchez\s+eux\b | \bde\s+su\s+lado\b | \bdo\s+lado\s+deles\b
        ",
    )
    .unwrap()
});

/// The author speaks of themselves or their team: "I", "we", "ich", "wir",
/// "je", "on", "yo", "nosotros", "eu", "a gente", and first-person verbs
/// of not being able ("no puedo", "não consigo").
static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:I|I['’]m|I['’]ve|me|my|we|we['’]re|us|our\s+team|ich|mich|mir|wir|uns|je|j['’]|moi|nous|yo|me|nosotros|eu|a\s+gente|nós)\b
      | \bno\s+(?:puedo|podemos|consigo|conseguimos|logro)\b | \bnão\s+(?:consigo|conseguimos|posso|podemos)\b | \bkomme?\s+ich\b | \bkann\s+ich\b
        ",
    )
    .unwrap()
});

/// "The WAF blocked about 2k requests", "we blocked the scraper's IPs":
/// something was blocked by someone, nobody is stopped.
static BLOCKED_SOMETHING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:blocked|blocks)\s+(?:about\s+|around\s+|over\s+|roughly\s+|~)?(?:\d|the\s+(?:\w+\s+)?(?:ips?|requests?|traffic|addresses|accounts?|scrapers?|bots?|attackers?|spam)\b|(?:ips?|requests?|traffic|scrapers?|bots?|spam)\b)",
    )
    .unwrap()
});

/// A blocker by its words that stops nobody by its meaning: an idiom, an
/// absence from a meeting, a customer's trouble told in the third person,
/// something blocked on purpose, a wait with no hurry or a routine one, or
/// a decision still pending told with nobody waiting on it.
pub(super) fn stops_nobody(text: &str) -> bool {
    IDIOM.is_match(text)
        || (ABSENCE.is_match(text) && WHEN.is_match(text))
        || (THEIR_TROUBLE.is_match(text) && !FIRST_PERSON.is_match(text))
        || BLOCKED_SOMETHING.is_match(text)
        || NO_HURRY.is_match(text)
        || ROUTINE.is_match(text)
        || (UNDECIDED.is_match(text) && !FIRST_PERSON.is_match(text))
        || (CHASED.is_match(text) && !STOPPED.is_match(text))
}

/// A follow-up told as done: "I pinged Sentry yesterday, still no answer",
/// "hab bei Sentry nachgehakt", "J'ai relancé Sentry hier", "le escribí
/// ayer", "cobrei o fornecedor ontem". Said alone, it reports what one did;
/// a blocker says too what cannot go on (see [`STOPPED`]).
static CHASED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:pinged|chased|nudged|followed\s+up|nachgehakt|nachgefragt|angeschrieben|angestupst|relancée?s?|escrib[ií]|reclam[ée]|insist[ií]|cobrei|escrevi|insisti)\b",
    )
    .unwrap()
});

/// Words that say someone cannot go on: blocked, stuck, can't, waiting,
/// until, without — in every supported language.
static STOPPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:block\w*|stuck|can['’]?t|cannot|unable|waiting|wait|until|till|without|need|needs|holding)\b
      | \b(?:blockiert|hänge|häng|festgehangen|fest|kann|komme?|warte\w*|bis|ohne|brauche?)\b
      | \b(?:bloqué\w*|coincé\w*|attend\w*|tant\s+que|sans|impossible|peux|besoin)\b
      | \b(?:bloquead\w*|atascad\w*|esper\w*|hasta|sin|puedo|necesito)\b
      | \b(?:travad\w*|aguard\w*|até|sem|consigo|posso|preciso)\b
        ",
    )
    .unwrap()
});

/// The asker closes their own question: "nvm, found it", "hat sich
/// erledigt", "laissez tomber, je l'ai trouvé", "olvídalo, ya lo
/// encontré", "deixa pra lá, achei".
static NEVER_MIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bnvm\b | \bnever\s*mind\b | \b(?:found|figured)\s+(?:it|that|this|them)\b | \bfigured\s+it\s+out\b | \bsolved\s+it\b | \bscratch\s+that\b | \bignore\s+my\s+question\b
      | \bhat\s+sich\s+erledigt\b | \bhab(?:e)?\s+(?:es|'s|s)?\s*(?:im\s+\S+\s+)?gefunden\b | \bschon\s+gefunden\b | \bvergesst\s+(?:es|die\s+frage)\b
      | \blaisse[zr]?\s+tomber\b | \bje\s+l['’]ai\s+trouvé\b | \bc['’]est\s+bon,?\s+j['’]ai\s+trouvé\b | \bj['’]ai\s+trouvé\b
      | \bolvíd(?:alo|enlo|adlo)\b | \bya\s+lo\s+encontré\b | \blo\s+encontré\b | \bya\s+está,?\s+lo\s+encontré\b
      | \bdeixa\s+(?:pra|para)\s+lá\b | ^\W*(?:ah\W+)?(?:achei|encontrei)\b | \besquece\b | \bjá\s+(?:achei|encontrei)\b
        ",
    )
    .unwrap()
});

/// The asker's own later message closes their question.
pub(super) fn closes_own_question(text: &str) -> bool {
    NEVER_MIND.is_match(text)
}

/// A request put as a question to whoever takes it: "can someone review
/// my PR?", "Kann jemand …?", "Quelqu'un peut …?", "¿Alguien puede …?",
/// "Alguém pode …?" — work asked for, not a question left open.
static ASKS_SOMEONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:can|could|would|will)\s+(?:someone|somebody|anyone|anybody)\s+(?:please\s+)?(?:take|review|look|check|help|have|give|pick|grab|do|run|restart|update|fix|merge|approve|add|send|share|pair|cover|handle)\b
      | \b(?:kann|könnte|mag)\s+(?:mal\s+)?(?:jemand|wer)\b | \bquelqu['’]un\s+(?:peut|pourrait|veut|voudrait)\b
      | \balguien\s+(?:puede|podría|quiere)\b | \balgu[ée]m\s+(?:pode|poderia|consegue)\b
        ",
    )
    .unwrap()
});

/// The question asks someone to do something rather than asking a fact.
pub(super) fn asks_someone_to_do(question: &str) -> bool {
    ASKS_SOMEONE.is_match(question)
}

/// A bare "yes", "no", "nope", "ja", "nein", "oui", "non", "sí", "sim",
/// "não": an answer to a yes/no question.
static BARE_YES_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:yes|yep|yup|yeah|no|nope|nah|ja|jep|jo|nein|nö|oui|ouais|non|sí|si|sim|não|nao)\W*$",
    )
    .unwrap()
});

/// A reply that is a bare yes or no.
pub(super) fn is_bare_yes_no(text: &str) -> bool {
    BARE_YES_NO.is_match(text)
}

/// A task read from what its owner cannot or will not do ("Ne peux pas
/// être au standup", "can't make it", "kann nicht", "no puedo", "não
/// consigo"): a refusal or an absence, no work taken on.
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:(?:I|je|ich|yo|eu)\s+)?(?:
          can['’]?t | cannot | can\s+not | won['’]t | will\s+not | couldn['’]?t
        | (?:ne|n['’])\s*(?:peux|pourrai|pourrais|vais|serai)\s+pas | (?:peux|pourrai)\s+pas
        | kann\s+(?:\w+\s+)?nicht | werde\s+(?:\w+\s+)?nicht
        | no\s+(?:puedo|podré|voy\s+a|llego) | não\s+(?:posso|consigo|vou|poderei) )\b",
    )
    .unwrap()
});

/// The task says what its owner cannot or will not do.
pub(super) fn is_negated(task: &str) -> bool {
    NEGATED.is_match(task)
}

/// A reply that endorses what it answers as something to do, not one
/// that only acknowledges it ("makes sense", "sounds good", "ça marche",
/// "klingt gut", "me parece bien", "faz sentido" say they heard) or
/// shares a view ("agreed, it's slow all week", "d'accord", "de acuerdo",
/// "concordo"): "+1", "let's do that", "ship it", "approved", "machen wir
/// so", "validé", "vamos con eso", "fechado".
static ENDORSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \+1 | :\+1: | :thumbsup: | :shipit: | \blgtm\b | \blet['’]?s\s+(?:do|go\s+with|ship)\b | \bgo\s+for\s+it\b | \bship\s+it\b | \bapproved?\b | \blove\s+it\b | \bno\s+objections?\b
      | \bmachen\s+wir\b | \bgenehmigt\b | \blos\s+geht['’]?s\b
      | \bvalidé\b | \bje\s+valide\b | \ballons[-\s]y\b | \bon\s+y\s+va\b
      | \bhagámoslo\b | \bvamos\s+con\b | \baprobado\b | \bdale\b
      | \bfechado\b | \bcombinado\b | \bvamos\s+nessa\b | \bbora\b | \baprovado\b
        ",
    )
    .unwrap()
});

/// The reply endorses what it answers (see [`ENDORSES`]).
pub(super) fn endorses(reply: &str) -> bool {
    ENDORSES.is_match(reply)
}

/// A reply that opens with a yes or a no and a pause: "yes, Friday as
/// planned", "nein — erst ab März", "oui, c'est prévu", "sí.", "não, só
/// na renovação".
static OPENS_YES_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:yes|yep|yup|yeah|no|nope|ja|jep|nein|oui|non|sí|si|sim|não|nao)(?:\s*[,.!:;—–-]|\s*$)",
    )
    .unwrap()
});

/// The reply opens with a yes or a no.
pub(super) fn opens_with_yes_no(reply: &str) -> bool {
    OPENS_YES_NO.is_match(reply)
}

/// A task that only promises news, with nothing to do: "I'll keep you
/// posted", "ich halte euch auf dem Laufenden", "je vous tiens au
/// courant", "los mantengo al tanto", "mantenho vocês informados".
static ONLY_NEWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:(?:I['’]ll|I\s+will|will|ich|je|yo|eu)\s+)?(?:
          keep\s+(?:you|you\s+all|everyone|y['’]all|the\s+channel|people|folks)\s+(?:posted|updated|informed|in\s+the\s+loop) | report\s+back | let\s+(?:you|everyone)\s+know
        | halte\s+(?:euch|dich|sie)\s+auf\s+dem\s+laufenden | (?:euch|dich)\s+auf\s+dem\s+laufenden\s+halten | geb(?:e)?\s+bescheid
        | (?:vous|te)\s+tiens\s+au\s+courant | (?:vous|te)\s+tiendrai\s+au\s+courant | (?:vous|te)\s+dis\s+(?:quoi|ça)
        | (?:los|las|te|les)\s+(?:mantengo|mantendré)\s+al\s+tanto | (?:os|les|te)\s+aviso | (?:os|les|te)\s+cuento
        | (?:mantenho|manterei)\s+(?:vocês\s+|vcs\s+|você\s+)?(?:informad[oa]s?|a\s+par) | (?:aviso|falo)\s+(?:vocês|vcs|você) )\W*$",
    )
    .unwrap()
});

/// The task only promises news.
pub(super) fn only_news(task: &str) -> bool {
    ONLY_NEWS.is_match(task)
}

/// A yes that goes on with the answerer's own work: "yes, I'll add the
/// test to the PR", "ja, mache ich heute", "oui, je m'en occupe", "sí, lo
/// agrego yo", "sim, eu ajusto". The question is answered and the work is
/// a task of the one who said yes; nothing was decided for the team.
static YES_I_WILL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:yes|yep|yeah|sure|ok(?:ay)?|ja|klar|oui|ouais|sí|si|claro|vale|dale|sim)\W+(?:
          I['’]ll | I\s+will | I\s+can | I['’]m\s+on\s+it | on\s+it
        | ich\s | mach(?:e)?\s+ich | übernehme\s+ich | kümmere\s+mich
        | je\s | j['’] | je\s+m['’]en
        | yo\s | l[oa]s?\s+\w+o\s+yo | me\s+encargo
        | eu\s | \w+o\s+eu\b | deixa\s+comigo )",
    )
    .unwrap()
});

/// The reply says yes and takes the work on itself.
pub(super) fn yes_i_will(reply: &str) -> bool {
    YES_I_WILL.is_match(reply)
}

/// A decision said under a condition: "if legal says no, we'll go with
/// Frankfurt", "falls …, nehmen wir …", "si …, on part sur …", "si …,
/// vamos con …", "se …, vamos com …": nothing is decided until it holds.
static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:(?:ok(?:ay)?|so|and|und|alors|et|y|e|pues)\W+)?(?:
          if | unless | in\s+case | falls | wenn | sofern
        | si\s+(?:le|la|les|l['’]|on|un|une|el|los|las|no|nadie|alguien|[a-z]+\s) | s['’]il | au\s+cas\s+où | en\s+caso\s+de
        | se\s+(?:o|a|os|as|um|uma|não|ninguém|alguém|for|tiver|der) | caso\s )",
    )
    .unwrap()
});

/// The decision sentence is said under a condition.
pub(super) fn conditional(sentence: &str) -> bool {
    CONDITIONAL.is_match(sentence)
}

/// "From now on I mute the alerts channel after 6", "ab sofort schalte
/// ich …", "désormais je …", "desde ahora yo …", "daqui pra frente eu …":
/// a habit of one's own, not a rule of the team.
static OWN_HABIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:from\s+now\s+on|going\s+forward)\W+I\b
      | \bab\s+sofort\s+\w+\s+ich\b | \bab\s+sofort\s+ich\b
      | \bdésormais,?\s+(?:je|j['’])\b | \bà\s+partir\s+de\s+maintenant,?\s+(?:je|j['’])\b
      | \b(?:desde|a\s+partir\s+de)\s+ahora,?\s+yo\b
      | \b(?:daqui\s+(?:pra|para)\s+frente|de\s+agora\s+em\s+diante),?\s+eu\b
        ",
    )
    .unwrap()
});

/// The "from now on" is the author's own habit.
pub(super) fn own_habit(sentence: &str) -> bool {
    OWN_HABIT.is_match(sentence)
}

/// "I'd love standing desks", "I'd like a second monitor", "I'd be happy
/// …": a wish for a thing, which "I'd" alone would read as a proposal;
/// "I'd love to switch to Vite", "I'd like us to …" propose.
static WISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bI['’]d\s+(?:really\s+)?(?:love|like|kill\s+for)\s+(?P<next>\w+)|\bI['’]d\s+(?:be\s+(?:happy|glad|curious)|hate)\b").unwrap()
});

/// The span of the sentence's wish, if it wishes for a thing.
fn wish_at(sentence: &str) -> Option<std::ops::Range<usize>> {
    const ACTS: &[&str] = &["to", "us", "it", "if", "we", "that", "for"];
    WISH.captures_iter(sentence).find_map(|c| {
        let next = c.name("next").map(|n| n.as_str().to_lowercase());
        let thing = next.is_none_or(|n| !ACTS.contains(&n.as_str()));
        thing.then(|| c.get(0).map(|m| m.range())).flatten()
    })
}

/// The sentence without its wish for a thing.
pub(super) fn without_wish(sentence: &str) -> std::borrow::Cow<'_, str> {
    match wish_at(sentence) {
        Some(r) => format!("{} {}", &sentence[..r.start], &sentence[r.end..]).into(),
        None => sentence.into(),
    }
}

/// A routine wait, a finding or a notice of availability, which stop
/// nobody: "waiting for the CI to finish, then I'll merge", "I couldn't
/// reproduce it, works fine here", "out until Friday, ping me if urgent"
/// — in every supported language.
static ROUTINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:wait(?:ing)?\s+(?:for|on|until)|warte\w*\s+(?:auf|bis)|attend\w*\s+(?:que|la\s+fin)|esperando\s+(?:a\s+)?que|esperando\s+(?:o|a)|espero\s+(?:a\s+)?que)\s+(?:(?:the|die|der|den|das|la|le|el|o|a)\s+)?(?:ci|build|pipeline|tests?|checks?|deploy(?:ment)?|rollout|job)\b[^.!?]{0,40}\b(?:finish\w*|complete\w*|pass\w*|run\w*|durch|fertig|durchläuft|finisse|termine\w*|terminar|acabe|acabar)\b
      | \besperando\s+(?:a\s+)?que\s+(?:termine|acabe|pase)\s+(?:el|la|los)\s+(?:ci|build|pipeline|tests?|deploy|job)\b
      | \b(?:works|working)\s+(?:fine\s+)?(?:for\s+me|here|on\s+my)\b | \bworks\s+fine\b | \bläuft\s+(?:hier|bei\s+mir)\b | \bça\s+marche\s+(?:ici|chez\s+moi)\b | \b(?:aquí|acá|aqui)\s+funciona\b | \bfunciona\s+(?:aquí|acá|aqui|bien|bem)\b
      | \bif\s+(?:it['’]s\s+)?urgent\b | \bwenn['’]?s?\s+(?:es\s+)?dringend\s+ist\b | \bfalls\s+dringend\b | \bsi\s+c['’]est\s+urgent\b | \bsi\s+es\s+urgente\b | \bse\s+for\s+urgente\b
        ",
    )
    .unwrap()
});

/// Waiting that stops nobody: "no rush", "keine Eile", "pas d'urgence",
/// "sin prisa", "sem pressa", "as planned", "wie geplant", "comme prévu",
/// "como estaba previsto", "conforme planejado".
static NO_HURRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\bno\s+rush\b | \bno\s+hurry\b | \bkeine\s+eile\b | \bpas\s+d['’]urgence\b | \brien\s+d['’]urgent\b | \bsin\s+prisa\b | \bno\s+corre\s+prisa\b | \bsem\s+pressa\b
      | \bas\s+planned\b | \bwie\s+geplant\b | \bcomme\s+prévu\b | \bcomo\s+(?:estaba\s+)?previsto\b | \b(?:conforme|como)\s+planejado\b",
    )
    .unwrap()
});

/// The text wishes for a thing ("I'd love a second monitor").
pub(super) fn wishes(text: &str) -> bool {
    wish_at(text).is_some()
}

/// A yes with a reservation: "yes, but let's check with the DBAs first",
/// "ja, aber …", "oui, mais …", "sí, pero …", "sim, mas …": not yet agreed.
static YES_BUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:yes|yeah|yep|ok(?:ay)?|sure|ja|oui|sí|si|sim|claro)\W+(?:\w+\W+)?(?:but|aber|mais|pero|mas)\b").unwrap()
});

/// The reply says yes with a reservation.
pub(super) fn yes_but(reply: &str) -> bool {
    YES_BUT.is_match(reply)
}

/// What a task read from chatter says when it is no work:
/// - a copula where a verb of doing should be ("Is the security review"
///   from "next step is the security review");
/// - a meal or a break ("Grab lunch, back in 30", "Almoçar, volto em 30";
///   "on it after lunch" is work);
/// - a vow ("Never deploy on a Friday again", "nunca más");
/// - an offer in the conditional ("Könnte mir den Bug anschauen, falls …",
///   "Pourrais regarder …", "Podría mirar …");
/// - a hedge that promises nothing ("… but no promises", "sem promessas",
///   "do my best"), a huddle's "can you hear me", leaving it to others;
/// - a status of work already finished ("… the leaked PAT is revoked",
///   "die Release Notes sind fertig", "la PR est mergée", "ya está
///   desplegado", "o fix foi deployado").
static NOT_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\W*(?:is|are|was|were|ist|sind|war|est|sont|était|son|está|están|era|é|são|foi)\b
      | ^\W*(?:(?:grab|get|have|go\s+(?:for|to)|heading\s+(?:to|for))\s+)?(?:a\s+)?(?:lunch|coffee|almo[çc]o|almo[çc]ar|déjeuner|déjeune|mittag(?:essen|spause)?|almuerzo|almorzar|comer)\b
      | \bback\s+in\s+\d+ | \bbin\s+in\s+\d+\s+\w+\s+zurück\b | \bje\s+reviens\s+dans\b | \bvuelvo\s+en\s+\d+ | \bvolto\s+em\s+\d+
      | ^\W*(?:never|nie|niemals|jamais|nunca)\b
      | ^\W*(?:could|might|könnte|pourrais|pourrait|podría|poderia)\b
      | ^\W*(?:do\s+)?my\s+best\b | ^\W*(?:hear|see)\s+(?:(?:me|us)\b|<@\w+>|my\s+screen\b)
      | ^\W*let\s+(?:the\s+)?(?:others|everyone|you|them|people|folks)\s+(?:weigh|decide|chime|comment)\b
      | ^\W*(?:leave|laisse[rz]?|dejar?|deixar?|überlasse)\s+(?:that|this|it|ça|cela|eso|esto|isso|das)\s+(?:to|aux?|à|a|com|den|dem|der)\b
      | \bno\s+promises\b | \bkeine\s+garantie\b | \bsans\s+(?:garantie|promesse)\b | \bno\s+prometo\s+nada\b | \bsem\s+promessas?\b
      | ^\W*(?:ich\s+bin|I\s+am|I['’]m|je\s+suis|(?:yo\s+)?soy|(?:eu\s+)?sou)\s+(?:the\s+|der\s+|die\s+|le\s+|la\s+|el\s+|o\s+|a\s+)?[\w-]+\W*(?:$|\(re:\s)
      | ^\W*(?:hello|hi|hey|hallo|moin|servus|bonjour|salut|coucou|hola|buenas|olá|oi|good\s+morning|morning|gm|guten\s+morgen|buenos\s+días|bom\s+dia)\b
        ",
    )
    .unwrap()
});

/// Work said to be finished: "… is revoked", "ist erledigt", "est
/// mergée", "ya está desplegado", "foi deployado", at the end of the text
/// or of its clause.
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+|already\s+|finally\s+|all\s+)?(?:done|fixed|merged|deployed|shipped|live|resolved|closed|finished|complete|completed|revoked|sorted|published|sent|signed)(?:\W*$|\s*[,;—–])
      | \b(?:ist|sind)\s+(?:jetzt\s+|schon\s+|bereits\s+)?(?:erledigt|fertig|durch|gefixt|gemerged|deployt|live|behoben|veröffentlicht|widerrufen)(?:\W*$|\s*[,;—–])
      | \b(?:est|sont)\s+(?:déjà\s+|maintenant\s+)?(?:fait|faite|faits|terminée?s?|déployée?s?|réglée?s?|corrigée?s?|mergée?s?|publiée?s?|révoquée?s?|envoyée?s?)(?:\W*$|\s*[,;—–])
      | \b(?:está|están|quedó|quedaron)\s+(?:ya\s+)?(?:list[oa]s?|hech[oa]s?|resuelt[oa]s?|desplegad[oa]s?|arreglad[oa]s?|publicad[oa]s?|revocad[oa]s?|enviad[oa]s?)(?:\W*$|\s*[,;—–])
      | \b(?:está|estão|foi|foram|ficou|ficaram)\s+(?:já\s+)?(?:pront[oa]s?|feit[oa]s?|resolvid[oa]s?|deployad[oa]s?|corrigid[oa]s?|publicad[oa]s?|revogad[oa]s?|enviad[oa]s?)(?:\W*$|\s*[,;—–])
        ",
    )
    .unwrap()
});

/// "Make sure the backfill is done, then …", "ping me when the migration
/// is done": a check or a wait to do, not a status.
static CHECK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^\W*(?:make\s+sure|ensure|check|verify|confirm|sicherstellen|prüfen|vérifier|s['’]assurer|asegurar|verificar|comprobar|garantir|conferir)\b
        | \b(?:when|once|after|until|till|as\s+soon\s+as|if|bis|sobald|wenn|nachdem|falls|quand|dès\s+que|lorsque|une\s+fois\s+que|si|cuando|hasta\s+que|en\s+cuanto|quando|assim\s+que|até\s+que|depois\s+que|se)\b").unwrap()
});

/// Where one will be or not be: "Miss the retro, dentist", "Serai au
/// bureau …", "Estar offline una hora", "Chegar uns minutos atrasado no
/// standup", "Ficar offline uma hora" — the author's day, not work.
static WHEREABOUTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\W*(?:miss|skip)\b[^.!?]*\b(?:retro\w*|stand-?up|meeting|sync|planning|demo|1:1|all-hands|workshop)\b
      | ^\W*be\s+(?:a\s+(?:bit|few\s+minutes)\s+)?(?:out|off|away|offline|ooo|afk|late|in\s+the\s+office|at\s+the\s+office|on\s+(?:pto|leave|vacation|holiday))\b
      | ^\W*(?:sein|bin|komme?|serai|suis|arriver?|estar[ée]?|voy\s+a\s+estar|llego|llegar|ficar|fico|chegar|chego|vou\s+(?:estar|chegar|ficar))\b
        [^.!?]*\b(?:offline|ooo|afk|pto|später|tarde|atrasad[oa]|retard|büro|bureau|oficina|escritório|urlaub|congés|vacaciones|férias|zahnarzt|arzt|médico|dentista|dentiste)\b
        ",
    )
    .unwrap()
});

/// The task names no work (see [`NOT_WORK`], [`DONE`], [`WHEREABOUTS`]).
pub(super) fn not_work(task: &str) -> bool {
    NOT_WORK.is_match(task)
        || (DONE.is_match(task) && !CHECK.is_match(task))
        || WHEREABOUTS.is_match(task)
}

/// Questions that expect no answer, beyond greetings and tag questions:
/// "why is it always DNS?", "who needs tests anyway?", "anyone else feel
/// like …?", "what could possibly go wrong?", "how hard can it be?", "any
/// weekend plans?" — in every supported language.
static RHETORICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:why|warum|wieso|pourquoi|por\s*qu[eé])\b[^?]{0,30}\b(?:always|immer|toujours|siempre|sempre)\b
      | ^\W*(?:who|wer|qui|quién|quem)\s+(?:even\s+|really\s+|schon\s+|a\s+)?(?:needs|braucht|besoin|necesita|precisa)\b
      | \b(?:any(?:one|body)|some(?:one|body))\s+else\s+(?:feel|think|hate|love|miss|find|wish)\b | \bjemand\s+außer\s+mir\b | \bje\s+suis\s+(?:le|la)\s+seul\w*\b | \bsoy\s+(?:el|la)\s+únic[oa]\b | \bsó\s+eu\b
      | \bwhat\s+could\s+(?:possibly\s+)?go\s+wrong\b | \bwas\s+soll\s+(?:da\s+)?schon\s+schief\w*\b | \bqu['’]est-ce\s+qui\s+pourrait\s+mal\s+tourner\b | \bqué\s+(?:podría|puede)\s+salir\s+mal\b | \bo\s+que\s+(?:poderia|pode)\s+dar\s+errado\b
      | \bhow\s+hard\s+can\s+it\s+be\b | \bguess\s+what\b | \byou\s+know\s+what\b
      | \b(?:weekend|holiday|vacation)\s+plans\b | \bpläne\s+(?:fürs|für\s+das)\s+wochenende\b | \bdes\s+plans\s+pour\s+le\s+week-end\b | \bplanes\s+para\s+el\s+(?:finde|fin\s+de\s+semana)\b | \bplanos\s+para\s+o\s+fim\s+de\s+semana\b
        ",
    )
    .unwrap()
});

/// The question expects no answer.
pub(super) fn rhetorical(question: &str) -> bool {
    RHETORICAL.is_match(question)
}

/// A decision not (yet) taken, or left to someone else: "no decision yet
/// on …", "the decision … is still pending / up to the CEO", "we haven't
/// decided whether …", "agreed to disagree", "noch keine Entscheidung",
/// "die Entscheidung trifft der CEO", "pas encore de décision", "on n'a
/// pas encore décidé", "no hay decisión", "no decidimos aún", "ainda não
/// decidimos", "a decisão continua pendente".
static UNDECIDED: LazyLock<Regex> = LazyLock::new(|| {
    // Words that also say what was decided ("we open the beta", "up to
    // 500 rps", "postponed to March", "sigue con Kafka", "continua no
    // Jenkins") are left out: only a decision said to be still open is.
    Regex::new(
        r"(?ix)
        \bno\s+decision\b | \b(?:not|n['’]t|never)\s+(?:yet\s+)?(?:been\s+)?(?:decided|agreed)\b | \bundecided\b | \bstill\s+to\s+be\s+decided\b
      | \bdecision\b[^.!?]{0,40}\b(?:(?:is|still|remains)\s+(?:still\s+)?(?:pending|open)|(?:is|it['’]s|lies)\s+(?:\w+\s+)?up\s+to|not\s+(?:yet\s+)?made)\b | \bagreed\s+to\s+disagree\b
      | \bkeine\s+entscheidung\b | \bnoch\s+nicht\s+(?:\w+\s+)?(?:entschieden|beschlossen|festgelegt|geeinigt)\b | \bnicht\s+entschieden\b
      | \bentscheidung\b[^.!?]{0,40}\b(?:steht\s+(?:noch\s+)?aus|(?:ist\s+)?noch\s+offen|liegt\s+(?:noch\s+)?beim?|trifft|ausstehend)\b
      | \bpas\s+(?:encore\s+)?de\s+décision\b | \bpas\s+(?:encore\s+)?décidé\b | \bdécision\b[^.!?]{0,40}\b(?:en\s+attente|pas\s+encore|reste\s+à\s+prendre|appartient)\b
      | \b(?:no\s+hay|sin|ninguna)\s+decisión\b | \bno\s+(?:hemos\s+)?decidi(?:mos|do)\b | \bdecisión\b[^.!?]{0,40}\b(?:(?:sigue|está)\s+pendiente|sigue\s+abierta)\b
      | \b(?:não\s+há|sem|nenhuma)\s+decisão\b | \bnão\s+(?:\w+\s+)?decidi(?:mos|ram|do)\b | \bdecisão\b[^.!?]{0,40}\b(?:(?:continua|está)\s+pendente|continua\s+em\s+aberto)\b
        ",
    )
    .unwrap()
});

/// The sentence says a decision is not taken (see [`UNDECIDED`]).
pub(super) fn undecided(sentence: &str) -> bool {
    UNDECIDED.is_match(sentence)
}

/// A reply that hedges and then answers: "not sure, but I think it's the
/// unbounded cache", "nicht sicher, aber ich glaube …", "pas sûr, mais je
/// pense …", "no estoy seguro, pero creo …", "não sei ao certo, mas acho
/// …". A deferral alone ("not sure, I'd ask Sam") does not answer.
static HEDGED_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:not\s+(?:100%\s+)?sure|idk|no\s+idea|nicht\s+sicher|keine\s+ahnung|pas\s+sûr|aucune\s+idée|no\s+(?:estoy\s+)?segur[oa]|ni\s+idea|não\s+sei(?:\s+ao\s+certo)?|não\s+tenho\s+certeza)
        \W+(?:\w+\W+){0,2}?(?:but|aber|mais|pero|mas)\s+(?:I\s+think|I\s+believe|I['’]m\s+pretty\s+sure|ich\s+glaube|ich\s+denke|je\s+pense|je\s+crois|creo|pienso|acho|penso)\b",
    )
    .unwrap()
});

/// The reply hedges, then answers.
pub(super) fn hedged_answer(reply: &str) -> bool {
    HEDGED_ANSWER.is_match(reply)
}

/// A decision marker said with a hedge: "not sure we'll go with Postgres",
/// "we'll probably go with the EU region", "vielleicht nehmen wir …",
/// "on part peut-être sur …", "quizás vamos con …", "talvez vamos com …":
/// a leaning, not a decision.
static HEDGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:not\s+sure|maybe|perhaps|probably|might|I\s+guess|vielleicht|wahrscheinlich|eventuell|peut-être|probablement|sans\s+doute|quizás?|tal\s+vez|a\s+lo\s+mejor|probablemente|talvez|provavelmente|não\s+sei\s+se)\b",
    )
    .unwrap()
});

/// The decision sentence hedges.
pub(super) fn hedged(sentence: &str) -> bool {
    HEDGED.is_match(sentence)
}

/// A thread opening put up as a plan: a labelled lead ("3.0 release plan:
/// …", "Fix: …"; not "FYI:", "Update:", "Reminder:") or words that plan or
/// propose ("we'll", "let's", "we should", "wir sollten", "on va",
/// "vamos a", "deveríamos"). An explanation ("the spike was the cron"), a
/// status ("deployed to staging, took 40 min") or a complaint ("staging is
/// slow again") is none.
static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:plan|proposal|proposed?|let['’]s|we['’]ll|we\s+will|we\s+should|we\s+could|going\s+to|next\s+step)\b
      | \b(?:vorschlag|lasst\s+uns|wir\s+(?:werden|sollten|könnten))\b | \b(?:on\s+va|on\s+pourrait|on\s+devrait|proposition)\b
      | \b(?:vamos\s+a|podríamos|deberíamos|propuesta)\b | \b(?:vamos|poderíamos|deveríamos|proposta)\b
        ",
    )
    .unwrap()
});

/// A lead with a colon that only informs: "FYI:", "Update:", "Status:".
static INFO_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:fyi|heads\s+up|update|status|note|psa|reminder|info|achtung|hinweis|rappel|pour\s+info|ojo|aviso|atenção|lembrete|research\s+note|quick\s+update)\b").unwrap()
});

/// A labelled lead: a few words, a colon and a space ("Plan: …").
static LEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[^:?!.]{3,50}:\s+\S").unwrap());

/// The thread opening is put up as a plan (see [`PLAN`]).
pub(super) fn plan_like(opening: &str) -> bool {
    PLAN.is_match(opening) || (LEAD.is_match(opening) && !INFO_LEAD.is_match(opening))
}

/// Someone outside the team decided, told as news: "Marketing hat
/// entschieden, …", "AWS has decided to …", "la banque a décidé de …", "el
/// banco decidió …", "o time de growth decidiu …". Only a decision said
/// with a third-person verb is; "decided: …", "wir haben beschlossen" and
/// "on a décidé" are the team's own (see [`OUR_SIDE`]).
static OTHERS_DECIDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?i:\b(?:has|have|had)\s+(?:\w+\s+)?decided\b) | \b[A-Z][\w&-]+(?:\s+(?i:team|folks))?\s+(?i:decided\s+to)\b
      | (?i:\b(?:hat|haben|hatte|hatten)\s+(?:\w+\s+){0,2}?(?:entschieden|beschlossen|festgelegt)\b)
      | (?i:\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?décidé\b)
      | (?i:\b(?:decidió|decidieron|ha\s+decidido|han\s+decidido)\b)
      | (?i:\b(?:decidiu|decidiram|resolveu|resolveram)\b)
        ",
    )
    .unwrap()
});

/// The team speaks of itself: "we", "wir", "on a", "nous", "nosotros",
/// "hemos", "a gente", "nós", or a first-person plural verb of deciding.
static OUR_SIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:I|we|us|our|wir|uns|unser\w*|on\s+(?:a|avait|est)|nous|nosotros|hemos|a\s+gente|nós|decidimos|beschlossen\s+wir|entschieden\s+wir)\b",
    )
    .unwrap()
});

/// The decision sentence reports what someone outside the team decided.
pub(super) fn others_decided(sentence: &str) -> bool {
    OTHERS_DECIDED.is_match(sentence) && !OUR_SIDE.is_match(sentence)
}

/// A proposal's lead: "Vorschlag: … ab sofort …", "Proposal: from now on
/// …", "Je propose que désormais …", "Propuesta: desde ahora …", "Proponho
/// que daqui pra frente …". What follows is put up for agreement, even when
/// it is worded as a rule; agreed to, it is a decision by its proposer.
static PROPOSAL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\W*(?:(?:my\s+)?(?:proposal|suggestion|idea)|vorschlag|idee|proposition|suggestion|idée|propuesta|sugerencia|idea|proposta|sugestão|ideia)\b[^:]{0,30}:
      | \bI\s+(?:propose|suggest)\b | \bich\s+schlage\b | \bje\s+(?:propose|suggère)\b | \b(?:propongo|sugiero|proponho|sugiro)\b
        ",
    )
    .unwrap()
});

/// The sentence puts a proposal before its decision marker (at `marker`).
pub(super) fn proposes_before(sentence: &str, marker: usize) -> bool {
    PROPOSAL_LEAD
        .find(sentence)
        .is_some_and(|p| p.start() < marker)
}
