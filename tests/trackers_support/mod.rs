//! Fakes of the Trello, Asana, Linear and Jira APIs (and GitHub's issue
//! read), on loopback, one server with a path prefix per tracker.
//! Built from each vendor's public API reference; each checks what the real
//! service checks for the calls scrumbot makes:
//! - Trello (developer.atlassian.com/cloud/trello/rest): the key and token
//!   in the `Authorization: OAuth oauth_consumer_key=…, oauth_token=…` header
//!   (401 "invalid key" otherwise); `POST /1/cards` needs a valid `idList`.
//! - Asana (developers.asana.com/reference): `Authorization: Bearer PAT`
//!   (401); bodies wrapped in `data`; a task needs `projects` or
//!   `workspace` (400; Asana does not require a `name`, nor does the fake);
//!   an unknown assignee is a 400; `GET /users/{email}` is a 404 for an
//!   unknown address.
//! - Linear (developers.linear.app, GraphQL): the bare API key in
//!   `Authorization` (400 AUTHENTICATION_ERROR); `issueCreate` needs a known
//!   `teamId` and a `title`. The fake answers only the four operations
//!   scrumbot sends, recognised by their root field, not full GraphQL.
//! - Jira Cloud (developer.atlassian.com/cloud/jira/platform/rest/v3): basic
//!   auth with the account's e-mail and API token (401); an issue needs
//!   `fields.project.key`, `summary` and `issuetype` (400); an assignee is an
//!   account id from `GET /user/search?query=`.
//! - GitHub: the issue read checks the bearer token (401). Creating GitHub
//!   issues is faked by `tests/common/fake_trackers.rs` (tests/followup.rs).
//!
//! Created tickets take 300 ms, so a second press arrives while the first
//! is in flight. [`FakeTrackerApis::hang_reads`] makes every status read
//! wait forever, as a tracker that is down behind a load balancer does.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

pub const TRELLO_KEY: &str = "trello-key-0123";
pub const TRELLO_TOKEN: &str = "trello-secret-token";
pub const ASANA_TOKEN: &str = "asana-secret-pat";
pub const LINEAR_KEY: &str = "lin_api_secret_key";
pub const GITHUB_TOKEN: &str = "ghp_secret_token";
pub const JIRA_EMAIL: &str = "bot@acme.test";
pub const JIRA_TOKEN: &str = "jira-secret-token";
/// The Trello list, Asana project and Linear team the fakes know.
pub const TRELLO_LIST: &str = "5abbe4b7ddc1b351ef961414";
pub const ASANA_PROJECT: &str = "1204512345678901";
pub const LINEAR_TEAM_KEY: &str = "ENG";
const LINEAR_TEAM_ID: &str = "team-eng-uuid";
/// The one person every tracker knows: U0002 of the fake Slack
/// (`u0002@acme.example`), with their id in each tracker.
pub const KNOWN_EMAIL: &str = "u0002@acme.example";
pub const TRELLO_MEMBER: &str = "5f00000000000000000000a2";
pub const ASANA_USER: &str = "1200000000000002";
pub const LINEAR_USER: &str = "user-u0002-uuid";
pub const JIRA_ACCOUNT: &str = "5b10ac8d82e05b22cc7d4ef5";
pub const JIRA_PROJECT: &str = "OPS";

/// A create call as the tracker received it.
#[derive(Debug, Clone)]
pub struct Created {
    pub tracker: &'static str,
    pub body: Value,
}

/// A ticket's state for the status reads: (title, status word, done).
type Ticket = (String, String, bool);

#[derive(Default)]
struct Inner {
    created: Vec<Created>,
    tickets: HashMap<String, Ticket>,
    hang: bool,
    /// Status reads received and not answered (hanging).
    pending: usize,
    /// Status reads received in all.
    reads: usize,
}

type Shared = Arc<Mutex<Inner>>;

#[derive(Clone)]
pub struct FakeTrackerApis {
    pub url: String,
    inner: Shared,
}

impl FakeTrackerApis {
    pub async fn start() -> FakeTrackerApis {
        let inner: Shared = Arc::default();
        let app = Router::new()
            .route("/trello/1/cards", post(trello_create))
            .route("/trello/1/cards/{id}", get(trello_card))
            .route("/trello/1/search/members", get(trello_members))
            .route("/asana/tasks", post(asana_create))
            .route("/asana/tasks/{gid}", get(asana_task))
            .route("/asana/users/{user}", get(asana_user))
            .route("/linear/graphql", post(linear))
            .route("/github/repos/{owner}/{repo}/issues/{n}", get(github_issue))
            .route("/jira/rest/api/3/issue", post(jira_create))
            .route("/jira/rest/api/3/issue/{key}", get(jira_issue))
            .route("/jira/rest/api/3/user/search", get(jira_users))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeTrackerApis { url, inner }
    }

