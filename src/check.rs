//! `scrumbot check`: says whether the configuration, the database and the
//! Slack credentials will work, and which does not. It changes nothing: a
//! missing database is reported, not created; an unmigrated one is
//! reported, not migrated.

use anyhow::bail;

use crate::config::{Config, LlmServer};
use crate::preflight;

/// The app's manifest, whose bot scopes the token must have.
const MANIFEST: &str = include_str!("../manifest.yml");

/// Runs every check, printing one line per part that works and the
/// problem of each part that does not (all of them, so one run lists
/// everything to fix); fails when any part failed.
pub async fn run(config: &Config) -> anyhow::Result<()> {
    println!(
        "configuration: ok (HTTP mode: {}, Socket Mode: {})",
        config.http_enabled(),
        config.app_token.is_some()
    );
    let results = [
        ("database", database(config).await),
        ("slack", slack(config).await),
    ];
    let (total, mut failed) = (results.len(), 0);
    for (part, result) in results {
        match result {
            Ok(lines) => lines.iter().for_each(|l| println!("{l}")),
            Err(e) => {
                failed += 1;
                eprintln!("{part}: {e:#}");
            }
        }
    }
    println!("summarizer: {}", summarizer(config));
    if failed > 0 {
        bail!("{failed} of {total} checks failed (see above)");
    }
    Ok(())
}

/// Multi-workspace mode: every stored installation's token opens with
/// `SCRUMBOT_ENCRYPTION_KEY` (what `serve` would refuse to start without).
async fn installations(config: &Config) -> anyhow::Result<Vec<String>> {
    let Some(oauth) = &config.oauth else {
        bail!("neither SLACK_BOT_TOKEN nor the OAuth variables are set");
    };
    let store = crate::store::Store::connect(&config.database_url).await?;
    let rows = store.installations_active().await?;
    for row in &rows {
        let sealed = row.bot_token_sealed.as_deref().unwrap_or_default();
        if oauth.encryption_key.open(&row.install_key, sealed).is_err() {
            bail!(
                "SCRUMBOT_ENCRYPTION_KEY does not open the stored token of installation {}",
                row.install_key
            );
        }
    }
    store.pool.close().await;
    Ok(vec![format!(
        "slack: multi-workspace mode (OAuth); {} installation(s), every token opens with SCRUMBOT_ENCRYPTION_KEY",
        rows.len()
    )])
}

/// The database exists and has every migration applied.
async fn database(config: &Config) -> anyhow::Result<Vec<String>> {
    let db = preflight::inspect_database(&config.database_url).await?;
    let expected = if db.backend == "SQLite" {
        crate::store::SQLITE_MIGRATIONS
    } else {
        crate::store::POSTGRES_MIGRATIONS
    };
    let pending: Vec<i64> = expected
        .iter()
        .map(|(version, _, _)| *version)
        .filter(|v| !db.applied.contains(v))
        .collect();
    if db.applied.is_empty() {
        bail!("database not migrated: run `scrumbot migrate` (or start `scrumbot serve`, which migrates)");
    }
    if !pending.is_empty() {
        bail!("database not migrated: migrations {pending:?} are pending; run `scrumbot migrate`");
    }
    Ok(vec![format!(
        "database: ok ({}, {} migrations applied)",
        db.backend,
        db.applied.len()
    )])
}

/// The bot token works and has the manifest's scopes; the app token, when
/// set, opens Socket Mode.
async fn slack(config: &Config) -> anyhow::Result<Vec<String>> {
    let Some(bot_token) = &config.bot_token else {
        return installations(config).await;
    };
    let me = preflight::auth_test(&config.slack_api_url, bot_token).await?;
    let mut lines = vec![format!(
        "slack: ok (bot user {} in team {})",
        me.user_id, me.team_id
    )];
    match &me.scopes {
        Some(granted) => {
            let missing = missing_scopes(granted);
            if !missing.is_empty() {
                bail!(
                    "the bot token lacks scopes the app needs: {} — add them under OAuth & Permissions \
                     (or recreate the app from manifest.yml) and reinstall it",
                    missing.join(", ")
                );
            }
            lines.push(format!("slack scopes: ok ({} granted)", granted.len()));
        }
        None => lines.push("slack scopes: not reported by the server; not checked".into()),
    }
    if let Some(app_token) = &config.app_token {
        preflight::open_socket_mode(&config.slack_api_url, app_token).await?;
        lines.push("socket mode: ok (apps.connections.open accepted SLACK_APP_TOKEN)".into());
    }
    Ok(lines)
}

fn summarizer(config: &Config) -> String {
    match config.openai.as_ref().map(|o| (&o.server, &o.model)) {
        None => "offline".into(),
        Some((LlmServer::OpenAi { base_url, .. }, model)) => {
            format!("LLM (OpenAI-compatible at {base_url}, model {model})")
        }
        Some((
            LlmServer::Azure {
                endpoint,
                deployment,
                ..
            },
            _,
        )) => {
            format!("LLM (Azure OpenAI at {endpoint}, deployment {deployment})")
        }
    }
}

/// The manifest's bot scopes that `granted` lacks, in the manifest's order.
pub fn missing_scopes(granted: &[String]) -> Vec<&'static str> {
    manifest_bot_scopes()
        .into_iter()
        .filter(|s| !granted.iter().any(|g| g == s))
        .collect()
}

/// The list under `oauth_config: scopes: bot:` in `manifest.yml` (a small
/// reader for that one list, rather than a YAML dependency).
pub fn manifest_bot_scopes() -> Vec<&'static str> {
    let mut lines = MANIFEST.lines().skip_while(|l| l.trim() != "scopes:");
    let mut lines = lines.by_ref().skip_while(|l| l.trim() != "bot:").skip(1);
    lines
        .by_ref()
        .map_while(|l| l.trim().strip_prefix("- "))
        .filter_map(|item| item.split_whitespace().next())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_bot_scopes_are_read() {
        let scopes = manifest_bot_scopes();
        assert!(scopes.contains(&"chat:write"), "{scopes:?}");
        assert!(scopes.contains(&"users:read"), "{scopes:?}");
        assert!(
            scopes.iter().all(|s| s.contains(':') || *s == "commands"),
            "{scopes:?}"
        );
    }

    #[test]
    fn each_missing_scope_is_named() {
        let granted: Vec<String> = manifest_bot_scopes()
            .into_iter()
            .filter(|s| *s != "im:write" && *s != "commands")
            .map(String::from)
            .collect();
        assert_eq!(missing_scopes(&granted), ["commands", "im:write"]);
    }
}
