//! Summarization: turns a standup's answers (or a channel's messages) into a
//! structured [`Summary`] — done, planned, blockers, action items — through an
//! LLM when one is configured and through the offline engine otherwise.
//!
//! Everything an engine returns goes through [`sanitize`] before it can reach
//! Slack, so a participant's text can never make the bot broadcast or mention
//! people who were not in the conversation.

pub mod cli;
pub mod llm;
pub mod model;
pub mod offline;
pub mod sanitize;

use std::collections::HashSet;

pub use model::*;

/// The engine that writes summaries. Summarizing never fails: when the LLM
/// does, the offline engine answers instead.
#[derive(Debug, Clone)]
pub enum Summarizer {
    Offline,
    Llm(llm::LlmSummarizer),
}

/// A summary and how it was made, for logs and the summaries table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub summary: Summary,
    /// The engine that produced the summary: `"llm"` or `"offline"`.
    pub engine: &'static str,
    /// Why the LLM was not used although configured (already free of secrets).
    pub fallback_reason: Option<String>,
}

impl Summarizer {
    /// The LLM engine when an OpenAI-compatible endpoint is configured,
    /// else the offline one.
    pub fn from_config(openai: Option<&crate::config::OpenAiConfig>) -> Self {
        match openai {
            Some(c) => Summarizer::Llm(llm::LlmSummarizer::from_config(c)),
            None => Summarizer::Offline,
        }
    }

    /// The configured engine's name: `"llm"` or `"offline"`.
    pub fn engine_name(&self) -> &'static str {
        match self {
            Summarizer::Offline => "offline",
            Summarizer::Llm(_) => "llm",
        }
    }

    /// A sanitized summary of `input`. `allowed_users` are the people who may
    /// be named or mentioned (see [`sanitize::sanitize`]).
    pub async fn summarize(
        &self,
        input: &SummaryInput,
        allowed_users: &HashSet<String>,
    ) -> Summary {
        self.summarize_with_outcome(input, allowed_users)
            .await
            .summary
    }

    /// Like [`Summarizer::summarize`], and says which engine answered.
    pub async fn summarize_with_outcome(
        &self,
        input: &SummaryInput,
        allowed_users: &HashSet<String>,
    ) -> Outcome {
        let (raw, engine, fallback_reason) = match self {
            Summarizer::Offline => (offline::summarize(input), "offline", None),
            Summarizer::Llm(engine) => match engine.summarize(input).await {
                Ok(s) => (s, "llm", None),
                Err(e) => {
                    // LlmError messages are scrubbed of the key by construction.
                    tracing::warn!(error = %e, "LLM summary failed; using the offline engine");
                    (offline::summarize(input), "offline", Some(e.to_string()))
                }
            },
        };
        let mut summary = sanitize::sanitize(raw, input, allowed_users);
        if engine == "offline" {
            // Recounted from what the sanitizer kept, so the highlights never
            // announce an item that the sections do not show.
            summary.highlights = offline::highlights(&summary, input);
            summary = sanitize::sanitize(summary, input, allowed_users);
        }
        Outcome {
            summary,
            engine,
            fallback_reason,
        }
    }
}
