//! Modals the handlers open: the `/standup setup` settings form, and the
//! small notes that replace a message once its question is answered.

use slack_morphism::prelude::*;

use crate::standup::Standup;

/// The callback id of the settings modal (its submission is routed by it).
pub const SETUP_VIEW: &str = "standup_setup_view";

/// The action id of every input element in the settings modal; the form is
/// read by block id.
const INPUT_ACTION: &str = "value";

/// The `/standup setup` modal, prefilled with the current configuration
/// and the standup's `owners`.
pub fn setup_modal(s: &Standup, owners: &[String]) -> SlackView {
    let mut participants =
        SlackBlockMultiUsersSelectElement::new().with_action_id(INPUT_ACTION.into());
    if let Some(list) = s.participants.as_ref().filter(|l| !l.is_empty()) {
        participants = participants.with_initial_users(list.clone());
    }
    let participants = SlackInputBlock::new(pt("Participants"), participants.into())
        .with_block_id("participants".into())
        .with_optional(true)
        .with_hint(pt("Leave empty to ask everyone in the channel."));
    let owners = SlackInputBlock::new(
        pt("Owners"),
        SlackBlockMultiUsersSelectElement::new()
            .with_action_id(INPUT_ACTION.into())
            .with_initial_users(owners.to_vec())
            .into(),
    )
    .with_block_id("owners".into())
    .with_hint(pt(
        "Who may change this standup (workspace admins always can).",
    ));
    let time = s.time.strftime("%H:%M").to_string();
    let blocks = vec![
        text_input(
            "questions",
            "Questions (one per line)",
            s.questions.join("\n"),
            true,
            "Up to 10 questions.",
        ),
        text_input(
            "days",
            "Days",
            s.days.to_string(),
            false,
            "e.g. mon-fri or mon,wed,fri",
        ),
        text_input("time", "Time (HH:MM)", time, false, "24-hour clock"),
        text_input(
            "tz",
            "Time zone",
            s.tz.clone(),
            false,
            "IANA name, e.g. Europe/Berlin",
        ),
        participants.into(),
        owners.into(),
        text_input(
            "close",
            "Close after (minutes)",
            s.close_after_minutes.to_string(),
            false,
            "5 to 1440",
        ),
        text_input(
            "reminder",
            "Reminder (minutes before close, 0 = none)",
            s.reminder_before_minutes.to_string(),
            false,
            "0 to 1440",
        ),
    ];
    SlackView::Modal(
        SlackModalView::new(pt("Standup settings"), blocks)
            .with_callback_id(SETUP_VIEW.into())
            .with_private_metadata(s.id.to_string())
            .with_submit(pt("Save")),
    )
}

/// A labelled plain-text input, prefilled.
fn text_input(block: &str, label: &str, value: String, multiline: bool, hint: &str) -> SlackBlock {
    let element = SlackBlockPlainTextInputElement::new()
        .with_action_id(INPUT_ACTION.into())
        .with_multiline(multiline)
        .with_initial_value(value);
    SlackInputBlock::new(pt(label), element.into())
        .with_block_id(block.into())
        .with_hint(pt(hint))
        .into()
}

fn pt(text: &str) -> SlackBlockPlainTextOnly {
    SlackBlockPlainText::new(text.to_string()).into()
}

/// What replaces a blocker nudge once it is answered: the note alone, so
/// the question cannot be answered twice.
pub fn blocker_note(note: &str) -> Vec<SlackBlock> {
    vec![SlackSectionBlock::new()
        .with_text(SlackBlockMarkDownText::new(note.to_string()).into())
        .into()]
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_setup_modal_is_slacks_modal_shape_with_one_input_per_setting() {
        let mut s = Standup::with_defaults("T1", "C1", "U1", "Europe/Berlin");
        s.id = 7;
        let view = serde_json::to_value(setup_modal(&s, &["U1".into()])).unwrap();
        assert_eq!(view["type"], "modal");
        assert_eq!(view["callback_id"], SETUP_VIEW);
        assert_eq!(view["private_metadata"], "7");
        assert_eq!(
            view["submit"],
            json!({ "type": "plain_text", "text": "Save" })
        );
        let blocks = view["blocks"].as_array().unwrap();
        let ids: Vec<&str> = blocks
            .iter()
            .map(|b| b["block_id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "questions",
                "days",
                "time",
                "tz",
                "participants",
                "owners",
                "close",
                "reminder"
            ]
        );
        assert_eq!(
            blocks[3]["element"],
            json!({ "type": "plain_text_input", "action_id": "value", "multiline": false, "initial_value": "Europe/Berlin" })
        );
        assert_eq!(blocks[4]["optional"], true);
        assert!(blocks[4]["element"].get("initial_users").is_none());
        assert_eq!(blocks[5]["element"]["type"], "multi_users_select");
        assert_eq!(blocks[5]["element"]["initial_users"], json!(["U1"]));
        assert!(
            blocks[5].get("optional").is_none(),
            "a standup needs an owner"
        );
        s.participants = Some(vec!["U2".into()]);
        let view = serde_json::to_value(setup_modal(&s, &["U1".into()])).unwrap();
        assert_eq!(view["blocks"][4]["element"]["initial_users"], json!(["U2"]));
    }

    #[test]
    fn a_blocker_note_is_one_mrkdwn_section() {
        let blocks = serde_json::to_value(blocker_note("*done*")).unwrap();
        assert_eq!(
            blocks,
            json!([{ "type": "section", "text": { "type": "mrkdwn", "text": "*done*" } }])
        );
    }
}
