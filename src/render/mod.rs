//! The render layer: every message, modal and Home view the bot sends is
//! composed here, from values the domain returns.

pub mod followup;
pub mod modals;
pub mod standup;
pub mod thread_summary;

use serde_json::Value;
use slack_morphism::prelude::{SlackBlock, SlackView};

/// Block Kit written as JSON, read into slack-morphism's typed models.
///
/// A bridge while the message builders move to the typed models: a shape
/// the models cannot hold is logged and dropped (the message keeps its
/// `text` fallback), never a panic.
pub fn blocks_from_json(v: Value) -> Vec<SlackBlock> {
    serde_json::from_value(v).unwrap_or_else(|e| {
        tracing::error!(error = %e, "Block Kit does not fit slack-morphism's models; sent without blocks");
        Vec::new()
    })
}

/// A modal or Home view written as JSON, read into slack-morphism's model.
pub fn view_from_json(v: Value) -> Option<SlackView> {
    serde_json::from_value(v)
        .map_err(|e| tracing::error!(error = %e, "view does not fit slack-morphism's models"))
        .ok()
}
