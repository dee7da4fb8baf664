//! The `scrumbot` binary: parses the command line (see `scrumbot::cli`),
//! reads the configuration, sets up logging and runs one of `serve` (the
//! default), `migrate`, `check`, `summarize`, `mcp` or `token`.
//!
//! Exit status: 0 on success, 1 when the work failed (database or Slack
//! unreachable, a check failing), 2 for a usage or configuration error.

use std::process::ExitCode;

use scrumbot::api::tokens::TokenCommand;
use scrumbot::app::Application;
use scrumbot::cli::{Cli, Command, DatabaseGroups, Groups, Settings, SummarizeArgs, TokenAction};
use scrumbot::config::{self, Config, DatabaseConfig};
use scrumbot::summarize::Summarizer;

/// Usage and configuration errors, as clap exits for a usage error.
const CONFIG_ERROR: u8 = 2;

fn main() -> ExitCode {
    limit_malloc_arenas();
    // The runtime `#[tokio::main]` would build, built after the line above
    // so that its threads start under the arena limit.
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Two malloc arenas for the whole process. glibc gives each thread that
/// allocates under contention an arena of its own, up to eight per core,
/// and memory freed in one arena is not reused by the others: under load
/// the tokio workers and sqlx's SQLite threads each kept megabytes of free
/// heap (BENCHMARKS.md § 5: peak RSS 46 → 30 MiB with this and the SQLite
/// settings in `store`). Threads keep their own caches of small blocks, so
/// the shared arenas' locks are rarely contended.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only sets an allocator parameter; called before any
    // other thread exists. (`MALLOC_ARENA_MAX` in the environment is read
    // by glibc earlier and is overridden here.)
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

async fn run() -> ExitCode {
    scrumbot::install_crypto_provider();
    // Before parsing: clap reads the variables `.env` sets. An error in the
    // file is reported after parsing, so `--help` works in spite of it.
    let dotenv = config::load_dotenv();
    let cli = Cli::from_args();
    if let Err(e) = dotenv {
        eprintln!("configuration error: {e:#}");
        return ExitCode::from(CONFIG_ERROR);
    }
    match cli.command {
        Command::Serve(settings) => match configure(&settings) {
            Ok(config) => report(serve(config).await),
            Err(code) => code,
        },
        Command::Check(settings) => match configure(&settings) {
            Ok(config) => report(scrumbot::check::run(&config).await),
            Err(code) => code,
        },
        Command::Migrate(settings) => {
            init_logs(&settings);
            match DatabaseConfig::from_lookup(|name| settings.get(name)) {
                Ok(database) => report(migrate(database).await),
                Err(e) => config_error(e),
            }
        }
        Command::Mcp(args) => match configure(&args.settings) {
            // Logs go to standard error: standard output is the protocol's.
            Ok(config) => report(scrumbot::mcp::run_stdio(config, args.team, args.user).await),
            Err(code) => code,
        },
        Command::Token(args) => {
            let (settings, command) = token_command(args.action);
            init_logs(&settings);
            match DatabaseConfig::from_lookup(|name| settings.get(name)) {
                Ok(database) => report(scrumbot::api::tokens::run(&database.url, command).await),
                Err(e) => config_error(e),
            }
        }
        Command::Keygen => {
            // Only the key on stdout, so `scrumbot keygen >> .env` style use works.
            println!("{}", scrumbot::install::crypto::generate_key());
            ExitCode::SUCCESS
        }
        Command::Summarize(args) => {
            init_logs(&args.llm);
            match summarizer(&args) {
                Ok(summarizer) => report(
                    scrumbot::summarize::cli::run(
                        args.file.as_deref(),
                        args.format,
                        args.today,
                        summarizer,
                    )
                    .await,
                ),
                Err(e) => config_error(e),
            }
        }
        Command::Preview(args) => report(
            scrumbot::preview::write_all(&args.out)
                .map(|names| println!("{} pages written to {}", names.len(), args.out.display())),
        ),
    }
}

fn token_command(action: TokenAction) -> (Settings<DatabaseGroups>, TokenCommand) {
    match action {
        TokenAction::Create {
            team,
            user,
            read_only,
            settings,
        } => (
            settings,
            TokenCommand::Create {
                team,
                user,
                read_only,
            },
        ),
        TokenAction::List { settings } => (settings, TokenCommand::List),
        TokenAction::Revoke { id, settings } => (settings, TokenCommand::Revoke(id)),
    }
}

/// The whole configuration, with logging set up; or the exit code of a
/// configuration error, already reported.
fn configure<G: Groups>(settings: &Settings<G>) -> Result<Config, ExitCode> {
    init_logs(settings);
    Config::from_lookup(|name| settings.get(name)).map_err(config_error)
}

fn init_logs<G>(settings: &Settings<G>) {
    // An invalid format is reported with the rest of the configuration;
    // until then, pretty logs.
    let format = config::log_format_from_lookup(|name| settings.get(name))
        .unwrap_or(config::LogFormat::Pretty);
    scrumbot::telemetry::init_with(format, settings.get("RUST_LOG").as_deref());
}

fn config_error(e: config::ConfigError) -> ExitCode {
    eprintln!("configuration error: {e}");
    ExitCode::from(CONFIG_ERROR)
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
    // One connection first, so a wrong PostgreSQL host or database is said
    // at once and in words, not after the pool's timeout.
    scrumbot::preflight::reach_database(&config.database_url).await?;
    let (api_url, bot_token) = (config.slack_api_url.clone(), config.bot_token.clone());
    match Application::build(config).await {
        Ok(app) => app.run().await,
        Err(e) if is_slack_transport(&e) => {
            // The Web API client's error is the HTTP library's; one plain
            // call says the same thing in words ("cannot reach Slack at
            // slack.com: connection refused").
            let plain = match &bot_token {
                Some(token) => scrumbot::preflight::auth_test(&api_url, token).await.err(),
                None => None,
            };
            let words = plain.unwrap_or_else(|| anyhow::anyhow!("cannot reach Slack at {api_url}"));
            Err(words.context("auth.test failed: check SLACK_API_URL and the network"))
        }
        Err(e) => Err(e),
    }
}

fn is_slack_transport(e: &anyhow::Error) -> bool {
    use scrumbot::slack::api::SlackApiError;
    e.chain()
        .any(|c| matches!(c.downcast_ref(), Some(SlackApiError::Transport(_))))
}

async fn migrate(database: DatabaseConfig) -> anyhow::Result<()> {
    scrumbot::preflight::reach_database(&database.url).await?;
    let store = scrumbot::store::Store::connect(&database.url).await?;
    store.migrate().await?;
    println!("migrations applied");
    Ok(())
}

/// The engine `summarize` uses: offline when asked, else the configured LLM
/// (the same variables, defaults and checks as the server's).
fn summarizer(args: &SummarizeArgs) -> Result<Summarizer, config::ConfigError> {
    if args.offline {
        return Ok(Summarizer::Offline);
    }
    let llm = config::llm_from_lookup(|name| args.llm.get(name))?;
    Ok(Summarizer::from_config(llm.as_ref()))
}
