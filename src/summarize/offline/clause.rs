//! Whether one clause says its author cannot proceed now, read by its
//! structure rather than by a list of phrasings: who the clause is about
//! (its subject), what it predicates (waiting, inability, something awaited
//! still missing) and when (now, or a wait that is over).
//!
//! One decision procedure for English, German, French, Spanish and
//! Portuguese; only the small lexicons below are per language: subject
//! pronouns and the nouns that name other people, persistence adverbs
//! ("still", "noch", "toujours", "todavía", "ainda"), negators, verbs of
//! arrival, of waiting and of being able, and past-state markers.

use std::sync::LazyLock;

use regex::Regex;

/// Where one clause ends and the next starts: punctuation, a dash, or a
/// coordinating "and", "so", "but".
static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)[,;:()\u{2014}\u{2013}]|\s-\s
        | \b(?:and\s+so|and|but|so|und|aber|also|deshalb|et|mais|donc|y|pero|así\s+que|asi\s+que|e|mas|então|entao|portanto)\b",
    )
    .unwrap()
});

/// Persistence: the state goes on now ("still", "sigo", "immer noch").
const PERSIST: &str = r"still|yet|so\s+far|noch|weiterhin|weiter|toujours|encore|todav[ií]a|a[úu]n|sigo|seguimos|sigue|continuo|continuamos|continua|ainda|até\s+agora|de\s+momento|bisher";

