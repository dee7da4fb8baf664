//! Many workspaces installed by OAuth ("Add to Slack"), against the fake
//! Slack's `oauth.v2.access` and its per-team bearer-token checks: each
//! workspace served with its own token and bot identity, the OAuth state
//! checked before anything reaches Slack, tokens encrypted at rest, an
//! uninstall stopping the workspace's schedules.

mod common;

use std::time::Duration;

use common::fake_workspaces::bot_user_of;
use common::fixtures::event_envelope;
use common::*;
use serde_json::json;

on_both_databases!(
    two_workspaces_installed_by_oauth_each_run_with_their_own_token_and_data,
    a_bad_reused_expired_or_other_browsers_state_is_refused_without_calling_slack,
    tokens_revoked_deletes_the_token_and_stops_the_workspaces_schedule,
    a_request_from_a_workspace_without_installation_has_no_effect,
    a_wrong_encryption_key_at_start_is_a_clear_error,
    a_rotating_token_is_refreshed_once_under_concurrent_calls,
    an_org_wide_install_serves_every_workspace_of_the_org,
    after_a_long_stop_every_installed_workspaces_digests_backfill,
    a_rate_limit_in_one_workspace_does_not_hold_back_another,
);

/// Monday 2026-11-23 08:00 UTC.
const MONDAY_8AM: i64 = 1_795_420_800;

/// Two workspaces, each with its own channel and one member.
fn two_workspaces(app: &TestApp) {
    for (team, channel, member) in [("T1", "C1", "U1A"), ("T2", "C2", "U2A")] {
        app.slack.set_channel_team(channel, team);
        app.slack
            .set_members(channel, vec![member, &bot_user_of(team)]);
    }
}

async fn command(
    app: &TestApp,
    team: &str,
    user: &str,
    channel: &str,
    text: &str,
) -> serde_json::Value {
    let res = app.command_in_team(team, user, channel, text).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap_or(serde_json::Value::Null)
}

async fn two_workspaces_installed_by_oauth_each_run_with_their_own_token_and_data(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    two_workspaces(&app);

    // "Add to Slack" sends the browser to Slack's consent page with the
    // app, the manifest's bot scopes and our redirect.
    let started = app.start_install().await;
    let consent = url::Url::parse(&started.location).unwrap();
    assert_eq!(consent.path(), "/oauth/v2/authorize", "{consent}");
    let param = |k: &str| {
        consent
            .query_pairs()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("client_id").as_deref(), Some(CLIENT_ID));
    assert_eq!(
        param("redirect_uri"),
        Some(format!("{PUBLIC_URL}/slack/oauth_redirect"))
    );
    let scopes = param("scope").unwrap();
    assert_eq!(scopes, scrumbot::check::manifest_bot_scopes().join(","));
    let code = app.slack.approve("T1", "U1A");
    let page = app
        .oauth_redirect(&code, &started.state, Some(&started.cookie))
        .await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text().await.unwrap().contains("/standup start"),
        "the page says what to do next"
    );
    app.install_workspace("T2", "U2A").await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM installations").await, 2);

    command(&app, "T1", "U1A", "C1", "start").await;
    command(&app, "T2", "U2A", "C2", "start").await;
    app.idle().await;

    // Every call naming a channel went with that channel's team's token,
    // and Slack refused none (the fake answers another team's token with
    // channel_not_found, a revoked or unknown one with an error).
    let calls = app.slack.calls();
    for call in calls.iter().filter(|c| c.method != "oauth.v2.access") {
        assert!(
            call.response.get("error").is_none(),
            "refused: {}",
            app.slack.describe_calls()
        );
        let owner = call.token.as_deref().and_then(|t| app.slack.token_owner(t));
        assert!(
            owner.is_some(),
            "{} sent with a token of no installation",
            call.method
        );
    }
    for (team, channel, member) in [("T1", "C1", "U1A"), ("T2", "C2", "U2A")] {
        let parents: Vec<_> = calls
            .iter()
            .filter(|c| {
                c.method == "chat.postMessage" && c.param("channel").as_deref() == Some(channel)
            })
            .collect();
        assert_eq!(parents.len(), 1, "one prompt in {channel}");
        let owner = app
            .slack
            .token_owner(parents[0].token.as_deref().unwrap())
            .unwrap();
        assert_eq!(owner.team, team);
        // Each workspace's own bot is recognised as itself: only the human is nudged.
        let nudged: Vec<_> = calls
            .iter()
            .filter(|c| c.method == "chat.postMessage")
            .filter_map(|c| c.param("channel"))
            .filter(|ch| ch.starts_with("DU"))
            .collect();
        assert!(
            nudged.contains(&format!("D{member}")),
            "{member} nudged: {nudged:?}"
        );
        assert!(
            !nudged.contains(&format!("D{}", bot_user_of(team))),
            "the bot of {team} is not nudged"
        );
    }
    // Data is kept per workspace: T2 asking about T1's channel sees nothing.
    let reply = command(&app, "T2", "U2A", "C1", "status").await;
    assert!(
        reply["text"].as_str().unwrap().contains("no standup yet"),
        "{reply}"
    );
    let reply = command(&app, "T1", "U1A", "C1", "status").await;
    assert!(
        reply["text"].as_str().unwrap().contains("0 of 1 answered"),
        "{reply}"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standups WHERE (team_id = 'T1' AND channel_id = 'C1') OR (team_id = 'T2' AND channel_id = 'C2')").await,
        2
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM standups").await, 2);
}

