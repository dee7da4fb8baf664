//! Finding blockers: phrasings that say someone is blocked, the person
//! blocking them, and the many ways of saying "no blockers" or "fixed now".

use std::collections::HashSet;
use std::ops::Not;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

use super::clause;
use super::text::{first_other_mention, is_noise, mentions, plain, sentences, unquoted};

/// A large alternation, with room for the lazy DFA to keep its states:
/// with the default cache it gives up on these patterns and falls back to
/// a search many times slower (a 1,200-turn meeting took seconds).
fn big(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .dfa_size_limit(64 << 20)
        .size_limit(64 << 20)
        .build()
        .expect("a valid pattern")
}

/// A blocker found in one item, before it is tied to its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub text: String,
    pub blocked_by: Option<String>,
}

/// Phrasings that mean "I cannot go on", in English first and common
/// French, Spanish, Portuguese and German ones after.
static BLOCKER_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    big(r"(?ix)
        \bblocked(?:$|[^\w\-‐])
      | \bblocking\s+(?:me|us|my|our|the|this)\b
      | \bwaiting\s+(?:on|for)\b
      | \bstill\s+waiting\b
      | \bstuck\b
      | \b(?:can't|can’t|cant|cannot|can\s+not|unable\s+to|couldn't|could\s+not)\b[^.!?]{0,80}?\b(?:until|till|til|’til|'til|without)\b
      | \bawaiting\b | \bwaiting\s+to\s+hear\b
      | \bno\s+(?:answer|reply|response|news|word)\s+from\b
      | \b(?:hasn['’]?t|haven['’]?t|has\s+not|have\s+not|didn['’]?t|did\s+not)\s+(?:yet\s+)?(?:answered|replied|responded|gotten\s+back|got\s+back)\b
      | \b(?:my|the|one|only|main|big|biggest)\s+blocker\s+(?:is|was|right\s+now|today|here|for\s+me)\b | \b(?:my|the\s+only|one|main)\s+blocker\s*:
      | \b(?:mon|le\s+seul|mi|el\s+único|meu|o\s+único|mein|der\s+einzige)\s+(?:bloquant|blocage|bloqueo|bloqueio|blocker)\b
      | \b(?:only|nur|seul(?:e|ement)?|solo|sólo|só)\b[^.!?]{0,40}?\b(?:has|have|hat|a|tiene|tem)\s+(?:\w+\s+){0,2}?(?:access|rights|permissions?|zugriff|rechte|accès|acceso|acesso)\b
      | \b(?:didn['’]?t|did\s+not|haven['’]?t|have\s+not|not\s+yet)\s+(?:heard|hear|gotten|got|received)\s+(?:back|anything|a\s+reply|an\s+answer|a\s+response)\b
      | \b(?:can't|can’t|cant|cannot|can\s+not|unable\s+to|not\s+able\s+to)\s+(?:\w+\s+){0,2}?(?:proceed|continue|move\s+forward|progress|go\s+on)\b
      | \bno\s+(?:access|credentials|creds|permissions?|license|keys?|token)\s+(?:\w+\s+){0,4}?yet\b
      | \b(?:kann|können)\s+(?:ich|wir)\s+(?:\w+\s+){0,4}?nicht\b[^.!?]{0,60}?\bweil\b | \bje\s+ne\s+peux\s+pas\b[^.!?]{0,80}?\b(?:car|parce\s+que)\b | \bno\s+puedo\b[^.!?]{0,80}?\bporque\b
      | \bstill\s+nothing\b | \bwas\s+mich\s+(?:\w+\s+){0,3}(?:aufhält|ausbremst|blockiert|bremst)\b
      | \bneeds?\s+(?:(?:<@[^>]+>(?:'s|’s)?|an?|the|some|your|his|her|their|more|prod|production|staging|admin|read|write|root|ssh|vpn|db|database|api|final|legal|security|design|code|manager's|someone's)\s+){0,3}
          (?:access|approval|review|permissions?|sign-?off|credentials|creds|help|input|decision|answer|feedback|license|keys?|token)\b
      | \bneeds?\s+(?:someone|somebody|<@[^>]+>)\s+to\b
      | \b(?:don't|don’t|do\s+not|haven't|haven’t|have\s+no|still\s+no|no)\s+(?:have\s+|got\s+)?(?:\w+\s+){0,2}?(?:access|permissions?|rights|credentials|creds)\s+(?:to|for|on|in)\b
      | \bheld\s+up\b | \bholding\s+(?:me|us|this|it|things)\s+up\b | \bslowing\s+(?:me|us)\s+down\b | \bstopping\s+(?:me|us)\b
      | \bstill\s+(?:it\s+is\s+|it['’]s\s+)?pending\b | \bslowing\s+(?:me|us)\b
      | \bstill\s+(?:i|we)\s+(?:don['’]?t|do\s+not|haven['’]?t)\s+(?:have|got)\b
      | \bwithout\b[^.!?]{0,60}?\b(?:i|we)\s+(?:can['’]?t|cannot|can\s+not)\b
      | \bwarte\s+(?:ich\s+)?(?:\w+\s+){0,3}?auf\b | \b(?:hält|bremst)\s+mich\s+(?:\w+\s+){0,3}?(?:auf|aus)\b | \bbremst\s+mich\b
      # An object pronoun may sit between the no and the can (“sin él no la
      # puedo reparar”, “sem isso não o posso”), an adverb before the
      # nothing (“bis dahin kann ich da nichts machen”): still cannot go on.
      | \b(?:me|nos)\s+tiene[n]?\s+(?:frenad|bloquead|parad)\w* | \bsin\b[^.!?]{0,60}?\bno\s+(?:(?:lo|la|los|las|le|les|me|te|nos|se)\s+)?(?:puedo|podemos)\b
      | \btoujours\s+pas\s+de\s+(?:retour|réponse|nouvelles)\b | \bà\s+l['’]arrêt\b | \bsans\b[^.!?]{0,60}?\b(?:je|on|nous)\s+ne\s+(?:peux|peut|pouvons)\b
      | \bsem\b[^.!?]{0,60}?\bnão\s+(?:(?:o|a|os|as|lhe|me|nos|se)\s+)?(?:consigo|posso|podemos|conseguimos)\b
      | \bhaven['’]?t\s+heard\s+back\b | \bno\s+(?:answer|reply|response|news)\s+(?:yet|so\s+far|since)\b | \bstill\s+no\s+(?:answer|reply|response|word|news)\b
      | \b(?:until|till)\b[^.!?]{0,80}?\b(?:we|i)\s+(?:can't|can’t|cannot|can\s+not|couldn't)\b
      | \b(?:until|till)\b[^.!?]{0,80}?\bnot\s+much\b | \b(?:until|till)\b[^.!?]{0,80}?\b(?:not\s+(?:really\s+)?usable|unusable)\b
      | \b(?:until|till)\b[^.!?]{0,80}?\b(?:can't|can’t|cant|cannot|can\s+not|couldn't|won't\s+be\s+able|no\s+way|not\s+able|unable)\b
      | \b(?:avant\s+que|tant\s+que)\b[^.!?]{0,80}?\bne\s+(?:\w+\s+){1,2}pas\b | \b(?:on|nous)\s+ne\s+(?:peut|pouvons)\s+pas\b[^.!?]{0,80}?\b(?:tant\s+que|avant|sans)\b
      | \bpas\s+possible\s+de\b | \bimpossible\s+de\b
      | \bbis\b[^.!?]{0,80}?\b(?:kann|können)\s+(?:ich|wir)\s+(?:\w+\s+){0,3}?nicht\b
      | \b(?:kann|können)\s+(?:ich|wir)\s+(?:\w+\s+){0,4}?(?:nicht|keine[nmrs]?)\b[^.!?]{0,80}?\b(?:bis|solange|ohne|bevor)\b
      | \bohne\b[^.!?]{0,60}?\b(?:kann|können)\s+(?:ich|wir)\s+(?:\w+\s+){0,3}?(?:nicht|ned|net|nix|nichts)\b
      | \bno\s+podemos\b[^.!?]{0,80}?\b(?:hasta|sin)\b
      | \baté\s+(?:que|o|a)\b[^.!?]{0,80}?\bnão\s+(?:consigo|conseguimos|dá|podemos|posso)\b
      | \bnão\s+(?:posso|podemos|conseguimos|dá\s+pra)\b[^.!?]{0,80}?\b(?:até|sem|enquanto)\b
      | \b(?:can't|can’t|cannot|can\s+not)\b[^.!?]{0,80}?\b(?:before|unless)\b
      | \bpending\s+(?:with|on|from|review|approval)\b
      | \bon\s+hold\b
      | \bbloqu[ée]e?s?\b | \ben\s+attente\b | \bcoinc[ée]e?s?\b | \bj['’]attends\b
      | \bje\s+ne\s+peux\s+pas\b[^.!?]{0,80}?\b(?:tant\s+que|avant|sans)\b
      | \bbesoin\s+d['’e]\s*(?:l['’]\s*|d['’]\s*|un\s+|une\s+|des\s+|la\s+|le\s+)?(?:accès|acces|validation|approbation|aide|droits|revue)\b
      | \bbloquead[oa]s?\b | \besperando\b | \baguardando\b | \batascad[oa]s?\b | \btravad[oa]s?\b | \btrabad[oa]s?\b
      | \bno\s+tengo\s+(?:acceso|permisos?)\b | \bno\s+(?:(?:lo|la|los|las|le|les|me|te|nos|se)\s+)?puedo\b[^.!?]{0,80}?\b(?:hasta|sin)\b
      | \bnecesito\s+(?:el\s+|la\s+|un\s+|una\s+)?(?:acceso|permisos?|aprobación|aprobacion|ayuda|credenciales)\b
      | \bpendiente\s+de\b | \b(?:estoy|estamos)\s+parad[oa]s?\b | \bsigo\s+esperando\b | \btodav[ií]a\s+no\s+(?:me\s+)?(?:ha\s+)?(?:respond|contest)
      | \bhasta\s+que\b[^.!?]{0,80}?\bno\s+(?:podemos|puedo|se\s+puede)\b | \b(?:me|nos)\s+(?:está|esta)\s+(?:frenando|bloqueando)\b
      | \b(?:me|nos)\s+(?:travando|segurando)\b | \b(?:t[áa]|est[áa])\s+parad[oa]\b | \bningu[ée]m\s+(?:\w+\s+){0,4}?respondeu\b
      | \bpreciso\s+d[aoe]s?\s+(?:credenciais|acesso|aprovação|aprovacao)\b | \blo\s+que\s+me\s+(?:frena|bloquea)\b | \btodav[ií]a\s+nada\b | \bnão\s+consigo\b | \bsem\s+isso\s+não\b | \bainda\s+não\s+tive\s+retorno\b | \baté\s+agora\s+nada\b | \bnada\s+ainda\b
      | \btant\s+qu(?:e\b|['’])[^.!?]{0,80}?\b(?:ne|n['’])\s*(?:\w+\s+){0,2}pas\b
      | \bpas\s+de\s+(?:nouvelles|réponse)\b | \btoujours\s+(?:rien|pas\s+de\s+réponse)\b | \btant\s+que\b[^.!?]{0,80}?\bne\s+(?:\w+\s+){1,2}pas\b
      | \bnoch\s+keine\s+antwort\b | \bnichts\s+(?:mehr\s+)?gehört\b | \bsolange\b[^.!?]{0,80}?\bnicht\b | \bhält\s+mich\s+auf\b | \bpreciso\s+de\s+(?:acesso|aprovação|aprovacao|ajuda)\b
      | \bblockiert\b | \bwarte(?:n)?\s+(?:noch\s+)?auf\b
      | (?:^|\bich\s+|[,;:]\s*)h[äa]nge?\s+(?:noch\s+|gerade\s+|grad\s+|aktuell\s+|aber\s+|weiterhin\s+|immer\s+)*(?:(?:an|bei)\s+(?:de[nmr]|die|das|einer?)|am|beim)\b
      | \bà\s+espera\s+(?:d[eoa]s?|que)\b
      | \b(?:hänge?|hange?|stecke?)\b[^.!?]{0,60}?\bfest\b | \bkomme?\b[^.!?]{0,60}?\bnicht\s+weiter\b
      | \bbrauch(?:e)?\s+(?:noch\s+)?(?:den\s+|die\s+|das\s+|einen\s+|eine\s+)?(?:zugang|zugriff|freigabe|rechte|hilfe)\b
      # I need someone to act: “necesito que alguien firme”, “preciso que a
      # equipa aprove”, “j'ai besoin que la sécu valide”, “brauche jemanden, der …”.
      | \bnecesito\s+que\b | \bpreciso\s+que\b | \bj['’]ai\s+besoin\s+que\b | \bbrauche?\s+jemanden\b
      # Nothing the author can do: “nothing I can do but wait”, “je peux rien
      # faire”, “no puedo hacer nada”, “não posso fazer nada”, “kann nichts machen”.
      | \bnothing\s+(?:i|we)\s+can\s+do\b | \b(?:can['’]?t|cannot|can\s+not)\s+do\s+anything\b
      | \b(?:can['’]?t|cannot|can\s+not)\s+\w+\s+anything\s+(?:now|yet|right\s+now|for\s+now|at\s+the\s+moment)\b
      | \b(?:je|on)\s+(?:ne\s+)?(?:peux|peut)\s+rien\b | \bno\s+(?:puedo|podemos)\s+hacer\s+nada\b
      | \bn[ãa]o\s+(?:posso|podemos|consigo|conseguimos)\s+fazer\s+nada\b | \b(?:kann|können)\s+(?:ich\s+|wir\s+)?(?:da\s+|hier\s+|jetzt\s+|leider\s+|erstmal\s+)*(?:(?:an|bei|mit|am|beim)\s+(?:de[mnr]\s+|die\s+|das\s+)?[\w-]+\s+)?(?:nichts|nix)\s+(?:machen|tun)\b
      # Informal French without “ne”: “tant que c'est pas validé je peux pas”.
      | \btant\s+que\b[^.!?]{0,80}?\b(?:je|on)\s+(?:peux|peut)\s+(?:pas|rien)\b
      # Held back: “las entrevistas quedan frenadas”.
      | \bfrenad[oa]s?\b
      # Possible only once something comes: “das geht aber erst, wenn der
      # Einkauf …”, “I can only start once the keys …”, “solo puedo cerrarlo
      # cuando …”, “só consigo publicar quando …”, “je ne peux le faire
      # qu'une fois que …”.
      | \b(?:geht|klappt)\s+(?:das\s+)?(?:aber\s+|leider\s+|halt\s+|jedoch\s+)*erst\s*,?\s*(?:wenn|sobald|nachdem)\b
      | \b(?:(?:kann|können)\s+(?:ich|wir)|(?:ich|wir)\s+(?:kann|können))\s+(?:\w+\s+){0,4}?erst(?:\s+\w+){0,2}\s*,?\s*(?:wenn|sobald|nachdem)\b
      | \bcan\s+only\s+(?:\w+\s+){0,4}?once\s+(?:the|my|our|we|i|they|he|she|it|someone|somebody|<@)
      | \b(?:solo|sólo)\s+(?:puedo|podemos|se\s+puede)\b[^.!?]{0,60}?\b(?:cuando|una\s+vez\s+que|en\s+cuanto)\b
      | \bs[óo]\s+(?:posso|consigo|podemos|conseguimos|d[áa])\b[^.!?]{0,60}?\b(?:quando|depois\s+que|assim\s+que)\b
      | \b(?:je\s+ne\s+(?:peux|pourrai)|ça\s+ne\s+(?:sera|pourra)|on\s+ne\s+(?:peut|pourra))\b[^.!?]{0,60}?\bqu['’]\s*(?:une\s+fois|quand|après|dès)\b
        ")
});

/// Someone outside keeps not answering, said in the present: “the
/// council is not answering the emails”, “they've been silent since
/// Thursday”, “RTE ne répond pas”, “el proveedor no contesta”, “o
/// fornecedor não responde”, “die Spedition antwortet nicht”, “keine
/// Rückmeldung”. A past one (“no contestaban”) is over.
static NO_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    big(r"(?ix)
        \b(?:is|are|isn['’]?t|aren['’]?t)\s+(?:still\s+)?not\s+(?:answering|responding|replying|getting\s+back)\b
      | \b(?:isn['’]?t|aren['’]?t)\s+(?:answering|responding|replying|getting\s+back)\b
      | \b(?:doesn['’]?t|don['’]?t|does\s+not|do\s+not)\s+(?:answer|respond|reply|get\s+back)\b
      | \b(?:been|gone|are|is)\s+silent\b
      | \bne\s+(?:me\s+|nous\s+)?(?:répond|repond|répondent|repondent)\s+(?:toujours\s+)?(?:pas|plus)\b
      | \bno\s+(?:me\s+|nos\s+)?(?:responde|responden|contesta|contestan)\b | \bsigue[n]?\s+sin\s+(?:respuesta|responder|contestar)\b
      | \bn[ãa]o\s+(?:me\s+|nos\s+)?(?:responde|respondem|retorna|retornam)\b
      | \b(?:antwortet|antworten|reagiert|reagieren|meldet|melden)\s+(?:sich\s+)?(?:\w+\s+){0,3}?(?:nicht|nie)\b | \bkeine\s+(?:rückmeldung|reaktion)\b
        ")
});

/// Whether someone outside keeps not answering, outside a "meanwhile"
/// clause: "Enquanto não respondem, pus os rapazes no servidor de backup"
/// tells how the author works on while waiting (“while they don't
/// answer”, “mientras no contestan”, “tant qu'ils ne répondent pas”,
/// “während die nicht antworten”), not that the author stands still.
fn no_answer(statement: &str) -> bool {
    static MEANWHILE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:while|meanwhile|enquanto|mientras|pendant\s+que|en\s+attendant|tant\s+qu|während|solange)\b[^,;.!?]*$").unwrap()
    });
    NO_ANSWER
        .find_iter(statement)
        .any(|m| !MEANWHILE.is_match(&statement[..m.start()]))
}

/// A sentence that denies being blocked: "not blocked", "nothing blocking",
/// "no longer waiting", "no blockers", "waiting on nothing", and the same
/// in French, Spanish, Portuguese and German.
static SENTENCE_NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    big(r"(?ix)
        \b(?:not|no\s+longer|isn't|isn’t|aren't|aren’t|wasn't|wasn’t|never|nothing|nobody|no\s+one|nothing's)\s+(?:\w+\s+)?(?:blocked|blocking|stuck|waiting)\b
      | \bno\s+(?:blockers?|blocks|impediments?)\b
      | \bnot\s+(?:a\s+)?(?:real\s+)?blocker\b | \b(?:blocked|bloqu[ée]e?s?|blockiert|bloquead[oa]s?|travad[oa]s?)\s*[:?]\s*(?:no|non|nein|não|none|nope|rien|nada|nichts)\b
      # Said after the word, as an answer to it: “Bloqueada no, aunque …”,
      # “blocked - nope.”, “bloqué, non”, “travado não”, “blockiert nein”.
      | \b(?:blocked|bloqu[ée]e?s?|blockiert|bloquead[oa]s?|travad[oa]s?)\s*[,\-–—]?\s*(?:no|non|nein|não|nope)\s*(?:[,.;!]|$)
      # Without an object: “it doesn't block”, “não bloqueia”, “ne bloque
      # pas”, “no bloquea”, “blockiert nicht”, “isn't blocking”.
      | \b(?:doesn['’]?t|does\s+not|isn['’]?t|is\s+not|not)\s+(?:really\s+)?(?:block|blocking)\b | \bn[ãa]o\s+(?:é\s+)?(?:bloqueia|bloqueante|bloqueador)\b
      # The state said first: “Blockiert bin ich nicht direkt”, “bloqueado no
      # estoy”, “bloqué je ne suis pas”, “travado não estou”.
      | \bblockiert\s+(?:bin|sind)\s+(?:ich|wir)\s+(?:\w+\s+)?nicht\b | \b(?:bloquead|atascad)[oa]s?\s+no\s+(?:estoy|estamos)\b
      | \bbloqu[ée]e?s?\s*,?\s*(?:je|nous)\s+ne\s+(?:suis|sommes)\s+pas\b | \b(?:bloquead|travad)[oa]s?\s+n[ãa]o\s+(?:estou|estamos|tô|to)\b
      | \bne\s+bloque\s+pas\b | \bpas\s+bloquant\b | \bno\s+(?:es\s+)?(?:bloquea|bloqueante)\b | \bblockiert\s+nicht\b | \bnicht\s+blockierend\b
      | \b(?:no|não)\s+(?:tengo|tenho)\s+(?:bloqueos?|bloqueios?|impedimentos?)\b | \bi\s+have\s+no\s+blockers?\b | \bje\s+n['’]ai\s+(?:pas\s+de|aucun)\s+(?:blocage|bloquant)s?\b | \bnot\s+me\s+who\b | \bkein(?:e|en)?\s+(?:echter\s+|richtiger\s+)?(?:blocker|hindernis)\b
      | \b(?:ce\s+n['’]est|c['’]est)\s+pas\s+moi\s+qui\b | \bpas\s+(?:un\s+)?vrai\s+(?:blocage|bloquant)\b | \bn[ãa]o\s+sou\s+eu\s+que\b | \bno\s+soy\s+yo\s+(?:quien|el\s+que|la\s+que)\b
      | \b(?:waiting|blocked|stuck)\s+(?:on|for|by)\s+(?:nothing|nobody|no\s+one|no-one)\b
      # Held up by nothing, said with the state first: “Travada em nada”,
      # “atascado en nada”, “bloqué sur rien”, “hänge an nichts”.
      | \b(?:travad|bloquead|atascad|parad|trabad)[oa]s?\s+(?:em|en|con|com|por|no|na)\s+nada\b
      | \bbloqu[ée]e?s?\s+(?:sur|par|pour)\s+rien\b | \b(?:h[äa]nge|blockiert)\s+(?:an|bei|durch|wegen)\s+nichts\b
      # The author calls it a risk, not a blocker: “so a risk more than a
      # blocker”, “plus un risque qu'un blocage”, “más un riesgo que un
      # bloqueo”, “mais um risco do que um bloqueio”, “eher ein Risiko als
      # ein Blocker”.
      | \brisk\s+(?:more|rather)\s+than\s+a\s+blocker\b | \bmore\s+(?:of\s+)?a\s+risk\s+than\s+a\s+blocker\b
      | \b(?:plus\s+un\s+risque|un\s+risque\s+plus)\s+qu['’]\s*un\s+(?:blocage|bloquant)\b
      | \b(?:m[áa]s\s+(?:bien\s+)?un\s+riesgo|un\s+riesgo\s+m[áa]s)\s+que\s+un\s+bloqueo\b
      | \b(?:mais\s+um\s+risco|um\s+risco\s+mais)\s+(?:do\s+)?que\s+um\s+bloqueio\b
      | \b(?:eher|mehr)\s+(?:ein\s+)?risiko\s+als\s+(?:ein\s+)?(?:blocker|hindernis)\b
      | \bwarte\s+auf\s+(?:nichts|niemanden)\b | \bn?['’]?attends\s+rien\b | \b(?:no\s+espero|no\s+estoy\s+esperando)\s+nada\b | \bn[ãa]o\s+(?:estou\s+)?(?:espero|esperando|aguardo|aguardando)\s+nada\b
      | \b(?:but|aber|mais|pero|mas)\s+(?:i|we)\s+can\s+(?:still\s+)?(?:work|continue|proceed)\b | \baber\s+ich\s+kann\s+(?:trotzdem\s+)?arbeiten\b
      | \bmais\s+je\s+peux\s+(?:quand\s+même\s+)?(?:bosser|travailler)\b | \bpero\s+(?:puedo|podemos)\s+(?:trabajar|avanzar)\b | \bmas\s+(?:posso|consigo|d[áa]\s+pra)\s+(?:trabalhar|avançar)\b
      | \bne\s+(?:suis|sommes|sont|est)\s+(?:pas|plus)\s+(?:\w+\s+)?(?:bloqu|coinc) | \b(?:pas|plus)\s+(?:de\s+)?bloqu | \brien\s+(?:de\s+)?bloquant | \baucun\s+blocage
      | \bno\s+(?:estoy|estamos|está|esta)\s+(?:\w+\s+)?(?:bloquead|atascad) | \bsin\s+bloqueos?\b | \bya\s+no\s+(?:estoy\s+)?(?:bloquead|atascad)
      | \bnão\s+(?:estou\s+)?(?:bloquead|travad) | \bsem\s+bloqueios?\b
      | \bnicht\s+(?:mehr\s+)?blockiert\b | \bkeine\s+(?:blocker|hindernisse)\b
      | \bwarte(?:n|t)?\s+(?:\w+\s+)?nicht\s+mehr\b | \bn['’]attend(?:s|ons)?\s+plus\b | \bya\s+no\s+(?:espero|esperamos|estoy\s+esperando)\b
      | \bn[ãa]o\s+(?:estou\s+)?(?:esperando|aguardando)\s+mais\b | \bj[áa]\s+n[ãa]o\s+(?:espero|estou\s+esperando|aguardo)\b
      | \brien\s+(?:qui\s+)?(?:ne\s+)?(?:me\s+|nous\s+)?bloque | \bnada\s+(?:que\s+)?(?:me|nos)\s+(?:bloque\w*|fren\w*|trav\w*|segur\w*) | \bno\s+me\s+(?:bloquea|frena)\b | \bnichts\s+blockiert\s+mich
      | \b(?:hält|bremst|blockiert|stört)\s+mich\b[^.!?]{0,25}?\bnicht\b | \bne\s+(?:me|nous)\s+bloquen?t?\s+pas\b | \bno\s+me\s+(?:est[áa]\s+)?(?:frenando|bloqueando)\b
      | \b(?:kann|können)\s+(?:ich|wir)\s+(?:\w+\s+){0,2}?(?:trotzdem|weiterhin|normal)\s+(?:\w+\s+)?weiter | \bcan\s+still\s+(?:work|continue|proceed|go\s+on|move\s+on)\b
      | \b(?:consigo|posso|puedo|podemos|conseguimos)\s+seguir\b | \bje\s+peux\s+(?:quand\s+même\s+|toujours\s+)?(?:avancer|continuer)\b
      | \b(?:nothing|not|doesn['’]?t|does\s+not|don['’]?t|do\s+not|isn['’]?t|is\s+not)\s+(?:\w+\s+)?(?:(?:stopping|stop|stops|preventing|prevent|prevents|blocking|block|blocks|affecting|affect|affects)\s+(?:me|us|my|our)|(?:holding|hold|holds)\s+(?:me|us)\s+(?:up|back))\b
      | \bno\s+(?:me|nos)\s+(?:para|impide|detiene|frena|bloquea|afecta)\b | \bn[ãa]o\s+(?:me|nos)\s+(?:impede|para|trava|bloqueia|afeta|atrapalha|segura)\b
      | \bne\s+(?:m['’]|me\s+|nous\s+)(?:empêche|bloque|gêne|arrête|freine)\w*\s+pas\b | \b(?:hindert|hält|bremst|blockiert|stört)\s+(?:mich|uns)\s+(?:\w+\s+){0,3}?nicht\b
      | \b(?:but|pero|mais|aber|mas)\s+(?:(?:for\s+now|right\s+now|de\s+momento|por\s+ahora|por\s+(?:el|o)\s+momento|pour\s+l['’]instant|pour\s+le\s+moment|im\s+moment|aktuell|por\s+enquanto)\s*,?\s*)(?:nothing|nada|rien|nichts|none)\W*$
      # A custom question's label echoed with a bare “no” as its whole
      # answer: “stuck: nothing”, “Stopping me: nothing”, “Hängt: nix”,
      # “Coincé : rien”, “Trabado: nada”, “Travando: nada”.
      # Also one sentence of a longer answer (“Prioridade: … Travando: nada.
      # FYI: …”), after an emoji (“:snail: slowing me: nothing, all good”)
      # or a dash (“stuck - no”).
      | (?:^|[.!?]\s+)\W*(?::[a-z0-9_+\-]+:\s*)?(?:[\w'’\-]+\s+){0,2}[\w'’\-]+\s*(?:[:?]|\s[\-–—])\s*
        (?:nothing|none|nope|no|nada|rien|nichts|nix|keine?|ninguno|ninguna|nenhum|nenhuma|aucun|non|nein|não|nao)
        (?:\s*[,;]?\s*(?:all\s+good|all\s+fine|alles\s+gut|alles\s+klar|tout\s+va\s+bien|todo\s+bien|tudo\s+certo|tudo\s+bem|for\s+now|por\s+ahora|por\s+enquanto|pour\s+l['’]instant|im\s+moment))?
        \s*(?:[.!]+(?:\s|$)|\W*$)
      # No help needed, in answer to a help question: “no help needed”,
      # “não preciso de ajuda por enquanto”, “pas besoin d'aide”, “no
      # necesito ayuda”, “brauche keine Hilfe”.
      | \bno\s+help\s+needed\b | \b(?:don['’]?t|do\s+not)\s+need\s+(?:any\s+)?help\b | \bn[ãa]o\s+preciso\s+de\s+(?:nenhuma\s+)?ajuda\b | \bpas\s+besoin\s+d['’]aide\b
      | \bno\s+necesito\s+(?:ninguna\s+)?ayuda\b | \bsin\s+necesidad\s+de\s+ayuda\b | \bbrauche\s+(?:\w+\s+)?keine\s+hilfe\b | \bkeine\s+hilfe\s+nötig\b
      # “Nothing slowing me down”: the none word before a slowdown.
      | \b(?:nothing|nichts|nix|rien|nada)\s+(?:is\s+)?(?:slowing\s+(?:me|us)|bremst\s+(?:mich|uns)|(?:ne\s+)?me\s+ralentit|me\s+(?:frena|atrasa|est[áa]\s+atrasando))\b
      # The none word before the state, as a whole answer: “Nix blockiert”,
      # “nada travando”, “nothing stuck”, “rien de coincé”, “nada atascado”.
      | \b(?:nix|nichts)\s+(?:blockiert|hängt|klemmt)\b | \bnada\s+(?:me\s+|nos\s+)?(?:travando|trava|travado|bloqueando|atrapalhando|impedindo|frenando|atascado|bloqueado)\b
      | \brien\s+(?:de\s+)?(?:coincé|bloqué)\b
        ")
});

/// The start of an answer that says "no": a clear phrase anywhere, or a bare
/// "no"/"none" followed by punctuation or filler. A bare word followed by
/// more words ("No access to prod yet") is not a negation.
static NEGATION_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*
        # A softener may open the no: “eigentlich keine”, “actually none”,
        # “en fait rien”, “la verdad nada”, “na verdade nada”.
        (?:(?:actually|honestly|well|eigentlich|ehrlich\s+gesagt|en\s+fait|franchement|bueno|pues|la\s+verdad|en\s+realidad|na\s+verdade)\s*,?\s+)?
        (?:
          (?:no\s+(?:(?:real|hard|major|big|actual|new|current)\s+)?(?:blockers?|blocks|blocking\s+issues|impediments?|issues?|problems?|obstacles?)
            |nothing\s+(?:major|serious|big|significant|critical|urgent|much|new|blocking|that\s+blocks\s+me|special|in\s+particular)|none\s+really|not\s+(?:at\s+the\s+moment|right\s+now|today|anymore|any\s+more)
            |not\s+(?:currently\s+|really\s+)?blocked|nothing\s+(?:is\s+)?blocking(?:\s+me)?
            |nothing\s+to\s+report|not\s+really(?:\s+(?:a\s+)?blockers?)?|all\s+(?:good|clear|fine)|i'?m\s+good|good\s+to\s+go
            |pas\s+de\s+blocages?|aucun\s+blocage|sin\s+bloqueos?|sem\s+bloqueios?|keine\s+(?:blocker|hindernisse)
            |pas\s+de\s+(?:souci|problème|probleme|trouble|pépin)s?|aucun\s+(?:souci|problème|probleme|trouble|pépin)|rien\s+de\s+(?:bloquant|spécial|particulier)|tout\s+va\s+bien|ça\s+va
            |keine\s+(?:probleme|blockaden|blocker)|alles\s+(?:gut|klar|ok)|nichts\s+(?:blockiert|besonderes)
            |ning[uú]n\s+(?:problema|bloqueo)|sin\s+problemas?|todo\s+(?:bien|ok|bem)|nada\s+que\s+(?:reportar|reseñar)
            |nenhum\s+(?:problema|bloqueio)|sem\s+problemas?|tudo\s+(?:certo|tranquilo|ok)|nada\s+a\s+reportar
            |rien\s+qui\s+(?:me|nous)\s+bloque|plus\s+rien|rien\s+pour\s+(?:moi|l['’]instant)|nicht\s+wirklich|no\s+realmente|n[ãa]o\s+realmente
            |pas\s+vraiment
            # “not directly, only …”: a qualified no (a nuisance or a risk follows).
            |not\s+directly|nothing\s+direct(?:ly)?|nicht\s+direkt|nichts\s+direkt|pas\s+directement|rien\s+de\s+direct
            |no\s+directamente|nada\s+directo|n[ãa]o\s+diretamente|nada\s+direto
            |nada\s+(?:de\s+)?(?:especial|grave|serio|sério|importante)|rien\s+de\s+(?:grave|sérieux|important)|nichts\s+(?:ernstes|schlimmes|wildes|wichtiges)
            |(?:blocker|blockers|hindernisse)\s+(?:hab|habe)\s+ich\s+(?:keine|keinen)|(?:blockers?|hindernisse|bloqueos?|bloqueios?|blocages?)\s+(?:\w+\s+)?(?:keiner|keine|none|aucun|ninguno|nenhum)|(?:bloqueos?|impedimentos?)\s+no\s+tengo|(?:bloqueios?|impedimentos?)\s+n[ãa]o\s+tenho
            |sem\s+impedimentos?|nada\s+(?:me\s+)?bloqueando|nada\s+(?:me\s+)?bloquea|nichts\s+blockiert\s+mich|nix\s+blockiert|nada\s+(?:me\s+|nos\s+)?(?:travando|atrapalhando|impedindo|frenando)|aucun\s+bloquant|pas\s+de\s+bloquants?)\b
          # A time or a side said first: “for now, nothing”, “de momento no”,
          # “por enquanto não”, “von mir nichts”, “de mon côté rien”.
          | (?:(?:but|and|aber|und|mais|et|pero|y|mas|e)\s+)?
            (?:(?:for\s+now|right\s+now|today|for\s+today|para\s+hoy|para\s+hoje|pour\s+aujourd['’]hui|für\s+heute|de\s+momento|por\s+ahora|hoy|por\s+enquanto|hoje|pour\s+l['’]instant|pour\s+le\s+moment|aujourd['’]hui|im\s+moment|aktuell|heute
              |from\s+me|on\s+my\s+(?:side|end)|von\s+mir|bei\s+mir|meinerseits|de\s+mon\s+c[ôo]t[ée]|por\s+mi\s+parte|de\s+mi\s+parte|da\s+minha\s+parte|do\s+meu\s+lado
              # The side said in its regional or plural form: “de mon bord”
              # (Québec), “on our end”, “bei uns”, “de nuestro lado”, “do nosso lado”.
              |de\s+(?:mon|notre)\s+bord|de\s+notre\s+c[ôo]t[ée]|on\s+our\s+(?:side|end)|bei\s+uns|de\s+nuestro\s+lado|do\s+nosso\s+lado|da\s+nossa\s+parte)\s*,?\s*)?
            (?:ya\s+no|já\s+não|nicht\s+mehr|plus\s+maintenant|not\s+any\s?more|no\s+longer|tampoco|non\s+plus|auch\s+nicht|também\s+não|me\s+neither|neither
            |not\s+yet|noch\s+nicht|pas\s+encore|todav[ií]a\s+no|a[úu]n\s+no|ainda\s+n[ãa]o
            |none|nope|nah|nö|nee|no|nothing|n/?a|nil|nada|zero|-+|—|–|rien|aucun|nichts
            # Regional forms of the “no”: “pantoute” (Québec), “nüscht”/“nischt”
            # (east German), “nadinha”, “nothin'”.
            |(?:pas\s+)?pantoute|nüscht|nischt|nadinha|nothin['’]?|ninguno|nenhum|keine|keiner|kein|nix|nein|non|ras|ninguna|nenhuma|niente|não|nao|pas|nirgends|nirgendwo|nowhere)
            (?:\s+(?:mehr|más|mais|n[ãa]o|anymore|today|so\s+far|for\s+now|atm|at\s+the\s+moment|right\s+now|currently|here|yet|really|thanks|at\s+all|from\s+me|on\s+my\s+(?:side|end)|from\s+my\s+(?:side|end)|on\s+my\s+part
              |all\s+(?:good|fine|clear)|alles\s+(?:gut|klar|ok)|todo\s+(?:bien|ok)|tudo\s+(?:certo|bem|ok)|tout\s+(?:va\s+bien|est\s+bon)
              |pour\s+l['’]instant|pour\s+le\s+moment|aujourd['’]hui|de\s+mon\s+c[ôo]t[ée]|merci|pour\s+moi
              |f[üu]r\s+heute|im\s+moment|aktuell|momentan|gerade|heute|danke|bei\s+mir
              |por\s+ahora|por\s+el\s+momento|de\s+momento|hoy|gracias|por\s+mi\s+parte|por\s+mi\s+lado|de\s+mi\s+(?:parte|lado)
              |por\s+enquanto|por\s+agora|no\s+momento|hoje|valeu|obrigad[oa]|da\s+minha\s+parte|do\s+meu\s+lado|por\s+aqui
              |de\s+ma\s+part|von\s+mir|meinerseits|von\s+meiner\s+seite
              # Whose side, in regional or plural form, or for whom: “aucun de
              # mon bord”, “nothing for me”, “nichts für mich”, “nada para mí”,
              # “nada pra mim”, “rien de notre côté”, “nada do nosso lado”.
              |de\s+(?:mon|notre)\s+bord|de\s+notre\s+c[ôo]t[ée]|on\s+our\s+(?:side|end)|from\s+our\s+(?:side|end)|bei\s+uns|von\s+uns|de\s+nuestro\s+lado|por\s+nuestra\s+parte|do\s+nosso\s+lado|da\s+nossa\s+parte
              |for\s+me|for\s+us|f[üu]r\s+mich|f[üu]r\s+uns|para\s+m[ií]|para\s+nosotros|pra\s+mim|para\s+mim|pour\s+nous))*
            \s*(?:$|[,.;:!)(/\-–—]|\p{So})
          # The question's word echoed, then the no: “stuck no, only too
          # many emails”, “blockers no”, “bloqueos no”, “blocage non”,
          # “bloqueios não”, “blockiert nein”.
          | (?:blockers?|blocked|stuck|impediments?|bloqueos?|bloquead[oa]s?|impedimentos?|bloqueios?|travad[oa]s?|blocages?|bloqu[ée]e?s?|blockiert|blocker|hindernisse)
            \s+(?:no|nope|non|nein|n[ãa]o)\s*(?:$|[,.;:!)\-–—]|\p{So})
        )(.*)$",
    )
    .unwrap()
});

/// "…, but X": what follows a negation and still reports a problem.
static BUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s,.;:!\-–—]*(?:but|except|though|although|however|pero|mais|aber|(?:only|just|nur|solo|só|sauf|except|excepto|salvo|exceto|ausser|außer)\s+(?:that|dass|que|qu['’]))\b[\s,:]*(.*)$",
    )
    .unwrap()
});

/// Words that report something broken or missing: after "none, but" they
/// still make a blocker ("none, but the staging DB is down"); a heads-up
/// without them does not ("none, but I'm out on Friday").
static PROBLEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:down|broken|failing|fails|failed|flaky|slow|missing|expired|errors?|outage|crash\w*|timeouts?|[45]\d\d|not\s+working|doesn['’]?t\s+work|no\s+access|lost|overloaded|full
        |kaputt|ausgefallen|fehlt|langsam|cassée?s?|en\s+panne|manque|lent|caíd[oa]|roto|falla|lento|fora\s+do\ar|quebrad[oa]|falhando|faltando)\b",
    )
    .unwrap()
});

/// Whether the only trouble a text names is slowness ("none, but Figma
/// is very slow today"), or none: slowness costs time, it stops nobody.
fn slows_down_at_most(text: &str) -> bool {
    static SLOW: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(?:slow|langsam|lent|lento)$").unwrap());
    PROBLEM.find_iter(text).all(|m| SLOW.is_match(m.as_str()))
}

/// A risk, not a blocker: "none, but the launch might slip if legal is late".
static RISK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:might|may|could|risk\w*|slip\w*|if|pourrait|risque|glisser|si|könnte|falls|riesgo|podría|igual\s+no|pode|poderia|escorregar|atrasar|sometimes|occasionally|manchmal|parfois|a\s+veces|às\s+vezes
        |heads[-\s]?up|fyi|pour\s+info|à\s+surveiller|zur\s+info|vorwarnung|un\s+aviso|s[óo]\s+avisando|fica\s+o\s+aviso)\b",
    )
    .unwrap()
});

/// A statement that a blocker is gone. Deliberately narrow: "waiting on Bob
/// to get the conflict resolved" must stay a blocker, so a bare "resolved"
/// only counts after punctuation or with "now"/"it's".
static RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
    big(r"(?ix)
        \bunblocked\b
      | \bno\s+longer\s+(?:blocked|stuck|waiting|an?\s+(?:issue|blocker|problem))\b
      | \b(?:resolved|fixed|sorted|solved|cleared)\s+now\b
      | \bnow\s+(?:resolved|fixed|sorted|solved|unblocked)\b
      | \b(?:it's|it’s|it\s+is|it\s+was|that's|that\s+is|this\s+is|issue\s+is|blocker\s+is|problem\s+is|has\s+been|have\s+been|got\s+it|all)\s+(?:been\s+)?(?:resolved|fixed|sorted(?:\s+out)?|solved|cleared)\b
      | (?:^|[,;(\-–—:]\s*)(?:resolved|fixed|solved|sorted)\b
      | \b(?:fixed|solved|sorted|resolved)\s+(?:it|that|this)\b
      | \b(?:figured|worked|sorted)\s+(?:it|that|this)\s+out\b | \b(?:worked|working|work)\s+around\s+(?:it|that|this)\b | \b(?:have|got|found)\s+a\s+workaround\b
      | \bgot\s+(?:it|that|this)\s+working\b | \bworking\s+again\b
      | \b(?:it's|it’s|its|it\s+is|is|are|was)\s+back\s+(?:up|online|to\s+normal)\b
      | \bfor\s+unblocking\s+(?:me|us)\b
      | \bnot\s+(?:a\s+)?(?:blocker|issue|problem)\s+any\s?more\b
      | \b(?:got|have|received)\s+(?:the\s+)?(?:access|approval|credentials|creds|permissions?)\s+now\b
      | \bnow\s+(?:it\s+)?works\b | \b(?:it['’]?s|its|it\s+is|all)\s+fine\s+now\b | \bso\s+now\s+(?:it['’]?s|its|it\s+is)\s+(?:fine|ok|okay|good)\b
      | \bj[áa]\s+voltou\b | \bya\s+volvi[óo]\b | \b(?:c['’]est|est)\s+revenu | \bist\s+wieder\s+da\b | \b(?:portanto|então|entao|donc|du\s+coup|por\s+lo\s+tanto|así\s+que|asi\s+que|entonces|also|so|daher)\s+(?:nada|rien|nichts|nothing|none|keine|keiner|ninguno|nenhum|aucun|ok|okay)(?:\s+(?:blocking|to\s+report|for\s+me|any\s?more|here|mehr|plus|más|mais|bloquant))?\s*(?:$|[.,;!)]|\p{So})
      | \bnow\s+(?:(?:is|it['’]?s|it\s+is|all)\s+)?(?:ok|okay|fine|good)\b | \b(?:also|so|donc|du\s+coup|entonces|así\s+que|então|daher|já|ya)\s+(?:(?:it['’]s|is|ist|est|c['’]est|está|esta|tá|ta|es)\s+)?(?:alles\s+(?:gut|ok)|all\s+(?:good|ok)|tout\s+(?:va\s+bien|est\s+bon|est\s+ok)|todo\s+(?:bien|ok)|tudo\s+(?:certo|ok|bem))\b
      | \b(?:running|working)\s+again\b
      | \ball\s+good\s+now\b | \bignore\s+my\s+blocker\b | \b(?:is|are)\s+back\b | \bc['’]est\s+bon\b | \bturned\s+out\b | \bit['’]?s\s+going\s+now\b | \bläuft\s+jetzt\b
      | \b(?:they|he|she|we|i|<@[UW][A-Z0-9]+(?:\|[^>]*)?>)\s+(?:just\s+|already\s+)?(?:fixed|resolved|solved|sorted)\b
      | \bj[áa]\s+(?:\w+\s+)?resolv\w+ | \bya\s+(?:lo|la|los|las)\s+arregl\w+
      | \bfalse\s+alarm\b | \bfalsa\s+alarma\b | \bfausse\s+alerte\b | \bfehlalarm\b | \balarme\s+falso\b
      | \b(?:finally|endlich|enfin|por\s+fin|finalmente)\b[^.!?]{0,40}?\b(?:got|received|arrived|came|kam|gekommen|erhalten|bekommen|reçu|eu|llegaron|lleg[óo]|recib[ií]|recebi|chegou|chegaram)\b
      | \b(?:c['’]est|est|sont|tout\s+est)\s+(?:\w+\s+)?réglée?s?\b
      | \bdébloqué | \brésolu\b | \bdesbloquead[oa] | \bresuelto\b | \bya\s+funciona\b | \bresolvido\b | \bgelöst\b | \berledigt\b
        ")
});

/// Thanks after a "no blockers": "none, but thanks <@U2> for the help!".
static THANKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:<@[^>]+>[\s,]*)*(?:thanks|thank\s+you|thx|ty|kudos|shout-?out|props|merci|gracias|danke|obrigad[oa])\b")
        .unwrap()
});

/// A subordinate clause that names a topic rather than the author's state:
/// "investigate why jobs get stuck", "the bug where checkout got stuck".
static TOPIC_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    big(
        r"(?i)\b(?:why|whether|where|how\s+come|how\s+to|wie\s+man|cómo|pourquoi|warum|wieso|weshalb|por\s+qu[ée]|porque|por\s+que)\b[^,;.!?]*|\b(?:fix|bug|issue|ticket)\s+(?:for|with|about)\b[^,;.!?]*|\b(?:if|si|wenn|falls|se)\s+[^,;.!?]{0,40}?\b(?:coince|bloque|stuck|blocked|hakt|trava|atasca)\w*",
    )
});

/// Things, not people, that are stuck: the work being described ("the DAG
/// that stays blocked in `queued`", "os testes ficam travados", "jobs get
/// stuck in `pending`", "status: waiting for customer"). Read before quotes
/// are dropped, so "stuck in `pending`" is still seen as a state.
static THING_STATE: LazyLock<Regex> = LazyLock::new(|| {
    big(r"(?ix)
        \b(?:reste|restent|restait|restaient|resté|restée|restés|restées|ficam|ficavam|fica|ficou|ficaram|se\s+quedan|se\s+queda|se\s+quedaban|get|gets|got|getting|keeps?\s+getting|remains?|sitzen|bleiben|bleibt)
          \s+(?:\w+\s+){0,2}?(?:stuck|bloqu\w*|coinc\w*|travad\w*|atascad\w*|blockiert|h[äa]ngen|esperando|aguardando|waiting)\b[^,;.!?]*
      | \b(?:stuck|bloqu[ée]e?s?|coinc[ée]e?s?|travad[oa]s?|atascad[oa]s?|bloquead[oa]s?)\s+(?:in|en|em|dans|na|no)\s+(?:(?:the|le|la|les|el|los|o|a|status|statut|estado)\s+)*[`'\x22«„“][^,;.!?]*
      | \bstatus\s*:?\s*['‘’\x22“]?\s*(?:waiting|blocked|on\s+hold)[^,;.!?)]*
      | \b(?:jira|linear|asana|trello)\b[^,;.!?]{0,50}?\b(?:blocked|bloqu\w*|blockiert|travad\w*)\b[^,;.!?]*
      | \b(?:as|como|comme|als|auf)\s+(?:blocked|bloqu\w*|blockiert|travad\w*)\b[^,;.!?]{0,20}?\b(?:jira|linear|asana|trello)\b[^,;.!?]*
      | \b[a-z]{2,}-\d+\b[^,;.!?]{0,50}?\b(?:blocked|bloqu\w*|blockiert|travad\w*)\b[^,;.!?]*
      | \b(?:blocked|bloqu\w*|blockiert|travad\w*)\W{0,3}\s*(?:in|en|em|no|na|im|dans|sur|on)\s+(?:jira|linear|asana|trello|github|gitlab|youtrack|clickup)\b
      | \bje\s+(?:te\s+|vous\s+)?bloque\s+(?:le|la|les|un|une|mon|ma|mes)\b[^,;.!?]*
      | \b(?:the|these|those)\s+(?:stuck|blocked|hanging)\s+[a-z][\w-]*
      | \b(?:os|as|los|las|les)\s+[\w-]+\s+(?:travad|bloquead|atascad|bloqu|coinc|colgad)\w*
      | \b(?:die|den|der|das)\s+(?:hängenden|blockierten|festhängenden)\s+[\w-]+
      | \bwaiting\s+for\s+upstream\b
      | \b(?:shows?|showing|shown|marked|flagged|listed|appears?|displayed|aparece|figura|marcad[oa]|t[áa]|est[áa]|steht|apparaît|marquée?)\s+(?:up\s+)?(?:as|como|comme|als|auf)\s+[«\x22'“‘]?\s*(?:blocked|bloqu\w*|blockiert|travad\w*|on\s+hold)\b[^,;.!?]*
      | \b(?:stuck|blocked)\s+(?:[\w-]+\s+)?(?:jobs?|builds?|pods?|payments?|orders?|messages?|tickets?|queues?|deploys?|deployments?|pipelines?|tests?|transactions?|requests?|workers?|consumers?|migrations?|users?|accounts?|list|ips?|cards?|domains?|emails?|numbers?|state|status|flag)\b
      | \b(?:will|['’]ll|might|may|could|going\s+to|probably|eventually)\s+(?:\w+\s+)?(?:need|be\s+waiting|be\s+blocked|be\s+stuck|wait)\b[^,;.!?]*
      | \b(?:status|estado|statut|en\s+estado|em\s+estado)\s*[:«\x22]?\s*(?:esperando|aguardando|en\s+attente|waiting|blocked|bloqu\w*|pendiente|pendente)[^,;.!?]*
      | \b(?:tickets?|pedidos?|chamados?|orders?|casos?|tareas?|tarefas?|demandes?|commandes?|dossiers?|anträge|bestellungen)\s+(?:\w+\s+){0,3}?(?:est[áa]n?|estão|fica[mn]?|sigue[n]?|segue[m]?|is|are|est|sont|reste(?:nt)?|ist|sind)?\s*(?:\w+\s+)?(?:esperando|aguardando|em\s+espera|en\s+espera|en\s+attente|pendientes?|pendentes?|waiting|on\s+hold|bloqu\w*|blockiert)[^,;.!?]*
      | \b(?:tasks?|jobs?|tests?|pods?|orders?|tickets?|messages?|queries|sensors?)\s+(?:is|are|was|were|keeps?)\s+(?:still\s+)?(?:waiting|stuck|blocked)\b[^,;.!?]*
        ")
});

/// A sentence about someone else's blocker, not the author's: a question
/// to them ("<@U1> are you still blocked on the DB?", "tu es toujours
/// bloqué ?") or a report on them ("<@U2> is waiting on my review", "she's
/// stuck on the VPN").
static ABOUT_SOMEONE_ELSE: LazyLock<Regex> = LazyLock::new(|| {
    big(r"(?ix)
        \b(?:are|were|is)\s+you\b[^?]*\?\s*$ | \byou(?:'re|’re|\s+are)\s+(?:still\s+)?(?:blocked|stuck|waiting)\b[^?]*\?\s*$
      | \b(?:tu\s+es|vous\s+êtes|est-ce\s+que\s+tu|bist\s+du|seid\s+ihr|estás|están|você\s+está|tá)\b[^?]*\?\s*$
      | (?:^\W*|[,;:]\s*)(?:(?:but|mais|pero|mas|aber|y|e|et|und)\s+)?(?:(?:the|le|la|el|o|a|der|die)\s+)?(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>|he|she|they|il|elle|ils|elles|er|sie|él|ella|ellos|ele|ela|eles)\s*
          (?:is|was|are|were|'s|’s|'re|’re|est|était|sont|étaient|ist|war|sind|waren|está|estaba|están|estaban|estão|estava|tá)\s+(?:still\s+|toujours\s+|noch\s+|todavía\s+|ainda\s+)?
          (?:blocked|waiting|stuck|bloqu|coinc|blockiert|esperando|à\s+espera|travad|atascad)
      | \b(?:team|équipe|equipo|equipa|time|squad|customer|client|cliente|kunde|compliance)(?:\s+(?:de|of|du|da|do|von)\s+[\w-]+)?\s+(?:is|are|was|were|est|sont|était|ist|sind|war|está|están|estaba|estão|estava|tá)\s+(?:still\s+|toujours\s+|noch\s+|todavía\s+|ainda\s+)?
          (?:blocked|waiting|stuck|bloqu|coinc|blockiert|esperando|à\s+espera|travad|atascad)
      | \b(?:team|équipe|equipo|equipa|compliance|kunde|client|cliente|customer)\s+(?:wartet|attend|espera|waits)\b
      | \b(?:told\s+me|tells\s+me|said|says|mentioned|m['’]a\s+dit|me\s+dijo|me\s+disse|hat\s+gesagt|sagt)\s+(?:that\s+|que\s+|qu['’]|dass\s+)?
          (?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>|he|she|they|il|elle|él|ella|ele|ela|er|sie)\s*(?:is|was|are|'s|’s|est|était|está|estaba|estava|ist|war)\s+(?:still\s+)?(?:blocked|waiting|stuck|bloqu|blockiert|travad|atascad)
        ")
});

/// A clause that speaks of what may happen, not of now: "maybe we will be
/// blocked later", "si no nos dan acceso … quizá nos bloquee", "might slip
/// if legal is late". A blocker is the author's state now; a risk is not.
static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    big(
        r"(?ix)\b(?:if|unless|maybe|might|perhaps|possibly|eventually|later
        |risk(?:s|ing)?\s+(?:being|getting|to\s+be)|risqu(?:e|ons|ent)\s+d['’]être|riesgo\s+de\s+(?:quedar|estar)|arriesgamos\s+a\s+(?:quedar|estar)
        |risco\s+de\s+(?:ficar|estar)|arriscamos\s+(?:a\s+)?(?:ficar|estar)|droht|drohen
        |falls|vielleicht|eventuell|irgendwann|könnte|könnten|würde|würden
        |si\s+(?:no|jamais|le|la|les|l['’]|un|une|on|nous|ça)|peut-être|pourrait|pourraient|pourrions|éventuellement
        |si\s+(?:no|el|la|los|las|un|una)|si\s+[\w-]+\s+(?:no|ne|n['’])
        |si\s+(?:mañana|demain|hoy|d['’]ici|para\s+(?:el|la|mañana)|todav[ií]a|a[úu]n|sigue|siguen|toujours)|se\s+(?:amanhã|hoje|até|ainda|continuar)|quizá[s]?|tal\s+vez|a\s+lo\s+mejor|podría|podríamos|podrían
        |se\s+(?:não|a|o|os|as|um|uma|eu|ele|ela|a\s+gente|você|isso)|se\s+[\w-]+\s+n[ãa]o|talvez|poderia|poderíamos|pode(?:mos|m)?\s+ficar
        # A wait that only begins on a day ahead (“from Thursday we are
        # blocked”, “ab Montag stehen wir”, “à partir de jeudi”, “a partir
        # del lunes”, “a partir de quinta”) is a risk today.
        # Only the day that opens the state itself counts: “starting Monday”
        # of new staff, or “demurrage from tomorrow”, names no wait.
        |(?:from\s+(?:tomorrow|next\s+week|(?:mon|tues|wednes|thurs|fri|satur|sun)day)
        |ab\s+(?:morgen|nächste[rn]?\s+woche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)
        |à\s+partir\s+de\s+(?:demain|la\s+semaine\s+prochaine|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)
        |a\s+partir\s+(?:de\s+|del\s+|da\s+|do\s+)?(?:mañana|amanhã|la\s+semana\s+que\s+viene|la\s+próxima\s+semana|próxima\s+semana|lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda|terça|quarta|quinta|sexta))
          \s+(?:[\w'’]+\s+){0,3}?(?:blocked|stuck|blockiert|bloqu\w*|coinc\w*|parad\w*|travad\w*|atascad\w*)
        # Blocked in the future tense: “I'll be stuck”, “je serai bloqué”,
        # “estaré parado”, “vou ficar travado”, “dann werde ich blockiert”.
        |(?:i|we)['’]ll\s+be\s+(?:blocked|stuck)|(?:i|we)\s+will\s+be\s+(?:blocked|stuck)
        |(?:serai|sera|serons|seront)\s+(?:\w+\s+)?(?:bloqu|coinc)\w*
        |(?:estaré|estaremos|voy\s+a\s+estar|vamos\s+a\s+estar|me\s+voy\s+a\s+quedar|nos\s+vamos\s+a\s+quedar)\s+(?:\w+\s+)?(?:bloquead|parad|atascad|frenad)\w*
        |(?:vou|vamos|irei|iremos)\s+ficar\s+(?:\w+\s+)?(?:bloquead|parad|travad)\w*|(?:ficarei|ficaremos)\s+(?:\w+\s+)?(?:bloquead|parad|travad)\w*
        |(?:werde|werden)\s+(?:ich\s+|wir\s+)?(?:\w+\s+)?(?:blockiert|festhängen|feststecken))\b[^,;.!?]*",
    )
});

/// The text without its hypothetical clauses. A clause joined on with a
/// word of persistence is a fact again, not part of the condition: "I
/// asked <@U2> if product wants it in this release and still he didn't
/// answer", "si le sirve o no, y todavía no contesta".
fn actual(text: &str) -> String {
    static STILL_TURN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:and|but|so|y|pero|e|mas|et|mais|und|aber)\s+(?:still|yet|todav[ií]a|a[úu]n|ainda|toujours|noch|immer\s+noch)\b",
        )
        .unwrap()
    });
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in HYPOTHETICAL.find_iter(text) {
        let end = STILL_TURN
            .find(m.as_str())
            .map_or(m.end(), |t| m.start() + t.start());
        out.push_str(&text[last..m.start()]);
        out.push(' ');
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// A sentence that says its author is blocked: a blocker phrasing outside
/// quotes, topic and hypothetical clauses, and no denial.
pub(crate) fn has_blocker_phrase(text: &str) -> bool {
    // Emphasis hides a status from the rules ("steht in Jira auf
    // _blockiert_"); backticks stay, they mark a state ("stuck in `queued`").
    static EMPHASIS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(^|[\s(])[*_~]+|[*_~]+($|[\s).,;:!?])").unwrap());
    let text = EMPHASIS.replace_all(text, "$1$2");
    let text = THING_STATE.replace_all(&text, " ");
    let text = clause::RELATIVE_STATE.replace_all(&text, " ");
    let text = actual(&text);
    let text = plain(&unquoted(&text));
    if is_about_someone_else(&text) {
        return false;
    }
    let statement = TOPIC_CLAUSE.replace(&text, "");
    // "Waiting for CI, meanwhile I review the PR": a wait on a machine's
    // run (CI, a build, a backfill) that the author works through is no
    // blocker. A wait on people ("waiting for <@U2>'s approval, meanwhile
    // unit tests", "j'attends les accès de la sécu, en attendant …") is.
    let working_on = CARRY_ON.is_match(&statement);
    let said = BLOCKER_PHRASE.find_iter(&statement).any(|m| {
        let c = clause_at(&statement, m.start());
        let worked_through =
            working_on && WAIT.is_match(m.as_str()) && PROCESS.is_match(c) && !MENTION.is_match(c);
        !(clause::is_over(c)
            || clause::others_state(c, m.as_str())
            || others_state_before(&statement[..m.start()], m.as_str())
            || worked_through)
    }) || no_answer(&statement)
        || clause::cannot_proceed(&statement);
    said && !SENTENCE_NEGATION.is_match(&text)
}

/// A state phrase whose subject, right before it, is someone else, even
/// inside a clause that the clause splitter keeps whole: “can you take
/// over the suite while she's stuck on Android?”, “parce qu'il est
/// bloqué”, “weil er noch wartet auf”, “porque ella está esperando”.
fn others_state_before(before: &str, phrase: &str) -> bool {
    static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)(?:\b(?:he|she|they|il|elle|ils|elles|er|sie|él|ella|ellos|ellas|ele|ela|eles|elas)|<@[UW][A-Z0-9]+(?:\|[^>]*)?>)\s*
            (?:is|was|are|were|['’]s|['’]re|est|était|sont|étaient|ist|war|sind|waren|está|estaba|están|estaban|estão|estava|tá)\s+
            (?:still\s+|toujours\s+|noch\s+|todav[ií]a\s+|ainda\s+)?$",
        )
        .unwrap()
    });
    static STATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:blocked|stuck|waiting|held\s+up|on\s+hold|bloqu|blockiert|coinc|esperando|aguardando|à\s+espera|en\s+attente|travad|atascad|parad)").unwrap()
    });
    SUBJECT.is_match(before) && STATE.is_match(phrase.trim())
}

/// The clause of `sentence` that holds the byte at `at`.
fn clause_at(sentence: &str, at: usize) -> &str {
    clause::clauses(sentence)
        .into_iter()
        .find(|c| {
            let start = c.as_ptr() as usize - sentence.as_ptr() as usize;
            start <= at && at < start + c.len().max(1)
        })
        .unwrap_or(sentence)
}

/// A sentence about another person's or team's blocker ("<@U2> was
/// blocked on the VPN", "the marketing team is blocked on …").
fn is_about_someone_else(text: &str) -> bool {
    ABOUT_SOMEONE_ELSE.is_match(&plain(text))
}

/// Whether a text tells of a problem: a blocker phrasing, or something
/// broken or missing ("yes, the workspace is down").
pub(crate) fn reports_problem(text: &str) -> bool {
    has_blocker_phrase(text) || PROBLEM.is_match(&plain(text))
}

/// Whether a sentence says a blocker is gone. A "fixed" inside a condition
/// ("stuck until it's fixed", "bis es behoben ist", "hasta que esté
/// resuelto") is what the author waits for, not news.
pub(crate) fn is_resolved(text: &str) -> bool {
    let text = plain(text);
    RESOLVED.is_match(&without_conditions(&text))
        || arrived_after_all(&text)
        || over_and_turned(&text)
}

/// The text without its conditions: "stuck until it's fixed", "update
/// the sheet once the probe is back", "bis es behoben ist", "hasta que
/// esté resuelto" name what is awaited, they bring no news of it.
pub(crate) fn without_conditions(text: &str) -> String {
    static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:until|till|unless|once|bis|sobald|jusqu['’]à\s+ce\s+que|tant\s+que|hasta\s+que|até\s+que|dès\s+que|une\s+fois\s+que|en\s+cuanto|assim\s+que)\b[^,;.!?]*",
        )
        .unwrap()
    });
    CONDITION.replace_all(text, " ").into_owned()
}

/// A wait told in the past, then the turn: "I was stuck on the DB but …",
/// "estaba esperando el review de <@U2> pero me lo aprobó", "j'attendais le
/// justificatif, mais je viens de le recevoir", "War bis gestern ohne
/// Zugang, aber …", or, without a "but", what was awaited arrived
/// ("estava esperando o extrato, chegou agora de manhã"). The part after
/// the turn must not hold the author up again ("… but now I'm waiting on
/// QA").
fn over_and_turned(text: &str) -> bool {
    static PAST_WAIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:i\s+was|we\s+were|was|were|had\s+been|war|waren|hing|j['’]étais|étais|était|estaba|estábamos|estuve|estava|estávamos|tava|tavam|fiquei|ficou|hätte)\b[^.!?]{0,40}?
              \b(?:blocked|stuck|waiting|blockiert|angewiesen|fest|bloqu\w*|travad\w*|atascad\w*|parad[oa]s?|esperando|aguardando|à\s+espera|en\s+attente|without|ohne|sans|sin|sem)\b
            | \b(?:esperaba|esperábamos|esperaban|aguardava|aguardávamos|esperava|attendais|attendait|attendions|wartete|warteten)\b",
        )
        .unwrap()
    });
    static TURN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:but|though|however|aber|doch|mais|pero|mas)\b").unwrap()
    });
    // What was awaited came: "chegou agora", "llegó ayer", "it arrived",
    // "ist heute gekommen", "est arrivé".
    static CAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:arrived|came\s+(?:in|through)|landed|chegou|chegaram|llegó|llegaron|lleg[óo]|kam|kamen|(?:ist|sind)\s+(?:\w+\s+){0,3}?(?:da|gekommen|angekommen)|(?:est|sont)\s+arrivée?s?|reçue?s?|recebi|recibí)\b",
        )
        .unwrap()
    });
    let Some(m) = PAST_WAIT.find(text) else {
        return false;
    };
    let rest = &text[m.end()..];
    let tail = match TURN.find(rest) {
        Some(t) => &rest[t.end()..],
        None => match CAME.find(rest) {
            Some(c) => &rest[c.start()..],
            None => return false,
        },
    };
    !holds_up(tail)
}

/// "J'attendais ses retours, mais il me les a envoyés ce matin", "ayer no
/// podía entrar, pero <@U2> me dio acceso": the turn of the sentence says
/// what was awaited has reached the author, and nothing after it says
/// they are still held up.
fn arrived_after_all(text: &str) -> bool {
    contrast_tail(text)
        .is_some_and(|tail| ARRIVED.is_match(tail) && !NEGATED.is_match(tail) && !holds_up(tail))
}

/// What follows the first "but" of a sentence ("aber", "mais", "pero",
/// "mas"), if it has one.
fn contrast_tail(text: &str) -> Option<&str> {
    static CONTRAST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:but|though|however|aber|mais|pero|mas)\b").unwrap());
    CONTRAST.find(text).map(|m| &text[m.end()..])
}

/// Something awaited given or sent to the author: "gave me access", "il
/// me les a envoyés", "me dio acceso", "hat mir den Zugang gegeben", "me
/// mandou as credenciais", "<@U2> published it".
static ARRIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          \b(?:gave|sent|granted|shared|published|approved|merged|delivered|fixed|opened|enabled)\s+(?:it\s+|them\s+)?(?:to\s+)?(?:me|us|it|them)\b
        | \b(?:it|they)\s+(?:arrived|landed|came\s+(?:in|through))\b
        | \b(?:me|nos)\s+(?:lo\s+|la\s+|los\s+|las\s+)?(?:dio|dieron|mandó|mandaron|envió|enviaron|pasó|pasaron|compartió|compartieron|habilitó|activó|arregló|consiguió|consiguieron)\b
        | \b(?:me|nous)\s+(?:l[ae]s?\s+|l['’]|en\s+)?(?:a|ont)\s+(?:\w+\s+)?(?:donnée?s?|envoyée?s?|transmise?s?|partagée?s?|ouvert|accordée?s?)
        | \bm['’](?:a|ont|en\s+a|en\s+ont)\s+(?:\w+\s+)?(?:donnée?s?|envoyée?s?|transmise?s?|partagée?s?|ouvert|accordée?s?)
        | \b(?:hat|haben)\s+(?:es\s+|sie\s+)?(?:mir|uns)\s+(?:\w+\s+){0,3}?(?:gegeben|geschickt|freigegeben|gesendet|freigeschaltet|eingerichtet)\b
        | \b(?:me|nos)\s+(?:deu|deram|mandou|mandaram|enviou|enviaram|passou|passaram|liberou|liberaram|compartilhou)\b
        ",
    )
    .unwrap()
});

/// A negator: "nobody gave me access" is no arrival.
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:not|no|never|nobody|nothing|ne|pas|jamais|personne|nicht|kein\w*|nie|niemand|não|nao|nunca|nadie|ningu[ée]m)\b|\bn['’]|n['’]t\b",
    )
    .unwrap()
});

/// An answer that waits while the author works on ("waiting for CI,
/// meanwhile I review the PR") and says nothing else that holds them up.
fn worked_through(item: &str) -> bool {
    let text = plain(item);
    CARRY_ON.is_match(&text) && !holds_up(&text)
}

/// Something in the text still holds its author up: a blocker phrasing,
/// or an inability of theirs now ("I can't test anything").
fn holds_up(text: &str) -> bool {
    has_blocker_phrase(text) || clause::own_inability(text)
}

/// The author goes on with other work: "meanwhile", "mientras tanto",
/// "mache solange", "arbeite aber parallel", "en attendant", "enquanto
/// isso", "sigo trabalhando".
static CARRY_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:meanwhile|in\s+the\s+meantime|in\s+parallel|while\s+(?:i|we)\s+wait
        |mientras\s+tanto|en\s+paralelo|mientras\s+(?:espero|esperamos)
        |in\s+der\s+zwischenzeit|zwischenzeitlich|währenddessen|(?:arbeite|arbeiten|mache|mach|machen)\s+(?:ich\s+|wir\s+)?(?:aber\s+|dann\s+|halt\s+|so\s+)?(?:solange|parallel|nebenbei|inzwischen|weiter)
        |pendant\s+ce\s+temps|en\s+parallèle|en\s+attendant\s*[,:]|en\s+attendant\s+(?:je|j['’]|on|nous)
        |enquanto\s+isso|nesse\s+meio\s+tempo|neste\s+meio\s+tempo|em\s+paralelo|enquanto\s+(?:espero|esperamos|aguardo)
        |sigo\s+(?:trabajando|trabalhando|avanzando|avançando|con|com)|sigo\s+a\s+trabalhar|continuo\s+(?:trabalhando|a\s+trabalhar|avançando)
        |(?:keep|keeping|carry\s+on|carrying\s+on)\s+(?:working|with)|je\s+continue\s+(?:à|a|sur|avec|de|le|la|les)|arbeite\s+(?:\w+\s+)?weiter)\b",
    )
    .unwrap()
});

/// A run of a machine, what one waits out: CI, a build, a pipeline, a
/// backfill, a job, a test suite, a deploy, a migration, a sync.
static PROCESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:ci|builds?|pipelines?|backfills?|jobs?|runs?|tests?|test\s+suite|deploys?|deployments?|rollouts?|migrations?|imports?|exports?|syncs?|re-?index\w*|training|renders?|scans?|nightly|workflows?|dags?|batch\w*|etl|cron\w*|canary
        |läufe?|durchlauf|despliegues?|pruebas|compilaci[oó]n|carga|entrenamiento|sincronizaci[oó]n|migraci[oó]n
        |compilação|implantação|testes|treino|treinamento|migração|sincronização
        |compilation|déploiement|migration|synchro\w*|entraînement)\b",
    )
    .unwrap()
});

/// A mention of a member.
static MENTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<@[UW][A-Z0-9]+").unwrap());

/// A wait, as a blocker phrasing starts: what a "meanwhile" answers.
static WAIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:still\s+)?(?:waiting|awaiting|warte|warten|esperando|aguardando|j['’]attends|en\s+attente|à\s+espera|sigo\s+esperando)").unwrap()
});

/// What is left of an answer after a leading "no blockers": `None` when it
/// does not start with a negation.
pub(crate) fn after_negation(text: &str) -> Option<String> {
    // An emoji header (":no_entry: none") labels the answer; it is not
    // part of it.
    static EMOJI_LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?::[a-z0-9_+\-]+:\s*|(?:blocked|bloqu[ée]e?s?|blockiert|bloquead[oa]s?|travad[oa]s?)\s*[:?]\s*)+").unwrap()
    });
    // Any short label echoed before the answer ("slowing me down: nothing
    // really, …", "Hängt: nix, …") is the question's, not the answer.
    static LABEL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?::[a-z0-9_+\-]+:\s*)?(?:[\w'’\-]+\s+){0,2}[\w'’\-]+\s*(?::|\s[\-–—])\s*")
            .unwrap()
    });
    let text = plain(text);
    let text = EMOJI_LEAD.replace(&text, "");
    let rest = |c: regex::Captures<'_>| c.get(1).map_or("", |m| m.as_str()).trim().to_string();
    if let Some(c) = NEGATION_START.captures(&text) {
        return Some(rest(c));
    }
    // Behind a label the engine does not know ("T: nothing new, I'm stuck
    // on the VPN"), a "no" is only taken when nothing after it holds the
    // author up.
    NEGATION_START
        .captures(&text[LABEL_LEAD.find(&text)?.end()..])
        .map(rest)
        .filter(|r| !has_blocker_phrase(r))
}

/// How an item says its author is not blocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Denial {
    /// They take a blocker back: "so I'm not blocked anymore", "ignore my
    /// blocker", "plus rien qui bloque de mon côté".
    Withdrawn,
    /// A plain "no" ("B: none"): it outweighs blocker words read earlier
    /// that name nobody ("T: waiting for reviews"), not a wait on a named
    /// teammate ("stuck until <@U5> signs off").
    No,
}

/// Whether an item says its author is not blocked (any more).
pub(crate) fn denial(item: &str) -> Option<Denial> {
    static WITHDRAWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?ix)\bignore\s+my\s+blocker|\bnot\s+(?:blocked|stuck)\s+any\s?more\b|\bplus\s+rien\s+qui\s+(?:me\s+)?bloque|\bno\s+longer\s+(?:blocked|stuck|waiting)\b
            |\bya\s+no\s+(?:estoy|estamos)\s+(?:bloquead|atascad|parad)|\bn[ãa]o\s+(?:estou|estamos)\s+mais\s+(?:bloquead|travad|parad)|\bj[áa]\s+n[ãa]o\s+(?:estou\s+)?(?:bloquead|travad)
            |\bnicht\s+mehr\s+blockiert\b|\b(?:ne\s+suis|je\s+suis|suis)\s+plus\s+(?:bloqu|coinc)")
            .unwrap()
    });
    let text = plain(item);
    if is_about_someone_else(&text) {
        return None;
    }
    if WITHDRAWN.is_match(&text) || restored(&text) || goes_on_with_it(&text) {
        return Some(Denial::Withdrawn);
    }
    ((after_negation(&text).is_some() || SENTENCE_NEGATION.is_match(&text))
        && from_blockers_answer(&text, "").is_empty())
    .then_some(Denial::No)
}

/// The author says what they got lets them go on: "with that I can close
/// it", "con eso ya puedo cerrar", "damit kann ich jetzt abschließen",
/// "avec ça je peux finir", "com isso já consigo fechar". First person, so
/// it holds also when it opens by turning to the one who helped ("<@U2>
/// perfecto, con eso ya puedo …"); a condition ("if you send it, with
/// that I can …") or a question is no such word.
fn goes_on_with_it(text: &str) -> bool {
    static WITH_IT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:with\s+(?:that|this|it)|con\s+(?:eso|esto)|damit|avec\s+(?:ça|cela)|com\s+(?:isso|isto))\s*,?\s*
            (?:(?:now|already|ya|jetzt|nun|maintenant|déjà|já|agora)\s+)?
            (?:i\s+can|we\s+can|puedo|podemos|kann\s+ich|können\s+wir|je\s+peux|on\s+peut|nous\s+pouvons|posso|consigo|podemos)\b",
        )
        .unwrap()
    });
    static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:if|once|when|si|cuando|wenn|falls|sobald|quand|dès\s+que|se|quando|assim\s+que)\b").unwrap()
    });
    WITH_IT.is_match(text) && !text.contains('?') && !CONDITION.is_match(text)
}

/// Trouble that holds the author back, then the workaround they go on
/// with: "the VPN keeps dropping, slowing me down but I can work", "me
/// frena, pero puedo avanzar", "bremst mich aus, aber ich kann arbeiten",
/// "ça me ralentit, mais je peux bosser", "tá me atrasando, mas dá pra
/// trabalhar". In answer to the blockers question, it is a blocker with a
/// workaround, not a "no" (a leading "no blockers, but …" is read before).
fn slowed_but_working(item: &str) -> bool {
    static SLOWED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\bslow(?:ing|s)\s+(?:me|us)(?:\s+down)?\b|\bholding\s+(?:me|us)\s+(?:up|back)\b|\b(?:me|nos)\s+(?:frena|ralentiza|retrasa|está\s+frenando)\b
            |\b(?:me|nous)\s+ralenti(?:t|ssent)\b|\b(?:bremst|hält)\s+(?:mich|uns)\b|\b(?:me|nos)\s+(?:atrasa|atrapalha|trava)\b|\b(?:me|nos)\s+(?:atrasando|atrapalhando|travando)\b",
        )
        .unwrap()
    });
    static WORKING_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:but|aber|mais|pero|mas)\s+(?:i|we)\s+can\s+(?:still\s+)?(?:work|continue|proceed)\b|\baber\s+ich\s+kann\s+(?:trotzdem\s+)?arbeiten\b
            |\bmais\s+je\s+peux\s+(?:quand\s+même\s+)?(?:bosser|travailler|avancer)\b|\bpero\s+(?:puedo|podemos)\s+(?:trabajar|avanzar)\b|\bmas\s+(?:posso|consigo|d[áa]\s+pra)\s+(?:trabalhar|avançar)\b",
        )
        .unwrap()
    });
    let text = plain(item);
    WORKING_ON
        .find(&text)
        .is_some_and(|w| SLOWED.is_match(&text[..w.start()]))
}

/// A "no" that names no blocker: "no, that's another environment", "nein,
/// passt", "non merci". Said in the conversation, it turns down an offer.
pub(crate) fn declines_only(item: &str) -> bool {
    static BLOCKER_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)block|bloq|hindernis|imped|stuck|atascad|travad|coinc|wait|warte|attend|esper|aguard|desbloq|débloq|problem|issue|souci").unwrap()
    });
    let text = plain(item);
    after_negation(&text).is_some() && !BLOCKER_WORD.is_match(&text)
}

/// The author's later word that what held them up is over, in whatever
/// form: it works again ("hab's gefunden, läuft!", "c'est reparti"),
/// they got in or have it ("entrou aqui, já tô no console", "ya tengo la
/// VPN"), they can go on ("then I can go on", "that unblocks me"), or the
/// one they waited on did it ("Gabriel firmó el CHG-5530", "o comercial
/// renovou a licença"). Nothing in it
/// may hold them up still, and a question is no such word.
fn restored(text: &str) -> bool {
    static RESTORED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\bunblock(?:s|ed)?\s+(?:me|us)\b | \b(?:me|nos)\s+(?:desbloquea|desbloqueó|desbloqueia|desbloqueou)\b | \b(?:ça|cela)\s+(?:me|nous)\s+débloque\b
            | \b(?:then|now|so)\s+(?:i|we)\s+can\s+(?:go\s+on|continue|proceed|move\s+on|start|finish|get\s+going)\b | \bdann\s+(?:kann|schaff\w*|mach\w*)\s+ich\b
            | \bdonc\s+je\s+peux\b | \b(?:entonces|así\s+que)\s+(?:ya\s+)?puedo\b | \b(?:então|entao)\s+(?:já\s+)?(?:posso|consigo)\b
            | \bc['’]est\s+reparti\b | \b(?:vuelve|volvió|voltou|volta)\s+a\s+funcionar\b | \bfunciona\s+de\s+novo\b
            | (?:^|[,;:]\s*)(?:läuft|funktioniert|klappt|works|it\s+works|funciona|funcionou|ça\s+marche)\s*(?:[!.]|$)
            # “yes now is working”, “ahora sí funciona”, “jetzt läuft's”: now, said first.
            | \bnow\s+(?:it\s+|it['’]s\s+|is\s+|it\s+is\s+)?(?:working|works|running|fine)\s*(?:[!.,;]|$)
            | \b(?:ahora|agora)\s+(?:sí\s+|já\s+|si\s+)?(?:funciona|anda|va)\s*(?:[!.,;]|$) | \bmaintenant\s+(?:ça|c['’]est\s+bon,?\s+ça)\s+(?:re)?(?:marche|fonctionne|passe)\b
            | \bjetzt\s+(?:läuft|geht|funktioniert|klappt)(?:['’]s|\s+es|\s+alles)?\s*(?:[!.,;]|$)
            | \bi['’]?m\s+in\s*(?:[,.!]|$) | \bgot\s+in\b | \bentrou\b | \bj[áa]\s+(?:t[ôo]|estou)\s+(?:no|na|dentro)\b | \bya\s+(?:estoy\s+dentro|entr[ée])\b | \bbin\s+(?:jetzt\s+)?drin\b | \bje\s+suis\s+(?:dedans|connectée?)\b
            | \bya\s+tengo\b | \bj[áa]\s+tenho\b | \bhab(?:e)?(?:['’]s|\s+(?:ihn|sie|es))\s+(?:jetzt|gefunden|bekommen)\b | \b(?:got|have)\s+(?:it|them|access)\s+now\b | \bfound\s+(?:it|them)\b",
        )
        .unwrap()
    });
    // The one waited on did it: "Gabriel firmó el CHG-5530", "o comercial
    // renovou a licença", "<@U2> approved it", "il a signé".
    static DONE_BY_OTHER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>|\b(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][a-z]+))\s+(?:just\s+|finally\s+|already\s+)?(?:signed|approved|merged|renewed|granted|shipped)\b
            | (?i:\b(?:firmó|aprobó|renovó|liberó|arregló|habilitó|firmaron|aprobaron|renovaron|assinou|aprovou|renovou|liberou|consertou|corrigiu|assinaram|aprovaram|liberaram)\b)
            | (?i:\b(?:il|elle|on|ils|elles)\s+(?:l['’]|les\s+)?(?:a|ont)\s+(?:enfin\s+)?(?:signé|validé|approuvé|renouvelé|réparé|corrigé|débloqué)\b)
            | (?i:\b(?:hat|haben)\s+(?:es\s+|ihn\s+|sie\s+|das\s+)?(?:\w+\s+){0,3}?(?:unterschrieben|freigegeben|genehmigt|verlängert|repariert|gefixt)\b)",
        )
        .unwrap()
    });
    // "<@U1> answered all the comments, you should be unblocked now" is
    // news for the person addressed, not about its author.
    static TO_SOMEONE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\W*<@[UW][A-Z0-9]+|\byou(?:['’]re|r)?\b").unwrap());
    static THANK_YOU: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bthank\s+you\b").unwrap());
    let to_someone = TO_SOMEONE.is_match(&THANK_YOU.replace_all(text, "thanks"));
    if text.contains('?') || to_someone || holds_up(text) {
        return false;
    }
    RESTORED.is_match(text)
        || clause::clauses(text)
            .iter()
            .any(|c| DONE_BY_OTHER.is_match(c) && !NEGATED.is_match(c))
}

/// An item given in answer to the blockers question: anything that is not a
/// "no", noise or a resolved note is a blocker, in the member's words.
pub(crate) fn from_blockers_answer(item: &str, author: &str) -> Vec<Found> {
    if is_noise(item) {
        return Vec::new();
    }
    if let Some(rest) = after_negation(item) {
        // "None, but the staging DB is down" still reports a problem.
        if let Some(c) = BUT.captures(&rest) {
            let tail = c[1].trim();
            if !tail.is_empty()
                && !is_noise(tail)
                && !is_resolved(tail)
                && !THANKS.is_match(tail)
                && !is_about_someone_else(tail)
                && !RISK.is_match(tail)
                && !SENTENCE_NEGATION.is_match(&plain(tail))
                && !theirs_not_mine(tail)
                && !only_review_wanted(tail)
                && !handed_over(tail)
                && (has_blocker_phrase(tail) || slows_down_at_most(tail).not())
            {
                return vec![found(tail, author)];
            }
            return Vec::new();
        }
        // Anything else after the "no" is commentary, not a blocker: a
        // ticket's status ("steht in Jira auf blockiert"), a past problem
        // ("gestern hing ich noch am Zertifikat, aber …"), someone else's
        // wait. The author has just said they are not blocked; only an
        // explicit "but" with a problem takes that back.
        return Vec::new();
    }
    if is_resolved(item)
        || (SENTENCE_NEGATION.is_match(&plain(item)) && !slowed_but_working(item))
        || worked_through(item)
        || shrugged_off(item)
        || disowned(item)
        || made_light_of(item)
        || played_down(item)
        || only_a_question(item)
        || almost_said(item)
    {
        return Vec::new();
    }
    // Under the blockers label, any words are a blocker unless they only
    // speak of a risk ("maybe we will be blocked later"): then only a
    // blocker phrasing outside the hypothetical clause counts.
    if actual(item) != item && (!has_blocker_phrase(item) || only_a_lack_with_a_condition(item)) {
        return Vec::new();
    }
    vec![found(item, author)]
}

/// A lack whose consequence is said only under a condition ("we're short
/// two vests; if they don't arrive this week I can't roster the new
/// staff", "il manque les badges, s'ils n'arrivent pas d'ici jeudi je ne
/// peux pas …"): what it stops lies ahead, so it is a risk. A wait said
/// outside the condition ("still no answer from legal; if nothing comes by
/// Friday I'm stuck") holds the author up now.
fn only_a_lack_with_a_condition(item: &str) -> bool {
    let text = plain(item);
    let conditions: String = HYPOTHETICAL
        .find_iter(&text)
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(" ; ");
    let says_consequence =
        BLOCKER_PHRASE.is_match(&conditions) || clause::own_inability(&conditions);
    let rest = actual(&text);
    says_consequence
        && !BLOCKER_PHRASE.is_match(&rest)
        && !clause::own_inability(&rest)
        && !no_answer(&rest)
}

/// After a "no", trouble someone else is already looking at ("keine,
/// ausser dass der Prüfstand spinnt, aber Urs schaut das an", "none,
/// except that the printer jams, but IT is on it"): not the author's stop.
fn handed_over(tail: &str) -> bool {
    contrast_tail(&plain(tail)).is_some_and(|t| HANDLED.is_match(t) && !holds_up(t))
}

/// A blocker the author was about to name, then took back in the same
/// breath: "was going to say the POS is down but it just came back, so
/// nope", "ich hätt fast gesagt ich bin blockiert, … aber die Resi hat
/// ihn", "j'allais dire que …, mais", "iba a decir …, pero", "ia dizer
/// …, mas". Nothing after the turn may hold the author up.
fn almost_said(item: &str) -> bool {
    static ALMOST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:was\s+going\s+to\s+say|(?:almost|nearly)\s+said|would\s+have\s+said|i\s+was\s+about\s+to\s+say
            |j['’]allais\s+dire|j['’]aurais\s+(?:presque\s+)?dit|iba\s+a\s+decir|casi\s+digo|(?:eu\s+)?ia\s+(?:dizer|falar)|quase\s+(?:disse|falei)
            |h[äa]tte?\s+(?:fast|beinahe)\s+gesagt|wollte?\s+(?:gerade|grad)\s+sagen)\b",
        )
        .unwrap()
    });
    let text = plain(item);
    ALMOST
        .find(&text)
        .and_then(|m| contrast_tail(&text[m.end()..]))
        .is_some_and(|tail| !holds_up(tail))
}

/// After a "no", a wish for a second look ("no, but I need someone to
/// review the script before I run it", "nein, aber jemand müsste das
/// gegenlesen", "non, mais j'aimerais une relecture", "não, mas preciso que
/// alguém revise"): help asked for, nothing broken and nothing awaited.
fn only_review_wanted(tail: &str) -> bool {
    static REVIEW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:review|reviews|reviewed|look\s+over|second\s+pair\s+of\s+eyes|sanity[-\s]check|double[-\s]check
            |revise|revis[ae]n?|revisar|revisione|échale\s+un\s+ojo|echar\s+un\s+vistazo|relire|relise|relecture|jeter\s+un\s+(?:œil|oeil)|dar\s+uma\s+olhada
            |gegenles\w*|drüberschau\w*|drüber\s*schau\w*|durchsehen|reviewen)\b",
        )
        .unwrap()
    });
    static WAITED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:until|till|waiting|still|hasta|esperando|todav[ií]a|jusqu|attends|toujours|bis|warte\w*|noch\s+nicht|até|aguardando|ainda)\b").unwrap()
    });
    let text = plain(tail);
    REVIEW.is_match(&text) && !PROBLEM.is_match(&text) && !WAITED.is_match(&text)
}

/// An answer to the blockers question that, in its own words, is not the
/// author's blocker, and says nothing else that holds them up: a
/// tracker's "Blocked" taken back by a "but" or made light of ("only",
/// "nur", "só"); blocker words that are all another team's; a problem
/// that is someone else's ("that's theirs", "liegt an deren Feed", "isso
/// é com eles"), or a report on others that someone else is handling
/// ("a customer complains …, support knows", "Support ist dran").
fn disowned(item: &str) -> bool {
    let text = plain(item);
    if holds_up(&text) {
        return false;
    }
    let first = clause::clauses(&text).first().copied().unwrap_or("");
    (TRACKER_STATUS.is_match(&text)
        && (contrast_tail(&text).is_some() || MINIMIZER.is_match(&text)))
        || others_only(&text)
        || THEIRS.is_match(&text)
        || NOT_OURS.is_match(&text)
        || (HANDLED.is_match(&text) && clause::about_other(first))
}

/// An answer whose turn says the trouble does not stop its author: "the
/// dashboards still show last week's data, but it's fine for what I
/// need", "my laptop is very slow, but is fine, I survive", "mais c'est
/// gérable", "pero no pasa nada", "mas tá tranquilo", "aber passt schon".
fn shrugged_off(item: &str) -> bool {
    let text = plain(item);
    contrast_tail(&text).is_some_and(|tail| FINE.is_match(tail) && !holds_up(tail))
}

/// Words that call a trouble harmless to the author.
static FINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:(?:it|that|this)['’]?s|its|is|it\s+is|that\s+is|are)\s+(?:\w+\s+)?(?:fine|ok|okay|manageable|workable|harmless)\b
        | \bnot\s+a\s+(?:big\s+)?(?:deal|problem)\b | \bno\s+big\s+deal\b | \bi\s+(?:can\s+)?survive\b | \b(?:i|we)\s+can\s+live\s+with\s+it\b
        | \b(?:ça|c['’]est)\s+(?:gérable|ok|pas\s+grave)\b | \bpas\s+grave\b
        | \bno\s+pasa\s+nada\b | \bno\s+es\s+(?:grave|problema)\b | \b(?:es|está)\s+(?:manejable|bien)\b
        | \b(?:tá|está|é)\s+(?:tranquilo|de\s+boa|suave|ok)\b | \bn[ãa]o\s+é\s+(?:grave|problema)\b
        | \b(?:passt|geht)\s+schon\b | \b(?:ist|wäre)\s+(?:\w+\s+)?(?:ok|okay|verkraftbar|nicht\s+schlimm)\b | \bkein\s+problem\b
        # Time to spare: a delay that still leaves slack stops nobody yet
        # (“the printer is late but I still have some margin”, “mais j'ai
        # encore de la marge”, “pero tengo margen”, “mas ainda temos folga”,
        # “aber ich hab noch Puffer”).
        | \b(?:i|we)\s+(?:still\s+)?(?:have|got)\s+(?:still\s+)?(?:some\s+|enough\s+|plenty\s+of\s+|a\s+bit\s+of\s+|a\s+little\s+)?(?:time|margin|buffer|slack|leeway)\b
        | \bthere['’]?s\s+still\s+(?:some\s+|enough\s+)?(?:time|margin|buffer|slack)\b
        | \b(?:j['’]ai|on\s+a|nous\s+avons|il\s+(?:me\s+|nous\s+)?reste)\s+(?:encore\s+)?(?:un\s+peu\s+)?(?:de\s+la\s+marge|du\s+temps|de\s+la\s+latitude)\b
        | \b(?:tengo|tenemos|hay|queda)\s+(?:todav[ií]a\s+|a[úu]n\s+)?(?:algo\s+de\s+|un\s+poco\s+de\s+)?(?:margen|tiempo|holgura|colch[óo]n)\b
        | \b(?:tenho|temos|h[áa]|tem|sobra)\s+(?:ainda\s+)?(?:alguma\s+|um\s+pouco\s+de\s+)?(?:margem|tempo|folga)\b
        | \b(?:hab|habe|haben|hat)\s+(?:ich\s+|wir\s+)?(?:noch\s+)?(?:etwas\s+|genug\s+|ein\s+bisschen\s+|ein\s+wenig\s+)?(?:zeit|puffer|luft|spielraum)\b | \bist\s+noch\s+(?:zeit|luft|puffer)\b",
    )
    .unwrap()
});

/// An answer that calls its trouble minor and says nothing that holds its
/// author up: “juste plein de réunions, rien de grave”, “nothing serious,
/// just meetings”, “hab nur zu viele Meetings”, “só muitas reuniões”.
fn made_light_of(item: &str) -> bool {
    let text = plain(item);
    (NOT_SERIOUS.is_match(&text) || MEETINGS.is_match(&text)) && !holds_up(&text)
}

/// Trouble said to be minor: “nothing serious”, “rien de grave”, “nichts
/// Ernstes”, “nada grave”, “nada de especial”.
static NOT_SERIOUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\bnothing\s+(?:serious|major|big|important)\b | \brien\s+de\s+(?:grave|sérieux|important|bloquant)\b
        | \bnichts\s+(?:ernstes|schlimmes|wildes|wichtiges)\b | \bnada\s+(?:de\s+)?(?:grave|serio|sério|especial|importante)\b
        # Not a problem yet: what it may become is a risk, not a blocker now
        # (“not a problem yet, but if it rains …”, “pas encore un problème”,
        # “todavía no es problema”, “ainda não é problema”, “noch kein Problem”).
        | \bnot\s+(?:yet\s+)?(?:a|an)\s+(?:problem|issue|blocker)\s+yet\b | \bnot\s+yet\s+(?:a|an)\s+(?:problem|issue|blocker)\b | \bisn['’]?t\s+(?:a|an)\s+(?:problem|issue|blocker)\s+yet\b
        | \bpas\s+encore\s+(?:un\s+)?(?:problème|souci|bloquant)\b
        | \b(?:todav[ií]a|a[úu]n)\s+no\s+es\s+(?:un\s+)?(?:problema|bloqueo)\b | \bno\s+es\s+(?:un\s+)?(?:problema|bloqueo)\s+(?:todav[ií]a|a[úu]n)\b
        | \bainda\s+n[ãa]o\s+é\s+(?:um\s+)?(?:problema|bloqueio)\b | \bn[ãa]o\s+é\s+(?:um\s+)?(?:problema|bloqueio)\s+ainda\b
        | \bnoch\s+kein\s+(?:problem|blocker|hindernis)\b | \bnoch\s+nicht\s+(?:schlimm|kritisch|problematisch)\b",
    )
    .unwrap()
});

/// Meetings as the only complaint: “just meetings”, “too many meetings”,
/// “plein de réunions”, “zu viele Meetings”, “muchas reuniones”, “muitas
/// reuniões”. Meetings take time; they stop nobody.
static MEETINGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:only|just|too\s+many|lots\s+of|a\s+lot\s+of|juste|plein\s+de|trop\s+de|beaucoup\s+de|nur|zu\s+viele|viele|solo|sólo|muchas|demasiadas|só|apenas|muitas)\s+(?:\w+\s+){0,2}?(?:meetings?|réunions?|reuniones|reuni[õo]es)\b",
    )
    .unwrap()
});

/// An answer that asks for information rather than says its author is
/// stuck: “only a question — is the planning online?”, “Frage: ist die
/// Retro Donnerstag?”, “pergunta — alguém sabe se …?”, “une question
/// plutôt qu'un bloquant”, “<@U2> do we still do the review on Thursday?”.
fn only_a_question(item: &str) -> bool {
    let text = plain(item);
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '<');
    let text = MENTION_LEAD.replace(text, "");
    (QUESTION_LEAD.is_match(&text)
        || (INFO_QUESTION.is_match(&text) && text.trim_end().ends_with('?')))
        && !holds_up(&text)
        && !PROBLEM.is_match(&text)
}

/// Mentions an answer starts with: who a question is put to.
static MENTION_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+").unwrap());

/// An answer that names itself a question: “question:”, “just a
/// question”, “Frage:”, “pregunta nomás”, “pergunta —”, “une question
/// plutôt qu'un bloquant”, “más una pregunta que un bloqueo”.
static QUESTION_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:(?:only|just|a|one|small|quick|juste|une|petite|simple|nur|eine|kleine|una|uma|solo|só)\s+){0,2}(?:question|frage|pregunta|pergunta)\b
        | \b(?:question|frage|pregunta|pergunta)\s+(?:more\s+than|rather\s+than|plutôt\s+qu['’]|eher\s+als|más\s+que|mais\s+do\s+que)
        | \bm[áa]s\s+(?:bien\s+)?una\s+pregunta\b | \bmais\s+uma\s+pergunta\b | \beher\s+eine\s+frage\b | \bmore\s+(?:of\s+)?a\s+question\b",
    )
    .unwrap()
});

/// A question that asks about a fact, not for help: “do we still …?”,
/// “is the retro on Thursday?”, “does anyone know if …?”, “alguém sabe se
/// …?”, “quelqu'un sait si …?”, “weiß jemand, ob …?”, “¿alguien sabe si …?”.
static INFO_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:do\s+we|are\s+we|is\s+the|is\s+it|when\s+is|where\s+is|what\s+time|does\s+anyone\s+know|anyone\s+know|does\s+somebody\s+know
        |alguém\s+sabe|alguien\s+sabe|quelqu['’]un\s+sait|est-ce\s+qu['’]on|weiß\s+jemand|ist\s+die|ist\s+der|ist\s+das|sabe\s+alguien)\b",
    )
    .unwrap()
});

/// A problem said not to be the author's team's: “not ours”, “not our
/// bug”, “it is not our blocker”, “pas notre problème”, “no es nuestro”,
/// “não é nosso”, “nicht unser Problem”, “betrifft uns nur indirekt”.
static NOT_OURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\bnot\s+(?:ours|mine|our\s+(?:bug|problem|issue|blocker|fault)|my\s+(?:problem|blocker))\b
        | \bpas\s+(?:notre|mon)\s+(?:problème|souci|bug|bloquant)\b | \bc['’]est\s+leur\s+(?:souci|problème)\b
        | \bno\s+es\s+(?:nuestro|mío|nuestra)\b | \bn[ãa]o\s+é\s+(?:nosso|meu|nossa)\b
        | \bnicht\s+unser(?:e|es)?\b | \bbetrifft\s+uns\s+(?:nur\s+)?(?:indirekt|nicht)\b",
    )
    .unwrap()
});

/// Someone else's problem, and nothing in the sentence that holds the
/// author up: “finance is blocked by the VPN, not ours”.
fn theirs_not_mine(text: &str) -> bool {
    let text = plain(text);
    (NOT_OURS.is_match(&text) || THEIRS.is_match(&text)) && !clause::own_inability(&text)
}

/// Blocker words that are all someone else's: "the mobile team is blocked
/// on our API change", "marketing is waiting for my numbers".
fn others_only(text: &str) -> bool {
    let mut phrases = BLOCKER_PHRASE.find_iter(text).peekable();
    phrases.peek().is_some()
        && (is_about_someone_else(text)
            || phrases.all(|m| clause::about_other(clause_at(text, m.start()))))
}

/// Words that make light of what they qualify: "it's only waiting on the
/// release train", "nur ein Platzhalter", "é só formalidade".
static MINIMIZER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:only|just|merely|nur|bloß|lediglich|juste|seulement|simplement|solo|sólo|solamente|só|apenas)\b").unwrap()
});

/// A status in a tracker: "PAY-889 shows Blocked in Linear", "steht in
/// Jira auf „Blocked“", "figura como Bloqueado en Jira".
static TRACKER_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:jira|linear|asana|trello|github|gitlab|youtrack|clickup)\b[^,;.!?]{0,50}?\b(?:blocked|bloqu\w*|blockiert|travad\w*)
        | \b(?:blocked|bloqu\w*|blockiert|travad\w*)\b\W{0,3}\s*(?:in|en|em|no|na|im|dans|sur|on)\s+(?:jira|linear|asana|trello|github|gitlab|youtrack|clickup)\b
        | \b[a-z]{2,}-\d+\b[^,;.!?]{0,50}?\b(?:blocked|bloqu\w*|blockiert|travad\w*)",
    )
    .unwrap()
});

/// A problem said to be someone else's: "that's theirs", "it's their
/// adblocker", "liegt an deren Feed", "c'est de leur côté", "es cosa
/// suya", "isso é com eles".
static THEIRS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:that['’]?s|that\s+is|it['’]?s|it\s+is|this\s+is)\s+(?:all\s+|just\s+|really\s+)?(?:theirs|their\s+\w+|(?:his|her)\s+(?:problem|issue|thing|bug|call)|on\s+their\s+(?:side|end)|on\s+them)\b
        | \bliegt\s+(?:\w+\s+){0,2}?an\s+(?:deren|ihre[mnr]?|seine[mnr]?|denen)\b | \b(?:deren|ihre|seine)\s+(?:problem|sache)\b
        | \bc['’]est\s+(?:leur\s+\w+|à\s+eux|de\s+leur\s+côté)
        | \b(?:es|son)\s+(?:cosa\s+)?(?:suy[oa]s?|de\s+ellos|de\s+ellas)\b | \b(?:es|son)\s+(?:su|sus)\s+(?:problema|culpa)\b
        | \b(?:isso\s+|isto\s+)?é\s+com\s+(?:eles|elas|ele|ela)\b | \bé\s+(?:problema\s+)?(?:deles|delas)\b",
    )
    .unwrap()
});

/// Someone else is dealing with it: "support is handling it", "they're on
/// it", "Support ist dran", "s'en occupe", "se encarga", "estão vendo".
static HANDLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:is|are|['’]s|['’]re)\s+(?:already\s+)?(?:on\s+it|handling\s+it|looking\s+into\s+it|dealing\s+with\s+it|aware)\b
        | \b(?:they|support|\w+\s+team)\s+knows?\b
        | \b(?:ist|sind)\s+(?:schon\s+)?dran\b | \bkümmer[nt]\s+sich\b | \bschaut\s+(?:sich\s+)?(?:das|es|des|den|die)\s+(?:\w+\s+)?an\b
        | \b(?:is|are|['’]s|['’]re)\s+(?:already\s+)?looking\s+at\s+it\b | \b(?:regarde|regardent)\s+(?:ça|ca)\b | \blo\s+(?:mira|miran|revisa|revisan)\b | \b(?:vai|vão)\s+ver\s+isso\b
        | \bs['’]en\s+occupent?\b | \b(?:est|sont)\s+dessus\b
        | \bse\s+(?:está[n]?\s+)?encarga(?:n|ndo)?\b | \blo\s+(?:está[n]?\s+)?(?:viendo|mirando|revisando)\b
        | \b(?:está|estão|tá|tão)\s+(?:vendo|cuidando|resolvendo|olhando)\b",
    )
    .unwrap()
});

/// A sentence that asks a named person for something the author needs.
static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:need|needs|asked|requested|brauche|gefragt|angefragt|gebeten|besoin|demandé|necesito|ped[ií]|pregunt[ée]|solicit[ée]|preciso|perguntei)\b",
    )
    .unwrap()
});

/// Blockers inside an answer to another question: each sentence that uses a
/// blocker phrasing, is not negated and not marked resolved.
///
/// "Was blocked on the DB. Fixed now." is no blocker: a resolved sentence
/// cancels the blockers before it in the same item.
///
/// "<@U2> can you check the key? I can't test until then": a blocker right
/// after a question to someone waits on them.
pub(crate) fn in_text(item: &str, author: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut asked = None;
    let mut named = None;
    let mut just_found = false;
    for s in sentences(item) {
        // “Their users are blocked out. So it is not our blocker”: a
        // sentence that gives the problem away takes back what came before.
        if is_resolved(&s) || theirs_not_mine(&s) || played_down(&s) {
            out.clear();
            just_found = false;
        } else if has_blocker_phrase(&s) && !says_no(&s) && !almost_said(&s) {
            let mut f = found(&s, author);
            f.blocked_by = f.blocked_by.or(asked.take());
            f.blocked_by = f.blocked_by.or_else(|| refers_back(&s, named.as_deref()));
            out.push(f);
            just_found = true;
        } else if std::mem::take(&mut just_found) {
            appeal_names_the_awaited(out.last_mut(), &s, author);
        }
        named = only_other_mention(&s, author);
        // "I need <@U2> to confirm the records. Asked Thursday, still
        // nothing": the person asked in one sentence is the one waited on
        // in the next.
        asked = first_other_mention(&s, author)
            .filter(|_| s.trim_end().ends_with('?') || ASKS.is_match(&s));
    }
    out
}

/// A sentence that answers "no" the way a blockers answer does ("slowing
/// me down: nothing really, the O2 level is annoying"), with no "but" and
/// a problem after it: the blocker words in it are the question's.
fn says_no(sentence: &str) -> bool {
    // "nothing new, I'm stuck on the VPN": the "no" is about news, the
    // words after it still hold the author up.
    after_negation(sentence).is_some_and(|rest| !has_blocker_phrase(&rest))
        && from_blockers_answer(sentence, "").is_empty()
}

/// “Can't send the deck until I have the numbers. <@U2> any chance you can
/// pull them?”: an ask that opens by turning to one teammate, right after a
/// blocker that names nobody, names whom it waits on.
fn appeal_names_the_awaited(last: Option<&mut Found>, sentence: &str, author: &str) {
    static OPENS_WITH_MENTION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\W*<@[UW][A-Z0-9]+").unwrap());
    let Some(f) = last.filter(|f| f.blocked_by.is_none()) else {
        return;
    };
    let asks = sentence.trim_end().ends_with('?') || ASKS.is_match(sentence);
    if OPENS_WITH_MENTION.is_match(sentence) && asks {
        f.blocked_by = only_other_mention(sentence, author);
    }
}

/// A sentence that says what came before does not block its author:
/// “the new headset hasn't come. It doesn't block, just annoying”, “ça ne
/// bloque pas”, “não bloqueia”, “kein echter Blocker”. A “no blockers
/// otherwise” speaks of the rest, so it keeps what came before.
fn played_down(sentence: &str) -> bool {
    static NOT_BLOCKING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:doesn['’]?t|does\s+not|isn['’]?t|is\s+not|not)\s+(?:really\s+)?(?:block|blocking|a\s+blocker)\b
            # An adverb of time or a particle may sit between the verb and
            # its “nothing”: “blockiert aber noch nichts”, “ne bloque encore
            # rien”, “no bloquea todavía nada”, “não bloqueia ainda nada”.
            | \bblocks\s+(?:yet\s+|really\s+)?nothing\b | \bne\s+(?:me\s+|nous\s+)?bloque\s+(?:encore\s+|toujours\s+|vraiment\s+)?rien\b
            | \bno\s+(?:me\s+|nos\s+)?bloquea\s+(?:todav[ií]a\s+|a[úu]n\s+|realmente\s+)?nada\b
            | \bn[ãa]o\s+(?:me\s+|nos\s+)?bloqueia\s+(?:ainda\s+|realmente\s+)?nada\b
            | \bblockiert\s+(?:mich\s+|uns\s+)?(?:(?:aber|noch|bisher|derzeit|aktuell|momentan|gerade|eigentlich|jetzt|trotzdem)\s+){0,2}(?:nichts|nix)\b
            | \bn[ãa]o\s+(?:me\s+|nos\s+)?(?:é\s+)?(?:bloqueia|bloqueante|bloqueio)\b | \b(?:ça\s+|cela\s+)?ne\s+(?:me\s+|nous\s+)?bloque\s+pas\b | \bpas\s+(?:un\s+)?bloquant\b
            | \bno\s+(?:me\s+|nos\s+)?(?:es\s+)?(?:bloquea|bloqueante|un\s+bloqueo)\b | \b(?:blockiert|behindert)\s+(?:mich\s+|uns\s+)?nicht\b | \bkein\s+(?:echter\s+)?blocker\b",
        )
        .unwrap()
    });
    static THE_REST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:otherwise|else|other|sonst|ansonsten|sinon|autrement|por\s+lo\s+dem[áa]s|de\s+resto|fora\s+isso|aparte\s+de\s+eso)\b").unwrap()
    });
    let text = plain(sentence);
    // The words that deny the block ("ça ne bloque rien") are not the
    // block they deny.
    let rest = NOT_BLOCKING.replace_all(&text, " ");
    NOT_BLOCKING.is_match(&text) && !THE_REST.is_match(&text) && !holds_up(&rest)
}

/// The one teammate a sentence names besides its author, if it names
/// exactly one: who a following “so …” or “her answer” points back to.
pub(crate) fn only_other_mention(text: &str, author: &str) -> Option<String> {
    let mut others: Vec<String> = mentions(text).into_iter().filter(|u| u != author).collect();
    others.dedup();
    (others.len() == 1).then(|| others.remove(0))
}

/// A blocker sentence that names nobody but follows from the sentence
/// before it, which named one teammate: it waits on that teammate. “The
/// only one who knows is <@U2>. Without her notes I can't finish”, “<@U2>
/// said he'd upgrade it. So I can't move on”, “então fica parado até ele
/// voltar”, “sans ses réponses”, “hasta que él lo apruebe”.
pub(crate) fn refers_back(sentence: &str, named: Option<&str>) -> Option<String> {
    static BACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^\W*(?:so|then|which\s+means|that\s+means|então|entao|por\s+isso|así\s+que|por\s+eso|donc|du\s+coup|alors|also|deshalb|daher|darum)\b
            | \b(?:he|she|him|his|her|er|ihm|ihr|ihre[mnrs]?|sein(?:e[mnrs]?)?|él|ella|ele|ela|dele|dela|il|elle|lui|ses|sa)\b",
        )
        .unwrap()
    });
    named
        .filter(|_| BACK.is_match(sentence) && !MENTION.is_match(sentence))
        .map(str::to_string)
}

/// True when an item is only a blocker ("Still waiting on the DB access"),
/// so it should not also be listed as work done or planned.
pub(crate) fn is_only_blocker(item: &str) -> bool {
    static LEADS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^\s*(?:still\s+|currently\s+|i'?m\s+|i\s+am\s+|am\s+|we'?re\s+|we\s+are\s+|been\s+)*
            (?:blocked|waiting\s+(?:on|for)|stuck|held\s+up|pending|on\s+hold|need|can't|cannot|unable)\b",
        )
        .unwrap()
    });
    LEADS.is_match(&plain(item))
}

fn found(text: &str, author: &str) -> Found {
    Found {
        text: text.trim().to_string(),
        blocked_by: first_other_mention(text, author),
    }
}

/// News that what was awaited came or works, in any person: "the statement
/// arrived just now", "Esaote replied, login works", "got the access logs",
/// "le CNES vient d'ouvrir le flux", "échafaudage arrivé", "ya llegó el
/// pedido", "me contestaron que sí", "o CHG foi aprovado agora", "die
/// Teile sind da", "der Kunde hat geantwortet". Words of someone else's
/// doing ("sent", "replied") only count when the author is not their
/// subject: "I sent them a reminder" brings no news.
static CAME_OR_WORKS: LazyLock<Regex> = LazyLock::new(|| {
    big(r"(?ix)
          \b(?:arrived|came\s+(?:in|through)|landed|delivered|replied|answered|responded|said\s+yes|agreed|approved|signed(?:\s+off)?|sent|confirmed|granted|opened|released|shipped
            |got\s+(?:it|them|those|the|my|our|access)|received|(?:it|that|this|which)\s+works|works\s+(?:now|again|fine)|(?:is|are)\s+(?:now\s+)?(?:here|back|up|live|there|on\s+the\s+\w+)
            |(?:est|sont)\s+(?:\w+\s+)?(?:arrivée?s?|livrée?s?|là|validée?s?|signée?s?)|arrivée?s?|livrée?s?|(?:a|ont)\s+(?:\w+\s+)?(?:répondu|dit\s+oui|validé|signé|envoyé|ouvert|accepté|approuvé|livré)
            |vien(?:t|nent)\s+d['’](?:ouvrir|arriver|envoyer|accepter|approuver)|vien(?:t|nent)\s+de\s+(?:répondre|valider|livrer|signer|débloquer)|reçue?s?|ça\s+marche\s+(?:maintenant|enfin)|fonctionne|c['’]est\s+calé
            |lleg[óo]|llegaron|(?:ha|han)\s+llegado|respondi[óo]|respondieron|contest[óo]|contestaron|(?:ha|han)\s+(?:respondido|contestado|aprobado|firmado|enviado)|dijeron\s+que\s+s[ií]|dijo\s+que\s+s[ií]
            |aprob[óo]|aprobaron|firm[óo]|firmaron|envi[óo]|enviaron|mand[óo]|mandaron|funciona|recib[íi]|ya\s+(?:lo|la|los|las)\s+tengo|ya\s+tengo
            |chegou|chegaram|respondeu|responderam|disse(?:ram)?\s+que\s+sim|aprovou|aprovaram|foi\s+aprovad[oa]|foram\s+aprovad[oa]s|assinou|assinaram|foi\s+assinad[oa]|enviou|enviaram|mandou|mandaram
            |funcionou|recebi|j[áa]\s+(?:o|a|os|as)\s+tenho|j[áa]\s+tenho|entrei
            |(?:ist|sind)\s+(?:\w+\s+){0,3}?(?:da|angekommen|gekommen|eingetroffen|geliefert|freigegeben|genehmigt|unterschrieben|freigeschaltet)
            |(?:hat|haben)\s+(?:\w+\s+){0,3}?(?:geantwortet|zugesagt|freigegeben|geschickt|unterschrieben|genehmigt|geliefert|freigeschaltet)|funktioniert|läuft|kam|kamen|(?:hab|habe)\s+(?:ihn|sie|es)
          )\b")
});

/// The author as the subject right before a verb: "I sent", "we've
/// approved", "ich habe … geschickt", "j'ai envoyé", "yo envié", "eu
/// mandei": what the author did is no news of what they wait for.
static OWN_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:i|we|i['’]ve|we['’]ve|i\s+have|we\s+have|ich|wir|je|j['’]ai|nous|yo|eu|nós)\s+(?:\w+\s+){0,2}$|\bj['’]$|\bj['’]ai\s+$",
    )
    .unwrap()
});

/// A condition or a time to come before the news: "once it arrives", "si
/// llega", "wenn er antwortet", "quand ce sera livré", "se chegar", "until
/// they reply": what is awaited, not what came.
static AWAITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:if|when|once|until|till|unless|as\s+soon\s+as|si|quand|dès\s+que|jusqu['’]à|cuando|en\s+cuanto|hasta\s+que|wenn|sobald|bis|falls|ob|se|quando|assim\s+que|até|hopefully|maybe|might|will|should|ojalá|espero\s+que|j['’]espère|hoffentlich|tomara|vielleicht|peut-être|quizá|quizás|talvez)\b|['’]ll\b",
    )
    .unwrap()
});

/// Verbs of someone giving or doing, not of receiving: who did it decides
/// whether it is news for the author.
static GIVING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:delivered|replied|answered|responded|said|agreed|approved|signed|sent|confirmed|granted|opened|released|shipped|respondi|contest|aprob|firm|envi|mand|respondeu|aprovou|assinou|enviou|mandou)",
    )
    .unwrap()
});

/// An article right before a participle makes it a word of kind, not of
/// news: "the approved ones", "el firmado", "die freigegebene", "a versão
/// aprovada".
static DETERMINER_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the|a|an|el|la|los|las|le|les|un|une|die|der|das|den|o|os|as|um|uma)\s+$")
        .unwrap()
});

/// A blocker that waits on more than one thing ("the hero images from
/// <@U2> and also the discount code from finance", "beide", "ambos"):
/// news of one of them does not end it.
pub(crate) fn waits_on_several(text: &str) -> bool {
    static SEVERAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:and\s+also|as\s+well\s+as|both|y\s+también|además\s+de|ambos|ambas|et\s+aussi|ainsi\s+que|les\s+deux|und\s+auch|sowie|beide[ns]?|e\s+também|além\s+d[eoa])\b",
        )
        .unwrap()
    });
    SEVERAL.is_match(text)
}

/// Whether a sentence brings news that something awaited came or works
/// now: a word of arrival, answer or working, not denied or made a
/// condition in its clause, not asked, and nothing after it that still
/// holds the author up ("the part arrived but it's the wrong one, still
/// stuck").
pub(crate) fn says_it_came(text: &str) -> bool {
    let text = plain(text);
    if text.contains('?') || holds_up(&text) {
        return false;
    }
    CAME_OR_WORKS.find_iter(&text).any(|m| {
        let start = text[..m.start()]
            .rfind([',', ';', '.', '!', ':', '\n'])
            .map_or(0, |i| i + 1);
        let before = &text[start..m.start()];
        // "on the way" is still coming; "the approved ones" names a kind.
        let on_way = m.as_str().ends_with("way") || m.as_str().ends_with("road");
        // "Opened a ticket with support": a verb of giving with no subject
        // before it is the author's own doing, said without the "I".
        let own_unsaid = before.trim().is_empty() && GIVING.is_match(m.as_str());
        !on_way
            && !own_unsaid
            && !DETERMINER_END.is_match(before)
            && !NEGATED.is_match(before)
            && !NEGATED.is_match(m.as_str())
            && !AWAITED.is_match(before)
            && !OWN_SUBJECT.is_match(before)
    })
}

/// Words too common to name what someone waits for (see [`object_words`]).
static COMMON: &[&str] = &[
    "about",
    "after",
    "again",
    "already",
    "because",
    "before",
    "being",
    "cannot",
    "could",
    "doesn",
    "there",
    "their",
    "these",
    "those",
    "which",
    "would",
    "should",
    "still",
    "today",
    "tomorrow",
    "yesterday",
    "morning",
    "afternoon",
    "without",
    "waiting",
    "until",
    "since",
    "answer",
    "anything",
    "nothing",
    "something",
    "everything",
    "thanks",
    "really",
    "right",
    "maybe",
    "other",
    "where",
    "while",
    "first",
    "blocked",
    "stuck",
    "going",
    "porque",
    "todavía",
    "todavia",
    "ainda",
    "toujours",
    "encore",
    "parce",
    "avant",
    "après",
    "depuis",
    "aujourd",
    "demain",
    "hier",
    "nicht",
    "heute",
    "morgen",
    "gestern",
    "immer",
    "wieder",
    "schon",
    "mañana",
    "ayer",
    "hasta",
    "desde",
    "sobre",
    "entre",
    "todos",
    "todas",
    "amanhã",
    "ontem",
    "quando",
    "ainda",
    "estou",
    "estoy",
    "tengo",
    "tenho",
    "están",
    "estão",
    "pendant",
    "attends",
    "attend",
    "espero",
    "esperando",
    "aguardando",
    "warte",
    "warten",
    "keine",
    "kein",
    "nada",
    "nadie",
    "rien",
    "personne",
    "never",
    "nunca",
    "niemand",
    "merci",
    "gracias",
    "danke",
    "obrigado",
    "obrigada",
    "dessa",
    "desse",
    "dieser",
    "diese",
    "dieses",
    "cette",
    "celui",
    "celle",
    "ellos",
    "elles",
    "eles",
    "elas",
];

/// The words of a text that can name what someone waits for: a name, a
/// ticket or a version ("Esaote", "CHG-77310", "0.9.4") or a longer word
/// ("statement", "échafaudage"). Short and common words name nothing.
fn object_words(text: &str) -> HashSet<String> {
    text.split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .filter(|w| !w.starts_with("<@") && !w.starts_with(':'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            let long = w.chars().count();
            let named =
                w.chars().skip(1).any(char::is_uppercase) || w.chars().any(|c| c.is_ascii_digit());
            named && long >= 3 || long >= 5
        })
        .map(str::to_lowercase)
        // "arrived" in "the parts haven't arrived" and "the laptop
        // arrived" is the news, not the thing.
        .filter(|w| !COMMON.contains(&w.as_str()) && !CAME_OR_WORKS.is_match(w))
        .collect()
}

/// Whether two texts speak of the same thing: they share a word that can
/// name what is awaited ("the Butterfield statement is still missing" and
/// "Butterfield statement arrived just now").
pub(crate) fn same_object(a: &str, b: &str) -> bool {
    let a = object_words(a);
    object_words(b).iter().any(|w| a.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocked(answer: &str) -> bool {
        !from_blockers_answer(answer, "U1").is_empty()
    }

    /// Short and dialect forms of "cannot go on" in a text with no blockers
    /// question: "can't start it til …", "solange häng ich fest", "ohne
    /// die kann ich's ned fertig machen", "I cannot calculate anything now".
    #[test]
    fn short_and_dialect_forms_of_cannot_go_on_are_read() {
        for line in [
            "can't start the dig til the council issues the licence",
            "Klinik Nord hat die Zugangsdaten nicht geschickt, solange häng ich fest",
            "Saiten fehlen, ohne die kann ich den Flügel ned fertig machen",
            "the actuary still not sent the factors, so I cannot calculate anything now",
        ] {
            assert!(!in_text(line, "U1").is_empty(), "{line}");
        }
        for line in [
            "I can't remember anything about that ticket",
            "ohne Hilfe ging es auch, ich hänge heute die Bilder auf",
        ] {
            assert!(in_text(line, "U1").is_empty(), "{line}");
        }
    }

    /// The question's word echoed before the "no" is still a no.
    #[test]
    fn the_question_word_then_no_is_a_no() {
        for line in [
            "stuck no, only busy with the audit",
            "blockers no",
            "bloqueos no, todo bien",
            "blocage non, juste beaucoup de mails",
            "bloqueios não :)",
            "blockiert nein, nur viel zu tun",
        ] {
            assert!(after_negation(line).is_some(), "{line}");
            assert!(!blocked(line), "{line}");
        }
        assert!(blocked("stuck on the VPN, no access to prod"));
    }

    /// News that the awaited thing came, in five languages and any
    /// person; not when denied, conditional, asked, still holding the
    /// author up, or done by the author.
    #[test]
    fn news_that_it_came_is_read_in_every_language() {
        for line in [
            "the replacement board arrived this morning",
            "Halvorsen replied, the login works",
            "got the signed forms from HR just now",
            "les badges sont arrivés",
            "l'ABF vient d'accepter la variante",
            "ya llegaron las piezas",
            "el ayuntamiento contestó que sí",
            "a peça chegou agora",
            "o parecer foi aprovado",
            "die Ersatzteile sind heute angekommen",
            "der Kunde hat gerade geantwortet",
        ] {
            assert!(says_it_came(line), "{line}");
        }
        for line in [
            "the replacement board still hasn't arrived",
            "as soon as the board arrives I fit it",
            "did the board arrive?",
            "I sent them the form again",
            "j'ai envoyé le formulaire",
            "it has to be the approved version",
            "la pieza no llegó",
            "a peça ainda não chegou",
            "die Teile sind noch nicht da",
            "the truck is on the way",
            "Opened a ticket with the vendor on Monday",
            "sent the form again, nothing back",
        ] {
            assert!(!says_it_came(line), "{line}");
        }
    }

    /// Two texts share what is awaited when they share a name, a ticket
    /// or a longer word; common words link nothing.
    #[test]
    fn the_same_object_is_a_shared_name_or_longer_word() {
        assert!(same_object(
            "still no statement from Butterfield",
            "Butterfield sent it"
        ));
        assert!(same_object(
            "waiting on CHG-77310",
            "o CHG-77310 foi aprovado"
        ));
        assert!(same_object(
            "l'échafaudage n'est pas livré",
            "échafaudage arrivé"
        ));
        assert!(!same_object(
            "waiting since yesterday for it",
            "it arrived yesterday"
        ));
        assert!(!same_object("the council permit", "the toner arrived"));
    }

    #[test]
    fn someone_outside_not_answering_holds_the_author_up() {
        for line in [
            "I must call the council because they are not answering the emails since two weeks",
            "still no signed proof, they've been silent since Thursday",
            "Blocage : RTE ne répond pas sur l'écart de 14 k€, je relance demain",
            "el proveedor no contesta desde el lunes",
            "el permiso de ANAC sigue trabado, presenté todo hace 3 semanas",
            "o fornecedor não responde desde segunda",
            "die Spedition antwortet seit Tagen nicht",
            "vom Zoll noch keine Rückmeldung",
        ] {
            assert!(!in_text(line, "U1").is_empty(), "{line}");
        }
        // Said as the meantime of a workaround, or in the past, it is not.
        for line in [
            "Enquanto não respondem, pus os rapazes no servidor de backup, tem mais lag mas dá.",
            "While they don't answer, I do the other languages",
            "Mientras no contestan, sigo con la web",
            "la semaine dernière ils ne répondaient pas",
            "letzte Woche war es noch ein Problem",
        ] {
            assert!(in_text(line, "U1").is_empty(), "{line}");
        }
    }

    #[test]
    fn a_pronoun_or_adverb_before_cannot_keeps_the_blocker() {
        // An object pronoun or a "da" between the no and the can: the
        // author still cannot go on.
        for line in [
            "the spare motor is at customs and without it I can't repair it",
            "le moteur est en douane et sans lui je ne peux pas la réparer",
            "el motor lo tiene aduana desde el jueves y sin él no la puedo reparar",
            "o contrato não chegou e sem isso não o posso publicar",
            "das Zertifikat kommt Montag, bis dahin kann ich da nichts machen",
        ] {
            assert!(!in_text(line, "U1").is_empty(), "{line}");
        }
    }

    #[test]
    fn an_echoed_label_with_a_bare_no_is_no_blocker() {
        // A custom question's label ("stuck", "stopping me") echoed with
        // nothing after it but a "no", read in a free-form update.
        for line in [
            "stuck: nothing",
            "Stopping me: nothing",
            "Hängt: nix",
            "Coincé : rien",
            "Trabado: nada",
            "Travando: nada",
        ] {
            assert!(in_text(line, "U1").is_empty(), "{line}");
            assert!(!blocked(line), "{line}");
        }
        // A label with a real answer stays a blocker.
        assert!(!in_text("stuck: waiting on the API key from <@U2>", "U1").is_empty());
        assert!(blocked("Hängt: der Zugang zum Server fehlt noch"));
    }

    #[test]
    fn what_lets_the_author_go_on_withdraws_the_blocker() {
        for note in [
            "<@U2> perfect, with that I can close the comparison",
            "<@U2> perfecto, con eso ya puedo cerrar el comparativo 👍",
            "<@U2> super, damit kann ich jetzt die Abrechnung abschließen",
            "<@U2> parfait, avec ça je peux finir le devis",
            "<@U2> ótimo, com isso já consigo fechar o orçamento",
        ] {
            assert_eq!(denial(note), Some(Denial::Withdrawn), "{note}");
        }
        // A condition or a question promises nothing yet.
        for note in [
            "if you send it today, with that I can close the comparison",
            "si me lo mandas, con eso ya puedo cerrar",
            "<@U2> with that can I close it?",
        ] {
            assert_ne!(denial(note), Some(Denial::Withdrawn), "{note}");
        }
    }

    #[test]
    fn an_echoed_label_with_a_no_inside_a_longer_answer_is_no_blocker() {
        for answer in [
            "Focus: the chatbot training. Stuck: nothing. FYI: chat volume is up 40%.",
            ":snail: slowing me: nothing, all good",
            "stuck - no",
            "Fokus: Schulung. Hängt: nix. FYI: Volumen +40 %.",
            "Priorité : la formation. Coincé : rien. FYI : volume en hausse.",
            "Prioridad: el chatbot. Trabado: nada. FYI: sube el volumen.",
            "Prioridade: treinar o chatbot. Travando: nada. FYI: o volume subiu 40%.",
        ] {
            assert!(!blocked(answer), "{answer}");
            assert!(in_text(answer, "U1").is_empty(), "{answer}");
        }
    }

    #[test]
    fn an_echoed_label_then_a_qualified_no_is_no_blocker() {
        for answer in [
            "slowing me down: nothing really, the O2 level is annoying but the samples survive it",
            "bremst mich: nicht wirklich, das WLAN nervt halt",
            "Freins : rien de spécial, le VPN est lent",
            "Frenos: nada especial, la VPN va lenta",
            "Atrasos: nada de especial, a VPN está lenta",
        ] {
            assert!(!blocked(answer), "{answer}");
            assert!(in_text(answer, "U1").is_empty(), "{answer}");
        }
        // A "but" with something that stops them is still a blocker, and
        // so is a "no" about news followed by a wait.
        assert!(blocked(
            "slowing me down: nothing really, but I can't deploy until <@U2> approves"
        ));
        assert!(!in_text("T: nothing new, I'm stuck on the flaky VPN", "U1").is_empty());
        assert!(!in_text("nada nuevo, estoy bloqueado con la VPN", "U1").is_empty());
    }

    #[test]
    fn no_help_needed_and_nothing_slowing_are_no_blockers() {
        for answer in [
            "the pump part arrives tomorrow, no help needed for now",
            "Nothing slowing me down.",
            "das Ersatzteil kommt morgen, ich brauche keine Hilfe",
            "nichts bremst mich gerade",
            "la pièce arrive demain, pas besoin d'aide",
            "la pieza llega mañana, no necesito ayuda por ahora",
            "a peça chega amanhã pela WEG não preciso de ajuda por enquanto",
        ] {
            assert!(!blocked(answer), "{answer}");
            assert!(in_text(answer, "U1").is_empty(), "{answer}");
        }
    }

    #[test]
    fn a_none_word_before_the_state_is_no_blocker() {
        for answer in [
            "nothing stuck",
            "Nix blockiert",
            "rien de coincé",
            "nada atascado",
            "nada travando",
            "Nada travando, só o relatório do contador que ainda não chegou, mas só preciso dele semana que vem",
        ] {
            assert!(!blocked(answer), "{answer}");
            assert!(in_text(answer, "U1").is_empty(), "{answer}");
        }
    }

    #[test]
    fn qualified_noes_are_no_blockers() {
        for answer in [
            "pas vraiment. Lundi j'attendais le badge, il est arrivé",
            "not yet, I'll want the logo files at some point",
            "nada de especial, só o build que demora",
            "nichts Ernstes, nur das WLAN im Büro",
            "juste trop de réunions, rien de grave",
            "only meetings today",
            "muchas reuniones hoy, nada más",
            "ich warte auf nichts, alles gut",
            "je n'attends rien de personne",
            "the laptop is slow since the update, it's annoying but I can work",
        ] {
            assert!(!blocked(answer), "{answer}");
        }
        // “Not yet” with words after it is no bare “no”.
        assert!(blocked(
            "todavía no me mandaron el token, así que no puedo probar"
        ));
        assert!(blocked("ainda não recebi a chave, estou parado"));
        // A minor complaint next to a real wait is still a blocker.
        assert!(blocked(
            "rien de grave, mais j'attends toujours les accès prod"
        ));
        assert!(blocked(
            "too many meetings and I can't deploy until <@U2> approves"
        ));
        assert!(blocked(
            "only the calls to the card API are timing out in staging"
        ));
    }

    #[test]
    fn questions_under_the_blockers_label_are_no_blockers() {
        for answer in [
            "just a question: is the demo at 3 or at 4?",
            "Frage: ist das Offsite im Juni?",
            "pergunta — alguém sabe se o deploy de sexta ainda vai?",
            "une question plutôt qu'un bloquant : on garde le vieux logo ?",
            "<@U2> do we still have the retro on Friday?",
        ] {
            assert!(!blocked(answer), "{answer}");
        }
        // A request for what the author needs stays a blocker.
        assert!(blocked("<@U2> can you give me access to the prod bucket?"));
        assert!(blocked(
            "question: is the VPN down for everyone? I can't connect"
        ));
    }

    #[test]
    fn someone_elses_problem_said_to_be_theirs_is_no_blocker() {
        for item in [
            "FYI sales is blocked by the CRM outage, not ours",
            "Le client, lui, est bloqué par son proxy, c'est leur souci",
        ] {
            assert!(super::in_text(item, "U1").is_empty(), "{item}");
        }
        let two = "Their admins are blocked out of the console. So it is not our blocker.";
        assert!(super::in_text(two, "U1").is_empty());
    }

    #[test]
    fn a_condition_on_someone_else_is_a_risk() {
        assert!(!blocked(
            "si finanzas no aprueba antes del lunes nos vamos a bloquear; de momento sigo"
        ));
        assert!(!blocked(
            "se o fornecedor não responder até sexta eu paro; hoje sigo"
        ));
    }

    #[test]
    fn a_wait_that_begins_on_a_day_ahead_is_a_risk() {
        assert!(!blocked(
            "the licence runs out on Friday and nobody has renewed it, so from Monday we are blocked"
        ));
        assert!(!blocked("le bail expire, à partir de lundi on est bloqués"));
        assert!(!blocked(
            "la póliza vence, a partir del lunes estamos parados"
        ));
        assert!(!blocked(
            "o alvará vence, a partir de segunda ficamos travados"
        ));
        assert!(!blocked(
            "das Zertifikat läuft ab, ab Montag sind wir blockiert"
        ));
        assert!(!blocked("after the freeze I'll be stuck on the release"));
        assert!(!blocked(
            "après la migration je serai bloqué sur les exports"
        ));
        assert!(!blocked(
            "después del cierre estaré bloqueado con los informes"
        ));
        assert!(!blocked("depois do fecho vou ficar travado nos relatórios"));
        assert!(!blocked("nach dem Umzug werde ich blockiert sein"));
        assert!(blocked("still no answer from the landlord, so I'm stuck"));
        assert!(blocked(
            "no trucks until Wednesday, fees run from tomorrow and I can't move the boxes until trucks come"
        ));
    }

    #[test]
    fn a_lack_whose_consequence_is_conditional_is_a_risk() {
        assert!(!blocked(
            "we're short of two harnesses, if they don't arrive this week I can't send the new crew up"
        ));
        assert!(!blocked(
            "il manque deux casques, si on ne les reçoit pas d'ici jeudi je ne peux pas commencer sans eux"
        ));
        assert!(!blocked(
            "faltan dos arneses, si no llegan esta semana no puedo subir al equipo nuevo"
        ));
        assert!(!blocked(
            "faltam dois capacetes, se não chegarem esta semana não consigo escalar a equipa"
        ));
        assert!(blocked(
            "still no answer from the supplier about the harnesses, if nothing comes by Friday I can't train the crew"
        ));
    }

    #[test]
    fn blocking_nothing_today_plays_a_risk_down() {
        let none = |s: &str| in_text(s, "U1").is_empty();
        assert!(none(
            "Watch out: we might be late for the audit if the dry run slips, but that blocks nothing today."
        ));
        assert!(none(
            "Attention : on risque d'être bloqués si la recette glisse, mais ça ne bloque rien aujourd'hui."
        ));
        assert!(none(
            "Ojo: la auditoría está bloqueada por el proveedor, pero no me bloquea nada hoy."
        ));
        assert!(none(
            "Atenção: a auditoria está bloqueada pelo fornecedor, mas não me bloqueia nada hoje."
        ));
        assert!(none(
            "Achtung: wir könnten in Verzug kommen, falls das Probeaudit rutscht, aber das blockiert nichts."
        ));
    }

    #[test]
    fn nothing_to_be_done_at_the_machine_is_a_blocker() {
        assert!(has_blocker_phrase(
            "Die Dichtung kommt erst Dienstag, bis dahin kann ich an der Pumpe nichts machen."
        ));
        assert!(has_blocker_phrase(
            "Das Teil fehlt, solange kann ich beim Kompressor nix tun."
        ));
    }

    #[test]
    fn a_blocker_that_points_back_waits_on_the_one_named_before() {
        let by = |item: &str| {
            in_text(item, "U1")
                .first()
                .and_then(|f| f.blocked_by.clone())
        };
        let item = "Only <@U2> knows the old schema. Without her notes I can't finish the mapping.";
        assert_eq!(by(item).as_deref(), Some("U2"));
        let item =
            "<@U2> owns the base image. Então o upgrade fica parado até ele voltar, não tem como.";
        assert_eq!(by(item).as_deref(), Some("U2"));
        // Nothing points back: the blocker names nobody.
        let item = "<@U2> helped with the tests. The VPN is still down and I can't deploy until IT fixes it.";
        assert_eq!(by(item), None);
    }

    #[test]
    fn blockers_said_without_the_usual_words() {
        for s in [
            "I need the DNS change and there is nothing I can do but wait",
            "necesito que alguien de redes abra el puerto, sin eso los tests no corren",
            "preciso que o jurídico aprove o texto",
            "j'ai toujours pas les droits sur le dépôt, tant que c'est pas fait je peux rien tester",
            "ich häng weiterhin am Release, die Freigabe fehlt",
            "the access to the billing bucket is still not granted",
            "la migración queda frenada hasta que seguridad la apruebe",
            "o upgrade fica parado até ele voltar, não tem como eu contornar",
        ] {
            assert!(!super::in_text(s, "U1").is_empty(), "{s}");
        }
    }

    #[test]
    fn stuck_on_nothing_said_state_first_is_no_blocker() {
        for sentence in [
            "Travada em nada.",
            "atascado en nada",
            "bloqué sur rien",
            "hänge an nichts",
            "stuck on nothing",
        ] {
            assert!(!has_blocker_phrase(sentence), "{sentence}");
            assert!(in_text(sentence, "U1").is_empty(), "{sentence}");
        }
        assert!(has_blocker_phrase("Travada no login do portal"));
    }

    #[test]
    fn a_blocker_named_a_risk_instead_is_no_blocker() {
        for answer in [
            "Risks — it needs <@U2> to review and she's drowning, so a risk more than a blocker",
            "il faut que <@U2> relise et elle est débordée, plus un risque qu'un blocage",
            "necesito que <@U2> lo revise y está a tope, más un riesgo que un bloqueo",
            "preciso que <@U2> revise e ela tá atolada, mais um risco do que um bloqueio",
            "ich brauche jemanden, der gegenliest, eher ein Risiko als ein Blocker",
        ] {
            assert!(!blocked(answer), "{answer}");
        }
        assert!(blocked("it needs <@U2> to review and she's drowning"));
    }

    #[test]
    fn a_blocker_almost_said_then_taken_back_is_no_blocker() {
        for answer in [
            "was going to say the POS is down but it literally just came back, so nope",
            "ich hätt fast gesagt ich bin blockiert, weil der Schlüssel weg ist, aber die Resi hat ihn",
            "j'allais dire que la caisse est en panne, mais elle vient de revenir",
            "iba a decir que el TPV está caído, pero ya volvió",
            "ia dizer que a maquininha caiu, mas já voltou",
        ] {
            assert!(!blocked(answer), "{answer}");
            assert!(in_text(answer, "U1").is_empty(), "{answer}");
        }
        assert!(blocked(
            "was going to say the POS is down but now I'm stuck on the printer"
        ));
    }
}

/// Blockers read from whole standups: the summary's blocked people.
#[cfg(test)]
mod standup_tests {
    use super::super::summarize;
    use super::super::tests::standup_with;

    const QUESTIONS: [&str; 3] = [
        "What did you do since the last standup?",
        "What will you do today?",
        "Anything blocking you?",
    ];

    /// The people the summary lists as blocked, with whom they wait on.
    fn blocked(entries: &[(&str, &[&str])]) -> Vec<(String, Option<String>)> {
        summarize(&standup_with(&QUESTIONS, "2026-11-25", entries))
            .blockers
            .into_iter()
            .map(|b| (b.user, b.blocked_by))
            .collect()
    }

    fn nobody_blocked(answer: &str) {
        let b = blocked(&[("U1", &["the report", "the review", answer])]);
        assert!(b.is_empty(), "{answer}: {b:?}");
    }

    #[test]
    fn a_no_said_with_its_time_or_side_is_no_blocker() {
        for answer in [
            "não",
            "pas pour l'instant.",
            "nothing from my side.",
            "nada por mi lado",
            "por enquanto, nada",
            "von mir nichts",
        ] {
            nobody_blocked(answer);
        }
    }

    #[test]
    fn a_wait_told_in_the_past_that_turned_is_no_blocker() {
        for answer in [
            "war bis heute früh auf den Zugang angewiesen, <@U2> hat's freigeschaltet – also keine mehr.",
            "estaba esperando el review de <@U2> pero me lo aprobó esta mañana, así que ninguno",
            "estava à espera da chave da API, mas chegou ontem à noite, já está tudo ok",
            "esperaba los permisos de <@U2> para el esquema, pero me los acaba de dar :tada:",
            "j'attendais le justificatif de <@U2>, mais je viens de le recevoir, donc ok",
            "estava esperando o extrato do banco, chegou agora de manhã",
            "War bis gestern ohne Zugang zum Telefonie-Tool, aber das hat <@U2> gefixt",
        ] {
            nobody_blocked(answer);
        }
        // The turn that brings a new wait keeps the author blocked.
        let b = blocked(&[(
            "U1",
            &[
                "the report",
                "the review",
                "I was waiting on legal but now I'm waiting on <@U3> for the numbers",
            ],
        )]);
        assert_eq!(b.len(), 1, "{b:?}");
    }

    #[test]
    fn the_authors_later_word_that_it_works_again_ends_the_blocker() {
        for (blocker, later) in [
            (
                "need a decision from <@U2> on the scope, can't finalize the spec until then",
                "perfect, that unblocks me :+1:",
            ),
            (
                "I am waiting the answer of <@U2> about the country, without this I cannot publish",
                "ah perfect, thank you very much, then I can go on with the numbers",
            ),
            (
                "das Testgerät bootet nicht mehr, ohne das kann ich nicht testen",
                "hab's gefunden, läuft! danke",
            ),
            (
                "ainda tô sem acesso ao console da Apple, sem isso não consigo testar",
                "valeu <@U2>, entrou aqui, já tô no console",
            ),
            (
                "necesito que <@U2> firme el CHG-5530, hasta que firme no puedo tocar prod",
                "Update: Gabriel firmó el CHG-5530 hace un momento",
            ),
            (
                "esperando que el cliente nos dé la VPN",
                "ya tengo la VPN, todo ok",
            ),
            (
                "je n'arrive pas à me connecter à Productboard (erreur SSO)",
                "ok c'était juste le cache du navigateur, c'est reparti",
            ),
        ] {
            let b = blocked(&[("U1", &["the report", "the review", blocker, later])]);
            assert!(b.is_empty(), "{later}: {b:?}");
        }
        // A question is no such word.
        let b = blocked(&[(
            "U1",
            &[
                "the report",
                "the review",
                "waiting on <@U2> for the keys",
                "did it work for anyone else?",
            ],
        )]);
        assert_eq!(b.len(), 1);
        // News for a teammate stays theirs: it unblocks the one addressed.
        let b = blocked(&[
            (
                "U1",
                &["the report", "the review", "blocked on <@U2>'s RFC answers"],
            ),
            (
                "U2",
                &[
                    "the RFC",
                    "comments",
                    "none",
                    "<@U1> answered all the comments, you should be unblocked now",
                ],
            ),
        ]);
        assert!(b.is_empty(), "{b:?}");
    }

    #[test]
    fn words_that_echo_the_blockers_question_head_its_answer() {
        // One message for the three questions, the blockers part headed in
        // the member's words: what follows is read as the blockers answer.
        for answer in [
            "Erledigt: Laptops aufgesetzt\nHeute: MDM prüfen\nWas hält mich auf: die Dockingstations hängen beim Zoll",
            "Hice: 38 tickets\nVoy a hacer: la cola\nMe frena: no tengo permisos para los reembolsos grandes",
            "Yesterday I did the failover test. Today pgbouncer. Regarding blockers, the firewall rule between the subnets is not open.",
            "Yesterday the webinar deck. Today the dry run. Blockers-wise, the speaker bio from the VP never came.",
        ] {
            let b = blocked(&[("U1", &[answer])]);
            assert_eq!(b.len(), 1, "{answer}: {b:?}");
        }
        // … and a "no" under such a head is a no.
        for answer in [
            "Hab am Freitag die Makros gebaut. Heute roll ich sie aus. Hänge fest: nein, aber ich fänd's gut, wenn jemand drüberschaut",
            "Freitag: Queue\nHeute: Eskalationen\nFesthängen: nirgends :sunny:",
        ] {
            let b = blocked(&[("U1", &[answer])]);
            assert!(b.is_empty(), "{answer}: {b:?}");
        }
    }

    #[test]
    fn an_appeal_after_a_blocker_names_whom_it_waits_on() {
        for answer in [
            "*Yesterday*\n• smoke tests\n*Today*\n• regression\n*Blockers*\n• the rc2 build has no debug menu, so I can't switch environments. <@U2> can you cut a build with the flag on?",
            "*Gestern*\n• Lasttest\n*Heute*\n• Auswertung\n*Blocker*\nkomme nicht auf die Grafana-Dashboards, mein Zugang ist weg. <@U2> hab dich gestern angeschrieben",
        ] {
            let b = blocked(&[("U1", &[answer])]);
            assert_eq!(b, [("U1".to_string(), Some("U2".to_string()))], "{answer}");
        }
    }

    #[test]
    fn a_party_that_has_not_answered_or_sent_holds_the_author_up() {
        for answer in [
            "preciso do certificado SAML do cliente, o TI deles ainda não mandou",
            "sans un correctif de <@U2> je n'ai rien à leur proposer, et il ne m'a pas répondu depuis lundi",
            "I asked <@U2> two weeks ago if product wants dark mode in this release and still he didn't answer me",
            "I don't have yet the firewall rule, so until this is opened the replicas are not really usable",
        ] {
            let b = blocked(&[("U1", &["the report", "the review", answer])]);
            assert_eq!(b.len(), 1, "{answer}");
        }
        // A risk that is "not yet" a blocker is none, and what the author
        // has not answered is their own work.
        nobody_blocked("quizá nos bloquee la migración de Looker, pero todavía no");
        let b = blocked(&[(
            "U1",
            &[
                "I didn't answer the survey yet, was sick",
                "the review",
                "none",
            ],
        )]);
        assert!(b.is_empty(), "{b:?}");
    }

    #[test]
    fn trouble_the_author_shrugs_off_or_disowns_is_no_blocker() {
        for answer in [
            "the dashboards still show last week's data, but data eng said it's a known lag and it's fine for what I need",
            "my laptop is very slow since the update but is fine, I survive.",
            "no blockers but Figma is very slow today :snail:",
            "none but the seed script is still annoying, I'm working around it with manual SQL",
            "none, although <@U2> keeps saying he's blocked on printing — that's his problem I'm fixing today, not mine",
            "nope. fyi the `ci-runners` pool shows as Blocked on the capacity board, that's just the quota flag",
        ] {
            nobody_blocked(answer);
        }
        // A "no" with a real outage after it is still a blocker.
        let b = blocked(&[(
            "U1",
            &["the report", "the review", "none, but staging is down"],
        )]);
        assert_eq!(b.len(), 1);
    }

    #[test]
    fn a_denial_said_after_the_word_or_without_object_is_no_blocker() {
        for answer in [
            "Y: notes. T: slides. Bloqueado no, aunque el proveedor quizá nos bloquee en enero",
            "Y: notes. T: slides. Blocked - nope.",
            "Y: Notizen. T: Folien. Blockiert bin ich nicht wirklich, den Zugang brauche ich erst im Januar.",
        ] {
            nobody_blocked(answer);
        }
        // A later sentence that says the lack does not block takes it back.
        assert!(super::in_text(
            "My new monitor still hasn't arrived. It doesn't block, just slower.",
            "U1"
        )
        .is_empty());
        assert!(super::in_text(
            "O cabo novo ainda não chegou. Não bloqueia, só é chato.",
            "U1"
        )
        .is_empty());
        // "No blockers otherwise" speaks of the rest.
        assert!(!super::in_text(
            "Still waiting on the VPN token. Not blocking anything else otherwise.",
            "U1"
        )
        .is_empty());
    }

    #[test]
    fn an_echoed_question_heads_the_answer_and_a_risk_is_no_blocker() {
        nobody_blocked("today more tests. blocked? a little, I was waiting on <@U2> but she answered, so it's ok now");
        nobody_blocked("hier : tests\naujourd'hui : doc\nbloqué : pas vraiment, on risque d'être bloqués le mois prochain si le fournisseur tarde");
        nobody_blocked(
            "Y: tests. T: docs. We risk being blocked next sprint if the vendor is late.",
        );
    }

    #[test]
    fn a_blocker_now_that_risks_dragging_on_is_still_a_blocker() {
        for answer in [
            "pas d'accès au bucket de prod, j'ai fait la demande mais ça risque de traîner",
            "no access to the prod bucket yet, asked IT, and it risks taking all week",
            "sin acceso al bucket de prod, lo pedí pero hay riesgo de que tarde",
        ] {
            let b = blocked(&[("U1", &["the report", "the review", answer])]);
            assert_eq!(b.len(), 1, "{answer}: {b:?}");
        }
    }

    #[test]
    fn another_persons_state_inside_a_request_is_not_the_authors() {
        nobody_blocked("<@U2> can you cover the release notes while he's stuck on the VPN?");
        nobody_blocked(
            "<@U2> peux-tu reprendre la démo pendant qu'elle est bloquée sur le build ?",
        );
    }

    #[test]
    fn a_reply_that_promises_or_thanks_does_not_end_the_blocker() {
        // A present tense with a time to come is a promise, not news.
        let b = blocked(&[
            (
                "U1",
                &["x", "y", "preciso da aprovação do <@U2> para publicar"],
            ),
            ("U2", &["<@U1> aprovo hoje à tarde, prometo"]),
            ("U1", &["obrigado <@U2>!"]),
        ]);
        assert_eq!(b.len(), 1);
        let b = blocked(&[
            ("U1", &["x", "y", "ich warte auf die Freigabe von <@U2>"]),
            (
                "U2",
                &["<@U1> sorry, ich gebe es heute bis 12 Uhr frei, versprochen"],
            ),
            ("U1", &["danke!"]),
        ]);
        assert_eq!(b.len(), 1);
        // Thanking the one who unblocked you does not unblock them.
        let b = blocked(&[
            (
                "U2",
                &[
                    "x",
                    "y",
                    "need legal's approval for the banner, can't ship without it",
                ],
            ),
            ("U1", &["x", "y", "waiting on the numbers"]),
            ("U1", &["got them, thanks <@U2>! I'm unblocked"]),
        ]);
        assert_eq!(b.len(), 1);
        // What is awaited, said in a condition, is no news of it.
        let b = blocked(&[
            (
                "U1",
                &[
                    "x",
                    "y",
                    "the probe is still at the lab, that's holding me up",
                ],
            ),
            ("U1", &["TODO: redo the budget once the probe is back"]),
        ]);
        assert_eq!(b.len(), 1);
        // News after a word of courtesy still ends the blocker.
        let b = blocked(&[
            (
                "U1",
                &[
                    "x",
                    "y",
                    "waiting on <@U2> to approve the plan, no answer still",
                ],
            ),
            (
                "U2",
                &["sorry <@U1>, missed it. Approved the plan, you can run it tonight"],
            ),
        ]);
        assert!(b.is_empty());
    }

    #[test]
    fn a_not_directly_answer_is_a_qualified_no() {
        for answer in [
            "not directly, only the wiki search is sluggish",
            "nicht direkt, nur der Drucker im 3. Stock spinnt manchmal",
            "nichts direkt, nur dass der Rahmenvertrag noch offen ist",
            "pas directement, juste la VM de test qui rame",
            "no directamente, solo que la impresora falla a veces",
            "não diretamente, só o Slack que anda lento",
        ] {
            nobody_blocked(answer);
        }
    }

    #[test]
    fn a_second_look_wished_for_after_a_no_is_no_blocker() {
        for answer in [
            "no, but I'd need someone to review the migration before Friday",
            "no, pero necesito que alguien revise la consulta antes de lanzarla",
            "non, mais j'ai besoin que quelqu'un relise le contrat avant l'envoi",
            "nein, aber jemand müsste die Doku gegenlesen",
        ] {
            nobody_blocked(answer);
        }
        // Something awaited after the "no" still holds the author up.
        let b = blocked(&[(
            "U1",
            &[
                "x",
                "y",
                "no, pero necesito que alguien revise el PR, sigo esperando desde el lunes",
            ],
        )]);
        assert_eq!(b.len(), 1);
    }

    #[test]
    fn a_lead_asking_what_happens_if_an_answer_stays_out_is_no_blocker() {
        for answer in [
            "<@U2> si mañana el banco sigue sin responder, lo escalamos",
            "<@U2> si demain le fournisseur ne répond toujours pas, on escalade",
            "<@U2> se amanhã o cliente não responder, a gente escala",
        ] {
            let b = blocked(&[
                ("U2", &["x", "y", "waiting on the bank's reply"]),
                ("U3", &["a", "b", "none", answer]),
            ]);
            assert_eq!(b, [("U2".to_string(), None)], "{answer}");
        }
    }

    #[test]
    fn no_work_until_something_comes_is_a_blocker_in_german_with_kein_too() {
        // "nicht" was read; "keine Platten", "keinen Export" say the same.
        for plan in [
            "die Bilddaten sind RGB, daraus kann ich keine Platten machen, bis die Agentur neue Daten schickt",
            "Export: kann ich keinen Lauf starten, solange die Freigabe fehlt",
            "Angebot fertig machen, kann ich aber nicht abschicken, bis die Preise da sind",
        ] {
            let b = blocked(&[("U1", &[plan])]);
            assert_eq!(b.len(), 1, "{plan}: {b:?}");
        }
        // A plan with a day and "kein" elsewhere waits on nothing.
        let b = blocked(&[(
            "U1",
            &[
                "x",
                "keine Probleme, die Auswertung kann ich bis Freitag fertig machen",
                "nein",
            ],
        )]);
        assert!(b.is_empty(), "{b:?}");
    }

    #[test]
    fn work_possible_only_once_something_comes_is_a_blocker() {
        for plan in [
            "Heute die Preise anpassen, das geht aber erst, wenn die Buchhaltung die Liste schickt",
            "die Rechnungen prüfen, kann ich aber erst, sobald der Export da ist",
            // The verb after "erst", the subject first: "Den kann ich erst
            // einspielen, wenn …", "ich kann die Druckprobe erst machen, wenn …".
            "Den Gebührensatz kann ich erst einspielen, wenn die Kalkulation da ist",
            "ich kann die Druckprobe erst machen, wenn die Elektrik den Schaltschrank freigibt",
            "I can only start the rollout once the security team signs the form",
            "cerrar el informe, solo puedo enviarlo cuando finanzas me pase las cifras",
            "publicar o app, só consigo subir quando a Apple liberar a conta",
            "je ne peux lancer l'import qu'une fois que la DSI ouvre le port",
        ] {
            // The plan holds the blocker; "see above" points to it.
            let b = blocked(&[("U1", &["x", plan, "see above"])]);
            assert!(b.iter().any(|(u, _)| u == "U1"), "{plan}: {b:?}");
            let b = blocked(&[("U1", &[plan])]);
            assert_eq!(b.len(), 1, "{plan}: {b:?}");
        }
        // A rhythm is not a wait.
        nobody_blocked("none. I can only deploy once a week anyway");
    }

    #[test]
    fn an_ask_right_after_a_blocker_in_the_plan_names_whom_it_waits_on() {
        for plan in [
            "T: finish the invoice run, but I can't close it until I have the FX rates. <@U2> could you export them today?",
            "H: Angebot fertig machen, kann ich aber nicht abschicken, solange die Preise fehlen. <@U2> kannst du mir die schicken?",
        ] {
            let b = blocked(&[("U1", &[&format!("Y: report\n{plan}\nB: see above")])]);
            assert!(b.iter().all(|(_, by)| by.is_none() || by.as_deref() == Some("U2")), "{plan}: {b:?}");
            assert!(b.iter().any(|(_, by)| by.as_deref() == Some("U2")), "{plan}: {b:?}");
        }
    }

    #[test]
    fn now_it_works_said_first_ends_the_blocker() {
        for word in [
            "yes now is working, thanks!",
            "ok now it works, deploying",
            "ahora sí funciona, gracias",
            "agora funciona, valeu",
            "maintenant ça marche, merci",
            "jetzt läuft's, danke",
        ] {
            let b = blocked(&[
                (
                    "U1",
                    &[
                        "x",
                        "y",
                        "the build server times out, I cannot publish until someone restarts it",
                    ],
                ),
                ("U2", &["<@U1> restarted it, try again"]),
                ("U1", &[word]),
            ]);
            assert!(b.is_empty(), "{word}: {b:?}");
        }
    }

    #[test]
    fn talking_to_someone_in_the_present_is_still_to_come() {
        for reply in [
            "<@U1> I talk with finance today about the PO",
            "<@U1> ich rede heute mit dem Einkauf",
            "<@U1> hablo hoy con compras",
            "<@U1> falo com o jurídico hoje",
        ] {
            let b = blocked(&[
                ("U1", &["x", "y", "the vendor stopped, the PO is expired, nothing comes until procurement renews it"]),
                ("U2", &[reply]),
                ("U1", &["thank you!"]),
            ]);
            assert_eq!(b.len(), 1, "{reply}");
        }
    }

    #[test]
    fn a_no_that_turns_down_an_offer_keeps_the_blocker() {
        for offer_and_no in [
            (
                "<@U1> want my old test keys? they might still work",
                "no, they are for another tenant, thanks though",
            ),
            (
                "<@U1> ¿te paso mi token del año pasado?",
                "no, es de otro entorno, gracias",
            ),
            (
                "<@U1> soll ich dir meinen Zugang leihen?",
                "nein, das ist ein anderes Projekt, danke",
            ),
            (
                "<@U1> quer que eu te passe meu login?",
                "não, é outro ambiente, valeu",
            ),
        ] {
            // Answers come grouped per member: the "no" is a later reply of theirs.
            let b = blocked(&[
                (
                    "U1",
                    &[
                        "x",
                        "y",
                        "waiting since Monday for the customer's sandbox keys, can't test without them",
                        offer_and_no.1,
                    ],
                ),
                ("U2", &["a", "b", "none", offer_and_no.0]),
            ]);
            assert_eq!(b.len(), 1, "{offer_and_no:?}");
        }
        // A "no" that speaks of blockers still takes the author's back.
        let b = blocked(&[(
            "U1",
            &[
                "x",
                "y",
                "waiting for the staging DB",
                "no blockers any more, the DB is back",
            ],
        )]);
        assert!(b.is_empty(), "{b:?}");
    }

    #[test]
    fn a_done_reply_to_someone_else_leaves_the_authors_blocker() {
        for reply in [
            "<@U2> approved, left two small comments",
            "<@U2> aprobado, dejé un comentario",
            "<@U2> freigegeben, nur zwei Anmerkungen",
            "<@U2> aprovado, só deixei um comentário",
        ] {
            let b = blocked(&[
                ("U1", &["x", "y", "no access to the prod bucket, asked the platform team on Friday and nothing yet"]),
                ("U1", &[reply]),
            ]);
            assert_eq!(b.len(), 1, "{reply}");
        }
    }

    #[test]
    fn trouble_that_holds_one_back_with_a_workaround_is_a_blocker() {
        for answer in [
            "the VPN keeps dropping, slowing me down but I can work",
            "el proxy me frena, pero puedo avanzar con otra cosa",
            "der Rechner hängt ständig, bremst mich aus, aber ich kann arbeiten",
            "le wifi me ralentit, mais je peux bosser",
            "a rede tá me atrasando, mas dá pra trabalhar",
        ] {
            let b = blocked(&[("U1", &["x", "y", answer])]);
            assert_eq!(b.len(), 1, "{answer}");
        }
        // A "no" first, or no trouble named, stays a "no".
        nobody_blocked("no blockers, the sandbox is slow but I can work");
        nobody_blocked("it's annoying but I can work");
    }

    /// A "no" said in a regional form, with a side or for whom, a delay
    /// that leaves slack, a trouble not yet a problem, and a "blocks
    /// nothing yet" are no blockers.
    #[test]
    fn regional_noes_slack_and_not_yet_problems_are_no_blockers() {
        for answer in [
            "pantoute",
            "aucun de notre bord.",
            "pas de trouble de mon bord",
            "nothing for me",
            "nichts für mich",
            "nada para mí",
            "nada pra mim",
            "the courier is late but we still have some slack",
            "el proveedor va lento pero tenemos margen",
            "o fornecedor atrasou mas ainda temos folga",
            "die Druckerei ist spät dran, aber ich hab noch Puffer",
            "le traiteur traîne mais j'ai encore de la marge",
            "the tank is filling up, not a problem yet, but if it rains we pump",
            "o tanque sobe, ainda não é problema, mas se chover bombeamos",
            "le réservoir monte, pas encore un problème, mais s'il pleut on pompe",
            "der Tank steigt, noch kein Problem, aber wenn es regnet pumpen wir",
            "Blockiert aber noch nichts.",
            "ça ne bloque encore rien",
            "no bloquea todavía nada",
            "não bloqueia ainda nada",
        ] {
            nobody_blocked(answer);
        }
    }

    #[test]
    fn a_qualified_no_with_a_softener_or_a_double_no_is_no_blocker() {
        for answer in [
            "eigentlich keine, ausser dass der Prüfstand immer noch spinnt, aber Urs schaut das an",
            "actually none, except that the label printer jams, but IT is looking at it",
            "en fait rien, sauf que l'imprimante bourre, mais Paul regarde ça",
            "la verdad nada, salvo que la impresora se atasca, pero Ana lo mira",
            "na verdade nada, exceto que a impressora trava, mas o TI vai ver isso",
            "nada não. Recado: <@U2> consegue me mandar a planilha até amanhã?",
        ] {
            nobody_blocked(answer);
        }
    }

    #[test]
    fn no_blockers_then_a_heads_up_is_no_blocker() {
        for answer in [
            "no blockers, but the returns warehouse is nearly full — heads-up for next week",
            "pas de blocage, mais l'entrepôt est presque plein, pour info",
            "sin bloqueos, pero el almacén está casi lleno, un aviso para la semana que viene",
            "sem bloqueios, mas o armazém tá quase cheio, só avisando",
            "keine Blocker, aber das Lager ist fast voll, nur zur Info",
        ] {
            nobody_blocked(answer);
        }
    }
}
