//! The last gate before Slack: whatever an engine wrote (an LLM can be
//! talked into anything by a participant's text), the result has no
//! broadcast, no mention of anyone outside the conversation, no link that was
//! not in the input, Slack-escaped text and bounded lengths.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{ActionItem, Blocker, Item, Summary, SummaryInput};

/// Longest item text kept; far below Block Kit's 3,000 chars per section so
/// that several items share one block.
pub const ITEM_MAX_CHARS: usize = 500;
/// Longest highlights text kept.
pub const HIGHLIGHTS_MAX_CHARS: usize = 1500;
/// Extra cleaning passes at most (see `Gate::text`); real text needs one.
const MAX_PASSES: usize = 4;

/// A Slack control sequence: `<@U1>`, `<!here>`, `<#C1|x>`, `<https://…|x>`.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<([^<>\s][^<>]*)>").unwrap());
/// Broadcasts typed as text; with `link_names` Slack would honour them.
static LITERAL_BROADCAST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)@(?:channel|here|everyone)\b|<![^>]*>").unwrap());
static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>|]+").unwrap());
static TS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,12}\.\d{1,9}$").unwrap());

/// Cleans every text of `summary` and drops what may not be posted.
///
/// `allowed_users` are the people in the conversation (the thread's
/// participants, or the channel's members): items owned by anyone else are
/// dropped, and mentions of anyone else become plain text. An empty set
/// allows nobody.
pub fn sanitize(
    summary: Summary,
    input: &SummaryInput,
    allowed_users: &HashSet<String>,
) -> Summary {
    let gate = Gate::new(input, allowed_users);
    Summary {
        done: gate.items(summary.done),
        in_progress: gate.items(summary.in_progress),
        planned: gate.items(summary.planned),
        blockers: summary
            .blockers
            .into_iter()
            .filter(|b| gate.allowed(&b.user))
            .filter_map(|b| {
                Some(Blocker {
                    text: gate.text(&b.text, ITEM_MAX_CHARS)?,
                    blocked_by: b.blocked_by.filter(|u| gate.allowed(u) && *u != b.user),
                    source_ts: gate.ts(b.source_ts),
                    user: b.user,
                })
            })
            .collect(),
        action_items: summary
            .action_items
            .into_iter()
            .filter(|a| gate.allowed(&a.owner))
            .filter_map(|a| {
                Some(ActionItem {
                    text: gate.text(&a.text, ITEM_MAX_CHARS)?,
                    due: a.due.filter(|d| is_date(d)),
                    source_ts: gate.ts(a.source_ts),
                    owner: a.owner,
                })
            })
            .collect(),
        highlights: gate
            .text(&summary.highlights, HIGHLIGHTS_MAX_CHARS)
            .unwrap_or_default(),
        topics: gate.items(summary.topics),
        decisions: gate.items(summary.decisions),
        open_questions: gate.items(summary.open_questions),
        tokens_used: summary.tokens_used,
    }
}

/// What the input allows: its users, links and channel references.
struct Gate<'a> {
    allowed: &'a HashSet<String>,
    links: HashSet<String>,
    channels: HashSet<String>,
}

impl<'a> Gate<'a> {
    fn new(input: &SummaryInput, allowed: &'a HashSet<String>) -> Self {
        let mut links = HashSet::new();
        let mut channels = HashSet::new();
        let texts = input
            .entries
            .iter()
            .flat_map(|e| e.answers.iter())
            .chain(input.questions.iter());
        for text in texts {
            for c in TOKEN.captures_iter(text) {
                let inner = &c[1];
                if inner.starts_with('#') {
                    channels.insert(inner.split('|').next().unwrap_or_default().to_string());
                } else if !inner.starts_with(['@', '!']) {
                    let target = inner.split('|').next().unwrap_or_default();
                    if is_link_target(target) {
                        links.insert(norm_url(target));
                    }
                }
            }
            for m in BARE_URL.find_iter(&unescape(text)) {
                links.insert(norm_url(m.as_str()));
            }
        }
        Self {
            allowed,
            links,
            channels,
        }
    }

    fn allowed(&self, user: &str) -> bool {
        self.allowed.contains(user)
    }

    fn ts(&self, ts: Option<String>) -> Option<String> {
        ts.filter(|t| TS.is_match(t))
    }

    fn items(&self, items: Vec<Item>) -> Vec<Item> {
        items
            .into_iter()
            .filter(|i| self.allowed(&i.user))
            .filter_map(|i| {
                Some(Item {
                    text: self.text(&i.text, ITEM_MAX_CHARS)?,
                    source_ts: self.ts(i.source_ts),
                    user: i.user,
                })
            })
            .collect()
    }

    /// The cleaned text, or `None` when nothing is left of it.
    ///
    /// One pass can build a new sequence out of what it kept on both sides
    /// of one it removed (`<!` + `<!here>` + `>` leaves `&lt;! &gt;`, which
    /// reads as `<! >`), so passes repeat until the text no longer changes:
    /// cleaning a cleaned text changes nothing. Each pass only removes or
    /// shortens, so this ends within a few passes.
    fn text(&self, text: &str, max_chars: usize) -> Option<String> {
        let mut current = self.pass(text, max_chars)?;
        for _ in 0..MAX_PASSES {
            let next = self.pass(&current, max_chars)?;
            if next == current {
                break;
            }
            current = next;
        }
        Some(current)
    }

    fn pass(&self, text: &str, max_chars: usize) -> Option<String> {
        let mut pieces = Pieces::default();
        let mut last = 0;
        for c in TOKEN.captures_iter(text) {
            let whole = c.get(0).expect("group 0 is the match");
            self.plain(&text[last..whole.start()], &mut pieces);
            self.token(&c[1], &mut pieces);
            last = whole.end();
        }
        self.plain(&text[last..], &mut pieces);
        pieces.finish(max_chars)
    }

