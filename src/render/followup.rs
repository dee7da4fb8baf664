//! Block Kit for follow-through: the "Action items" message with its
//! buttons, the blocker question in a nudge, the blocker and overdue lines
//! of the channel post, and the App Home tab.
//!
//! Item and blocker texts come from sanitized summaries, which are already
//! escaped for Slack (with allowed mentions kept): they are not escaped again.

use jiff::civil::Date;
use slack_morphism::prelude::*;

use super::text::clip;
use super::{actions, button, context, header, option, plain, section, Message};
use crate::followup::{ActionItem, ItemStatus, OpenBlocker};

pub const ITEM_DONE: &str = "item_done";
pub const ITEM_SNOOZE: &str = "item_snooze";
pub const ITEM_REASSIGN: &str = "item_reassign";
pub const ITEM_MENU: &str = "item_menu";
pub const BLOCKER_RESOLVED: &str = "blocker_resolved";
pub const BLOCKER_STILL: &str = "blocker_still";
/// Slack allows 50 blocks; each item takes two, the heading one.
const MAX_ITEMS_WITH_BUTTONS: usize = 20;

fn item_line(item: &ActionItem) -> String {
    let mut line = format!("<@{}> — {}", item.owner, clip(&item.text, 400));
    if let Some(due) = &item.due {
        line.push_str(&format!(" _(due {due})_"));
    }
    if let Some(url) = &item.issue_url {
        line.push_str(&format!(" · <{url}|issue>"));
    }
    if item.status == ItemStatus::Done {
        line = format!(":white_check_mark: ~{line}~");
    }
    line
}

/// The buttons of one open item: Done, Snooze, Reassign, and a menu to create an issue.
fn item_actions(item: &ActionItem) -> SlackBlock {
    let done =
        button(ITEM_DONE, "Done", item.id.to_string()).with_style(SlackBlockButtonStyle::Primary);
    let snooze = SlackBlockStaticSelectElement::new()
        .with_action_id(ITEM_SNOOZE.into())
        .with_placeholder(plain("Snooze"))
        .with_options(vec![option("1 day", "1d"), option("1 week", "1w")]);
    let reassign = SlackBlockUsersSelectElement::new()
        .with_action_id(ITEM_REASSIGN.into())
        .with_placeholder(plain("Reassign"));
    let mut elements: Vec<SlackActionBlockElement> =
        vec![done.into(), snooze.into(), reassign.into()];
    if item.issue_url.is_none() {
        let menu = SlackBlockOverflowElement::new(vec![option(
            "Create issue",
            format!("issue:{}", item.id),
        )])
        .with_action_id(ITEM_MENU.into());
        elements.push(menu.into());
    }
    actions(Some(format!("item:{}", item.id)), elements)
}

/// The "Action items" message posted in a run's thread and updated in place.
pub fn board(items: &[ActionItem]) -> Message {
    let open = items
        .iter()
        .filter(|i| i.status == ItemStatus::Open)
        .count();
    let text = format!("Action items: {open} open of {}", items.len());
    let mut blocks = vec![section(format!(
        "*:clipboard: Action items* — {open} open of {}",
        items.len()
    ))];
    for item in items.iter().take(MAX_ITEMS_WITH_BUTTONS) {
        blocks.push(section(item_line(item)));
        if item.status == ItemStatus::Open {
            blocks.push(item_actions(item));
        }
    }
    if items.len() > MAX_ITEMS_WITH_BUTTONS {
        blocks.push(context(format!(
            "…and {} more: `/standup actions`",
            items.len() - MAX_ITEMS_WITH_BUTTONS
        )));
    }
    Message { text, blocks }
}

/// The question at the top of a nudge to someone still blocked.
pub fn blocker_question(b: &OpenBlocker) -> Vec<SlackBlock> {
    let resolved = button(BLOCKER_RESOLVED, "Resolved", b.id.to_string())
        .with_style(SlackBlockButtonStyle::Primary);
    let still = button(BLOCKER_STILL, "Still blocked", b.id.to_string());
    vec![
        section(format!(
            "Yesterday you were blocked on *{}* — still blocked?",
            clip(&b.text, 500)
        )),
        actions(
            Some(format!("blocker:{}", b.id)),
            vec![resolved.into(), still.into()],
        ),
    ]
}

fn blocker_line(b: &OpenBlocker, today: Date) -> String {
    let days = b.age_in_working_days(today);
    let age = match days {
        0 => "since today".to_string(),
        1 => "blocked 1 day".to_string(),
        n => format!("blocked {n} days"),
    };
    let by = b
        .blocked_by
        .as_ref()
        .map(|u| format!(" by <@{u}>"))
        .unwrap_or_default();
    format!("<@{}> {age}{by}: {}", b.user_id, clip(&b.text, 300))
}

/// Lines for the channel post: long-standing blockers (shown first), other
/// open blockers with their age, and overdue action items.
pub struct ChannelExtras {
    pub top: Option<SlackBlock>,
    pub bottom: Vec<SlackBlock>,
}

pub fn channel_extras(
    blockers: &[OpenBlocker],
    overdue: &[ActionItem],
    today: Date,
    long_standing: i64,
) -> ChannelExtras {
    let (long, recent): (Vec<&OpenBlocker>, Vec<&OpenBlocker>) = blockers
        .iter()
        .partition(|b| b.age_in_working_days(today) >= long_standing);
    let section = |title: &str, lines: Vec<String>| titled(title, &lines.join("\n"));
    let top = (!long.is_empty()).then(|| {
        section(
            ":rotating_light: *Long-standing blockers*",
            long.iter()
                .map(|b| format!("• {}", blocker_line(b, today)))
                .collect(),
        )
    });
    let mut bottom = Vec::new();
    if !recent.is_empty() {
        bottom.push(section(
            "*Open blockers*",
            recent
                .iter()
                .map(|b| format!("• {}", blocker_line(b, today)))
                .collect(),
        ));
    }
    if !overdue.is_empty() {
        bottom.push(section(
            ":alarm_clock: *Overdue action items*",
            overdue
                .iter()
                .map(|i| format!("• {}", item_line(i)))
                .collect(),
        ));
    }
    ChannelExtras { top, bottom }
}

