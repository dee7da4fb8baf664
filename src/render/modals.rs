//! Modals the handlers open: the `/standup setup` settings form, and the
//! small notes that replace a message once its question is answered.

use slack_morphism::prelude::*;

use crate::standup::Standup;

/// The callback id of the settings modal (its submission is routed by it).
pub const SETUP_VIEW: &str = "standup_setup_view";

/// The action id of every input element in the settings modal; the form is
/// read by block id.
const INPUT_ACTION: &str = "value";

/// The settings modal of a standup: days as checkboxes, the time with
/// Slack's time picker and the zone from a list, so that none of them can
/// be mistyped; `viewer_zone` is the zone of the person opening it (from
/// `users.info`), offered first and chosen when the standup is still on UTC.
pub fn setup_modal(s: &Standup, owners: &[String], viewer_zone: &str) -> SlackView {
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
    let blocks = vec![
        text_input(
            "questions",
            "Questions (one per line)",
            s.questions.join("\n"),
            true,
            "Up to 10 questions.",
        ),
        days_input(s),
        time_input(s),
        zone_input(s, viewer_zone),
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

/// The days of the week (values `mon`…`sun`, as the command grammar
/// writes them), the standup's days checked.
fn days_input(s: &Standup) -> SlackBlock {
    let days: Vec<(&str, &str)> = vec![
        ("mon", "Monday"),
        ("tue", "Tuesday"),
        ("wed", "Wednesday"),
        ("thu", "Thursday"),
        ("fri", "Friday"),
        ("sat", "Saturday"),
        ("sun", "Sunday"),
    ];
    let current = s.days.to_string();
    let checked: Vec<&str> = current.split(',').collect();
    let choice = |(value, label): &(&str, &str)| {
        SlackBlockChoiceItem::new(
            SlackBlockText::from(SlackBlockPlainText::new(label.to_string())),
            value.to_string(),
        )
    };
    let element = SlackBlockCheckboxesElement::new(days.iter().map(choice).collect())
        .with_action_id(INPUT_ACTION.into())
        .with_initial_options(
            days.iter()
                .filter(|(v, _)| checked.contains(v))
                .map(choice)
                .collect(),
        );
    SlackInputBlock::new(pt("Days"), element.into())
        .with_block_id("days".into())
        .into()
}

fn time_input(s: &Standup) -> SlackBlock {
    let element = SlackBlockTimePickerElement::new()
        .with_action_id(INPUT_ACTION.into())
        .with_initial_time(s.time.strftime("%H:%M").to_string());
    SlackInputBlock::new(pt("Time"), element.into())
        .with_block_id("time".into())
        .with_hint(pt("In the standup's time zone, below."))
        .into()
}

/// Zones offered in the time-zone list (Slack allows 100 options); the
/// standup's and the viewer's own are added when not among them.
const COMMON_ZONES: [&str; 36] = [
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Amsterdam",
    "Europe/Zurich",
    "Europe/Stockholm",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Helsinki",
    "Europe/Kyiv",
    "Europe/Istanbul",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/Mexico_City",
    "America/New_York",
    "America/Toronto",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Anchorage",
];

fn zone_input(s: &Standup, viewer_zone: &str) -> SlackBlock {
    // UTC is what a standup gets when its creator's zone was unknown: the
    // viewer's own zone is then the better guess.
    let initial = if s.tz == "UTC" { viewer_zone } else { &s.tz };
    let mut zones: Vec<&str> = vec![viewer_zone];
    zones.extend(COMMON_ZONES);
    zones.push(&s.tz);
    let mut seen = std::collections::HashSet::new();
    zones.retain(|z| !z.is_empty() && seen.insert(*z));
    let choice = |z: &str| SlackBlockChoiceItem::new(pt(z), z.to_string());
    let element = SlackBlockStaticSelectElement::new()
        .with_action_id(INPUT_ACTION.into())
        .with_options(zones.iter().take(100).map(|z| choice(z)).collect())
        .with_initial_option(choice(initial));
    SlackInputBlock::new(pt("Time zone"), element.into())
        .with_block_id("tz".into())
        .into()
}

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
        let view =
            serde_json::to_value(setup_modal(&s, &["U1".into()], "America/New_York")).unwrap();
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
        assert_eq!(blocks[1]["element"]["type"], "checkboxes");
        let checked: Vec<&str> = blocks[1]["element"]["initial_options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["value"].as_str().unwrap())
            .collect();
        assert_eq!(checked, ["mon", "tue", "wed", "thu", "fri"]);
        assert_eq!(
            blocks[2]["element"],
            json!({ "type": "timepicker", "action_id": "value", "initial_time": "09:30" })
        );
        assert_eq!(blocks[3]["element"]["type"], "static_select");
        assert_eq!(
            blocks[3]["element"]["initial_option"]["value"],
            "Europe/Berlin"
        );
        assert_eq!(
            blocks[3]["element"]["options"][0]["value"], "America/New_York",
            "the viewer's zone comes first"
        );
        let utc = Standup::with_defaults("T1", "C1", "U1", "UTC");
        let view = serde_json::to_value(setup_modal(&utc, &[], "Asia/Tokyo")).unwrap();
        assert_eq!(
            view["blocks"][3]["element"]["initial_option"]["value"], "Asia/Tokyo",
            "a standup on UTC defaults to the viewer's zone"
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
        let view =
            serde_json::to_value(setup_modal(&s, &["U1".into()], "America/New_York")).unwrap();
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
