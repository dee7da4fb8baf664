//! Logging set-up: `RUST_LOG` filters, `SCRUMBOT_LOG_FORMAT` picks pretty or JSON lines.

use std::io::IsTerminal;

use tracing_subscriber::{fmt, EnvFilter};

use crate::config::LogFormat;

/// The filter when `RUST_LOG` is not set.
const DEFAULT_FILTER: &str = "info,sqlx=warn,async_openai=off";

/// Installs the global subscriber with `RUST_LOG` from the environment; a
/// second call (tests start many apps in one process) is a no-op.
pub fn init(format: LogFormat) {
    init_with(format, std::env::var("RUST_LOG").ok().as_deref());
}

/// Like [`init`], with the filter given (`--rust-log`); an invalid filter
/// falls back to the default rather than silencing the logs.
pub fn init_with(format: LogFormat, filter: Option<&str>) {
    let filter = filter
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new(DEFAULT_FILTER));
    // Colour codes only for a person at a terminal, never into a log file.
    let ansi = format == LogFormat::Pretty && std::io::stderr().is_terminal();
    let builder = fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    let _ = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
