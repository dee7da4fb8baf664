//! Finding action items: who promised or was asked to do what, and by when.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};

use super::due;
use super::promises;
use super::pronouns::{object_of, resolve_it};
pub(crate) use super::task::Found;
use super::task::{make, Context};
use super::text::{mentions, plain, sentences};

/// "TODO: …", "Action item: <@U2> to …", "Follow-up: …", "TODO für
/// mich: …", "TODO perso : …".
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:(?:also|and|et|y|e|und|außerdem|aussi|además|também|plus)\s+)?(?P<kw>todo|to-do|action(?:\s+items?)?|ai|follow[- ]?up|next\s+steps?|à\s+faire|a\s+fazer|por\s+hacer|pendiente|zu\s+erledigen|aufgabe)
        (?:\s*\([^)]{1,30}\)|\s+for\s+(?P<for>me|myself|<@[UW][A-Z0-9]+(?:\|[^>]*)?>)|\s+(?:für\s+mich|pour\s+moi|para\s+m[ií]|pra\s+mim|perso)|\s+(?P<all>for\s+(?:all|everyone|everybody|the\s+team)|für\s+alle|pour\s+tous|pour\s+tout\s+le\s+monde|para\s+todos|pra\s+todos|para\s+todo\s+el\s+mundo|pra\s+todo\s+mundo)|\s+before\s+[^:]{1,40})?
        \s*(?P<sep>[:\-–—]\s*|\s+)(?P<rest>.+)$",
    )
    .unwrap()
});

/// A marker line. "Follow-up", "action" and "next steps" are nouns too
/// ("T: follow-up mail to Nordlicht"): they mark a task only with a colon
/// or a dash after them.
fn marker(text: &str) -> Option<Captures<'_>> {
    let c = MARKER.captures(text)?;
    let kw = c["kw"].to_lowercase();
    let noun = ["action", "follow", "next"]
        .iter()
        .any(|n| kw.starts_with(n));
    (!noun || !c["sep"].trim().is_empty()).then_some(c)
}

/// "TODO: …" after another clause: "finish the services; TODO: write the
/// guide", "Nachtrag, TODO für mich: …", "ah, TODO pour moi : …"; or
/// after an emoji, which ends what was said before as a full stop does
/// ("fertig :tada: ToDo für mich: …", "listo 🎉 pendiente: …").
static MARKER_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[;,—–]|\balso|:[a-z0-9_+\-]+:|\p{So})\s*(?:todo|to-do|action\s+items?|follow[- ]?up|à\s+faire|a\s+fazer|por\s+hacer|pendiente|zu\s+erledigen)(?:\s+(?:for\s+me|für\s+mich|pour\s+moi|para\s+m[ií]|pra\s+mim|perso)|\s*\([^)]{1,30}\))?\s*[:\-–—]\s*(?P<rest>.+)$",
    )
    .unwrap()
});

/// A note to self, anywhere in a sentence: "reminder to myself: …", "Need
/// to remember to …", "Note to self: …", and the same in German, French,
/// Spanish and Portuguese ("lembrete pra mim: …", "Nota para mí: …").
static NOTE_TO_SELF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
          (?:a\s+)?reminder\s+(?:to|for)\s+(?:myself|me|self) | note\s+to\s+(?:self|myself)
        | (?:i\s+)?(?:need|have|must|should)\s+to\s+remember\s+to | (?:don['’]t\s+)?(?:forget|remember)\s+to
        | notiz\s+an\s+mich | nicht\s+vergessen | (?:ich\s+)?muss\s+(?:noch\s+)?daran\s+denken,?
        | n['’]oublie\s+pas\s+d(?:e\s+|['’]) | no\s+(?:te\s+)?olvides\s+(?:de\s+)? | não\s+(?:se\s+)?esque[cç][ae]\s+de | vergiss\s+nicht,?\s*(?:zu\s+)? | denk\s+dran,?
        | note\s+pour\s+moi | pense-bête | ne\s+pas\s+oublier\s+de | penser\s+à
        | nota\s+para\s+m[ií] | recordatorio(?:\s+para\s+m[ií])? | no\s+olvidar(?:me)?\s+de | tengo\s+que\s+acordarme\s+de
        | lembrete(?:\s+pra\s+mim|\s+para\s+mim)? | erinnerung\s+(?:an|für)\s+mich(?:\s+selbst)? | nota\s+mental
        | (?:rappel|note|memo|mémo|reminder|erinnerung|merker|recordatorio|lembrete|nota|notiz|anota[cç][aã]o|apunte|anotaci[oó]n|vermerk)\s+(?:pour|for|für|para|pra|an|à|to)\s+(?:moi(?:-même)?|me|myself|mich(?:\s+selbst)?|m[ií](?:\s+mism[oa])?|mim(?:\s+mesm[oa])?|self) | note\s+mentale | memo\s+to\s+self | (?:tenho\s+que\s+)?lembrar\s+de | não\s+esquecer\s+de
        )\s*[:\-–—]?\s*(?P<rest>.+)$",
    )
    .unwrap()
});

/// Words of a note that say it is the author's own: "reminder to myself",
/// "note pour moi", "lembrete pra mim".
static SELF_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:me|myself|self|moi|mich|m[ií]|mim|mental|mentale|notiz|nota|note|anota[cç][aã]o|apunte|anotaci[oó]n|vermerk|reminder|rappel|recordatorio|lembrete|merker|memo|pense-bête|erinnerung)\b|\bi\s|\bich\b|tengo|tenho|muss").unwrap()
});

/// A line that names a task of its own ("TODO: …", "Nicht vergessen: …",
/// "pendiente: …"), wherever it stands: under the blockers label it is
/// still a task, not a blocker.
pub(crate) fn is_task_line(item: &str) -> bool {
    let item = plain(item);
    marker(&item).is_some() || NOTE_TO_SELF.find(&item).is_some_and(|m| m.start() <= 3)
}

/// "Need to update the runbook" at the start of a clause: a note to self;
/// "je dois", "ich muss noch", "tengo que", "tenho que" likewise.
static NEED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[;,—–]\s*|\balso\s+)(?:(?:i\s+)?(?:still\s+)?need\s+to|il\s+faut\s+que\s+je|je\s+dois|ich\s+muss(?:\s+noch)?|tengo\s+que|tenho\s+que|preciso)\s+(?P<rest>.+)$")
        .unwrap()
});

/// The words of an ask, in English, German, French, Spanish and
/// Portuguese: "can you", "please", "kannst du", "peux-tu", "¿puedes",
/// "consegue".
const REQUEST: &str = r"(?:(?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+)?(?:also\s+)?
          | do\s+you\s+have\s+
          | (?:would|do)\s+you\s+mind\s+ | any\s+chance\s+you\s+(?:could|can)\s+ | (?:it\s+)?would\s+be\s+(?:great|nice|awesome|good)\s+if\s+you\s+could\s+
          | can\s+i\s+get\s+you\s+to\s+ | (?:me\s+)?ayud[aá]s\s+(?:a|con)\s+ | (?:maybe|perhaps)\s+you\s+(?:can|could)\s+
          | porfa(?:vor)?[,\s]+ | pf[,\s]+
          | (?:consegue|conseguiria|consegues|podia|poderia)\s+
          | please\s+ | pls\s+ | plz\s+
          | (?:kannst|könntest|würdest)\s+du\s+(?:mir\s+|uns\s+)?(?:bitte\s+)?
          | (?:magst|kannst|könntest)\s+du\s+(?:mal\s+|bitte\s+)?
          | bitte\s+
          | merci\s+de\s+ | (?:tu\s+)?pourrais-tu\s+
          | (?:peux|pourrais|pouvez|pourriez)[-\s](?:tu|vous)\s+
          | (?:tu\s+peux|tu\s+pourrais|tu\s+pourras|est-ce\s+que\s+tu\s+peux|vous\s+pouvez|vous\s+pourrez|pourras-tu|pourrez-vous)\s+
          | (?:s['’]il\s+te\s+pla[iî]t|s['’]il\s+vous\s+pla[iî]t|stp|svp)[,\s]+
          | (?:puedes|podrías|podrias|podés|pueden|podrían|podrian)\s+(?:por\s+favor\s+)?
          | por\s+favor[,\s]+
          | (?:você\s+pode|voce\s+pode|pode|poderia|podes)\s+
          | (?:vocês|voces|vós)\s+(?:podem|poderiam|conseguem|conseguiriam)\s+ | (?:könnt|könntet|würdet)\s+ihr\s+(?:bitte\s+|mal\s+)?
          | (?:ustedes\s+)?(?:pueden|podrían|podrian)\s+ | (?:vous\s+)?(?:pourriez|pouvez)[-\s]vous\s+
          | (?:me|nos)\s+(?:pasas|pasás|mandas|mandás|manda|envías|envias|envía|enviás|passa|passas|compartes|compartís|preparas|preparás|revisas|revisás|confirmas|confirmás)\s+
          | (?:machst|schickst|übernimmst|schaust|erstellst|schreibst|packst|prüfst)\s+du\s+(?:mir\s+|uns\s+|bitte\s+|mal\s+|noch\s+)*
          | (?:te\s+encargas|te\s+ocupas|te\s+encarregas|tu\s+t['’]occupes|tu\s+t['’]en\s+occupes|kümmerst\s+du\s+dich)\s+(?:tú\s+|vos\s+|você\s+|bitte\s+)?(?:(?:de|d['’]|um|darum)\s*(?:(?:eso|esto|ello|isso|ça)\b\s*)?)?
        )";

/// "<@U2> can you …", "<@U2>, could you please …", "<@U2> <@U3> please …",
/// "<@U2> nice catch! can you add a test", and the same asks in German,
/// French, Spanish and Portuguese. `pre` holds the words between the
/// person and the ask, which name the object of a bare "can you check?".
static ASKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)
        (?P<who>(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*(?:(?:and|&amp;|&|et|y|e|und)\s+)?)+)
        [,:\-–—]?\s*(?P<pre>[^<.!?\n]{{1,80}}?[\s,:!]+)??¿?\s*
        {REQUEST}(?P<rest>.+)$"
    ))
    .unwrap()
});

