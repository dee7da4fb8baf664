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

struct Args {
    engine: String,
    dir: String,
    answers: Option<String>,
}

fn args() -> Result<Args, String> {
    let mut engine = "offline".to_string();
    let mut dir = DEFAULT_DIR.to_string();
    let mut answers = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--engine" => engine = it.next().ok_or("--engine needs offline or llm")?,
            "--dir" => dir = it.next().ok_or("--dir needs a folder")?,
            "--answers" => answers = Some(it.next().ok_or("--answers needs a folder")?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if !["offline", "llm", "file"].contains(&engine.as_str()) {
        return Err(format!("--engine is offline, llm or file, not {engine:?}"));
    }
    if (engine == "file") != answers.is_some() {
        return Err("--answers DIR goes with --engine file, and only with it".into());
    }
    Ok(Args {
        engine,
        dir,
        answers,
    })
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
    let engine = if args.engine == "llm" {
        match llm() {
            Ok(e) => Some(e),
            Err(e) => {
                eprintln!("eval: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        None
    };
    let mut failures = 0;
    let mut cases: Vec<Case> = Vec::new();
    for thread in load(&args.dir) {
        let summary = match &engine {
            None if args.engine == "file" => {
                let dir = args.answers.as_deref().unwrap_or_default();
                answer(dir, &thread.name).unwrap_or_else(|e| {
                    failures += 1;
                    eprintln!("{}: {e}", thread.name);
                    Summary::default()
                })
            }
            None => offline::summarize(&thread.input),
            Some(llm) => match llm.summarize(&thread.input).await {
                Ok(s) => s,
                Err(e) => {
                    failures += 1;
                    eprintln!("{}: the LLM failed: {e}", thread.name);
                    Summary::default()
                }
            },
        };
        cases.push(thread.with_summary(summary));
    }
    let (holdout, tune): (Vec<Case>, Vec<Case>) =
        cases.into_iter().partition(|c| c.labels.split == "holdout");
    println!("engine: {}, set: {}", args.engine, args.dir);
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
