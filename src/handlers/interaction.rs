//! Purpose: buttons and modals. The standup's "Answer" button opens a modal
//! with one field per question; its submission is posted into the run's
//! thread (so the team sees it) and stored as that member's answer. The
//! `/standup setup` modal edits the channel's standup configuration.

use serde_json::{json, Value};

use crate::context::Context;
use crate::render::standup::{
    self as blocks, escape, ANSWER_ACTION, ANSWER_VIEW, MOOD_ACTION, UPDATE_SUMMARY_ACTION,
};
use crate::slack::inbound::Interaction;
use crate::standup::command::{parse_time, parse_tz};
use crate::standup::runs;
use crate::standup::schedule::parse_days;
use crate::standup::{RunStatus, Standup};

pub const SETUP_VIEW: &str = "standup_setup_view";

/// Handles block actions and shortcuts (acknowledged already).
pub async fn handle(ctx: &Context, i: &Interaction) -> anyhow::Result<()> {
    // The thread-summary shortcut and its "Share in thread" button.
    if super::summarize_thread::handle(ctx, i).await? {
        return Ok(());
    }
    if i.kind != "block_actions" {
        return Ok(());
    }
    let Some(actions) = i.raw.get("actions").and_then(Value::as_array) else {
        return Ok(());
    };
    let channel = i
        .raw
        .pointer("/channel/id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    for action in actions {
        let action_id = action
            .get("action_id")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let run_id: i64 = action
            .get("value")
            .and_then(Value::as_str)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        match action_id {
            ANSWER_ACTION => {
                let Some(run) = ctx.store.run_get(&i.team_id, run_id).await? else {
                    continue;
                };
                if run.status != RunStatus::Open {
                    ctx.slack.post_ephemeral(channel, &i.user_id, "This standup is closed; reply in its thread and press *Update summary*.", None).await?;
                } else if let Some(trigger) = &i.trigger_id {
                    let modal = blocks::answer_modal(&run, ask_mood(ctx, &run).await);
                    ctx.slack.views_open(trigger, &modal).await?;
                }
            }
            id if id.starts_with(MOOD_ACTION) => {
                let value = action
                    .get("value")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let parsed = value
                    .split_once(':')
                    .and_then(|(r, s)| Some((r.parse::<i64>().ok()?, s.parse::<i64>().ok()?)));
                if let Some((run_id, score)) = parsed.filter(|(_, s)| (1..=5).contains(s)) {
                    if ctx.store.run_get(&i.team_id, run_id).await?.is_some() {
                        ctx.store
                            .mood_set(&i.team_id, run_id, &i.user_id, score)
                            .await?;
                        if !channel.is_empty() {
                            ctx.slack.post_ephemeral(channel, &i.user_id, &format!("Thanks — mood noted ({score}/5). Only the team's average is shown."), None).await?;
                        }
                    }
                }
            }
            UPDATE_SUMMARY_ACTION => {
                let Some(run) = ctx.store.run_get(&i.team_id, run_id).await? else {
                    continue;
                };
                if run.status == RunStatus::Closed {
                    runs::update_summary(ctx, &run).await?;
                }
            }
            _ => {
                super::followup_actions::on_action(ctx, i, action).await?;
            }
        }
    }
    Ok(())
}

/// Whether the run's standup asks for a mood.
async fn ask_mood(ctx: &Context, run: &crate::standup::Run) -> bool {
    matches!(ctx.store.standup_by_id(&run.team_id, run.standup_id).await, Ok(Some(s)) if s.mood)
}

/// The value typed into a plain text input, by block id.
fn input_value<'a>(view: &'a Value, block_id: &str) -> Option<&'a str> {
    view.pointer(&format!("/state/values/{block_id}"))
        .and_then(Value::as_object)
        .and_then(|actions| actions.values().next())
        .and_then(|a| {
            a.get("value")
                .or_else(|| a.pointer("/selected_option/value"))
        })
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Handles a modal submission; returns Slack's `response_action` body when
/// the modal must show errors instead of closing.
pub async fn on_view_submission(ctx: &Context, i: &Interaction) -> anyhow::Result<Option<Value>> {
    let view = i.raw.get("view").cloned().unwrap_or(Value::Null);
    match view.get("callback_id").and_then(Value::as_str) {
        Some(ANSWER_VIEW) => submit_answer(ctx, i, &view).await,
        Some(SETUP_VIEW) => submit_setup(ctx, i, &view).await,
        _ => Ok(None),
    }
}

