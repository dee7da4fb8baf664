//! Purpose: `/standup stakeholders on #channel [fri 16:00]` and `… off` —
//! turn the weekly stakeholder update of a standup channel on (where and
//! when, in the standup's time zone) or off. Owners only (checked by the
//! caller, like every change to a standup).

use super::CommandReply;
use crate::context::Context;
use crate::meetings::stakeholder::weekday_number;
use crate::standup::command::StakeholderChange;
use crate::standup::Standup;
use crate::store::stakeholder::StakeholderRow;

pub async fn run(
    ctx: &Context,
    user: &str,
    standup: &Standup,
    change: StakeholderChange,
) -> anyhow::Result<CommandReply> {
    let (team, channel) = (standup.team_id.as_str(), standup.channel_id.as_str());
    let StakeholderChange::On {
        target,
        weekday,
        time,
    } = change
    else {
        let text = if ctx.store.stakeholder_off(team, channel).await? {
            "The weekly stakeholder update is off."
        } else {
            "There was no weekly stakeholder update to turn off."
        };
        return Ok(CommandReply::ephemeral(text));
    };
    let row = StakeholderRow {
        team_id: team.to_string(),
        channel_id: channel.to_string(),
        target: target.clone(),
        weekday: weekday_number(weekday),
        minute: i64::from(time.hour()) * 60 + i64::from(time.minute()),
        tz: standup.tz.clone(),
        created_by: user.to_string(),
    };
    ctx.store.stakeholder_set(&row).await?;
    Ok(CommandReply::ephemeral(format!(
        ":white_check_mark: Every {} at {} ({}), I will post a short update on this channel's week in <#{target}>: progress, risks, decisions and what is next. (Invite me there if I am not in it yet.)",
        crate::standup::command::weekday_name(weekday),
        time.strftime("%H:%M"),
        standup.tz
    )))
}