/// Something awaited that has not come: "hasn't landed", "ne sont toujours
/// pas arrivées", "aún nada", "sigo sin noticias", "still no export".
static MISSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          \b(?:hasn['’]?t|haven['’]?t|has\s+not|have\s+not|didn['’]?t|did\s+not|not|never)\s+(?:yet\s+|even\s+)?(?:arrived|landed|come\s+(?:through|in)|shown\s+up|been\s+(?:delivered|sent|granted|approved|shared|merged)|gotten\s+back|got\s+back|heard\s+back)\b
        | \b(?:still|immer\s+noch|noch\s+immer|toujours|todav[ií]a|a[úu]n|sigo|ainda|continuo)\s+(?:no\s+\w|nothing|nada|rien|nichts|kein\w*|sin|sem|pas\s+de|pas\s+d['’]|aucun\w*|nenhum\w*|ningun\w*)
        | \bstill\s+(?:don['’]?t|do\s+not|haven['’]?t|have\s+not)\s+(?:have|got|gotten|received)\b
        | \bn['’](?:ai|avons|a)\s+(?:toujours|encore)\s+(?:pas|rien|aucun\w*)\b | \b(?:j['’]ai|on\s+a)\s+(?:toujours|encore)\s+pas\b
        | \b(?:is|are)\s+(?:still\s+)?not\s+(?:yet\s+)?(?:granted|approved|signed|delivered|merged|shared|given|enabled)\b | \b(?:was|were)\s+(?:still\s+not|not\s+yet)\s+(?:granted|approved|signed|delivered|merged|shared|given|enabled)\b
        | \b(?:hab|habe|haben|hat)\s+(?:ich\s+|wir\s+)?(?:immer\s+)?noch\s+(?:kein\w*|nicht|nichts)\b
        | \b(?:todav[ií]a|a[úu]n)\s+no\s+(?:tengo|tenemos|he\s+recibido|hemos\s+recibido|me\s+han|nos\s+han)\b
        | \bainda\s+n[ãa]o\s+(?:tenho|temos|recebi|recebemos|me\s+deram|nos\s+deram)\b
        | \b(?:sigo|seguimos|continuo|continuamos|fico|estoy|estou|je\s+suis|ich\s+bin)\s+(?:todav[ií]a\s+|ainda\s+|toujours\s+|noch\s+)?(?:sin|sem|sans|ohne)\b
        | \b(?:ne|n['’])\s*(?:\w+\s+){0,2}(?:toujours|encore)\s+pas\s+(?:\w+\s+)?(?:arrivée?s?|venue?s?|reçue?s?|là|livrée?s?)
        | \b(?:ist|sind)\s+(?:immer\s+)?noch\s+nicht\s+(?:da|angekommen|gekommen|freigegeben|geliefert|durch|fertig|erledigt|genehmigt)\b
        | \b(?:on\s+attend|nous\s+attendons)\b
        | \b(?:todav[ií]a|a[úu]n|ainda)\s+no\s+(?:ha[n]?\s+)?(?:llegad|lleg|respond|contest|chegou|chegaram|respondeu)\w*
        | \bainda\s+n[ãa]o\s+(?:chegou|chegaram|veio|vieram|respondeu|responderam|liberou|liberaram)\b
        | \blässt\s+(?:\w+\s+){0,2}auf\s+sich\s+warten\b
        | \b(?:fehlt|fehlen)\s+(?:mir\s+|uns\s+)?(?:immer\s+)?noch\b | \b(?:mir|uns)\s+fehl(?:t|en)\b | \b(?:me|nos)\s+falta(?:n)?\b | \bfalta-(?:me|nos)\b
        | \bil\s+(?:me|nous)\s+manque\b | \b(?:i['’]?m|we['’]?re|i\s+am|we\s+are)\s+(?:still\s+)?missing\b | \b(?:is|are)\s+still\s+missing\b | \bmanquen?t?\s+toujours\b | \bil\s+(?:me|nous)\s+manque\s+(?:toujours|encore)\b
        | \b(?:todav[ií]a|a[úu]n)\s+(?:me\s+|nos\s+)?falta\b | \b(?:me|nos)\s+sigue[n]?\s+faltando\b | \bainda\s+(?:me\s+)?falta\b | \bcontinua[m]?\s+faltando\b
        | \b(?:toujours|still|immer\s+noch|noch|todav[ií]a|a[úu]n|ainda|sigue|continua)\s+(?:\w+\s+)?(?:inaccessible|unreachable|unerreichbar|nicht\s+erreichbar|inaccesible|inacess[ií]vel|read-only\s+for\s+me)\b
        | \b(?:estoy|estamos)\s+a\s+la\s+espera\s+de\b | \ben\s+espera\s+de\s+que\b
        | \bfunkstille\b
        # The awaited party (not “I” or “we”) has not given or answered: “<@U2> didn't answer”,
        # “IT hasn't sent it”, “o TI deles ainda não mandou”, “no me ha
        # contestado”, “il ne m'a pas répondu”, “hat sich nicht gemeldet”.
        # The forms are the third person's, so the author is the one held up.
        | (?:\b(?:[^iw\W]\w*|i\w+|w[^e\W]\w*|we\w+)|<@[UW][A-Z0-9]+(?:\|[^>]*)?>)\s+(?:still\s+)?(?:didn['’]?t|did\s+not)\s+(?:yet\s+|even\s+)?(?:answer|reply|respond|get\s+back|write\s+back|call\s+back)\b
        | \b(?:hasn['’]?t|has\s+not)\s+(?:yet\s+|even\s+)?(?:sent|delivered|shared|given|signed|approved|merged|granted|provided|answered|replied|responded|confirmed|decided|called\s+back)\b
        | \bn[ãa]o\s+(?:me\s+|nos\s+)?(?:mandou|mandaram|enviou|enviaram|respondeu|responderam|aprovou|aprovaram|assinou|assinaram|liberou|liberaram|retornou|retornaram|confirmou|confirmaram|decidiu|decidiram)\b
        | \bno\s+(?:me\s+|nos\s+)?(?:ha[n]?\s+)?(?:mandó|mandaron|envió|enviaron|respondió|respondieron|contestó|contestaron|aprobó|aprobaron|firmó|firmaron|mandado|enviado|respondido|contestado|aprobado|firmado|confirmado)\b
        | \b(?:sigue|siguen|segue|seguem)\s+(?:sin|sem)\s+(?:contestar|responder|respuesta|resposta|retorno|noticias|notícias)\b
        | \b(?:ne|n['’])\s*(?:m['’]|nous\s+|l['’]|les\s+)?(?:a|ont)\s+(?:toujours\s+|encore\s+|même\s+)?(?:pas|jamais|rien)\s+(?:\w+\s+)?(?:répondu|envoyée?s?|transmise?s?|validée?s?|signée?s?|donnée?s?|rappelée?|livrée?s?|partagée?s?|approuvée?s?|confirmée?)
        | \bpersonne\s+ne\s+(?:m['’]|nous\s+)a\s+(?:\w+\s+)?(?:répondu|rappelée?)
        | \b(?:hat|haben)\s+(?:sich\s+|mir\s+|uns\s+)?(?:\w+\s+){0,3}?(?:noch\s+)?(?:nicht|nie)\s+(?:\w+\s+){0,2}?(?:geantwortet|gemeldet|geschickt|geliefert|freigegeben|unterschrieben|zurückgerufen|reagiert|bestätigt|genehmigt)\b
        # Said by non-native speakers: “I don't have yet the firewall rule”,
        # “I am still not having the access”.
        | \b(?:don['’]?t|do\s+not)\s+(?:have|got)\s+yet\b | \bstill\s+not\s+having\b
        ",
    )
    .unwrap()
});

/// Trouble a team is glad to be without: "still no errors" is good news.
static TROUBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:errors?|alerts?|issues?|problems?|bugs?|incidents?|crash\w*|complaints?|regressions?|failures?|pages?
        |fehler|probleme?|störungen|erreurs?|problèmes?|incidents?|errores|problemas|fallos?|incidencias|erros|falhas?|reclama\w*
        |root\s+cause|idea|clue|repro\w*|ursache|cause|causa)\b",
    )
    .unwrap()
});

/// A clause says something awaited is still missing. Its subject may be
/// the awaited party ("<@U2> hasn't got back to me"): who is held up is
/// the author. The forms are present by themselves ("hasn't", "still no"),
/// so no past check applies.
fn is_missing(clause: &str) -> bool {
    MISSING.is_match(clause) && !TROUBLE.is_match(clause) && !NOT_LACKING.is_match(clause)
}

/// A lack denied: "mir fehlt nichts mehr", "no me falta nada", "il ne me
/// manque plus rien", "nothing is missing".
static NOT_LACKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:fehlt|fehlen)\s+(?:\w+\s+)?(?:nichts|nix|kein\w*)\b | \bnothing\s+(?:is\s+)?missing\b | \bno\s+(?:me|nos)\s+falta\b
        | \bn[ãa]o\s+(?:me\s+|nos\s+)?falta\b | \bne\s+(?:me|nous)\s+manque\s+(?:plus|rien)\b",
    )
    .unwrap()
});

/// The author chased someone: "pinged him three times", "relancé hier".
static CHASED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:pinged|asked|chased|nudged|requested|followed\s+up|emailed|wrote|gefragt|angefragt|nachgehakt|angeschrieben|geschrieben|relancée?s?|demandée?s?|écrit|ped[ií]|pregunt[ée]|escrib[ií]|reclam[ée]|pedi|perguntei|cobrei|escrevi)\b",
    )
    .unwrap()
});

