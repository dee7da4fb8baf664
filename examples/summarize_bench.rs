//! Summarizer benchmark: the offline engine on standups of 100, 300 and
//! 1,000 replies (time and heap allocations per summary), and the number of
//! LLM requests and tokens the LLM engine sends for a 500-, 1,000- and
//! 2,000-message digest with the default budget, counted by a fake
//! OpenAI-compatible server on loopback.
//!
//! ```sh
//! cargo run --release --example summarize_bench
//! cargo run --release --example summarize_bench -- --replies 100,1000 --digest 2000
//! ```

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use scrumbot::summarize::llm::{LlmConfig, LlmSummarizer};
use scrumbot::summarize::{offline, Entry, InputKind, Summarizer, SummaryInput};
use serde_json::{json, Value};
use support::Args;

/// Counts every allocation, so a summary's allocations can be read off.
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: defers to the system allocator; only counts on the way.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const DONE: [&str; 6] = [
    "finished the login page and merged the session refactor",
    "shipped the CSV export for the audit log",
    "fixed the flaky checkout test (retry on 502)",
    "reviewed <@U0000002>'s search PR and paired on the indexer",
    "on-call: closed INC-231 and INC-232",
    "migrated the billing job to the new queue",
];
const PLANNED: [&str; 6] = [
    "password reset flow, then the email templates",
    "pagination for the audit log; I'll send the design doc by Friday",
    "write the runbook for the queue migration",
    "postmortem for INC-231 with <@U0000005>",
    "start on the mobile deep links",
    "more onboarding emails",
];
const BLOCKERS: [&str; 5] = [
    "none",
    "waiting on API keys from ops",
    "blocked by <@U0000007>, need the staging credentials",
    "no blockers",
    "need a review from the DB team before I can merge",
];

fn standup(replies: usize) -> SummaryInput {
    SummaryInput {
        kind: InputKind::Standup,
        questions: scrumbot::standup::default_questions(),
        entries: (0..replies)
            .map(|i| Entry {
                user: format!("U{i:07}"),
                ts: Some(format!("1732550000.{i:06}")),
                thread_ts: None,
                answers: vec![
                    DONE[i % DONE.len()].to_string(),
                    PLANNED[i % PLANNED.len()].to_string(),
                    BLOCKERS[i % BLOCKERS.len()].to_string(),
                ],
            })
            .collect(),
        today: "2025-11-25".into(),
    }
}

const CHATTER: [&str; 8] = [
    "Has anyone looked at the p99 regression on the search endpoint since yesterday's deploy? It doubled around 14:00.",
    "We decided to go with Postgres logical replication for the reporting copy; the Kafka option is parked.",
    "<@U0000003> can you review the migration PR before lunch? It blocks the release branch.",
    "I'll write up the incident timeline by tomorrow and share it in #incidents.",
    "thanks!",
    "The staging cluster is out of disk again, I'm cleaning up old images now.",
    "Agreed to freeze the API schema on Thursday so the mobile team can catch up.",
    "Is the design review still on for 3pm or did it move?",
];

fn digest(messages: usize) -> SummaryInput {
    SummaryInput {
        kind: InputKind::Digest,
        questions: vec![],
        entries: (0..messages)
            .map(|i| Entry {
                user: format!("U{:07}", i % 40),
                ts: Some(format!("1732550000.{i:06}")),
                thread_ts: None,
                answers: vec![format!("{} (#{i})", CHATTER[i % CHATTER.len()])],
            })
            .collect(),
        today: "2025-11-25".into(),
    }
}

struct Measured {
    median: Duration,
    min: Duration,
    allocs: u64,
    bytes: u64,
}

