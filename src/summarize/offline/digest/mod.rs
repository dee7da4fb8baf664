//! What only a conversation has: decisions, questions nobody answered, and
//! the topics that took the most words — read thread by thread, because a
//! reply answers a question or agrees to a proposal only in its own thread
//! (or, for a top-level question, in the @-reply right after it).
//!
//! The rules follow the digest evaluation set's (tests/fixtures/digest_eval):
//! a decision is an explicit one ("decided:", "Entscheidung:", "on part
//! sur", "decidimos") or a proposal that a later reply in its thread agrees
//! to ("+1, let's do that"); a question is open when no later message of its
//! thread, other than a deferral ("depends on who…, I'd ask…"), answers it.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{clip, is_noise, mentions, plain, sentences, word_count, EMOJI_CODE};

use super::{actions, due, Message};

mod gates;
mod tasks;
#[cfg(test)]
mod tests;
use crate::summarize::{Blocker, Entry, InputKind, Item, Summary, SummaryInput};

/// How many topics a digest lists: enough to orient, few enough to read.
const MAX_TOPICS: usize = 5;
/// A topic is the first sentence of a message, cut to this many chars.
const TOPIC_CHARS: usize = 140;
/// Messages shorter than this are replies, not topics.
const TOPIC_MIN_WORDS: usize = 8;
/// How many messages of its thread a reply looks back (or a proposal
/// forward) for what it answers: a "+1" answers something close by, and a
/// meeting transcript, one thread of thousands of turns, stays linear.
const LOOK_BACK: usize = 25;
/// A decision, question or blocker is one or two sentences, cut to this.
const ITEM_CHARS: usize = 300;

/// One message of the conversation with the thread it belongs to.
struct Said<'a> {
    user: &'a str,
    ts: Option<&'a str>,
    /// The thread's root ts; a top-level message is its own root.
    root: &'a str,
    top_level: bool,
    text: String,
}

/// Adds what a conversation has beyond blockers and action items
/// (decisions, open questions, topics) to the summary the reader made,
/// and corrects its blockers with what only a conversation shows.
pub(crate) fn conversation(
    mut summary: Summary,
    input: &SummaryInput,
    messages: &[Message<'_>],
) -> Summary {
    let said = threads(input.kind, &input.entries);
    summary.decisions = decisions(&said);
    summary.open_questions = undecided_questions(&said, &summary.decisions);
    correct_blockers(&said, &mut summary.blockers);
    let today = due::parse_today(&input.today);
    tasks::add(&said, &mut summary, today);
    summary.topics = remaining_topics(&summary, &said, input.kind, messages);
    summary
}

/// The open questions, but those a decision came from.
fn undecided_questions(said: &[Said<'_>], decisions: &[Item]) -> Vec<Item> {
    let decided: HashSet<&str> = decisions
        .iter()
        .filter_map(|d| d.source_ts.as_deref())
        .collect();
    open_questions(said)
        .into_iter()
        .filter(|q| {
            q.source_ts
                .as_deref()
                .is_none_or(|ts| !decided.contains(ts))
        })
        // "<@U2> can you …?" asks for work; "will the async export fix
        // actually make next sprint?" reads like the asker's own task by
        // its words, and is a question.
        .filter(|q| {
            actions::in_item(&q.text, None, &q.user, None, false)
                .iter()
                .all(|f| f.owner == q.user)
        })
        .collect()
}

/// The reader's blockers, less what a conversation shows stops nobody,
/// plus who says they are unable to go on.
fn correct_blockers(said: &[Said<'_>], blockers: &mut Vec<Blocker>) {
    // A question ("Do we ship 5.8 without waiting for iOS?") is open, not a
    // blocker; "depends on who consumes it" defers, it blocks nobody; a
    // calendar "blocked 2h tomorrow" is time set aside.
    // "we need someone to update the runbook" asks for a volunteer: work
    // to take on, not someone stopped; "Je propose qu'on bloque la
    // release" proposes to stop something, nobody is stopped; a bare link
    // says nothing.
    blockers.retain(|b| {
        !IT_DEPENDS.is_match(&b.text)
            && !b.text.trim_end().ends_with('?')
            && !CALENDAR.is_match(&b.text)
            && !tasks::WANTS_SOMEONE.is_match(&b.text)
            && word_count(&LINK.replace_all(&b.text, " ")) >= 2
            && (!PROPOSAL.is_match(&b.text) || UNABLE.is_match(&b.text))
            && (!NOT_STOPPED.is_match(&b.text) || UNABLE.is_match(&b.text))
            // "Decision: from April on, every tool needs a review before
            // the PO": a rule for later work, nobody is stopped by it.
            && (explicit_decision(&b.text).is_none() || UNABLE.is_match(&b.text))
    });
    let more = unable(said, blockers);
    blockers.extend(more);
    // "I can't believe it's December", "I can't make standup tomorrow",
    // "our customer is blocked by a bug on their side": nobody here is
    // stopped.
    blockers.retain(|b| !gates::stops_nobody(&b.text));
    // "¿qué tal el finde? yo sigo sin voz …" is small talk.
    let chat: HashSet<&str> = said
        .iter()
        .filter(|m| small_talk(&m.text))
        .filter_map(|m| m.ts)
        .collect();
    blockers.retain(|b| b.source_ts.as_deref().is_none_or(|ts| !chat.contains(ts)));
    blockers_in_context(said, blockers);
}

/// What else was talked about, from `messages`.
fn remaining_topics(
    summary: &Summary,
    said: &[Said<'_>],
    kind: InputKind,
    messages: &[Message<'_>],
) -> Vec<Item> {
    // Topics are what else was talked about: a message already listed as
    // a decision, question, blocker or task is not repeated there.
    let listed: HashSet<String> = summary
        .decisions
        .iter()
        .chain(&summary.open_questions)
        .filter_map(|i| i.source_ts.clone())
        .chain(summary.blockers.iter().filter_map(|b| b.source_ts.clone()))
        .chain(
            summary
                .action_items
                .iter()
                .filter_map(|a| a.source_ts.clone()),
        )
        .collect();
    // In a day, a topic is what a thread or a top-level message is about;
    // replies ("+1 on cursors", "depends on …") are not subjects.
    let replies: HashSet<&str> = said
        .iter()
        .filter(|m| !m.top_level && kind == InputKind::Digest)
        .filter_map(|m| m.ts)
        .collect();
    let rest: Vec<&Message<'_>> = messages
        .iter()
        .filter(|m| {
            m.ts.is_none_or(|ts| !listed.contains(ts) && !replies.contains(ts))
        })
        .collect();
    topics(&rest)
}

/// The messages with their threads. A thread summary is one thread.
fn threads(kind: InputKind, entries: &[Entry]) -> Vec<Said<'_>> {
    let first = entries.first().and_then(|e| e.ts.as_deref()).unwrap_or("");
    entries
        .iter()
        .map(|e| {
            let own = e.ts.as_deref().unwrap_or("");
            let root = match kind {
                InputKind::Thread => first,
                _ => e.thread_ts.as_deref().unwrap_or(own),
            };
            Said {
                user: &e.user,
                ts: e.ts.as_deref(),
                root,
                top_level: root == own,
                text: plain(&e.answers.join("\n")),
            }
        })
        .collect()
}

static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bwe(?:'ve|’ve|\s+have)?\s+decided\b | \bdecided\s+to\b | \bdecision\s*[:\-–—]
      | (?:^|[\s,;:(])(?:ok(?:ay)?|yes|so|then)?[\s,]*decided\b\s*(?:then|now)?\s*[:\-–—]
      | \bgoing\s+forward\s*[:,] | \bfrom\s+now\s+on\b | \bab\s+sofort\b | \bdésormais\b | \bà\s+partir\s+de\s+maintenant\b | \bdesde\s+ahora\b | \ba\s+partir\s+de\s+ahora\b | \bdaqui\s+(?:pra|para)\s+frente\b | \bde\s+agora\s+em\s+diante\b
      | \bdecided\s+(?:with|by|in|at)\b[^:.!?]{0,50}: | \bagreed\s+(?:with|in|at)\b[^:.!?]{0,60}: | \bdecision\s+(?:from|of|by|at|in|is|on|for|about)\b | \bwe\s+(?:all\s+)?agreed\b | \bagreed\s+(?:to|on|that)\b
      | \b(?:let's|let’s|lets|let\s+us)\s+go\s+with\b | \bwe(?:'re|’re|\s+are|'ll|’ll|\s+will)\s+go(?:ing)?\s+with\b
      | \bdecision\s+(?:then|now|made)\s*[:\-–—] | \b(?:let\s+me|I['’]ll|I\s+will|I['’]m\s+going\s+to)\s+(?:make\s+the\s+)?call(?:\s+it)?\s*: | \bI['’]m\s+calling\s+it\b | (?:^|[\s,;])call\s+it\s*:
      | \bfinal\s+(?:call|decision)\b | \bconsensus\s+is\b | \bsettled\s+on\b | \bwe\s+go\s+with\b | \bresolved\s*:
      | \bentscheidung\b | \bentschieden\b | \bbeschlossen\b | \bbeschluss\b | \bfestgelegt\b | \bgeeinigt\b | \beinigen\s+uns\b | \bnehmen\s+wir\b | \bwir\s+nehmen\s+(?:das|die|den|einen|eine)\b
      | \bdécid(?:é|ée|és|ées|ons)\b | \bdécision\b | \bon\s+part\s+sur\b | \bc['’]est\s+acté\b | \bc['’]est\s+validé\b | \bon\s+garde\s+(?:le|la|les|l['’]|ce|cette|ces)\b | \bon\s+a\s+tranché\b | \bon\s+retient\b
      | \bdecidi(?:mos|do|da|eron)\b | \bdecisión\b | \bvamos\s+con\b | \bnos\s+quedamos\s+con\b | \bacordamos\b | \bqueda\s+acordado\b | \boptamos\s+por\b
      | \bdecisão\b | \bfechado\s*: | \bfica\s+decidido\b | \bficou\s+decidido\b | \bvamos\s+com\b | \bdecidiram\b | \bficou\s+combinado\b
        ",
    )
    .unwrap()
});

/// The words up to a decision marker and its colon ("ok, decided: ",
/// "Decision from the data council: ", "Entscheidung: "): what follows
/// is what was decided.
static DECISION_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[^:]{0,60}?\b(?:decided|decision|call(?:\s+it)?|entscheidung|beschlossen|décidé|décision|decidimos|decidido|decisión|decisão|fechado)\b[^:]{0,40}:\s*",
    )
    .unwrap()
});

/// The subject named in a decision's lead: "Decision for the holiday
/// rota:", "Final call on cert-manager:", "Entscheidung zum Rollout:".
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:on|for|about|regarding|re|zu[mr]?|für|über|sur|pour|concernant|sobre|para|acerca\s+de)\s+(?:the\s+|die\s+|den\s+|das\s+|le\s+|la\s+|les\s+|el\s+|los\s+|las\s+|o\s+|a\s+|os\s+|as\s+)?(?P<what>[^:]{2,40}?)\s*:\s*$").unwrap()
});

/// A reply that agrees to what was proposed before it in its thread.
static AGREEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?::[a-z0-9_+\-]+:\s*)*(?:(?:ok(?:ay)?|yes|yeah|yep|sure|oui|ja|sí|si|sim|va|dale|top|bora|love\s+it|nice|great|perfect|cool|passt|gut|super|parfait|bien|vale|perfecto|genial|perfeito|beleza|show)\W+)?(?:
          \+1 | :\+1: | :thumbsup: | agreed\b | i\s+agree\b | sounds\s+(?:good|like\s+a\s+plan)\b | let['’]?s\s+do\s+(?:that|it|this)\b | makes\s+sense\b | go\s+for\s+it\b
        | let['’]?s\s+go\s+with\s+(?:that|this|it)\b | ship\s+it\b | no\s+objections?\b | works\s+for\s+(?:me|us)\b | approved\b
        | c['’]est\s+validé\b | vamos\s+con\s+(?:eso|esto|ello)\b | (?:queda\s+)?aprobado\b | (?:fica\s+)?aprovado\b | genehmigt\b
        | d['’]accord\b | ça\s+marche\b | ok\s+pour\s+moi\b | je\s+valide\b | validé\b | allons[-\s]y\b
        | de\s+acuerdo\b | hagámoslo\b | vale,\s+hagámoslo\b | me\s+parece\s+bien\b
        | machen\s+wir\s+so\b | machen\s+wir\b | einverstanden\b | klingt\s+gut\b | gute\s+idee\b
        | concordo\b | combinado\b | fechado\b | vamos\s+nessa\b | bora\b )",
    )
    .unwrap()
});

/// A reply that shares the proposer's view, anywhere in it: "ohne, seh ich
/// genauso", "same here", "pareil pour moi", "opino igual", "penso
/// igual".
static SAME_VIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bseh(?:e)?\s+ich\s+(?:genauso|auch\s+so)\b | \bsehe\s+das\s+(?:genauso|auch\s+so)\b | \bganz\s+deiner\s+meinung\b
      | \bsame\s+here\b | \bmy\s+thoughts\s+exactly\b | \bpareil\s+pour\s+moi\b | \bje\s+pense\s+pareil\b
      | \b(?:opino|pienso)\s+(?:igual|lo\s+mismo)\b | \bpenso\s+(?:igual|o\s+mesmo)\b
        ",
    )
    .unwrap()
});

