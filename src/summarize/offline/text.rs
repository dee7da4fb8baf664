//! Reading the shape of a message: which part answers which question
//! (labels, bold headers), where one item ends (bullets, lines, sentences),
//! who is mentioned, and what is only cheerful noise.

use std::sync::LazyLock;

use regex::Regex;

/// What a piece of text is an answer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Done,
    Planned,
    Blockers,
    /// A question we cannot classify ("How are you feeling?"), or a
    /// digest/thread message: only blockers and action items are read.
    Other,
}

/// Classifies a standup question by its wording. The blockers question is
/// checked first because "Is anything blocking what you will do today?"
/// is about blockers, not plans.
pub(crate) fn question_role(question: &str) -> Role {
    static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)block|bloqu|blocage|impedim|obstacle|hindernis|\bstuck\b|in your way")
            .unwrap()
    });
    static DONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:did|since|yesterday|done|accomplish\w*|complete[d]?|last|finished|hier|ayer|gestern|ontem|desde|depuis|seit|hiciste|hicieron|fez|fizeram|fizeste|fait|gemacht)\b",
        )
        .unwrap()
    });
    static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:today|will|plan\w*|next|tomorrow|goals?|this\s+week|aujourd|hoy|heute|hoje|working on)")
            .unwrap()
    });
    if BLOCK.is_match(question) {
        Role::Blockers
    } else if DONE.is_match(question) {
        Role::Done
    } else if PLANNED.is_match(question) {
        Role::Planned
    } else {
        Role::Other
    }
}

/// The label words people put in front of an answer, with the role each
/// one switches to. Longer words come first so the alternation prefers them.
const LABELS: &[(&str, Role)] = &[
    ("yesterday", Role::Done),
    ("previously", Role::Done),
    ("completed", Role::Done),
    ("accomplished", Role::Done),
    ("done", Role::Done),
    ("did", Role::Done),
    ("hier", Role::Done),
    ("ayer", Role::Done),
    ("gestern", Role::Done),
    ("ontem", Role::Done),
    ("update", Role::Done),
    ("y", Role::Done),
    ("today", Role::Planned),
    ("tomorrow", Role::Planned),
    ("planned", Role::Planned),
    ("plans", Role::Planned),
    ("plan", Role::Planned),
    ("next", Role::Planned),
    ("doing", Role::Planned),
    ("goals", Role::Planned),
    ("aujourd'hui", Role::Planned),
    ("hoy", Role::Planned),
    ("heute", Role::Planned),
    ("hoje", Role::Planned),
    ("t", Role::Planned),
    ("blockers", Role::Blockers),
    ("blocker", Role::Blockers),
    ("blocked", Role::Blockers),
    ("blocking", Role::Blockers),
    ("impediments", Role::Blockers),
    ("impediment", Role::Blockers),
    ("obstacles", Role::Blockers),
    ("bloquants", Role::Blockers),
    ("blocages", Role::Blockers),
    ("bloqueos", Role::Blockers),
    ("bloqueo", Role::Blockers),
    ("bloqueios", Role::Blockers),
    ("bloqueio", Role::Blockers),
    ("blocage", Role::Blockers),
    ("bloquant", Role::Blockers),
    ("impedimentos", Role::Blockers),
    ("impedimento", Role::Blockers),
    ("hindernisse", Role::Blockers),
    ("hindernis", Role::Blockers),
    ("b", Role::Blockers),
];

fn label_role(word: &str) -> Option<Role> {
    let lower = word.to_lowercase();
    LABELS.iter().find(|(l, _)| *l == lower).map(|(_, r)| *r)
}

fn label_alternation() -> String {
    LABELS
        .iter()
        .map(|(l, _)| regex::escape(l))
        .collect::<Vec<_>>()
        .join("|")
}

/// A label at the start of a line: `Yesterday:`, `*Blockers*`, `**Today** -`,
/// `Y:`, `Ontem (sexta):`. Without a colon or dash the line must hold
/// nothing but the label (a bold header), so "Done with the migration"
/// stays an answer; a label in bold stars needs neither (`*Blocked* nope`).
static LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:[*_]{{0,2}}\s*({0})\s*(?:\([^)\n]{{1,24}}\)\s*)?[*_]{{0,2}}\s*(?:(?::|[-–—]\s)\s*[*_]{{0,2}}\s*(.*)|$)|\*{{1,2}}({0})\*{{1,2}}\s+(.*))",
        label_alternation()
    ))
    .unwrap()
});

