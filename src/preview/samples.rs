//! The messages and views the bot sends, rendered from one fixed team's
//! day (Ana, Chen, Dee, Eli and Fay): the inputs of the snapshot tests and
//! of `scrumbot preview`. The standup and the digest go through the offline
//! engine and the sanitizer, as at a real close.

use std::collections::HashSet;

use jiff::civil::Date;
use serde_json::{json, Value};

use crate::digest::conversation;
use crate::digest::sources::Sources;
use crate::followup::{ActionItem, ItemStatus, OpenBlocker};
use crate::render::followup::{self as follow, HomeStandup};
use crate::render::summary::ChannelContext;
use crate::render::{digest, modals, standup, summary, thread_summary, Message};
use crate::standup::answer_mode::AnswerMode;
use crate::standup::{Run, RunStatus, Standup};
use crate::store::digests::StoredMessage;
use crate::summarize::{offline, sanitize, Entry, InputKind, Summary, SummaryInput};

pub const CHANNEL: &str = "C0TEAM";
/// The people of the sample team, by user id (the preview shows the names).
pub const PEOPLE: [(&str, &str); 5] = [
    ("U0ANA", "Ana"),
    ("U0CHEN", "Chen"),
    ("U0DEE", "Dee"),
    ("U0ELI", "Eli"),
    ("U0FAY", "Fay"),
];
const THREAD: &str = "https://acme.slack.com/archives/C0TEAM/p1764493800000100";
const TODAY: &str = "2026-11-30";

/// One message or view as Slack receives it: `{"text", "blocks"}` for a
/// message, the view itself for a modal or the Home tab.
pub struct Sample {
    /// A file name: `standup_parent`, `channel_post`, …
    pub name: &'static str,
    /// What it is, for the preview's page title.
    pub title: &'static str,
    pub json: Value,
}

fn message(name: &'static str, title: &'static str, m: Message) -> Sample {
    Sample {
        name,
        title,
        json: json!({ "text": m.text, "blocks": m.blocks }),
    }
}

fn view(name: &'static str, title: &'static str, v: impl serde::Serialize) -> Sample {
    Sample {
        name,
        title,
        json: serde_json::to_value(v).expect("a view serializes"),
    }
}

/// Every message and view of the sample day, in the order a day goes.
pub fn all() -> Vec<Sample> {
    let run = run();
    let summary = standup_summary();
    let mut out = vec![
        message(
            "standup_parent",
            "Standup parent message",
            standup::parent_message(&run, "Daily standup", AnswerMode::Thread),
        ),
        nudge(&run),
        view(
            "answer_modal",
            "Answer modal",
            standup::answer_modal(&run, true),
        ),
        message(
            "thread_summary",
            "Summary in the standup's thread",
            summary::thread_message_linked(&summary, "Daily standup — 2026-11-30", Some(THREAD)),
        ),
        message(
            "action_items",
            "Action items in the thread",
            follow::board(&items()),
        ),
        view(
            "reassign_modal",
            "Reassign modal",
            follow::reassign_modal(&[3]),
        ),
        channel_post(&summary),
        message(
            "standup_closed",
            "Standup parent once closed",
            standup::closed_parent_message(&run, "Daily standup", 4),
        ),
    ];
    out.extend(conversation_samples());
    out.push(view("app_home", "App Home", home()));
    out.push(view(
        "setup_modal",
        "Setup modal",
        modals::setup_modal(&team_standup(), &["U0ANA".into()], "Europe/Berlin"),
    ));
    out
}

fn run() -> Run {
    Run {
        id: 42,
        team_id: "T0ACME".into(),
        standup_id: 1,
        channel_id: CHANNEL.into(),
        run_date: TODAY.into(),
        status: RunStatus::Open,
        questions: vec![
            "What did you do since the last standup?".into(),
            "What will you do today?".into(),
            "Anything blocking you?".into(),
        ],
        expected: PEOPLE.iter().map(|(id, _)| id.to_string()).collect(),
        parent_ts: Some("1764493800.000100".into()),
        opened_at: 1_764_493_800,
        remind_at: None,
        reminded: false,
        closes_at: 1_764_502_200,
        closed_at: None,
    }
}

fn team_standup() -> Standup {
    let mut s = Standup::with_defaults("T0ACME", CHANNEL, "U0ANA", "Europe/Berlin");
    s.id = 1;
    s
}

