//! Purpose: the buttons of follow-through — Done on an action item, Snooze,
//! Reassign (a modal) and Create issue from its menu, Resolved / Still blocked in a
//! nudge — and `/standup actions [mine]`. Only an item's owner or the
//! person who set up the standup may change it; anyone else gets an
//! ephemeral refusal that names who can.

use super::{CommandReply, ViewResponse};
use crate::context::Context;
use crate::followup::tracking::{self as followup, ItemAction, ItemChange};
use crate::render::followup::{
    self as render_followup, BLOCKER_RESOLVED, BLOCKER_STILL, ITEM_DONE, ITEM_MENU, ITEM_REASSIGN,
    ITEM_SNOOZE, REASSIGN_OWNER_BLOCK,
};
use crate::render::modals::blocker_note;
use crate::slack::inbound::{Action, BlockActions, ItemMenuChoice, ViewSubmission};

/// Handles a follow-through action (the dispatcher routes only ours here).
pub async fn on_action(ctx: &Context, press: &BlockActions, action: &Action) -> anyhow::Result<()> {
    let change = match action.action_id.as_str() {
        ITEM_DONE => Some(ItemAction::Done),
        // The Snooze select and the users select of messages posted before
        // the overflow menu replaced them still work.
        ITEM_SNOOZE => match action.selected_option.as_deref() {
            Some("1w") => Some(ItemAction::Snooze { days: 7 }),
            Some(_) => Some(ItemAction::Snooze { days: 1 }),
            None => None,
        },
        ITEM_REASSIGN => action
            .selected_user
            .as_ref()
            .map(|u| ItemAction::Reassign(u.to_string())),
        ITEM_MENU => return on_menu(ctx, press, action).await,
        BLOCKER_RESOLVED | BLOCKER_STILL => {
            return on_blocker(ctx, press, action, action.action_id == BLOCKER_RESOLVED).await;
        }
        _ => return Ok(()),
    };
    match change {
        Some(change) => apply(ctx, press, &action.item_ids(), change).await,
        None => Ok(()),
    }
}

/// A choice in an item's overflow menu: snooze, open the Reassign modal,
/// or create an issue.
async fn on_menu(ctx: &Context, press: &BlockActions, action: &Action) -> anyhow::Result<()> {
    match action.item_menu_choice() {
        Some(ItemMenuChoice::Snooze { ids, days }) => {
            apply(ctx, press, &ids, ItemAction::Snooze { days }).await
        }
        Some(ItemMenuChoice::Reassign(ids)) => {
            if let Some(trigger) = &press.actor.trigger_id {
                let view = render_followup::reassign_modal(&ids);
                ctx.slack.views_open(trigger, &view).await?;
            }
            Ok(())
        }
        Some(ItemMenuChoice::CreateIssue(id)) => {
            crate::integrations::create_for_item(ctx, press, id).await
        }
        None => Ok(()),
    }
}

/// Applies one change to every item a line stands for; whoever may not
/// change them is told who can.
async fn apply(
    ctx: &Context,
    press: &BlockActions,
    ids: &[i64],
    change: ItemAction,
) -> anyhow::Result<()> {
    let verb = match &change {
        ItemAction::Done => "mark this done",
        ItemAction::Reassign(_) => "reassign this",
        ItemAction::Snooze { .. } => "snooze this",
    };
    let (team, user) = (press.actor.team_id.as_str(), press.actor.user_id.as_str());
    for &id in ids {
        if let ItemChange::Refused { owner } =
            followup::change_item(ctx, team, id, user, change.clone()).await?
        {
            let text = format!("Only <@{owner}> (or whoever set up this standup) can {verb}.");
            return tell(ctx, press, &text).await;
        }
    }
    Ok(())
}

/// The Reassign modal's Save: the chosen member becomes the items' owner.
pub async fn submit_reassign(ctx: &Context, view: &ViewSubmission) -> anyhow::Result<ViewResponse> {
    let Some(owner) = view.users(REASSIGN_OWNER_BLOCK).first() else {
        return Ok(ViewResponse::error(
            REASSIGN_OWNER_BLOCK,
            "Choose who takes the item over.",
        ));
    };
    let (team, user) = (view.actor.team_id.as_str(), view.actor.user_id.as_str());
    for id in crate::slack::inbound::parse_item_ids(&view.private_metadata) {
        let change = ItemAction::Reassign(owner.to_string());
        if let ItemChange::Refused { owner } =
            followup::change_item(ctx, team, id, user, change).await?
        {
            return Ok(ViewResponse::error(
                REASSIGN_OWNER_BLOCK,
                &format!("Only <@{owner}> (or whoever set up this standup) can reassign this."),
            ));
        }
    }
    Ok(ViewResponse::Close)
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
