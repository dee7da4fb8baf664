//! Who may change a standup: its owners, and the workspace's admins and
//! owners (Slack's `is_admin` / `is_owner`), who can always act. Whoever
//! first sets a standup up owns it; owners add and remove others
//! (`/standup owners`, the setup form). Everyone else can still answer,
//! skip, say they are away and read (status, list, report).
//!
//! A standup with no owner row (one created before owners existed, whose
//! migration found no creator, or a crash between creating it and recording
//! its owner) is owned by its creator: never "anyone until an owner is
//! set", which would let the first passer-by take it over.

use crate::context::Context;
use crate::standup::Standup;

/// The owners of a standup (its creator when none is recorded).
pub async fn owners_of(ctx: &Context, standup: &Standup) -> anyhow::Result<Vec<String>> {
    let owners = ctx
        .store
        .standup_owners(&standup.team_id, standup.id)
        .await?;
    Ok(if owners.is_empty() {
        vec![standup.created_by.clone()]
    } else {
        owners
    })
}

/// `None` when `user` may change `standup`; otherwise the refusal to show
/// them. Owners are checked first, so only others cost a `users.info` call.
pub async fn refusal(
    ctx: &Context,
    standup: &Standup,
    user: &str,
) -> anyhow::Result<Option<String>> {
    let owners = owners_of(ctx, standup).await?;
    if owners.iter().any(|o| o == user) || is_workspace_admin(ctx, user).await {
        return Ok(None);
    }
    Ok(Some(refusal_text(&owners)))
}

/// "Only the owners of this standup (<@U1>, <@U2>) can change it."
pub fn refusal_text(owners: &[String]) -> String {
    format!(
        "Only the owners of this standup ({}) can change it.",
        owner_list(owners)
    )
}

/// Owners as mentions, comma-separated.
pub fn owner_list(owners: &[String]) -> String {
    owners
        .iter()
        .map(|o| format!("<@{o}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether Slack says `user` is an admin or owner of the workspace. When
/// Slack cannot tell (an error), the answer is no: a refusal the person can
/// retry is better than a change nobody allowed.
pub async fn is_workspace_admin(ctx: &Context, user: &str) -> bool {
    match ctx.slack.users_info(user).await {
        Ok(info) => info.is_admin || info.is_owner,
        Err(e) => {
            tracing::warn!(user, error = %e, "users.info failed; not treating the user as an admin");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusal_names_every_owner() {
        assert_eq!(
            refusal_text(&["U1".into(), "U2".into()]),
            "Only the owners of this standup (<@U1>, <@U2>) can change it."
        );
    }
}
