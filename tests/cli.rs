//! The `scrumbot` binary itself: configuration errors, `check`, `migrate`,
//! `summarize`, and `serve` answering Slack on a real port.

mod common;

use common::binary::{free_port, scrumbot, serve};
use common::fixtures::{fixture, sign};
use common::*;

#[test]
fn a_missing_variable_is_named_and_the_exit_code_is_non_zero() {
    let out = scrumbot().arg("serve").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SLACK_BOT_TOKEN"), "{err}");

    let out = scrumbot()
        .arg("check")
        .env("SLACK_BOT_TOKEN", "xoxp-very-secret")
        .env("SLACK_SIGNING_SECRET", "s")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("SLACK_BOT_TOKEN") && !err.contains("very-secret"),
        "names the variable, never its value: {err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_and_migrate_report_on_config_database_and_slack() {
    let slack = FakeSlack::start().await;
    let db = fresh_database(Db::Sqlite).await;
    let api_url = slack.api_url();
    let run = move |args: &[&str]| {
        scrumbot()
            .args(args)
            .env("SLACK_BOT_TOKEN", BOT_TOKEN)
            .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
            .env("SLACK_API_URL", &api_url)
            .env("DATABASE_URL", &db)
            .output()
            .unwrap()
    };
    let out = tokio::task::spawn_blocking(move || (run(&["migrate"]), run(&["check"])))
        .await
        .unwrap();
    assert!(
        out.0.status.success(),
        "{}",
        String::from_utf8_lossy(&out.0.stderr)
    );
    let report = String::from_utf8_lossy(&out.1.stdout);
    assert!(
        out.1.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.1.stderr)
    );
    assert!(
        report.contains("database: ok")
            && report.contains("slack: ok (bot user UBOT")
            && report.contains("summarizer: offline"),
        "{report}"
    );
    assert!(!report.contains(BOT_TOKEN) && !report.contains(SIGNING_SECRET));
    assert_eq!(slack.calls_to("auth.test").len(), 1);

    // Slack refusing the token makes check fail, saying so.
    slack.fail_next("auth.test", Failure::SlackError("invalid_auth"));
    let (api_url, db) = (slack.api_url(), fresh_database(Db::Sqlite).await);
    let out = tokio::task::spawn_blocking(move || {
        scrumbot()
            .arg("check")
            .env("SLACK_BOT_TOKEN", BOT_TOKEN)
            .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
            .env("SLACK_API_URL", api_url)
            .env("DATABASE_URL", db)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid_auth"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_slack_on_a_real_port() {
    scrumbot::install_crypto_provider();
    let slack = FakeSlack::start().await;
    let port = free_port();
    let mut child = serve(&slack, port, |_| {}).await;
    let http = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let body = fixture("events/url_verification.json");
    let ts = now_secs();
    let ok = http
        .post(format!("{base}/slack/events"))
        .header("x-slack-request-timestamp", ts.to_string())
        .header("x-slack-signature", sign(SIGNING_SECRET, ts, &body))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert!(ok.text().await.unwrap().contains("challenge"));
    let bad = http
        .post(format!("{base}/slack/events"))
        .header("x-slack-request-timestamp", ts.to_string())
        .header("x-slack-signature", sign("wrong", ts, &body))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    let mut child = child.0.take().unwrap();
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let logs = String::from_utf8_lossy(&out.stderr);
    assert!(
        logs.contains("signature check failed"),
        "the refusal is logged: {logs}"
    );
    assert!(
        !logs.contains(SIGNING_SECRET) && !logs.contains(BOT_TOKEN),
        "no secret in the logs"
    );
}

#[test]
fn summarize_reads_a_thread_export_without_slack() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/slack/api/conversations.replies.json");
    let out = scrumbot()
        .args(["summarize", path.to_str().unwrap(), "--offline"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    for key in ["done", "planned", "blockers", "action_items", "highlights"] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
}

// ------------------------------------------------------------ the command line

/// A name no other test or run uses.
fn unique(prefix: &str) -> String {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{prefix}_{}_{n}_{}", std::process::id(), now_secs())
}

/// Runs the binary with `args` and `env` (and nothing else in its environment).
fn run(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    scrumbot()
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A valid Slack set against `slack`, plus `extra`.
fn slack_env<'a>(api_url: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut env = vec![
        ("SLACK_BOT_TOKEN", BOT_TOKEN),
        ("SLACK_SIGNING_SECRET", SIGNING_SECRET),
        ("SLACK_API_URL", api_url),
    ];
    env.extend_from_slice(extra);
    env
}

#[test]
fn help_and_version_work_everywhere_without_configuration() {
    let out = run(&["--version"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("scrumbot "), "{}", stdout(&out));
    for command in ["serve", "migrate", "check", "summarize"] {
        let out = run(&[command, "--help"], &[]);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        let help = stdout(&out);
        assert!(
            help.contains(&format!("Usage: scrumbot {command}")),
            "{help}"
        );
        let out = run(&[command, "--version"], &[]);
        assert_eq!(out.status.code(), Some(0), "{command} --version");
    }
    let help = stdout(&run(&["serve", "--help"], &[]));
    assert!(
        help.contains("--slack-bot-token") && help.contains("[env: SLACK_BOT_TOKEN]"),
        "each option names its variable: {help}"
    );
    assert!(stdout(&run(&["summarize", "--help"], &[])).contains("[FILE]"));
}

#[test]
fn unknown_commands_and_options_are_refused_with_usage() {
    for args in [
        &["bogus"][..],
        &["serve", "--bogus"],
        &["check", "extra"],
        &["migrate", "--slack-bot-token", "xoxb-1"],
        &["summarize", "--format", "text"],
        &["summarize", "--today", "garbage"],
        &["summarize", "--today", "2026-02-30"],
    ] {
        let out = run(args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("Usage:") || err.contains("--help"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("SLACK_BOT_TOKEN is required"),
            "{args:?}: {err}"
        );
    }
    let err = stderr(&run(&["summarize", "--format", "text"], &[]));
    assert!(
        err.contains("json") && err.contains("slack"),
        "the values are listed: {err}"
    );
}

#[test]
fn an_option_is_read_like_its_environment_variable() {
    let out = run(
        &["check", "--slack-bot-token", "xoxp-not-a-bot-token"],
        &[("SLACK_SIGNING_SECRET", "s")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("SLACK_BOT_TOKEN") && !err.contains("not-a-bot-token"),
        "{err}"
    );
}

#[test]
fn configuration_values_are_checked_at_start_and_ranges_are_said() {
    let env = [
        ("SLACK_BOT_TOKEN", "xoxb-1"),
        ("SLACK_SIGNING_SECRET", "s"),
        ("SCRUMBOT_TICK_MS", "0"),
    ];
    let out = run(&["serve"], &env);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("SCRUMBOT_TICK_MS") && err.contains("from 10 to 86400000"),
        "{err}"
    );
}

#[test]
fn a_malformed_env_file_line_is_reported_with_its_file_and_line() {
    let dir = std::env::temp_dir().join(unique("scrumbot-dotenv"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(".env"),
        "# settings\nSLACK_BOT_TOKEN=xoxb-from-file\nMY NOTE=hello\n",
    )
    .unwrap();
    let out = scrumbot().arg("check").current_dir(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(".env, line 3") && !err.contains("SLACK_BOT_TOKEN is required"),
        "{err}"
    );
    assert!(!err.contains("xoxb-from-file"), "no value echoed: {err}");
    // --help still works in spite of the file.
    let out = scrumbot().arg("--help").current_dir(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn migrate_needs_only_the_database_and_creates_a_sqlite_file() {
    let path = std::env::temp_dir().join(format!("{}.db", unique("scrumbot-migrate")));
    let url = format!("sqlite://{}", path.display());
    let out = run(&["migrate"], &[("DATABASE_URL", &url)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        path.exists(),
        "sqlite://… without ?mode=rwc creates the file"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_changes_nothing_and_says_when_the_database_is_not_migrated() {
    let slack = FakeSlack::start().await;
    let api_url = slack.api_url();
    let missing = std::env::temp_dir().join(format!("{}.db", unique("scrumbot-check")));
    let empty = std::env::temp_dir().join(format!("{}.db", unique("scrumbot-check")));
    std::fs::write(&empty, b"").unwrap();
    let pg = fresh_database(Db::Postgres).await;
    let (missing_url, empty_url) = (
        format!("sqlite://{}", missing.display()),
        format!("sqlite://{}", empty.display()),
    );
    let outs = tokio::task::spawn_blocking(move || {
        [missing_url, empty_url, pg].map(|db| {
            run(
                &["check"],
                &slack_env(&api_url, &[("DATABASE_URL", db.as_str())]),
            )
        })
    })
    .await
    .unwrap();
    let [missing_out, empty_out, pg_out] = outs;
    assert_eq!(missing_out.status.code(), Some(1));
    assert!(
        stderr(&missing_out).contains("does not exist"),
        "{}",
        stderr(&missing_out)
    );
    assert!(!missing.exists(), "check creates no database");
    for out in [&empty_out, &pg_out] {
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(out).contains("database not migrated"),
            "{}",
            stderr(out)
        );
    }
    assert_eq!(
        std::fs::metadata(&empty).unwrap().len(),
        0,
        "nothing written"
    );
    assert_eq!(
        slack.calls_to("auth.test").len(),
        3,
        "Slack is still checked, so one run lists every problem"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_errors_are_one_sentence_and_come_at_once() {
    let admin = pg_admin_url();
    let base = admin.rsplit_once('/').unwrap().0.to_string();
    let missing_db = format!("{base}/scrumbot_no_such_database");
    let started = std::time::Instant::now();
    let (refused, missing) = tokio::task::spawn_blocking(move || {
        let env = |db: &str| {
            vec![
                ("SLACK_BOT_TOKEN".to_string(), BOT_TOKEN.to_string()),
                ("SLACK_SIGNING_SECRET".into(), SIGNING_SECRET.into()),
                ("DATABASE_URL".into(), db.to_string()),
                ("SCRUMBOT_LISTEN".into(), "127.0.0.1:0".into()),
                ("SCRUMBOT_ADMIN_LISTEN".into(), "off".into()),
            ]
        };
        let refused = scrumbot()
            .arg("serve")
            .envs(env("postgres://scrumbot:hunter2@127.0.0.1:1/scrumbot"))
            .output()
            .unwrap();
        let missing = scrumbot()
            .arg("migrate")
            .envs(env(&missing_db))
            .output()
            .unwrap();
        (refused, missing)
    })
    .await
    .unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(8),
        "not after a pool timeout"
    );
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot connect to PostgreSQL at 127.0.0.1:1: connection refused"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "no password: {err}");
    let err = stderr(&missing);
    assert_eq!(missing.status.code(), Some(1), "{err}");
    assert!(
        err.contains("database \"scrumbot_no_such_database\" does not exist")
            && err.contains("createdb"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_unreachable_is_a_sentence_not_a_debug_dump() {
    let db = fresh_database(Db::Sqlite).await;
    let out = tokio::task::spawn_blocking(move || {
        let migrate = run(&["migrate"], &[("DATABASE_URL", db.as_str())]);
        assert!(migrate.status.success(), "{}", stderr(&migrate));
        run(
            &["check"],
            &slack_env("http://127.0.0.1:1/api/", &[("DATABASE_URL", db.as_str())]),
        )
    })
    .await
    .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot reach Slack at 127.0.0.1: connection refused"),
        "{err}"
    );
    assert!(!err.contains("Os {") && !err.contains("kind:"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_names_each_missing_scope_and_verifies_the_app_token() {
    let slack = FakeSlack::start().await;
    let db = fresh_database(Db::Sqlite).await;
    let api_url = slack.api_url();
    let check = {
        let (api_url, db) = (api_url.clone(), db.clone());
        move |extra: &[(&str, &str)]| {
            let mut env = slack_env(&api_url, &[("DATABASE_URL", db.as_str())]);
            env.extend_from_slice(extra);
            run(&["check"], &env)
        }
    };
    let app_token = [("SLACK_APP_TOKEN", "xapp-1-test")];
    slack.set_oauth_scopes("chat:write,commands,channels:history");
    slack.fail_next("apps.connections.open", Failure::SlackError("invalid_auth"));
    let scopes = tokio::task::spawn_blocking({
        let check = check.clone();
        move || {
            let migrate = run(&["migrate"], &[("DATABASE_URL", db.as_str())]);
            assert!(migrate.status.success(), "{}", stderr(&migrate));
            check(&[])
        }
    })
    .await
    .unwrap();
    let err = stderr(&scopes);
    assert_eq!(scopes.status.code(), Some(1), "{err}");
    for missing in [
        "app_mentions:read",
        "groups:history",
        "im:write",
        "users:read",
    ] {
        assert!(err.contains(missing), "{missing} named: {err}");
    }
    assert!(
        !err.contains("chat:write,") && !err.contains(" chat:write"),
        "{err}"
    );

    // All scopes granted; a refused app token fails the check, naming it.
    slack.set_oauth_scopes(&scrumbot::check::manifest_bot_scopes().join(","));
    let refused = {
        let check = check.clone();
        tokio::task::spawn_blocking(move || check(&app_token))
            .await
            .unwrap()
    };
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(
        err.contains("SLACK_APP_TOKEN") && err.contains("invalid_auth"),
        "{err}"
    );
    let accepted = tokio::task::spawn_blocking(move || check(&app_token))
        .await
        .unwrap();
    let report = stdout(&accepted);
    assert!(accepted.status.success(), "{report}{}", stderr(&accepted));
    assert!(
        report.contains("slack scopes: ok") && report.contains("socket mode: ok"),
        "{report}"
    );
    let opened = slack.calls_to("apps.connections.open");
    assert_eq!(opened.len(), 2);
    assert_eq!(opened[1].token.as_deref(), Some("xapp-1-test"));
}

#[test]
fn summarize_reads_standard_input_when_no_file_is_given() {
    use std::io::Write;
    use std::process::Stdio;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/slack/api/conversations.replies.json");
    let mut child = scrumbot()
        .args(["summarize", "--offline", "--today", "2026-11-30"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(path).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert!(v.get("blockers").is_some(), "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_and_health_are_served_on_the_admin_address() {
    scrumbot::install_crypto_provider();
    let slack = FakeSlack::start().await;
    let (port, admin_port) = (free_port(), free_port());
    let _bot = serve(&slack, port, |cmd| {
        cmd.env("SCRUMBOT_ADMIN_LISTEN", format!("127.0.0.1:{admin_port}"));
    })
    .await;
    let http = reqwest::Client::new();
    let admin = format!("http://127.0.0.1:{admin_port}");
    let health = http.get(format!("{admin}/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let page = http
        .get(format!("{admin}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("# HELP scrumbot_http_requests_total "),
        "{page}"
    );
    assert!(
        page.contains("# TYPE scrumbot_http_request_duration_seconds histogram")
            && page.contains("scrumbot_http_request_duration_seconds_bucket{"),
        "latencies are histograms: {page}"
    );
    let public = http
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        public.status(),
        200,
        "load balancers still probe the public port"
    );
}

#[test]
fn the_readme_configuration_table_lists_exactly_the_variables() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let section = readme
        .split("\n## Configuration\n")
        .nth(1)
        .expect("a Configuration section")
        .split("\n## ")
        .next()
        .unwrap();
    let mut in_readme = std::collections::BTreeSet::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let first_cell = row.split('|').nth(1).unwrap();
        for name in first_cell.split('`').skip(1).step_by(2) {
            in_readme.insert(name.to_string());
        }
    }
    let in_code: std::collections::BTreeSet<String> = scrumbot::config::VARS
        .iter()
        .map(|v| v.name.to_string())
        .collect();
    let missing: Vec<_> = in_code.difference(&in_readme).collect();
    let extra: Vec<_> = in_readme.difference(&in_code).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README's table lacks {missing:?} and lists unknown {extra:?}"
    );
}
