//! Follow-through operations, called at a run's close and from buttons.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;
use jiff::ToSpan;
use regex::Regex;

use super::{ActionItem, ItemStatus, OpenBlocker, LONG_STANDING_WORKING_DAYS};
use crate::context::Context;
use crate::render::followup::{self as render_followup, ChannelExtras, HomeStandup};
use crate::standup::{schedule, Answer, Run};
use crate::summarize::Summary;

/// An answer that says the old blocker is gone.
fn says_unblocked(text: &str) -> bool {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(resolved|unblocked|no longer blocked|not blocked( anymore)?|no blockers?|nothing blocking|fixed now|got (the )?access|(b|blockers?):\s*(none|n/a|nope|nothing|all good))\b")
            .expect("a valid regex")
    })
    .is_match(text)
}

/// Stores the run's action items and carries its blockers over.
pub async fn record_run(
    ctx: &Context,
    run: &Run,
    manager: &str,
    summary: &Summary,
    answers: &[Answer],
    link: Option<&str>,
) -> anyhow::Result<()> {
    record_items(ctx, run, manager, summary, link).await?;
    carry_blockers(ctx, run, summary, answers).await
}

/// One open action item per item of the summary.
async fn record_items(
    ctx: &Context,
    run: &Run,
    manager: &str,
    summary: &Summary,
    link: Option<&str>,
) -> anyhow::Result<()> {
    let created_at = ctx.clock.now();
    for ai in &summary.action_items {
        let item = ActionItem {
            id: 0,
            team_id: run.team_id.clone(),
            channel_id: run.channel_id.clone(),
            run_id: Some(run.id),
            owner: ai.owner.clone(),
            text: ai.text.clone(),
            due: ai.due.clone(),
            status: ItemStatus::Open,
            snoozed_until: None,
            source_link: link.map(str::to_string),
            manager: manager.to_string(),
            issue_url: None,
            created_at,
            done_by: None,
        };
        ctx.store.item_insert(&item).await?;
    }
    Ok(())
}

