//! Socket Mode: the bot connects to the WebSocket URL that
//! `apps.connections.open` hands out, acknowledges each envelope, and feeds
//! it to the same handlers as HTTP. A fake Socket Mode server stands in for
//! Slack's. Envelope shapes from Slack's Socket Mode documentation
//! ("Using Socket Mode": `hello`, `events_api`, `slash_commands` envelopes
//! with `envelope_id`, `payload`, `accepts_response_payload`).

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::fixtures::{event_envelope, fixture};
use common::*;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

/// A fake Socket Mode endpoint: greets every connection with `hello`, sends
/// each queued envelope on the first connection, records every frame the
/// bot sends back (acknowledgements).
struct FakeSocket {
    url: String,
    send: mpsc::UnboundedSender<Value>,
    received: Arc<Mutex<Vec<Value>>>,
}

impl FakeSocket {
    async fn start() -> FakeSocket {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("ws://{}/link/?ticket=test", listener.local_addr().unwrap());
        let (send, rx) = mpsc::unbounded_channel::<Value>();
        let received: Arc<Mutex<Vec<Value>>> = Arc::default();
        let rx = Arc::new(tokio::sync::Mutex::new(rx));
        let rec = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (rx, rec) = (rx.clone(), rec.clone());
                tokio::spawn(async move {
                    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
                        return;
                    };
                    let (mut tx, mut incoming) = ws.split();
                    let hello = json!({ "type": "hello", "num_connections": 1, "debug_info": { "host": "fake", "approximate_connection_time": 18060 }, "connection_info": { "app_id": "A0001" } });
                    if tx
                        .send(Message::Text(hello.to_string().into()))
                        .await
                        .is_err()
                    {
                        return;
                    }
                    // Only one connection at a time takes envelopes off the queue.
                    let Ok(mut queue) = rx.try_lock() else {
                        while let Some(Ok(_)) = incoming.next().await {}
                        return;
                    };
                    loop {
                        tokio::select! {
                            Some(envelope) = queue.recv() => {
                                if tx.send(Message::Text(envelope.to_string().into())).await.is_err() { return; }
                            }
                            frame = incoming.next() => match frame {
                                Some(Ok(Message::Text(t))) => {
                                    if let Ok(v) = serde_json::from_str::<Value>(&t) { rec.lock().unwrap().push(v); }
                                }
                                Some(Ok(_)) => {}
                                _ => return,
                            }
                        }
                    }
                });
            }
        });
        FakeSocket {
            url,
            send,
            received,
        }
    }

    fn ack_for(&self, envelope_id: &str) -> Option<Value> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .find(|v| v["envelope_id"] == envelope_id)
            .cloned()
    }
}

async fn spawn_socket_app(db: Db) -> (TestApp, FakeSocket) {
    scrumbot::install_crypto_provider();
    let socket = FakeSocket::start().await;
    let slack = FakeSlack::start().await;
    slack.set_socket_url(&socket.url);
    let app = start_on(
        slack,
        fresh_database(db).await,
        &[("SLACK_APP_TOKEN", "xapp-1-A0001-test")],
    )
    .await;
    (app, socket)
}

async fn wait_for_ack(socket: &FakeSocket, id: &str) -> Value {
    for _ in 0..200 {
        if let Some(v) = socket.ack_for(id) {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "no acknowledgement for {id}; frames: {:?}",
        socket.received.lock().unwrap()
    );
}

async fn events_and_commands_over_socket_mode_reach_the_same_handlers(db: Db) {
    let (app, socket) = spawn_socket_app(db).await;
    let calls = app.slack.wait_for_calls("apps.connections.open", 1).await;
    assert_eq!(
        calls[0].token.as_deref(),
        Some("xapp-1-A0001-test"),
        "the app-level token opens the connection"
    );

    // An app_mention over the socket: acknowledged, answered with help like over HTTP.
    let payload: Value = serde_json::from_str(&event_envelope("app_mention", "EvSOCK1", json!({ "user": "U0001", "channel": CHANNEL, "text": "<@UBOT> hi", "ts": "1732550000.000700" }))).unwrap();
    socket.send.send(json!({ "envelope_id": "env-1", "type": "events_api", "accepts_response_payload": false, "retry_attempt": 0, "retry_reason": "", "payload": payload })).unwrap();
    wait_for_ack(&socket, "env-1").await;
    let posts = app.slack.wait_for_calls("chat.postMessage", 1).await;
    assert!(posts[0].param("text").unwrap().contains("/standup start"));
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM inbox WHERE dedup_key = 'event:EvSOCK1'")
            .await,
        1,
        "through the same durable inbox"
    );

    // The same event redelivered over the socket has no second effect.
    socket.send.send(json!({ "envelope_id": "env-2", "type": "events_api", "accepts_response_payload": false, "retry_attempt": 1, "retry_reason": "timeout", "payload": payload })).unwrap();
    wait_for_ack(&socket, "env-2").await;
    app.idle().await;
    assert_eq!(app.slack.calls_to("chat.postMessage").len(), 1);

    // A slash command: the reply travels back in the acknowledgement's payload.
    let form: Vec<(String, String)> =
        serde_urlencoded::from_str(fixture("commands/standup.txt").trim()).unwrap();
    let mut command: serde_json::Map<String, Value> = form
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    command.insert("text".into(), json!("help"));
    socket.send.send(json!({ "envelope_id": "env-3", "type": "slash_commands", "accepts_response_payload": true, "payload": command })).unwrap();
    let ack = wait_for_ack(&socket, "env-3").await;
    let text = ack["payload"]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("/standup schedule"),
        "the usage comes back in the ack: {ack}"
    );
    assert_eq!(ack["payload"]["response_type"], "ephemeral");
}

