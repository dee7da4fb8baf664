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
