//! Block Kit for a digest or a thread summary: decisions, blockers, action
//! items with owners, open questions (and, for a digest, topics), every
//! line linked to the message it came from. Within Slack's limits whatever
//! the size of the day: at most 50 blocks, 3,000 chars per section, extra
//! lines merged into "…and N more".
//!
//! Item texts have been through `summarize::sanitize` (escaped already).

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::store::digests::StoredMessage;
use crate::summarize::offline::text::clip;
use crate::summarize::render::{pack, share, MAX_BLOCKS, MAX_HEADER_CHARS, MAX_SECTION_CHARS};
use crate::summarize::Summary;

/// An item's text is cut here, before its link is added, so a link is never cut.
const ITEM_CHARS: usize = 600;

/// Where each item of a summary comes from, and how to link it.
pub struct Sources {
    channel: String,
    /// The workspace URL from `auth.test` (`https://acme.slack.com/`).
    base_url: Option<String>,
    thread_of: HashMap<String, Option<String>>,
    last_by_user: HashMap<String, String>,
    /// Links fetched with `chat.getPermalink` when there is no base URL.
    pub fetched: HashMap<String, String>,
}

impl Sources {
    pub fn new(channel: &str, base_url: Option<&str>, messages: &[StoredMessage]) -> Self {
        let mut thread_of = HashMap::new();
        let mut last_by_user = HashMap::new();
        for m in messages {
            thread_of.insert(m.ts.clone(), m.thread_ts.clone());
            last_by_user.insert(m.user_id.clone(), m.ts.clone());
        }
        Self {
            channel: channel.to_string(),
            base_url: base_url
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .map(|u| format!("{}/", u.trim_end_matches('/'))),
            thread_of,
            last_by_user,
            fetched: HashMap::new(),
        }
    }

    pub fn needs_fetch(&self) -> bool {
        self.base_url.is_none()
    }

    /// The message an item links to: its own source when the engine gave a
    /// known one, else the latest message of the item's person (an LLM may
    /// leave the source out; that message is the best guess).
    pub fn resolve(&self, user: &str, source_ts: Option<&str>) -> Option<String> {
        source_ts
            .filter(|ts| self.thread_of.contains_key(*ts))
            .map(str::to_string)
            .or_else(|| self.last_by_user.get(user).cloned())
    }

