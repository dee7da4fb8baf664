//! The HTTP server under load from clients that are not Slack: connections
//! that send nothing must not starve Slack's signed requests.

mod common;

use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

use common::binary::{free_port, serve};
use common::fixtures::{fixture, sign};
use common::*;

/// systemd's default soft limit on open files.
const SYSTEMD_SOFT_NOFILE: u64 = 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_request_answers_within_a_second_while_2000_idle_connections_are_held() {
    scrumbot::install_crypto_provider();
    let slack = FakeSlack::start().await;
    let port = free_port();
    // The bot starts as a systemd service would: 1,024 open files (soft),
    // a higher hard limit.
    let _bot = serve(&slack, port, |cmd| {
        // SAFETY: setrlimit is async-signal-safe and touches only the child.
        unsafe {
            cmd.pre_exec(|| {
                let mut lim = libc::rlimit {
                    rlim_cur: 0,
                    rlim_max: 0,
                };
                libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim);
                lim.rlim_cur = SYSTEMD_SOFT_NOFILE.min(lim.rlim_max);
                libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
                Ok(())
            });
        }
    })
    .await;

    // 2,000 connections that never send a byte, all held open.
    let mut idle = Vec::new();
    for _ in 0..2000 {
        idle.push(
            tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .expect("connect"),
        );
    }
    // Let the server take them all in (the kernel completes connects before accept).
    tokio::time::sleep(Duration::from_millis(300)).await;

    let body = fixture("events/url_verification.json");
    let ts = now_secs();
    let started = Instant::now();
    let res = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/slack/events"))
        .header("x-slack-request-timestamp", ts.to_string())
        .header("x-slack-signature", sign(SIGNING_SECRET, ts, &body))
        .body(body)
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    let waited = started.elapsed();
    let res = res.expect("the signed request is answered");
    assert_eq!(res.status(), 200);
    assert!(
        waited < Duration::from_secs(1),
        "answered in {waited:?} with 2,000 idle connections held"
    );
    drop(idle);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_sends_no_request_is_closed_after_the_header_timeout() {
    use tokio::io::AsyncReadExt;
    scrumbot::install_crypto_provider();
    let slack = FakeSlack::start().await;
    let port = free_port();
    let _bot = serve(&slack, port, |cmd| {
        cmd.env("SCRUMBOT_HTTP_HEADER_TIMEOUT_SECS", "1");
    })
    .await;
    let mut silent = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let started = Instant::now();
    let mut buf = [0u8; 64];
    // The server closes it (EOF, or a reset): the read ends well before 10 s.
    let read = tokio::time::timeout(Duration::from_secs(10), silent.read(&mut buf)).await;
    assert!(
        read.is_ok(),
        "the silent connection is still open after 10 s"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "closed after {:?}",
        started.elapsed()
    );
}