/// "<@U2>, necesito el informe para el lunes": a need said to a person
/// right after naming them asks them for it, whoever needs it ("we need",
/// "il me faut", "me falta", "mir fehlt", "precisamos").
static NEED_ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:(?:and|y|e|et|und)\s+)?(?P<who>(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*)+)[,:\s]*
        (?:necesito|necesitamos|preciso(?:\s+d[eoa])?|precisamos(?:\s+d[eoa])?|j['’]ai\s+besoin\s+d[eu']\s*|nous\s+avons\s+besoin\s+d[eu']\s*|il\s+(?:me|nous)\s+faut|(?:me|nos)\s+(?:hace[ns]?\s+)?falta[ns]?|ich\s+brauche|wir\s+brauchen|mir\s+fehlt|uns\s+fehlt|i\s+need|we\s+need|i['’]d\s+need)\s+(?P<rest>.+)$",
    )
    .unwrap()
});

/// A Spanish order with its pronouns on the verb, after the person and
/// what it is about: "<@U2> cuando tengas el macro pasámelo a mí",
/// "<@U2> avisame cuando salga", "<@U2> mandanos el informe".
static ASKED_ENCLITIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>)[\s,:]*(?P<pre>[^<.!?]{0,60}?)\b
        (?P<rest>\w{2,}[aáeéií](?:me|nos)(?:lo|la|los|las)?\b.*)$",
    )
    .unwrap()
});

/// "<@U2> me avisa quando o BE-1502 subir", "<@U2> me decís si anda":
/// an ask to tell, kept whole (the telling is the task).
static ASKED_TELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>)[\s,:]*¿?\s*(?P<rest>(?:me|nos)\s+(?:avisa|avisas|avisás|avise|dices|decís|dizes|diz|contás|cuentas)\b.+)$",
    )
    .unwrap()
});

/// An order to a named person with the courtesy word after a comma:
/// "<@U2> call the venue tomorrow, please", "<@U2> cierra el ticket,
/// porfa", "<@U2> liga pro fornecedor, por favor, o e-mail não anda". The
/// order is the words before "please"; what follows it is a reason.
static PLEASE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:(?:and|et|y|e|und)\s+)?(?P<who>(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*)+)[,:\s]*
        (?P<rest>[^<?,;]{6,}?)\s*,\s*(?:please|pls|plz|por\s+favor|porfa(?:vor)?|bitte|stp|svp|s['’]il\s+te\s+pla[iî]t|s['’]il\s+vous\s+pla[iî]t)
        \s*(?:[,.!;—–-].*)?$",
    )
    .unwrap()
});

/// Words an order does not start with: an article, a pronoun, a thanks or
/// a greeting ("<@U2> the build is red again, please" asks nothing named).
static NOT_AN_ORDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the|a|an|this|that|it|i|we|you|thanks?|merci|gracias|danke|obrigad[oa]|valeu|le|la|les|un|une|el|los|las|o|os|as|um|uma|der|die|das|ein|eine|ich|je|yo|eu|wir|nous|on|hi|hey|hello|hola|salut|moin|oi|ok|okay|sorry|sure|yes|no|not|is|are)\b").unwrap()
});

/// An order with the courtesy word at its end and nobody named in it ("Write it
/// up in the log please.", "Trag das bitte ins Protokoll ein, bitte",
/// "Mets-le dans la note stp", "Ponlo en el acta, por favor", "Coloca
/// isso na nota, por favor"): it asks the person the message last turned
/// to. The order is the words before the courtesy word.
static PLEASE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?P<rest>[^<?,;]{6,}?)\s*,?\s*(?:please|pls|plz|por\s+favor|porfa(?:vor)?|bitte|stp|svp|s['’]il\s+te\s+pla[iî]t|s['’]il\s+vous\s+pla[iî]t)\s*[.!]*\s*$",
    )
    .unwrap()
});

/// "<@U2> remember to …", "Et <@U2>, pense à …", "<@U2> acuérdate de …":
/// a reminder turned to a person is their task.
static REMIND_ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:(?:and|et|y|e|und)\s+)?(?P<who>(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*)+)[,:\s]*
        (?:pense[sz]?\s+(?:bien\s+)?à|n['’]oublie[sz]?\s+pas\s+d(?:e\s+|['’])|acuérdate\s+de|acordate\s+de|no\s+te\s+olvides\s+de
          |lembra\s+de|lembre(?:-se)?\s+de|não\s+esque[cç]a\s+de|(?:please\s+)?remember\s+to|don['’]t\s+forget\s+to
          |denk\s+(?:bitte\s+)?(?:dran|daran),?\s*(?:zu\s+)?|vergiss\s+nicht,?\s*(?:zu\s+)?)\s*(?P<rest>.+)$",
    )
    .unwrap()
});

/// "<@U2> the keys I send you tomorrow, then you can set up the demo":
/// the "you can" after "then" says what the promise allows; it asks
/// nothing, and the promise before it is the task.
fn is_consequence(c: &Captures<'_>) -> bool {
    static THEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i),\s*(?:and\s+)?(?:then|dann|danach|puis|ensuite|comme\s+ça|luego|después|así|depois|aí|assim)\s*$").unwrap()
    });
    c.name("pre").is_some_and(|p| THEN.is_match(p.as_str()))
}

/// An ask with nobody named in it ("And could you log the outage?",
/// "Then can you send me the draft?", "Dann kannst du …", "Entonces
/// ¿puedes …?"): it goes to the person the message last turned to.
static ASKED_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)^[\s,]*(?:(?:and|also|y|e|et|und|además|então|then|so|dann|alors|donc|entonces|pues|daí|aí)[\s,]+)?¿?\s*{REQUEST}(?P<rest>.+)$"
    ))
    .unwrap()
});

/// A task inside a blocker: "until <@U2> migrates her dashboards", "I need
/// <@U2> to create the service". ("need approval from <@U2>" stays a
/// blocker only: it names no task.)
static EMBEDDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          \b(?:until|till|hasta\s+que|até\s+que|tant\s+que|bis)\s+<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>\s+(?P<rest>.+)$
        | \b(?:need\s+<@(?P<who2>[UW][A-Z0-9]+)(?:\|[^>]*)?>\s+to
          | (?:necesito|preciso|precisamos|necesitamos|(?:j['’]ai\s+)?besoin|il\s+faut)\s+que\s+(?:o\s+|a\s+|el\s+|la\s+)?<@(?P<who4>[UW][A-Z0-9]+)(?:\|[^>]*)?>)\s+(?P<rest2>.+)$
        ",
    )
    .unwrap()
});

/// "Necesito: que <@U2> me pase los datos", "Need: <@U2> to send the
/// numbers", "Besoin : que <@U2> m'envoie …": a need written as a heading
/// before the person it turns to. The colon only sets the need apart, so
/// the sentence reads as it would without it.
static NEED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?P<need>(?:i\s+|we\s+)?need|necesito|necesitamos|preciso|precisamos|(?:ich\s+)?brauche|wir\s+brauchen|(?:j['’]ai\s+)?besoin)
        \W*:\s*(?P<that>(?:que|that|dass)\s+)?(?P<rest><@.+)$",
    )
    .unwrap()
});

/// "Can you … <@U2>?" — the ask first, the person last, at the start of a
/// sentence or of a clause ("need admin access — can you sort it <@U2>?").
static ASKED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[—–;:,]\s*|\s-\s)\s*(?:can|could|would)\s+you\s+(?:please\s+)?(?P<rest>.+?)[,\s]*<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>\s*[?.!]*\s*$",
    )
    .unwrap()
});

