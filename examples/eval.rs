//! Scores either summarizer on a labelled evaluation set, with the same
//! scorer as `tests/summarize_eval.rs`: blocker precision and recall,
//! action items with the right owner, due dates, broadcasts, per language
//! and per phrasing family, tune and holdout halves apart.
//!
//! ```sh
//! cargo run --release --example eval -- --engine offline --dir tests/fixtures/eval/v2
//! OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=llama3.1 \
//!   cargo run --release --example eval -- --engine llm --dir tests/fixtures/eval/v2
//! ```
//!
//! The LLM engine reads the variables the bot reads (`OPENAI_API_KEY`,
//! `OPENAI_BASE_URL`, `OPENAI_MODEL`, `OPENAI_TIMEOUT_SECS`, the
//! `AZURE_OPENAI_*` ones), so any OpenAI-compatible server (OpenAI, Ollama,
//! vLLM, Azure) is measured on the same labels. A thread the LLM fails on
//! is scored as an empty summary and counted as a failure; the bot would
//! have answered it with the offline engine.
//!
//! `--engine file --answers DIR` scores summaries someone else wrote, one
//! `Summary` JSON per thread (`DIR/<thread file name>.json`, or
//! `DIR/<its leading number>.json`): a second human reader's labels, say,
//! to measure how far two careful readers agree on the same threads.
//!
//! Held-out misses are not printed, only their figures: tune on `tune`.

#[path = "../tests/eval_support/mod.rs"]
mod eval_support;

use std::process::ExitCode;

use eval_support::{answer, breakdown, load, score, Case};
use scrumbot::summarize::llm::LlmSummarizer;
use scrumbot::summarize::{offline, Summary};

const DEFAULT_DIR: &str = "tests/fixtures/eval/v2";

/// Who writes the summaries scored.
enum Engine {
    Offline,
    /// Configured later, from the environment, once the arguments parse.
    Llm,
    /// Summaries read from this folder, one per thread.
    File(String),
}

struct Args {
    engine: Engine,
    dir: String,
}

fn args() -> Result<Args, String> {
    let mut engine = "offline".to_string();
    let mut dir = DEFAULT_DIR.to_string();
    let mut answers = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--engine" => engine = it.next().ok_or("--engine needs offline, llm or file")?,
            "--dir" => dir = it.next().ok_or("--dir needs a folder")?,
            "--answers" => answers = Some(it.next().ok_or("--answers needs a folder")?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let engine = match (engine.as_str(), answers) {
        ("offline", None) => Engine::Offline,
        ("llm", None) => Engine::Llm,
        ("file", Some(answers)) => Engine::File(answers),
        ("offline" | "llm" | "file", _) => {
            return Err("--answers DIR goes with --engine file, and only with it".into())
        }
        _ => return Err(format!("--engine is offline, llm or file, not {engine:?}")),
    };
    Ok(Args { engine, dir })
}

/// The LLM engine as the bot configures it, or why it cannot be.
fn llm() -> Result<LlmSummarizer, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let config = scrumbot::config::llm_from_lookup(|name| std::env::var(name).ok())
        .map_err(|e| e.to_string())?
        .ok_or(
            "set OPENAI_API_KEY or OPENAI_BASE_URL (or AZURE_OPENAI_ENDPOINT) for --engine llm",
        )?;
    Ok(LlmSummarizer::from_config(&config))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "eval: {e}\nusage: eval [--engine offline|llm|file] [--dir DIR] [--answers DIR]"
            );
            return ExitCode::from(2);
        }
    };
    let llm = match args.engine {
        Engine::Llm => match llm() {
            Ok(e) => Some(e),
            Err(e) => {
                eprintln!("eval: {e}");
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    let mut failures = 0;
    let mut cases: Vec<Case> = Vec::new();
    for thread in load(&args.dir) {
        let written = match (&args.engine, &llm) {
            (Engine::File(dir), _) => answer(dir, &thread.name),
            (_, Some(llm)) => llm
                .summarize(&thread.input)
                .await
                .map_err(|e| format!("the LLM failed: {e}")),
            _ => Ok(offline::summarize(&thread.input)),
        };
        let summary = written.unwrap_or_else(|e| {
            failures += 1;
            eprintln!("{}: {e}", thread.name);
            Summary::default()
        });
        cases.push(thread.with_summary(summary));
    }
    let (holdout, tune): (Vec<Case>, Vec<Case>) =
        cases.into_iter().partition(|c| c.labels.split == "holdout");
    let name = match &args.engine {
        Engine::Offline => "offline",
        Engine::Llm => "llm",
        Engine::File(_) => "file",
    };
    println!("engine: {name}, set: {}", args.dir);
    if !holdout.is_empty() {
        println!("{}", score(&holdout).summary_lines("holdout"));
        println!("{}", breakdown(&holdout));
    }
    println!("{}", score(&tune).report("tune"));
    println!("{}", breakdown(&tune));
    let all: Vec<Case> = tune.into_iter().chain(holdout).collect();
    println!("{}", score(&all).summary_lines("all"));
    if failures > 0 {
        println!("failures (scored as empty summaries): {failures}");
    }
    ExitCode::SUCCESS
}