    /// The bot's configuration for every tracker, pointing at this fake.
    pub fn config(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TRELLO_API_KEY", TRELLO_KEY.into()),
            ("TRELLO_TOKEN", TRELLO_TOKEN.into()),
            ("TRELLO_API_URL", format!("{}/trello", self.url)),
            ("ASANA_TOKEN", ASANA_TOKEN.into()),
            ("ASANA_API_URL", format!("{}/asana", self.url)),
            ("LINEAR_API_KEY", LINEAR_KEY.into()),
            ("LINEAR_API_URL", format!("{}/linear/graphql", self.url)),
            ("GITHUB_TOKEN", GITHUB_TOKEN.into()),
            ("GITHUB_API_URL", format!("{}/github", self.url)),
            ("JIRA_BASE_URL", format!("{}/jira", self.url)),
            ("JIRA_EMAIL", JIRA_EMAIL.into()),
            ("JIRA_API_TOKEN", JIRA_TOKEN.into()),
        ]
    }

    /// What a status read of `reference` answers (`ENG-7`, `acme/web#3`,
    /// a Trello short link, an Asana gid, a Jira key).
    pub fn set_ticket(&self, reference: &str, title: &str, status: &str, done: bool) {
        self.inner
            .lock()
            .unwrap()
            .tickets
            .insert(reference.to_string(), (title.into(), status.into(), done));
    }

    /// From now on every status read waits forever.
    pub fn hang_reads(&self) {
        self.inner.lock().unwrap().hang = true;
    }

    /// Status reads received in all (cached statuses are not read again).
    pub fn reads(&self) -> usize {
        self.inner.lock().unwrap().reads
    }

    /// Status reads received and still unanswered.
    pub fn pending_reads(&self) -> usize {
        self.inner.lock().unwrap().pending
    }

    pub fn created(&self, tracker: &str) -> Vec<Created> {
        let inner = self.inner.lock().unwrap();
        inner
            .created
            .iter()
            .filter(|c| c.tracker == tracker)
            .cloned()
            .collect()
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Creating takes a while, so a second press overlaps the first.
async fn slow_create(inner: &Shared, tracker: &'static str, body: Value) -> usize {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mut inner = inner.lock().unwrap();
    inner.created.push(Created { tracker, body });
    inner.created.len()
}

/// A status read: the preset ticket, after hanging when asked to.
async fn read(inner: &Shared, reference: &str) -> Option<Ticket> {
    let hang = {
        let mut inner = inner.lock().unwrap();
        inner.reads += 1;
        if inner.hang {
            inner.pending += 1;
        }
        inner.hang
    };
    if hang {
        std::future::pending::<()>().await;
    }
    inner.lock().unwrap().tickets.get(reference).cloned()
}

fn trello_authorized(headers: &HeaderMap) -> bool {
    header(headers, "authorization")
        == format!("OAuth oauth_consumer_key=\"{TRELLO_KEY}\", oauth_token=\"{TRELLO_TOKEN}\"")
}

fn refuse(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

async fn trello_create(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !trello_authorized(&headers) {
        return (StatusCode::UNAUTHORIZED, "invalid key").into_response();
    }
    if body["idList"] != TRELLO_LIST {
        return (StatusCode::BAD_REQUEST, "invalid value for idList").into_response();
    }
    let n = slow_create(&inner, "trello", body.clone()).await;
    let short = format!("Card{n:04}");
    Json(json!({ "id": format!("60000000000000000000000{n}"), "name": body["name"], "idList": TRELLO_LIST,
        "idMembers": body.get("idMembers").cloned().unwrap_or(json!([])), "closed": false,
        "shortLink": short, "shortUrl": format!("https://trello.com/c/{short}"),
        "url": format!("https://trello.com/c/{short}/{n}-card") }))
    .into_response()
}

async fn trello_members(
    State(_): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if !trello_authorized(&headers) {
        return (StatusCode::UNAUTHORIZED, "invalid key").into_response();
    }
    let found = if q.get("query").map(String::as_str) == Some(KNOWN_EMAIL) {
        json!([{ "id": TRELLO_MEMBER, "fullName": "User U0002", "username": "u0002" }])
    } else {
        json!([])
    };
    Json(found).into_response()
}

async fn trello_card(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !trello_authorized(&headers) {
        return (StatusCode::UNAUTHORIZED, "invalid key").into_response();
    }
    match read(&inner, &id).await {
        Some((title, list, done)) => Json(json!({ "id": "6000", "name": title, "closed": false, "dueComplete": done,
            "shortUrl": format!("https://trello.com/c/{id}"), "list": { "id": "1", "name": list } }))
        .into_response(),
        None => (StatusCode::NOT_FOUND, "The requested resource was not found.").into_response(),
    }
}

fn asana_authorized(headers: &HeaderMap) -> bool {
    header(headers, "authorization") == format!("Bearer {ASANA_TOKEN}")
}

fn asana_error(status: StatusCode, message: &str) -> Response {
    refuse(status, json!({ "errors": [{ "message": message }] }))
}

async fn asana_create(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !asana_authorized(&headers) {
        return asana_error(StatusCode::UNAUTHORIZED, "Not Authorized");
    }
    let data = &body["data"];
    let project = data["projects"][0].as_str().unwrap_or_default().to_string();
    if project.is_empty() && data["workspace"].is_null() {
        return asana_error(
            StatusCode::BAD_REQUEST,
            "You should specify one of workspace, parent, projects",
        );
    }
    if project != ASANA_PROJECT {
        return asana_error(StatusCode::BAD_REQUEST, "projects: Not a recognized ID");
    }
    if !data["assignee"].is_null() && data["assignee"] != ASANA_USER {
        return asana_error(StatusCode::BAD_REQUEST, "assignee: Not a recognized ID");
    }
    let n = slow_create(&inner, "asana", body.clone()).await;
    let gid = format!("12050000000000{n:02}");
    Json(json!({ "data": { "gid": gid, "resource_type": "task", "name": data["name"], "completed": false,
        "permalink_url": format!("https://app.asana.com/0/{project}/{gid}") } }))
    .into_response()
}

async fn asana_user(
    State(_): State<Shared>,
    headers: HeaderMap,
    Path(user): Path<String>,
) -> Response {
    if !asana_authorized(&headers) {
        return asana_error(StatusCode::UNAUTHORIZED, "Not Authorized");
    }
    if user != KNOWN_EMAIL {
        return asana_error(StatusCode::NOT_FOUND, "user: Not a recognized ID");
    }
    Json(json!({ "data": { "gid": ASANA_USER, "resource_type": "user", "name": "User U0002", "email": KNOWN_EMAIL } }))
        .into_response()
}

async fn asana_task(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Path(gid): Path<String>,
) -> Response {
    if !asana_authorized(&headers) {
        return asana_error(StatusCode::UNAUTHORIZED, "Not Authorized");
    }
    match read(&inner, &gid).await {
        Some((title, _, done)) => Json(
            json!({ "data": { "gid": gid, "name": title, "completed": done,
            "permalink_url": format!("https://app.asana.com/0/{ASANA_PROJECT}/{gid}") } }),
        )
        .into_response(),
        None => asana_error(StatusCode::NOT_FOUND, "task: Unknown object"),
    }
}

/// Linear's GraphQL endpoint, for the four operations scrumbot sends.
async fn linear(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if header(&headers, "authorization") != LINEAR_KEY {
        return refuse(
            StatusCode::BAD_REQUEST,
            json!({ "errors": [{ "message": "Authentication required, not authenticated",
            "extensions": { "code": "AUTHENTICATION_ERROR" } }] }),
        );
    }
    let query = body["query"].as_str().unwrap_or_default();
    let vars = &body["variables"];
    if query.contains("teams(") {
        let nodes = if vars["key"] == LINEAR_TEAM_KEY {
            json!([{ "id": LINEAR_TEAM_ID }])
        } else {
            json!([])
        };
        return Json(json!({ "data": { "teams": { "nodes": nodes } } })).into_response();
    }
    if query.contains("users(") {
        let nodes = if vars["email"] == KNOWN_EMAIL {
            json!([{ "id": LINEAR_USER }])
        } else {
            json!([])
        };
        return Json(json!({ "data": { "users": { "nodes": nodes } } })).into_response();
    }
    if query.contains("issueCreate(") {
        let input = &vars["input"];
        if input["teamId"] != LINEAR_TEAM_ID || !input["title"].is_string() {
            return refuse(
                StatusCode::BAD_REQUEST,
                json!({ "errors": [{ "message": "Argument Validation Error",
                "extensions": { "code": "INVALID_INPUT" } }] }),
            );
        }
        let n = slow_create(&inner, "linear", input.clone()).await;
        return Json(json!({ "data": { "issueCreate": { "success": true, "issue": {
            "identifier": format!("ENG-{n}"), "url": format!("https://linear.app/acme/issue/ENG-{n}/card") } } } }))
        .into_response();
    }
    if query.contains("issue(") {
        let id = vars["id"].as_str().unwrap_or_default().to_string();
        let issue = read(&inner, &id).await.map(|(title, state, done)| {
            json!({ "identifier": id, "title": title,
            "url": format!("https://linear.app/acme/issue/{id}/x"),
            "state": { "name": state, "type": if done { "completed" } else { "started" } } })
        });
        return match issue {
            Some(issue) => Json(json!({ "data": { "issue": issue } })).into_response(),
            None => Json(
                json!({ "data": null, "errors": [{ "message": "Entity not found: Issue",
                "extensions": { "code": "INVALID_INPUT" } }] }),
            )
            .into_response(),
        };
    }
    refuse(
        StatusCode::BAD_REQUEST,
        json!({ "errors": [{ "message": "Unknown operation" }] }),
    )
}

async fn github_issue(
    State(inner): State<Shared>,
    Path((owner, repo, n)): Path<(String, String, u64)>,
) -> Response {
    match read(&inner, &format!("{owner}/{repo}#{n}")).await {
        Some((title, state, _)) => Json(json!({ "number": n, "title": title, "state": state,
            "html_url": format!("https://github.com/{owner}/{repo}/issues/{n}") }))
        .into_response(),
        None => refuse(StatusCode::NOT_FOUND, json!({ "message": "Not Found" })),
    }
}

fn jira_authorized(headers: &HeaderMap) -> bool {
    use base64::Engine;
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{JIRA_EMAIL}:{JIRA_TOKEN}"));
    header(headers, "authorization") == format!("Basic {basic}")
}

async fn jira_create(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !jira_authorized(&headers) {
        return (StatusCode::UNAUTHORIZED, "Unauthorized").into_response();
    }
    let f = &body["fields"];
    if f["project"]["key"] != JIRA_PROJECT
        || !f["summary"].is_string()
        || !f["issuetype"].is_object()
    {
        return refuse(
            StatusCode::BAD_REQUEST,
            json!({ "errorMessages": [], "errors": { "project": "valid project is required" } }),
        );
    }
    if !f["assignee"].is_null() && f["assignee"]["id"] != JIRA_ACCOUNT {
        return refuse(
            StatusCode::BAD_REQUEST,
            json!({ "errorMessages": [], "errors": { "assignee": "User does not exist" } }),
        );
    }
    let n = slow_create(&inner, "jira", body.clone()).await;
    Json(json!({ "id": format!("{}", 10000 + n), "key": format!("{JIRA_PROJECT}-{n}"), "self": "https://jira.example/rest/api/3/issue/1" }))
        .into_response()
}

async fn jira_users(
    State(_): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if !jira_authorized(&headers) {
        return (StatusCode::UNAUTHORIZED, "Unauthorized").into_response();
    }
    // Privacy settings hide the e-mail in the answer; the query still matches it.
    let found = if q.get("query").map(String::as_str) == Some(KNOWN_EMAIL) {
        json!([{ "accountId": JIRA_ACCOUNT, "accountType": "atlassian", "displayName": "User U0002", "active": true }])
    } else {
        json!([])
    };
    Json(found).into_response()
}

async fn jira_issue(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> Response {
    use base64::Engine;
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{JIRA_EMAIL}:{JIRA_TOKEN}"));
    if header(&headers, "authorization") != format!("Basic {basic}") {
        return (StatusCode::UNAUTHORIZED, "Unauthorized").into_response();
    }
    match read(&inner, &key).await {
        Some((title, status, done)) => Json(json!({ "key": key, "fields": { "summary": title,
            "status": { "name": status, "statusCategory": { "key": if done { "done" } else { "indeterminate" } } } } }))
        .into_response(),
        None => refuse(StatusCode::NOT_FOUND, json!({ "errorMessages": ["Issue does not exist or you do not have permission to see it."] })),
    }
}
