//! Slack errors the user can fix reach the user, in words, and the bot
//! never says "done" first: a channel the bot is not in, a missing scope.
//! And the manifest asks for every scope the code's Web API calls need.

mod common;

use common::*;

on_both_databases!(
    start_in_a_channel_the_bot_is_not_in_says_how_to_invite_it,
    export_without_files_write_names_the_missing_scope,
);

async fn start_in_a_channel_the_bot_is_not_in_says_how_to_invite_it(db: Db) {
    let app = spawn_app(db).await;
    app.slack.set_members(CHANNEL, vec!["U0001", "U0002"]);
    let reply = app.standup("start").await;
    let text = reply["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("/invite @scrumbot") && !text.contains("Opening"),
        "says what to do, not that it is done: {text}"
    );
    app.idle().await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM runs").await, 0, "no run");
    assert!(
        app.slack.calls_to("chat.postMessage").is_empty(),
        "nothing posted"
    );
}

async fn export_without_files_write_names_the_missing_scope(db: Db) {
    let app = spawn_app(db).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    app.slack.fail_next(
        "files.getUploadURLExternal",
        Failure::SlackError("missing_scope"),
    );
    let reply = app.standup("export week").await;
    let text = reply["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("`files:write`") && text.contains("Reinstall"),
        "names the scope and the fix: {text}"
    );
    app.idle().await;
    assert!(
        app.slack
            .calls_to("files.completeUploadExternal")
            .is_empty(),
        "nothing uploaded"
    );
}

/// The bot scopes each Web API method needs (Slack's method reference,
/// "Required scopes"; bot tokens, public and private channels).
const SCOPES: &[(&str, &[&str])] = &[
    ("auth.test", &[]),
    ("bots.info", &["users:read"]),
    ("chat.postMessage", &["chat:write"]),
    ("chat.postEphemeral", &["chat:write"]),
    ("chat.update", &["chat:write"]),
    ("chat.getPermalink", &[]),
    ("conversations.info", &["channels:read", "groups:read"]),
    ("conversations.members", &["channels:read", "groups:read"]),
    ("conversations.open", &["im:write"]),
    (
        "conversations.history",
        &["channels:history", "groups:history"],
    ),
    (
        "conversations.replies",
        &["channels:history", "groups:history"],
    ),
    ("users.info", &["users:read"]),
    ("views.open", &[]),
    ("views.publish", &[]),
    ("files.getUploadURLExternal", &["files:write"]),
    ("files.completeUploadExternal", &["files:write"]),
];

#[test]
fn the_manifest_asks_for_every_scope_the_web_api_calls_need() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("manifest.yml")).unwrap();
    let granted: Vec<&str> = manifest
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("- "))
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| l.contains(':') && !l.contains(' '))
        .collect();
    // Every Web API method named in the client, e.g. `send("chat.update", …)`.
    let client = std::fs::read_to_string(root.join("src/slack/api/client.rs")).unwrap();
    let method = regex::Regex::new(r#""((?:auth|bots|chat|conversations|users|views|files|reactions|team|usergroups)\.[A-Za-z.]+)""#).unwrap();
    let mut called: Vec<&str> = method
        .captures_iter(&client)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    called.sort();
    called.dedup();
    assert!(
        called.len() >= 10,
        "methods found in the client: {called:?}"
    );
    for m in called {
        let needed = SCOPES
            .iter()
            .find(|(name, _)| *name == m)
            .unwrap_or_else(|| {
                panic!("`{m}` is called: add its required scopes to SCOPES in this test")
            })
            .1;
        for scope in needed {
            assert!(
                granted.contains(scope),
                "`{m}` needs `{scope}`, which manifest.yml does not request (it has {granted:?})"
            );
        }
    }
}
