//! Checks the test harness itself: the fake Slack Web API, the fixture helpers,
//! and that every fixture parses with the slack-morphism types the bot uses.

#[path = "common/fake_slack.rs"]
mod fake_slack;
#[path = "common/fake_workspaces.rs"]
mod fake_workspaces;
#[path = "common/fixtures.rs"]
mod fixtures;

use std::time::Duration;

use fake_slack::{Failure, FakeSlack};
use fixtures::{event_envelope, fixture, fixture_json, interactivity_body, sign};
use serde_json::{json, Value};
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

// ------------------------------------------------------------------ raw HTTP client

/// A response read off the wire.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }
}

/// One HTTP/1.1 request over a fresh TCP connection (`Connection: close`), so the
/// self-test needs no HTTP client crate. `url` is absolute, e.g. `api_url() + "auth.test"`.
async fn http(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let rest = url.strip_prefix("http://").expect("http:// URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);

    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let raw = String::from_utf8(raw).expect("UTF-8 response");

    let (head, body) = raw.split_once("\r\n\r\n").expect("header/body separator");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).expect("chunk size");
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

async fn post_json(fake: &FakeSlack, method: &str, token: &str, body: Value) -> Reply {
    let auth = format!("Bearer {token}");
    http(
        "POST",
        &format!("{}{method}", fake.api_url()),
        &[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Authorization", &auth),
        ],
        &body.to_string(),
    )
    .await
}

async fn post_form(fake: &FakeSlack, method: &str, fields: &[(&str, &str)]) -> Reply {
    let body = serde_urlencoded::to_string(fields).unwrap();
    http(
        "POST",
        &format!("{}{method}", fake.api_url()),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &body,
    )
    .await
}

async fn get(fake: &FakeSlack, method_and_query: &str) -> Reply {
    let url = format!("{}{method_and_query}", fake.api_url());
    http("GET", &url, &[("Authorization", "Bearer xoxb-test")], "").await
}

fn message(ts: &str, text: &str, thread_ts: Option<&str>) -> Value {
    let mut m =
        json!({"type": "message", "user": "U0001", "text": text, "ts": ts, "team": "T0001"});
    if let Some(thread_ts) = thread_ts {
        m["thread_ts"] = thread_ts.into();
    }
    m
}

// ------------------------------------------------------------------ fake Slack

#[tokio::test]
async fn post_message_gets_fresh_increasing_ts_and_echoes_channel() {
    let fake = FakeSlack::start().await;
    assert!(fake.api_url().ends_with("/api/"));

    let blocks = json!([{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]);
    let first = post_json(
        &fake,
        "chat.postMessage",
        "xoxb-json",
        json!({"channel": "C0001", "text": "hi", "blocks": blocks}),
    )
    .await;
    assert_eq!(first.status, 200);
    assert!(first
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let first = first.json();
    assert_eq!(first["ok"], true);
    assert_eq!(first["channel"], "C0001");
    assert_eq!(first["ts"], "1732550000.000101");
    assert_eq!(first["message"]["ts"], first["ts"]);
    assert_eq!(first["message"]["text"], "hi");
    assert_eq!(first["message"]["user"], "UBOT");
    assert_eq!(first["message"]["blocks"], blocks);

    // Form encoding, token in the body, blocks as a JSON string, a thread reply.
    let second = post_form(
        &fake,
        "chat.postMessage",
        &[
            ("token", "xoxb-form"),
            ("channel", "C0002"),
            ("text", "reply"),
            ("thread_ts", "1732550000.000101"),
            ("blocks", &blocks.to_string()),
        ],
    )
    .await
    .json();
    assert_eq!(second["channel"], "C0002");
    assert_eq!(second["message"]["thread_ts"], "1732550000.000101");
    assert!(
        second["ts"].as_str().unwrap() > first["ts"].as_str().unwrap(),
        "ts must increase"
    );

    // Posting to a user id lands in the DM.
    let dm = post_json(
        &fake,
        "chat.postMessage",
        "t",
        json!({"channel": "U0002", "text": "psst"}),
    )
    .await
    .json();
    assert_eq!(dm["channel"], "DU0002");

    let calls = fake.wait_for_calls("chat.postMessage", 3).await;
    assert_eq!(calls[0].token.as_deref(), Some("xoxb-json"));
    assert_eq!(calls[0].param("channel").as_deref(), Some("C0001"));
    assert_eq!(calls[0].json_param("blocks"), Some(blocks.clone()));
    assert_eq!(calls[1].token.as_deref(), Some("xoxb-form"));
    // Form fields stay strings; json_param parses them.
    assert!(calls[1].params["blocks"].is_string());
    assert_eq!(calls[1].json_param("blocks"), Some(blocks));
    assert_eq!(
        calls[1].param("thread_ts").as_deref(),
        Some("1732550000.000101")
    );
    assert!(calls[0].at <= calls[1].at);
    assert_eq!(fake.calls().len(), 3);
    // Each call carries the answer it got.
    assert_eq!(calls[0].response, first);
    assert_eq!(calls[2].response["channel"], "DU0002");
}

#[tokio::test]
async fn rate_limit_is_429_with_retry_after_then_normal_answers_resume() {
    let fake = FakeSlack::start().await;
    fake.fail_next(
        "chat.postMessage",
        Failure::RateLimited {
            retry_after_secs: 7,
        },
    );

    let limited = post_json(&fake, "chat.postMessage", "t", json!({"channel": "C0001"})).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("7"));
    assert_eq!(limited.json(), json!({"ok": false, "error": "ratelimited"}));

    let ok = post_json(&fake, "chat.postMessage", "t", json!({"channel": "C0001"})).await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["ok"], true);
    // The failed call is recorded too, with the error it got.
    let calls = fake.calls_to("chat.postMessage");
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].response["error"], "ratelimited");
    assert_eq!(calls[1].response["ok"], true);
    assert!(fake.describe_calls().contains("-> error \"ratelimited\""));
}

