//! Prometheus metrics. The recorder is process-global (the `metrics` facade has
//! one), so it is installed once and shared by every app in the process.
//!
//! Latencies are histograms with fixed buckets (not the exporter's default
//! summaries): buckets add up across replicas and over time, quantiles do not.

use std::sync::OnceLock;

use metrics::{describe_counter, describe_histogram, Unit};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Bucket bounds for latencies, in seconds: Slack's 3 s deadline and the
/// Web API's usual 50–500 ms fall between bounds, and an LLM's tens of
/// seconds still land in a bucket.
const LATENCY_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// Installs the recorder on first use and returns the handle that renders `/metrics`.
pub fn handle() -> PrometheusHandle {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(LATENCY_BUCKETS)
                // Only fails for an empty list of buckets, and the list is a constant.
                .expect("latency buckets are not empty")
                .build_recorder();
            let handle = recorder.handle();
            // Another recorder may already be installed (e.g. by an embedding
            // program); then our handle renders an empty page rather than failing start.
            if metrics::set_global_recorder(recorder).is_ok() {
                describe();
                spawn_upkeep(handle.clone());
            }
            handle
        })
        .clone()
}

/// The handles every acknowledged event records to, registered once. A
/// `counter!` with labels builds its key and looks it up in the recorder's
/// registry on each call, several allocations each time (`dhat`,
/// BENCHMARKS.md § 5); these are recorded for every message event (the
/// last for each redelivered one).
pub struct Hot {
    pub events_ok: metrics::Counter,
    pub events_latency: metrics::Histogram,
    pub message_events: metrics::Counter,
    pub message_duplicates: metrics::Counter,
}

pub fn hot() -> &'static Hot {
    static HOT: OnceLock<Hot> = OnceLock::new();
    HOT.get_or_init(|| {
        // Registered with our recorder, installed first if it is not yet.
        let _ = handle();
        Hot {
            events_ok: metrics::counter!(HTTP_REQUESTS, "route" => "/slack/events", "status" => "200"),
            events_latency: metrics::histogram!(HTTP_LATENCY, "route" => "/slack/events"),
            message_events: metrics::counter!(EVENTS, "type" => "message"),
            message_duplicates: metrics::counter!(EVENTS_DUPLICATE, "type" => "message"),
        }
    })
}

/// Drains recorded histogram samples into their buckets every few seconds.
/// The recorder keeps every sample until upkeep runs, and with no scraper
/// nothing else runs it: without this, a bot nobody scrapes grows by every
/// request's latency sample (tens of thousands a minute under load). A plain
/// thread rather than a tokio task, because the recorder is process-global
/// and outlives any one runtime (tests start one per app).
fn spawn_upkeep(handle: PrometheusHandle) {
    let spawned = std::thread::Builder::new()
        .name("metrics-upkeep".into())
        .stack_size(64 * 1024)
        .spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_secs(5));
            handle.run_upkeep();
        });
    if let Err(e) = spawned {
        // Metrics still work: samples are then drained only when /metrics renders.
        tracing::warn!(error = %e, "could not start the metrics upkeep thread");
    }
}

/// Names, kept together so dashboards and code agree.
pub const HTTP_REQUESTS: &str = "scrumbot_http_requests_total";
pub const HTTP_LATENCY: &str = "scrumbot_http_request_duration_seconds";
pub const EVENTS: &str = "scrumbot_events_total";
pub const EVENTS_DUPLICATE: &str = "scrumbot_events_duplicate_total";
/// Signed requests for another workspace or app, acknowledged and ignored.
pub const FOREIGN_REQUESTS: &str = "scrumbot_foreign_requests_total";
pub const SLACK_CALLS: &str = "scrumbot_slack_api_calls_total";
pub const SLACK_ERRORS: &str = "scrumbot_slack_api_errors_total";
pub const SLACK_RATE_LIMITED: &str = "scrumbot_slack_api_rate_limited_total";
pub const SLACK_LATENCY: &str = "scrumbot_slack_api_duration_seconds";
pub const LLM_REQUESTS: &str = "scrumbot_llm_requests_total";
pub const LLM_INVALID_ANSWERS: &str = "scrumbot_llm_invalid_answers_total";
pub const LLM_TOKENS: &str = "scrumbot_llm_tokens_total";

/// The `# HELP` line of each metric.
fn describe() {
    describe_counter!(HTTP_REQUESTS, "HTTP requests served, by route and status");
    describe_histogram!(
        HTTP_LATENCY,
        Unit::Seconds,
        "Time to answer an HTTP request, by route"
    );
    describe_counter!(
        EVENTS,
        "Events and interactions received from Slack, by type"
    );
    describe_counter!(
        EVENTS_DUPLICATE,
        "Events Slack delivered again and that were dropped"
    );
    describe_counter!(SLACK_CALLS, "Slack Web API calls, by method");
    describe_counter!(
        SLACK_ERRORS,
        "Slack Web API calls that failed, by method and error"
    );
    describe_counter!(
        SLACK_RATE_LIMITED,
        "Slack Web API answers 429 (rate limited), by method"
    );
    describe_histogram!(
        SLACK_LATENCY,
        Unit::Seconds,
        "Time of a Slack Web API call, retries included, by method"
    );
    describe_counter!(
        LLM_REQUESTS,
        "Chat completions asked of the LLM, by outcome"
    );
    describe_counter!(
        LLM_INVALID_ANSWERS,
        "LLM answers that were not a valid summary"
    );
    describe_counter!(LLM_TOKENS, "Tokens the LLM counted (prompt and completion)");
}
