//! The LLM engine: chat completions against any OpenAI-compatible server.
//!
//! - Structured outputs (JSON Schema) first; a server that answers 400 to
//!   that falls back to JSON mode, then to a plain prompt, and the mode that
//!   worked is remembered.
//! - The answer is validated (see [`validate`]); invalid output is retried
//!   once, then [`LlmError::InvalidOutput`] is returned and the caller uses
//!   the offline engine.
//! - 429 and 5xx are retried by async-openai's retry layer (Retry-After
//!   honoured, exponential backoff). Its client has no timeout, so the whole
//!   summary — every request, retry and backoff — runs under
//!   [`LlmConfig::timeout`].
//! - Past [`LlmConfig::max_input_tokens`] the input is summarized in chunks
//!   (a few at a time) and the parts merged.

mod prompt;
pub mod validate;

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_openai::config::{AzureConfig, Config as ServerConfig, OpenAIConfig};
use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage,
    ChatCompletionRequestUserMessage, CreateChatCompletionRequest, ResponseFormat,
    ResponseFormatJsonSchema,
};
use async_openai::Client;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::{offline, Summary, SummaryInput};

pub use prompt::estimate_tokens;

/// Chunk requests in flight at once: fast enough for a 2,000-message day
/// within the timeout, gentle enough for a small rate limit.
const MAP_CONCURRENCY: usize = 4;
/// Answers longer than this are cut by the server; a summary needs far less.
const MAX_COMPLETION_TOKENS: u32 = 4096;
/// Error messages from the server are cut to this length: they can echo
/// the request, and the request holds participants' text.
const ERROR_CHARS: usize = 300;

/// How to reach the model.
#[derive(Debug, Clone)]
pub struct LlmConfig {
    pub api_key: SecretString,
    /// Base URL including the version, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    pub model: String,
    /// Upper bound for one summary, all requests, retries and backoff included.
    pub timeout: Duration,
    /// Input budget per request, estimated with [`estimate_tokens`].
    pub max_input_tokens: usize,
}

/// Why the LLM engine gave no summary. Messages never contain the API key.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error("the LLM did not answer within {0:?}")]
    Timeout(Duration),
    #[error("the LLM API answered {status}: {message}")]
    Api { status: u16, message: String },
    #[error("could not reach the LLM API: {0}")]
    Transport(String),
    #[error("the LLM API sent a response that is not a chat completion: {0}")]
    Protocol(String),
    #[error("the LLM answer is not a valid summary: {0}")]
    InvalidOutput(String),
    #[error("the LLM refused: {0}")]
    Refused(String),
}

/// The LLM engine; cheap to share (one HTTP client inside).
#[derive(Clone)]
pub struct LlmSummarizer {
    inner: Arc<Inner>,
}

struct Inner {
    /// OpenAI-style, keyless or Azure (see [`LlmSummarizer::from_config`]).
    client: Client<Box<dyn ServerConfig>>,
    model: String,
    timeout: Duration,
    max_input_tokens: usize,
    /// Kept only to scrub it from error messages.
    api_key: SecretString,
    /// The best [`Mode`] the server accepted so far.
    mode: AtomicU8,
}

impl std::fmt::Debug for LlmSummarizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmSummarizer")
            .field("model", &self.inner.model)
            .field("timeout", &self.inner.timeout)
            .field("max_input_tokens", &self.inner.max_input_tokens)
            .finish_non_exhaustive()
    }
}

/// What one chat completion returned.
struct Answer {
    content: String,
    refusal: Option<String>,
    tokens: u64,
}

/// How the answer's format is requested, from best to most compatible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Schema = 0,
    JsonObject = 1,
    Plain = 2,
}

impl Mode {
    fn from_u8(v: u8) -> Self {
        match v {
            0 => Mode::Schema,
            1 => Mode::JsonObject,
            _ => Mode::Plain,
        }
    }

    fn next(self) -> Option<Self> {
        match self {
            Mode::Schema => Some(Mode::JsonObject),
            Mode::JsonObject => Some(Mode::Plain),
            Mode::Plain => None,
        }
    }
}

impl LlmSummarizer {
    /// An OpenAI-compatible server; an empty key sends no Authorization
    /// header (Ollama and vLLM need none).
    pub fn new(cfg: LlmConfig) -> Self {
        let base = cfg.base_url.trim().trim_end_matches('/').to_string();
        let server: Box<dyn ServerConfig> = if cfg.api_key.expose_secret().is_empty() {
            Box::new(Keyless::new(base))
        } else {
            Box::new(
                OpenAIConfig::new()
                    .with_api_base(base)
                    .with_api_key(cfg.api_key.expose_secret()),
            )
        };
        Self::with_server(server, cfg)
    }