#[tokio::test]
async fn queued_failures_apply_in_order_to_their_method_only() {
    let fake = FakeSlack::start().await;
    fake.fail_next("chat.update", Failure::ServerError);
    fake.fail_next("chat.update", Failure::SlackError("message_not_found"));

    // Other methods are unaffected.
    assert_eq!(get(&fake, "auth.test").await.json()["ok"], true);

    let body = json!({"channel": "C0001", "ts": "1732550000.000100", "text": "edited"});
    let server_error = post_json(&fake, "chat.update", "t", body.clone()).await;
    assert_eq!(server_error.status, 500);

    let slack_error = post_json(&fake, "chat.update", "t", body.clone()).await;
    assert_eq!(slack_error.status, 200);
    assert_eq!(
        slack_error.json(),
        json!({"ok": false, "error": "message_not_found"})
    );

    let ok = post_json(&fake, "chat.update", "t", body).await.json();
    assert_eq!(ok["ok"], true);
    assert_eq!(ok["channel"], "C0001");
    assert_eq!(ok["ts"], "1732550000.000100");
    assert_eq!(ok["message"]["text"], "edited");
    assert_eq!(fake.calls().len(), 4);
}

#[tokio::test]
async fn history_and_replies_paginate_with_cursors() {
    let fake = FakeSlack::start().await;
    fake.set_history(
        "C0001",
        vec![
            message("1732550001.000100", "one", None),
            message("1732550003.000100", "three", Some("1732550003.000100")), // thread root
            message("1732550002.000100", "two", None),
            message("1732550004.000100", "reply a", Some("1732550003.000100")),
            message("1732550005.000100", "four", None),
            message("1732550006.000100", "reply b", Some("1732550003.000100")),
            message("1732550007.000100", "five", None),
        ],
    );

    // Top-level messages only, newest first, two per page.
    let mut texts = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    loop {
        let page = get(
            &fake,
            &format!("conversations.history?channel=C0001&limit=2&cursor={cursor}"),
        )
        .await
        .json();
        pages += 1;
        for m in page["messages"].as_array().unwrap() {
            texts.push(m["text"].as_str().unwrap().to_string());
        }
        cursor = page["response_metadata"]["next_cursor"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(page["has_more"], !cursor.is_empty());
        if cursor.is_empty() {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(texts, ["five", "four", "three", "two", "one"]);

    // `oldest` is exclusive.
    let recent = get(
        &fake,
        "conversations.history?channel=C0001&oldest=1732550005.000100",
    )
    .await
    .json();
    assert_eq!(recent["messages"].as_array().unwrap().len(), 1);

    // A thread: root first, then replies oldest first, paginated too.
    let first = get(
        &fake,
        "conversations.replies?channel=C0001&ts=1732550003.000100&limit=2",
    )
    .await
    .json();
    let texts: Vec<&str> = first["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["three", "reply a"]);
    assert_eq!(first["has_more"], true);
    let cursor = first["response_metadata"]["next_cursor"].as_str().unwrap();
    let second = get(
        &fake,
        &format!(
            "conversations.replies?channel=C0001&ts=1732550003.000100&limit=2&cursor={cursor}"
        ),
    )
    .await
    .json();
    assert_eq!(second["messages"][0]["text"], "reply b");
    assert_eq!(second["has_more"], false);
    assert_eq!(second["response_metadata"]["next_cursor"], "");

    let missing = get(&fake, "conversations.replies?channel=C0001&ts=1.000000")
        .await
        .json();
    assert_eq!(missing["error"], "thread_not_found");
    let bad_cursor = get(&fake, "conversations.history?channel=C0001&cursor=nope")
        .await
        .json();
    assert_eq!(bad_cursor["error"], "invalid_cursor");
}

#[tokio::test]
async fn users_members_and_other_canned_answers() {
    let fake = FakeSlack::start().await;

    let default = get(&fake, "users.info?user=U0042").await.json();
    assert_eq!(default["user"]["id"], "U0042");
    assert_eq!(default["user"]["tz"], "Europe/Berlin");
    assert_eq!(default["user"]["is_bot"], false);
    assert_eq!(default["user"]["profile"]["status_emoji"], "");

    fake.set_user(json!({
        "id": "U0003", "tz": "America/New_York", "tz_offset": -18000,
        "profile": {"status_emoji": ":palm_tree:", "status_text": "Vacationing"},
    }));
    let set = get(&fake, "users.info?user=U0003").await.json();
    assert_eq!(set["user"]["tz"], "America/New_York");
    assert_eq!(set["user"]["profile"]["status_emoji"], ":palm_tree:");
    assert_eq!(set["user"]["profile"]["display_name"], "u0003"); // merged over the default

    let members = get(&fake, "conversations.members?channel=C0001")
        .await
        .json();
    assert_eq!(members["members"], json!(["U0001", "U0002", "UBOT"]));
    assert_eq!(members["response_metadata"]["next_cursor"], "");
    fake.set_members("C0002", vec!["U0007"]);
    let members = get(&fake, "conversations.members?channel=C0002")
        .await
        .json();
    assert_eq!(members["members"], json!(["U0007"]));

    let auth = get(&fake, "auth.test").await.json();
    assert_eq!(
        (
            &auth["user_id"],
            &auth["team_id"],
            &auth["bot_id"],
            &auth["url"]
        ),
        (
            &json!("UBOT"),
            &json!("T0001"),
            &json!("BBOT"),
            &json!("https://acme.slack.com/")
        )
    );

    let link = get(
        &fake,
        "chat.getPermalink?channel=C0001&message_ts=1732550000.000100",
    )
    .await
    .json();
    assert_eq!(
        link["permalink"],
        "https://acme.slack.com/archives/C0001/p1732550000000100"
    );

    let open = post_json(&fake, "conversations.open", "t", json!({"users": "U0002"}))
        .await
        .json();
    assert_eq!(open["channel"]["id"], "DU0002");

    let view = json!({"type": "modal", "callback_id": "standup_modal",
                      "title": {"type": "plain_text", "text": "Standup"}, "blocks": []});
    let opened = post_form(
        &fake,
        "views.open",
        &[("trigger_id", "123.456"), ("view", &view.to_string())],
    )
    .await
    .json();
    assert_eq!(opened["view"]["callback_id"], "standup_modal");
    assert!(opened["view"]["id"].as_str().unwrap().starts_with('V'));

    let unknown = post_json(&fake, "reactions.add", "t", json!({"name": "eyes"}))
        .await
        .json();
    assert_eq!(unknown, json!({"ok": true}));
    assert_eq!(
        fake.calls_to("reactions.add")[0].param("name").as_deref(),
        Some("eyes")
    );
}

#[tokio::test]
async fn wait_for_calls_sees_calls_made_later() {
    let fake = FakeSlack::start().await;
    let url = format!("{}chat.postEphemeral", fake.api_url());
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        http(
            "POST",
            &url,
            &[("Content-Type", "application/json")],
            r#"{"channel":"C0001","user":"U0001"}"#,
        )
        .await;
    });
    let calls = fake.wait_for_calls("chat.postEphemeral", 1).await;
    assert_eq!(calls[0].param("user").as_deref(), Some("U0001"));
    assert!(fake.describe_calls().contains("chat.postEphemeral"));
}

#[tokio::test]
async fn clones_share_state_and_keep_the_server_alive() {
    let fake = FakeSlack::start().await;
    let clone = fake.clone();
    fake.set_members("C0009", vec!["U0009"]);
    drop(fake);
    // The clone still serves, and sees what was set through the original.
    let members = get(&clone, "conversations.members?channel=C0009")
        .await
        .json();
    assert_eq!(members["members"], json!(["U0009"]));
    assert_eq!(clone.calls().len(), 1);
}

/// The bot talks to Slack through slack-morphism: make sure that client, pointed
/// at `api_url()` as-is (trailing slash included), can use every canned answer.
#[tokio::test]
async fn slack_morphism_client_works_against_the_fake() {
    let fake = FakeSlack::start().await;
    let connector = SlackClientHyperConnector::with_connector(
        hyper_util::client::legacy::connect::HttpConnector::new(),
    )
    .with_slack_api_url(&fake.api_url());
    let client = SlackClient::new(connector);
    let token = SlackApiToken::new("xoxb-morphism".into());
    let session = client.open_session(&token);

    let auth = session.auth_test().await.expect("auth.test");
    assert_eq!(auth.user_id.0, "UBOT");

    let posted = session
        .chat_post_message(&SlackApiChatPostMessageRequest::new(
            "C0001".into(),
            SlackMessageContent::new().with_text("standup time".into()),
        ))
        .await
        .expect("chat.postMessage");
    assert_eq!(posted.channel.0, "C0001");
    assert_eq!(posted.message.content.text.as_deref(), Some("standup time"));

    session
        .chat_update(&SlackApiChatUpdateRequest::new(
            "C0001".into(),
            SlackMessageContent::new().with_text("closed".into()),
            posted.ts.clone(),
        ))
        .await
        .expect("chat.update");
    session
        .chat_post_ephemeral(&SlackApiChatPostEphemeralRequest::new(
            "C0001".into(),
            "U0001".into(),
            SlackMessageContent::new().with_text("only you".into()),
        ))
        .await
        .expect("chat.postEphemeral");
    let link = session
        .chat_get_permalink(&SlackApiChatGetPermalinkRequest::new(
            "C0001".into(),
            posted.ts.clone(),
        ))
        .await
        .expect("chat.getPermalink");
    assert!(link
        .permalink
        .as_str()
        .ends_with("/archives/C0001/p1732550000000101"));

    let user = session
        .users_info(&SlackApiUsersInfoRequest::new("U0001".into()))
        .await
        .expect("users.info");
    assert_eq!(user.user.tz.as_deref(), Some("Europe/Berlin"));

    let open = session
        .conversations_open(
            &SlackApiConversationsOpenRequest::new().with_users(vec!["U0001".into()]),
        )
        .await
        .expect("conversations.open");
    assert_eq!(open.channel.id.0, "DU0001");

    let members = session
        .conversations_members(
            &SlackApiConversationsMembersRequest::new().with_channel("C0001".into()),
        )
        .await
        .expect("conversations.members");
    assert_eq!(members.members.len(), 3);

    fake.set_history(
        "C0001",
        fixture_json("api/conversations.history.json")["messages"]
            .as_array()
            .unwrap()
            .clone(),
    );
    let history = session
        .conversations_history(
            &SlackApiConversationsHistoryRequest::new().with_channel("C0001".into()),
        )
        .await
        .expect("conversations.history");
    assert_eq!(history.messages.len(), 2);
    fake.set_history(
        "C0001",
        fixture_json("api/conversations.replies.json")["messages"]
            .as_array()
            .unwrap()
            .clone(),
    );
    let replies = session
        .conversations_replies(&SlackApiConversationsRepliesRequest::new(
            "C0001".into(),
            "1732550000.000100".into(),
        ))
        .await
        .expect("conversations.replies");
    assert_eq!(replies.messages.len(), 2);

    let home = SlackHomeView::new(vec![SlackSectionBlock::new()
        .with_text(md!("Next standup: tomorrow"))
        .into()]);
    let published = session
        .views_publish(&SlackApiViewsPublishRequest::new(
            "U0001".into(),
            SlackView::Home(home),
        ))
        .await
        .expect("views.publish");
    assert!(!published.view.state_params.id.0.is_empty());

    // Failures surface as slack-morphism's own error kinds.
    fake.fail_next(
        "chat.postMessage",
        Failure::RateLimited {
            retry_after_secs: 3,
        },
    );
    fake.fail_next("chat.postMessage", Failure::SlackError("channel_not_found"));
    fake.fail_next("chat.postMessage", Failure::ServerError);
    let request = SlackApiChatPostMessageRequest::new(
        "C0001".into(),
        SlackMessageContent::new().with_text("x".into()),
    );
    match session.chat_post_message(&request).await {
        Err(SlackClientError::RateLimitError(err)) => {
            assert_eq!(err.retry_after, Some(Duration::from_secs(3)))
        }
        other => panic!("expected a rate-limit error, got {other:?}"),
    }
    match session.chat_post_message(&request).await {
        Err(SlackClientError::ApiError(err)) => assert_eq!(err.code, "channel_not_found"),
        other => panic!("expected an API error, got {other:?}"),
    }
    match session.chat_post_message(&request).await {
        Err(SlackClientError::HttpError(err)) => assert_eq!(err.status_code.as_u16(), 500),
        other => panic!("expected an HTTP error, got {other:?}"),
    }

    let calls = fake.calls();
    assert!(calls
        .iter()
        .all(|c| c.token.as_deref() == Some("xoxb-morphism")));
    // GET methods arrive with their query string parsed.
    assert_eq!(
        fake.calls_to("users.info")[0].param("user").as_deref(),
        Some("U0001")
    );
}

// ------------------------------------------------------------------ fixtures

#[test]
fn sign_reproduces_slacks_documented_example() {
    let example = fixture_json("signing_example.json");
    let signature = sign(
        example["signing_secret"].as_str().unwrap(),
        example["timestamp"].as_i64().unwrap(),
        example["body"].as_str().unwrap(),
    );
    assert_eq!(signature, example["signature"].as_str().unwrap());
}

#[test]
fn event_envelope_sets_event_id_and_merges_overrides() {
    let body = event_envelope(
        "message",
        "Ev9999",
        json!({"text": "hello", "thread_ts": "1732550000.000100", "channel_type": null}),
    );
    let envelope: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(envelope["event_id"], "Ev9999");
    assert_eq!(envelope["event"]["text"], "hello");
    assert_eq!(envelope["event"]["thread_ts"], "1732550000.000100");
    assert!(envelope["event"].get("channel_type").is_none());
    assert_eq!(envelope["event"]["user"], "U0002"); // untouched fields stay

    let moved: Value = serde_json::from_str(&event_envelope(
        "app_mention",
        "Ev1",
        json!({"ts": "1.000001"}),
    ))
    .unwrap();
    assert_eq!(moved["event"]["event_ts"], "1.000001");

    let form = interactivity_body(&json!({"type": "block_actions"}));
    assert_eq!(form, "payload=%7B%22type%22%3A%22block_actions%22%7D");
}

/// slack-morphism silently maps an event whose shape it does not recognise to
/// `SlackEventCallbackBody::Unknown`, so check each fixture lands in its variant.
#[test]
fn event_fixtures_parse_as_their_slack_morphism_variants() {
    type IsExpected = fn(&SlackEventCallbackBody) -> bool;
    let cases: &[(&str, IsExpected)] = &[
        ("app_mention", |e| {
            matches!(e, SlackEventCallbackBody::AppMention(_))
        }),
        (
            "message",
            |e| matches!(e, SlackEventCallbackBody::Message(m) if m.subtype.is_none()),
        ),
        (
            "message_thread_reply",
            |e| matches!(e, SlackEventCallbackBody::Message(m) if m.origin.thread_ts.is_some()),
        ),
        ("message_changed", |e| {
            matches!(e, SlackEventCallbackBody::Message(m)
                if m.subtype == Some(SlackMessageEventType::MessageChanged) && m.message.is_some())
        }),
        ("message_deleted", |e| {
            matches!(e, SlackEventCallbackBody::Message(m)
                if m.subtype == Some(SlackMessageEventType::MessageDeleted) && m.deleted_ts.is_some())
        }),
        ("bot_message", |e| {
            matches!(e, SlackEventCallbackBody::Message(m)
                if m.subtype == Some(SlackMessageEventType::BotMessage))
        }),
        ("message_from_app_bot", |e| {
            matches!(e, SlackEventCallbackBody::Message(m)
                if m.subtype.is_none() && m.sender.bot_id.is_some())
        }),
        (
            "app_home_opened",
            |e| matches!(e, SlackEventCallbackBody::AppHomeOpened(h) if h.view.is_some()),
        ),
        ("member_joined_channel", |e| {
            matches!(e, SlackEventCallbackBody::MemberJoinedChannel(_))
        }),
    ];
    for (name, expected) in cases {
        let push: SlackPushEvent = serde_json::from_str(&fixture(&format!("events/{name}.json")))
            .unwrap_or_else(|err| panic!("events/{name}.json: {err}"));
        match push {
            SlackPushEvent::EventCallback(callback) => {
                assert!(
                    expected(&callback.event),
                    "events/{name}.json parsed as {:?}",
                    callback.event
                )
            }
            other => panic!("events/{name}.json parsed as {other:?}"),
        }
    }
    let verification: SlackPushEvent =
        serde_json::from_str(&fixture("events/url_verification.json")).unwrap();
    assert!(matches!(verification, SlackPushEvent::UrlVerification(_)));
}

#[test]
fn interactivity_and_command_fixtures_parse() {
    for name in ["block_actions", "view_submission", "message_action"] {
        let event: SlackInteractionEvent =
            serde_json::from_str(&fixture(&format!("interactivity/{name}.json")))
                .unwrap_or_else(|err| panic!("interactivity/{name}.json: {err}"));
        let ok = match (name, &event) {
            ("block_actions", SlackInteractionEvent::BlockActions(e)) => e.actions.is_some(),
            ("view_submission", SlackInteractionEvent::ViewSubmission(e)) => {
                e.view.state_params.state.is_some()
            }
            ("message_action", SlackInteractionEvent::MessageAction(e)) => e.message.is_some(),
            _ => false,
        };
        assert!(ok, "interactivity/{name}.json parsed as {event:?}");
    }

    let body = fixture("commands/standup.txt");
    assert!(
        !body.ends_with('\n'),
        "a signed body must not gain a trailing newline"
    );
    let fields: serde_json::Map<String, Value> = url::form_urlencoded::parse(body.as_bytes())
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    let command: SlackCommandEvent = serde_json::from_value(Value::Object(fields)).unwrap();
    assert_eq!(command.command.0, "/standup");
    assert_eq!(command.channel_id.0, "C0001");
}

#[test]
fn api_fixtures_parse_as_slack_morphism_responses() {
    fn check<T: serde::de::DeserializeOwned>(name: &str) {
        let text = fixture(&format!("api/{name}.json"));
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["ok"], true,
            "api/{name}.json must be a success response"
        );
        serde_json::from_str::<T>(&text).unwrap_or_else(|err| panic!("api/{name}.json: {err}"));
    }
    check::<SlackApiAuthTestResponse>("auth.test");
    check::<SlackApiChatPostMessageResponse>("chat.postMessage");
    check::<SlackApiChatPostEphemeralResponse>("chat.postEphemeral");
    check::<SlackApiChatUpdateResponse>("chat.update");
    check::<SlackApiChatGetPermalinkResponse>("chat.getPermalink");
    check::<SlackApiUsersInfoResponse>("users.info");
    check::<SlackApiConversationsMembersResponse>("conversations.members");
    check::<SlackApiConversationsOpenResponse<SlackChannelInfo>>("conversations.open");
    check::<SlackApiConversationsHistoryResponse>("conversations.history");
    check::<SlackApiConversationsRepliesResponse>("conversations.replies");
    check::<SlackApiViewsOpenResponse>("views.open");
    check::<SlackApiViewsPublishResponse>("views.publish");
    check::<SlackApiAppsConnectionOpenResponse>("apps.connections.open");
    check::<SlackApiFilesGetUploadUrlExternalResponse>("files.getUploadURLExternal");
    check::<SlackApiFilesCompleteUploadExternalResponse>("files.completeUploadExternal");
    check::<SlackApiFilesUploadResponse>("files.upload");
}
