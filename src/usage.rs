//! The error every slash-command grammar returns: what was wrong, and the
//! usage of the command it belongs to, so the ephemeral reply can show both.

/// What was wrong with a command's arguments; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct UsageError {
    pub message: String,
    /// The usage text of the command (`/standup` or `/digest`).
    pub usage: &'static str,
}

impl UsageError {
    pub fn new(message: impl Into<String>, usage: &'static str) -> Self {
        Self {
            message: message.into(),
            usage,
        }
    }

    /// The ephemeral reply: the problem, then the usage.
    pub fn reply(&self) -> String {
        format!(":warning: {}\n\n{}", self.message, self.usage)
    }
}