/// A sentence that proposes ("I propose …", "Proposal: …", "Vorschlag: …",
/// "I'd quarantine it today", "On part sur … ?", "Ich wäre für ohne", "je
/// serais pour", "estaría a favor", "seria a favor").
static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bI\s+propose\b | \bI(?:['’]m|\s+am)\s+proposing\b | \bI\s+(?:suggest|recommend)\b | \bmy\s+(?:proposal|suggestion)\b | \bproposal\b[^:?]{0,40}: | \bsuggestion\s*: | \bI['’]d\s+(?:go\s+with\s+)?\w+ | \bhow\s+about\b | \bwhat\s+if\s+we\b | \bwe\s+could\b | \bshould\s+we\b
      | \bvorschlag\b[^:?]{0,40}: | \bich\s+schlage\b | \bich\s+würde\b | \bje\s+propose\b | \bproposition\b[^:?]{0,40}: | \bon\s+part\s+sur\b
      | \bpropongo\b | \bpropuesta\b[^:?]{0,40}: | \bproponho\b | \bproposta\b[^:?]{0,40}:
      | \blet['’]s\s+(?:not\s+)?(?:put|make|keep|drop|move|offer|use|skip|ship|add|split|send|give|switch|stay)\b
      | \bI\s+vote\s+for\b | \bich\s+wär(?:e)?\s+(?:eher\s+)?für\b | \bje\s+serais\s+(?:plutôt\s+)?pour\b | \bestaría\s+a\s+favor\b | \b(?:eu\s+)?seria\s+a\s+favor\b
        ",
    )
    .unwrap()
});

/// What a proposal sentence proposes, without its "I propose" lead.
static PROPOSAL_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:.{0,60}?\b(?:proposal|vorschlag|proposition|propuesta|proposta)\s*:\s*|I\s+propose\s+(?:that\s+|we\s+)?|I(?:['’]m|\s+am)\s+proposing\s+(?:that\s+|we\s+)?|I['’]d\s+(?:go\s+with\s+)?|je\s+propose\s+(?:qu['’]on\s+|que\s+)?|propongo\s+(?:que\s+)?|proponho\s+(?:que\s+)?)",
    )
    .unwrap()
});

/// Decisions: explicit ones, and proposals a later reply in their thread
/// agrees to (the decision is then the proposal, by its author). When the
/// proposer later states the decision in their own words, that wins.
fn decisions(said: &[Said<'_>]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for (i, m) in said.iter().enumerate() {
        let found = match agreement(said, i) {
            Some((p, text)) if !restated_by(said, i, p.user, &text) => Some((p, text)),
            Some(_) => None,
            None => explicit_decision(&m.text)
                .filter(|d| !says_nothing(d))
                .or_else(|| ruling(said, i))
                .map(|text| (m, text))
                .or_else(|| picked(said, i)),
        };
        let Some((from, text)) = found else {
            continue;
        };
        // "ok, decidido lo del auto-suspend" after "+1 on auto-suspend"
        // agreed to the proposal: a decision that names nothing the
        // thread's listed decisions do not already name is the same one.
        let known = |o: &Item| {
            o.source_ts.as_deref() == from.ts
                || o.text == text
                || (root_of(said, o.source_ts.as_deref()) == Some(m.root)
                    && adds_nothing(&text, &o.text))
        };
        if !out.iter().any(known) {
            out.push(item(from, text.clone()));
        }
        // "agreed. one more thing: let's go with `409 Conflict` …" agrees
        // and then decides something of its own.
        let rest = whole_sentences(&m.text)
            .into_iter()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" ");
        let more = (from.ts != m.ts)
            .then(|| explicit_decision(&rest))
            .flatten()
            .filter(|d| !says_nothing(d) && shared_words(d, &text) < 2 && word_count(d) >= 5);
        if let Some(d) = more {
            if !out.iter().any(|o| o.text == d) {
                out.push(item(m, d));
            }
        }
    }
    out
}

/// The asker settling a choice: "ok, dann Ticket", "ok, ticket then",
/// "d'accord, alors le ticket", "vale, entonces ticket", "ok, então
/// ticket" — what follows names the option picked.
static PICKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\W*(?:ok(?:ay)?|gut|alles\s+klar|alright|fine|d['’]accord|bon|vale|bueno|beleza|certo)\W+(?:then|dann|alors|entonces|pues|então)\W+(?P<what>[^.!?,;]{2,40})
      | ^\W*(?:ok(?:ay)?|alright|fine)\W+(?P<then>[^.!?,;]{2,30}?)\s+(?:it\s+is|then)\b
        ",
    )
    .unwrap()
});