async fn a_bad_reused_expired_or_other_browsers_state_is_refused_without_calling_slack(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    let done = app.install_workspace("T1", "U1A").await;
    let exchanges = || app.slack.calls_to("oauth.v2.access").len();
    assert_eq!(exchanges(), 1);

    // Reused: the very same redirect again.
    let again = app
        .oauth_redirect(&done.code, &done.state, Some(&done.cookie))
        .await;
    assert_eq!(again.status(), 400);
    // Made up, with a cookie to match.
    let forged = app
        .oauth_redirect("code", "forged", Some("scrumbot_oauth_state=forged"))
        .await;
    assert_eq!(forged.status(), 400);
    // Started in another browser: no cookie, or that browser's cookie.
    let mine = app.start_install().await;
    let theirs = app.start_install().await;
    let code = app.slack.approve("T2", "U2A");
    assert_eq!(
        app.oauth_redirect(&code, &mine.state, None).await.status(),
        400
    );
    assert_eq!(
        app.oauth_redirect(&code, &mine.state, Some(&theirs.cookie))
            .await
            .status(),
        400
    );
    // Expired: more than ten minutes after it was started.
    app.clock.advance(11 * 60);
    let late = app
        .oauth_redirect(&code, &mine.state, Some(&mine.cookie))
        .await;
    assert_eq!(late.status(), 400);
    assert!(late.text().await.unwrap().contains("expired"));
    assert_eq!(
        exchanges(),
        1,
        "no refused state reached Slack:\n{}",
        app.slack.describe_calls()
    );

    // Declining on Slack's page is answered kindly, and reaches Slack neither.
    let res = reqwest::get(app.url("/slack/oauth_redirect?error=access_denied&state=x"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("cancelled"));
    assert_eq!(exchanges(), 1);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM installations").await, 1);
}

async fn tokens_revoked_deletes_the_token_and_stops_the_workspaces_schedule(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    two_workspaces(&app);
    app.install_workspace("T1", "U1A").await;
    app.install_workspace("T2", "U2A").await;
    command(&app, "T1", "U1A", "C1", "schedule mon-fri 09:30 UTC").await;
    command(&app, "T2", "U2A", "C2", "schedule mon-fri 09:30 UTC").await;
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standups WHERE next_run_at IS NOT NULL")
            .await,
        2
    );

    let body = event_envelope(
        "tokens_revoked",
        "EvRevoke1",
        json!({ "tokens": { "oauth": [], "bot": [bot_user_of("T1")] } }),
    )
    .replace("\"T0001\"", "\"T1\"");
    assert_eq!(app.post_event(&body).await.status(), 200);
    app.slack.revoke_team("T1");
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM installations WHERE install_key = 'T1' AND bot_token_sealed IS NULL AND revoked_at IS NOT NULL").await,
        1
    );
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM standups WHERE team_id = 'T1' AND next_run_at IS NOT NULL"
        )
        .await,
        0
    );

    // 09:30: T2's standup opens, T1's does not, and nothing fails or loops.
    let before = app.slack.calls().len();
    app.clock.advance(90 * 60);
    app.tick().await;
    app.tick().await;
    let after: Vec<_> = app.slack.calls().into_iter().skip(before).collect();
    assert!(
        after
            .iter()
            .all(|c| c.param("channel").as_deref() != Some("C1")),
        "{}",
        app.slack.describe_calls()
    );
    assert!(after
        .iter()
        .any(|c| c.method == "chat.postMessage" && c.param("channel").as_deref() == Some("C2")));
    assert!(
        after.iter().all(|c| c.response.get("error").is_none()),
        "{}",
        app.slack.describe_calls()
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE team_id = 'T1'")
            .await,
        0
    );

    // A command from the uninstalled workspace: acknowledged, no effect.
    let res = app.command_in_team("T1", "U1A", "C1", "start").await;
    assert_eq!(res.status(), 200);
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM runs WHERE team_id = 'T1'")
            .await,
        0
    );

    // After the retention period its data is purged.
    app.clock.advance(31 * 24 * 3600);
    scrumbot::retention::run(&app.ctx).await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standups WHERE team_id = 'T1'")
            .await,
        0
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM installations WHERE install_key = 'T1'")
            .await,
        0
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standups WHERE team_id = 'T2'")
            .await,
        1
    );
}

