//! The `scrumbot` binary: reads configuration, sets up logging, runs one of
//! `serve` (default), `migrate`, `check` or `summarize`.

use std::process::ExitCode;

use scrumbot::app::Application;
use scrumbot::config::Config;

const USAGE: &str = "usage: scrumbot [serve|migrate|check|summarize [FILE]|help]";

#[tokio::main]
async fn main() -> ExitCode {
    scrumbot::install_crypto_provider();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "help" | "-h" | "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if command == "summarize" {
        // Works without Slack credentials: reads a standup export or a thread, prints the summary.
        scrumbot::telemetry::init(scrumbot::config::LogFormat::Pretty);
        return report(scrumbot::summarize::cli::run(&args[1..]).await);
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    scrumbot::telemetry::init(config.log_format);
    let result = match command {
        "serve" => serve(config).await,
        "migrate" => migrate(config).await,
        "check" => check(config).await,
        other => {
            eprintln!("unknown command {other:?}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    report(result)
}

fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    Application::build(config).await?.run().await
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let store = scrumbot::store::Store::connect(&config.database_url).await?;
    store.migrate().await?;
    println!("migrations applied");
    Ok(())
}

/// Validates configuration, database and Slack credentials, and says which failed.
async fn check(config: Config) -> anyhow::Result<()> {
    use scrumbot::slack::api::{SlackApi, SlackWebClient};
    println!(
        "configuration: ok (HTTP mode: {}, Socket Mode: {})",
        config.http_enabled(),
        config.app_token.is_some()
    );
    let store = scrumbot::store::Store::connect(&config.database_url).await?;
    store.migrate().await?;
    store.ping().await?;
    println!("database: ok ({:?})", store.backend);
    let client = SlackWebClient::new(&config.slack_api_url, &config.bot_token)?;
    let me = client
        .auth_test()
        .await
        .map_err(|e| anyhow::anyhow!("auth.test failed: {e}"))?;
    println!("slack: ok (bot user {} in team {})", me.user_id, me.team_id);
    println!(
        "summarizer: {}",
        if config.openai.is_some() {
            "LLM (OpenAI-compatible)"
        } else {
            "offline"
        }
    );
    Ok(())
}
