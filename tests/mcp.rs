//! `scrumbot mcp` driven over standard input and output as an MCP client
//! would (initialize, tools/list, tools/call), on the database of a bot
//! that ran a scripted standup through the fake Slack.

#[path = "api_support/mod.rs"]
mod api_support;
mod common;

use std::process::Stdio;
use std::time::Duration;

use api_support::*;
use common::binary::scrumbot;
use common::*;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout};

on_both_databases!(the_tools_answer_over_stdio_and_only_the_owner_marks_an_item_done);

/// A `scrumbot mcp` child and its pipes, speaking newline-delimited JSON-RPC.
struct McpClient {
    child: Child,
    stdin: ChildStdin,
    stdout: Lines<BufReader<ChildStdout>>,
    next_id: i64,
}

impl McpClient {
    /// Starts `scrumbot mcp --team T0001 [--user U]` on the app's database and
    /// fake Slack, and makes the MCP handshake.
    async fn start(app: &TestApp, user: Option<&str>) -> McpClient {
        let mut cmd = scrumbot();
        cmd.args(["mcp", "--team", TEAM])
            .env("SLACK_BOT_TOKEN", BOT_TOKEN)
            .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
            .env("SLACK_API_URL", app.slack.api_url())
            .env("DATABASE_URL", &app.database_url)
            .env("SCRUMBOT_LOG_FORMAT", "json")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .env("RUST_LOG", "warn")
            .stderr(Stdio::inherit());
        if let Some(u) = user {
            cmd.args(["--user", u]);
        }
        let mut child = tokio::process::Command::from(cmd)
            .kill_on_drop(true)
            .spawn()
            .expect("scrumbot mcp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut client = McpClient {
            child,
            stdin,
            stdout,
            next_id: 1,
        };
        let init = client
            .request(
                "initialize",
                json!({ "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": { "name": "test", "version": "1" } }),
            )
            .await;
        assert_eq!(init["result"]["serverInfo"]["name"], "scrumbot", "{init}");
        client
            .send(&json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }))
            .await;
        client
    }

    async fn send(&mut self, message: &Value) {
        let mut line = message.to_string();
        line.push('\n');
        self.stdin.write_all(line.as_bytes()).await.unwrap();
        self.stdin.flush().await.unwrap();
    }

    /// Sends a request and returns the response with its id (bounded wait:
    /// a server that never answers fails the test rather than hanging it).
    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        let wait = async {
            loop {
                let line = self
                    .stdout
                    .next_line()
                    .await
                    .expect("stdout readable")
                    .expect("scrumbot mcp answered before exiting");
                let message: Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("stdout carries only JSON-RPC ({e}): {line}"));
                if message["id"] == id {
                    return message;
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(30), wait)
            .await
            .unwrap_or_else(|_| panic!("no answer to {method} within 30 s"))
    }

    async fn call(&mut self, tool: &str, arguments: Value) -> Value {
        self.request(
            "tools/call",
            json!({ "name": tool, "arguments": arguments }),
        )
        .await
    }

    /// Closes standard input, as a client does, and expects a clean exit.
    async fn close(mut self) {
        drop(self.stdin);
        let status = tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .expect("scrumbot mcp exits when its input closes")
            .unwrap();
        assert!(status.success(), "{status}");
    }
}

async fn the_tools_answer_over_stdio_and_only_the_owner_marks_an_item_done(db: Db) {
    let app = spawn_app(db).await;
    standup_with_a_blocker_and_two_items(&app).await;

    let mut other = McpClient::start(&app, Some(GUIDE_OWNER)).await;
    let tools = other.request("tools/list", json!({})).await;
    let tools = tools["result"]["tools"].as_array().unwrap().clone();
    let blockers_tool = tools
        .iter()
        .find(|t| t["name"] == "list_blockers")
        .expect("list_blockers is listed");
    assert_eq!(blockers_tool["inputSchema"]["type"], "object");
    assert!(
        blockers_tool["inputSchema"]["properties"]["include_resolved"].is_object(),
        "{blockers_tool}"
    );
    assert!(
        blockers_tool["outputSchema"].is_object(),
        "structured output"
    );
    assert_eq!(tools.len(), 6, "{tools:?}");

    let blockers = other.call("list_blockers", json!({})).await;
    let found = &blockers["result"]["structuredContent"]["items"];
    assert_eq!(found.as_array().unwrap().len(), 1, "{blockers}");
    assert_eq!(found[0]["user"], BLOCKED, "the blocker with its owner");
    assert!(
        found[0]["text"].as_str().unwrap().contains("API keys"),
        "{blockers}"
    );

    let items = other.call("list_action_items", json!({})).await;
    let listed = items["result"]["structuredContent"]["items"]
        .as_array()
        .unwrap();
    let mut owners: Vec<&str> = listed
        .iter()
        .map(|i| i["owner"].as_str().unwrap())
        .collect();
    owners.sort();
    assert_eq!(owners, [RUNBOOK_OWNER, GUIDE_OWNER], "{items}");

    let found = other
        .call("search_answers", json!({ "text": "MIGRATION guide" }))
        .await;
    assert_eq!(
        found["result"]["structuredContent"]["items"][0]["user"], GUIDE_OWNER,
        "{found}"
    );
    let bad = other
        .call("list_action_items", json!({ "due_before": "Friday" }))
        .await;
    assert!(
        bad["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("YYYY-MM-DD"),
        "an MCP error with a sentence: {bad}"
    );

    // U0003 neither owns the runbook item nor set up the standup.
    let runbook = item_of(&app, RUNBOOK_OWNER).await;
    let refused = other
        .call("mark_action_item_done", json!({ "id": runbook }))
        .await;
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Only U0002"),
        "{refused}"
    );
    other.close().await;
    app.idle().await;
    let board = board_ts(&app).await;
    assert!(!board_shows_done(&app, &board));
    assert_eq!(
        app.text(&format!(
            "SELECT status FROM action_items WHERE id = {runbook}"
        ))
        .await,
        "open"
    );

    let mut owner = McpClient::start(&app, Some(RUNBOOK_OWNER)).await;
    let done = owner
        .call("mark_action_item_done", json!({ "id": runbook }))
        .await;
    assert_eq!(
        done["result"]["structuredContent"]["status"], "done",
        "{done}"
    );
    owner.close().await;
    assert_eq!(
        app.text(&format!(
            "SELECT status FROM action_items WHERE id = {runbook}"
        ))
        .await,
        "done"
    );
    assert!(
        board_shows_done(&app, &board),
        "the Action items message is updated as by the Done button:\n{}",
        app.slack.describe_calls()
    );
}