    /// Text between control sequences: broadcasts and foreign links removed,
    /// then escaped. Unescaping first keeps already-escaped input from being
    /// escaped twice, so sanitizing is idempotent.
    fn plain(&self, text: &str, out: &mut Pieces) {
        let text = unescape(text);
        let text = LITERAL_BROADCAST.replace_all(&text, " ");
        let mut last = 0;
        for m in BARE_URL.find_iter(&text) {
            out.push_plain(&text[last..m.start()]);
            let url = m.as_str();
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            if self.links.contains(&norm_url(trimmed)) {
                out.push_plain(url);
            }
            last = m.end();
        }
        out.push_plain(&text[last..]);
    }

    /// One `<…>` sequence: kept when it is safe, else reduced to its label.
    fn token(&self, inner: &str, out: &mut Pieces) {
        let (target, label) = match inner.split_once('|') {
            Some((t, l)) => (t, Some(l)),
            None => (inner, None),
        };
        if target.starts_with('!') {
            // <!channel>, <!here>, <!everyone>, <!subteam^…>, <!date…>: dropped.
            out.separate();
            return;
        }
        if let Some(user) = target.strip_prefix('@') {
            if self.allowed(user) {
                out.push_token(format!("<@{user}>"));
            } else {
                let name = label
                    .map(|l| l.trim_start_matches('@'))
                    .filter(|l| !l.is_empty());
                out.separate();
                out.push_plain(name.unwrap_or("someone"));
            }
            return;
        }
        if target.starts_with('#') {
            if self.channels.contains(target) {
                out.push_token(format!("<{target}>"));
            } else if let Some(l) = label {
                out.separate();
                self.plain(&format!("#{}", l.trim_start_matches('#')), out);
            }
            return;
        }
        if is_link_target(target) && self.links.contains(&norm_url(target)) {
            let label = label.filter(|l| !deceptive_label(target, l)).map(|l| {
                let l: String = unescape(l).chars().filter(|c| !is_invisible(*c)).collect();
                escape(LITERAL_BROADCAST.replace_all(&l, "").trim())
            });
            out.push_token(match label {
                Some(l) if !l.is_empty() => format!("<{target}|{l}>"),
                _ => format!("<{target}>"),
            });
        } else if let Some(l) = label {
            out.separate();
            self.plain(l, out);
        }
    }
}

/// Output as atoms (a char, an entity like `&amp;`, or a whole `<@U1>`), so
/// that cutting to length never splits one.
#[derive(Default)]
struct Pieces(Vec<String>);

impl Pieces {
    fn push_plain(&mut self, text: &str) {
        for c in text.chars().filter(|c| !is_invisible(*c)) {
            if c.is_whitespace() || c.is_control() {
                let prev_space = self.0.last().is_none_or(|p| p == " ");
                if !prev_space {
                    self.0.push(" ".to_string());
                }
            } else {
                self.0.push(escape(c.encode_utf8(&mut [0; 4])));
            }
        }
    }

    /// A space before text that replaces a `<…>` sequence, so it cannot
    /// run into a link just before it (which a second pass would then read
    /// as part of that link).
    fn separate(&mut self) {
        self.push_plain(" ");
    }

    fn push_token(&mut self, token: String) {
        self.0.push(token);
    }

    fn finish(mut self, max_chars: usize) -> Option<String> {
        while self.0.last().is_some_and(|p| p == " ") {
            self.0.pop();
        }
        if self.0.is_empty() {
            return None;
        }
        let total: usize = self.0.iter().map(|p| p.chars().count()).sum();
        if total <= max_chars {
            return Some(self.0.concat());
        }
        let mut out = String::new();
        let mut used = 0;
        for p in &self.0 {
            let n = p.chars().count();
            if used + n > max_chars.saturating_sub(1) {
                break;
            }
            out.push_str(p);
            used += n;
        }
        Some(format!("{}…", out.trim_end()))
    }
}

/// Slack's three escapes; everything else is sent as is.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(crate) fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Characters that change how text reads without being seen: zero-width
/// spaces and joiners, the byte-order mark, and the bidirectional overrides
/// and isolates (U+202E turns "txt.exe" into "exe.txt" on screen).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// What Slack reads as a link inside `<…>`: an http(s) or mailto address,
/// with nothing invisible in it.
fn is_link_target(target: &str) -> bool {
    let t = target.trim().to_ascii_lowercase();
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("mailto:"))
        && !target.chars().any(is_invisible)
        && !target.chars().any(char::is_whitespace)
}

/// A link label that looks like an address other than the link's own
/// (`<https://evil.example|https://slack.com>`): shown, it would lie about
/// where the link goes, so the link is shown bare instead.
fn deceptive_label(target: &str, label: &str) -> bool {
    let label = unescape(label);
    let label = label.trim();
    let looks_like_address = label.contains("://")
        || label.starts_with("www.")
        || (label.contains('.') && !label.contains(char::is_whitespace));
    looks_like_address && host(label) != host(target)
}

/// The host of a URL or bare domain, lower-cased, without `www.`.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or_default();
    host.trim_start_matches("www.").to_lowercase()
}

fn norm_url(url: &str) -> String {
    unescape(url.trim())
        .trim_end_matches(['/', '.', ',', ';', ':', '!', '?', ')'])
        .to_lowercase()
}

fn is_date(d: &str) -> bool {
    d.len() == 10 && d.parse::<jiff::civil::Date>().is_ok()
}

#[cfg(test)]
mod tests;
