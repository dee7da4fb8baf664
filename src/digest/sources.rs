//! Where the items of a digest or thread summary come from: the message
//! each one links to, and that message's permalink.

use std::collections::HashMap;

use crate::store::digests::StoredMessage;
use crate::summarize::Summary;

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
        let said = s
            .decisions
            .iter()
            .map(|d| (&d.user, &d.source_ts))
            .chain(s.blockers.iter().map(|b| (&b.user, &b.source_ts)))
            .chain(s.action_items.iter().map(|a| (&a.owner, &a.source_ts)))
            .chain(s.open_questions.iter().map(|q| (&q.user, &q.source_ts)))
            .chain(s.topics.iter().map(|t| (&t.user, &t.source_ts)));
        let mut out: Vec<String> = said
            .filter_map(|(user, ts)| self.resolve(user, ts.as_deref()))
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
}
