//! Participation reports: answered / expected per person (away days not
//! counted), average time to answer, blockers opened and resolved, action
//! items opened and done — as text (`/standup report`), as CSV
//! (`/standup export`), and posted after Friday's run when enabled.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::ToSpan;

use crate::context::Context;
use crate::standup::{schedule, Run, Standup};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
}

impl Period {
    fn days(self) -> i64 {
        match self {
            Period::Week => 7,
            Period::Month => 30,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonStats {
    pub user: String,
    pub answered: u32,
    pub expected: u32,
    answer_secs: i64,
}

impl PersonStats {
    /// Average minutes from a run's open to this person's first answer.
    pub fn avg_minutes_to_answer(&self) -> Option<i64> {
        (self.answered > 0).then(|| self.answer_secs / i64::from(self.answered) / 60)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub channel_id: String,
    pub period: Period,
    pub from: Date,
    pub to: Date,
    pub runs: usize,
    pub people: Vec<PersonStats>,
    pub blockers_opened: i64,
    pub blockers_resolved: i64,
    pub items_opened: i64,
    pub items_done: i64,
    /// The team's average mood per run date, where at least three answered.
    pub mood_trend: Vec<(String, f64)>,
}

/// Builds the report of the `period` ending on `today` (inclusive).
pub async fn build(
    ctx: &Context,
    standup: &Standup,
    period: Period,
    today: Date,
) -> anyhow::Result<Report> {
    let from = today.checked_sub((period.days() - 1).days())?;
    let end = today.checked_add(1.day())?;
    let zone = schedule::zone(&standup.tz);
    let from_ts = from.to_zoned(zone.clone())?.timestamp().as_second();
    let end_ts = end.to_zoned(zone)?.timestamp().as_second();
    let team = standup.team_id.as_str();

    let runs = ctx
        .store
        .runs_between(team, standup.id, &from.to_string(), &end.to_string())
        .await?;
    let (people, mood_trend) = per_person(ctx, team, &runs).await?;
    let (blockers_opened, blockers_resolved) = ctx
        .store
        .blocker_counts(
            team,
            standup.id,
            &from.to_string(),
            &end.to_string(),
            from_ts,
            end_ts,
        )
        .await?;
    let (items_opened, items_done) = ctx
        .store
        .item_counts(team, &standup.channel_id, from_ts, end_ts)
        .await?;
    Ok(Report {
        channel_id: standup.channel_id.clone(),
        period,
        from,
        to: today,
        runs: runs.len(),
        people: people.into_values().collect(),
        blockers_opened,
        blockers_resolved,
        items_opened,
        items_done,
        mood_trend,
    })
}

/// Each expected member's answers over the runs (days they were away are
/// not counted), and the team's mood per run.
async fn per_person(
    ctx: &Context,
    team: &str,
    runs: &[Run],
) -> anyhow::Result<(BTreeMap<String, PersonStats>, Vec<(String, f64)>)> {
    let mut people: BTreeMap<String, PersonStats> = BTreeMap::new();
    let mut mood_trend = Vec::new();
    for run in runs {
        if let Some((avg, _)) = super::team_mood(&ctx.store.moods_for_run(team, run.id).await?) {
            mood_trend.push((run.run_date.clone(), avg));
        }
        let day: String = run.run_date.chars().take(10).collect();
        let away = ctx.store.absent_on(team, &day).await?;
        let answers = ctx.store.answers_for_run(team, run.id).await?;
        for user in run.expected.iter().filter(|u| !away.contains(u)) {
            let p = people.entry(user.clone()).or_insert_with(|| PersonStats {
                user: user.clone(),
                ..Default::default()
            });
            p.expected += 1;
            if let Some(first) = answers
                .iter()
                .filter(|a| &a.user_id == user)
                .map(|a| a.answered_at)
                .min()
            {
                p.answered += 1;
                p.answer_secs += (first - run.opened_at).max(0);
            }
        }
    }
    Ok((people, mood_trend))
}

fn duration_text(minutes: i64) -> String {
    if minutes >= 60 {
        format!("{}h {:02}m", minutes / 60, minutes % 60)
    } else {
        format!("{minutes}m")
    }
}

impl Report {
    /// The report as Slack mrkdwn.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "*Standup report — <#{}> — {} to {}* ({} run{})\n*Participation*",
            self.channel_id,
            self.from,
            self.to,
            self.runs,
            if self.runs == 1 { "" } else { "s" }
        );
        if self.people.is_empty() {
            out.push_str("\nNo runs in this period.");
        }
        for p in &self.people {
            let pct = (p.answered * 100).checked_div(p.expected).unwrap_or(0);
            out.push_str(&format!(
                "\n• <@{}>: {}/{} answered ({pct}%)",
                p.user, p.answered, p.expected
            ));
            if let Some(m) = p.avg_minutes_to_answer() {
                out.push_str(&format!(" · avg time to answer {}", duration_text(m)));
            }
        }
        out.push_str(&format!(
            "\n*Blockers:* {} opened, {} resolved · *Action items:* {} opened, {} done",
            self.blockers_opened, self.blockers_resolved, self.items_opened, self.items_done
        ));
        if !self.mood_trend.is_empty() {
            let trend: Vec<String> = self
                .mood_trend
                .iter()
                .map(|(day, avg)| format!("{day} {avg:.1}"))
                .collect();
            out.push_str(&format!("\n*Team mood:* {}", trend.join(" · ")));
        }
        out
    }

    /// The report as CSV: one row per person, then a `(team)` row with the totals.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("period_from,period_to,user,answered,expected,avg_minutes_to_answer,blockers_opened,blockers_resolved,action_items_opened,action_items_done\n");
        for p in &self.people {
            let avg = p
                .avg_minutes_to_answer()
                .map(|m| m.to_string())
                .unwrap_or_default();
            out.push_str(&format!(
                "{},{},{},{},{},{avg},,,,\n",
                self.from, self.to, p.user, p.answered, p.expected
            ));
        }
        let (answered, expected): (u32, u32) = self
            .people
            .iter()
            .fold((0, 0), |(a, e), p| (a + p.answered, e + p.expected));
        out.push_str(&format!(
            "{},{},(team),{answered},{expected},,{},{},{},{}\n",
            self.from,
            self.to,
            self.blockers_opened,
            self.blockers_resolved,
            self.items_opened,
            self.items_done
        ));
        out
    }
}
