//! `/api/v1` and MCP over streamable HTTP (`/mcp`) on the admin address,
//! after a standup scripted through the fake Slack: bearer tokens made by
//! `scrumbot token`, the workspace a token sees, who may mark an item done.

#[path = "api_support/mod.rs"]
mod api_support;
mod common;

use api_support::*;
use common::*;
use serde_json::{json, Value};

on_both_databases!(
    the_api_lists_blockers_and_items_and_only_the_owner_marks_one_done,
    a_revoked_unknown_or_missing_token_gets_401_and_changes_nothing,
    mcp_over_http_serves_the_tools_to_a_bearer_token,
);

async fn get(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    let res = app
        .http
        .get(app.admin_url(path))
        .bearer_auth(token)
        .send()
        .await
        .expect("request sent");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn post_done(app: &TestApp, id: i64, token: &str) -> (u16, Value) {
    let res = app
        .http
        .post(app.admin_url(&format!("/api/v1/action-items/{id}/done")))
        .bearer_auth(token)
        .send()
        .await
        .expect("request sent");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn status_of(app: &TestApp, id: i64) -> String {
    app.text(&format!("SELECT status FROM action_items WHERE id = {id}"))
        .await
}

async fn the_api_lists_blockers_and_items_and_only_the_owner_marks_one_done(db: Db) {
    let app = spawn_app(db).await;
    standup_with_a_blocker_and_two_items(&app).await;
    let owner = create_token(&app, TEAM, RUNBOOK_OWNER, false);
    let other = create_token(&app, TEAM, GUIDE_OWNER, false);
    let read_only = create_token(&app, TEAM, RUNBOOK_OWNER, true);
    let foreign = create_token(&app, "T0999", RUNBOOK_OWNER, false);

    let (status, blockers) = get(&app, "/api/v1/blockers", &owner).await;
    assert_eq!(status, 200, "{blockers}");
    let list = blockers["items"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{blockers}");
    assert_eq!(list[0]["user"], BLOCKED);
    assert!(
        list[0]["text"].as_str().unwrap().contains("API keys"),
        "{blockers}"
    );
    assert!(
        list[0]["blocked_by"]
            .as_str()
            .unwrap_or_default()
            .contains(BLOCKER_OF),
        "{blockers}"
    );
    assert_eq!(blockers["next_offset"], Value::Null);

    let (_, items) = get(&app, "/api/v1/action-items", &read_only).await;
    assert_eq!(items["items"].as_array().unwrap().len(), 2, "{items}");
    let (_, mine) = get(&app, "/api/v1/action-items?owner=U0003&limit=1", &owner).await;
    assert_eq!(mine["items"][0]["owner"], GUIDE_OWNER, "{mine}");
    let (_, page) = get(&app, "/api/v1/action-items?limit=1", &owner).await;
    assert_eq!(page["next_offset"], 1, "a second page: {page}");
    let (status, bad) = get(&app, "/api/v1/action-items?status=finished", &owner).await;
    assert_eq!(status, 400);
    assert!(
        bad["error"].as_str().unwrap().contains("open or done"),
        "{bad}"
    );

    let (_, standups) = get(&app, "/api/v1/standups", &owner).await;
    assert_eq!(standups["items"][0]["channel"], CHANNEL, "{standups}");
    let (status, summary) = get(&app, "/api/v1/summaries?channel=C0001", &owner).await;
    assert_eq!(status, 200, "{summary}");
    assert_eq!(
        summary["action_items"].as_array().unwrap().len(),
        2,
        "{summary}"
    );
    assert_eq!(summary["blockers"][0]["user"], BLOCKED, "{summary}");

    // Another workspace's token sees nothing of this one.
    let (_, theirs) = get(&app, "/api/v1/blockers", &foreign).await;
    assert_eq!(theirs["items"], json!([]), "{theirs}");

    let runbook = item_of(&app, RUNBOOK_OWNER).await;
    let board = board_ts(&app).await;
    let updates_before = app.slack.calls_to("chat.update").len();
    for (who, token, expected) in [
        ("a non-owner", &other, 403),
        ("a read-only token", &read_only, 403),
        ("another workspace", &foreign, 404),
    ] {
        let (status, body) = post_done(&app, runbook, token).await;
        assert_eq!(status, expected, "{who}: {body}");
        assert!(
            !body["error"].as_str().unwrap_or_default().is_empty(),
            "{who}: {body}"
        );
        assert_eq!(
            status_of(&app, runbook).await,
            "open",
            "{who} changed nothing"
        );
    }
    app.idle().await;
    assert_eq!(
        app.slack.calls_to("chat.update").len(),
        updates_before,
        "no message was updated for a refused request"
    );

    let (status, done) = post_done(&app, runbook, &owner).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["status"], "done");
    assert_eq!(status_of(&app, runbook).await, "done");
    assert!(
        board_shows_done(&app, &board),
        "the Action items message is updated as by the Done button:\n{}",
        app.slack.describe_calls()
    );

    let (status, doc) = get(&app, "/api/v1/openapi.json", "").await;
    assert_eq!(status, 200);
    assert!(
        doc["paths"]["/api/v1/action-items/{id}/done"]["post"].is_object(),
        "{doc}"
    );
    assert!(doc["paths"]["/api/v1/blockers"]["get"].is_object(), "{doc}");
}

async fn a_revoked_unknown_or_missing_token_gets_401_and_changes_nothing(db: Db) {
    let app = spawn_app(db).await;
    standup_with_a_blocker_and_two_items(&app).await;
    let owner = create_token(&app, TEAM, RUNBOOK_OWNER, false);
    assert_eq!(get(&app, "/api/v1/blockers", &owner).await.0, 200);
    let listed = token_cli(&app, &["list"]);
    assert!(
        listed.contains(RUNBOOK_OWNER) && !listed.contains(&owner),
        "{listed}"
    );
    let id = app.scalar("SELECT id FROM api_tokens").await;
    assert!(
        app.text("SELECT token_hash FROM api_tokens").await != owner,
        "only the hash is stored"
    );
    token_cli(&app, &["revoke", &id.to_string()]);

    let runbook = item_of(&app, RUNBOOK_OWNER).await;
    for token in [owner.as_str(), "sbt_not-a-token", ""] {
        assert_eq!(
            get(&app, "/api/v1/blockers", token).await.0,
            401,
            "{token:?}"
        );
        let (status, body) = post_done(&app, runbook, token).await;
        assert_eq!(status, 401, "{token:?}");
        assert!(body["error"].as_str().unwrap().contains("token"), "{body}");
        let mcp = app
            .http
            .post(app.admin_url("/mcp"))
            .bearer_auth(token)
            .json(&json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/list" }))
            .send()
            .await
            .unwrap();
        assert_eq!(mcp.status(), 401, "/mcp with {token:?}");
    }
    assert_eq!(status_of(&app, runbook).await, "open");
}

/// One JSON-RPC request to `/mcp` with `token`; the response's JSON.
async fn mcp_call(app: &TestApp, token: &str, id: i64, method: &str, params: Value) -> Value {
    let res = app
        .http
        .post(app.admin_url("/mcp"))
        .bearer_auth(token)
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-06-18")
        .json(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
        .send()
        .await
        .expect("request sent");
    assert_eq!(res.status(), 200, "{method}");
    res.json().await.expect("a JSON-RPC response")
}

async fn mcp_over_http_serves_the_tools_to_a_bearer_token(db: Db) {
    let app = spawn_app(db).await;
    standup_with_a_blocker_and_two_items(&app).await;
    let owner = create_token(&app, TEAM, RUNBOOK_OWNER, false);
    let other = create_token(&app, TEAM, GUIDE_OWNER, false);

    let init = mcp_call(
        &app,
        &owner,
        1,
        "initialize",
        json!({ "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": { "name": "test", "version": "1" } }),
    )
    .await;
    assert_eq!(init["result"]["serverInfo"]["name"], "scrumbot", "{init}");
    let tools = mcp_call(&app, &owner, 2, "tools/list", json!({})).await;
    let names: Vec<&str> = tools["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for tool in [
        "list_standups",
        "get_summary",
        "list_blockers",
        "list_action_items",
        "mark_action_item_done",
        "search_answers",
    ] {
        assert!(names.contains(&tool), "{tool} in {names:?}");
    }

    let blockers = mcp_call(
        &app,
        &owner,
        3,
        "tools/call",
        json!({ "name": "list_blockers", "arguments": {} }),
    )
    .await;
    let items = &blockers["result"]["structuredContent"]["items"];
    assert_eq!(items[0]["user"], BLOCKED, "{blockers}");

    let runbook = item_of(&app, RUNBOOK_OWNER).await;
    let refused = mcp_call(
        &app,
        &other,
        4,
        "tools/call",
        json!({ "name": "mark_action_item_done", "arguments": { "id": runbook } }),
    )
    .await;
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Only U0002"),
        "{refused}"
    );
    assert_eq!(status_of(&app, runbook).await, "open");

    let board = board_ts(&app).await;
    let done = mcp_call(
        &app,
        &owner,
        5,
        "tools/call",
        json!({ "name": "mark_action_item_done", "arguments": { "id": runbook } }),
    )
    .await;
    assert_eq!(
        done["result"]["structuredContent"]["status"], "done",
        "{done}"
    );
    assert_eq!(status_of(&app, runbook).await, "done");
    assert!(
        board_shows_done(&app, &board),
        "{}",
        app.slack.describe_calls()
    );
}