async fn a_request_from_a_workspace_without_installation_has_no_effect(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    app.install_workspace("T1", "U1A").await;
    let res = app.command_in_team("T9", "U9", "C9", "start").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "", "an empty acknowledgement");
    let body = event_envelope(
        "app_mention",
        "EvT9",
        json!({"channel": "C9", "user": "U9"}),
    )
    .replace("\"T0001\"", "\"T9\"");
    assert_eq!(app.post_event(&body).await.status(), 200);
    app.idle().await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM inbox").await,
        0,
        "nothing stored"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM standups").await, 0);
    assert_eq!(
        app.slack
            .calls()
            .iter()
            .filter(|c| c.method != "oauth.v2.access"
                && c.method != "auth.test"
                && c.method != "bots.info")
            .count(),
        0
    );

    // And a Slack call made outside any workspace scope fails loudly.
    let err = app
        .ctx
        .slack
        .post_message("C1", "hello", None, None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, scrumbot::slack::api::SlackApiError::NoWorkspace),
        "{err}"
    );
}

async fn a_wrong_encryption_key_at_start_is_a_clear_error(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    app.install_workspace("T1", "U1A").await;
    let (slack, database_url) = app.kill().await;
    // Another valid key: the stored token does not open.
    let other_key = "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICA=";
    let config = multi_workspace_config(
        &slack,
        &database_url,
        &[("SCRUMBOT_ENCRYPTION_KEY", other_key)],
    );
    // `scrumbot check` says so too, without starting anything.
    assert!(scrumbot::check::run(&config).await.is_err());
    let right = multi_workspace_config(&slack, &database_url, &[]);
    assert!(scrumbot::check::run(&right).await.is_ok());
    let err = scrumbot::app::Application::build(config)
        .await
        .err()
        .expect("the start fails");
    let text = format!("{err:#}");
    assert!(
        text.contains("SCRUMBOT_ENCRYPTION_KEY") && text.contains("T1"),
        "{text}"
    );
    assert!(!text.contains("xoxb"), "no token in the error: {text}");
    // A malformed key is refused with the configuration, naming the variable.
    let vars = [("SCRUMBOT_ENCRYPTION_KEY", "c2hvcnQ=")];
    let map: std::collections::HashMap<&str, &str> = [
        ("SLACK_CLIENT_ID", CLIENT_ID),
        ("SLACK_CLIENT_SECRET", CLIENT_SECRET),
        ("SCRUMBOT_PUBLIC_URL", PUBLIC_URL),
        ("SLACK_SIGNING_SECRET", SIGNING_SECRET),
    ]
    .into_iter()
    .chain(vars)
    .collect();
    let err =
        scrumbot::config::Config::from_lookup(|k| map.get(k).map(|v| v.to_string())).unwrap_err();
    assert!(err.to_string().contains("SCRUMBOT_ENCRYPTION_KEY"), "{err}");
    // The right key still opens it.
    let back = start_multi_workspace(slack, database_url, &[], MONDAY_8AM).await;
    assert!(back.ctx.workspaces.is_some());
}