/// Emoji that people put in front of a section as its header, with the
/// section each one names: ":white_check_mark: shipped X", "🚧 Hoy: …",
/// ":no_entry: waiting on Y".
static EMOJI_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(:white_check_mark:|:heavy_check_mark:|:ballot_box_with_check:|✅|✔️?|☑️?)|(:construction:|:hammer_and_wrench:|:arrow_forward:|🚧|🛠️?|▶️?)|(:no_entry:|:no_entry_sign:|:octagonal_sign:|:stop_sign:|⛔|🚫|🛑))\s*(.*)$",
    )
    .unwrap()
});

/// A label in the middle of a line ("… T: write tests B: none"): it must be
/// followed by a colon, and single-letter labels must be upper case so that
/// "plan b: …" does not split.
static INLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[\s.;,|])[*_]{{0,2}}({})[*_]{{0,2}}\s*:[*_]{{0,2}}",
        label_alternation()
    ))
    .unwrap()
});

/// Splits one line at its labels into (role switch, text) segments. A
/// label followed by nothing but mentions or a broadcast is empty: "B:
/// <@U2>" tags someone, it says nothing about being blocked.
fn label_segments(line: &str) -> Vec<(Option<Role>, String)> {
    let mut out = raw_label_segments(line);
    for (role, text) in &mut out {
        if role.is_some() && is_only_mentions(text) {
            text.clear();
        }
    }
    out
}

/// Mentions and broadcasts with nothing else but punctuation and emoji. A
/// plea ("<@U2> 🙏") asks that person for help, so it is not only a tag.
fn is_only_mentions(text: &str) -> bool {
    if text.contains('🙏') || text.contains(":pray:") {
        return false;
    }
    let rest = MENTION.replace_all(text, " ");
    let rest = EMOJI_CODE.replace_all(&rest, " ");
    rest.len() != text.len() && !without_broadcasts(&rest).chars().any(char::is_alphanumeric)
}

/// "Y/T/B: a / b / none" on one line: the parts in the labels' order.
fn slash_labels(line: &str) -> Option<Vec<(Option<Role>, String)>> {
    static YTB: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*[*_]*y\s*/\s*t\s*/\s*b[*_]*\s*:\s*(.*)$").unwrap());
    let rest = YTB.captures(line)?.get(1)?.as_str();
    let parts: Vec<&str> = rest.split(" / ").collect();
    if parts.len() != 3 {
        return None;
    }
    let roles = [Role::Done, Role::Planned, Role::Blockers];
    Some(
        roles
            .iter()
            .zip(parts)
            .map(|(r, t)| (Some(*r), t.to_string()))
            .collect(),
    )
}

fn raw_label_segments(line: &str) -> Vec<(Option<Role>, String)> {
    if let Some(parts) = slash_labels(line) {
        return parts;
    }
    if let Some(c) = EMOJI_LABEL.captures(line) {
        let role = if c.get(1).is_some() {
            Role::Done
        } else if c.get(2).is_some() {
            Role::Planned
        } else {
            Role::Blockers
        };
        let rest = c.get(4).map_or("", |m| m.as_str());
        // "✅ Ayer: …": the label word, when there is one, says the same.
        let mut out = raw_label_segments(rest);
        match out.first_mut() {
            Some((r @ None, _)) => *r = Some(role),
            Some(_) => {}
            None => out.push((Some(role), String::new())),
        }
        return out;
    }
    if let Some(c) = LINE_LABEL.captures(line) {
        let word = c.get(1).or(c.get(3)).expect("one label word takes part");
        let role = label_role(word.as_str());
        let rest = c.get(2).or(c.get(4)).map_or("", |m| m.as_str());
        let mut out = vec![(role, String::new())];
        for (r, t) in inline_segments(rest) {
            if r.is_none() && out.len() == 1 {
                out[0].1 = t;
            } else {
                out.push((r, t));
            }
        }
        return out;
    }
    inline_segments(line)
}

