//! Purpose: the `/standup setup` modal's submission. The submitter must
//! still be allowed to change the standup (owners may have changed since
//! the modal opened); the form is then read and checked
//! ([`SetupForm::parse`]): any invalid field, or a refusal, keeps the modal
//! open with an error under it and changes nothing; a valid form is then
//! applied to the standup and saved, its owners included.

use std::collections::BTreeMap;

use jiff::civil::Time;

use super::ViewResponse;
use crate::context::Context;
use crate::slack::inbound::ViewSubmission;
use crate::standup::command::{parse_time, parse_tz};
use crate::standup::schedule::{parse_days, Days};
use crate::standup::{owners, Standup};

pub async fn submit(ctx: &Context, view: &ViewSubmission) -> anyhow::Result<ViewResponse> {
    let id: i64 = view.private_metadata.parse().unwrap_or(0);
    let (team, user) = (view.actor.team_id.as_str(), view.actor.user_id.as_str());
    let Some(mut standup) = ctx.store.standup_by_id(team, id).await? else {
        return Ok(ViewResponse::Close);
    };
    if standup.deleted_at.is_some() {
        return Ok(ViewResponse::error(
            "questions",
            "This standup was deleted; nothing was saved.",
        ));
    }
    if let Some(refusal) = owners::refusal(ctx, &standup, user).await? {
        // Under the owners field; a form opened before owners existed has
        // none, and an error must name a block the form has.
        let block = if view.inputs.contains_key("owners") {
            "owners"
        } else {
            "questions"
        };
        return Ok(ViewResponse::error(block, &refusal));
    }
    let form = match SetupForm::parse(view) {
        Ok(form) => form,
        Err(errors) => return Ok(ViewResponse::Errors(errors)),
    };
    if let Some(new_owners) = &form.owners {
        ctx.store
            .standup_owners_set(team, standup.id, new_owners, user)
            .await?;
    }
    form.apply(&mut standup, ctx.clock.now());
    ctx.store.standup_update(&standup).await?;
    Ok(ViewResponse::Close)
}

/// The settings modal's fields, every one checked.
#[derive(Debug)]
struct SetupForm {
    questions: Vec<String>,
    days: Days,
    time: Time,
    tz: String,
    /// Empty: everyone in the channel.
    participants: Vec<String>,
    /// At least one; `None` when the form has no owners field (a modal
    /// opened before owners existed): the owners stay as they are.
    owners: Option<Vec<String>>,
    close_after_minutes: i64,
    reminder_before_minutes: i64,
}

impl SetupForm {
    /// Reads the form; on failure, the error text by input block id.
    fn parse(view: &ViewSubmission) -> Result<Self, BTreeMap<String, String>> {
        let mut errors = BTreeMap::new();
        let questions = check(&mut errors, "questions", questions(view));
        let days = check(&mut errors, "days", days(view));
        let time = check(
            &mut errors,
            "time",
            parse_time(view.text("time").unwrap_or("")).map_err(|e| e.message),
        );
        let tz = check(
            &mut errors,
            "tz",
            parse_tz(view.text("tz").unwrap_or("UTC")).map_err(|e| e.message),
        );
        let minutes = |block: &str, min: i64| {
            view.text(block)
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|m| (min..=1440).contains(m))
        };
        let close = check(
            &mut errors,
            "close",
            minutes("close", 5).ok_or_else(|| "A number of minutes from 5 to 1440.".to_string()),
        );
        let reminder = check(
            &mut errors,
            "reminder",
            minutes("reminder", 0).ok_or_else(|| "A number of minutes from 0 to 1440.".to_string()),
        );
        let owners: Vec<String> = view.users("owners").iter().map(|u| u.to_string()).collect();
        let owners = check(
            &mut errors,
            "owners",
            match view.inputs.contains_key("owners") {
                false => Ok(None),
                true if owners.is_empty() => Err("A standup needs at least one owner.".to_string()),
                true => Ok(Some(owners)),
            },
        );
        match (questions, days, time, tz, close, reminder, owners) {
            (
                Some(questions),
                Some(days),
                Some(time),
                Some(tz),
                Some(close),
                Some(reminder),
                Some(owners),
            ) => Ok(SetupForm {
                owners,
                questions,
                days,
                time,
                tz,
                participants: view
                    .users("participants")
                    .iter()
                    .map(|u| u.to_string())
                    .collect(),
                close_after_minutes: close,
                reminder_before_minutes: reminder,
            }),
            _ => Err(errors),
        }
    }

    /// Writes the form into the standup and schedules its next run.
    fn apply(self, s: &mut Standup, now: i64) {
        s.questions = self.questions;
        s.days = self.days;
        s.time = self.time;
        s.tz = self.tz;
        s.participants = (!self.participants.is_empty()).then_some(self.participants);
        s.close_after_minutes = self.close_after_minutes;
        s.reminder_before_minutes = self.reminder_before_minutes;
        s.next_run_at = if s.paused {
            None
        } else {
            s.next_run_after(now)
        };
    }
}

/// The days checked (a modal opened before the checkboxes has a text box:
/// its text is read with the command grammar).
fn days(view: &ViewSubmission) -> Result<Days, String> {
    let checked = view.options("days");
    if !checked.is_empty() {
        return parse_days(&checked.join(","));
    }
    match view.text("days") {
        Some(text) => parse_days(text),
        None => Err("Choose at least one day.".to_string()),
    }
}

/// One to ten questions, one per line of the questions input.
fn questions(view: &ViewSubmission) -> Result<Vec<String>, String> {
    let questions: Vec<String> = view
        .text("questions")
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if (1..=10).contains(&questions.len()) {
        Ok(questions)
    } else {
        Err("Write one to ten questions, one per line.".to_string())
    }
}

/// The value of a checked field; its error, under its block, when it failed.
fn check<T>(errors: &mut BTreeMap<String, String>, block: &str, r: Result<T, String>) -> Option<T> {
    r.map_err(|e| errors.insert(block.to_string(), e)).ok()
}