    /// The engine for the configured server: OpenAI-compatible or Azure OpenAI.
    pub fn from_config(c: &crate::config::OpenAiConfig) -> Self {
        use crate::config::LlmServer;
        let cfg = |base_url: &str, api_key: Option<&SecretString>| LlmConfig {
            api_key: api_key.cloned().unwrap_or_else(|| SecretString::from("")),
            base_url: base_url.to_string(),
            model: c.model.clone(),
            timeout: c.timeout,
            max_input_tokens: c.max_input_tokens,
        };
        match &c.server {
            LlmServer::OpenAi { base_url, api_key } => Self::new(cfg(base_url, api_key.as_ref())),
            LlmServer::Azure {
                endpoint,
                deployment,
                api_version,
                api_key,
            } => {
                // `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…`
                // with the key in an `api-key` header.
                let server = AzureConfig::new()
                    .with_api_base(endpoint.trim_end_matches('/'))
                    .with_deployment_id(deployment)
                    .with_api_version(api_version)
                    .with_api_key(api_key.expose_secret());
                Self::with_server(Box::new(server), cfg(endpoint, Some(api_key)))
            }
        }
    }

    fn with_server(server: Box<dyn ServerConfig>, cfg: LlmConfig) -> Self {
        // reqwest is built without a TLS provider (see STACK.md); building the
        // client without one installed panics. Installing twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self {
            inner: Arc::new(Inner {
                client: Client::with_config(server),
                model: cfg.model,
                timeout: cfg.timeout,
                max_input_tokens: cfg.max_input_tokens,
                api_key: cfg.api_key,
                mode: AtomicU8::new(Mode::Schema as u8),
            }),
        }
    }

    /// Summarizes `input`, in chunks when it is over the token budget.
    #[tracing::instrument(skip_all, fields(kind = ?input.kind, entries = input.entries.len(), model = %self.inner.model))]
    pub async fn summarize(&self, input: &SummaryInput) -> Result<Summary, LlmError> {
        let timeout = self.inner.timeout;
        match tokio::time::timeout(timeout, self.run(input)).await {
            Ok(result) => result,
            Err(_) => {
                metrics::counter!("scrumbot_llm_requests_total", "outcome" => "timeout")
                    .increment(1);
                Err(LlmError::Timeout(timeout))
            }
        }
    }

    async fn run(&self, input: &SummaryInput) -> Result<Summary, LlmError> {
        let chunks = prompt::chunks(input, self.inner.max_input_tokens);
        if chunks.len() == 1 {
            let mut s = self.inner.chunk(&chunks[0]).await?;
            if s.highlights.is_empty() {
                s.highlights = offline::highlights(&s, input);
            }
            return Ok(s);
        }
        tracing::info!(
            chunks = chunks.len(),
            "input over the token budget; summarizing in chunks"
        );
        let limit = Arc::new(Semaphore::new(MAP_CONCURRENCY));
        let mut tasks = JoinSet::new();
        for (i, chunk) in chunks.into_iter().enumerate() {
            let inner = self.inner.clone();
            let limit = limit.clone();
            tasks.spawn(async move {
                // The semaphore is never closed, so acquiring cannot fail.
                let _permit = limit
                    .acquire_owned()
                    .await
                    .expect("semaphore is never closed");
                (i, inner.chunk(&chunk).await)
            });
        }
        let mut parts = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            let (i, result) =
                joined.map_err(|e| LlmError::Transport(format!("chunk task failed: {e}")))?;
            parts.push((i, result?));
        }
        parts.sort_by_key(|(i, _)| *i);
        let mut merged = validate::merge(parts.into_iter().map(|(_, s)| s).collect());
        merged.highlights = offline::highlights(&merged, input);
        Ok(merged)
    }
}

impl Inner {
    /// One chunk: a request, and one more if the answer is not a summary.
    async fn chunk(&self, chunk: &SummaryInput) -> Result<Summary, LlmError> {
        let fence = prompt::Fence::new();
        let mut messages: Vec<ChatCompletionRequestMessage> = vec![
            ChatCompletionRequestSystemMessage::from(prompt::system_prompt(
                chunk.kind,
                &chunk.today,
                &fence,
            ))
            .into(),
            ChatCompletionRequestUserMessage::from(prompt::data_message(chunk, &fence)).into(),
        ];
        let mut tokens = 0;
        let mut last_error = String::new();
        for attempt in 0..2 {
            let answer = self.complete(&messages).await?;
            tokens += answer.tokens;
            if let Some(refusal) = answer.refusal {
                return Err(LlmError::Refused(offline::text::clip(
                    &refusal,
                    ERROR_CHARS,
                )));
            }
            match validate::parse(&answer.content, chunk) {
                Ok(mut s) => {
                    s.tokens_used = tokens;
                    return Ok(s);
                }
                Err(e) => {
                    tracing::warn!(attempt, error = %e, "LLM answer is not a valid summary");
                    metrics::counter!("scrumbot_llm_invalid_answers_total").increment(1);
                    last_error = e;
                    messages.push(
                        ChatCompletionRequestUserMessage::from(
                            "Your previous answer was not a JSON object with the fields described. \
                             Answer again with only that JSON object, summarizing the same data.",
                        )
                        .into(),
                    );
                }
            }
        }
        Err(LlmError::InvalidOutput(last_error))
    }