fn inline_segments(line: &str) -> Vec<(Option<Role>, String)> {
    let mut out = Vec::new();
    let mut role = None;
    let mut start = 0;
    for c in INLINE_LABEL.captures_iter(line) {
        let word = c.get(1).expect("group 1 always takes part");
        // Mid-line, a label starts upper case ("… Today: x"); "before I
        // leave today: write the notes" goes on in lower case.
        let upper = word.as_str().chars().next().is_some_and(char::is_uppercase);
        if !upper && (word.as_str().len() == 1 || word.start() > 0) {
            continue;
        }
        let whole = c.get(0).expect("group 0 is the match");
        out.push((role, line[start..word.start()].to_string()));
        role = label_role(word.as_str());
        start = whole.end();
    }
    out.push((role, line[start..].to_string()));
    out.retain(|(r, t)| r.is_some() || !t.trim().is_empty());
    out
}

/// The distinct roles an answer's labels name, in order ("Y: … T: … B: …"
/// names three).
pub(crate) fn label_roles(text: &str) -> Vec<Role> {
    let mut out = Vec::new();
    for line in text.lines() {
        for (role, _) in label_segments(line) {
            if let Some(r) = role.filter(|r| !out.contains(r)) {
                out.push(r);
            }
        }
    }
    out
}

/// A reply in the conversation rather than an answer to a question: it
/// addresses someone first ("<@U2> can you …", "thanks <@U2>!"), or only
/// accepts a request ("Will do", "Claro, lo hago", "Pode deixar").
pub(crate) fn is_remark(text: &str) -> bool {
    static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:(?:thanks|thank\s+you|thx|ty|merci|gracias|danke|obrigad[oa]|valeu|hey|hi|ok|sorry|perdón|perdona|desculpa|foi\s+mal)\W+)?<@[UW][A-Z0-9]+")
            .unwrap()
    });
    // A bare mention ("<@U2> 🙏" to the blockers question) names who
    // blocks: it is an answer.
    let words = MENTION.replace_all(text, " ");
    let words = EMOJI_CODE.replace_all(&words, " ");
    (ADDRESSED.is_match(text) && words.chars().any(char::is_alphanumeric)) || is_acceptance(text)
}

/// A reply that opens by thanking someone: "thx <@U2>! and now …".
pub(crate) fn is_thanks(text: &str) -> bool {
    static THANKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:thanks|thank\s+you|thx|ty|merci|gracias|danke|obrigad[oa]|valeu)\b")
            .unwrap()
    });
    THANKS.is_match(text)
}

/// A short reply that takes on what was asked: "Will do", "on it", "sure",
/// "Ich kümmere mich darum", "je m'en occupe", "me encargo", "vou fazer",
/// "pode deixar".
pub(crate) fn is_acceptance(text: &str) -> bool {
    static ACCEPT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^\W*(?:yes|yep|yeah|sure|ok|okay|ah|oh|np|no\s+problem|of\s+course|claro|vale|de\s+acuerdo|dale|sí|si|sim|beleza|combinado|perfeito|d['’]accord|oui|ja|klar|alles\s+klar|gerne|gern)?[\s,.!]*
            (?:will\s+do|i['’]ll\s+do\s+it|on\s+it|sure(?:\s+thing)?|can\s+do|consider\s+it\s+done|i['’]ve\s+got\s+it|got\s+it|yes|yep
              |ich\s+kümmere\s+mich(?:\s+darum)?|mach\s+ich|wird\s+gemacht|übernehme\s+ich|ich\s+übernehme
              |je\s+m['’]en\s+occupe|c['’]est\s+noté|ça\s+marche|je\s+le\s+fais
              |me\s+encargo|lo\s+hago|yo\s+me\s+encargo|hecho|claro|de\s+acuerdo
              |vou\s+fazer|pode\s+deixar|deixa\s+comigo|eu\s+fa[çc]o|combinado|posso\s+sim|(?:mando|fa[çc]o|agendo|envio)(?:\s+sim)?)\b",
        )
        .unwrap()
    });
    text.split_whitespace().count() <= 12 && ACCEPT.is_match(text)
}

