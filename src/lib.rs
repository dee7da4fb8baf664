//! scrumbot: a self-hosted AI Scrum Master for Slack.
//!
//! The layout follows the path of a request: [`slack`] verifies and parses
//! what Slack sends, [`handlers`] dispatch it, [`standup`] holds the domain,
//! [`summarize`] turns answers into summaries, [`store`] keeps state in SQL,
//! [`scheduler`] opens and closes runs on time. [`app`] wires them together.

pub mod admin;
pub mod api;
pub mod app;
pub mod check;
pub mod cli;
pub mod clock;
pub mod config;
pub mod context;
pub mod digest;
pub mod followup;
pub mod handlers;
pub mod ids;
pub mod ingress;
pub mod install;
pub mod integrations;
pub mod mcp;
pub mod meetings;
pub mod metrics;
pub mod preflight;
pub mod preview;
pub mod render;
pub mod retention;
pub mod scheduler;
pub mod slack;
pub mod standup;
pub mod store;
pub mod summarize;
pub mod telemetry;
pub mod usage;

/// Installs rustls' ring provider once per process. slack-morphism and
/// sqlx use ring; without an explicit choice the first TLS use can panic
/// when two providers are compiled in.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
