//! Block Kit for follow-through: the "Action items" message with its
//! buttons, the blocker question in a nudge, the blocker and overdue lines
//! of the channel post, and the App Home tab.
//!
//! Item and blocker texts come from sanitized summaries, which are already
//! escaped for Slack (with allowed mentions kept): they are not escaped again.

use jiff::civil::Date;
use serde_json::{json, Value};

use super::standup::clip;
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
fn item_actions(item: &ActionItem) -> Value {
    let mut elements = vec![
        json!({ "type": "button", "action_id": ITEM_DONE, "value": item.id.to_string(), "style": "primary", "text": { "type": "plain_text", "text": "Done" } }),
        json!({ "type": "static_select", "action_id": ITEM_SNOOZE, "placeholder": { "type": "plain_text", "text": "Snooze" },
            "options": [
                { "text": { "type": "plain_text", "text": "1 day" }, "value": "1d" },
                { "text": { "type": "plain_text", "text": "1 week" }, "value": "1w" }
            ] }),
        json!({ "type": "users_select", "action_id": ITEM_REASSIGN, "placeholder": { "type": "plain_text", "text": "Reassign" } }),
    ];
    if item.issue_url.is_none() {
        elements.push(json!({ "type": "overflow", "action_id": ITEM_MENU, "options": [
            { "text": { "type": "plain_text", "text": "Create issue" }, "value": format!("issue:{}", item.id) }
        ] }));
    }
    json!({ "type": "actions", "block_id": format!("item:{}", item.id), "elements": elements })
}

/// The "Action items" message posted in a run's thread and updated in place.
pub fn board(items: &[ActionItem]) -> (String, Value) {
    let open = items
        .iter()
        .filter(|i| i.status == ItemStatus::Open)
        .count();
    let text = format!("Action items: {open} open of {}", items.len());
    let mut blocks = vec![
        json!({ "type": "section", "text": { "type": "mrkdwn", "text": format!("*:clipboard: Action items* — {open} open of {}", items.len()) } }),
    ];
    for item in items.iter().take(MAX_ITEMS_WITH_BUTTONS) {
        blocks.push(
            json!({ "type": "section", "text": { "type": "mrkdwn", "text": item_line(item) } }),
        );
        if item.status == ItemStatus::Open {
            blocks.push(item_actions(item));
        }
    }
    if items.len() > MAX_ITEMS_WITH_BUTTONS {
        blocks.push(json!({ "type": "context", "elements": [ { "type": "mrkdwn", "text": format!("…and {} more: `/standup actions`", items.len() - MAX_ITEMS_WITH_BUTTONS) } ] }));
    }
    (text, Value::Array(blocks))
}

/// The question at the top of a nudge to someone still blocked.
pub fn blocker_question(b: &OpenBlocker) -> Vec<Value> {
    vec![
        json!({ "type": "section", "text": { "type": "mrkdwn", "text": format!("Yesterday you were blocked on *{}* — still blocked?", clip(&b.text, 500)) } }),
        json!({ "type": "actions", "block_id": format!("blocker:{}", b.id), "elements": [
            { "type": "button", "action_id": BLOCKER_RESOLVED, "value": b.id.to_string(), "style": "primary", "text": { "type": "plain_text", "text": "Resolved" } },
            { "type": "button", "action_id": BLOCKER_STILL, "value": b.id.to_string(), "text": { "type": "plain_text", "text": "Still blocked" } }
        ] }),
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
    pub top: Option<Value>,
    pub bottom: Vec<Value>,
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
    let section = |title: &str, lines: Vec<String>| json!({ "type": "section", "text": { "type": "mrkdwn", "text": clip(&format!("{title}\n{}", lines.join("\n")), 2900) } });
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
    pub next_run: String,
    pub answered_today: Option<bool>,
}

/// The Home tab: my open items (with Done), my open blockers, my standups, digests.
pub fn home_view(
    items: &[ActionItem],
    blockers: &[OpenBlocker],
    standups: &[HomeStandup],
    digests: &[String],
    today: Date,
) -> Value {
    let mut blocks =
        vec![json!({ "type": "header", "text": { "type": "plain_text", "text": "scrumbot" } })];
    blocks.push(json!({ "type": "section", "text": { "type": "mrkdwn", "text": format!("*Your open action items* ({})", items.len()) } }));
    for item in items.iter().take(15) {
        blocks.push(json!({ "type": "section", "text": { "type": "mrkdwn", "text": item_line(item) },
            "accessory": { "type": "button", "action_id": ITEM_DONE, "value": item.id.to_string(), "text": { "type": "plain_text", "text": "Done" } } }));
    }
    blocks.push(json!({ "type": "divider" }));
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
    blocks.push(json!({ "type": "section", "text": { "type": "mrkdwn", "text": clip(&format!("*Your open blockers*\n{blocker_text}"), 2900) } }));
    blocks.push(json!({ "type": "divider" }));
    let standup_text = if standups.is_empty() {
        "You are in no standup yet. Type `/standup start` in a channel.".to_string()
    } else {
        standups
            .iter()
            .take(15)
            .map(|s| {
                let today = match s.answered_today {
                    Some(true) => " · answered today :white_check_mark:",
                    Some(false) => " · not answered yet today",
                    None => "",
                };
                format!("• <#{}> — next run {}{today}", s.channel_id, s.next_run)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    blocks.push(json!({ "type": "section", "text": { "type": "mrkdwn", "text": clip(&format!("*Your standups*\n{standup_text}"), 2900) } }));
    if !digests.is_empty() {
        let list = digests
            .iter()
            .map(|c| format!("<#{c}>"))
            .collect::<Vec<_>>()
            .join(" ");
        blocks.push(json!({ "type": "section", "text": { "type": "mrkdwn", "text": clip(&format!("*Channels with a daily digest*\n{list}"), 2900) } }));
    }
    json!({ "type": "home", "blocks": blocks })
}
