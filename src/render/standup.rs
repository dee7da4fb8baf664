//! Block Kit for standup messages. Summaries are rendered by
//! `summarize::render`; this module holds the standup's own messages: the
//! parent prompt, nudges, reminders and the closed state.

use serde_json::{json, Value};

use crate::standup::Run;

/// Slack's limit for a section's text.
pub const MAX_SECTION_TEXT: usize = 3000;

/// Escapes text for Slack's mrkdwn (`&`, `<`, `>`), per Slack's formatting rules.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Cuts text to `max` characters on a char boundary, marking the cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

pub fn mentions(users: &[String]) -> String {
    users
        .iter()
        .map(|u| format!("<@{u}>"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn section(text: &str) -> Value {
    json!({ "type": "section", "text": { "type": "mrkdwn", "text": clip(text, MAX_SECTION_TEXT) } })
}

/// The action id of the parent message's "Answer" button; its value is the run id.
pub const ANSWER_ACTION: &str = "standup_answer";
/// The action id of the closed parent's "Update summary" button; its value is the run id.
pub const UPDATE_SUMMARY_ACTION: &str = "standup_update_summary";
/// The mood buttons' action id; the value is `<run id>:<1-5>`.
pub const MOOD_ACTION: &str = "standup_mood";
/// The 1–5 mood scale.
pub const MOOD_EMOJI: [&str; 5] = [
    ":cloud_with_rain:",
    ":cloud:",
    ":partly_sunny:",
    ":mostly_sunny:",
    ":sunny:",
];

/// The mood question of a nudge: five buttons.
pub fn mood_buttons(run_id: i64) -> Value {
    let buttons: Vec<Value> = (1..=5)
        .map(|n| json!({ "type": "button", "action_id": format!("{MOOD_ACTION}_{n}"), "value": format!("{run_id}:{n}"), "text": { "type": "plain_text", "emoji": true, "text": MOOD_EMOJI[n - 1] } }))
        .collect();
    json!({ "type": "actions", "block_id": format!("mood:{run_id}"), "elements": buttons })
}

/// The callback id of the answer modal; its private_metadata is the run id.
pub const ANSWER_VIEW: &str = "standup_answer_view";

/// The parent message of a run: date, questions, an Answer button, who is expected.
pub fn parent_message(run: &Run, title: &str) -> (String, Value) {
    let questions: String = run
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| format!("{}. {}\n", i + 1, escape(q)))
        .collect();
    let expected = if run.expected.is_empty() {
        "nobody yet".to_string()
    } else {
        mentions(&run.expected)
    };
    let text = format!(
        "{} for {} — answer in this thread",
        escape(title),
        run.run_date
    );
    let blocks = json!([
        { "type": "header", "text": { "type": "plain_text", "text": clip(&format!(":sunrise: {} — {}", title, run.run_date), 150) } },
        section(&format!("Reply *in this thread* (one message, or one per question):\n{questions}")),
        { "type": "actions", "elements": [
            { "type": "button", "action_id": ANSWER_ACTION, "style": "primary", "value": run.id.to_string(), "text": { "type": "plain_text", "text": "Answer" } }
        ] },
        { "type": "context", "elements": [ { "type": "mrkdwn", "text": clip(&format!("Expected: {expected} · closes <!date^{}^{{time}}|at the close>", run.closes_at), 2000) } ] }
    ]);
    (text, blocks)
}

/// The parent message once the run is closed.
pub fn closed_parent_message(run: &Run, title: &str, answered: usize) -> (String, Value) {
    let text = format!(
        "{} for {} — closed: {answered} of {} answered",
        escape(title),
        run.run_date,
        run.expected.len()
    );
    let blocks = json!([
        { "type": "header", "text": { "type": "plain_text", "text": clip(&format!(":sunrise: {} — {}", title, run.run_date), 150) } },
        section(&format!(":lock: Closed — {answered} of {} answered. The summary is in this thread; answers written after the close are kept and included when you press *Update summary*.", run.expected.len())),
        { "type": "actions", "elements": [
            { "type": "button", "action_id": UPDATE_SUMMARY_ACTION, "value": run.id.to_string(), "text": { "type": "plain_text", "text": "Update summary" } }
        ] }
    ]);
    (text, blocks)
}

/// The DM nudge at open time; links the thread and recalls yesterday's plan.
pub fn nudge_text(
    run: &Run,
    channel: &str,
    permalink: Option<&str>,
    last_plan: Option<&str>,
) -> String {
    let link = match permalink {
        Some(p) => format!("<{p}|the standup thread>"),
        None => format!("the standup thread in <#{channel}>"),
    };
    let mut text = format!(
        ":wave: Time for the standup ({}). Please answer in {link}.",
        run.run_date
    );
    if let Some(plan) = last_plan.filter(|p| !p.trim().is_empty()) {
        text.push_str(&format!(
            "\nLast time you said you would: _{}_",
            escape(&clip(plan, 500))
        ));
    }
    text
}

pub fn reminder_text(run: &Run, channel: &str, permalink: Option<&str>) -> String {
    let link = match permalink {
        Some(p) => format!("<{p}|the thread>"),
        None => format!("the thread in <#{channel}>"),
    };
    format!(":hourglass_flowing_sand: Friendly reminder: the standup of {} closes <!date^{}^{{time}}|soon>. Answer in {link}.", run.run_date, run.closes_at)
}

/// The modal opened by the Answer button: one multiline input per question.
pub fn answer_modal(run: &Run, ask_mood: bool) -> Value {
    let mut inputs: Vec<Value> = run
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            json!({
                "type": "input", "block_id": format!("q{i}"), "optional": true,
                "label": { "type": "plain_text", "text": clip(q, 2000) },
                "element": { "type": "plain_text_input", "action_id": "answer", "multiline": true }
            })
        })
        .collect();
    if ask_mood {
        let options: Vec<Value> = (1..=5).map(|n| json!({ "text": { "type": "plain_text", "text": format!("{} {n}", MOOD_EMOJI[n - 1]) }, "value": n.to_string() })).collect();
        inputs.push(json!({
            "type": "input", "block_id": "mood", "optional": true,
            "label": { "type": "plain_text", "text": "How are you feeling? (only the team average is shown)" },
            "element": { "type": "static_select", "action_id": "mood", "options": options }
        }));
    }
    json!({
        "type": "modal", "callback_id": ANSWER_VIEW, "private_metadata": run.id.to_string(),
        "title": { "type": "plain_text", "text": "Standup" },
        "submit": { "type": "plain_text", "text": "Post" },
        "close": { "type": "plain_text", "text": "Cancel" },
        "blocks": inputs
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_clip() {
        assert_eq!(escape("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(clip("héllo", 3), "hé…");
        assert_eq!(clip("abc", 3), "abc");
    }
}