/// For each member who answered: a blocker reported again is marked seen,
/// a new one is opened, and an old one the answer says is gone is resolved.
async fn carry_blockers(
    ctx: &Context,
    run: &Run,
    summary: &Summary,
    answers: &[Answer],
) -> anyhow::Result<()> {
    // Per person: the texts of their blockers, and who blocks them (the first named).
    let mut blocked: BTreeMap<&str, (Vec<&str>, Option<&str>)> = BTreeMap::new();
    for b in &summary.blockers {
        let e = blocked.entry(b.user.as_str()).or_default();
        e.0.push(&b.text);
        if e.1.is_none() {
            e.1 = b.blocked_by.as_deref();
        }
    }
    let answered: HashSet<&str> = answers.iter().map(|a| a.user_id.as_str()).collect();
    for user in answered {
        let existing = ctx
            .store
            .blocker_open_for(&run.team_id, run.standup_id, user)
            .await?;
        match (blocked.get(user), existing) {
            (Some((texts, _)), Some(open)) => {
                ctx.store
                    .blocker_seen(&run.team_id, open.id, run.id, &texts.join("; "))
                    .await?
            }
            (Some((texts, by)), None) => {
                let b = OpenBlocker {
                    id: 0,
                    team_id: run.team_id.clone(),
                    channel_id: run.channel_id.clone(),
                    standup_id: run.standup_id,
                    user_id: user.to_string(),
                    text: texts.join("; "),
                    blocked_by: by.map(str::to_string),
                    opened_on: run.run_date.chars().take(10).collect(),
                    opened_run: run.id,
                    resolved: false,
                };
                ctx.store.blocker_insert(&b).await?
            }
            (None, Some(open)) => {
                let text: String = answers
                    .iter()
                    .filter(|a| a.user_id == user)
                    .map(|a| a.body.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                if says_unblocked(&text) {
                    ctx.store
                        .blocker_resolve(&run.team_id, open.id, ctx.clock.now())
                        .await?;
                }
            }
            (None, None) => {}
        }
    }
    Ok(())
}

/// The run date as a civil date (manual runs carry a `#n` suffix).
fn run_day(run: &Run) -> Date {
    run.run_date
        .chars()
        .take(10)
        .collect::<String>()
        .parse()
        .unwrap_or(Date::constant(2000, 1, 1))
}

/// The extra lines of the channel post: blockers with their age, overdue items.
pub async fn channel_extras(ctx: &Context, run: &Run) -> anyhow::Result<ChannelExtras> {
    let today = run_day(run);
    let blockers = ctx
        .store
        .blockers_open_in_standup(&run.team_id, run.standup_id)
        .await?;
    let overdue: Vec<ActionItem> = ctx
        .store
        .items_open_in_channel(&run.team_id, &run.channel_id)
        .await?
        .into_iter()
        .filter(|i| i.is_overdue(today))
        .collect();
    Ok(render_followup::channel_extras(
        &blockers,
        &overdue,
        today,
        LONG_STANDING_WORKING_DAYS,
    ))
}

/// The post key of a run's "Action items" message.
pub fn board_key(run_id: i64) -> String {
    format!("run:{run_id}:actions")
}

/// The post key of the "Action items" message of items stored from a
/// source outside a standup (a meeting's notes), by the source's link.
pub fn source_board_key(link: &str) -> String {
    format!("items:{link}")
}

/// Re-renders the "Action items" message of a run in place.
pub async fn refresh_board(ctx: &Context, team: &str, run_id: i64) -> anyhow::Result<()> {
    let Some((channel, ts)) = ctx.store.post_get(team, &board_key(run_id)).await? else {
        return Ok(());
    };
    let items = ctx.store.items_for_run(team, run_id).await?;
    update_board(ctx, &channel, &ts, &items).await
}

/// Re-renders the "Action items" message of a meeting's notes in place.
pub async fn refresh_source_board(ctx: &Context, team: &str, link: &str) -> anyhow::Result<()> {
    let Some((channel, ts)) = ctx.store.post_get(team, &source_board_key(link)).await? else {
        return Ok(());
    };
    let items = ctx.store.items_from_source(team, link).await?;
    update_board(ctx, &channel, &ts, &items).await
}

async fn update_board(
    ctx: &Context,
    channel: &str,
    ts: &str,
    items: &[ActionItem],
) -> anyhow::Result<()> {
    let board = render_followup::board(items);
    ctx.slack
        .update_message(channel, ts, &board.text, Some(&board.blocks))
        .await?;
    Ok(())
}

/// What happened when someone pressed a button on an item.
#[derive(Debug, PartialEq, Eq)]
pub enum ItemChange {
    Changed,
    /// Only the owner or the standup's manager may do this.
    Refused {
        owner: String,
    },
    Missing,
}

/// Whether `actor` owns the standup the item came from (its owners manage
/// its items like the person who set it up; see `standup::owners`).
async fn owns_items_standup(ctx: &Context, item: &ActionItem, actor: &str) -> anyhow::Result<bool> {
    let Some(run_id) = item.run_id else {
        return Ok(false);
    };
    let Some(run) = ctx.store.run_get(&item.team_id, run_id).await? else {
        return Ok(false);
    };
    let Some(standup) = ctx
        .store
        .standup_by_id(&item.team_id, run.standup_id)
        .await?
    else {
        return Ok(false);
    };
    Ok(crate::standup::owners::owners_of(ctx, &standup)
        .await?
        .iter()
        .any(|owner| owner == actor))
}

/// Applies a change to an item if `actor` may, then refreshes the message and Home tabs.
pub async fn change_item(
    ctx: &Context,
    team: &str,
    item_id: i64,
    actor: &str,
    change: ItemAction,
) -> anyhow::Result<ItemChange> {
    let Some(item) = ctx.store.item_get(team, item_id).await? else {
        return Ok(ItemChange::Missing);
    };
    if !item.may_be_changed_by(actor) && !owns_items_standup(ctx, &item, actor).await? {
        return Ok(ItemChange::Refused { owner: item.owner });
    }
    match &change {
        ItemAction::Done => {
            ctx.store
                .item_set_done(team, item_id, ctx.clock.now(), actor)
                .await?;
        }
        ItemAction::Reassign(to) => ctx.store.item_reassign(team, item_id, to).await?,
        ItemAction::Snooze { days } => {
            let from = item
                .due
                .as_deref()
                .and_then(|d| d.parse::<Date>().ok())
                .unwrap_or_else(|| schedule::local_date(ctx.clock.now_timestamp(), "UTC"));
            let due = from.checked_add(days.days()).unwrap_or(from);
            ctx.store
                .item_snooze(
                    team,
                    item_id,
                    ctx.clock.now() + days * 86_400,
                    &due.to_string(),
                )
                .await?;
        }
    }
    match (item.run_id, item.source_link.as_deref()) {
        (Some(run_id), _) => refresh_board(ctx, team, run_id).await?,
        (None, Some(link)) => refresh_source_board(ctx, team, link).await?,
        (None, None) => {}
    }
    publish_home(ctx, team, &item.owner).await;
    if let ItemAction::Reassign(to) = &change {
        publish_home(ctx, team, to).await;
    }
    Ok(ItemChange::Changed)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemAction {
    Done,
    Reassign(String),
    Snooze { days: i64 },
}

/// Builds and publishes a user's App Home tab; failures are logged (the tab
/// is a view, never the only place information lives).
pub async fn publish_home(ctx: &Context, team: &str, user: &str) {
    if let Err(e) = try_publish_home(ctx, team, user).await {
        tracing::warn!(user, error = ?e, "App Home not published");
    }
}

async fn try_publish_home(ctx: &Context, team: &str, user: &str) -> anyhow::Result<()> {
    let items = ctx.store.items_open_for(team, user).await?;
    let blockers = ctx.store.blockers_open_for_user(team, user).await?;
    let tz = crate::standup::runs::user_tz(ctx, user).await;
    let now = ctx.clock.now_timestamp();
    let today = schedule::local_date(now, &tz);
    let mut standups = Vec::new();
    for (standup, latest) in ctx.store.standups_with_latest_run(team).await? {
        let member = match (&standup.participants, &latest) {
            (Some(list), _) => list.iter().any(|u| u == user),
            (None, Some(run)) => run.expected.iter().any(|u| u == user),
            (None, None) => standup.created_by == user,
        };
        if !member {
            continue;
        }
        let next_run = match standup
            .next_run_at
            .and_then(|t| jiff::Timestamp::from_second(t).ok())
        {
            Some(t) => t
                .to_zoned(schedule::zone(&tz))
                .strftime("%a %H:%M")
                .to_string(),
            None => "paused".to_string(),
        };
        let answered_today = match &latest {
            Some(run)
                if run
                    .run_date
                    .starts_with(&schedule::local_date(now, &standup.tz).to_string()) =>
            {
                Some(
                    ctx.store
                        .answers_for_run(team, run.id)
                        .await?
                        .iter()
                        .any(|a| a.user_id == user),
                )
            }
            _ => None,
        };
        standups.push(HomeStandup {
            channel_id: standup.channel_id.clone(),
            name: (standup.name != crate::standup::DEFAULT_NAME).then(|| standup.name.clone()),
            next_run,
            answered_today,
        });
    }
    let digests = ctx.store.digest_channels(team).await.unwrap_or_default();
    let view = render_followup::home_view(&items, &blockers, &standups, &digests, today);
    ctx.slack.views_publish(user, &view).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::says_unblocked;

    #[test]
    fn resolution_phrases() {
        assert!(says_unblocked("Blockers: none, ops sent the keys"));
        assert!(says_unblocked("the staging issue is resolved"));
        assert!(says_unblocked("Unblocked since this morning"));
        assert!(!says_unblocked("still waiting on ops"));
    }
}