/// The answers of the day, as members write them.
fn answers() -> Vec<(&'static str, &'static str, [&'static str; 3])> {
    vec![
        ("U0ANA", "1764494100.000200", [
            "Shipped the CSV export for invoices (#477). Paired with Dee on the importer.",
            "<@U0CHEN> can you review my PR #482 today? Then I start on rate limiting.",
            "none",
        ]),
        ("U0CHEN", "1764494400.000300", [
            "So yesterday was mostly meetings honestly. Fixed the flaky login test in CI, it was a race in the session fixture.",
            "Review #482 after lunch. Release notes for 3.2",
            "no",
        ]),
        ("U0DEE", "1764494700.000400", [
            "Working on the Terraform modules for staging, will hand them to <@U0ELI> tomorrow",
            "Finish the importer with Ana",
            "Waiting on <@U0FAY> for the staging DB credentials",
        ]),
        ("U0ELI", "1764495000.000500", [
            "Mobile onboarding screens, first pass done",
            "Wire the onboarding screens to the API",
            "Blocked by <@U0FAY> — need the final designs for the paywall before I can continue",
        ]),
    ]
}

fn standup_input() -> SummaryInput {
    SummaryInput {
        kind: InputKind::Standup,
        questions: run().questions,
        entries: answers()
            .into_iter()
            .map(|(user, ts, a)| Entry {
                user: user.into(),
                ts: Some(ts.into()),
                thread_ts: None,
                answers: a.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
        today: TODAY.into(),
    }
}

/// The sample standup as the close summarizes it (offline engine, sanitized).
pub fn standup_summary() -> Summary {
    let input = standup_input();
    let allowed: HashSet<String> = PEOPLE.iter().map(|(id, _)| id.to_string()).collect();
    sanitize::sanitize(offline::summarize(&input), &input, &allowed)
}

fn nudge(run: &Run) -> Sample {
    let blocker = OpenBlocker {
        id: 9,
        team_id: "T0ACME".into(),
        channel_id: CHANNEL.into(),
        standup_id: 1,
        user_id: "U0ELI".into(),
        text: "Blocked by <@U0FAY> — need the final designs for the paywall".into(),
        blocked_by: Some("U0FAY".into()),
        opened_on: "2026-11-26".into(),
        opened_run: 40,
        resolved: false,
    };
    let n = standup::Nudge {
        run,
        mode: AnswerMode::Dm,
        permalink: Some(THREAD),
        last_plan: Some("Wire the onboarding screens to the API"),
        closes_local: "Mon 12:30 (Europe/Berlin)",
    };
    message(
        "nudge",
        "Nudge DM",
        standup::nudge_message(&n, follow::blocker_question(&blocker), Some(run.id)),
    )
}

fn open_blockers() -> Vec<OpenBlocker> {
    let blocker = |id, user: &str, by: &str, text: &str, on: &str| OpenBlocker {
        id,
        team_id: "T0ACME".into(),
        channel_id: CHANNEL.into(),
        standup_id: 1,
        user_id: user.into(),
        text: text.into(),
        blocked_by: Some(by.into()),
        opened_on: on.into(),
        opened_run: 1,
        resolved: false,
    };
    vec![
        blocker(
            9,
            "U0ELI",
            "U0FAY",
            "Blocked by <@U0FAY> — need the final designs for the paywall before I can continue",
            "2026-11-25",
        ),
        blocker(
            11,
            "U0DEE",
            "U0FAY",
            "Waiting on <@U0FAY> for the staging DB credentials",
            TODAY,
        ),
    ]
}

fn channel_post(summary: &Summary) -> Sample {
    let ctx = ChannelContext {
        title: "Daily standup — 2026-11-30".into(),
        thread_link: Some(THREAD.into()),
        answered: 4,
        expected: 5,
        missing: vec!["U0FAY".into()],
    };
    let mut overdue = items()[4].clone();
    overdue.due = Some("2026-11-27".into());
    let extras = follow::channel_extras(
        &open_blockers(),
        &[overdue],
        Date::constant(2026, 11, 30),
        crate::followup::LONG_STANDING_WORKING_DAYS,
    );
    message(
        "channel_post",
        "Post in the channel",
        standup::channel_post(summary, &ctx, extras, Some((3.8, 4))),
    )
}

/// The action items the close recorded, as the store returns them.
pub fn items() -> Vec<ActionItem> {
    let item = |id: i64, owner: &str, text: &str, due: Option<&str>, status| ActionItem {
        id,
        team_id: "T0ACME".into(),
        channel_id: CHANNEL.into(),
        run_id: Some(42),
        owner: owner.into(),
        text: text.into(),
        due: due.map(str::to_string),
        status,
        snoozed_until: None,
        source_link: Some(format!("{THREAD}?thread_ts=1764493800.000100")),
        manager: "U0ANA".into(),
        issue_url: None,
        created_at: 1_764_502_200,
        done_by: (status == ItemStatus::Done).then(|| owner.to_string()),
    };
    vec![
        item(
            1,
            "U0CHEN",
            "Review <@U0ANA>'s PR #482",
            Some(TODAY),
            ItemStatus::Open,
        ),
        item(
            2,
            "U0CHEN",
            "Review #482 after lunch",
            None,
            ItemStatus::Open,
        ),
        item(
            3,
            "U0DEE",
            "Hand the Terraform modules to <@U0ELI>",
            Some("2026-12-01"),
            ItemStatus::Open,
        ),
        item(
            4,
            "U0FAY",
            "Send <@U0DEE> the staging DB credentials",
            None,
            ItemStatus::Done,
        ),
        item(
            5,
            "U0CHEN",
            "Release notes for 3.2",
            Some("2026-12-02"),
            ItemStatus::Open,
        ),
    ]
}

fn home() -> impl serde::Serialize {
    let mine: Vec<ActionItem> = items()
        .into_iter()
        .filter(|i| i.owner == "U0CHEN" && i.status == ItemStatus::Open)
        .collect();
    let standups = [HomeStandup {
        channel_id: CHANNEL.into(),
        name: None,
        next_run: "Tue 09:30".into(),
        answered_today: Some(true),
    }];
    follow::home_view(
        &mine,
        &open_blockers()[..1],
        &standups,
        &[CHANNEL.to_string()],
        Date::constant(2026, 11, 30),
    )
}

/// A day of the channel for the digest, and a thread for its summary.
fn conversation() -> Vec<(
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
)> {
    vec![
        ("1764490000.000100", "U0ANA", None, "Morning all!"),
        ("1764490100.000200", "U0CHEN", None, "Should we cap the free plan at 50 projects instead of 100?"),
        ("1764490200.000300", "U0ANA", Some("1764490100.000200"), "Agreed, 50 it is."),
        ("1764490300.000400", "U0ELI", None, "The pricing page copy needs a pass before Thursday. <@U0DEE> can you take it by Wednesday?"),
        ("1764490400.000500", "U0DEE", Some("1764490300.000400"), "Sure, I'll do it"),
        ("1764490500.000600", "U0FAY", None, "Who owns the status page now that Sam left?"),
        ("1764490600.000700", "U0CHEN", None, "The EU region migration is blocked until legal signs the DPA"),
        ("1764490700.000800", "U0ELI", None, "thanks <@U0ANA>!"),
    ]
}

fn conversation_samples() -> Vec<Sample> {
    let messages: Vec<StoredMessage> = conversation()
        .into_iter()
        .map(|(ts, user, thread, body)| StoredMessage {
            ts: ts.into(),
            thread_ts: thread.map(str::to_string),
            user_id: user.into(),
            body: body.into(),
        })
        .collect();
    // The digest's own input builder; who may be named stays the sample
    // team, as the preview has always shown it.
    let (input, _) = conversation::summary_input(&messages, InputKind::Digest, TODAY, "");
    let allowed: HashSet<String> = PEOPLE.iter().map(|(id, _)| id.to_string()).collect();
    let s = sanitize::sanitize(offline::summarize(&input), &input, &allowed);
    let src = Sources::new(CHANNEL, Some("https://acme.slack.com/"), &messages);
    let about = format!("<#{CHANNEL}> · {} messages from 5 people", messages.len());
    let daily = digest::message(&s, &src, "Daily digest — 2026-11-30", &about, true, 0);
    let mut thread = digest::message(
        &s,
        &src,
        "Thread summary",
        "3 replies from 2 people",
        false,
        1,
    );
    thread.blocks = thread_summary::with_share_button(thread.blocks, 7);
    vec![
        message("digest", "Daily digest", daily),
        message(
            "thread_summary_shortcut",
            "Thread summary (shortcut)",
            thread,
        ),
    ]
}
