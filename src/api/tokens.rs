//! `scrumbot token create|list|revoke`: the operator's side of API tokens.

use crate::clock::Clock;
use crate::store::api_tokens::{generate_token, hash_token, ApiToken};
use crate::store::Store;

/// What the command does, its database settings already read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenCommand {
    Create {
        team: String,
        user: String,
        read_only: bool,
    },
    List,
    Revoke(i64),
}

/// Runs a token command against the database at `url` (migrating it first,
/// so that a fresh installation can make its first token before `serve`).
pub async fn run(url: &str, command: TokenCommand) -> anyhow::Result<()> {
    let store = Store::open(url, Clock::system()).await?;
    match command {
        TokenCommand::Create {
            team,
            user,
            read_only,
        } => {
            let token = generate_token()?;
            let id = store
                .token_insert(&team, &user, read_only, &hash_token(&token))
                .await?;
            let access = if read_only { "read-only" } else { "read-write" };
            eprintln!(
                "token {id} for {user} in {team} ({access}); it is shown this once, only its hash is kept:"
            );
            println!("{token}");
        }
        TokenCommand::List => {
            println!("ID\tTEAM\tUSER\tACCESS\tCREATED\tREVOKED");
            for t in store.tokens_list().await? {
                println!("{}", list_line(&t));
            }
        }
        TokenCommand::Revoke(id) => {
            if !store.token_revoke(id).await? {
                anyhow::bail!("no live token with id {id} (see `scrumbot token list`)");
            }
            println!("token {id} revoked");
        }
    }
    Ok(())
}

fn list_line(t: &ApiToken) -> String {
    let when = |s: i64| {
        jiff::Timestamp::from_second(s)
            .map(|t| t.to_string())
            .unwrap_or_default()
    };
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}",
        t.id,
        t.team_id,
        t.user_id,
        if t.read_only {
            "read-only"
        } else {
            "read-write"
        },
        when(t.created_at),
        t.revoked_at.map(when).unwrap_or_else(|| "-".into())
    )
}
