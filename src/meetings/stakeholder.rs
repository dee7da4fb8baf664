//! The weekly stakeholder update: what a standup channel's week means to
//! people outside the team — progress (done items grouped by theme), risks
//! (blockers open two working days or more, overdue action items, people
//! who stopped answering), decisions, and what is next — from the week's
//! stored summaries and follow-through, with no LLM. Each line keeps where
//! it came from, for its link. Posted once a week, claimed before posting.

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

use crate::context::Context;
use crate::followup::report::{self, Period, PersonStats};
use crate::standup::{schedule, Standup};
use crate::store::stakeholder::StakeholderRow;
use crate::summarize::Summary;

pub use super::update::{Line, Source, Update};

/// Lines per section, to keep the whole within ~15 lines.
const MAX_PROGRESS: usize = 5;
const MAX_RISKS: usize = 5;
const MAX_DECISIONS: usize = 2;
const MAX_NEXT: usize = 3;
/// A blocker is a risk once it has been open this many working days.
const RISK_BLOCKER_DAYS: i64 = 2;
/// Words too common to name a theme.
const STOPWORDS: [&str; 24] = [
    "with", "from", "that", "this", "have", "into", "about", "after", "before", "more", "some",
    "still", "done", "finished", "fixed", "shipped", "merged", "update", "updated", "work",
    "worked", "added", "review", "their",
];

/// `fri`, `friday`, … as 1 = Monday … 7 = Sunday.
pub fn weekday_number(day: Weekday) -> i64 {
    i64::from(day.to_monday_one_offset())
}

/// Posts every update that is due (its weekday, at or after its time, not
/// yet posted this week). One small job of the scheduler's tick.
pub async fn run_due(ctx: &Context) {
    let rows = match ctx.store.stakeholder_all().await {
        Ok(rows) => rows,
        Err(e) => {
            tracing::warn!(error = %e, "stakeholder updates not read");
            return;
        }
    };
    for row in rows {
        if let Err(e) = post_if_due(ctx, &row).await {
            tracing::warn!(channel = row.channel_id, error = ?e, "stakeholder update failed");
        }
    }
}

async fn post_if_due(ctx: &Context, row: &StakeholderRow) -> anyhow::Result<()> {
    let now = ctx.clock.now_timestamp().to_zoned(schedule::zone(&row.tz));
    let minute = i64::from(now.hour()) * 60 + i64::from(now.minute());
    if weekday_number(now.weekday()) != row.weekday || minute < row.minute {
        return Ok(());
    }
    let today = now.date();
    let key = format!("stakeholder:{}:{today}", row.channel_id);
    if !ctx.store.post_claim(&row.team_id, &key).await? {
        return Ok(());
    }
    let update = match build(ctx, &row.team_id, &row.channel_id, today).await {
        Ok(u) => u,
        Err(e) => {
            ctx.store.post_release(&row.team_id, &key).await?;
            return Err(e);
        }
    };
    let update = with_links(ctx, update).await;
    let m = crate::render::stakeholder::update(&update);
    match ctx
        .slack
        .post_message(&row.target, &m.text, Some(&m.blocks), None)
        .await
    {
        Ok(p) => Ok(ctx
            .store
            .post_record(&row.team_id, &key, &p.channel, &p.ts)
            .await?),
        Err(e) => {
            ctx.store.post_release(&row.team_id, &key).await?;
            Err(e.into())
        }
    }
}