/// A choice its asker settles with an option someone answered ("Postmortem
/// oder reicht ein Ticket?" "reicht ein Ticket, war unter 15 Min" "ok, dann
/// Ticket. Ich leg es an"): the decision is that answer, by the one who
/// gave it, said with the question it answers.
fn picked<'s, 'a>(said: &'s [Said<'a>], i: usize) -> Option<(&'s Said<'a>, String)> {
    let m = &said[i];
    if m.top_level {
        return None;
    }
    let first = whole_sentences(&m.text).into_iter().next()?;
    let caps = PICKS.captures(&first)?;
    let what = caps.name("what").or_else(|| caps.name("then"))?.as_str();
    let thread: Vec<(usize, &Said<'a>)> = said[..i]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, p)| p.root == m.root)
        .take(LOOK_BACK)
        .collect();
    let (asked_at, question) = thread.iter().find_map(|&(k, p)| {
        let q = whole_sentences(&p.text)
            .into_iter()
            .rfind(|q| q.ends_with('?') && CHOICE.is_match(q) && shares_words(q, what))?;
        (p.user == m.user).then_some((k, q))
    })?;
    let answer = thread.iter().rev().find_map(|&(k, a)| {
        let fits = k > asked_at && a.user != m.user && !is_noise(&a.text);
        (fits && shares_words(&a.text, what)).then_some(a)
    })?;
    let text = clip(&format!("{question} — {}", answer.text.trim()), ITEM_CHARS);
    Some((answer, text))
}

/// The thread root of the message with this ts.
fn root_of<'a>(said: &[Said<'a>], ts: Option<&str>) -> Option<&'a str> {
    let ts = ts?;
    said.iter().find(|m| m.ts == Some(ts)).map(|m| m.root)
}

/// Every content word of `decision`, its decision marker left out, is
/// already in `listed`: it says again what was decided.
fn adds_nothing(decision: &str, listed: &str) -> bool {
    let rest = DECISION.replace_all(decision, " ");
    let rest = EMOJI_CODE.replace_all(&rest, " ");
    let own = shared_words(&rest, &rest);
    own > 0 && shared_words(&rest, listed) == own
}

/// The proposal `said[i]` agrees to, when it is an agreement: "+1, let's
/// do that"; someone else's yes that repeats what was proposed ("yes,
/// roll back" to "roll it back?", "va, vamos con private cloud"), unless
/// the question asks how things are ("is it only on Android 14?" "yes,
/// only Android 14" is an answer); or a decision marker with nothing of
/// its own ("ficou decidido então", "c'est validé alors").
fn agreement<'s, 'a>(said: &'s [Said<'a>], i: usize) -> Option<(&'s Said<'a>, String)> {
    let m = &said[i];
    let named = TAKES_PROPOSAL.is_match(&m.text);
    // Only a reply that agrees, says yes or decides looks back for a
    // proposal: a long meeting transcript is one thread of many turns.
    let may_agree = AGREEMENT.is_match(&m.text)
        || SAME_VIEW.is_match(&m.text)
        || YES.is_match(&m.text)
        || named
        || DECISION.is_match(&m.text);
    if !may_agree {
        return None;
    }
    let (p, text) = proposal(said, i, named)?;
    // "also proposing we rename this channel to #sec-and-suffering
    // :upside_down_face:" "+1 :joy:" is a joke, not a decision.
    // A laugh at the end of a long proposal ("Rollout behind... well, a
    // flag :upside_down_face:") jokes about that sentence, not the plan.
    let joked = if word_count(&p.text) <= 25 {
        JOKE.is_match(&p.text)
    } else {
        JOKE.is_match(&text)
    };
    if JOKE.is_match(&m.text) || joked {
        return None;
    }
    let own = explicit_decision(&m.text);
    let other = p.user != m.user;
    // "Should we add a test for it?" "yes, I'll add one to the PR": an
    // answer and the answerer's task, not a decision.
    let yes = other
        && YES.is_match(&m.text)
        && !ASKS_STATE.is_match(&text)
        && shares_words(&m.text, &text)
        && !gates::yes_i_will(&m.text)
        && !gates::yes_but(&m.text);
    // "let's go with the split" under "… or split it into a <TextLink>?
    // I'd split it": a short ruling that takes up a word of the proposal
    // agrees to it, and the proposal says what was decided.
    let takes_up = other
        && own.is_some()
        && word_count(&m.text) <= SHORT_RULING
        && shares_words(&m.text, &text);
    let agrees = AGREEMENT.is_match(&m.text)
        || (other && SAME_VIEW.is_match(&m.text))
        || yes
        || own.as_deref().is_some_and(says_nothing)
        || named
        || takes_up;
    // "Split: I take pricing, <@U2> takes integrations. OK?" agreed to is
    // work handed out (action items), not a decision.
    if ASSIGNS.is_match(&text) {
        return None;
    }
    // "Hotfix or revert?" agreed to with "agreed, hotfix it is": the
    // decision is the option the reply names.
    let text = if CHOICE.is_match(&text) && shares_words(&m.text, &text) {
        // A proposal said after its question already has its question mark.
        let mark = if text.contains('?') { "" } else { "?" };
        clip(&format!("{text}{mark} — {}", m.text.trim()), ITEM_CHARS)
    } else {
        text
    };
    agrees.then_some((p, text))
}

/// A Slack link, `<https://…|label>`: a blocker that is only a link says
/// nothing a reader can act on.
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<(?:https?|mailto):[^>]*>").unwrap());

/// Laughter: what it comes with is not meant.
static JOKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i):(?:joy|rofl|laughing|skull|upside_down_face|stuck_out_tongue\w*|zany_face|clown_face):|\b(?:lol|lmao|rofl|haha\w*|jaja\w*|kkkk\w*|mdr|xd)\b").unwrap()
});

/// A reply this short that decides ("let's go with the split") decides on
/// what was proposed before it rather than on something of its own.
const SHORT_RULING: usize = 8;

/// Work handed to people by name: "<@U2> takes integrations", "<@U2> owns
/// the rollout", "<@U2> übernimmt …", "<@U2> se encarga de …".
pub(super) static ASSIGNS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)<@(?P<who>[UW][A-Z0-9]+)(?:\|[^>]*)?>\s+(?:owns|takes|handles|drives|leads|übernimmt|kümmert\s+sich\s+um|se\s+encarga\s+de|se\s+ocupa\s+de|s['’]occupe\s+de|prend|fica\s+com|cuida\s+d[aeo]s?)\s+(?P<what>[^,.;!?]+)",
    )
    .unwrap()
});

/// Words that cheer a decision on and name nothing of it.
static CHEER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:perfect|great|awesome|excellent|super|prima|klasse|toll|parfait|génial|excellent|nickel|perfecto|genial|estupendo|perfeito|ótimo|beleza|alright|alles\s+klar|entonces|alors|então|dann|then|also|c['’]est|it['’]s|that['’]s|ist|está|es)\b").unwrap()
});

/// A decision that names nothing but the deciding: "ficou decidido
/// então", "top, c'est validé alors".
fn says_nothing(decision: &str) -> bool {
    let rest = DECISION.replace_all(decision, " ");
    let rest = EMOJI_CODE.replace_all(&rest, " ");
    // "Parfait, c'est décidé", "Genial, decidido": a cheer names nothing.
    let rest = CHEER.replace_all(&rest, " ");
    !shares_words(&rest, &rest)
}

/// The proposer states the decision explicitly later in the thread (the
/// question "¿backfill desde el 1 o desde el viernes?", agreed to, then
/// "decidimos: backfill desde el 1"): their statement is the decision.
/// A decision of their own that only shares a word with the proposal
/// ("going forward: no new PATs, only GitHub App tokens" after "move all
/// service tokens to Vault") is a second decision, not a restatement.
fn restated_by(said: &[Said<'_>], i: usize, proposer: &str, proposal: &str) -> bool {
    said[i + 1..]
        .iter()
        .filter(|m| m.root == said[i].root)
        .take(LOOK_BACK)
        .any(|m| {
            m.user == proposer
                && explicit_decision(&m.text)
                    .is_some_and(|d| !says_nothing(&d) && shared_words(&d, proposal) >= 2)
        })
}

/// A question about how things are, not about what to do.
static ASKS_STATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[.:]\s)\W*(?:is|are|was|were|does|did|has|have|had|any(?:one|body)|some(?:one|body)|(?:will|would|does|did)\s+(?:the|it|this|that|these|those|they|our|their|he|she)|ist|sind|hat|gibt|war|waren|wurde|weiß|wisst|jemand|est-ce|c['’]est|était|quelqu['’]un|es|está|están|hay|fue|era|alguien|sabe|sabéis|é|tem|há|foi|alguém|sabem)\b").unwrap()
});

/// "wir nehmen Lukas' Vorschlag", "we take Ana's proposal".
static TAKES_PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:we\s+(?:take|go\s+with)|wir\s+nehmen|on\s+prend|tomamos|vamos\s+con|vamos\s+com|ficamos\s+com)\b[^.!?]{0,40}\b(?:proposal|suggestion|vorschlag|proposition|propuesta|proposta)\b").unwrap()
});

/// A question between options: "hotfix or revert?", "A oder B?", "mit 10 %
/// oder gleich 50 %?".
static CHOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[\w%)]\s+(?:or|oder|ou|o|ó)\s+\w").unwrap());

/// A reply that opens with a yes.
static YES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:yes|yep|yeah|ok(?:ay)?|oui|ja|jep|sí|si|sim|claro|va|dale)\b").unwrap()
});