async fn submit_answer(
    ctx: &Context,
    i: &Interaction,
    view: &Value,
) -> anyhow::Result<Option<Value>> {
    let run_id: i64 = view
        .get("private_metadata")
        .and_then(Value::as_str)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let Some(run) = ctx.store.run_get(&i.team_id, run_id).await? else {
        return Ok(None);
    };
    let (Some(parent_ts), RunStatus::Open) = (run.parent_ts.clone(), run.status) else {
        return Ok(Some(
            json!({ "response_action": "errors", "errors": { "q0": "This standup is closed." } }),
        ));
    };
    if let Some(score) = input_value(view, "mood")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|s| (1..=5).contains(s))
    {
        ctx.store
            .mood_set(&i.team_id, run.id, &i.user_id, score)
            .await?;
    }
    let answers: Vec<String> = (0..run.questions.len())
        .map(|n| {
            input_value(view, &format!("q{n}"))
                .unwrap_or("")
                .to_string()
        })
        .collect();
    if answers.iter().all(String::is_empty) {
        return Ok(Some(
            json!({ "response_action": "errors", "errors": { "q0": "Write at least one answer." } }),
        ));
    }
    let mut text = format!("*<@{}> answered:*", i.user_id);
    let mut body = String::new();
    for (q, a) in run.questions.iter().zip(&answers) {
        if a.is_empty() {
            continue;
        }
        text.push_str(&format!("\n*{}*\n{}", escape(q), escape(a)));
        body.push_str(&format!("{q}\n{a}\n"));
    }
    // The modal closes now; the post and the answer follow in the background.
    let answered_at = ctx.clock.now();
    let (slack, store, user, team) = (
        ctx.slack.clone(),
        ctx.store.clone(),
        i.user_id.clone(),
        i.team_id.clone(),
    );
    let key = format!(
        "run:{}:modal:{}",
        run.id,
        view.get("id").and_then(Value::as_str).unwrap_or("?")
    );
    ctx.tasks().spawn(async move {
        let result: anyhow::Result<()> = async {
            if !store.post_claim(&team, &key).await? {
                return Ok(());
            }
            let posted = slack
                .post_message(&run.channel_id, &text, None, Some(&parent_ts))
                .await?;
            store
                .post_record(&team, &key, &posted.channel, &posted.ts)
                .await?;
            // Stored with the per-question split the modal gave us.
            store
                .answer_upsert(
                    &team,
                    run.id,
                    &user,
                    &posted.ts,
                    body.trim_end(),
                    false,
                    answered_at,
                )
                .await?;
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::error!(error = ?e, "posting a modal answer failed");
        }
    });
    Ok(None)
}

/// The `/standup setup` modal, prefilled with the current configuration.
pub fn setup_modal(s: &Standup) -> Value {
    let text_input = |block: &str, label: &str, value: String, multiline: bool, hint: &str| {
        json!({
            "type": "input", "block_id": block,
            "label": { "type": "plain_text", "text": label },
            "hint": { "type": "plain_text", "text": hint },
            "element": { "type": "plain_text_input", "action_id": "value", "multiline": multiline, "initial_value": value }
        })
    };
    let mut participants = json!({
        "type": "input", "block_id": "participants", "optional": true,
        "label": { "type": "plain_text", "text": "Participants" },
        "hint": { "type": "plain_text", "text": "Leave empty to ask everyone in the channel." },
        "element": { "type": "multi_users_select", "action_id": "value" }
    });
    if let Some(list) = s.participants.as_ref().filter(|l| !l.is_empty()) {
        participants["element"]["initial_users"] = json!(list);
    }
    json!({
        "type": "modal", "callback_id": SETUP_VIEW, "private_metadata": s.id.to_string(),
        "title": { "type": "plain_text", "text": "Standup settings" },
        "submit": { "type": "plain_text", "text": "Save" },
        "blocks": [
            text_input("questions", "Questions (one per line)", s.questions.join("\n"), true, "Up to 10 questions."),
            text_input("days", "Days", s.days.to_string(), false, "e.g. mon-fri or mon,wed,fri"),
            text_input("time", "Time (HH:MM)", s.time.strftime("%H:%M").to_string(), false, "24-hour clock"),
            text_input("tz", "Time zone", s.tz.clone(), false, "IANA name, e.g. Europe/Berlin"),
            participants,
            text_input("close", "Close after (minutes)", s.close_after_minutes.to_string(), false, "5 to 1440"),
            text_input("reminder", "Reminder (minutes before close, 0 = none)", s.reminder_before_minutes.to_string(), false, "0 to 1440"),
        ]
    })
}

async fn submit_setup(
    ctx: &Context,
    i: &Interaction,
    view: &Value,
) -> anyhow::Result<Option<Value>> {
    let id: i64 = view
        .get("private_metadata")
        .and_then(Value::as_str)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let Some(mut s) = ctx.store.standup_by_id(&i.team_id, id).await? else {
        return Ok(None);
    };
    let mut errors = serde_json::Map::new();
    let questions: Vec<String> = input_value(view, "questions")
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if questions.is_empty() || questions.len() > 10 {
        errors.insert(
            "questions".into(),
            json!("Write one to ten questions, one per line."),
        );
    }
    let days = parse_days(input_value(view, "days").unwrap_or(""));
    if let Err(e) = &days {
        errors.insert("days".into(), json!(e));
    }
    let time = parse_time(input_value(view, "time").unwrap_or(""));
    if let Err(e) = &time {
        errors.insert("time".into(), json!(e.message));
    }
    let tz = parse_tz(input_value(view, "tz").unwrap_or("UTC"));
    if let Err(e) = &tz {
        errors.insert("tz".into(), json!(e.message));
    }
    let minutes = |block: &str, min: i64| {
        input_value(view, block)
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|m| (min..=1440).contains(m))
    };
    let (close, reminder) = (minutes("close", 5), minutes("reminder", 0));
    if close.is_none() {
        errors.insert("close".into(), json!("A number of minutes from 5 to 1440."));
    }
    if reminder.is_none() {
        errors.insert(
            "reminder".into(),
            json!("A number of minutes from 0 to 1440."),
        );
    }
    if !errors.is_empty() {
        return Ok(Some(
            json!({ "response_action": "errors", "errors": errors }),
        ));
    }
    let users: Vec<String> = view
        .pointer("/state/values/participants/value/selected_users")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    s.questions = questions;
    s.days = days.expect("checked above");
    s.time = time.expect("checked above");
    s.tz = tz.expect("checked above");
    s.participants = (!users.is_empty()).then_some(users);
    s.close_after_minutes = close.expect("checked above");
    s.reminder_before_minutes = reminder.expect("checked above");
    s.next_run_at = if s.paused {
        None
    } else {
        s.next_run_after(ctx.clock.now())
    };
    ctx.store.standup_update(&s).await?;
    Ok(None)
}
