//! The command line: `scrumbot [serve|migrate|check|summarize|mcp|token]`, parsed by clap.
//!
//! Every configuration variable of [`crate::config::VARS`] is also an option
//! (`SLACK_BOT_TOKEN` is `--slack-bot-token`), read from the environment when
//! the option is not given; each command takes only the variables it uses.
//! What clap collects is handed to [`crate::config::Config::from_lookup`],
//! so the checks are the same however a value was given.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::path::PathBuf;

use clap::{Arg, ArgMatches, Args, FromArgMatches, Parser, Subcommand};

use crate::config::{Group, Var, VARS};
use crate::summarize::cli::Format;

#[derive(Debug, Parser)]
#[command(
    name = "scrumbot",
    version,
    propagate_version = true,
    // The command is optional (`serve` by default), which clap's derived usage does not say.
    override_usage = "scrumbot [COMMAND] [OPTIONS]",
    about = "A self-hosted AI Scrum Master for Slack",
    long_about = "A self-hosted AI Scrum Master for Slack.\n\n\
        Without a command, runs `serve`. Every option can also be set by the \
        environment variable shown with it, or in a .env file in the working directory."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer Slack (HTTP and/or Socket Mode) and run the scheduler
    Serve(Settings<AllGroups>),
    /// Apply the database migrations and exit (needs only the database)
    Migrate(Settings<DatabaseGroups>),
    /// Check configuration, database and Slack credentials without changing anything
    Check(Settings<AllGroups>),
    /// Summarize an exported standup or thread without Slack
    Summarize(SummarizeArgs),
    /// Print a fresh SCRUMBOT_ENCRYPTION_KEY (base64 of 32 random bytes)
    Keygen,
    /// Serve MCP (Model Context Protocol) on standard input and output, for an AI assistant
    Mcp(McpArgs),
    /// Create, list and revoke API tokens (for /mcp and /api/v1 on the admin address)
    Token(TokenArgs),
    /// Write every message and view the bot sends, from a sample day, as HTML pages
    Preview(PreviewArgs),
}

/// The arguments of `scrumbot preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The directory the pages are written to (created when missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// The arguments of `scrumbot mcp`.
#[derive(Debug, Args)]
pub struct McpArgs {
    /// The workspace (Slack team id, T…) the tools see
    #[arg(long, value_name = "TEAM_ID")]
    pub team: String,
    /// Act as this Slack user (U…) when marking items done; without it, reading only
    #[arg(long, value_name = "USER_ID")]
    pub user: Option<String>,
    #[command(flatten)]
    pub settings: Settings<AllGroups>,
}

/// The arguments of `scrumbot token`.
#[derive(Debug, Args)]
pub struct TokenArgs {
    #[command(subcommand)]
    pub action: TokenAction,
}

#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Make a token for a user of a workspace and print it (once: only its hash is kept)
    Create {
        /// The workspace (Slack team id, T…)
        #[arg(long, value_name = "TEAM_ID")]
        team: String,
        /// Whose token it is (Slack user id, U…): changes are made as them
        #[arg(long, value_name = "USER_ID")]
        user: String,
        /// The token can read but not change anything
        #[arg(long)]
        read_only: bool,
        #[command(flatten)]
        settings: Settings<DatabaseGroups>,
    },
    /// List the tokens (never the secrets)
    List {
        #[command(flatten)]
        settings: Settings<DatabaseGroups>,
    },
    /// Revoke a token by its id (from `token list`)
    Revoke {
        id: i64,
        #[command(flatten)]
        settings: Settings<DatabaseGroups>,
    },
}

impl Cli {
    /// Parses the process's arguments; no command means `serve`. Exits on
    /// `--help`, `--version` (status 0) and on a usage error (status 2).
    pub fn from_args() -> Self {
        let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        if args.len() == 1 {
            args.push("serve".into());
        }
        Cli::parse_from(args)
    }
}