/// Two texts name the same thing: a word of four letters or more, or a
/// number ("3.11"), is in both.
fn shares_words(a: &str, b: &str) -> bool {
    shared_words(a, b) > 0
}

/// Two texts name the same number, one digit long too ("5 % oder 25 %?"
/// "Ich würde 5 % vorschlagen"): an option picked by its figure.
fn shares_number(a: &str, b: &str) -> bool {
    let numbers = |t: &str| -> HashSet<String> {
        t.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|w| w.trim_matches('.').to_string())
            .filter(|w| !w.is_empty())
            .collect()
    };
    numbers(a).intersection(&numbers(b)).next().is_some()
}

/// How many words of four letters or more, or numbers, two texts share.
fn shared_words(a: &str, b: &str) -> usize {
    const COMMON: &[&str] = &[
        "that", "this", "with", "from", "have", "then", "just", "also", "them", "they", "what",
        "when", "only", "will", "would", "should", "could", "there", "their", "about", "para",
        "pour", "avec", "dans", "mais", "sobre", "como", "esto", "wenn", "dann", "oder", "auch",
        "nicht", "eine", "einen", "noch", "today", "good", "sure", "yeah", "okay", "let's",
        "alors", "então", "entonces", "done",
    ];
    let words = |t: &str| -> HashSet<String> {
        t.split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '%' | '\'')))
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| {
                let digits = w.chars().any(|c| c.is_ascii_digit());
                (w.chars().count() >= 4 || (digits && w.len() >= 2))
                    && !COMMON.contains(&w.as_str())
            })
            .collect()
    };
    words(a).intersection(&words(b)).count()
}

/// A decision recalled from before today ("as decided back in November",
/// "Rappel : on avait décidé …", "lembrando que ficou decidido em
/// novembro", "hatten wir letzte Woche so beschlossen" — a pluperfect or a
/// past week, month or year), not one taken today.
static REMEMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\W*(?:(?:small|quick|friendly|just\s+a|pour|zur)\s+)?(?:reminder|rappel|recordad|recuerden|recuerda|lembrando|lembrete|erinnerung)\b
      | \bas\s+(?:we\s+)?(?:decided|agreed)\b | \bper\s+the\s+\w+\s+we\s+agreed\b | \bwe\s+agreed\s+last\b
      | \bavait\s+décidé\b | \bcomo\s+(?:decidimos|acordamos|combinamos)\b | \bwie\s+(?:besprochen|beschlossen|entschieden)\b
      | \b(?:decided|decidimos|decidid[oa]|décidé|entschieden|beschlossen|agreed)\s+(?:back\s+)?(?:in|en|em|im|at\s+the|last)\s+
        (?:january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre
          |enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro
          |januar|februar|märz|juni|juli|oktober|dezember|year|quarter|month|sprint|q[1-4])\b
      | \b(?:back\s+in|in|en|em|im|last|letzte[nms]?)\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre
          |enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro
          |januar|februar|märz|juni|juli|oktober|dezember
          |year|quarter|month|week|sprint|jahr|quartal|woche|herbst|sommer|frühling|winter|año|ano|année|semaine|semana)\b[^.!?]{0,40}\b(?:agreed|decided|decidimos|decidido|décidé|acté|entschieden|beschlossen)\b
      | \b(?:hatten\s+wir|wir\s+hatten|we\s+had|on\s+avait|nous\s+avions|habíamos|tínhamos|havíamos|a\s+gente\s+tinha)\b[^.!?]{0,40}\b(?:beschlossen|entschieden|festgelegt|vereinbart|decided|agreed|décidé|validé|tranché|acté|decidido|acordado|combinado|fechado)\b
      | \b(?:entscheidung|decision|décision|decisión|decisão)\s+(?:vom|from|de|del|da|do)\s+(?:letzten|last|l['’]an|l['’]année|año|ano)\b
      | \b(?:agreed|decided|entschieden|beschlossen|décidé|decidimos|decidido)\b[^.!?]{0,40}\b(?:last\s+(?:quarter|year|month|week|sprint)|letzte[nms]?\s+(?:woche|monat|quartal|jahr)|l['’]an\s+dernier|el\s+(?:año|trimestre|mes)\s+pasado|no\s+(?:ano|trimestre|mês)\s+passado)\b
      | \bgilt\s+(?:weiterhin|noch\s+immer|nach\s+wie\s+vor)\b | \bstill\s+(?:stands|holds|applies)\b | \bsigue\s+vigente\b | \breste\s+valable\b | \bcontinua\s+valendo\b
        ",
    )
    .unwrap()
});

/// "als ob jemand je entschieden hätte, …", "as if anyone ever decided
/// …": a decision said to be unreal.
static AS_IF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:als\s+ob|as\s+if|as\s+though|comme\s+si|como\s+si|como\s+se)\b").unwrap()
});

/// A choice about oneself ("I decided to grab lunch", "decidí irme a
/// comer", "decidi tirar a tarde de folga"): nothing the team decided.
static PERSONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bI\s+(?:have\s+|'ve\s+|’ve\s+)?decided\s+to\b|^\W*decided\s+to\s+(?:grab|get|have|take|head|leave|skip|call\s+it)\b|\bdecidí\b|\bdecidi\b|\bj['’]ai\s+décidé\b|\bich\s+habe\s+(?:mich\s+)?(?:entschieden|beschlossen)\b",
    )
    .unwrap()
});

/// The decided part of a message with an explicit decision marker.
fn explicit_decision(text: &str) -> Option<String> {
    // "am Dienstag 12.01. um 10:00" is one sentence.
    static DATE_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b\d{1,2}\.\d{1,2}\.$").unwrap());
    // "nehmen wir ARR inkl. Pilotkunden oder ohne?" is one question; a
    // number ending a sentence ("… hotfix 5.8.1. <@U2> ¿puedes …?") ends
    // it here, the date handling below joins "12.01. um 10:00".
    let all = joined_sentences(text, false);
    let at = all.iter().position(|s| {
        !s.ends_with('?')
            && word_count(s) >= 3
            && DECISION.is_match(s)
            && !REMEMBERED.is_match(s)
            && !PERSONAL.is_match(s)
            && !AS_IF.is_match(s)
            && !gates::conditional(s)
            && !gates::own_habit(s)
            && !gates::undecided(s)
            && !gates::others_decided(s)
            && !DECISION.find(s).is_some_and(|d| gates::proposes_before(s, d.start()))
            // "vielleicht nehmen wir …": a hedge before the marker, not
            // a caveat after it ("…, might revisit in Q3").
            && !DECISION.find(s).is_some_and(|d| gates::hedged(&s[..d.end()]))
    })?;
    let mut first = DECISION_PREFIX.replace(&all[at], "").trim().to_string();
    // "Decision for the holiday rota: 2-person coverage …", "Final call on
    // cert-manager: we stay on 1.13": what the decision is about is in its
    // lead, and the decision alone does not say it.
    let subject = DECISION_PREFIX
        .find(&all[at])
        .and_then(|lead| SUBJECT.captures(lead.as_str()))
        .map(|c| c["what"].trim().to_string())
        .filter(|what| !first.to_lowercase().contains(&what.to_lowercase()));
    if let Some(what) = subject.filter(|_| word_count(&first) >= 2) {
        first = format!("{what}: {first}");
    }
    if let Some(next) = all
        .get(at + 1)
        .filter(|n| DATE_END.is_match(&first) && !n.ends_with('?'))
    {
        first = format!("{first} {next}");
    }
    // "Decision:" alone on a line: the decision is the next sentence.
    let text = if word_count(&first) < 2 {
        all.get(at + 1).cloned().unwrap_or(first)
    } else {
        first
    };
    Some(clip(&text, ITEM_CHARS))
}

/// "we <verb> …" at the head of a sentence, after an optional "ok," or
/// "No.": what the team does, said as settled ("ok, we revert #8812",
/// "No. We're deleting the account").
static WE_DO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:ok(?:ay)?|alright|right|fine|so|then|no|nope|yes|yeah)\W+)*we(?:['’]re|\s+are|['’]ll|\s+will)?\s+(?P<verb>[a-z]+)\b").unwrap()
});

/// Words after "we" that report, hedge or ask rather than settle.
const NOT_RULING_VERBS: &[&str] = &[
    "should", "could", "would", "might", "may", "can", "cannot", "can't", "need", "needs", "have",
    "had", "has", "don't", "do", "did", "didn't", "were", "was", "think", "guess", "still", "also",
    "just", "probably", "maybe", "got", "get", "see", "saw", "hit", "lost", "tried", "already",
    "know", "hope", "want", "must", "seeing", "getting", "waiting", "looking", "trying", "hoping",
    "blocked", "stuck", "not", "all", "both", "only", "good", "fine", "done", "on", "in", "at",
    "out", "back", "are", "is", "be", "been", "being", "will", "going", "agreed", "decided",
    "usually", "always", "never", "often", "use", "used", "like", "love", "expect", "assume",
];