async fn a_rotating_token_is_refreshed_once_under_concurrent_calls(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    two_workspaces(&app);
    app.slack
        .set_token_rotation(Some(Duration::from_secs(12 * 3600)));
    app.install_workspace("T1", "U1A").await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM installations WHERE refresh_token_sealed IS NOT NULL AND token_expires_at IS NOT NULL").await,
        1
    );
    // Near the end of the token's life, five commands at once.
    app.clock.advance(12 * 3600 - 60);
    let sends = (0..5).map(|_| app.command_in_team("T1", "U1A", "C1", "status"));
    for res in futures_util::future::join_all(sends).await {
        assert_eq!(res.status(), 200);
    }
    command(&app, "T1", "U1A", "C1", "start").await;
    app.idle().await;
    let refreshes: Vec<_> = app
        .slack
        .calls_to("oauth.v2.access")
        .into_iter()
        .filter(|c| c.param("grant_type").as_deref() == Some("refresh_token"))
        .collect();
    assert_eq!(
        refreshes.len(),
        1,
        "one refresh:\n{}",
        app.slack.describe_calls()
    );
    assert!(refreshes[0].response["ok"].as_bool().unwrap());
    let new_token = refreshes[0].response["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let post = app.slack.wait_for_calls("chat.postMessage", 1).await;
    assert_eq!(
        post[0].token.as_deref(),
        Some(new_token.as_str()),
        "posted with the new token"
    );
}

async fn an_org_wide_install_serves_every_workspace_of_the_org(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    app.slack.set_members("C1", vec!["U1A", &bot_user_of("E1")]);
    app.slack.set_members("C2", vec!["U2A", &bot_user_of("E1")]);
    let started = app.start_install().await;
    let code = app.slack.approve_org("E1", "U1A");
    let page = app
        .oauth_redirect(&code, &started.state, Some(&started.cookie))
        .await;
    assert_eq!(page.status(), 200);
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM installations WHERE install_key = 'E1' AND is_enterprise = 1"
        )
        .await,
        1
    );
    for (team, channel, user) in [("T1", "C1", "U1A"), ("T2", "C2", "U2A")] {
        // The workspace's team id, and its org's, as Slack sends both.
        let in_org = format!("{team}&enterprise_id=E1");
        let res = app.command_in_team(&in_org, user, channel, "start").await;
        assert_eq!(res.status(), 200);
    }
    app.idle().await;
    for channel in ["C1", "C2"] {
        assert!(app
            .slack
            .calls_to("chat.postMessage")
            .iter()
            .any(|c| c.param("channel").as_deref() == Some(channel)));
    }
    // Each workspace's data under its own team, both served by the org's install.
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM standups WHERE team_id IN ('T1', 'T2')")
            .await,
        2
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM installation_teams WHERE install_key = 'E1'")
            .await,
        2
    );
}