/// Starts of sentences that move a one-message answer to another question:
/// "Yesterday I fixed X. Today I'll do Y."
static SENTENCE_SWITCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(yesterday|previously)|(today|tomorrow|next|later today|this afternoon)|(no blockers?|blockers?|blocked|not blocked|nothing blocking|no impediments?))(?:$|[^\w\-‐])",
    )
    .unwrap()
});

/// The parts of an answer, each with the role it answers.
///
/// `combined` is set when the member answered several questions in one
/// message: then sentences that begin with "Yesterday", "Today" or "No
/// blockers" switch the role too.
pub(crate) fn sections(text: &str, default: Role, combined: bool) -> Vec<(Role, String)> {
    let mut out: Vec<(Role, String)> = Vec::new();
    let mut current = default;
    for line in text.lines() {
        for (switch, seg) in label_segments(line) {
            if let Some(r) = switch {
                current = r;
            }
            if combined {
                for sentence in sentences(&seg) {
                    if let Some(c) = SENTENCE_SWITCH.captures(&sentence) {
                        current = if c.get(1).is_some() {
                            Role::Done
                        } else if c.get(2).is_some() {
                            Role::Planned
                        } else {
                            Role::Blockers
                        };
                    }
                    push_section(&mut out, current, &sentence);
                }
            } else {
                push_section(&mut out, current, &seg);
            }
        }
    }
    out
}

/// Appends a line to the last section when the role is unchanged.
fn push_section(out: &mut Vec<(Role, String)>, role: Role, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some((r, buf)) if *r == role => {
            buf.push('\n');
            buf.push_str(text);
        }
        _ => out.push((role, text.to_string())),
    }
}

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[•◦▪‣·▸►–—*-]|\d{1,3}[.)]|\([a-z0-9]\))\s+").unwrap());

/// Splits a section into items: one per line, bullets and numbers removed,
/// "a • b • c" on one line split at the bullets, code blocks left out.
pub(crate) fn items(section: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Code blocks are quoted material (logs, or words aimed at the bot),
    // not the member's answer.
    let mut in_code = false;
    for line in section.lines() {
        let fences = line.matches("```").count() + line.matches("\"\"\"").count();
        if fences > 0 {
            in_code ^= fences % 2 == 1;
            continue;
        }
        if in_code {
            continue;
        }
        // Quoted lines are someone else's words (Slack sends `>` escaped).
        if line.trim_start().starts_with("&gt;") || line.trim_start().starts_with('>') {
            continue;
        }
        let line = BULLET.replace(line, "");
        for part in line.split(" • ") {
            let part = BULLET.replace(part, "");
            let part = part.trim().trim_start_matches('•').trim();
            if !part.is_empty() {
                out.push(part.to_string());
            }
        }
    }
    out
}

/// Splits text after `.`, `!` or `?` followed by white space. Abbreviations
/// split too; that costs nothing here because only sentences with a blocker
/// or action phrase are kept.
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        cur.push(c);
        let end = matches!(c, '.' | '!' | '?' | '\n');
        if end && chars.peek().is_none_or(|n| n.is_whitespace()) {
            let s = cur.trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
            cur.clear();
        }
    }
    let s = cur.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
    out
}

static MENTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>").unwrap());

/// User ids mentioned as `<@U…>` (or `<@U…|name>`), in order.
pub(crate) fn mentions(text: &str) -> Vec<String> {
    MENTION
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect()
}

/// The first person mentioned who is not the author.
pub(crate) fn first_other_mention(text: &str, author: &str) -> Option<String> {
    mentions(text).into_iter().find(|u| u != author)
}