    /// One chat completion in the best mode the server accepts.
    async fn complete(
        &self,
        messages: &[ChatCompletionRequestMessage],
    ) -> Result<Answer, LlmError> {
        let mut mode = Mode::from_u8(self.mode.load(Ordering::Relaxed));
        loop {
            match self.request(messages, mode).await {
                Err(OpenAIError::ApiError(e))
                    if e.status_code.as_u16() == 400 && mode.next().is_some() =>
                {
                    let next = mode.next().expect("checked above");
                    tracing::warn!(from = ?mode, to = ?next, "the LLM server rejected the response format; trying a simpler one");
                    if mentions_format(&e.api_error.message)
                        || e.api_error.param.as_deref() == Some("response_format")
                    {
                        self.mode.fetch_max(next as u8, Ordering::Relaxed);
                    }
                    mode = next;
                }
                Err(e) => {
                    metrics::counter!("scrumbot_llm_requests_total", "outcome" => "error")
                        .increment(1);
                    return Err(self.error(e));
                }
                Ok(r) => return Ok(r),
            }
        }
    }

    async fn request(
        &self,
        messages: &[ChatCompletionRequestMessage],
        mode: Mode,
    ) -> Result<Answer, OpenAIError> {
        let request = CreateChatCompletionRequest {
            model: self.model.clone(),
            messages: messages.to_vec(),
            response_format: match mode {
                Mode::Schema => Some(ResponseFormat::JsonSchema {
                    json_schema: ResponseFormatJsonSchema {
                        name: "standup_summary".into(),
                        description: Some(
                            "A structured summary of a standup, channel or thread".into(),
                        ),
                        schema: prompt::schema(),
                        strict: Some(true),
                    },
                }),
                Mode::JsonObject => Some(ResponseFormat::JsonObject),
                Mode::Plain => None,
            },
            max_completion_tokens: Some(MAX_COMPLETION_TOKENS),
            ..Default::default()
        };
        let response = self.client.chat().create(request).await?;
        let tokens = response
            .usage
            .as_ref()
            .map_or(0, |u| u64::from(u.total_tokens));
        metrics::counter!("scrumbot_llm_requests_total", "outcome" => "ok").increment(1);
        metrics::counter!("scrumbot_llm_tokens_total").increment(tokens);
        let message = response.choices.into_iter().next().map(|c| c.message);
        Ok(Answer {
            content: message
                .as_ref()
                .and_then(|m| m.content.clone())
                .unwrap_or_default(),
            refusal: message.and_then(|m| m.refusal),
            tokens,
        })
    }

    /// Our error for a library error, with the key scrubbed and the server's
    /// message cut short.
    fn error(&self, e: OpenAIError) -> LlmError {
        let scrub = |s: String| offline::text::clip(&redact(&s, &self.api_key), ERROR_CHARS);
        match e {
            OpenAIError::ApiError(api) => LlmError::Api {
                status: api.status_code.as_u16(),
                message: scrub(api.api_error.to_string()),
            },
            OpenAIError::JSONDeserialize(err, _body) => LlmError::Protocol(scrub(err.to_string())),
            other => LlmError::Transport(scrub(other.to_string())),
        }
    }
}

/// A local OpenAI-compatible server without authentication: async-openai's
/// `OpenAIConfig` always sends `Authorization: Bearer …` (and falls back to
/// the process's `OPENAI_API_KEY`), so this sends no credentials at all.
struct Keyless {
    api_base: String,
    /// Always empty; the trait hands out a key reference.
    no_key: SecretString,
}

impl Keyless {
    fn new(api_base: String) -> Self {
        Keyless {
            api_base,
            no_key: SecretString::from(""),
        }
    }
}

impl ServerConfig for Keyless {
    fn headers(&self) -> reqwest::header::HeaderMap {
        reqwest::header::HeaderMap::new()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.api_base, path)
    }

    fn query(&self) -> Vec<(&str, &str)> {
        vec![]
    }

    fn api_base(&self) -> &str {
        &self.api_base
    }

    fn api_key(&self) -> &SecretString {
        &self.no_key
    }
}

/// True when a 400 is about the response format, so that simpler mode can
/// be kept for later requests.
fn mentions_format(message: &str) -> bool {
    let m = message.to_lowercase();
    [
        "response_format",
        "json_schema",
        "schema",
        "structured",
        "json_object",
    ]
    .iter()
    .any(|k| m.contains(k))
}

/// Replaces every occurrence of the key: some servers echo the
/// Authorization header in their error messages.
fn redact(text: &str, key: &SecretString) -> String {
    let key = key.expose_secret();
    if key.len() < 4 {
        return text.to_string();
    }
    text.replace(key, "[redacted]")
}

#[cfg(test)]
mod tests;