    /// Every source ts the summary's items resolve to.
    pub fn all_sources(&self, s: &Summary) -> Vec<String> {
        let mut out: Vec<String> = lines(s, self, true)
            .into_iter()
            .flat_map(|(_, l)| l.into_iter().map(|(ts, _)| ts))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The permalink of a message (with its thread for a reply).
    pub fn link(&self, ts: &str) -> Option<String> {
        if let Some(l) = self.fetched.get(ts) {
            return Some(l.clone());
        }
        let base = self.base_url.as_ref()?;
        let mut url = format!("{base}archives/{}/p{}", self.channel, ts.replace('.', ""));
        if let Some(Some(thread)) = self.thread_of.get(ts) {
            url.push_str(&format!("?thread_ts={thread}&cid={}", self.channel));
        }
        Some(url)
    }

    fn linked(&self, ts: &str, text: String) -> Option<String> {
        let url = self.link(ts)?;
        let url: String = url
            .chars()
            .filter(|c| !matches!(c, '<' | '>' | '|' | ' '))
            .collect();
        Some(format!("{text} · <{}|source>", url.replace('&', "&amp;")))
    }
}

/// The sections of a summary as (title, [(source ts, line)]); items that
/// cannot be linked are left out, so every line carries its permalink.
fn lines(s: &Summary, src: &Sources, topics: bool) -> Vec<(&'static str, Vec<(String, String)>)> {
    let cut = |t: &str| clip(t, ITEM_CHARS);
    let mut groups = vec![
        (
            "Decisions",
            s.decisions
                .iter()
                .filter_map(|d| {
                    let ts = src.resolve(&d.user, d.source_ts.as_deref())?;
                    Some((ts, format!("• {} — <@{}>", cut(&d.text), d.user)))
                })
                .collect::<Vec<_>>(),
        ),
        (
            "Blockers",
            s.blockers
                .iter()
                .filter_map(|b| {
                    let ts = src.resolve(&b.user, b.source_ts.as_deref())?;
                    let by = b
                        .blocked_by
                        .as_ref()
                        .map(|u| format!(" (blocked by <@{u}>)"))
                        .unwrap_or_default();
                    Some((ts, format!("• <@{}>{by}: {}", b.user, cut(&b.text))))
                })
                .collect(),
        ),
        (
            "Action items",
            s.action_items
                .iter()
                .filter_map(|a| {
                    let ts = src.resolve(&a.owner, a.source_ts.as_deref())?;
                    let due = a
                        .due
                        .as_ref()
                        .map(|d| format!(" (due {d})"))
                        .unwrap_or_default();
                    Some((ts, format!("• <@{}> — {}{due}", a.owner, cut(&a.text))))
                })
                .collect(),
        ),
        (
            "Open questions",
            s.open_questions
                .iter()
                .filter_map(|q| {
                    let ts = src.resolve(&q.user, q.source_ts.as_deref())?;
                    Some((ts, format!("• <@{}>: {}", q.user, cut(&q.text))))
                })
                .collect(),
        ),
    ];
    if topics {
        // A message already listed as a decision, blocker… is not repeated as a topic.
        let listed: std::collections::HashSet<String> = groups
            .iter()
            .flat_map(|(_, l)| l.iter().map(|(ts, _)| ts.clone()))
            .collect();
        groups.push((
            "Topics",
            s.topics
                .iter()
                .filter_map(|t| {
                    let ts = src.resolve(&t.user, t.source_ts.as_deref())?;
                    (!listed.contains(&ts)).then(|| (ts, format!("• {}", cut(&t.text))))
                })
                .collect(),
        ));
    }
    groups
}

/// The message: a header, a context line, highlights, then the sections.
/// `topics` is true for digests; `reserve` blocks are left free for the
/// caller (a button). Returns the fallback text and the blocks.
pub fn message(
    s: &Summary,
    src: &Sources,
    title: &str,
    context: &str,
    topics: bool,
    reserve: usize,
) -> (String, Vec<Value>) {
    let mut blocks = vec![
        json!({"type": "header", "text": {"type": "plain_text", "text": clip(title, MAX_HEADER_CHARS), "emoji": true}}),
        json!({"type": "context", "elements": [{"type": "mrkdwn", "text": clip(context, 2000)}]}),
    ];
    if !s.highlights.trim().is_empty() {
        blocks.push(section(&clip(&s.highlights, MAX_SECTION_CHARS)));
    }
    let groups: Vec<(&str, Vec<String>)> = lines(s, src, topics)
        .into_iter()
        .map(|(t, l)| {
            let linked = l
                .into_iter()
                .filter_map(|(ts, line)| src.linked(&ts, line))
                .collect::<Vec<_>>();
            (t, linked)
        })
        .collect();
    let mut counts = Vec::new();
    let nonempty: Vec<&(&str, Vec<String>)> =
        groups.iter().filter(|(_, l)| !l.is_empty()).collect();
    if nonempty.is_empty() {
        blocks.push(section(
            "_No decisions, blockers, action items or open questions stood out._",
        ));
    }
    let needed: Vec<usize> = nonempty
        .iter()
        .map(|(t, l)| pack(t, l, usize::MAX).len())
        .collect();
    let budget = MAX_BLOCKS.saturating_sub(blocks.len() + reserve);
    for ((title, lines), n) in nonempty.iter().zip(share(&needed, budget)) {
        blocks.extend(pack(title, lines, n).iter().map(|t| section(t)));
        counts.push(format!("{}: {}", title.to_lowercase(), lines.len()));
    }
    let fallback = if counts.is_empty() {
        title.to_string()
    } else {
        format!("{title}: {}", counts.join(", "))
    };
    (clip(&fallback, 3000), blocks)
}

fn section(text: &str) -> Value {
    json!({"type": "section", "text": {"type": "mrkdwn", "text": text}})
}

#[cfg(test)]
mod tests;