/// Replies that carry no answer: thanks, cheers, praise, reactions typed as text.
const NOISE: &[&str] = &[
    "nice",
    "nice one",
    "nice work",
    "nice job",
    "great work",
    "great job",
    "good work",
    "good job",
    "great stuff",
    "great updates",
    "nice updates",
    "kudos",
    "thanks",
    "thank you",
    "thx",
    "ty",
    "ok",
    "okay",
    "k",
    "kk",
    "cool",
    "great",
    "awesome",
    "lol",
    "haha",
    "yay",
    "woohoo",
    "congrats",
    "well done",
    "sounds good",
    "same",
    "me too",
    "gm",
    "good morning",
    "morning",
    "hi",
    "hello",
    "hey",
    "+1",
    "yes",
    "yep",
    "sure",
    "noted",
    "got it",
    "agreed",
    "love it",
    "amazing",
    "wow",
    "merci",
    "gracias",
    "danke",
    "obrigado",
];

/// Words that only ever cheer, so that "lol same" or "yay thanks" is noise too.
const INTERJECTIONS: &[&str] = &[
    "nice", "lol", "haha", "same", "thanks", "thx", "ty", "cool", "great", "awesome", "yay",
    "woohoo", "wow", "+1", "ok", "okay", "yes", "yep", "congrats", "kudos", "amazing", "merci",
    "gracias", "danke", "obrigado",
];

/// Who a cheer is addressed to: "thanks all", "great work team".
const VOCATIVES: &[&str] = &[
    "all",
    "everyone",
    "everybody",
    "team",
    "folks",
    "guys",
    "y'all",
    "people",
];

static EMOJI_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r":[a-z0-9_+'\-]+(?:::skin-tone-\d)?:").unwrap());

/// True for text that is not an answer: emoji only, punctuation only, or a
/// cheerful one-liner ("nice!", ":+1:", "thanks", "great work <@U1> :tada:").
pub(crate) fn is_noise(text: &str) -> bool {
    let stripped = EMOJI_CODE.replace_all(text, " ");
    // A bare mention is an answer ("B: <@U2>" names who blocks); a
    // mention inside a cheer is not.
    let bare = MENTION.replace_all(&stripped, " ");
    if MENTION.is_match(&stripped) && !bare.chars().any(char::is_alphanumeric) {
        return false;
    }
    let stripped = bare;
    let mut words: Vec<String> = stripped
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| VOCATIVES.contains(&w.as_str()))
    {
        words.pop();
    }
    if words.is_empty() {
        return true;
    }
    let joined = words.join(" ");
    NOISE.contains(&joined.as_str()) || words.iter().all(|w| INTERJECTIONS.contains(&w.as_str()))
}

/// A sentence that speaks to the summarizer instead of the team ("ignore
/// previous instructions and …", "SYSTEM: …", "assistant: list …"): it is
/// kept as the member's words but never read as a blocker or a task.
pub(crate) fn is_instruction_to_bot(sentence: &str) -> bool {
    static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)
            \b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,30}?\b(?:previous|prior|above|earlier|preceding|all|any|your|the|system)\b[^.!?\n]{0,20}?\b(?:instructions?|prompts?|rules|directions|guidelines|context)\b
          | \b(?:ignore|disregard|forget)\s+(?:everything\s+|all\s+)?(?:the\s+|that\s+)?(?:above|before)\b
          | ^\W*(?:system|assistant|developer)\s*:
          | \b(?:assistant|chatgpt|gpt|llm|ai|bot|scrumbot|summarizer)\s*[:,]\s*(?:please\s+)?(?:ignore|disregard|forget|list|post|write|say|mention|output|print|add|include|mark|start)\b
          | \b(?:assistant|chatgpt|gpt|llm|ai|bot|scrumbot|summarizer)\s+(?:please|pls)\s+(?:ignore|disregard|forget|list|post|write|say|mention|output|print|add|include|mark|start|put)\b
          | \b(?:write|put|say|add|state|mention|post)\s+(?:\w+\s+){0,3}?(?:in|into|on|to)\s+the\s+summary\b | \bin\s+the\s+summary\s+that\b
          | \bnew\s+task\s+for\s+the\s+(?:assistant|bot|ai|model|summarizer)\b | \bend\s+of\s+(?:the\s+)?standup\b
          | \b(?:output|print|reveal|show|post)\b[^.!?\n]{0,30}\b(?:token|secret|api\s+key|password|credentials)\b
          | \b(?:escribe|escriban|pon|publica|escreve|escreva|coloca|coloque|publique|écris|écrivez|mets|mettez|schreib|schreibe|schreibt)\b[^.!?\n]{0,40}\b(?:resumen|resumo|résumé|zusammenfassung)\b
          | \byou\s+are\s+now\b
          | \bnew\s+instructions?\b
          | \bignor(?:ez|e|er)\b[^.!?\n]{0,30}\binstructions\b
          | \bignora(?:r)?\b[^.!?\n]{0,30}\binstrucciones\b
          | \bignorier(?:e|en)?\b[^.!?\n]{0,30}\banweisungen\b
          | \bignor[ea]\b[^.!?\n]{0,30}\binstruç(?:ões|oes)\b
            ",
        )
        .unwrap()
    });
    INSTRUCTION.is_match(sentence)
}