/// A line per item for `/standup actions`.
pub fn items_text(items: &[ActionItem], title: &str) -> String {
    if items.is_empty() {
        return format!("{title}: none open. :tada:");
    }
    let lines: Vec<String> = items
        .iter()
        .take(50)
        .map(|i| format!("• {} (in <#{}>)", item_line(i), i.channel_id))
        .collect();
    format!("*{title}*\n{}", lines.join("\n"))
}

/// What the App Home tab shows about one standup.
pub struct HomeStandup {
    pub channel_id: String,
    /// The standup's name when it is not the channel's default one, so two
    /// standups of one channel are told apart.
    pub name: Option<String>,
    pub next_run: String,
    pub answered_today: Option<bool>,
}

/// A section with a bold title line, clipped below Slack's 3,000 chars.
fn titled(title: &str, body: &str) -> SlackBlock {
    section(clip(&format!("{title}\n{body}"), 2900))
}

/// The Home tab: my open items (with Done), my open blockers, my standups, digests.
pub fn home_view(
    items: &[ActionItem],
    blockers: &[OpenBlocker],
    standups: &[HomeStandup],
    digests: &[String],
    today: Date,
) -> SlackView {
    let mut blocks = vec![
        header("scrumbot", false),
        section(format!("*Your open action items* ({})", items.len())),
    ];
    for item in items.iter().take(15) {
        let done = button(ITEM_DONE, "Done", item.id.to_string());
        blocks.push(
            SlackSectionBlock::new()
                .with_text(SlackBlockMarkDownText::new(item_line(item)).into())
                .with_accessory(done.into())
                .into(),
        );
    }
    blocks.push(SlackDividerBlock::new().into());
    let blocker_text = if blockers.is_empty() {
        "Nothing is blocking you. :sunny:".to_string()
    } else {
        blockers
            .iter()
            .take(10)
            .map(|b| format!("• {}", blocker_line(b, today)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    blocks.push(titled("*Your open blockers*", &blocker_text));
    blocks.push(SlackDividerBlock::new().into());
    blocks.push(titled("*Your standups*", &standups_text(standups)));
    if !digests.is_empty() {
        let list = digests
            .iter()
            .map(|c| format!("<#{c}>"))
            .collect::<Vec<_>>()
            .join(" ");
        blocks.push(titled("*Channels with a daily digest*", &list));
    }
    SlackView::Home(SlackHomeView::new(blocks))
}

/// The Home tab's list of my standups, with whether I answered today.
fn standups_text(standups: &[HomeStandup]) -> String {
    if standups.is_empty() {
        return "You are in no standup yet. Type `/standup start` in a channel.".to_string();
    }
    standups
        .iter()
        .take(15)
        .map(|s| {
            let today = match s.answered_today {
                Some(true) => " · answered today :white_check_mark:",
                Some(false) => " · not answered yet today",
                None => "",
            };
            let name = s
                .name
                .as_ref()
                .map(|n| format!(" `{n}`"))
                .unwrap_or_default();
            format!(
                "• <#{}>{name} — next run {}{today}",
                s.channel_id, s.next_run
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, status: ItemStatus) -> ActionItem {
        ActionItem {
            id,
            team_id: "T1".into(),
            channel_id: "C1".into(),
            run_id: Some(1),
            owner: "U1".into(),
            text: "Grant DB access".into(),
            due: None,
            status,
            snoozed_until: None,
            source_link: None,
            manager: "U9".into(),
            issue_url: None,
            created_at: 0,
        }
    }

    #[test]
    fn a_board_has_one_actions_block_per_open_item() {
        let items = vec![
            item(1, ItemStatus::Open),
            item(2, ItemStatus::Done),
            item(3, ItemStatus::Open),
        ];
        let m = board(&items);
        assert_eq!(m.text, "Action items: 2 open of 3");
        let json = serde_json::to_value(&m.blocks).unwrap();
        let actions: Vec<&serde_json::Value> = json
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["type"] == "actions")
            .collect();
        assert_eq!(actions.len(), 2);
        assert_eq!(actions[0]["block_id"], "item:1");
        assert_eq!(actions[0]["elements"][0]["action_id"], ITEM_DONE);
        assert_eq!(actions[0]["elements"][0]["value"], "1");
        assert_eq!(actions[0]["elements"][1]["type"], "static_select");
        assert_eq!(actions[0]["elements"][2]["type"], "users_select");
        assert_eq!(actions[0]["elements"][3]["type"], "overflow");
        assert_eq!(actions[1]["block_id"], "item:3");
    }

    #[test]
    fn the_home_view_is_a_home_with_a_done_button_per_item() {
        let view = home_view(
            &[item(4, ItemStatus::Open)],
            &[],
            &[],
            &[],
            Date::constant(2026, 11, 30),
        );
        let json = serde_json::to_value(view).unwrap();
        assert_eq!(json["type"], "home");
        assert_eq!(json["blocks"][0]["type"], "header");
        assert_eq!(json["blocks"][2]["accessory"]["action_id"], ITEM_DONE);
        assert_eq!(json["blocks"][2]["accessory"]["value"], "4");
    }
}