/// Meeting-notes style at the start of a sentence: "<@U2> to send the invite",
/// "<@U2> will update the runbook", and an order to a named person: "<@U2>
/// send me the logs", "<@U2> revisa el PR"; also after words that only
/// say when or that the person may go on ("<@U2> meanwhile, check …",
/// "<@U2> en attendant, fais …", "<@U2> pode, avisa …").
static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>[\s,:]*
        (?:(?:to|will|is\s+going\s+to|'ll|’ll)\s+(?P<rest>.+)
          | (?:(?:en\s+attendant|entre-temps|enquanto\s+isso|entretanto|mientras\s+tanto|meanwhile|in\s+the\s+meantime|bis\s+dahin|solange|pode|go\s+ahead|vas-y|adelante|nur\s+zu)[\s,]+)?
            (?:please\s+|pls\s+|bitte\s+|por\s+favor\s+|stp\s+)?(?P<rest2>(?:send|share|review|check|look\s+at|take\s+a\s+look|update|add|fix|write|create|set\s+up|schedule|book|ping|merge|deploy|prepare|draft|grab|follow\s+up|sync|approve|post|file|run|test|verify|confirm|upload|invite|reply
            |double-check|look\s+into|investigate|reach\s+out|loop\s+in|forward|escalate|ask|call|email|chase|organi[sz]e|publish|document|write\s+up|clean\s+up|rotate|renew|grant|give|draft|pick\s+up|handle|rerun|re-run|restart|enable|disable
            |envoie|regarde|vérifie|prépare|relance|ajoute|crée|mets|donne|appelle|demande|partage|planifie|fais
            |schick|schau|prüf|bereite|erstell|gib|ruf|frag|übernimm|kümmer\s+dich|bestell|nimm|trag|schreib|hol|setz|leg|lies|mach|melde?\s+dich|sag
            |manda|mándame|revisa|prepara|envía|envia|agenda|añade|crea|llama|pide|comparte|sube|documenta|haz
            |mandá|revisá|pasá|subí|hacé|armá|avisá|prepará|compartí|agendá
            |olha|confere|adiciona|cria|liga|pede|compartilha|sobe|faz|coloca|atualiza|passa|verifica|dá|avisa|avise|informa)\b.+)
        )$",
    )
    .unwrap()
});

/// A reminder with the people it is for named at its end: "Rappel :
/// remontée des chiffres lundi avant midi, <@U2> <@U3> merci", "Reminder:
/// timesheets by Friday, <@U2> <@U3>". Each person named owns the task; a
/// reminder naming nobody ("Erinnerung: das Daily schließt um 11") is no
/// one's.
static REMINDER_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:reminder|rappel|erinnerung|recordatorio|lembrete)\s*:\s*(?P<rest>[^<]{6,}?)[\s,;:—–-]*
        (?P<who>(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,]*(?:(?:and|et|und|y|e)\s+)?)+)
        (?:thanks|thank\s+you|merci|danke|gracias|obrigad[oa]|please|bitte|stp|svp|por\s+favor)?\W*$",
    )
    .unwrap()
});

/// The author's own promise: "I'll …", "I will …", "Will do …", and the
/// French, Spanish, German and Portuguese "I'm going to".
static SELF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:\bi'll|\bi’ll|\bi\s+will|\bi'm\s+going\s+to|\bi’m\s+going\s+to|\bi\s+am\s+going\s+to|\bi\s+can\s+take
          |(?:^|[,;:—–]\s*|\bthen\s+|\band\s+)(?:will(?:\s+do)?|going\s+to|gonna)
          |\blet\s+me|\bi['’]ll\s+take\s+care\s+of|\bhappy\s+to|\bi\s+(?:should|plan\s+to|aim\s+to|expect\s+to|intend\s+to|can)\b(?P<hedge>)
          |\bi\s+promised\s+(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s+|(?-i:[A-Z][a-z]+)\s+|her\s+|him\s+)?to|\bj['’]ai\s+promis\s+(?:à\s+\S+\s+)?de|\bpromet[ií]\s+(?:(?:a|pra|pro|para)\s+\S+\s+)?(?:que|de)
          |\bje\s+vais|\bje\s+m['’]occupe\s+d[eu]|\bje\s+m['’]en\s+charge(?:\s+de)?|\bvoy\s+a|\b(?:yo\s+)?me\s+encargo\s+de|\bich\s+werde|\bich\s+kümmere\s+mich\s+(?:um|darum)|\bich\s+übernehme|\bvou|\b(?:eu\s+)?fico\s+com|\bdeixa\s+que\s+eu)\s+(?P<rest>.+)$",
    )
    .unwrap()
});

/// Promises that are not tasks: "I'll be out Friday", "I will probably …",
/// "I'll cc myself", "I'll leave early"; and the German "will" (want)
/// read as English ("Will ne Grafik draus machen", "will mal schauen"):
/// an English promise never goes on with "ne", "eine", "mal", "noch".
/// Rest is not work: "I'll sleep", "je vais dormir", "voy a descansar",
/// "vou dormir", "ich werde schlafen" plan no task; nor does "I must say".
static NOT_A_TASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:['’]?ne|eine[nmrs]?|mal|noch|gerne?|be|have\s+(?:to|been|no|some|time|fun|lunch|meetings?|an?\s+(?:look|call|chat|meeting|break|day|appointment|doctor))|estar|ser|être|sein|ficar|stay|need|want|see|probably|maybe|likely|still|keep|let\s+you\s+know|get\s+back|cc|leave|go|come|try|after|before|at|later|tomorrow|today|now|then|not|never|say|admit|sleep|rest|nap|dormir|schlafen|ausschlafen|descansar|me\s+reposer|me\s+coucher|go\s+to\s+bed)\b")
        .unwrap()
});

/// A sentence after an ask that says the asker needs it: "I need them
/// for the call tomorrow", "ich brauche sie bis Freitag", "j'en ai besoin
/// avant vendredi", "lo necesito antes del viernes", "preciso até sexta".
/// Its day is the ask's.
static NEED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:i\s+(?:really\s+)?need\s+(?:it|them|this|that|those)|ich\s+brauche\s+(?:es|sie|das|die)|brauche\s+(?:es|sie|das|die)|j['’]en\s+ai\s+besoin|il\s+me\s+l(?:e|a|es)\s+faut|l[oa]s?\s+necesito|necesito(?:l[oa]s?)?|preciso(?:\s+del[ea]s?|\s+disso)?)\b")
        .unwrap()
});

/// Action items in one item of an answer. In the planned section a plain
/// "I'll do X" is already the plan, so it becomes an action item only when
/// it carries a due date or is a commitment to someone else ("will hand
/// the designs to <@U2>").
///
/// `before` is the item read just before in the same message, where "it"
/// in "<@U2> could you set it up?" may point.
pub(crate) fn in_item(
    item: &str,
    before: Option<&str>,
    author: &str,
    today: Option<Date>,
    planned: bool,
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut ctx = Context {
        author,
        today,
        planned,
        addressee: None,
        before: before.map(str::to_string),
        short: !planned && item.split_whitespace().count() <= 14,
    };
    let all = sentences(&plain(item));
    for (i, sentence) in all.iter().enumerate() {
        // "can you cut a beta for QA? ideally by tomorrow EOD": a short
        // sentence after an ask that is only a deadline is the ask's.
        let later = all
            .get(i + 1)
            .filter(|n| words_not_emoji(n) <= 6 || NEED.is_match(n))
            .and_then(|n| today.and_then(|t| due::find(n, t)))
            .map(|(d, _)| d.to_string());
        // A reminder names its people after a comma, which would cut it
        // from its task: it is read whole.
        if let Some(c) = REMINDER_TO.captures(sentence) {
            out.extend(build(&c, sentence, today, None));
            continue;
        }
        for clause in clauses(sentence) {
            for mut f in in_sentence(clause, &ctx) {
                if f.due.is_none() && f.owner != author {
                    f.due.clone_from(&later);
                }
                if !out.iter().any(|o| o.owner == f.owner && o.text == f.text) {
                    out.push(f);
                }
            }
            if let Some(p) = mentions(clause).into_iter().rfind(|p| p != author) {
                ctx.addressee = Some(p);
            }
            ctx.before = Some(clause.to_string());
        }
    }
    if planned && out.is_empty() {
        out.extend(plan_with_deadline(item, author, today));
    }
    out
}