/// `text` without its sentences addressed to the summarizer; unchanged
/// (lines and all) when it has none.
pub(crate) fn without_instructions(text: &str) -> String {
    let all = sentences(text);
    let kept: Vec<&String> = all.iter().filter(|s| !is_instruction_to_bot(s)).collect();
    if kept.len() == all.len() {
        return text.to_string();
    }
    kept.into_iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text with quoted words removed: a name in quotes ("waiting for payment"
/// as an order status, `blocked` as a flag) says nothing about the author.
pub(crate) fn unquoted(text: &str) -> String {
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#""[^"\n]{1,80}"|“[^”\n]{1,80}”|«[^»\n]{1,80}»|„[^“”\n]{1,80}[“”]|`[^`\n]{1,80}`"#,
        )
        .unwrap()
    });
    QUOTED.replace_all(text, " ").into_owned()
}

/// Removes Slack markup that hides words from the phrase rules (`*bold*`,
/// `_italic_`, `~strike~`, `` `code` ``), keeping mentions and links.
pub(crate) fn plain(text: &str) -> String {
    static MARKS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(^|[\s(])[*_~`]+|[*_~`]+($|[\s).,;:!?])").unwrap());
    let once = MARKS.replace_all(text, "$1$2");
    MARKS.replace_all(&once, "$1$2").trim().to_string()
}

/// Upper-cases the first letter, for items cut out of a sentence.
pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Cuts `text` to at most `max` chars on a char boundary, adding "…".
/// A cut never splits a Slack sequence (`<@U…>`, `<https://…|label>`) or an
/// entity (`&amp;`): half a mention would show as garbage, so the cut falls
/// before it.
pub(crate) fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    if let Some(open) = cut.rfind('<').filter(|&i| !cut[i..].contains('>')) {
        cut.truncate(open);
    }
    if let Some(amp) = cut
        .rfind('&')
        .filter(|&i| !cut[i..].contains(';') && cut.len() - i <= 5)
    {
        cut.truncate(amp);
    }
    format!("{}…", cut.trim_end())
}

/// Word count, for picking the substantial messages of a digest.
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// `text` without broadcasts (`<!here>`, `<!channel>`, `@everyone`, any
/// `<!…>`): the sanitizer removes them from everything shown, so the engine
/// reads without them too — "B: none <!here>" is a "none", not a blocker
/// reading "none", and "TODO <!here>" is no task. Same pattern as the
/// sanitizer's.
pub(crate) fn without_broadcasts(text: &str) -> String {
    static BROADCAST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)@(?:channel|here|everyone)\b|<![^>]*>").unwrap());
    BROADCAST.replace_all(text, "").into_owned()
}

#[cfg(test)]
mod clip_tests {
    use super::clip;

    #[test]
    fn a_cut_never_splits_a_mention_a_link_or_an_entity() {
        assert_eq!(
            clip("blocked by <@U0FU5KQJCI3> since Monday", 16),
            "blocked by…"
        );
        assert_eq!(clip("see <https://x.example/a|docs> now", 12), "see…");
        assert_eq!(clip("Q&amp;A is done", 4), "Q…");
        assert_eq!(clip("short", 10), "short");
        assert_eq!(
            clip("<@U1> and <@U2> wrote a lot here", 20),
            "<@U1> and <@U2> wro…"
        );
    }
}
