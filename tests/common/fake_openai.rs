//! A fake OpenAI-compatible server for the LLM engine's tests.
//!
//! It serves `POST /v1/chat/completions` (OpenAI, Ollama, vLLM) and
//! `POST /openai/deployments/{name}/chat/completions` (Azure OpenAI) on
//! 127.0.0.1, records every request (path, query, body, `Authorization` and
//! `api-key` headers), and answers from a script: each request
//! takes the next scripted [`Reply`], and once the script is empty the
//! `otherwise` reply is used.
#![allow(dead_code)] // each test binary uses a different part of it

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

/// Builds an answer's content from the request body.
pub type Responder = Arc<dyn Fn(&Value) -> String + Send + Sync>;

/// One scripted answer.
#[derive(Clone)]
pub enum Reply {
    /// 200 with this text as the assistant's message content.
    Content(String),
    /// 200 with content computed from the request (e.g. per chunk).
    Dynamic(Responder),
    /// An error status with an OpenAI-style error body.
    Error {
        status: u16,
        message: String,
        param: Option<String>,
        retry_after: Option<u64>,
    },
    /// Waits this long before answering 200 with an empty summary: a hung
    /// server, for timeout tests.
    Hang(Duration),
}

impl Reply {
    pub fn content(text: impl Into<String>) -> Self {
        Reply::Content(text.into())
    }

    pub fn status(status: u16, message: impl Into<String>) -> Self {
        Reply::Error {
            status,
            message: message.into(),
            param: None,
            retry_after: None,
        }
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        Reply::Error {
            status: 429,
            message: "Rate limit reached for requests".into(),
            param: None,
            retry_after: Some(retry_after_secs),
        }
    }

    pub fn dynamic(f: impl Fn(&Value) -> String + Send + Sync + 'static) -> Self {
        Reply::Dynamic(Arc::new(f))
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub body: Value,
    pub authorization: Option<String>,
    /// Azure's key header.
    pub api_key: Option<String>,
    /// The request path, e.g. `/v1/chat/completions`.
    pub path: String,
    /// The query string, e.g. `api-version=2024-10-21`.
    pub query: Option<String>,
}

impl Recorded {
    /// The `content` of the message with this role.
    pub fn message(&self, role: &str) -> String {
        self.body["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["role"] == role)
            .filter_map(|m| m["content"].as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn response_format(&self) -> Option<String> {
        self.body["response_format"]["type"]
            .as_str()
            .map(str::to_string)
    }
}

struct Inner {
    script: Mutex<VecDeque<Reply>>,
    otherwise: Mutex<Reply>,
    requests: Mutex<Vec<Recorded>>,
}

pub struct FakeOpenAi {
    /// Base URL with the version, as `OPENAI_BASE_URL` takes it.
    pub base_url: String,
    /// The server's root, as `AZURE_OPENAI_ENDPOINT` takes it.
    pub endpoint: String,
    inner: Arc<Inner>,
}

impl FakeOpenAi {
    /// Starts the server on a free port; it lives as long as the test's runtime.
    pub async fn start() -> Self {
        let inner = Arc::new(Inner {
            script: Mutex::new(VecDeque::new()),
            otherwise: Mutex::new(Reply::content("{}")),
            requests: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/v1/chat/completions", post(chat))
            .route(
                "/openai/deployments/{deployment}/chat/completions",
                post(chat),
            )
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self {
            base_url: format!("http://{addr}/v1"),
            endpoint: format!("http://{addr}"),
            inner,
        }
    }

    /// Queues `reply` for the next request not yet scripted.
    pub fn push(&self, reply: Reply) -> &Self {
        self.inner.script.lock().unwrap().push_back(reply);
        self
    }

    /// The reply once the script is used up.
    pub fn otherwise(&self, reply: Reply) -> &Self {
        *self.inner.otherwise.lock().unwrap() = reply;
        self
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.inner.requests.lock().unwrap().clone()
    }
}

async fn chat(
    State(inner): State<Arc<Inner>>,
    uri: Uri,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    inner.requests.lock().unwrap().push(Recorded {
        body: body.clone(),
        authorization: header("authorization"),
        api_key: header("api-key"),
        path: uri.path().to_string(),
        query: uri.query().map(str::to_string),
    });
    let reply = {
        let next = inner.script.lock().unwrap().pop_front();
        next.unwrap_or_else(|| inner.otherwise.lock().unwrap().clone())
    };
    match reply {
        Reply::Content(text) => completion(&body, &text),
        Reply::Dynamic(f) => completion(&body, &f(&body)),
        Reply::Hang(d) => {
            tokio::time::sleep(d).await;
            completion(&body, "{}")
        }
        Reply::Error {
            status,
            message,
            param,
            retry_after,
        } => {
            let status = StatusCode::from_u16(status).unwrap();
            let kind = if status.as_u16() == 429 {
                "rate_limit_error"
            } else {
                "invalid_request_error"
            };
            let body =
                json!({"error": {"message": message, "type": kind, "param": param, "code": null}});
            let mut response = (status, Json(body)).into_response();
            if let Some(secs) = retry_after {
                response
                    .headers_mut()
                    .insert("retry-after", secs.to_string().parse().unwrap());
            }
            response
        }
    }
}

/// A chat completion with usage counted as chars / 4, like the engine does.
fn completion(request: &Value, content: &str) -> Response {
    let prompt_tokens = request.to_string().len() / 4;
    let completion_tokens = content.len() / 4 + 1;
    Json(json!({
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_764_000_000,
        "model": request["model"],
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content, "refusal": null},
            "finish_reason": "stop"
        }],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens
        }
    }))
    .into_response()
}
