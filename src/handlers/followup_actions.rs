//! Purpose: the buttons of follow-through — Done, Snooze and Reassign on an
//! action item, Create issue from its menu, Resolved / Still blocked in a
//! nudge — and `/standup actions [mine]`. Only an item's owner or the
//! person who set up the standup may change it; anyone else gets an
//! ephemeral refusal that names who can.

use super::CommandReply;
use crate::context::Context;
use crate::followup::tracking::{self as followup, ItemAction, ItemChange};
use crate::render::followup::{
    self as render_followup, BLOCKER_RESOLVED, BLOCKER_STILL, ITEM_DONE, ITEM_MENU, ITEM_REASSIGN,
    ITEM_SNOOZE,
};
use crate::render::modals::blocker_note;
use crate::slack::inbound::{Action, BlockActions};

/// The item id of an action: its button value, or the `item:<id>` block id of a select.
fn item_id(action: &Action) -> Option<i64> {
    action
        .value
        .as_deref()
        .and_then(|v| v.parse().ok())
        .or_else(|| {
            action
                .block_id
                .strip_prefix("item:")
                .and_then(|id| id.parse().ok())
        })
}

/// Handles a follow-through action (the dispatcher routes only ours here).
pub async fn on_action(ctx: &Context, press: &BlockActions, action: &Action) -> anyhow::Result<()> {
    let change = match action.action_id.as_str() {
        ITEM_DONE => Some(ItemAction::Done),
        ITEM_SNOOZE => match action.selected_option.as_deref() {
            Some("1w") => Some(ItemAction::Snooze { days: 7 }),
            Some(_) => Some(ItemAction::Snooze { days: 1 }),
            None => None,
        },
        ITEM_REASSIGN => action
            .selected_user
            .as_ref()
            .map(|u| ItemAction::Reassign(u.to_string())),
        ITEM_MENU => {
            let value = action.selected_option.as_deref().unwrap_or_default();
            if let Some(id) = value
                .strip_prefix("issue:")
                .and_then(|v| v.parse::<i64>().ok())
            {
                crate::integrations::create_for_item(ctx, press, id).await?;
            }
            return Ok(());
        }
        BLOCKER_RESOLVED | BLOCKER_STILL => {
            return on_blocker(ctx, press, action, action.action_id == BLOCKER_RESOLVED).await;
        }
        _ => return Ok(()),
    };
    let (Some(change), Some(id)) = (change, item_id(action)) else {
        return Ok(());
    };
    let verb = match &change {
        ItemAction::Done => "mark this done",
        ItemAction::Reassign(_) => "reassign this",
        ItemAction::Snooze { .. } => "snooze this",
    };
    let (team, user) = (press.actor.team_id.as_str(), press.actor.user_id.as_str());
    if let ItemChange::Refused { owner } =
        followup::change_item(ctx, team, id, user, change).await?
    {
        let text = format!("Only <@{owner}> (or whoever set up this standup) can {verb}.");
        tell(ctx, press, &text).await?;
    }
    Ok(())
}

/// An ephemeral note to the person who pressed, in the channel of the
/// message (or as a DM when the button was on the App Home tab).
async fn tell(ctx: &Context, press: &BlockActions, text: &str) -> anyhow::Result<()> {
    let user = press.actor.user_id.as_str();
    match &press.channel {
        Some(channel) => {
            ctx.slack
                .post_ephemeral(channel.as_str(), user, text, None)
                .await?
        }
        None => {
            let dm = ctx.slack.open_dm(user).await?;
            ctx.slack.post_message(&dm, text, None, None).await?;
        }
    }
    Ok(())
}

async fn on_blocker(
    ctx: &Context,
    press: &BlockActions,
    action: &Action,
    resolved: bool,
) -> anyhow::Result<()> {
    let Some(id) = action.value.as_deref().and_then(|v| v.parse::<i64>().ok()) else {
        return Ok(());
    };
    let (team, user) = (press.actor.team_id.as_str(), press.actor.user_id.as_str());
    let Some(blocker) = ctx.store.blocker_get(team, id).await? else {
        return Ok(());
    };
    if blocker.user_id != user {
        let text = format!(
            "Only <@{}> can say whether they are still blocked.",
            blocker.user_id
        );
        return tell(ctx, press, &text).await;
    }
    let note = if resolved {
        ctx.store.blocker_resolve(team, id, ctx.clock.now()).await?;
        followup::publish_home(ctx, team, user).await;
        format!(
            ":white_check_mark: Great — *{}* is marked resolved.",
            blocker.text
        )
    } else {
        format!(
            ":construction: Noted: still blocked on *{}*. It stays on the standup's list.",
            blocker.text
        )
    };
    // Replace the question in the nudge so it cannot be answered twice.
    if let Some(message) = &press.message {
        ctx.slack
            .update_message(
                message.channel.as_str(),
                message.ts.as_str(),
                &note,
                Some(&blocker_note(&note)),
            )
            .await?;
    }
    Ok(())
}

/// `/standup actions` (this channel's open items) and `/standup actions mine`.
pub async fn list(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    mine: bool,
) -> anyhow::Result<CommandReply> {
    let text = if mine {
        render_followup::items_text(
            &ctx.store.items_open_for(team, user).await?,
            "Your open action items",
        )
    } else {
        render_followup::items_text(
            &ctx.store.items_open_in_channel(team, channel).await?,
            "Open action items in this channel",
        )
    };
    Ok(CommandReply::ephemeral(text))
}
