//! Reading the model's answer: lenient about the wrapping (code fences,
//! prose around the JSON), strict about the content. Items naming people
//! who are not in the input, and empty items, are dropped one by one; only
//! an answer that is not a summary at all is invalid.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::summarize::offline::text::mentions;
use crate::summarize::{ActionItem, Blocker, Item, Summary, SummaryInput};

const LISTS: [&str; 7] = [
    "done",
    "planned",
    "blockers",
    "action_items",
    "topics",
    "decisions",
    "open_questions",
];

/// What the input allows the answer to name.
struct Known {
    users: HashSet<String>,
    ts: HashSet<String>,
}

impl Known {
    fn of(input: &SummaryInput) -> Self {
        let mut users = HashSet::new();
        let mut ts = HashSet::new();
        for e in &input.entries {
            users.insert(e.user.clone());
            users.extend(e.answers.iter().flat_map(|a| mentions(a)));
            ts.extend(e.ts.clone());
        }
        Self { users, ts }
    }

    /// A known user id from "U1", "<@U1>", "<@U1|ana>" or "@U1".
    fn user(&self, v: Option<&Value>) -> Option<String> {
        let raw = v?.as_str()?.trim();
        let id = raw.trim_start_matches('<').trim_start_matches('@');
        let id = id.split(['|', '>']).next().unwrap_or_default().trim();
        self.users.contains(id).then(|| id.to_string())
    }

    fn ts(&self, v: Option<&Value>) -> Option<String> {
        let t = v?.as_str()?.trim();
        self.ts.contains(t).then(|| t.to_string())
    }
}

/// Parses and validates one answer against the chunk it summarizes.
pub fn parse(content: &str, input: &SummaryInput) -> Result<Summary, String> {
    let obj = json_object(content)?;
    if !LISTS
        .iter()
        .chain(&["highlights"])
        .any(|k| obj.contains_key(*k))
    {
        return Err("the JSON object has none of the summary's fields".into());
    }
    let known = Known::of(input);
    let list = |key: &str| {
        obj.get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let items = |key: &str| -> Vec<Item> {
        list(key)
            .iter()
            .filter_map(|v| {
                Some(Item {
                    user: known.user(v.get("user"))?,
                    text: text(v)?,
                    source_ts: known.ts(v.get("source_ts")),
                })
            })
            .collect()
    };
    Ok(Summary {
        done: items("done"),
        in_progress: items("in_progress"),
        planned: items("planned"),
        blockers: list("blockers")
            .iter()
            .filter_map(|v| {
                let user = known.user(v.get("user"))?;
                Some(Blocker {
                    text: text(v)?,
                    blocked_by: known.user(v.get("blocked_by")).filter(|b| *b != user),
                    source_ts: known.ts(v.get("source_ts")),
                    user,
                })
            })
            .collect(),
        action_items: list("action_items")
            .iter()
            .filter_map(|v| {
                Some(ActionItem {
                    owner: known.user(v.get("owner").or(v.get("user")))?,
                    text: text(v)?,
                    due: v
                        .get("due")
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|d| d.len() == 10 && d.parse::<jiff::civil::Date>().is_ok())
                        .map(str::to_string),
                    source_ts: known.ts(v.get("source_ts")),
                })
            })
            .collect(),
        highlights: obj
            .get("highlights")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_string(),
        topics: items("topics"),
        decisions: items("decisions"),
        open_questions: items("open_questions"),
        tokens_used: 0,
    })
}

fn text(v: &Value) -> Option<String> {
    let t = v.get("text")?.as_str()?.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The JSON object in `content`: as is, inside a ```json fence, or between
/// the first `{` and the last `}` when the model wrapped it in prose.
fn json_object(content: &str) -> Result<Map<String, Value>, String> {
    let trimmed = content.trim();
    let candidates = [
        Some(trimmed),
        trimmed
            .strip_prefix("```json")
            .or_else(|| trimmed.strip_prefix("```"))
            .and_then(|s| s.strip_suffix("```")),
        trimmed
            .find('{')
            .zip(trimmed.rfind('}'))
            .filter(|(a, b)| a < b)
            .map(|(a, b)| &trimmed[a..=b]),
    ];
    let mut last_err = "the answer is empty".to_string();
    for c in candidates.into_iter().flatten() {
        match serde_json::from_str::<Value>(c.trim()) {
            Ok(Value::Object(m)) => return Ok(m),
            Ok(_) => last_err = "the answer is JSON but not an object".into(),
            Err(e) => last_err = format!("the answer is not JSON: {e}"),
        }
    }
    Err(last_err)
}

/// Merges chunk summaries: lists concatenated in chunk order without
/// duplicates (same person, same text ignoring case), tokens added up. The
/// caller writes the highlights of the whole.
pub(crate) fn merge(parts: Vec<Summary>) -> Summary {
    let mut out = Summary::default();
    for p in parts {
        extend(&mut out.done, p.done, |i| key(&i.user, &i.text));
        extend(&mut out.in_progress, p.in_progress, |i| {
            key(&i.user, &i.text)
        });
        extend(&mut out.planned, p.planned, |i| key(&i.user, &i.text));
        extend(&mut out.blockers, p.blockers, |b| key(&b.user, &b.text));
        extend(&mut out.action_items, p.action_items, |a| {
            key(&a.owner, &a.text)
        });
        extend(&mut out.topics, p.topics, |i| key("", &i.text));
        extend(&mut out.decisions, p.decisions, |i| key("", &i.text));
        extend(&mut out.open_questions, p.open_questions, |i| {
            key(&i.user, &i.text)
        });
        out.tokens_used += p.tokens_used;
    }
    out
}

fn key(user: &str, text: &str) -> (String, String) {
    (user.to_string(), text.trim().to_lowercase())
}

fn extend<T>(into: &mut Vec<T>, from: Vec<T>, k: impl Fn(&T) -> (String, String)) {
    let mut seen: HashSet<(String, String)> = into.iter().map(&k).collect();
    for x in from {
        if seen.insert(k(&x)) {
            into.push(x);
        }
    }
}
