//! The thread summary's additions to the summary message: the "Share in
//! thread" button on the ephemeral copy, and "Shared by" on the shared one.

use slack_morphism::prelude::*;

/// The callback id of the message shortcut (declared in `manifest.yml`).
pub const SHORTCUT: &str = "summarize_thread";
/// The action id of the "Share in thread" button; its value is the summary id.
pub const SHARE_ACTION: &str = "thread_summary_share";

/// The summary as shown to the person who asked: with a "Share in thread"
/// button carrying the stored summary's id.
pub fn with_share_button(mut blocks: Vec<SlackBlock>, summary_id: i64) -> Vec<SlackBlock> {
    let button = SlackBlockButtonElement::new(
        SlackBlockPlainText::new("Share in thread".to_string()).into(),
    )
    .with_action_id(SHARE_ACTION.into())
    .with_style(SlackBlockButtonStyle::Primary)
    .with_value(summary_id.to_string());
    blocks.push(SlackActionsBlock::new(vec![button.into()]).into());
    blocks
}

/// The summary as posted in the thread: with who shared it.
pub fn with_shared_by(mut blocks: Vec<SlackBlock>, user: &str) -> Vec<SlackBlock> {
    let note = SlackBlockMarkDownText::new(format!("Shared by <@{user}>"));
    blocks.push(SlackContextBlock::new(vec![note.into()]).into());
    blocks
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_share_button_and_the_shared_by_note_follow_the_summary() {
        let shown = serde_json::to_value(with_share_button(Vec::new(), 12)).unwrap();
        assert_eq!(
            shown,
            json!([{ "type": "actions", "elements": [{ "type": "button", "action_id": SHARE_ACTION,
                "style": "primary", "value": "12", "text": { "type": "plain_text", "text": "Share in thread" } }] }])
        );
        let shared = serde_json::to_value(with_shared_by(Vec::new(), "U1")).unwrap();
        assert_eq!(
            shared,
            json!([{ "type": "context", "elements": [{ "type": "mrkdwn", "text": "Shared by <@U1>" }] }])
        );
    }
}