/// A reply that settles what its thread asked ("Revert #8812 or hotfix?"
/// … "ok, we revert #8812"; "could we keep the bot account?" … "No. We're
/// deleting the account"): a "we <verb>" sentence that takes up a word of
/// an earlier question of the thread.
fn ruling(said: &[Said<'_>], i: usize) -> Option<String> {
    let m = &said[i];
    if m.top_level {
        return None;
    }
    let sentence = sentences(&m.text).into_iter().find(|s| {
        !s.ends_with('?')
            && WE_DO
                .captures(s)
                .is_some_and(|c| !NOT_RULING_VERBS.contains(&c["verb"].to_lowercase().as_str()))
    })?;
    let asked = said[..i]
        .iter()
        .rev()
        .filter(|p| p.root == m.root)
        .take(LOOK_BACK)
        .any(|p| {
            whole_sentences(&p.text)
                .iter()
                .any(|q| q.ends_with('?') && shares_words(q, &sentence))
        });
    asked.then(|| clip(&sentence, ITEM_CHARS))
}

/// The proposal that the agreement `said[i]` agrees to: the nearest earlier
/// message of its thread with a proposal sentence or a yes/no question
/// ("roll back 3.41.0?"), said with the sentence before it, which often
/// names what it is about. Top-level agreements are left alone: without a
/// thread, what a "+1" answers is a guess. A "+1" after an explicit
/// decision agrees to that decision, not to a proposal before it.
/// A reply that names the proposal it takes ("wir nehmen Lukas'
/// Vorschlag") takes a proposal, never a question (`named`).
fn proposal<'s, 'a>(said: &'s [Said<'a>], i: usize, named: bool) -> Option<(&'s Said<'a>, String)> {
    let m = &said[i];
    if m.top_level {
        return None;
    }
    // A proposal in so many words ("Proposal: …") is what a "+1" agrees
    // to, even with a side question asked and answered after it ("does the
    // agent renew leases?" … "sounds good, let's do that"); a yes/no
    // question is the proposal only when no message proposes.
    // "I'd love a second monitor" wishes, it proposes nothing.
    let proposes = |s: &str| PROPOSAL.is_match(&gates::without_wish(s)) && !AGREEMENT.is_match(s);
    // "Mittagessen 12:30 beim Vietnamesen?" asks nothing of the work.
    let asks = |s: &str| {
        !named && is_yes_no_question(s) && !ASKS_A_FACT.is_match(s) && !NOT_A_QUESTION.is_match(s)
    };
    let explicit = nearest(said, i, named, |own| own.iter().position(|s| proposes(s)));
    let found = explicit.or_else(|| {
        nearest(said, i, named, |own| {
            own.iter()
                .position(|s| proposes(s))
                .or_else(|| own.iter().rposition(|s| asks(s)))
        })
    });
    match found {
        Some((p, own, at)) => {
            let text = PROPOSAL_PREFIX.replace(&own[at], "");
            let text = text.trim().trim_end_matches(['?', ' ']).trim();
            // "Let's not put a date in the contract then. We offer them a
            // roadmap letter instead": the plan goes on in a "we" sentence.
            let text = match own
                .get(at + 1)
                .filter(|n| WE_GO_ON.is_match(n) && !n.ends_with('?'))
            {
                Some(n) => format!("{text} {n}"),
                None => text.to_string(),
            };
            Some((p, clip(&in_context(&own, at, &text), ITEM_CHARS)))
        }
        None => thread_opening(said, i),
    }
}

/// A sentence that goes on with what "we" will do: "We offer them a
/// roadmap letter instead", "Wir schicken …", "On garde …", "Nosotros …".
static WE_GO_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:we|wir|on|nous|nosotros|a\s+gente)\s+(?:\w+\s+){0,2}\w+[^.!?]*\b(?:instead|stattdessen|à\s+la\s+place|en\s+su\s+lugar|en\s+cambio|em\s+vez\s+disso|no\s+lugar)\b").unwrap()
});

/// A yes/no question about how things are, not what to do: "do we still
/// need the RADIUS server?", "is there a runbook for this?", "brauchen wir
/// noch …?", "a-t-on encore besoin de …?", "¿tenemos …?", "ainda
/// precisamos de …?". A "yes" answers it; it decides nothing.
static ASKS_A_FACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:do|does|did)\s+(?:we|you|they|it|he|she|\w+)\s+(?:still\s+|even\s+|already\s+|really\s+)?(?:need|have|know|own|owe|use|require|depend|rely|support)\b
      | \b(?:is|are|was|were)\s+there\b | \bis\s+it\s+(?:still\s+)?(?:true|the\s+case|possible)\b
      | \b(?:brauchen|haben|nutzen|kennen)\s+wir\b | \bgibt\s+es\b
      | \b(?:a-t-on|avons-nous|est-ce\s+qu['’]on\s+a)\b | \bbesoin\s+de\b[^?]*\?$ | \by\s+a-t-il\b
      | \b(?:necesitamos|usamos)\b | \b(?:tenemos|hay)\s+(?:un|una|alg\w+|el|la|los|las|otr\w+)\b | \b(?:precisamos|existe)\b | \btemos\s+(?:um|uma|algum\w*|o|a|os|as|outr\w+)\b
        ",
    )
    .unwrap()
});

/// The nearest earlier message of `said[i]`'s thread with a sentence that
/// `pick` chooses, with its sentences and the chosen one; none past an
/// explicit decision (a "+1" after it agrees to that decision).
fn nearest<'s, 'a>(
    said: &'s [Said<'a>],
    i: usize,
    named: bool,
    pick: impl Fn(&[String]) -> Option<usize>,
) -> Option<(&'s Said<'a>, Vec<String>, usize)> {
    let m = &said[i];
    for p in said[..i]
        .iter()
        .rev()
        .filter(|p| p.root == m.root)
        .take(LOOK_BACK)
    {
        let own = whole_sentences(&p.text);
        if let Some(at) = pick(&own) {
            return Some((p, own, at));
        }
        if !named && explicit_decision(&p.text).is_some() {
            return None;
        }
    }
    None
}

/// What a "+1, let's do that" or "ship it" agrees to when no message of
/// its thread proposes in so many words: the thread's opening message, a
/// plan or a change put up for agreement ("3.0 release plan: phased
/// release …", "5.8.1 fix: null-check …"), when someone else wrote it and
/// it states something rather than only asking.
fn thread_opening<'s, 'a>(said: &'s [Said<'a>], i: usize) -> Option<(&'s Said<'a>, String)> {
    let m = &said[i];
    let root = said[..i]
        .iter()
        .find(|p| p.top_level && p.ts == Some(m.root))?;
    // "makes sense, thanks for digging", "nice, sounds good", "agreed,
    // it's slow all week" under an explanation, a status or a complaint
    // acknowledge it; a reply that endorses ("+1, let's do that", "ship
    // it"), or any agreement to an opening put up as a plan, makes the
    // opening a decision.
    let agreed =
        AGREEMENT.is_match(&m.text) && (gates::endorses(&m.text) || gates::plan_like(&root.text));
    let agrees = agreed || explicit_decision(&m.text).is_some_and(|d| says_nothing(&d));
    if !agrees {
        return None;
    }
    if root.user == m.user || is_noise(&root.text) || gates::wishes(&root.text) {
        return None;
    }
    // "PR for the flagd Helm chart bump: … — needs one more approval"
    // "approved": a review given, nothing decided.
    if REVIEW.is_match(&root.text) && !PROPOSAL.is_match(&root.text) {
        return None;
    }
    // A ":+1:" after "Decision: …" agrees to that decision, not to the
    // opening message.
    let decided = said[..i]
        .iter()
        .filter(|p| p.root == m.root)
        .any(|p| explicit_decision(&p.text).is_some());
    if decided {
        return None;
    }
    let own = whole_sentences(&root.text);
    // "any news on Quillmark? we wanted to start the pilot on Monday"
    // opens by asking: its thread answers it, a "+1" there agrees to an
    // answer, not to a plan.
    if own.first().is_some_and(|s| s.ends_with('?')) {
        return None;
    }
    let stated: Vec<&String> = own
        .iter()
        .filter(|s| !s.ends_with('?') && word_count(s) >= 4 && !is_noise(s))
        .take(2)
        .collect();
    if stated.is_empty() {
        return None;
    }
    let text = stated
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some((root, clip(&text, ITEM_CHARS)))
}

/// A message that asks for a review: "needs one more approval", "PTAL",
/// "Review bitte", "relecture svp", "¿alguien lo revisa?".
static REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bneeds?\s+(?:\w+\s+){0,2}(?:approvals?|reviews?|eyes)\b|\bptal\b|\b(?:please\s+)?review\s+(?:please|pls)\b|\breviews?\s+welcome\b|\breview\s+bitte\b|\bbraucht\s+(?:noch\s+)?(?:ein\s+)?(?:review|approval)\b|\brelecture\b|\brevisión\b|\brevisão\b").unwrap()
});

/// Words that point at something said before: "split it", "do both",
/// "vamos con esa", "la B".
static REFERS_BACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:it|that|this|both|them|either|one|option|das|beide|ça|eso|esa|esta|isso|essa|l[ao]\s+[A-Z0-9])\b").unwrap()
});