/// The update of the seven days ending on `today`.
pub async fn build(
    ctx: &Context,
    team: &str,
    channel: &str,
    today: Date,
) -> anyhow::Result<Update> {
    let from = today.checked_sub(6.days())?;
    let end = today.checked_add(1.day())?;
    let mut u = Update {
        channel: channel.to_string(),
        from: from.to_string(),
        to: today.to_string(),
        ..Update::default()
    };
    let mut done = Vec::new();
    for standup in ctx.store.standups_in_channel(team, channel).await? {
        let runs = (ctx.store)
            .runs_between(team, standup.id, &from.to_string(), &end.to_string())
            .await?;
        u.runs += runs.len();
        let mut next = Vec::new();
        for run in &runs {
            let Some(body) = ctx.store.summary_body(team, run.id).await? else {
                continue;
            };
            let Ok(s) = serde_json::from_str::<Summary>(&body) else {
                continue;
            };
            let at = |ts: &Option<String>| {
                ts.clone()
                    .or_else(|| run.parent_ts.clone())
                    .map_or(Source::None, Source::Ts)
            };
            let line = |who: &str, text: &str, ts: &Option<String>| Line {
                who: Some(who.to_string()),
                text: text.to_string(),
                source: at(ts),
            };
            done.extend(s.done.iter().map(|i| line(&i.user, &i.text, &i.source_ts)));
            u.decisions.extend(
                s.decisions
                    .iter()
                    .map(|i| line(&i.user, &i.text, &i.source_ts)),
            );
            // What is next: the plans of the newest summary only.
            next = s
                .planned
                .iter()
                .map(|i| line(&i.user, &i.text, &i.source_ts))
                .collect();
        }
        u.next.extend(next);
        u.risks
            .extend(blocker_risks(ctx, team, &standup, today).await?);
        u.risks
            .extend(participation_drops(ctx, &standup, today).await?);
    }
    u.risks
        .extend(overdue_items(ctx, team, channel, today).await?);
    u.progress = themes(done, MAX_PROGRESS);
    u.risks.truncate(MAX_RISKS);
    u.decisions.truncate(MAX_DECISIONS);
    u.next.truncate(MAX_NEXT);
    Ok(u)
}

async fn blocker_risks(
    ctx: &Context,
    team: &str,
    standup: &Standup,
    today: Date,
) -> anyhow::Result<Vec<Line>> {
    let mut out = Vec::new();
    for b in ctx.store.blockers_open_in_standup(team, standup.id).await? {
        let days = b.age_in_working_days(today);
        if days < RISK_BLOCKER_DAYS {
            continue;
        }
        let run = ctx.store.run_get(team, b.opened_run).await?;
        out.push(Line {
            who: Some(b.user_id.clone()),
            text: format!("blocked {days} working days: {}", b.text),
            source: run
                .and_then(|r| r.parent_ts)
                .map_or(Source::None, Source::Ts),
        });
    }
    Ok(out)
}

async fn overdue_items(
    ctx: &Context,
    team: &str,
    channel: &str,
    today: Date,
) -> anyhow::Result<Vec<Line>> {
    Ok(ctx
        .store
        .items_open_in_channel(team, channel)
        .await?
        .into_iter()
        .filter(|i| i.is_overdue(today))
        .map(|i| Line {
            who: Some(i.owner.clone()),
            text: format!(
                "overdue since {}: {}",
                i.due.clone().unwrap_or_default(),
                i.text
            ),
            source: i.source_link.map_or(Source::None, Source::Link),
        })
        .collect())
}

/// People who answered at most half as often as the week before (and
/// were expected at least twice this week).
async fn participation_drops(
    ctx: &Context,
    standup: &Standup,
    today: Date,
) -> anyhow::Result<Vec<Line>> {
    let this = report::build(ctx, standup, Period::Week, today).await?;
    let before = report::build(ctx, standup, Period::Week, today.checked_sub(7.days())?).await?;
    Ok(dropped(&this.people, &before.people))
}