/// The arguments of `scrumbot summarize`.
#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// A `conversations.replies` export (JSON); standard input when absent or `-`
    pub file: Option<PathBuf>,
    /// Use the offline engine even when an LLM is configured
    #[arg(long)]
    pub offline: bool,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// The day the summary is for [default: the day of the first message]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub llm: Settings<LlmGroups>,
}

/// Which groups of variables a command takes.
pub trait Groups {
    const GROUPS: &'static [Group];
}

#[derive(Debug, Clone, Copy)]
pub struct AllGroups;
impl Groups for AllGroups {
    const GROUPS: &'static [Group] = &[
        Group::Slack,
        Group::Database,
        Group::Llm,
        Group::Server,
        Group::Log,
        Group::Tickets,
    ];
}

#[derive(Debug, Clone, Copy)]
pub struct DatabaseGroups;
impl Groups for DatabaseGroups {
    const GROUPS: &'static [Group] = &[Group::Database, Group::Log];
}

#[derive(Debug, Clone, Copy)]
pub struct LlmGroups;
impl Groups for LlmGroups {
    const GROUPS: &'static [Group] = &[Group::Llm, Group::Log];
}

/// The configuration values given to one command, by variable name, from
/// its options or else the environment. `Debug` shows names only.
pub struct Settings<G> {
    values: HashMap<&'static str, String>,
    groups: PhantomData<G>,
}

impl<G> std::fmt::Debug for Settings<G> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.values.keys()).finish()
    }
}

impl<G> Settings<G> {
    /// The value of a variable, for `Config::from_lookup` and friends.
    pub fn get(&self, name: &str) -> Option<String> {
        self.values.get(name).cloned()
    }
}

fn vars_of<G: Groups>() -> impl Iterator<Item = &'static Var> {
    VARS.iter().filter(|v| G::GROUPS.contains(&v.group))
}

fn heading(group: Group) -> &'static str {
    match group {
        Group::Slack => "Slack",
        Group::Database => "Database",
        Group::Llm => "LLM",
        Group::Server => "Server",
        Group::Log => "Logs",
        Group::Tickets => "Issue trackers",
    }
}

fn arg(v: &'static Var) -> Arg {
    Arg::new(v.name)
        .long(v.flag)
        .env(v.name)
        .value_name("VALUE")
        .help(v.help)
        .help_heading(heading(v.group))
        // Secrets belong in the environment; --help must not print them.
        .hide_env_values(v.secret)
}

impl<G: Groups> Args for Settings<G> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.args(vars_of::<G>().map(arg))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl<G: Groups> FromArgMatches for Settings<G> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let values = vars_of::<G>()
            .filter_map(|v| Some((v.name, matches.get_one::<String>(v.name)?.clone())))
            .collect();
        Ok(Settings {
            values,
            groups: PhantomData,
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn each_flag_is_its_variable_in_lower_case_with_dashes() {
        for v in VARS {
            assert_eq!(
                v.flag,
                v.name.to_lowercase().replace('_', "-"),
                "{}",
                v.name
            );
        }
    }

    #[test]
    fn an_option_overrides_nothing_but_is_read_like_its_variable() {
        let cli = Cli::try_parse_from(["scrumbot", "migrate", "--database-url", "sqlite://x.db"])
            .unwrap();
        let Command::Migrate(settings) = cli.command else {
            panic!("migrate")
        };
        assert_eq!(
            settings.get("DATABASE_URL").as_deref(),
            Some("sqlite://x.db")
        );
    }

    #[test]
    fn token_create_needs_a_team_and_a_user() {
        let err = Cli::try_parse_from(["scrumbot", "token", "create", "--team", "T1"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        let cli = Cli::try_parse_from([
            "scrumbot",
            "token",
            "create",
            "--team",
            "T1",
            "--user",
            "U1",
            "--read-only",
        ])
        .unwrap();
        assert!(matches!(
            cli.command,
            Command::Token(TokenArgs {
                action: TokenAction::Create {
                    read_only: true,
                    ..
                }
            })
        ));
    }

    #[test]
    fn migrate_takes_no_slack_options() {
        let err =
            Cli::try_parse_from(["scrumbot", "migrate", "--slack-bot-token", "x"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument);
    }
}