/// A plan entry that names a deadline after today ("synthesize the notes,
/// share by EOD tomorrow", "documentar isto no runbook até segunda",
/// "Consumer fertig machen, bis Donnerstag ist der PR offen") commits the
/// author to a date, as "I'll … by Friday" does: an action item, though it
/// has no "I'll". A plan due today is only the plan.
///
/// Only a deadline said as one counts ("by", "bis", "avant", "para el",
/// "até"): "Prototyp für den Usability-Test am Donnerstag" names the day of
/// an event. A long or conditional entry is a story or a risk ("if legal
/// does not sign by Friday …"), not a plan.
fn plan_with_deadline(item: &str, author: &str, today: Option<Date>) -> Option<Found> {
    static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\b(?:by|before|due|bis|spätestens|avant|d['’]ici|hasta|antes\s+del?|para\s+el|até|atè|antes\s+d[ao])|\bpour|\bpara)\s*$").unwrap()
    });
    // "el resumen para el jueves": a thing named with its day, most often
    // the echo of a request already listed, not a task of its own.
    const ARTICLES: &[&str] = &[
        "the", "der", "die", "das", "den", "le", "la", "les", "l'", "el", "los", "las", "o", "a",
        "os", "as",
    ];
    let today = today?;
    let text = plain(item);
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    // An entry that turns to someone ("<@U2> to review the PR by Friday")
    // is theirs or nobody's; the rules for requests read it.
    if ARTICLES.contains(&first.as_str())
        || item.contains("<@")
        || item.contains("<!")
        || first == "i"
    {
        return None;
    }
    if text.split_whitespace().count() > 20 || promises::is_conditional(&text) {
        return None;
    }
    let (due, range) = due::find(&text, today)?;
    let said = &text[range.clone()];
    let lead = said.split_whitespace().next().unwrap_or_default();
    let deadline =
        DEADLINE.is_match(&text[..range.start]) || DEADLINE.is_match(&format!(" {lead}"));
    if due <= today || !deadline {
        return None;
    }
    make(author, &text, &text, Some(today))
}

/// "I will …", "I am …", "I think …" after "and" or a comma: the sentence
/// stays whole, as "I'll" does (the promise is found anywhere in it, and
/// the clause before names what "it" is). Only a plain present ("and I
/// send the numbers") starts a clause of its own.
fn auxiliary_after(words: &str) -> bool {
    static AUX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:will|am|can|could|should|would|have|had|was|were|might|must|shall|do|did|don['’]t|didn['’]t|think|guess|hope|need|want|also|just|still)\b").unwrap()
    });
    AUX.is_match(words)
}

/// Words of a sentence, emoji codes (":pray:") left out.
fn words_not_emoji(sentence: &str) -> usize {
    sentence
        .split_whitespace()
        .filter(|w| !(w.len() > 2 && w.starts_with(':') && w.ends_with(':')))
        .count()
}

/// A sentence cut before each person it turns to ("please send me the
/// recordings, and <@U2> can you share the directions?" holds two asks)
/// and at ", so" / ", then" ("going to present it Thursday, so I'll send
/// the slides by Wednesday": the slides are due Wednesday).
/// A list of people ("<@U2>, <@U3> please …") stays whole.
///
/// A clause also starts at a first-person subject after a comma or an
/// emoji, written as a code or as the character ("désolée, j'étais en
/// atelier :see_no_evil: je te partage la v2 avant midi", "désolé, j'avais
/// zappé 🙈 je t'envoie les données"), "I am admin in Zendesk, I give you the role"), or after an
/// English "and" ("finish the notebook and I send the numbers to <@U2>"),
/// where promises in the present begin. ("je finalise les specs et je te
/// les envoie" stays whole: the first clause names what "les" is.)
fn clauses(sentence: &str) -> Vec<&str> {
    static TURN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)[,;]\s*(?:(?:and|also|y|e|et|und|además|aussi|auch)\s+)?(?P<at><@)|,\s*(?:so|and\s+then|then|but|because|since)\s+|(?:[,;]|:[a-z0-9_+\-]+:|(?P<emoji>\s\p{Extended_Pictographic}[\p{Extended_Pictographic}\x{FE0F}\x{200D}\p{Emoji_Modifier}]*))\s*(?P<me>je\s|j['’]|ich\s|yo\s|eu\s|i\s)|\sand\s+(?P<me2>i\s)").unwrap()
    });
    let mut out = Vec::new();
    let mut start = 0;
    for c in TURN.captures_iter(sentence) {
        let m = c.get(0).expect("group 0 is the match");
        let before = sentence[start..m.start()].trim_end();
        let english_i = c
            .name("me")
            .or(c.name("me2"))
            .filter(|g| g.as_str().eq_ignore_ascii_case("i "));
        // An emoji character closes a clause only in a reply turned to
        // someone ("<@U2> désolé, j'avais zappé 🙈 je t'envoie …"): in a
        // status line ("Wyscout est revenu 🎉 je rattrape la 2e mi-temps")
        // what follows is the author's own plan, no promise.
        let emoji_alone = c.name("emoji").is_some() && !sentence[..m.start()].contains("<@");
        if before.ends_with('>')
            || before.is_empty()
            || emoji_alone
            || english_i.is_some_and(|g| auxiliary_after(&sentence[g.end()..]))
        {
            continue;
        }
        out.push(&sentence[start..m.start()]);
        start = c
            .name("at")
            .or(c.name("me"))
            .or(c.name("me2"))
            .map_or(m.end(), |g| g.start());
    }
    out.push(&sentence[start..]);
    out
}

/// A "TODO:" / "Action item:" line: the person it names ("TODO for
/// <@U2>", "<@U2> to …") or else its author; "TODO para todos" is
/// everyone's, so nobody's item.
fn marked(c: &Captures<'_>, sentence: &str, author: &str, today: Option<Date>) -> Vec<Found> {
    if c.name("all").is_some() {
        return Vec::new();
    }
    let rest = c.name("rest").expect("rest always takes part").as_str();
    if let Some(who) = c
        .name("for")
        .and_then(|m| mentions(m.as_str()).into_iter().next())
    {
        return make(&who, rest, sentence, today).into_iter().collect();
    }
    if let Some(a) = ASSIGNED.captures(rest).or_else(|| ADDRESSED.captures(rest)) {
        return build(&a, sentence, today, None);
    }
    make(author, rest, sentence, today).into_iter().collect()
}

fn in_sentence(sentence: &str, ctx: &Context<'_>) -> Vec<Found> {
    // "Will do, I'll send the invite" accepts, then promises: the promise
    // is the task, the acceptance is not ("Do, I'll send…").
    static ACCEPTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\W*(?:will\s+do|on\s+it|sure(?:\s+thing)?|ok(?:ay)?|yes|yep)\s*[,.!:;—–-]+\s*",
        )
        .unwrap()
    });
    let (author, today) = (ctx.author, ctx.today);
    let sentence = &*ACCEPTED.replace(sentence, "");
    if let Some(c) = NEED_HEADING.captures(sentence) {
        // "Necesito: que <@U2> …" is "necesito que <@U2> …"; "Necesito:
        // <@U2> pasame …" is the order after the heading.
        let text = match c.name("that") {
            Some(that) => format!("{} {}{}", &c["need"], that.as_str(), &c["rest"]),
            None => c["rest"].to_string(),
        };
        return in_sentence(&text, ctx);
    }
    if let Some(c) = marker(sentence) {
        return marked(&c, sentence, author, today);
    }
    if let Some(c) = REMIND_ASK.captures(sentence) {
        return build(&c, sentence, today, ctx.before.as_deref());
    }
    if let Some(c) = PLEASE_AFTER
        .captures(sentence)
        .filter(|c| !NOT_AN_ORDER.is_match(&c["rest"]))
    {
        // An order the list of verbs knows keeps its own reading.
        let c = ASSIGNED.captures(sentence).unwrap_or(c);
        return build(&c, sentence, today, ctx.before.as_deref());
    }
    if let Some(c) = NOTE_TO_SELF.captures(sentence) {
        let rest = c.name("rest").expect("rest always takes part");
        // "<@U2> don't forget to exclude internal traffic" reminds the
        // person it turns to; "reminder to myself" reminds the author.
        let note = &sentence[c.get(0).expect("group 0 is the match").start()..rest.start()];
        let owner = ADDRESSED
            .captures(sentence)
            .filter(|_| !SELF_WORD.is_match(note))
            .and_then(|a| mentions(&a["who"]).into_iter().find(|p| p != author))
            .unwrap_or_else(|| author.to_string());
        return make(&owner, rest.as_str(), sentence, today)
            .into_iter()
            .collect();
    }
    let before = ctx.before.as_deref();
    if let Some(c) = ASKED.captures(sentence).filter(|c| !is_consequence(c)) {
        return build(&c, sentence, today, before);
    }
    if let Some(c) = ASKED_AFTER
        .captures(sentence)
        .or_else(|| NEED_ASK.captures(sentence))
    {
        return build(&c, sentence, today, before);
    }
    if let (Some(c), Some(who)) = (ASKED_BARE.captures(sentence), ctx.addressee.as_deref()) {
        let rest = c.name("rest").expect("rest always takes part").as_str();
        return asked(who, rest, None, sentence, today, before)
            .into_iter()
            .collect();
    }
    if let Some(c) = ASSIGNED.captures(sentence) {
        return build(&c, sentence, today, before);
    }
    if let Some(c) = ASKED_TELL.captures(sentence) {
        return build(&c, sentence, today, before);
    }
    unnamed_or_own(sentence, ctx)
}

