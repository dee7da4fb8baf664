//! Purpose: the buttons of follow-through — Done, Snooze and Reassign on an
//! action item, Create issue from its menu, Resolved / Still blocked in a
//! nudge — and `/standup actions [mine]`. Only an item's owner or the
//! person who set up the standup may change it; anyone else gets an
//! ephemeral refusal that names who can.

use serde_json::{json, Value};

use super::CommandReply;
use crate::context::Context;
use crate::followup::tracking::{self as followup, ItemAction, ItemChange};
use crate::render::followup::{
    self as render_followup, BLOCKER_RESOLVED, BLOCKER_STILL, ITEM_DONE, ITEM_MENU, ITEM_REASSIGN,
    ITEM_SNOOZE,
};
use crate::slack::inbound::Interaction;

/// The item id of an action: its button value, or the `item:<id>` block id of a select.
fn item_id(action: &Value) -> Option<i64> {
    action
        .get("value")
        .and_then(Value::as_str)
        .and_then(|v| v.parse().ok())
        .or_else(|| {
            action
                .get("block_id")
                .and_then(Value::as_str)
                .and_then(|b| b.strip_prefix("item:"))
                .and_then(|id| id.parse().ok())
        })
}

/// Handles a follow-through action; false when the action is not one of ours.
pub async fn on_action(ctx: &Context, i: &Interaction, action: &Value) -> anyhow::Result<bool> {
    let action_id = action
        .get("action_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let change = match action_id {
        ITEM_DONE => Some(ItemAction::Done),
        ITEM_SNOOZE => match action
            .pointer("/selected_option/value")
            .and_then(Value::as_str)
        {
            Some("1w") => Some(ItemAction::Snooze { days: 7 }),
            Some(_) => Some(ItemAction::Snooze { days: 1 }),
            None => None,
        },
        ITEM_REASSIGN => action
            .get("selected_user")
            .and_then(Value::as_str)
            .map(|u| ItemAction::Reassign(u.to_string())),
        ITEM_MENU => {
            let value = action
                .pointer("/selected_option/value")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if let Some(id) = value
                .strip_prefix("issue:")
                .and_then(|v| v.parse::<i64>().ok())
            {
                crate::tickets::create_for_item(ctx, i, id).await?;
            }
            return Ok(true);
        }
        BLOCKER_RESOLVED | BLOCKER_STILL => {
            on_blocker(ctx, i, action, action_id == BLOCKER_RESOLVED).await?;
            return Ok(true);
        }
        _ => return Ok(false),
    };
    let (Some(change), Some(id)) = (change, item_id(action)) else {
        return Ok(true);
    };
    let verb = match &change {
        ItemAction::Done => "mark this done",
        ItemAction::Reassign(_) => "reassign this",
        ItemAction::Snooze { .. } => "snooze this",
    };
    if let ItemChange::Refused { owner } =
        followup::change_item(ctx, &i.team_id, id, &i.user_id, change).await?
    {
        tell(
            ctx,
            i,
            &format!("Only <@{owner}> (or whoever set up this standup) can {verb}."),
        )
        .await?;
    }
    Ok(true)
}

/// An ephemeral note to the person who pressed, in the channel of the
/// message (or as a DM when the button was on the App Home tab).
async fn tell(ctx: &Context, i: &Interaction, text: &str) -> anyhow::Result<()> {
    match i.raw.pointer("/channel/id").and_then(Value::as_str) {
        Some(channel) => {
            ctx.slack
                .post_ephemeral(channel, &i.user_id, text, None)
                .await?
        }
        None => {
            let dm = ctx.slack.open_dm(&i.user_id).await?;
            ctx.slack.post_message(&dm, text, None, None).await?;
        }
    }
    Ok(())
}

async fn on_blocker(
    ctx: &Context,
    i: &Interaction,
    action: &Value,
    resolved: bool,
) -> anyhow::Result<()> {
    let Some(id) = action
        .get("value")
        .and_then(Value::as_str)
        .and_then(|v| v.parse::<i64>().ok())
    else {
        return Ok(());
    };
    let Some(blocker) = ctx.store.blocker_get(&i.team_id, id).await? else {
        return Ok(());
    };
    if blocker.user_id != i.user_id {
        return tell(
            ctx,
            i,
            &format!(
                "Only <@{}> can say whether they are still blocked.",
                blocker.user_id
            ),
        )
        .await;
    }
    let note = if resolved {
        ctx.store
            .blocker_resolve(&i.team_id, id, ctx.clock.now())
            .await?;
        followup::publish_home(ctx, &i.team_id, &i.user_id).await;
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
    if let (Some(channel), Some(ts)) = (
        i.raw
            .pointer("/channel/id")
            .or_else(|| i.raw.pointer("/container/channel_id"))
            .and_then(Value::as_str),
        i.raw
            .pointer("/container/message_ts")
            .or_else(|| i.raw.pointer("/message/ts"))
            .and_then(Value::as_str),
    ) {
        let blocks = json!([{ "type": "section", "text": { "type": "mrkdwn", "text": note } }]);
        ctx.slack
            .update_message(
                channel,
                ts,
                &note,
                Some(&crate::render::blocks_from_json(blocks)),
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