async fn after_a_long_stop_every_installed_workspaces_digests_backfill(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    two_workspaces(&app);
    app.install_workspace("T1", "U1A").await;
    app.install_workspace("T2", "U2A").await;
    for (team, user, channel) in [("T1", "U1A", "C1"), ("T2", "U2A", "C2")] {
        let res = app
            .slash_in_team(team, "/digest", user, channel, "on 17:00 UTC")
            .await;
        assert_eq!(res.status(), 200);
    }
    app.idle().await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM digests").await, 2);
    let (slack, database_url) = app.kill().await;
    // Down for an hour: events were missed in both workspaces.
    let back = start_multi_workspace(slack, database_url, &[], MONDAY_8AM + 3600).await;
    back.idle().await;
    back.wait_count(
        &format!(
            "SELECT COUNT(*) FROM digests WHERE covered_from = {}",
            MONDAY_8AM + 3600
        ),
        2,
    )
    .await;
}

async fn a_rate_limit_in_one_workspace_does_not_hold_back_another(db: Db) {
    let app = spawn_multi_workspace(db, MONDAY_8AM).await;
    two_workspaces(&app);
    app.install_workspace("T1", "U1A").await;
    app.install_workspace("T2", "U2A").await;
    // T1's first users.info is answered 429 with a long Retry-After: T1's
    // gate for users.info closes for 60 s.
    app.slack.fail_next(
        "users.info",
        Failure::RateLimited {
            retry_after_secs: 60,
        },
    );
    command(&app, "T1", "U1A", "C1", "start").await;
    assert_eq!(app.slack.calls_to("users.info").len(), 1);
    // T2 calls the same method meanwhile and is not held back.
    command(&app, "T2", "U2A", "C2", "start").await;
    app.eventually("T2's standup is posted", || async {
        app.slack
            .calls_to("chat.postMessage")
            .iter()
            .any(|c| c.param("channel").as_deref() == Some("C2"))
    })
    .await;
    let posted_in_c1 = app
        .slack
        .calls_to("chat.postMessage")
        .iter()
        .any(|c| c.param("channel").as_deref() == Some("C1"));
    assert!(!posted_in_c1, "T1 still waits out its Retry-After");
}

/// The database file (and its write-ahead log) holds no token in clear.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_file_contains_no_token_in_clear() {
    let app = spawn_multi_workspace(Db::Sqlite, MONDAY_8AM).await;
    two_workspaces(&app);
    app.slack
        .set_token_rotation(Some(Duration::from_secs(12 * 3600)));
    app.install_workspace("T1", "U1A").await;
    app.install_workspace("T2", "U2A").await;
    command(&app, "T1", "U1A", "C1", "start").await;
    app.idle().await;
    let path = app
        .database_url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let mut secrets = app.slack.issued_tokens();
    assert!(secrets.len() >= 2);
    let (_, _) = app.kill().await;
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(b) = std::fs::read(format!("{path}{suffix}")) {
            bytes.extend(b);
        }
    }
    assert!(bytes.len() > 4096, "the database was read");
    secrets.extend(
        [
            "refresh-T1",
            "refresh-T2",
            "secretpart",
            "xoxb-",
            "xoxe",
            CLIENT_SECRET,
        ]
        .map(String::from),
    );
    for secret in &secrets {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret:?} found in the database file"
        );
    }
}

/// `scrumbot keygen` prints a fresh key that the configuration accepts,
/// needing no configuration itself.
#[test]
fn keygen_prints_a_fresh_valid_key() {
    use base64::Engine as _;
    let run = || {
        let out = common::binary::scrumbot()
            .arg("keygen")
            .output()
            .expect("scrumbot runs");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let (a, b) = (run(), run());
    assert_ne!(a, b, "a fresh key each time");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&a)
        .unwrap();
    assert_eq!(bytes.len(), 32);
    assert!(scrumbot::install::crypto::TokenKey::from_base64(&a).is_ok());
}