/// Sends one envelope and waits for its acknowledgement.
async fn deliver(socket: &FakeSocket, id: &str, kind: &str, payload: Value) -> Value {
    socket
        .send
        .send(json!({ "envelope_id": id, "type": kind, "accepts_response_payload": kind != "events_api", "payload": payload }))
        .unwrap();
    wait_for_ack(socket, id).await
}

async fn an_answer_edited_in_the_thread_over_socket_mode_is_updated(db: Db) {
    let (app, socket) = spawn_socket_app(db).await;
    app.slack.wait_for_calls("apps.connections.open", 1).await;
    let reply = app.standup("start").await;
    assert_eq!(reply["response_type"], "ephemeral", "{reply}");
    app.wait_count(
        "SELECT COUNT(*) FROM runs WHERE status = 'open' AND parent_ts IS NOT NULL",
        1,
    )
    .await;
    let parent = app.text("SELECT parent_ts FROM runs").await;
    let answer: Value = serde_json::from_str(&event_envelope(
        "message_thread_reply",
        "EvSOCKANS",
        json!({ "user": "U0002", "channel": CHANNEL, "ts": "1900000100.000100", "thread_ts": parent, "text": "Yesterday: importer. Today: tests." }),
    ))
    .unwrap();
    deliver(&socket, "env-ans", "events_api", answer).await;
    app.wait_count("SELECT COUNT(*) FROM answers WHERE user_id = 'U0002'", 1)
        .await;
    // The edit event carries the reply's thread in `message.thread_ts`:
    // slack-morphism's model of `message_changed` dropped it.
    let edit: Value = serde_json::from_str(&event_envelope(
        "message_changed",
        "EvSOCKEDIT",
        json!({ "channel": CHANNEL, "previous_message": null,
                "message": { "user": "U0002", "ts": "1900000100.000100", "thread_ts": parent, "text": "Yesterday: importer benchmarks. Today: tests.", "parent_user_id": null, "blocks": null } }),
    ))
    .unwrap();
    deliver(&socket, "env-edit", "events_api", edit).await;
    app.idle().await;
    assert!(
        app.text("SELECT body FROM answers WHERE user_id = 'U0002'")
            .await
            .contains("importer benchmarks"),
        "the edit reached the stored answer"
    );
}

async fn a_modal_refused_over_socket_mode_shows_its_errors_in_the_ack(db: Db) {
    let (app, socket) = spawn_socket_app(db).await;
    app.slack.wait_for_calls("apps.connections.open", 1).await;
    app.standup("schedule mon-fri 09:30 UTC").await;
    let standup_id = app.scalar("SELECT id FROM standups").await;
    let mut submit = common::fixtures::fixture_json("interactivity/view_submission.json");
    submit["user"]["id"] = json!("U0001");
    submit["trigger_id"] = json!("trigger-socket-setup");
    submit["view"]["callback_id"] = json!("standup_setup_view");
    submit["view"]["private_metadata"] = json!(standup_id.to_string());
    let value = |v: &str| json!({ "value": { "type": "plain_text_input", "value": v } });
    submit["view"]["state"] = json!({ "values": {
        "questions": value("What did you do?"),
        "days": value("mon-fri"),
        "time": value("25:99"),
        "tz": value("UTC"),
        "close": value("60"),
        "reminder": value("0"),
    } });
    let ack = deliver(&socket, "env-modal", "interactive", submit).await;
    assert_eq!(ack["payload"]["response_action"], "errors", "{ack}");
    assert!(
        ack["payload"]["errors"]["time"]
            .as_str()
            .is_some_and(|e| e.contains("25:99")),
        "the time field says what is wrong: {ack}"
    );
    app.idle().await;
    assert_eq!(
        app.text("SELECT time_of_day FROM standups").await,
        "09:30",
        "nothing saved"
    );
}

async fn health_reports_socket_mode_down_until_it_connects(db: Db) {
    scrumbot::install_crypto_provider();
    let socket = FakeSocket::start().await;
    let slack = FakeSlack::start().await;
    // The WebSocket URL Slack hands out is not reachable yet.
    slack.set_socket_url("ws://127.0.0.1:9/link");
    let app = start_on(
        slack.clone(),
        fresh_database(db).await,
        &[("SLACK_APP_TOKEN", "xapp-1-A0001-test")],
    )
    .await;
    app.slack.wait_for_calls("apps.connections.open", 1).await;
    let res = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 503);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["socket_mode"], "down", "{v}");
    // Once Slack hands out a URL that answers, the bot reconnects and is healthy.
    slack.set_socket_url(&socket.url);
    app.eventually("Socket Mode reconnects", || async {
        app.http
            .get(app.url("/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await;
}

on_both_databases!(
    health_reports_socket_mode_down_until_it_connects,
    an_answer_edited_in_the_thread_over_socket_mode_is_updated,
    a_modal_refused_over_socket_mode_shows_its_errors_in_the_ack,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_events_and_commands_over_socket_mode_reach_the_same_handlers() {
    events_and_commands_over_socket_mode_reach_the_same_handlers(Db::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_events_and_commands_over_socket_mode_reach_the_same_handlers() {
    events_and_commands_over_socket_mode_reach_the_same_handlers(Db::Postgres).await
}
