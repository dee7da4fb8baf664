//! Purpose: `/standup owners [add|remove @user …]`: who may change a
//! standup besides the workspace's admins. Listing is open to everyone;
//! adding and removing only to the owners (checked before this runs). A
//! standup always keeps at least one owner.

use super::standup_channel::Caller;
use super::CommandReply;
use crate::context::Context;
use crate::standup::command::OwnersChange;
use crate::standup::owners::{owner_list, owners_of};
use crate::standup::Standup;

pub async fn run(
    ctx: &Context,
    at: Caller<'_>,
    standup: &Standup,
    change: OwnersChange,
) -> anyhow::Result<CommandReply> {
    let current = owners_of(ctx, standup).await?;
    let name = &standup.name;
    let wanted: Vec<String> = match &change {
        OwnersChange::List => {
            return Ok(CommandReply::ephemeral(format!(
                "Owners of the standup `{name}`: {}. Workspace admins can change it too.",
                owner_list(&current)
            )))
        }
        OwnersChange::Add(users) => {
            let mut all = current.clone();
            all.extend(users.iter().filter(|u| !current.contains(u)).cloned());
            all
        }
        OwnersChange::Remove(users) => {
            let not_owners: Vec<String> = users
                .iter()
                .filter(|u| !current.contains(u))
                .cloned()
                .collect();
            if !not_owners.is_empty() {
                return Ok(CommandReply::ephemeral(format!(
                    "{} {} not an owner of `{name}`; its owners are {}. Nothing was changed.",
                    owner_list(&not_owners),
                    if not_owners.len() == 1 { "is" } else { "are" },
                    owner_list(&current)
                )));
            }
            current
                .iter()
                .filter(|o| !users.contains(o))
                .cloned()
                .collect()
        }
    };
    if wanted.is_empty() {
        return Ok(CommandReply::ephemeral(format!(
            ":warning: A standup keeps at least one owner: add another with `/standup owners add @someone` before removing {}.",
            owner_list(&current)
        )));
    }
    ctx.store
        .standup_owners_set(&standup.team_id, standup.id, &wanted, at.user)
        .await?;
    Ok(CommandReply::ephemeral(format!(
        ":white_check_mark: Owners of the standup `{name}` now: {}.",
        owner_list(&wanted)
    )))
}