fn measure(iters: usize, mut f: impl FnMut()) -> Measured {
    for _ in 0..3 {
        f();
    }
    let mut times = Vec::with_capacity(iters);
    let (a0, b0) = (
        ALLOCS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    for _ in 0..iters {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    let (a1, b1) = (
        ALLOCS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    times.sort();
    Measured {
        median: support::quantile(&times, 0.5),
        min: times[0],
        allocs: (a1 - a0) / iters as u64,
        bytes: (b1 - b0) / iters as u64,
    }
}

#[derive(Default)]
struct Counts {
    requests: u64,
    prompt_tokens: u64,
    completion_tokens: u64,
    largest_request_tokens: u64,
}

async fn chat(State(counts): State<Arc<Mutex<Counts>>>, Json(body): Json<Value>) -> Json<Value> {
    // Tokens as the engine estimates them: chars / 4 of what is sent.
    let prompt_tokens = body["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["content"].as_str())
        .map(scrumbot::summarize::llm::estimate_tokens)
        .sum::<usize>() as u64;
    let content = json!({
        "done": [], "planned": [], "blockers": [], "action_items": [],
        "highlights": "Quiet day.", "topics": [], "decisions": [], "open_questions": []
    })
    .to_string();
    let completion_tokens = scrumbot::summarize::llm::estimate_tokens(&content) as u64;
    {
        let mut c = counts.lock().expect("not poisoned");
        c.requests += 1;
        c.prompt_tokens += prompt_tokens;
        c.completion_tokens += completion_tokens;
        c.largest_request_tokens = c.largest_request_tokens.max(prompt_tokens);
    }
    Json(json!({
        "id": "chatcmpl-bench", "object": "chat.completion", "created": 1_764_000_000,
        "model": body["model"],
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": null}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens}
    }))
}

#[tokio::main]
async fn main() {
    scrumbot::install_crypto_provider();
    let args = Args::parse();

    println!("offline summarizer (standup, 3 questions, one reply per participant)");
    println!("  replies   median     min      allocs/summary   bytes/summary   per reply");
    for n in args.list("replies", &[100, 300, 1000]) {
        let input = standup(n);
        let iters = (20_000 / n).clamp(20, 500);
        let m = measure(iters, || {
            std::hint::black_box(offline::summarize(std::hint::black_box(&input)));
        });
        println!(
            "  {n:>7} {:>8.3} ms {:>6.3} ms {:>12} {:>15} {:>8.1} µs",
            support::ms(m.median),
            support::ms(m.min),
            m.allocs,
            m.bytes,
            m.median.as_secs_f64() * 1e6 / n as f64
        );
    }

    println!("full offline path (engine + sanitize), as a run's close uses it");
    for n in args.list("replies", &[100, 300, 1000]) {
        let input = standup(n);
        let allowed: HashSet<String> = input.entries.iter().map(|e| e.user.clone()).collect();
        let rt = tokio::runtime::Handle::current();
        let iters = (20_000 / n).clamp(20, 500);
        let m = tokio::task::block_in_place(|| {
            measure(iters, || {
                std::hint::black_box(
                    rt.block_on(Summarizer::Offline.summarize_with_outcome(&input, &allowed)),
                );
            })
        });
        println!(
            "  {n:>7} {:>8.3} ms {:>6.3} ms {:>12} {:>15}",
            support::ms(m.median),
            support::ms(m.min),
            m.allocs,
            m.bytes
        );
    }

    println!("offline digest (channel messages)");
    for n in args.list("digest", &[500, 1000, 2000]) {
        let input = digest(n);
        let m = measure(10, || {
            std::hint::black_box(offline::summarize(&input));
        });
        println!(
            "  {n:>7} msgs {:>8.2} ms, {} allocs",
            support::ms(m.median),
            m.allocs
        );
    }

    // The LLM engine against a counting fake server.
    let counts = Arc::new(Mutex::new(Counts::default()));
    let app = Router::new()
        .route("/v1/chat/completions", post(chat))
        .with_state(counts.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let budget: usize = args.get("max-input-tokens", 12_000);
    let engine = LlmSummarizer::new(LlmConfig {
        api_key: "sk-bench-key".to_string().into(),
        base_url: format!("http://{addr}/v1"),
        model: "gpt-4o-mini".into(),
        timeout: Duration::from_secs(60),
        max_input_tokens: budget,
    });
    println!("LLM engine, digest, OPENAI_MAX_INPUT_TOKENS={budget} (tokens = chars/4, the engine's estimate)");
    println!(
        "  messages  requests  prompt tokens  completion  largest request  tokens/message  time"
    );
    for n in args.list("digest", &[500, 1000, 2000]) {
        *counts.lock().expect("not poisoned") = Counts::default();
        let input = digest(n);
        let started = Instant::now();
        let result = engine.summarize(&input).await;
        let took = started.elapsed();
        let c = counts.lock().expect("not poisoned");
        println!(
            "  {n:>8} {:>9} {:>14} {:>11} {:>16} {:>15.1} {:>6.0} ms{}",
            c.requests,
            c.prompt_tokens,
            c.completion_tokens,
            c.largest_request_tokens,
            c.prompt_tokens as f64 / n as f64,
            support::ms(took),
            match result {
                Ok(_) => String::new(),
                Err(e) => format!("  (failed: {e})"),
            }
        );
    }
}