/// A proposal with what it is about: the sentence before it (a question
/// too: "keep `variant=link` on Button, or split it? I'd split it") and
/// the message's opening sentence, which names its subject ("Subí las dos
/// variantes del checkout móvil. … ¿Vamos con la B?"), as far as they fit
/// in an item.
fn in_context(own: &[String], at: usize, text: &str) -> String {
    // A question before it is the context only when the proposal answers
    // it ("split it", "¿Vamos con la B?"); "cursor or offset? I propose
    // opaque cursors …" says what was decided on its own.
    // "A oder B? Ich würde A vorschlagen" picks an option of the question
    // before it, which says what the choice was about.
    let picks = at.checked_sub(1).is_some_and(|k| {
        own[k].ends_with('?')
            && CHOICE.is_match(&own[k])
            && (shares_words(&own[k], text) || shares_number(&own[k], text))
    });
    let answers = word_count(text) < 6 || REFERS_BACK.is_match(text) || picks;
    let usable = |k: usize| {
        !is_noise(&own[k]) && word_count(&own[k]) >= 3 && (answers || !own[k].ends_with('?'))
    };
    let before = at.checked_sub(1).filter(|&k| usable(k));
    let opening = Some(0).filter(|&k| k + 1 < at && usable(k));
    let mut out = text.to_string();
    for k in [before, opening].into_iter().flatten() {
        let longer = format!("{} {out}", own[k]);
        if longer.chars().count() > ITEM_CHARS {
            break;
        }
        out = longer;
    }
    out
}

/// `text`, taken from sentence `at` of a message, after the statement
/// before it ("Apple rejected 5.7.0 over the birthdate field in
/// onboarding. Proposal: make the field optional" is about onboarding).
fn with_lead(own: &[String], at: usize, text: &str) -> String {
    // A request before it is what the blocked one waits for ("<@U2>
    // kannst du den Review machen? Ohne Merge komme ich nicht weiter").
    let says = |lead: &str| !lead.ends_with('?') || REQUEST.is_match(lead);
    match at.checked_sub(1).map(|b| own[b].as_str()) {
        Some(lead) if says(lead) && word_count(lead) >= 4 && !is_noise(lead) => {
            format!("{lead} {text}")
        }
        _ => text.to_string(),
    }
}

/// A question that asks for a yes or a no (not who/what/why…): as a
/// proposal it is agreed to by a "+1".
fn is_yes_no_question(s: &str) -> bool {
    static WH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\W*(?:who|what|when|where|why|which|how|wer|was|wann|wo|warum|wie|welche\w*|qui|que|quoi|quand|où|pourquoi|comment|quel\w*|quién|qué|cuándo|dónde|por\s+qué|cómo|cuál\w*|quem|quando|onde|porque|como|qual)\b",
        )
        .unwrap()
    });
    // "any news on Quillmark?", "does anyone know …?" ask for news, and
    // "<@U2> can you …?" asks for work: none proposes anything.
    static ASKS_NEWS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:any\s+(?:news|update)|(?:does|do|is|has|did)\s+(?:any|some)(?:one|body)|(?:any|some)(?:one|body)\s+(?:else|know|seeing|have|got)|do\s+you\s+know|have\s+you|did\s+you|wisst\s+ihr|weißt\s+du|weiß\s+jemand|sabéis|sabes\s+si|alguien\s+sabe|vous\s+savez|tu\s+sais|quelqu['’]un\s+sait|alguém\s+sabe|vocês\s+sabem)\b").unwrap()
    });
    let short_agreement = word_count(s) < 3 && AGREEMENT.is_match(s);
    let asks_otherwise = WH.is_match(s) || ASKS_NEWS.is_match(s) || REQUEST.is_match(s);
    s.ends_with('?') && !short_agreement && !asks_otherwise
}

/// A reply that does not answer: it defers ("depends on who consumes it,
/// I'd ask the dashboard folks", ":thinking_face: good question").
static DEFERRAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\W*(?:(?:hmm*|uh+|well|tja|bof|pues|ah|eh|uhm)\W+)?(?:it\s+|that\s+)?depends\b | \bI['’]d\s+ask\b
      | \b(?:eu\s+)?perguntaria\b | \b(?:yo\s+)?(?:le\s+|les\s+)?preguntaría\b | \bje\s+demanderais\b | \bich\s+würde\b[^.!?]{0,30}\bfragen\b
      | ^\W*(?:(?:hmm*|uh+|tja|bof|pues|ah|eh|uhm|olha)\W+)?(?:das\s+)?(?:kommt\s+(?:darauf|drauf)\s+an|ça\s+dépend|depende)\b | \bgood\s+question\b | \bno\s+idea\b | \bnot\s+sure\b | \bidk\b | \bdunno\b | :thinking_face:
      | \b(?:discuss|talk\s+about|revisit|look\s+at)\b[^.!?]{0,30}\b(?:tomorrow|later|offline|next\s+week)\b | \bnot\s+deciding\b | \bnot\s+today\b
      | \blass\s+uns\s+das\b[^.!?]{0,40}\bbesprechen\b | \bon\s+en\s+(?:reparle|rediscute)\b | \blo\s+(?:vemos|hablamos)\b | \bvemos\s+isso\b
      | \b(?:discutir|conversar|falar|hablar|hablarlo|discutirlo|besprechen|diskutieren|discuter|en\s+parler)\b[^.!?]{0,30}\b(?:amanhã|mañana|morgen|demain|depois|luego|später|plus\s+tard)\b
      | \b(?:müsste|sollte|muss)\s+man\b[^.!?]{0,40}\bfragen\b | \b(?:habría|hay)\s+que\s+pregunt\w* | \bfaudrait\s+(?:demander|voir\s+avec)\b | \b(?:teria|tem|precisa(?:ria)?)\s+(?:que\s+|de\s+)?perguntar\b
      | \bwe['’]d\s+(?:have|need)\s+to\s+ask\b | \bworth\s+asking\b
      | \bnot\s+my\s+call\b | \bwould\s+know\b | \bnot\s+(?:for\s+)?me\s+to\s+(?:say|decide)\b | \b(?:she|he|they|[A-Z][a-z]+)\s+decides\b
      | \bkeine\s+ahnung\b | \bgute\s+frage\b | \bfrag\s+(?:mal\s+)?[A-Z]\w+\b
      | \bbonne\s+question\b | \baucune\s+idée\b
      | \bbuena\s+pregunta\b | \bni\s+idea\b | \bboa\s+pergunta\b | \bnão\s+sei\b
        ",
    )
    .unwrap()
});

/// "It depends on who …" is an answer that defers, not a dependency that
/// blocks anyone.
static IT_DEPENDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:it\s+|that\s+)?depends\s+on\s+(?:who|what|whether|which|how|if)\b|^\W*depende\s+de\s+(?:quién|qué|si|cómo|quem|como)\b|^\W*(?:das\s+)?kommt\s+(?:darauf|drauf)\s+an\b|^\W*ça\s+dépend\b",
    )
    .unwrap()
});

/// Questions that expect no answer: greetings, how-are-yous, rhetoric.
static NOT_A_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bhow\s+(?:are|is)\s+(?:you|everyone|everybody|y['’]?all)\b | \bhow['’]s\s+(?:it\s+going|everyone)\b | \bholding\s+up\b
      | \bwie\s+geht['’]?s\b | \bhab(?:e)?\s+ich\s+was\s+verpasst\b | \bça\s+va\b | \bqué\s+tal\b | \bcómo\s+están\b | \btudo\s+bem\b
      | (?:,\s*|\s)(?:right|no|eh|huh|innit|non|oder|verdad|né|hein)\s*\?\s*$ | \bwho\s+even\b | ^\W*what\s+an?\s
      | \b(?:who|wer|qui|quién|quem|someone|somebody|anyone|jemand|quelqu['’]un|alguien|alguém)\b[^?]{0,30}\b(?:actually|really|ever|eigentlich\s+mal|wirklich|vraiment|realmente|de\s+verdad)\b | \bis\s+it\s+just\s+me\b | \bhow['’]s\s+your\b
      | \bwho['’]?s\s+in\b | \bwer\s+kommt\s+mit\b | \bqui\s+est\s+(?:chaud|partant|dispo)\b | \bquién\s+se\s+apunta\b | \bquem\s+topa\b
      | \b(?:lunch|pizza|coffee|beers?|drinks|tacos|déj(?:euner)?|mittag(?:essen)?|comida|comer|almuerzo|almoço|café|kaffee)\b
      | \b(?:comemos|almorzamos|almoçamos|almoçar|almorzar|essen\s+gehen|gehen\s+wir\s+essen|on\s+mange|à\s+midi|ramen|poke|sushi|kebab|döner|burger)\b
      | \b(?:the\s+game|the\s+match|le\s+match|el\s+partido|o\s+jogo|das\s+spiel)\b[^?]{0,20}\b(?:last\s+night|yesterday|hier(?:\s+soir)?|anoche|ayer|ontem|gestern)\b
      | \b(?:honestly|franchement|ehrlich|sinceramente|de\s+verdad)\W*\?\s*$
      | \b(?:alguien|alguém|quelqu['’]un|jemand|anyone)\s+(?:se\s+apunta|topa|partant|dabei|joining)\b
      | \ben\s+serio\b | \bseriously\b | \bsérieux\b | \bernsthaft\b | \bsério\b
      | \balle\s+gut\b | \bgut\s+durch\b | \beveryone\s+(?:ok|good|well|alright)\b | \btod[oa]s?\s+bien\b | \btodos\s+bem\b | \btout\s+le\s+monde\s+va\s+bien\b
      | \bhow\s+(?:was|were)\s+(?:everyone|your|the)\w*['’]?s?\s+(?:weekend|holidays?|vacation|break|trip)\b | \bwie\s+war\s+(?:euer|dein|das)\s+wochenende\b
        ",
    )
    .unwrap()
});

/// A request phrased as a question ("<@U2> can you …?", "kannst du …?"):
/// it is an action item for the person asked, not an open question.
static REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:can|could|would|will)\s+you\b | \bkannst\s+du\b | \bkönntest\s+du\b | \bkönnen\s+sie\b
      | \bpeux[-\s]tu\b | \bpourrais[-\s]tu\b | \bpouvez[-\s]vous\b | \bpuedes\b | \bpodrías\b | \bpodes\b | \bpoderia\b | \bvocê\s+pode\b
      | \btu\s+(?:peux|pourrais)\b | \bvous\s+(?:pouvez|pourriez)\b | \bpuede(?:s)?\s+\w+(?:ar|er|ir)(?:l[aoe]s?)?\b | \bpode\s+\w+(?:ar|er|ir)\b | \bconsegue\s+\w+(?:ar|er|ir)\b
      | ^\W*(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)?\w+st\s+du\b
        ",
    )
    .unwrap()
});

