//! Purpose: `/standup delete [NAME]` and its confirmation. The command
//! (owners only, checked before it runs) asks with a *Delete* button; the
//! press checks again that the presser may change the standup (owners may
//! have changed meanwhile) and deletes it: it stops running and leaves the
//! channel, while its history stays until the retention period has passed.

use super::standup_channel::Caller;
use super::{slack_errors, CommandReply};
use crate::context::Context;
use crate::render::confirm;
use crate::slack::inbound::{Action, BlockActions};
use crate::standup::{owners, runs, Standup};

/// Asks before deleting, with a button only the caller sees.
pub async fn ask(ctx: &Context, at: Caller<'_>, standup: &Standup) -> anyhow::Result<CommandReply> {
    let question = confirm::delete_standup(&standup.name, standup.id);
    match ctx
        .slack
        .post_ephemeral(at.channel, at.user, &question.text, Some(&question.blocks))
        .await
    {
        Ok(()) => Ok(CommandReply::ephemeral(format!(
            "Deleting `{}` needs a confirmation: press *Delete* below.",
            standup.name
        ))),
        Err(e) => match slack_errors::in_words(&e, at.channel, "chat:write") {
            Some(words) => Ok(CommandReply::ephemeral(words)),
            None => Err(e.into()),
        },
    }
}

/// The *Delete* button: its value is the standup's id.
pub async fn confirm(ctx: &Context, press: &BlockActions, action: &Action) -> anyhow::Result<()> {
    let (team, user) = (press.actor.team_id.as_str(), press.actor.user_id.as_str());
    let Some(channel) = press.channel.as_ref().map(|c| c.as_str()) else {
        return Ok(());
    };
    let id = action.value.as_deref().and_then(|v| v.parse::<i64>().ok());
    let standup = match id {
        Some(id) => ctx.store.standup_by_id(team, id).await?,
        None => None,
    };
    let text = match standup {
        None => "That standup no longer exists.".to_string(),
        Some(s) if s.deleted_at.is_some() => {
            format!("The standup `{}` was deleted already.", runs::display_title(&s.name))
        }
        Some(s) => match owners::refusal(ctx, &s, user).await? {
            Some(refusal) => refusal,
            None if ctx.store.standup_delete(team, s.id).await? => format!(
                ":wastebasket: Deleted the standup `{}`: it will not run again. Its past runs stay until the retention period has passed.",
                s.name
            ),
            None => format!("The standup `{}` was deleted already.", s.name),
        },
    };
    ctx.slack.post_ephemeral(channel, user, &text, None).await?;
    Ok(())
}
