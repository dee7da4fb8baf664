//! Slack errors the user can fix reach the user, in words, and the bot
//! never says "done" first: a channel the bot is not in, a missing scope.
//! And the manifest asks for every scope the code's Web API calls need.

mod common;

use common::*;

on_both_databases!(
    start_in_a_channel_the_bot_is_not_in_says_how_to_invite_it,
    export_without_files_write_names_the_missing_scope,
    close_of_a_standup_whose_message_never_posted_says_so_and_frees_the_channel,
    command_text_is_escaped_once_and_echoes_are_short_and_inert,
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

async fn close_of_a_standup_whose_message_never_posted_says_so_and_frees_the_channel(db: Db) {
    let app = spawn_app(db).await;
    app.slack
        .fail_next("chat.postMessage", Failure::SlackError("not_in_channel"));
    app.standup("start").await;
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status = 'opening'")
            .await,
        1,
        "the parent post failed"
    );
    let reply = app.standup("close").await;
    let text = reply["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("nothing to summarize") && !text.contains("summary follows"),
        "no promise of a summary: {text}"
    );
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE status IN ('open', 'opening')")
            .await,
        0,
        "the channel is free"
    );
}

async fn command_text_is_escaped_once_and_echoes_are_short_and_inert(db: Db) {
    let app = spawn_app(db).await;
    // Slack escapes `&`, `<`, `>` in a command's text before sending it.
    let reply = app.standup("questions Q&amp;A done?|What is next?").await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap_or_default()
            .contains("Q&amp;A"),
        "{reply}"
    );
    assert_eq!(
        app.text("SELECT questions FROM standups").await,
        r#"["Q&A done?","What is next?"]"#,
        "stored as typed"
    );
    app.standup("start").await;
    let parent = app.slack.wait_for_calls("chat.postMessage", 1).await;
    let blocks = parent[0].json_param("blocks").unwrap();
    let text = common::blocks::all_text(&blocks);
    assert!(
        text.contains("Q&amp;A done?") && !text.contains("&amp;amp;"),
        "escaped once: {text}"
    );

    // An unknown subcommand of 100,000 characters led by a broadcast.
    let huge = format!("<!channel> {}", "x".repeat(100_000));
    let reply = app.standup(&huge).await;
    let text = reply["text"].as_str().unwrap_or_default();
    assert!(
        text.chars().count() <= 3_000,
        "{} characters",
        text.chars().count()
    );
    assert!(
        !text.contains("<!channel>") && text.contains("&lt;!channel&gt;"),
        "the echo is shown, not sent as a broadcast: {}",
        &text[..200.min(text.len())]
    );
    let link = app
        .standup("schedule <http://evil.example|click> 09:30")
        .await;
    let text = link["text"].as_str().unwrap_or_default();
    assert!(
        !text.contains("<http://evil"),
        "no live link echoed: {text}"
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
    ("users.list", &["users:read"]),
    ("files.info", &["files:read"]),
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
