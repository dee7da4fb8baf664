//! The summarizer's input and output, free of Slack transport details.

use serde::{Deserialize, Serialize};

/// What is being summarized; the offline engine reads a standup question by
/// question, and a digest or thread message by message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Standup,
    Digest,
    Thread,
}

/// One participant's answers (standup) or one message (digest/thread).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Slack user id of the author, e.g. `U012AB3CD`.
    pub user: String,
    /// Slack `ts` of the source message, when there is one (used for permalinks).
    pub ts: Option<String>,
    /// Digest or thread: the `ts` of the thread a reply is in; `None` for a
    /// top-level message, a thread's root and a standup answer. The digest
    /// needs it to tell which later message answers a question or agrees
    /// to a proposal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_ts: Option<String>,
    /// For a standup: one answer per question, in question order (may be
    /// shorter than the questions when the member answered in one message).
    /// For a digest or thread: exactly one element, the message text.
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryInput {
    pub kind: InputKind,
    /// The standup questions (empty for digests and threads).
    pub questions: Vec<String>,
    pub entries: Vec<Entry>,
    /// The day the summary is made, `YYYY-MM-DD`, in the team's time zone:
    /// "by Friday" is resolved against it.
    pub today: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub user: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ts: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocker {
    pub user: String,
    pub text: String,
    pub blocked_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ts: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub owner: String,
    pub text: String,
    /// `YYYY-MM-DD` or none.
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ts: Option<String>,
}

/// The structured summary every engine returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    #[serde(default)]
    pub done: Vec<Item>,
    /// Work still under way ("working on the Terraform modules", "will
    /// hand them to Eli tomorrow"): neither done nor only planned. Absent
    /// in summaries stored before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_progress: Vec<Item>,
    #[serde(default)]
    pub planned: Vec<Item>,
    #[serde(default)]
    pub blockers: Vec<Blocker>,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    #[serde(default)]
    pub highlights: String,
    /// Digest/thread sections; empty for standups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_questions: Vec<Item>,
    /// Tokens the LLM used for this summary (0 for the offline engine).
    #[serde(default)]
    pub tokens_used: u64,
}
