//! The error every slash-command grammar returns: what was wrong, and the
//! usage of the command it belongs to, so the ephemeral reply can show both.

/// Longest problem statement of a reply (the usage follows it).
const MAX_MESSAGE_CHARS: usize = 400;

/// What was wrong with a command's arguments; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct UsageError {
    pub message: String,
    /// The usage text of the command (`/standup` or `/digest`).
    pub usage: &'static str,
}

impl UsageError {
    /// The message usually quotes what the user typed: it is escaped here
    /// (a typed `<!channel>` is shown, never sent as a broadcast or a link)
    /// and clipped (a 100,000-character argument is not echoed whole).
    pub fn new(message: impl Into<String>, usage: &'static str) -> Self {
        let message = crate::summarize::sanitize::escape(&message.into());
        Self {
            message: crate::summarize::offline::text::clip(&message, MAX_MESSAGE_CHARS),
            usage,
        }
    }

    /// The ephemeral reply: the problem, then the usage.
    pub fn reply(&self) -> String {
        format!(":warning: {}\n\n{}", self.message, self.usage)
    }
}
