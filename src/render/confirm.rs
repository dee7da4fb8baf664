//! Questions asked before something that cannot be undone: the delete
//! confirmation of `/standup delete`.

use slack_morphism::prelude::*;

/// The action id of the "Delete" button; its value is the standup's id.
pub const DELETE_STANDUP_ACTION: &str = "standup_delete_confirm";

/// "Delete the standup `retro`?" with a red *Delete* button. Dismissing
/// the ephemeral message is the "no".
pub fn delete_standup(name: &str, standup_id: i64) -> super::Message {
    let text = format!(
        "Delete the standup `{name}` of this channel? It stops running at once; its past runs, answers and summaries stay until the retention period has passed."
    );
    let button =
        SlackBlockButtonElement::new(SlackBlockPlainText::new("Delete".to_string()).into())
            .with_action_id(DELETE_STANDUP_ACTION.into())
            .with_style(SlackBlockButtonStyle::Danger)
            .with_value(standup_id.to_string());
    super::Message {
        blocks: vec![
            super::section(text.clone()),
            SlackActionsBlock::new(vec![button.into()]).into(),
        ],
        text,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_delete_button_is_red_and_carries_the_standup_id() {
        let m = delete_standup("retro", 7);
        let blocks = serde_json::to_value(&m.blocks).unwrap();
        assert!(m.text.contains("`retro`"));
        assert_eq!(
            blocks[1],
            json!({ "type": "actions", "elements": [{ "type": "button", "action_id": DELETE_STANDUP_ACTION,
                "style": "danger", "value": "7", "text": { "type": "plain_text", "text": "Delete" } }] })
        );
    }
}
