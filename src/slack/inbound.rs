//! Parsing what Slack sends into scrumbot's own types: events and slash
//! commands (`events.rs`) and interactions (`interactions.rs`), whether they
//! arrive over HTTP or in a Socket Mode envelope (the same JSON).
//!
//! Events are read from `serde_json::Value` with explicit field reads, and
//! interactions with lenient serde structs (every field optional), rather
//! than strict structs: Slack adds fields and event subtypes all the time,
//! and an unknown one must be ignored, not turned into a 400 and a
//! redelivery storm. What *is* required (a team, an event id) is checked,
//! and its absence is a [`PayloadError`] — a 400 on HTTP. What leaves this
//! module is typed (ids from `crate::ids`); handlers never see JSON.

mod events;
mod interactions;

pub use events::*;
pub use interactions::*;

/// Why a payload was refused (a 400 on HTTP).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PayloadError {
    #[error("body is not valid JSON")]
    NotJson,
    #[error("body is not a valid form")]
    NotForm,
    #[error("missing field {0}")]
    Missing(&'static str),
    #[error("unsupported payload type {0:?}")]
    UnsupportedType(String),
}
