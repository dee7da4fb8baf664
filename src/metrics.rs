//! Prometheus metrics. The recorder is process-global (the `metrics` facade has
//! one), so it is installed once and shared by every app in the process.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the recorder on first use and returns the handle that renders `/metrics`.
pub fn handle() -> PrometheusHandle {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            // Another recorder may already be installed (e.g. by an embedding
            // program); then our handle renders an empty page rather than failing start.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
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
