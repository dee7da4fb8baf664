//! `@scrumbot summarize` in a thread and the "Summarize thread" shortcut:
//! an ephemeral summary with owners and links, shared in the thread once.

use serde_json::json;

use super::*;
use crate::common::*;

pub async fn summarize_in_a_thread_answers_ephemerally_and_shares_once(db: Db) {
    let app = spawn_at(db, "2026-11-24T12:00:00Z").await;
    let base = at("2026-11-24T10:00:00Z");
    let root = ts(base, 0);
    let mention_ts = ts(base, 40);
    app.slack.set_history(
        CHANNEL,
        vec![
            hist_root("U0001", &root, "Beta release planning notes.", 4),
            hist_reply(
                "U0001",
                &ts(base, 10),
                &root,
                "We decided to ship the beta on Friday.",
            ),
            hist_reply(
                "U0002",
                &ts(base, 20),
                &root,
                "I'll update the release notes by Thursday.",
            ),
            hist_reply(
                "U0003",
                &ts(base, 30),
                &root,
                "I will send the invite to the customers tomorrow.",
            ),
            hist_reply("U0002", &mention_ts, &root, "<@UBOT> summarize"),
        ],
    );
    let mention = crate::common::fixtures::event_envelope(
        "app_mention",
        "EvDGMENTION1",
        json!({ "user": "U0002", "channel": CHANNEL, "ts": mention_ts, "thread_ts": root, "text": "<@UBOT> summarize", "blocks": null }),
    );
    assert_eq!(app.post_event(&mention).await.status(), 200);
    let shown = app.slack.wait_for_calls("chat.postEphemeral", 1).await;
    let ephemeral = &shown[0];
    assert_eq!(ephemeral.param("user").as_deref(), Some("U0002"));
    let text = sections(ephemeral);
    assert!(
        text.contains("ship the beta on Friday"),
        "the decision:\n{text}"
    );
    let actions: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" — ") && l.starts_with("• <@"))
        .collect();
    assert!(
        actions
            .iter()
            .any(|l| l.starts_with("• <@U0002>") && l.contains("release notes"))
            && actions
                .iter()
                .any(|l| l.starts_with("• <@U0003>") && l.contains("invite")),
        "two action items with their owners:\n{text}"
    );
    assert!(
        !text.contains("summarize"),
        "the request itself is not summarized"
    );
    assert_every_item_linked(&text, CHANNEL);
    assert!(
        app.slack.calls_to("chat.postMessage").is_empty(),
        "nothing public yet"
    );
    let blocks = ephemeral.json_param("blocks").unwrap();
    let button = blocks
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .find(|e| e["action_id"] == "thread_summary_share")
        .expect("a Share in thread button");

    for n in 0..2 {
        let mut click = crate::common::fixtures::fixture_json("interactivity/block_actions.json");
        click["user"]["id"] = json!("U0002");
        click["channel"]["id"] = json!(CHANNEL);
        click["container"] = json!({ "type": "message", "message_ts": mention_ts, "channel_id": CHANNEL, "is_ephemeral": true });
        click["trigger_id"] = json!(format!("trigger-share-{n}"));
        click["actions"] = json!([{ "type": "button", "action_id": "thread_summary_share", "block_id": "s", "value": button["value"], "action_ts": format!("1764000000.00000{n}") }]);
        assert_eq!(app.interaction(&click).await.status(), 200);
    }
    app.slack.wait_for_calls("chat.postEphemeral", 2).await; // "already shared"
    app.slack.wait_for_calls("chat.postMessage", 1).await;
    app.idle().await;
    let shared: Vec<_> = app.slack.calls_to("chat.postMessage");
    assert_eq!(
        shared.len(),
        1,
        "shared once:\n{}",
        app.slack.describe_calls()
    );
    assert_eq!(shared[0].param("thread_ts").as_deref(), Some(root.as_str()));
    assert!(sections(&shared[0]).contains("ship the beta on Friday"));

    // The message shortcut on any message of the thread does the same.
    let mut shortcut = crate::common::fixtures::fixture_json("interactivity/message_action.json");
    shortcut["callback_id"] = json!("summarize_thread");
    shortcut["trigger_id"] = json!("trigger-shortcut-1");
    shortcut["message"]["ts"] = json!(ts(base, 20));
    shortcut["message"]["thread_ts"] = json!(root);
    assert_eq!(app.interaction(&shortcut).await.status(), 200);
    let shown = app.slack.wait_for_calls("chat.postEphemeral", 3).await;
    assert!(sections(&shown[2]).contains("ship the beta on Friday"));
    assert_eq!(app.slack.calls_to("chat.postMessage").len(), 1);
}
