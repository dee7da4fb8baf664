//! Fake GitHub and Jira Cloud issue APIs on loopback: they record every
//! request and answer like the real ones (GitHub: `html_url`; Jira: `key`).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

#[derive(Debug, Clone)]
pub struct TrackerCall {
    pub path: String,
    pub authorization: Option<String>,
    pub body: Value,
}

#[derive(Clone, Default)]
pub struct FakeTrackers {
    pub url: String,
    calls: Arc<Mutex<Vec<TrackerCall>>>,
}

type Shared = Arc<Mutex<Vec<TrackerCall>>>;

fn record(calls: &Shared, path: String, headers: &HeaderMap, body: Value) -> usize {
    let mut calls = calls.lock().unwrap();
    calls.push(TrackerCall {
        path,
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body,
    });
    calls.len()
}

async fn github(
    State(calls): State<Shared>,
    Path((owner, repo)): Path<(String, String)>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Json<Value> {
    // A slow tracker, so a second press arrives while the first is in flight.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let n = record(
        &calls,
        format!("/repos/{owner}/{repo}/issues"),
        &headers,
        body,
    );
    Json(
        json!({ "number": n, "html_url": format!("https://github.com/{owner}/{repo}/issues/{n}") }),
    )
}

async fn jira(
    State(calls): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Json<Value> {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let n = record(&calls, "/rest/api/3/issue".into(), &headers, body.clone());
    let project = body
        .pointer("/fields/project/key")
        .and_then(Value::as_str)
        .unwrap_or("X")
        .to_string();
    Json(
        json!({ "id": format!("{}", 10000 + n), "key": format!("{project}-{n}"), "self": "https://jira.example/rest/api/3/issue/1" }),
    )
}

impl FakeTrackers {
    pub async fn start() -> FakeTrackers {
        let calls: Shared = Arc::default();
        let app = Router::new()
            .route("/repos/{owner}/{repo}/issues", post(github))
            .route("/rest/api/3/issue", post(jira))
            .with_state(calls.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeTrackers { url, calls }
    }

    pub fn calls(&self) -> Vec<TrackerCall> {
        self.calls.lock().unwrap().clone()
    }
}