/// No answer to it: "nothing yet", "noch nichts", "toujours rien".
static NOTHING_YET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:nothing\s+(?:yet|so\s+far|back)|still\s+nothing|no\s+(?:answer|reply|response)(?:\s+yet)?|sin\s+respuesta|sem\s+resposta|keine\s+antwort|pas\s+de\s+réponse|(?:immer\s+)?noch\s+nichts|bisher\s+nichts|toujours\s+rien|rien\s+pour\s+l['’]instant|nada\s+(?:todav[ií]a|a[úu]n|ainda|por\s+ahora)|(?:todav[ií]a|a[úu]n|ainda)\s+nada)\b",
    )
    .unwrap()
});

/// The author's own work cannot go on: an inability, or a wait.
static UNABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          \b(?:can['’]?t|cannot|can\s+not|unable\s+to|not\s+able\s+to|no\s+way\s+to)\b
        | \b(?:kann|können|darf|dürfen|komme?|kommen)\s+(?:\w+\s+){0,6}?nicht\b | \bgeht\s+(?:\w+\s+){0,2}?nichts\b
        | \bne\s+(?:peux|pouvons|peut|peuvent|sais)\s+pas\b | \b(?:impossible|pas\s+possible)\s+de\b
        | \bno\s+(?:puedo|podemos|se\s+puede|me\s+atrevo|nos\s+atrevemos|tiene\s+(?:mucho\s+)?sentido)\b
        | \bn[ãa]o\s+(?:consigo|conseguimos|posso|podemos|d[áa])\b | \bn[ãa]o\s+tem\s+como\b | \bno\s+hay\s+(?:forma|manera|c[óo]mo)\b
        ",
    )
    .unwrap()
});