/// A how-are-you ("how's everyone going?", "wie war das Wochenende?",
/// "¿qué tal el finde?", "¿cómo van, equipo?", "ça va après le rush ?",
/// "como foi o fim de semana?").
static SMALL_TALK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bhow\s+(?:are|is)\s+(?:you|everyone|everybody|y['’]?all)\b | \bhow['’]s\s+(?:it\s+going|everyone|everybody|your)\b | \bhow\s+(?:was|were)\s+(?:the|your|everyone)\w*['’]?s?\s+(?:weekend|holidays?|vacation|break|trip|day|morning)\b
      | \bwie\s+geht['’]?s\b | \bwie\s+war\s+(?:euer|dein|das|eure|der)\b | \bça\s+va\b | \bqué\s+tal\b | \bcómo\s+(?:están|estáis|van|vais|fue\s+el)\b
      | \btudo\s+bem\b | \bcomo\s+(?:foi\s+o|vão|estão)\b | \bcomment\s+(?:ça\s+va|s['’]est\s+passé|allez-vous)\b
        ",
    )
    .unwrap()
});

/// A message that opens by asking how everyone is: what it says besides
/// ("how's everyone going? survived the Monday pile-up?", "¿qué tal el
/// finde? yo sigo sin voz de tanto cantar") is small talk too.
fn small_talk(text: &str) -> bool {
    whole_sentences(text)
        .iter()
        .find(|s| s.ends_with('?') || s.starts_with('¿'))
        .is_some_and(|q| SMALL_TALK.is_match(q))
}

/// The real questions of a message, joined.
fn questions(text: &str) -> Option<String> {
    if small_talk(text) {
        return None;
    }
    let all = whole_sentences(text);
    let qs: Vec<String> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !all.get(i + 1)
                .is_some_and(|next| opens_with(&JOKE, next) || opens_with(&LAUGHS_IT_OFF, next))
        })
        .map(|(_, s)| s.clone())
        .filter(|s| s.ends_with('?') || s.starts_with('¿'))
        .filter(|s| word_count(s) >= 3 && !is_noise(s))
        .filter(|s| !NOT_A_QUESTION.is_match(s) && !REQUEST.is_match(s) && !JOKE.is_match(s))
        .filter(|s| !gates::asks_someone_to_do(s) && !gates::rhetorical(s))
        .collect();
    (!qs.is_empty()).then(|| clip(&qs.join(" "), ITEM_CHARS))
}

/// The questions `asked` of a message, with the statement right after the
/// last one when it says what they are about ("Wer hat das Topic
/// angelegt? Im Terraform-Repo finde ich es nirgends").
fn with_why(text: &str, asked: &str) -> String {
    let all = whole_sentences(text);
    let after = all
        .iter()
        .rposition(|s| asked.ends_with(s.as_str()))
        .and_then(|k| all.get(k + 1))
        .filter(|n| {
            !n.ends_with('?')
                && word_count(n) >= 4
                && !is_noise(n)
                && !JOKE.is_match(n)
                && !LAUGHS_IT_OFF.is_match(n)
        });
    match after {
        Some(n) if asked.chars().count() + n.chars().count() < ITEM_CHARS => format!("{asked} {n}"),
        _ => asked.to_string(),
    }
}

/// What right after a question says it wanted no answer, besides a
/// [`JOKE`]: a laugh ("who designed this, a committee? 😂", "Wer hat das
/// entschieden? :sweat_smile:") or the asker dropping it ("… egal, anderes
/// Thema", "anyway", "never mind", "peu importe", "da igual", "tanto faz").
static LAUGHS_IT_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          :(?:sweat_smile|grimacing|face_with_rolling_eyes|see_no_evil):
        | [😂🤣😅🙃😆🙈🤡] | \bhehe\w*
        | \b(?:anyway|never\s?mind|nvm|whatever|egal|wie\s+auch\s+immer|peu\s+importe|bref|da\s+igual|en\s+fin|tanto\s+faz|enfim)\b
        ",
    )
    .unwrap()
});

/// `text` opens with what `re` finds: nothing but punctuation, spaces or
/// emoji before it.
fn opens_with(re: &Regex, text: &str) -> bool {
    re.find(text).is_some_and(|m| {
        !text[..m.start()]
            .chars()
            .any(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Sentences, with those that a split after "i.e." or "z.B." cut in two
/// joined again: "Is this covered by the SLA, i.e. do we owe credits?" is
/// one question, and so is "nehmen wir ARR inkl. Pilotkunden oder ohne?"
/// (“incl.”, “inkl.”, “ggf.”, “env.”, “aprox.” shorten a word mid-sentence).
fn whole_sentences(text: &str) -> Vec<String> {
    joined_sentences(text, true)
}

/// Sentences joined again after a shortened word, and after a number
/// ("am 3. Stock", "12.01.") when `numbers` is set.
fn joined_sentences(text: &str, numbers: bool) -> Vec<String> {
    static ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:i\.e|e\.g|z\.b|d\.h|p\.ex|p\.ej|vs|etc|approx|ca|bzw|usw|incl|excl|inkl|exkl|zzgl|ggf|evtl|bspw|vgl|env|cf|aprox|art|abs|nr|ziff)\.$",
        )
        .unwrap()
    });
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d+\.$").unwrap());
    let cut = |prev: &str| ABBREVIATION.is_match(prev) || (numbers && NUMBER.is_match(prev));
    let mut out: Vec<String> = Vec::new();
    for s in sentences(text) {
        match out.last_mut() {
            Some(prev) if cut(prev) => {
                prev.push(' ');
                prev.push_str(&s);
            }
            _ => out.push(s),
        }
    }
    out
}

/// A question that proposes a change and asks for a view of it: "what if
/// we …?", "how about …?", "Et si on …?", "Wie wäre es, …?", "¿Y si
/// …?", "E se a gente …?". "Should we …?" is left out: it asks for a
/// ruling, and "depends, I'd ask sales" leaves that ruling open.
static PROPOSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bwhat\s+if\s+we\b | \bhow\s+about\b | \bwhy\s+don['’]t\s+we\b
      | \bet\s+si\s+on\b | \bwie\s+wäre\s+es\b | \bwas\s+wäre\s+,?\s*wenn\s+wir\b
      | \by\s+si\s+\w+mos\b | \be\s+se\s+a\s+gente\b | \bque\s+tal\s+se\b
        ",
    )
    .unwrap()
});

/// Questions nobody answered: no later message of their thread (a
/// deferral, a reaction or the asker's own words do not count), nor, for a
/// top-level question, an @-reply to the asker right after it.
fn open_questions(said: &[Said<'_>]) -> Vec<Item> {
    // A proposal put as a question ("Et si on supprimait l'étape ?", "what
    // if we …?") asks the others for a view, not for a fact: a reply that
    // reacts to it, even one that defers ("les sales vont hurler, on en
    // reparle"), has taken a position, and nothing is left open.
    // A bare "yes" or "nein" answers; the asker's own "nvm, found it"
    // closes the question.
    let answers = |q: &Said<'_>, a: &Said<'_>| {
        let other = a.user != q.user
            && (!is_noise(&a.text) || gates::is_bare_yes_no(&a.text))
            && (!DEFERRAL.is_match(&a.text)
                || PROPOSES.is_match(&q.text)
                || gates::hedged_answer(&a.text));
        other || (a.user == q.user && gates::closes_own_question(&a.text))
    };
    let mut out = Vec::new();
    for (i, m) in said.iter().enumerate() {
        let Some(question) = questions(&m.text) else {
            continue;
        };
        let later = &said[i + 1..];
        let in_thread = later.iter().any(|a| a.root == m.root && answers(m, a));
        let next_top = later.iter().find(|a| a.top_level);
        // The next top-level message answers it when it names the asker,
        // or says yes or no to a yes/no question ("Is the release still
        // on Friday?" "yes, 14:00 as planned").
        // An @-reply that asks the asker for something ("<@U1> kannst du
        // bis Freitag …?") is a new request, not the answer.
        let says_to = |a: &Said<'_>| {
            let asks_back = REQUEST.is_match(&a.text) || gates::asks_someone_to_do(&a.text);
            (mentions(&a.text).iter().any(|u| u == m.user) && !asks_back)
                || (gates::opens_with_yes_no(&a.text) && is_yes_no_question(&question))
        };
        // "welcome Kenji! :tada:" between the question and the @-reply
        // that answers it says nothing to it.
        let mentioned =
            later.iter().filter(|a| a.top_level).take(3).any(|a| {
                answers(m, a) && mentions(&a.text).iter().any(|u| u == m.user) && says_to(a)
            });
        let replied =
            m.top_level && (next_top.is_some_and(|a| answers(m, a) && says_to(a)) || mentioned);
        if !in_thread && !replied {
            out.push(item(m, with_why(&m.text, &question)));
        }
    }
    out
}

