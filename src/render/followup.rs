//! Block Kit for follow-through: the "Action items" message with its
//! buttons, the blocker question in a nudge, the blocker and overdue lines
//! of the channel post, and the App Home tab.
//!
//! Item and blocker texts come from sanitized summaries, which are already
//! escaped for Slack (with allowed mentions kept): they are not escaped again.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use slack_morphism::prelude::*;

use super::people::{blocker_reason, by_suffix};
use super::text::{clip, linked};
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
        if let Some(by) = &item.done_by {
            line.push_str(&format!(" · done by <@{by}>"));
        }
    }
    line
}

/// The values of the options of an item's overflow menu: `<choice>:<ids>`,
/// parsed back by `slack::inbound::ItemMenuChoice`.
pub const MENU_SNOOZE_DAY: &str = "snooze1d";
pub const MENU_SNOOZE_WEEK: &str = "snooze1w";
pub const MENU_REASSIGN: &str = "reassign";
pub const MENU_ISSUE: &str = "issue";

/// The controls of one open item: a Done button and a menu with Snooze,
/// Reassign and Create issue — one row, not a wall of buttons. `ids` are
/// the items the line stands for (duplicates merged), comma-separated.
fn item_actions(item: &ActionItem, ids: &str) -> SlackBlock {
    let done = button(ITEM_DONE, "Done", ids).with_style(SlackBlockButtonStyle::Primary);
    let mut options = vec![
        option("Snooze 1 day", format!("{MENU_SNOOZE_DAY}:{ids}")),
        option("Snooze 1 week", format!("{MENU_SNOOZE_WEEK}:{ids}")),
        option("Reassign…", format!("{MENU_REASSIGN}:{ids}")),
    ];
    if item.issue_url.is_none() {
        options.push(option("Create issue", format!("{MENU_ISSUE}:{}", item.id)));
    }
    let menu = SlackBlockOverflowElement::new(options).with_action_id(ITEM_MENU.into());
    actions(
        Some(format!("item:{}", item.id)),
        vec![done.into(), menu.into()],
    )
}