/// The forms [`in_sentence`] tries last: an order with the pronoun on its
/// verb, a bare order with "please" to the person the message turns to, an
/// inline marker, a task embedded in a sentence, and the author's own
/// promises.
fn unnamed_or_own(sentence: &str, ctx: &Context<'_>) -> Vec<Found> {
    let (author, today, before) = (ctx.author, ctx.today, ctx.before.as_deref());
    if let Some(c) = ASKED_ENCLITIC.captures(sentence) {
        return enclitic(&c, sentence, today);
    }
    if let (Some(c), Some(who)) = (
        PLEASE_BARE
            .captures(sentence)
            .filter(|c| !sentence.contains("<@") && !NOT_AN_ORDER.is_match(&c["rest"])),
        ctx.addressee.as_deref(),
    ) {
        return asked(who, &c["rest"], None, sentence, today, before)
            .into_iter()
            .collect();
    }
    if let Some(c) = MARKER_INLINE.captures(sentence) {
        let rest = c.name("rest").expect("rest always takes part").as_str();
        return make(author, rest, sentence, today).into_iter().collect();
    }
    if let Some(f) = embedded(sentence, today) {
        return vec![f];
    }
    promises::present(sentence, ctx)
        .or_else(|| own_promise(sentence, ctx))
        .or_else(|| promised_before(sentence, ctx))
        .into_iter()
        .collect()
}

/// "finish the Date picker specs, I promised them to <@U2> for tomorrow":
/// the clause before is the task, promised to someone.
fn promised_before(sentence: &str, ctx: &Context<'_>) -> Option<Found> {
    static PROMISED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*i\s+(?:promised|owe)\s+(?:it|them|this|that)\s+to\s+(?P<rest>.+)$")
            .unwrap()
    });
    let c = PROMISED.captures(sentence)?;
    let before = ctx.before.as_deref()?.trim().trim_end_matches(',');
    let text = format!("{before} (promised to {})", &c["rest"]);
    make(ctx.author, &text, sentence, ctx.today)
}

/// The author's own "I'll …", "going to …", "need to …": in the plan
/// answer only with a due date or for someone else.
fn own_promise(sentence: &str, ctx: &Context<'_>) -> Option<Found> {
    let (author, today) = (ctx.author, ctx.today);
    let (c, need) = match SELF.captures(sentence) {
        Some(c) => (c, false),
        None => (NEED_TO.captures(sentence)?, true),
    };
    let rest = c.name("rest").expect("rest always takes part").as_str();
    // "preciso do certificado SAML" needs a thing, it names no task (a
    // task needs a verb: "preciso atualizar …"); "Voy a hacer: …" is a
    // label.
    static NOUN_NEED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:de|do|da|dos|das|del|d['’]|o|a|os|as|um|uma|el|la|los|las|un|una)\b")
            .unwrap()
    });
    static LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\w'’]+\s*:").unwrap());
    if need && NOUN_NEED.is_match(rest) || LABEL.is_match(rest) {
        return None;
    }
    // "preciso que a equipa aprove": a need of someone else's work.
    if ["que ", "dass ", "that "]
        .iter()
        .any(|w| rest.starts_with(w))
    {
        return None;
    }
    let start = c.get(0).expect("group 0 is the match").start();
    if is_relative_clause(&sentence[..start]) || promises::is_conditional(sentence) {
        return None;
    }
    // "I'll try to send the deck by Friday" promises with its deadline.
    let (rest, hedged) = match rest.strip_prefix("try to ") {
        Some(r) => (r, true),
        None => (rest, c.name("hedge").is_some()),
    };
    if NOT_A_TASK.is_match(rest) {
        return None;
    }
    // "I'll send it to <@U2>": "it" is what the clause before names;
    // with nothing before (a reply's "I'll do it after lunch"), the
    // request it answers already holds the task.
    let before = Some(&sentence[..start])
        .filter(|b| b.chars().any(char::is_alphanumeric))
        .or(ctx.before.as_deref());
    let rest = resolve_it(rest, before)?;
    let to_someone = mentions(&rest).iter().any(|p| p != author);
    let plan_only = ctx.planned || hedged;
    make(author, &rest, sentence, today).filter(|f| !plan_only || f.due.is_some() || to_someone)
}

/// "nothing I can do but wait", "all I can do is …", "the best I can":
/// the "I can" describes a thing, it promises nothing.
fn is_relative_clause(before: &str) -> bool {
    static QUANTIFIER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:nothing|anything|everything|all|what|much|little|best|most)\s*$")
            .unwrap()
    });
    QUANTIFIER.is_match(before)
}

/// A task named inside a blocker, for the person it waits on.
fn embedded(sentence: &str, today: Option<Date>) -> Option<Found> {
    let c = EMBEDDED.captures(sentence)?;
    let who = c
        .name("who")
        .or(c.name("who2"))
        .or(c.name("who4"))?
        .as_str();
    let rest = c.name("rest").or(c.name("rest2"))?.as_str();
    make(who, rest, sentence, today).map(|f| Found {
        tentative: true,
        ..f
    })
}

/// "Action item: <@U2> add the drill to the calendar": the person named
/// first is the one assigned.
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>)[\s,:]+(?P<rest>.+)$").unwrap()
});

/// The order "pasámelo" with what "lo" is: the words said before it
/// ("cuando tengas el macro").
fn enclitic(c: &Captures<'_>, sentence: &str, today: Option<Date>) -> Vec<Found> {
    let who = mentions(&c["who"]);
    let pre = c["pre"].trim().trim_end_matches([',', ' ']);
    let rest = &c["rest"];
    let text = if pre.is_empty() {
        rest.to_string()
    } else {
        format!("{rest} ({pre})")
    };
    who.first()
        .and_then(|w| make(w, &text, sentence, today))
        .into_iter()
        .collect()
}

/// One task per person asked ("<@U2> <@U3> please add your demos").
fn build(
    c: &Captures<'_>,
    sentence: &str,
    today: Option<Date>,
    before: Option<&str>,
) -> Vec<Found> {
    let who = c.name("who").expect("who always takes part").as_str();
    let Some(rest) = c.name("rest").or(c.name("rest2")).map(|m| m.as_str()) else {
        return Vec::new();
    };
    let pre = c.name("pre").map(|m| m.as_str());
    let object_rest = object_before_please(c, sentence, rest);
    let rest = object_rest.as_deref().unwrap_or(rest);
    let mut people = mentions(who);
    if people.is_empty() {
        people.push(who.to_string());
    }
    people.dedup();
    people
        .iter()
        .filter_map(|p| asked(p, rest, pre, sentence, today, before))
        .collect()
}

/// "<@U2> netter Versuch 😄 Release-Mail bitte wie immer an den
/// Verteiler", "<@U2> the slides please to the client by Friday": a bare
/// "please" after a short noun phrase asks for that thing; the words after
/// it only say where or when. The task keeps the thing.
fn object_before_please(c: &Captures<'_>, sentence: &str, rest: &str) -> Option<String> {
    static PLEASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*(?:please|pls|bitte|por\s+favor|porfa|stp|svp|s['’]il\s+te\s+pla[iî]t)\s*$",
        )
        .unwrap()
    });
    let pre = c.name("pre")?;
    let start = c.name("rest").or(c.name("rest2"))?.start();
    let between = sentence.get(pre.end()..start)?;
    if !PLEASE.is_match(between) {
        return None;
    }
    // The noun phrase is what follows the last mark or emoji in the words
    // before ("netter Versuch 😄 Release-Mail" names "Release-Mail").
    let object = pre
        .as_str()
        .rsplit(|ch: char| !(ch.is_alphanumeric() || " -'’/".contains(ch)))
        .next()?
        .trim();
    let words = object.split_whitespace().count();
    (1..=4).contains(&words).then(|| format!("{object} {rest}"))
}

