//! What tests/mcp.rs and tests/api.rs share: a standup scripted through the
//! fake Slack that leaves one open blocker and two action items, and API
//! tokens made with the `scrumbot token` binary.
#![allow(dead_code)]

use std::process::Stdio;

use crate::common::binary::scrumbot;
use crate::common::*;

/// The action items' owners: U0002 owns the runbook, U0003 the guide.
pub const RUNBOOK_OWNER: &str = "U0002";
pub const GUIDE_OWNER: &str = "U0003";
/// Who is blocked, and by whom.
pub const BLOCKED: &str = "U0002";
pub const BLOCKER_OF: &str = "U0001";

/// Opens a run, has U0002 (blocked by U0001) and U0003 answer with one
/// action item each, closes it, and waits for the "Action items" message.
pub async fn standup_with_a_blocker_and_two_items(app: &TestApp) {
    closed_run_with_answers(
        app,
        &[
            (
                RUNBOOK_OWNER,
                "1900000020.000100",
                "Yesterday: audit\nToday: I'll update the runbook by Friday\nBlockers: waiting on <@U0001> for the API keys",
            ),
            (
                GUIDE_OWNER,
                "1900000020.000200",
                "Yesterday: tests\nToday: I will write the migration guide by tomorrow\nBlockers: none",
            ),
        ],
    )
    .await;
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM blockers WHERE status = 'open'")
            .await,
        1,
        "the script leaves one open blocker"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM action_items").await,
        2,
        "and two action items"
    );
}

/// The id of the item `owner` owns.
pub async fn item_of(app: &TestApp, owner: &str) -> i64 {
    app.scalar(&format!(
        "SELECT id FROM action_items WHERE owner = '{owner}'"
    ))
    .await
}

/// The ts of the run's "Action items" message.
pub async fn board_ts(app: &TestApp) -> String {
    app.text("SELECT ts FROM posts WHERE post_key LIKE '%:actions'")
        .await
}

/// Whether the fake Slack saw the "Action items" message updated with the
/// runbook struck through, as the Done button updates it.
pub fn board_shows_done(app: &TestApp, board_ts: &str) -> bool {
    app.slack.calls_to("chat.update").iter().any(|c| {
        c.param("ts").as_deref() == Some(board_ts)
            && c.param("blocks")
                .is_some_and(|b| b.contains(&format!("~<@{RUNBOOK_OWNER}>")))
    })
}

/// `scrumbot token <args…>` on the app's database: its standard output.
pub fn token_cli(app: &TestApp, args: &[&str]) -> String {
    let out = scrumbot()
        .arg("token")
        .args(args)
        .env("DATABASE_URL", &app.database_url)
        .stdin(Stdio::null())
        .output()
        .expect("scrumbot token runs");
    assert!(
        out.status.success(),
        "scrumbot token {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A new token for `user` in `team` (printed once by `scrumbot token create`).
pub fn create_token(app: &TestApp, team: &str, user: &str, read_only: bool) -> String {
    let mut args = vec!["create", "--team", team, "--user", user];
    if read_only {
        args.push("--read-only");
    }
    token_cli(app, &args).trim().to_string()
}