/// The author cannot get at what they need: "I still can't get into the
/// billing console", "ich komme nicht ins VPN", "no consigo entrar".
static LOCKED_OUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          \b(?:i|we)\s+(?:still\s+)?(?:can['’]?t|cannot|can\s+not|am\s+unable\s+to|are\s+unable\s+to)\s+(?:still\s+)?(?:get\s+into|log\s*in(?:to)?|sign\s+in(?:to)?|access|reach|connect\s+to|ssh\s+(?:in)?to|open)\b
        | ^\W*(?:(?:yes|still)\s+)?(?:can['’]?t|cannot|unable\s+to)\s+(?:still\s+)?(?:get\s+into|log\s*in(?:to)?|sign\s+in(?:to)?|access|reach|connect\s+to)\b
        | \b(?:ich|wir)\s+(?:komme?|kommen|kann|können)\s+(?:\w+\s+){0,3}?(?:nicht|immer\s+noch\s+nicht)\s+(?:mehr\s+)?(?:rein|ins|in\s+den|in\s+die|auf\s+den|auf\s+die|an\s+den|an\s+die)\b
        | \b(?:je|on|nous)\s+(?:n['’]arrive|ne\s+(?:peux|peut|pouvons|parviens))\s+(?:toujours\s+)?pas\s+(?:à\s+)?(?:me\s+|nous\s+)?(?:connecter|accéder|entrer|ouvrir)\b
        | \bno\s+(?:puedo|podemos|consigo|logro)\s+(?:todav[ií]a\s+)?(?:entrar|acceder|conectarme|loguearme|abrir)\b
        | \bn[ãa]o\s+(?:consigo|posso|conseguimos|podemos)\s+(?:ainda\s+)?(?:entrar|acessar|logar|conectar|abrir)\b
        ",
    )
    .unwrap()
});

/// "Without it …": the condition of an inability.
static WITHOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:without|ohne|sans|sin|sem|until|bis|tant\s+que|hasta|até)\b").unwrap()
});

/// Someone other than the author as the clause's subject: a pronoun, a
/// mention, or a noun for customers and other teams.
static OTHER_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:(?:and|y|e|et|und|also|plus)\s+)?(?:(?:the|a|le|la|les|el|los|las|o|os|as|der|die|das|ein|eine|un|une|uma|um)\s+)?
        (?:he|she|they|il|elle|ils|elles|er|sie|él|ella|ellos|ellas|ele|ela|eles|elas|<@[UW][A-Z0-9]+(?:\|[^>]*)?>
          |customers?|client[ea]?s?|kund(?:e|en|in|innen)|users?|usuari[oa]s?|usuári[oa]s?|utilisat(?:eur|rice)s?|team|teams|équipe|equipo|equipa|time
          |marketing|sales|legal|finance|design|support|kolleg(?:e|en|in|innen)|colleagues?|collègues?|compañer[oa]s?|colegas?|ventas|vendas|finanzas|finanças|vertrieb|juridique|jurídico|compliance|people|folks)\b",
    )
    .unwrap()
});

/// A state that was, and is no more: "was waiting", "c'était", "tava".
static PAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:was|were|had\s+been|used\s+to|war|waren|hatte|hing|c['’]était|était|étais|étaient|avait|estaba|estaban|estuve|estuvo|estuvimos|estuvieron|estábamos|había|tava|tavam|estava|estavam|esteve|estivemos|estávamos|fiquei|ficou|ficamos|ficaram
        |waited|wartete|warteten|étions|attendais|attendait|attendions|esperé|esperábamos|esperei|esperamos\s+(?:toda|todo|una|um|uma|dos|dois|tres|três))\b",
    )
    .unwrap()
});

static PERSISTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:{PERSIST})\b")).unwrap());

/// A relative clause that tells the state of a thing or of others: "the
/// invoices that are stuck in approval", "los pedidos que se quedan
/// colgados". Its subject is the relative pronoun, never the author.
pub(crate) static RELATIVE_STATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:that|which|who|die|der|das|welche|qui|que)\s+(?:is|are|was|were|get|gets|got|keep|keeps|sind|ist|waren|war|sont|est|restent|reste|están|está|estão|se\s+quedan|se\s+queda|ficam|fica|bleiben|bleibt)\s+
        (?:still\s+|noch\s+|toujours\s+|todav[ií]a\s+|ainda\s+)?(?:stuck|blocked|waiting|hanging|h[äa]ngen|bloqu\w*|blockiert|coinc\w*|atascad\w*|colgad\w*|travad\w*|parad\w*|esperando|aguardando|en\s+attente)\b[^,;.!?]*",
    )
    .unwrap()
});

/// The clauses of a sentence, in order.
pub(crate) fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in BOUNDARY.find_iter(sentence) {
        out.push(&sentence[start..m.start()]);
        start = m.end();
    }
    out.push(&sentence[start..]);
    out.into_iter().filter(|c| !c.trim().is_empty()).collect()
}

/// A predicate of state, whose subject is the one held up ("Marketing is
/// blocked", "el cliente sigue esperando"), unlike "legal is blocking us"
/// or "<@U2> hasn't answered", whose subject is what holds the author up.
static STATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:blocked|waiting|wait|waits|stuck|held\s+up|on\s+hold|esperando|aguardando|à\s+espera|attend\w*|en\s+attente|wartet|warten|warte|bloqu[ée]e?s?|bloquead[oa]s?|blockiert|travad[oa]s?|atascad[oa]s?|parad[oa]s?|coinc[ée]e?s?|still\s+waiting|sigue\s+esperando
          |can['’]?t|cannot|can\s+not|unable|couldn['’]?t|not\s+able|kann|können|ne\s+peu\w*|no\s+pued\w*|n[ãa]o\s+consegu\w*|n[ãa]o\s+pode\w*)\b",
    )
    .unwrap()
});

/// A blocker phrase found in `clause` (the phrase's own text) names a
/// state, and the clause's subject is someone else: their blocker.
pub(crate) fn others_state(clause: &str, phrase: &str) -> bool {
    about_other(clause) && STATE.is_match(phrase.trim())
}

/// The clause is about someone else: its subject is another person.
pub(crate) fn about_other(clause: &str) -> bool {
    OTHER_SUBJECT.is_match(clause)
}

/// The clause tells of a state that is over: a past form with nothing
/// saying it goes on ("was stuck on a lock" but not "was told, still
/// waiting").
pub(crate) fn is_over(clause: &str) -> bool {
    PAST.is_match(clause) && !PERSISTS.is_match(clause)
}

/// The author's clause, now: neither someone else's nor over.
pub(crate) fn is_present_own(clause: &str) -> bool {
    !about_other(clause) && !is_over(clause)
}

/// A sentence says, by its structure, that its author cannot proceed: one
/// of its clauses, of the author and present, says something awaited is
/// still missing; or an inability comes with its condition ("without it",
/// "until then") in the same sentence.
pub(crate) fn cannot_proceed(sentence: &str) -> bool {
    let parts = clauses(sentence);
    let missing = parts.iter().any(|c| is_missing(c));
    let conditioned = WITHOUT.is_match(sentence) && own_inability(sentence);
    let locked_out = parts.iter().any(|c| LOCKED_OUT.is_match(c) && !is_over(c));
    let unanswered =
        CHASED.is_match(sentence) && parts.iter().any(|c| NOTHING_YET.is_match(c) && !is_over(c));
    missing || conditioned || locked_out || unanswered
}

/// One of the author's clauses, now, says they cannot do something: "I
/// can't test anything", "no puedo desplegar", "ich kann nicht testen".
pub(crate) fn own_inability(sentence: &str) -> bool {
    clauses(sentence)
        .iter()
        .any(|c| UNABLE.is_match(c) && is_present_own(c))
}