/// The task asked of `who`. A bare "can you check?" takes its object from
/// the words before the ask ("I think the key needs the entitlement too,
/// can you check?").
fn asked(
    who: &str,
    rest: &str,
    pre: Option<&str>,
    sentence: &str,
    today: Option<Date>,
    before: Option<&str>,
) -> Option<Found> {
    // "<@U2> will you be around?" asks about a person, not for a task.
    static ABOUT_PERSON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*be\s+(?:around|there|here|in|at|on|available|free|back|ok|okay|able)\b",
        )
        .unwrap()
    });
    // "<@U2> I need to leave early" asks nothing of <@U2>.
    if ABOUT_PERSON.is_match(rest) || rest.trim_start().starts_with("to ") {
        return None;
    }
    // "<@U1> pode deixar, libero o acesso" says "leave it to me"; "<@U1>,
    // ela consegue aprovar hoje" tells what someone else can do.
    static LEAVE_IT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*deixar\s*(?:$|[,.!]|comigo)").unwrap());
    static THIRD_PERSON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:ela|ele|elas|eles|she|he|they|il|elle|ils|elles|er|sie|él|ella|ellos|ellas)[\s,]*$").unwrap()
    });
    if LEAVE_IT.is_match(rest) || pre.is_some_and(|p| THIRD_PERSON.is_match(p)) {
        return None;
    }
    // "<@U1> mach ich", "<@U1> je m'en occupe", "<@U1> dale, lo hago":
    // the author says yes to the person named, who is asked nothing.
    if is_short_yes(rest) || FIRST_PERSON.is_match(rest) {
        return None;
    }
    // "¿te encargas de eso para el lunes?": the day is no object.
    let undated = match today.and_then(|t| due::find(rest, t)) {
        Some((_, range)) => format!("{} {}", &rest[..range.start], &rest[range.end..]),
        None => rest.to_string(),
    };
    let bare = alnum_words(&undated) <= 2;
    // The words before the ask name its object when they are a clause
    // or a noun phrase ("las baterías, ¿te encargas de eso?").
    let names = |p: &&str| p.split_whitespace().count() >= 3 || promises::is_object_phrase(p);
    let rest = match pre.map(str::trim).filter(|p| bare && names(p)) {
        Some(p) => {
            let p = p.trim_end_matches([',', ':', '!', ' ']);
            let p = p.strip_prefix("I think ").unwrap_or(p);
            format!("{}: {p}", rest.trim_end_matches(['?', '.', '!', ' ']))
        }
        None => rest.to_string(),
    };
    // "<@U2> about Fernhill, could you keep me in CC?": what it is about
    // stays with the task.
    static TOPIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:about|re|regarding|sobre|acerca\s+de|à\s+propos\s+de|concernant|pour|wegen|bezüglich|zu)\s+[^,;:]{2,40}?[\s,:]*$").unwrap()
    });
    let rest = match pre.filter(|p| !bare && TOPIC.is_match(p)) {
        Some(p) => format!("{rest} ({})", p.trim().trim_end_matches([',', ':'])),
        None => rest,
    };
    // "could you set it up for Thursday?" after "let's do a retro":
    // "Set up the retro".
    // "<@U2> the ETA report, ops need it Friday, can you take care of
    // it?": the words before the ask name "it" before the last clause does.
    let from_pre = pre
        .filter(|p| p.split_whitespace().count() >= 3 && object_of(p).is_some())
        .and_then(|p| resolve_it(&rest, Some(p)));
    let rest = match (from_pre, before) {
        (Some(r), _) => r,
        (None, Some(_)) => resolve_it(&rest, before).unwrap_or(rest),
        (None, None) => rest,
    };
    make(who, &rest, sentence, today)
}

/// Words after a mention that are the author's own first person: the
/// German verb before "ich" ("<@U1> schau ich mir direkt an"), the
/// Spanish "lo veo yo", the Portuguese "deixa comigo", the French "je …":
/// the author takes something on, the person named is asked nothing.
static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:[a-zäöüß]{2,}\s+ich\b|(?:[\wáéíóú]+\s+){0,3}(?:lo|la|los|las|eso|esto)\s+\w+\s+yo\b|deixa\s+comigo\b|je\s|j['’]|i\s+(?:will|can|['’]ll)\b|i['’]ll\b)")
        .unwrap()
});

/// A short reply that only says yes to a request ("mach ich", "klar,
/// mach ich", "je m'en occupe", "dale", "pode deixar"): an acceptance of
/// a few words, with nothing else the reply asks for.
fn is_short_yes(rest: &str) -> bool {
    alnum_words(rest) <= 4 && super::text::is_acceptance(rest)
}