/// The author cannot go on, said in so many words and with why ("I can't
/// merge the refactor: the merge queue keeps failing", "No puedo verificar
/// el arreglo: …", "Nothing I can do on the replay until they confirm").
static UNABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bI\s+(?:can['’]?t|cannot|can\s+not|couldn['’]?t)\b | \bI['’]?m\s+(?:unable|not\s+able)\s+to\b | \bnothing\s+I\s+can\s+do\b | \bI\s+(?:have\s+no|lost)\s+access\b
      | \bich\s+komme?\b.{0,60}\bnicht\s+(?:mehr\s+)?(?:weiter|rein|in|auf|an)\b | \bich\s+kann\b.{0,60}\bnicht\b | \bkann\s+ich\b.{0,60}\bnicht\b
      | \bje\s+ne\s+(?:peux|parviens|arrive)\s+pas\b | \bje\s+n['’]arrive\s+pas\b | \bimpossible\s+(?:de|d['’])\b
      | \bno\s+(?:puedo|consigo|logro)\b | \bnão\s+(?:consigo|posso)\b
        ",
    )
    .unwrap()
});

/// Why the author cannot go on: a colon, a reason word, or a clause after a
/// comma ("…, my MFA device was reset"). "I can't make standup" has none.
static REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        :\s | ,\s+\S+\s+\S+\s+\S+ | \s[—–-]\s
      | \b(?:because|since|until|till|without|while|due\s+to|as\s+long\s+as|needs?|waiting|requires?)\b
      | \b(?:weil|da|bis|solange|ohne|braucht?)\b | \b(?:car|parce\s+que|tant\s+que|sans|depuis)\b
      | \b(?:porque|hasta\s+que|mientras|sin|necesito)\b | \b(?:até|enquanto|sem|preciso)\b
        ",
    )
    .unwrap()
});

/// What stops nobody: a view on how to work ("I think we should retire
/// the 'Waiting on customer' status"), and a status that says nothing is
/// stuck ("upgrade done, no pod evictions stuck :white_check_mark:").
static NOT_STOPPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bwe\s+should\b | \bwir\s+sollten\b | \bon\s+devrait\b | \bdeber[íi]amos\b | \bdever[íi]amos\b
      | \bno\s+(?:[\w-]+\s+){0,3}(?:stuck|blocked|blockers?)\b | \bnothing\s+(?:is\s+)?(?:stuck|blocked)\b
        ",
    )
    .unwrap()
});

/// "blocked 2h tomorrow afternoon", "Kalender geblockt": a slot, not a stop.
static CALENDAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bblocked\s+(?:off\s+)?(?:\d+\s*(?:h|hrs?|hours?|min|mins|minutes)\b|(?:an?\s+|the\s+|some\s+)?(?:hour|slot|time|afternoon|morning|calendar))|\bgeblockt\b|\bbloqué\s+(?:\d+\s*h|le\s+créneau)").unwrap()
});

/// One blocker a message and person (the first one said), with the
/// statement before it when its own sentence does not say what it is
/// about ("SCIM provisioning still fails on group sync. I can't finish the
/// group sync test until …").
fn blockers_in_context(said: &[Said<'_>], blockers: &mut Vec<Blocker>) {
    // One blocker a person and thread: "yes, ticket IT-5521, no answer
    // yet" under "I can't configure SCIM: …" is the same blocker's status,
    // and the first message says what it is.
    let at = |b: &Blocker| {
        let pos = said
            .iter()
            .position(|m| m.ts.is_some() && m.ts == b.source_ts.as_deref());
        (pos.map(|p| said[p].root), pos.unwrap_or(usize::MAX))
    };
    blockers.sort_by_key(|b| at(b).1);
    let mut seen: HashSet<(String, String)> = HashSet::new();
    blockers.retain(|b| {
        let thread = at(b)
            .0
            .map_or_else(|| b.source_ts.clone().unwrap_or_default(), str::to_string);
        seen.insert((b.user.clone(), thread))
    });
    for b in blockers.iter_mut() {
        let Some(m) = said
            .iter()
            .find(|m| m.ts.is_some() && m.ts == b.source_ts.as_deref())
        else {
            continue;
        };
        let own = whole_sentences(&m.text);
        let head: String = plain(&b.text).chars().take(40).collect();
        if let Some(at) = own.iter().position(|s| s.contains(&head)) {
            b.text = clip(&with_lead(&own, at, &b.text), ITEM_CHARS);
            // "I can't finish the SSO hardening ticket." says that, not
            // why: the next sentence does ("Okta admin console says …").
            let why = own
                .get(at + 1)
                .filter(|n| !n.ends_with('?') && !is_noise(n));
            // "Ich komm nicht mehr an den Terraform State (`AccessDenied`)."
            // says what, not why.
            let short = word_count(&own[at]) < 10 || !REASON.is_match(&own[at]);
            if let Some(why) = why.filter(|_| short) {
                if !b.text.contains(why.as_str()) {
                    b.text = clip(&format!("{} {why}", b.text), ITEM_CHARS);
                }
            }
            let ask = own[at + 1..]
                .iter()
                .take(2)
                .find(|n| n.ends_with('?') && REQUEST.is_match(n));
            asks_to_unblock(b, ask);
        }
    }
}

/// "Ich komm beim Terraform-Plan nicht weiter, mir fehlen die Rechte.
/// <@U2> kannst du mir die Rolle tf-prod-apply geben?", "I'm stuck on the
/// deploy. <@U2> could you grant me the role?": the request right after a
/// blocker says what would end it and who can; the blocker says it too,
/// and is held up by that person.
fn asks_to_unblock(b: &mut Blocker, next: Option<&String>) {
    let Some(ask) = next.filter(|n| n.ends_with('?') && REQUEST.is_match(n)) else {
        return;
    };
    let Some(who) = mentions(ask).into_iter().find(|u| *u != b.user) else {
        return;
    };
    if !b.text.contains(ask.as_str()) {
        b.text = clip(&format!("{} {ask}", b.text), ITEM_CHARS);
    }
    b.blocked_by.get_or_insert(who);
}

/// Blockers said as "I can't …, because …" that the blocker phrases of the
/// standup reader do not know; one per message not already a blocker.
fn unable(said: &[Said<'_>], known: &[Blocker]) -> Vec<Blocker> {
    let mut out = Vec::new();
    for m in said {
        if known
            .iter()
            .any(|b| b.source_ts.as_deref() == m.ts && m.ts.is_some())
        {
            continue;
        }
        let found = sentences(&m.text).into_iter().find(|s| {
            !s.ends_with('?')
                && UNABLE
                    .find(s)
                    .is_some_and(|at| REASON.is_match(&s[at.end()..]))
        });
        let Some(sentence) = found else {
            continue;
        };
        out.push(Blocker {
            user: m.user.to_string(),
            blocked_by: mentions(&sentence).into_iter().find(|u| u != m.user),
            text: clip(&sentence, ITEM_CHARS),
            source_ts: m.ts.map(str::to_string),
        });
    }
    out
}

/// The topics of a conversation: the opening sentences of its longest
/// messages, listed in the order they were said.
fn topics(messages: &[&Message<'_>]) -> Vec<Item> {
    let mut ranked: Vec<(usize, usize)> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| (i, word_count(&m.text)))
        .filter(|&(i, words)| words >= TOPIC_MIN_WORDS && !is_noise(&messages[i].text))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<(usize, Item)> = Vec::new();
    for (i, _) in ranked {
        let m = messages[i];
        let Some(first) = sentences(&plain(&m.text)).into_iter().next() else {
            continue;
        };
        let text = clip(&first, TOPIC_CHARS);
        if !chosen.iter().any(|(_, o)| o.text == text) {
            chosen.push((
                i,
                Item {
                    user: m.user.to_string(),
                    text,
                    source_ts: m.ts.map(str::to_string),
                },
            ));
        }
        if chosen.len() == MAX_TOPICS {
            break;
        }
    }
    chosen.sort_by_key(|(i, _)| *i);
    chosen.into_iter().map(|(_, it)| it).collect()
}

fn item(m: &Said<'_>, text: String) -> Item {
    Item {
        user: m.user.to_string(),
        text,
        source_ts: m.ts.map(str::to_string),
    }
}