fn dropped(this: &[PersonStats], before: &[PersonStats]) -> Vec<Line> {
    let rate = |answered: u32, expected: u32| f64::from(answered) / f64::from(expected.max(1));
    this.iter()
        .filter(|p| p.expected >= 2)
        .filter_map(|p| {
            let prev = before.iter().find(|b| b.user == p.user && b.expected > 0)?;
            let (now, then) = (
                rate(p.answered, p.expected),
                rate(prev.answered, prev.expected),
            );
            (then > 0.0 && now <= then / 2.0).then(|| Line {
                who: Some(p.user.clone()),
                text: format!(
                    "answered {} of {} standups (the week before: {} of {})",
                    p.answered, p.expected, prev.answered, prev.expected
                ),
                source: Source::None,
            })
        })
        .collect()
}

/// Done items grouped under the word most of them share ("billing",
/// "onboarding"), biggest theme first; the rest under "Other". At most
/// `max` lines in all (a theme's items joined on one line).
pub fn themes(items: Vec<Line>, max: usize) -> Vec<(String, Vec<Line>)> {
    let mut left = items;
    let mut out: Vec<(String, Vec<Line>)> = Vec::new();
    while out.len() + 1 < max {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for i in &left {
            for w in keywords(&i.text) {
                *counts.entry(w).or_default() += 1;
            }
        }
        let Some((word, n)) = counts
            .into_iter()
            .max_by_key(|(w, n)| (*n, std::cmp::Reverse(w.clone())))
        else {
            break;
        };
        if n < 2 {
            break;
        }
        let (theme, rest): (Vec<Line>, Vec<Line>) = left
            .into_iter()
            .partition(|i| keywords(&i.text).contains(&word));
        out.push((word, theme));
        left = rest;
    }
    if !left.is_empty() {
        out.push(("other".to_string(), left));
    }
    out.truncate(max);
    out
}

fn keywords(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()) && !is_user_id(w))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A mention's id (`<@U0001>` splits into `u0001`), not a word.
fn is_user_id(word: &str) -> bool {
    word.starts_with(['u', 'w']) && word.chars().any(|c| c.is_ascii_digit())
}

/// Turns message ts into permalinks, only for the lines that are shown.
async fn with_links(ctx: &Context, mut u: Update) -> Update {
    let channel = u.channel.clone();
    let lines = u
        .progress
        .iter_mut()
        .flat_map(|(_, l)| l.iter_mut())
        .chain(u.risks.iter_mut())
        .chain(u.decisions.iter_mut())
        .chain(u.next.iter_mut());
    for line in lines {
        if let Source::Ts(ts) = &line.source {
            line.source = match ctx.slack.permalink(&channel, ts).await {
                Ok(url) => Source::Link(url),
                Err(_) => Source::None,
            };
        }
    }
    u
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line {
            who: None,
            text: text.into(),
            source: Source::None,
        }
    }

    fn stats(user: &str, answered: u32, expected: u32) -> PersonStats {
        let mut p = PersonStats::default();
        p.user = user.into();
        p.answered = answered;
        p.expected = expected;
        p
    }

    #[test]
    fn a_participation_drop_is_answering_half_as_often_as_the_week_before() {
        let before = [
            stats("U1", 5, 5),
            stats("U2", 4, 5),
            stats("U3", 0, 5),
            stats("U4", 5, 5),
        ];
        let this = [
            stats("U1", 2, 5),
            stats("U2", 3, 5),
            stats("U3", 0, 5),
            stats("U4", 0, 1),
        ];
        let lines = dropped(&this, &before);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].who.as_deref(), Some("U1"));
        assert_eq!(
            lines[0].text,
            "answered 2 of 5 standups (the week before: 5 of 5)"
        );
    }

    #[test]
    fn done_items_are_grouped_under_the_word_they_share() {
        let items = vec![
            line("Billing export to CSV"),
            line("Fixed the login redirect"),
            line("Billing retries for failed cards"),
            line("Wrote the onboarding email"),
        ];
        let t = themes(items, 5);
        let names: Vec<(&str, usize)> = t.iter().map(|(n, l)| (n.as_str(), l.len())).collect();
        assert_eq!(names, vec![("billing", 2), ("other", 2)]);
    }
}