/// The words of `text` that hold a letter or a digit: an emoji or a
/// dash is no word of the reply.
fn alnum_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: &str = "U1AAAAAAAAA";
    const YOU: &str = "U2BBBBBBBBB";

    #[test]
    fn a_promise_after_an_emoji_character_is_its_own_clause() {
        for item in [
            "<@U2BBBBBBBBB> sorry, I totally forgot 🙈 I send you the hourly data before noon",
            "<@U2BBBBBBBBB> sorry, hatte ich vergessen 🙈 ich schicke dir die Stundendaten bis Mittag",
            "<@U2BBBBBBBBB> désolé, j'avais zappé 🙈 je t'envoie les données horaires avant midi",
            "<@U2BBBBBBBBB> perdón, se me pasó 🙈 yo te paso los datos horarios antes del mediodía",
            "<@U2BBBBBBBBB> desculpa, esqueci 🙈 eu te mando os dados horários antes do meio-dia",
        ] {
            let f = found(item);
            assert!(
                f.iter().any(|f| f.owner == ME && f.due.as_deref() == Some("2027-05-05")),
                "{item}: {f:?}"
            );
        }
        let f = found("Wyscout est revenu 🎉 je rattrape la 2e mi-temps");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_note_to_self_after_an_emoji_or_named_as_a_note() {
        for item in [
            "Tests are green :tada: TODO for me: tag the release",
            "Tests sind grün :tada: ToDo für mich: das Release taggen",
            "Les tests passent 🎉 TODO pour moi : taguer la release",
            "Los tests pasan 🎉 pendiente: etiquetar la release",
            "Testes verdes :tada: a fazer: marcar a release",
            "Anotação pra mim: marcar a release",
            "Apunte para mí: etiquetar la release",
        ] {
            let f = found(item);
            assert!(
                f.iter()
                    .any(|f| f.owner == ME && f.text.to_lowercase().contains("release")),
                "{item}: {f:?}"
            );
        }
    }

    #[test]
    fn rest_and_sleep_are_no_tasks() {
        for item in [
            "I'll sleep early tonight 😴",
            "ich werde schlafen 😴",
            "Je vais dormir 😴",
            "voy a descansar un poco",
            "vou dormir cedo hoje",
        ] {
            let f = found(item);
            assert!(f.is_empty(), "{item}: {f:?}");
            let f = in_item(item, None, ME, Date::new(2027, 5, 5).ok(), true);
            assert!(f.is_empty(), "{item}: {f:?}");
        }
    }

    #[test]
    fn german_will_is_no_english_promise() {
        for item in [
            "Will ne Grafik draus machen",
            "will mal schauen, ob das klappt",
            "Will noch die Folien anpassen",
        ] {
            assert!(found(item).is_empty(), "{item}: {:?}", found(item));
        }
        // The English promise still is one; French, Spanish and Portuguese
        // have no "will" to mistake.
        assert_eq!(
            found("Will send the numbers to <@U2BBBBBBBBB> by Friday").len(),
            1
        );
    }

    fn found(item: &str) -> Vec<Found> {
        let today = Date::new(2027, 5, 5).ok();
        in_item(item, None, ME, today, false)
    }

    fn owners(item: &str) -> Vec<String> {
        found(item).into_iter().map(|f| f.owner).collect()
    }

    #[test]
    fn asks_in_the_future_voseo_and_to_tell() {
        for item in [
            "<@U2BBBBBBBBB> tu pourras me passer les logs ?",
            "<@U2BBBBBBBBB> ¿me pasás el informe?",
            "<@U2BBBBBBBBB> me avisa quando o deploy subir",
            "<@U2BBBBBBBBB> bestell dir ein neues Headset",
            "<@U2BBBBBBBBB> maybe you can look at the flaky test",
        ] {
            assert_eq!(owners(item), vec![YOU.to_string()], "{item}");
        }
    }

    #[test]
    fn an_order_with_its_pronouns_on_the_verb_names_what_it_is_about() {
        let f = found("<@U2BBBBBBBBB> cuando tengas el informe pasámelo");
        assert_eq!(f[0].owner, YOU);
        assert!(f[0].text.contains("informe"), "{}", f[0].text);
    }

    #[test]
    fn what_a_request_is_about_stays_with_it() {
        let f = found("<@U2BBBBBBBBB> about the outage, could you keep me posted?");
        assert!(f[0].text.contains("outage"), "{}", f[0].text);
    }

    #[test]
    fn reports_and_needs_are_not_promises() {
        for item in [
            "I can not merge anything because the branch is frozen",
            "nothing I can do from my side but wait",
            "preciso que a equipa de segurança aprove o pedido",
            "se o fornecedor não responder até sexta eu vou ficar parada",
            "Also someone should clean up the old dashboards",
        ] {
            assert!(found(item).is_empty(), "{item}");
        }
    }

    #[test]
    fn follow_up_is_a_marker_only_with_a_colon() {
        let today = Date::new(2027, 5, 5).ok();
        assert!(in_item("follow-up mail to the client", None, ME, today, true).is_empty());
        assert_eq!(
            owners("TODO für mich: Budget eintragen"),
            vec![ME.to_string()]
        );
    }

    #[test]
    fn promises_made_to_someone_in_passing() {
        let f = found("I promised <@U2BBBBBBBBB> to send her the deck by Friday");
        assert_eq!(
            (f[0].owner.as_str(), f[0].due.as_deref()),
            (ME, Some("2027-05-07"))
        );
        let f = found("finish the notebook and I send the numbers to <@U2BBBBBBBBB> tomorrow");
        assert!(f.iter().any(|f| f.text.contains("numbers")), "{f:?}");
        let f = in_item(
            "finish the deck, I promised it to <@U2BBBBBBBBB> for tomorrow",
            None,
            ME,
            Date::new(2027, 5, 5).ok(),
            true,
        );
        assert!(f[0].text.contains("deck"), "{f:?}");
    }

    #[test]
    fn a_short_reply_that_takes_something_on() {
        assert_eq!(owners("Ich nehm die Dashboards"), vec![ME.to_string()]);
        assert!(found("ok, je prépare le flag").is_empty());
    }

    #[test]
    fn german_we_said_to_someone_and_a_pronoun_pointing_back() {
        let f = found(
            "<@U2BBBBBBBBB> ich bin bis 15 Uhr weg, danach machen wir die Migration zusammen",
        );
        assert!(
            f.iter()
                .any(|f| f.owner == ME && f.text.contains("Migration")),
            "{f:?}"
        );
        let f =
            found("<@U2BBBBBBBBB> ich kenne jemanden beim Hersteller, den schreib ich heute an");
        assert!(f[0].text.contains("Hersteller"), "{}", f[0].text);
        assert!(found("<@U2BBBBBBBBB> kurze Frage: nehmen wir das alte Schema?").is_empty());
    }

    #[test]
    fn an_object_said_first_then_i_and_a_verb_with_a_day() {
        for item in [
            "The onboarding deck I send to <@U2BBBBBBBBB> by Friday",
            "El informe trimestral lo publico el viernes",
            "la presentación la mando el viernes a dirección",
        ] {
            let f = found(item);
            assert!(
                f.iter()
                    .any(|f| f.owner == ME && f.due.as_deref() == Some("2027-05-07")),
                "{item}: {f:?}"
            );
        }
        // A report, and a reply that turns to the one who asked.
        assert!(found("The tests I ran yesterday are green").is_empty());
        assert!(found("<@U2BBBBBBBBB> lo del informe lo hago yo").is_empty());
    }

    #[test]
    fn an_order_with_please_after_it() {
        for (item, word) in [
            (
                "<@U2BBBBBBBBB> call the venue tomorrow morning, please, the email bounced",
                "venue",
            ),
            (
                "<@U2BBBBBBBBB> cierra el ticket de soporte, porfa.",
                "ticket",
            ),
            (
                "<@U2BBBBBBBBB> fecha o chamado do cliente, por favor",
                "chamado",
            ),
            (
                "<@U2BBBBBBBBB> trag die Zahlen ins Sheet ein, bitte",
                "Zahlen",
            ),
        ] {
            let f = found(item);
            assert_eq!(f.len(), 1, "{item}: {f:?}");
            assert_eq!(f[0].owner, YOU, "{item}");
            assert!(f[0].text.contains(word), "{item}: {}", f[0].text);
        }
        assert!(found("<@U2BBBBBBBBB> thanks, please").is_empty());
    }

    #[test]
    fn a_reminder_turned_to_someone_is_theirs() {
        for item in [
            "Et <@U2BBBBBBBBB>, pense à renouveler le certificat",
            "<@U2BBBBBBBBB> acuérdate de mandar la factura",
            "<@U2BBBBBBBBB> lembra de atualizar a planilha",
            "and <@U2BBBBBBBBB> remember to rotate the keys",
        ] {
            assert_eq!(owners(item), vec![YOU.to_string()], "{item}");
        }
        assert!(!owners("je pense à refaire le module").contains(&YOU.to_string()));
    }

    #[test]
    fn taking_charge_asked_of_someone_names_what_came_before() {
        let f = found("<@U2BBBBBBBBB> los accesos, ¿te encargas de eso para el viernes?");
        assert_eq!(f[0].owner, YOU, "{f:?}");
        assert!(f[0].text.contains("accesos"), "{}", f[0].text);
        assert_eq!(f[0].due.as_deref(), Some("2027-05-07"));
        let f = found("<@U2BBBBBBBBB> tu t'occupes de la réservation de la salle ?");
        assert!(f[0].text.contains("réservation"), "{f:?}");
    }

    #[test]
    fn it_names_what_the_words_before_say() {
        let f = found(
            "<@U2BBBBBBBBB> the status page, support needs it for the call, can you take care of it by Friday?",
        );
        assert!(f[0].text.contains("status page"), "{f:?}");
        let f = plan("write the release notes, I send it to <@U2BBBBBBBBB> by Monday");
        assert!(f.iter().any(|f| f.text.contains("release notes")), "{f:?}");
    }

    #[test]
    fn what_a_promise_allows_after_then_asks_nothing() {
        for item in [
            "<@U2BBBBBBBBB> die Zugangsdaten schick ich dir morgen, dann kannst du die Demo vorbereiten",
            "<@U2BBBBBBBBB> les accès je te les envoie demain, comme ça tu peux préparer la démo",
        ] {
            let f = found(item);
            assert!(
                f.iter().any(|f| f.owner == ME),
                "{item}: {f:?}"
            );
        }
    }

    #[test]
    fn a_todo_for_me_after_another_clause() {
        for item in [
            "Nachtrag, TODO für mich: Wartungsfenster im Kalender eintragen",
            "ah, TODO pour moi : relire le contrat",
            "otra cosa, TODO para mí: subir las actas",
        ] {
            assert_eq!(owners(item), vec![ME.to_string()], "{item}");
        }
    }

    /// 2027-05-05 is a Wednesday.
    fn plan(item: &str) -> Vec<Found> {
        in_item(item, None, ME, Date::new(2027, 5, 5).ok(), true)
    }

    #[test]
    fn a_plan_entry_with_a_deadline_commits_to_it() {
        let f = plan("draft the migration guide, review by Friday");
        assert_eq!(f[0].due.as_deref(), Some("2027-05-07"), "{f:?}");
        let f = plan("Onboarding-Checkliste überarbeiten, bis Montag fertig");
        assert_eq!(f[0].due.as_deref(), Some("2027-05-10"), "{f:?}");
        let f = plan("rédiger la note de cadrage, avant vendredi");
        assert_eq!(f[0].owner, ME, "{f:?}");
        let f = plan("atualizar o guia de deploy até sexta");
        assert_eq!(f[0].due.as_deref(), Some("2027-05-07"), "{f:?}");
    }

    #[test]
    fn a_plan_entry_naming_an_event_day_or_a_risk_is_only_the_plan() {
        assert!(plan("Mockups für den Workshop am Donnerstag").is_empty());
        assert!(plan("preparar la charla para el meetup del viernes").is_empty());
        assert!(plan("el informe para el jueves").is_empty());
        assert!(plan("if the vendor does not reply by Friday we slip").is_empty());
        assert!(plan("cerrar el informe hoy").is_empty());
    }

    #[test]
    fn a_yes_said_to_someone_asks_nothing_of_them() {
        for s in [
            "<@U1AAAAAAAAA> will do",
            "<@U1AAAAAAAAA> mach ich",
            "<@U1AAAAAAAAA> schau ich mir direkt nach dem Daily an",
            "<@U1AAAAAAAAA> je m'en occupe",
            "<@U1AAAAAAAAA> lo de ANAC lo veo yo con el gestor",
            "<@U1AAAAAAAAA> pode deixar",
        ] {
            assert!(
                !owners(s).contains(&"U1AAAAAAAAA".to_string()),
                "{s}: {:?}",
                found(s)
            );
        }
    }

    #[test]
    fn a_thing_named_before_please_is_the_task() {
        for (s, thing) in [
            (
                "<@U2BBBBBBBBB> nice try 😄 the release mail please to the list",
                "release mail",
            ),
            (
                "<@U2BBBBBBBBB> netter Versuch 😄 Release-Mail bitte wie immer an den Verteiler",
                "Release-Mail",
            ),
            (
                "<@U2BBBBBBBBB> bien essayé 😄 le mail de release stp à la liste",
                "mail de release",
            ),
            (
                "<@U2BBBBBBBBB> buen intento 😄 el correo de release por favor a la lista",
                "correo de release",
            ),
            (
                "<@U2BBBBBBBBB> boa tentativa 😄 o e-mail da versão por favor para a lista",
                "e-mail da versão",
            ),
        ] {
            let f = found(s);
            assert!(
                f.iter()
                    .any(|f| f.owner == "U2BBBBBBBBB" && f.text.contains(thing)),
                "{s}: {f:?}"
            );
        }
    }

    #[test]
    fn a_reminder_names_its_people_at_the_end() {
        for s in [
            "Reminder: timesheets into the sheet by Monday noon, <@U2BBBBBBBBB> <@U3CCCCCCCCC> thanks",
            "Erinnerung: Zahlen für den Muttertag bis Montag melden, <@U2BBBBBBBBB> <@U3CCCCCCCCC> danke",
            "Rappel : remontée des chiffres fête des mères lundi, <@U2BBBBBBBBB> <@U3CCCCCCCCC> merci",
            "Recordatorio: subir las horas al Jira el lunes, <@U2BBBBBBBBB> <@U3CCCCCCCCC> gracias",
            "Lembrete: mandar os números da campanha na segunda, <@U2BBBBBBBBB> <@U3CCCCCCCCC> obrigado",
        ] {
            let o = owners(s);
            assert!(
                o.contains(&"U2BBBBBBBBB".to_string()) && o.contains(&"U3CCCCCCCCC".to_string()),
                "{s}: {:?}",
                found(s)
            );
        }
        assert!(found("Erinnerung: Das Daily schließt um 11 Uhr.").is_empty());
    }

    #[test]
    fn a_need_said_to_someone_asks_them() {
        for item in [
            "<@U2BBBBBBBBB> we need the signed site form before Thursday noon",
            "<@U2BBBBBBBBB> mir fehlt noch die Freigabe vom Einkauf",
            "<@U2BBBBBBBBB> il me faut le devis signé avant jeudi midi",
            "<@U2BBBBBBBBB> me falta el acta firmada de la obra",
            "<@U2BBBBBBBBB> precisamos do termo assinado até quinta",
        ] {
            assert_eq!(owners(item), vec![YOU.to_string()], "{item}");
        }
    }

    /// 2027-05-05 is a Wednesday: "Friday" is 2027-05-07. A long sentence
    /// after the ask that says the asker needs it gives the ask its day.
    #[test]
    fn a_need_said_after_an_ask_gives_it_its_day() {
        for item in [
            "<@U2BBBBBBBBB> can you send me the pallet counts? I need them for the planning call on Friday with the whole regional team.",
            "<@U2BBBBBBBBB> kannst du mir die Palettenzahlen schicken? Ich brauche sie für die Planung am Freitag mit dem ganzen Team der Region.",
            "<@U2BBBBBBBBB> tu peux m'envoyer les comptes de palettes ? J'en ai besoin pour la réunion de planification de vendredi avec toute l'équipe.",
            "<@U2BBBBBBBBB> ¿me mandas el conteo de palets? Lo necesito el viernes para la reunión de planificación con todo el equipo regional.",
            "<@U2BBBBBBBBB> pode me mandar a contagem de paletes? Preciso disso para a reunião de planejamento de sexta com toda a equipe regional.",
        ] {
            let f = found(item);
            let ask = f.iter().find(|f| f.owner == YOU).expect(item);
            assert_eq!(ask.due.as_deref(), Some("2027-05-07"), "{item}: {f:?}");
        }
    }

    #[test]
    fn an_ask_to_several_people_at_once() {
        for item in [
            "<@U2BBBBBBBBB> <@U3CCCCCCCCC> könnt ihr die Inventurliste prüfen?",
            "<@U2BBBBBBBBB> <@U3CCCCCCCCC> ustedes pueden revisar el inventario?",
            "<@U2BBBBBBBBB> <@U3CCCCCCCCC> vocês podem revisar o inventário amanhã?",
        ] {
            let o = owners(item);
            assert!(
                o.contains(&YOU.to_string()) && o.contains(&"U3CCCCCCCCC".to_string()),
                "{item}: {o:?}"
            );
        }
    }

    #[test]
    fn an_ask_after_then_goes_to_the_person_turned_to() {
        for item in [
            "<@U2BBBBBBBBB> ok, understood. So can you send me the draft limits today?",
            "<@U2BBBBBBBBB> gut, verstanden. Dann kannst du mir die Entwurfsgrenzen heute schicken?",
            "<@U2BBBBBBBBB> d'accord, compris. Alors tu peux m'envoyer le brouillon des seuils ?",
            "<@U2BBBBBBBBB> vale, entendido. Entonces ¿puedes mandarme el borrador de los límites?",
            "<@U2BBBBBBBBB> certo, entendi. Daí você pode me mandar o rascunho dos limites?",
        ] {
            assert_eq!(owners(item), vec![YOU.to_string()], "{item}");
        }
    }

    #[test]
    fn an_order_with_please_at_its_end_asks_the_person_turned_to() {
        for (item, word) in [
            (
                "<@U2BBBBBBBBB> approved. Put the window in the change log please.",
                "change log",
            ),
            (
                "<@U2BBBBBBBBB> passt. Trag das Fenster ins Protokoll ein, bitte.",
                "Protokoll",
            ),
            (
                "<@U2BBBBBBBBB> validé. Note le créneau dans le journal stp.",
                "journal",
            ),
            (
                "<@U2BBBBBBBBB> aprobado. Anota la ventana en el registro, por favor.",
                "registro",
            ),
            (
                "<@U2BBBBBBBBB> aprovado. Regista a janela no log, por favor.",
                "janela",
            ),
        ] {
            let f = found(item);
            assert!(
                f.iter().any(|f| f.owner == YOU && f.text.contains(word)),
                "{item}: {f:?}"
            );
        }
        // Nobody turned to, or only thanks: no ask.
        assert!(found("Put the window in the change log please.").is_empty());
        assert!(found("<@U2BBBBBBBBB> great. Thanks please!").is_empty());
        // A reply that says yes and asks for what it needs takes the task
        // on; it gives none to the one it answers.
        assert!(
            owners("<@U2BBBBBBBBB> yes send me the link, I look at it later")
                .iter()
                .all(|o| o != YOU)
        );
    }

    #[test]
    fn an_order_after_meanwhile_or_a_go_ahead() {
        for item in [
            "<@U2BBBBBBBBB> meanwhile, check the backup logs of the NAS",
            "<@U2BBBBBBBBB> bis dahin, prüf die Backups vom NAS",
            "<@U2BBBBBBBBB> en attendant, vérifie les sauvegardes du NAS",
            "<@U2BBBBBBBBB> mientras tanto, revisa las copias del NAS",
            "<@U2BBBBBBBBB> enquanto isso, verifica os backups do NAS",
            "<@U2BBBBBBBBB> pode, avisa os clientes até amanhã",
            "<@U2BBBBBBBBB> go ahead, send the notice to the clients",
            "<@U2BBBBBBBBB> ¿me avisas cuando termine la carga?",
        ] {
            assert_eq!(owners(item), vec![YOU.to_string()], "{item}");
        }
    }

    #[test]
    fn a_wish_is_no_promise() {
        for s in [
            "<@U2BBBBBBBBB> the 4 articles into the folder, I'd like to see them in the review",
            "<@U2BBBBBBBBB> die Artikel in den Ordner legen, ich möchte sie im Review haben",
            "<@U2BBBBBBBBB> les articles dans le dossier, je voudrais les voir dans la review",
            "<@U2BBBBBBBBB> los artículos en la carpeta, quiero verlos en la review",
            "<@U2BBBBBBBBB> os artigos na pasta, queria vê-los na review",
        ] {
            assert!(!owners(s).contains(&ME.to_string()), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn a_need_written_as_a_heading_asks_the_person_after_it() {
        for item in [
            "Need: <@U2BBBBBBBBB> to send me the serial numbers before Friday",
            "Brauche: <@U2BBBBBBBBB> schick mir bitte die Seriennummern bis Freitag",
            "Besoin : <@U2BBBBBBBBB> envoie-moi les numéros de série avant vendredi stp",
            "Necesito: <@U2BBBBBBBBB> pasame los números de serie antes del viernes porfa",
            "Preciso: <@U2BBBBBBBBB> me passa os números de série até sexta",
        ] {
            assert_eq!(
                owners(item),
                vec![YOU.to_string()],
                "{item}: {:?}",
                found(item)
            );
        }
        // With "que" the need reads as "necesito que <@U2> …": a task the
        // person is waited on for.
        for item in [
            "Besoin : que <@U2BBBBBBBBB> m'envoie les numéros de série",
            "Necesito: que <@U2BBBBBBBBB> me pase los números de serie",
            "Preciso: que <@U2BBBBBBBBB> me mande os números de série",
        ] {
            let f = found(item);
            assert!(
                f.iter().any(|f| f.owner == YOU && f.tentative),
                "{item}: {f:?}"
            );
        }
    }
}
