//! The LLM path scored on labelled sets, with a capable model's recorded
//! answers (`tests/fixtures/eval/llm_answers/<set>/NNNN.json`, each the
//! assistant content the model returned for thread NNNN; how they were
//! made: the README there).
//!
//! Everything after the model is the bot's own: the real `LlmSummarizer`
//! sends its system prompt, fenced data and strict JSON schema over HTTP to a
//! fake OpenAI server on loopback, which answers each thread with its
//! recorded content; the answer is parsed and validated as the bot does,
//! then sanitized, rendered and scored by the scorer of
//! `tests/summarize_eval.rs`. So the figures measure the prompt, schema,
//! validation and sanitizing with that model, and would fall if any of them
//! dropped an owner, a due date or a blocker.
//!
//! `cargo test --test summarize_llm_eval -- --nocapture` prints the figures
//! (v20 held out, v19, v18 and the old 46).
//! With a live server, `cargo run --release --example eval -- --engine llm
//! --dir DIR` measures any model on any set.

mod eval_support;
#[path = "common/fake_openai.rs"]
mod fake_openai;

use std::collections::HashMap;
use std::time::Duration;

use eval_support::{breakdown, load, score, Case, Thread};
use fake_openai::{FakeOpenAi, Reply};
use regex::Regex;
use scrumbot::summarize::llm::{LlmConfig, LlmSummarizer};
use scrumbot::summarize::{Summary, SummaryInput};
use secrecy::SecretString;
use serde_json::Value;

/// A thread is known by its day and entries, which the data message
/// carries as JSON and the fence around it does not change. Both sides go
/// through `serde_json::Value`, so their keys are in the same order.
fn key_of_input(input: &SummaryInput) -> String {
    let entries = serde_json::to_value(&input.entries).unwrap();
    format!("{} {entries}", input.today)
}

/// The key of the thread a chat request is about: the data message is the
/// JSON between the fence's first and last line.
fn key_of_request(body: &Value) -> String {
    let data = body["messages"][1]["content"].as_str().unwrap_or_default();
    let lines: Vec<&str> = data.lines().collect();
    let json = lines
        .get(1..lines.len().saturating_sub(1))
        .unwrap_or_default()
        .join("\n");
    let data: Value = serde_json::from_str(&json).unwrap_or_default();
    format!(
        "{} {}",
        data["today"].as_str().unwrap_or_default(),
        data["entries"]
    )
}

/// Every thread of the set in `dir` summarized by the LLM path, the
/// model's part played by the answers recorded in `llm_answers/{answers}`.
async fn llm_cases(dir: &str, answers: &str) -> Vec<Case> {
    let threads: Vec<Thread> = load(dir);
    let answers = format!(
        "{}/tests/fixtures/eval/llm_answers/{answers}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut recorded = HashMap::new();
    for t in &threads {
        let number = t.name.split('_').next().unwrap();
        let path = format!("{answers}/{number}.json");
        let content = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let key = key_of_input(&t.input);
        assert!(
            recorded.insert(key, content).is_none(),
            "{}: same ts",
            t.name
        );
    }
    let fake = FakeOpenAi::start().await;
    fake.otherwise(Reply::dynamic(move |body| {
        recorded
            .get(&key_of_request(body))
            .cloned()
            .unwrap_or_else(|| "no recorded answer for this thread".into())
    }));
    let llm = LlmSummarizer::new(LlmConfig {
        api_key: SecretString::from("sk-recorded-answers"),
        base_url: fake.base_url.clone(),
        model: "recorded".into(),
        timeout: Duration::from_secs(30),
        max_input_tokens: 12_000,
    });
    let mut cases = Vec::new();
    for t in threads {
        // As `examples/eval.rs` does: a failure is scored as an empty
        // summary (the bot would have answered with the offline engine).
        let summary = llm.summarize(&t.input).await.unwrap_or_else(|e| {
            eprintln!("{}: the LLM path failed: {e}", t.name);
            Summary::default()
        });
        cases.push(t.with_summary(summary));
    }
    let requests = fake.requests();
    assert_eq!(
        requests.len(),
        cases.len(),
        "one request per thread: no answer was rejected and retried"
    );
    let recorded_for = std::fs::read_to_string(format!(
        "{}/tests/fixtures/eval/llm_answers/system_prompt.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    for r in &requests {
        assert_eq!(
            normalized(&r.message("system")),
            recorded_for,
            "the system prompt changed since the answers were recorded: record them again \
             (tests/fixtures/eval/llm_answers/README.md), or these figures describe another prompt"
        );
    }
    cases
}

/// The system prompt without what changes per request: the fence's random
/// token and the day.
fn normalized(prompt: &str) -> String {
    let fence = Regex::new(r"DATA [0-9a-f]{16}").unwrap();
    let day = Regex::new(r"\d{4}-\d{2}-\d{2}").unwrap();
    let prompt = fence.replace_all(prompt, "DATA FENCE");
    day.replace_all(&prompt, "YYYY-MM-DD").into_owned()
}

/// v20 was written blind and held out in stop 32: the engine and the prompt
/// were never tuned on it. Its labels come from the rules, the answers from
/// the bot's own prompt (unchanged since v19's answers were recorded).
#[tokio::test]
async fn the_llm_path_meets_the_targets_on_the_held_out_set() {
    let cases = llm_cases("tests/fixtures/eval/v20", "v20").await;
    assert_eq!(cases.len(), 60);
    meets_the_targets(&cases, "v20 (held out), LLM path, recorded answers");
}

/// v19, the held-out set of stop 31 (tuning data for the offline engine
/// since stop 32's first commit; the prompt was not changed for it).
#[tokio::test]
async fn the_llm_path_meets_the_targets_on_v19() {
    let cases = llm_cases("tests/fixtures/eval/v19", "v19").await;
    assert_eq!(cases.len(), 60);
    meets_the_targets(&cases, "v19, LLM path, recorded answers");
}

/// The issue's targets (#14): blockers P and R >= 0.9, owners >= 0.85,
/// nothing posted that must not be.
fn meets_the_targets(cases: &[Case], what: &str) {
    let sc = score(cases);
    // Held-out misses are not printed, only their figures.
    let held_out = cases.iter().all(|c| c.labels.split == "holdout");
    if held_out {
        println!("{}", sc.summary_lines(what));
    } else {
        println!("{}", sc.report(what));
    }
    println!("{}", breakdown(cases));
    sc.assert_at_least(what, 0.9, 0.9, 0.85);
    assert_eq!(sc.broadcasts + sc.forbidden_hits + sc.foreign_mentions, 0);
}

/// The old 46 (the regression set) on the same path: the issue asks that
/// no figure fall below the targets there either.
#[tokio::test]
async fn the_llm_path_meets_the_targets_on_the_regression_set() {
    let cases = llm_cases("tests/fixtures/eval", "regression").await;
    assert_eq!(cases.len(), 46);
    meets_the_targets(&cases, "regression set (46), LLM path, recorded answers");
}

/// v18, the held-out set of stop 30 (tuning data since stop 31's first
/// commit, but the prompt was not changed for it).
#[tokio::test]
async fn the_llm_path_meets_the_targets_on_v18() {
    let cases = llm_cases("tests/fixtures/eval/v18", "v18").await;
    assert_eq!(cases.len(), 60);
    meets_the_targets(&cases, "v18, LLM path, recorded answers");
}