/// What an item is about, to merge two lines of one owner about the same
/// thing ("Review my PR #482", "Review #482 after lunch"): its first
/// reference (`#482`, `PROJ-12`, a link), else its words.
fn object_key(text: &str) -> String {
    static REF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"#\d+|\b[A-Z][A-Z0-9]+-\d+\b|<https?://[^|>]+").unwrap());
    match REF.find(text) {
        Some(m) => m.as_str().to_string(),
        None => text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Items grouped by owner and object, in order of first appearance: the
/// first of each group stands for it (open while any is), with every id.
fn merged(items: &[ActionItem]) -> Vec<(ActionItem, String)> {
    let mut groups: Vec<(ActionItem, Vec<i64>, String)> = Vec::new();
    for i in items {
        let key = object_key(&i.text);
        match groups
            .iter_mut()
            .find(|(g, _, k)| g.owner == i.owner && *k == key)
        {
            Some((g, ids, _)) => {
                ids.push(i.id);
                if i.status == ItemStatus::Open {
                    g.status = ItemStatus::Open;
                }
                if g.due.is_none() {
                    g.due.clone_from(&i.due);
                }
            }
            None => groups.push((i.clone(), vec![i.id], key)),
        }
    }
    groups
        .into_iter()
        .map(|(g, ids, _)| {
            let ids = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            (g, ids)
        })
        .collect()
}

/// The "Action items" message posted in a run's thread and updated in place.
pub fn board(items: &[ActionItem]) -> Message {
    let items = merged(items);
    let open = items
        .iter()
        .filter(|(i, _)| i.status == ItemStatus::Open)
        .count();
    let text = format!("Action items: {open} open of {}", items.len());
    let mut blocks = vec![section(format!(
        "*:clipboard: Action items* — {open} open of {}",
        items.len()
    ))];
    for (item, ids) in items.iter().take(MAX_ITEMS_WITH_BUTTONS) {
        blocks.push(section(item_line(item)));
        if item.status == ItemStatus::Open {
            blocks.push(item_actions(item, ids));
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

/// The callback id of the Reassign modal; its private_metadata is the ids.
pub const REASSIGN_VIEW: &str = "item_reassign_view";
/// The block id of the Reassign modal's users select.
pub const REASSIGN_OWNER_BLOCK: &str = "owner";

/// The modal "Reassign…" opens: who takes the item over.
pub fn reassign_modal(ids: &[i64]) -> SlackView {
    let ids = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let owner = SlackInputBlock::new(
        plain("New owner"),
        SlackBlockUsersSelectElement::new()
            .with_action_id("value".into())
            .into(),
    )
    .with_block_id(REASSIGN_OWNER_BLOCK.into());
    SlackView::Modal(
        SlackModalView::new(plain("Reassign"), vec![owner.into()])
            .with_callback_id(REASSIGN_VIEW.into())
            .with_private_metadata(ids)
            .with_submit(plain("Reassign"))
            .with_close(plain("Cancel")),
    )
}

/// The question at the top of a nudge to someone still blocked.
pub fn blocker_question(b: &OpenBlocker) -> Vec<SlackBlock> {
    let resolved = button(BLOCKER_RESOLVED, "Resolved", b.id.to_string())
        .with_style(SlackBlockButtonStyle::Primary);
    let still = button(BLOCKER_STILL, "Still blocked", b.id.to_string());
    vec![
        section({
            let by = b.blocked_by.as_deref();
            let reason = clip(&blocker_reason(&b.text, by), 500);
            format!(
                "Yesterday you were blocked on *{reason}*{} — still blocked?",
                by_suffix(&reason, by)
            )
        }),
        actions(
            Some(format!("blocker:{}", b.id)),
            vec![resolved.into(), still.into()],
        ),
    ]
}

/// An open blocker as the channel post shows it: with its age in working
/// days, and whether it has lasted long enough to stand out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgedBlocker {
    pub user: String,
    pub blocked_by: Option<String>,
    pub text: String,
    pub days: i64,
    pub long_standing: bool,
}

/// What the channel post shows besides the summary: the standup's open
/// blockers (long-standing first, then oldest first) and overdue items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelExtras {
    pub blockers: Vec<AgedBlocker>,
    /// One line per overdue action item.
    pub overdue: Vec<String>,
}

pub fn channel_extras(
    blockers: &[OpenBlocker],
    overdue: &[ActionItem],
    today: Date,
    long_standing: i64,
) -> ChannelExtras {
    let mut aged: Vec<AgedBlocker> = blockers
        .iter()
        .map(|b| {
            let days = b.age_in_working_days(today);
            AgedBlocker {
                user: b.user_id.clone(),
                blocked_by: b.blocked_by.clone(),
                text: b.text.clone(),
                days,
                long_standing: days >= long_standing,
            }
        })
        .collect();
    aged.sort_by_key(|b| std::cmp::Reverse(b.days));
    ChannelExtras {
        blockers: aged,
        overdue: overdue
            .iter()
            .map(|i| format!("• {}", item_line(i)))
            .collect(),
    }
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

/// An item as its owner reads it on the Home tab: no name (it is theirs),
/// the due date, and a link to the standup answer it came from (else its
/// channel).
fn own_item_line(item: &ActionItem) -> String {
    let due = match &item.due {
        Some(due) => format!("due {due}"),
        None => "no due date".to_string(),
    };
    let from = match &item.source_link {
        Some(url) => linked("standup", Some(url)),
        None => format!("<#{}>", item.channel_id),
    };
    let issue = item
        .issue_url
        .as_ref()
        .map(|url| format!(" · {}", linked("issue", Some(url))))
        .unwrap_or_default();
    format!("{}\n_{due}_ · {from}{issue}", clip(&item.text, 400))
}

/// One of my blockers on the Home tab: the reason, who blocks, its age.
fn own_blocker_line(b: &OpenBlocker, today: Date) -> String {
    let by = b.blocked_by.as_deref();
    let reason = blocker_reason(&b.text, by);
    let age = match b.age_in_working_days(today) {
        0 => "since today".to_string(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    };
    format!(
        "• {}{} · _{age}_",
        clip(&reason, 300),
        by_suffix(&reason, by)
    )
}

/// The Home tab, addressed to its viewer ("you"): my open items (with Done),
/// my open blockers, my standups, digests.
pub fn home_view(
    items: &[ActionItem],
    blockers: &[OpenBlocker],
    standups: &[HomeStandup],
    digests: &[String],
    today: Date,
) -> SlackView {
    let items = merged(items);
    let mut blocks = vec![
        header("scrumbot", false),
        section(format!("*Your open action items* ({})", items.len())),
    ];
    for (item, ids) in items.iter().take(15) {
        let done = button(ITEM_DONE, "Done", ids.as_str());
        blocks.push(
            SlackSectionBlock::new()
                .with_text(SlackBlockMarkDownText::new(own_item_line(item)).into())
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
            .map(|b| own_blocker_line(b, today))
            .collect::<Vec<_>>()
            .join("\n")
    };
    blocks.push(titled("*What blocks you*", &blocker_text));
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

/// The Home tab's list of my standups: today first ("answered today"),
/// then what comes next ("next run Mon 09:30").
fn standups_text(standups: &[HomeStandup]) -> String {
    if standups.is_empty() {
        return "You are in no standup yet. Type `/standup start` in a channel.".to_string();
    }
    standups
        .iter()
        .take(15)
        .map(|s| {
            let today = match s.answered_today {
                Some(true) => ":white_check_mark: answered today · ",
                Some(false) => ":hourglass_flowing_sand: not answered yet today · ",
                None => "",
            };
            let name = s
                .name
                .as_ref()
                .map(|n| format!(" `{n}`"))
                .unwrap_or_default();
            format!(
                "• <#{}>{name} — {today}next run {}",
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
            done_by: None,
        }
    }

    #[test]
    fn a_board_has_a_done_button_and_a_menu_per_open_item() {
        let items = vec![
            item(1, ItemStatus::Open),
            item(2, ItemStatus::Done),
            item(3, ItemStatus::Open),
        ];
        let items: Vec<ActionItem> = items
            .into_iter()
            .enumerate()
            .map(|(n, mut i)| {
                i.text = format!("Task {n}");
                i
            })
            .collect();
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
        assert_eq!(actions[0]["elements"].as_array().unwrap().len(), 2);
        assert_eq!(actions[0]["elements"][0]["action_id"], ITEM_DONE);
        assert_eq!(actions[0]["elements"][0]["value"], "1");
        assert_eq!(actions[0]["elements"][1]["type"], "overflow");
        let labels: Vec<&str> = actions[0]["elements"][1]["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["text"]["text"].as_str().unwrap())
            .collect();
        assert_eq!(
            labels,
            ["Snooze 1 day", "Snooze 1 week", "Reassign…", "Create issue"]
        );
        assert_eq!(actions[1]["block_id"], "item:3");
    }

    #[test]
    fn one_owners_items_about_the_same_thing_are_one_line() {
        let mut a = item(1, ItemStatus::Open);
        a.text = "Review <@U2>'s PR #482".into();
        let mut b = item(2, ItemStatus::Open);
        b.text = "Review #482 after lunch".into();
        b.due = Some("2026-12-01".into());
        let mut other = item(3, ItemStatus::Open);
        other.owner = "U5".into();
        other.text = "Review #482".into();
        let m = board(&[a, b, other]);
        assert_eq!(m.text, "Action items: 2 open of 2");
        let json = serde_json::to_value(&m.blocks).unwrap();
        assert_eq!(
            json[1]["text"]["text"],
            "<@U1> — Review <@U2>'s PR #482 _(due 2026-12-01)_"
        );
        assert_eq!(json[2]["elements"][0]["value"], "1,2");
        assert_eq!(
            json[2]["elements"][1]["options"][0]["value"],
            "snooze1d:1,2"
        );
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
