//! Ingest benchmark: a load generator against a running `scrumbot serve`.
//!
//! Starts the release binary (`cargo build --release` first) against a lean
//! fake Slack and a fresh SQLite or PostgreSQL database, opens a standup with
//! a signed `/standup start`, then sends N pre-signed `message` events —
//! thread replies to that standup, each one a durable answer write — over
//! keep-alive connections at a given concurrency (and optionally a fixed
//! rate), with a share of them redeliveries (same `event_id`,
//! `X-Slack-Retry-Num: 1`). Prints events/s, p50/p99/max acknowledgement
//! latency, then the answers stored versus expected, the bot's CPU time per
//! request, and its RSS idle and after the run.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example loadgen -- --db sqlite --events 20000 --concurrency 32 --redeliver 0.3
//! cargo run --release --example loadgen -- --db sqlite --events 30000 --rate 1000
//! cargo run --release --example loadgen -- --db postgres --events 20000
//! cargo run --release --example loadgen -- --db sqlite --events 20000 --crash
//! ```
//!
//! With `--strangers` the replies come from people the standup did not ask,
//! so each one costs everything but the answer write (an upper bound for
//! the rest of the path). With `--crash` the bot is killed with SIGKILL halfway through the run,
//! with requests in flight, and started again on the same database; the
//! report then shows whether every acknowledged event still became an answer.
//!
//! Latency is measured from the moment a request was due (with `--rate`, its
//! slot in the schedule; else when a connection took it) to the last byte of
//! the response, so a stalled server cannot hide behind a stalled client.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use support::fake_slack::FakeSlack;
use support::{quantile, scalar, sign, Args, BotProcess};

const CHANNEL: &str = "C0001";
const TEMPLATE: &str = include_str!("../tests/fixtures/slack/events/message_thread_reply.json");
const ANSWERS: [&str; 6] = [
    "Yesterday: finished the login page. Today: password reset flow. Blockers: waiting on API keys from ops",
    "Done: migrated the billing job to the new queue\nToday: write the runbook and pair with <@U0003> on alerts\nBlockers: none",
    "• fixed the flaky checkout test\n• reviewing the search PR\n• blocked by <@U0007>, need the staging credentials",
    "Shipped the CSV export. Next: pagination for the audit log. I'll send the design doc by Friday.",
    "Worked on the onboarding emails; today more of the same. No blockers.",
    "Y: on-call, two incidents closed. T: postmortem for INC-231. B: waiting for review from the DB team",
];

/// A tiny deterministic PRNG (xorshift64*), so runs are repeatable without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// One keep-alive HTTP/1.1 connection that sends prepared requests.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    async fn open(addr: &str) -> Conn {
        let stream = TcpStream::connect(addr).await.expect("connect to the bot");
        stream.set_nodelay(true).expect("TCP_NODELAY");
        Conn {
            stream,
            buf: Vec::with_capacity(4096),
        }
    }

    /// Sends one request and reads its response; returns the status code.
    async fn roundtrip(&mut self, request: &[u8]) -> std::io::Result<u16> {
        self.stream.write_all(request).await?;
        loop {
            if let Some((status, used)) = parse_response(&self.buf) {
                self.buf.drain(..used);
                return Ok(status);
            }
            if self.stream.read_buf(&mut self.buf).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
    }
}

/// `(status, bytes)` of a complete response at the start of `buf`.
fn parse_response(buf: &[u8]) -> Option<(u16, usize)> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .unwrap_or(0);
    (buf.len() >= end + length).then_some((status, end + length))
}

fn request(path: &str, content_type: &str, body: &str, ts: i64, retry: bool) -> Vec<u8> {
    let retry_headers = if retry {
        "x-slack-retry-num: 1\r\nx-slack-retry-reason: http_timeout\r\n"
    } else {
        ""
    };
    format!(
        "POST {path} HTTP/1.1\r\nhost: scrumbot\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\
         x-slack-request-timestamp: {ts}\r\nx-slack-signature: {}\r\n{retry_headers}\r\n{body}",
        body.len(),
        sign(ts, body)
    )
    .into_bytes()
}

/// A thread reply as Slack sends it (the fixture, re-addressed).
fn event_body(i: usize, members: usize, parent_ts: &str, strangers: bool) -> String {
    let mut v: Value = serde_json::from_str(TEMPLATE).expect("the fixture is JSON");
    let text = ANSWERS[i % ANSWERS.len()];
    let ts = format!("{}.{:06}", 1_800_000_000 + i / 1_000_000, i % 1_000_000);
    v["event_id"] = json!(format!("EvBENCH{i:08}"));
    v["event_time"] = json!(1_800_000_000 + i / 1000);
    let e = &mut v["event"];
    // Strangers are not asked: their replies cost everything but the answer write.
    let prefix = if strangers { "X" } else { "U" };
    e["user"] = json!(format!("{prefix}{:04}", i % members));
    e["ts"] = json!(ts);
    e["event_ts"] = json!(ts);
    e["thread_ts"] = json!(parent_ts);
    e["channel"] = json!(CHANNEL);
    e["text"] = json!(text);
    e["client_msg_id"] = json!(format!("bench-{i}"));
    e["blocks"][0]["elements"][0]["elements"][0]["text"] = json!(text);
    v.to_string()
}

fn command_body(text: &str, trigger: &str) -> String {
    serde_urlencoded::to_string([
        ("token", "bench"),
        ("team_id", support::TEAM),
        ("team_domain", "bench"),
        ("channel_id", CHANNEL),
        ("channel_name", "standup"),
        ("user_id", "U0000"),
        ("user_name", "u0000"),
        ("command", "/standup"),
        ("text", text),
        ("api_app_id", "A0001"),
        ("response_url", "https://hooks.slack.com/commands/T0001/1/x"),
        ("trigger_id", trigger),
    ])
    .expect("a form encodes")
}

#[tokio::main]
async fn main() {
    scrumbot::install_crypto_provider();
    let args = Args::parse();
    let backend = args.str("db", "sqlite");
    let total: usize = args.get("events", 20_000);
    let concurrency: usize = args.get("concurrency", 32);
    let share: f64 = args.get("redeliver", 0.3);
    let rate: f64 = args.get("rate", 0.0);
    let members: usize = args.get("members", 50);
    let strangers = args.flag("strangers");
    let bin = support::bot_binary(&args);

    let member_list: Vec<String> = (0..members)
        .map(|i| format!("U{i:04}"))
        .chain(["UBOT".to_string()])
        .collect();
    let fake = FakeSlack::start(Arc::new(move |_| member_list.clone()), None, Instant::now()).await;
    let url = support::fresh_database(&backend, "ingest").await;
    let bot = BotProcess::start(&bin, &fake.api_url(), &url).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (idle_rss, _) = support::rss_kib(bot.pid);

    // Open a standup the way a person does, and wait for its parent message.
    let mut conn = Conn::open(&bot.addr).await;
    let body = command_body("start", "bench-trigger-1");
    let status = conn
        .roundtrip(&request(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            &body,
            support::now_secs(),
            false,
        ))
        .await
        .expect("slash command sent");
    assert_eq!(status, 200, "/standup start answered");
    let store = scrumbot::store::Store::connect(&url)
        .await
        .expect("connect to the bot's database");
    let deadline = Instant::now() + Duration::from_secs(30);
    let parent_ts = loop {
        let open = scalar(
            &store.pool,
            "SELECT COUNT(*) FROM runs WHERE status = 'open'",
        )
        .await;
        if let Some((_, ts)) = fake.stats().parents.first().cloned().filter(|_| open == 1) {
            break ts;
        }
        assert!(
            Instant::now() < deadline,
            "the standup did not open; bot log: {}",
            bot.log.display()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };

    // Pre-sign everything: originals in order, each redelivery somewhere after its original.
    let redeliveries = ((total as f64) * share).round() as usize;
    let unique = total - redeliveries;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut order: Vec<(u64, usize, bool)> =
        (0..unique).map(|i| ((i as u64) << 20, i, false)).collect();
    for k in 0..redeliveries {
        let j = rng.below(unique as u64) as usize;
        // Half arrive while the original may still be in flight, half later.
        let gap = if k % 2 == 0 {
            1 + rng.below(concurrency as u64 * 2)
        } else {
            1 + rng.below(unique as u64)
        };
        order.push((
            ((j as u64) << 20) + (gap << 20) + rng.below(1 << 19) + 1,
            j,
            true,
        ));
    }
    order.sort_by_key(|(key, _, _)| *key);
    let signed_at = support::now_secs();
    let bodies: Vec<String> = (0..unique)
        .map(|i| event_body(i, members, &parent_ts, strangers))
        .collect();
    let requests: Arc<Vec<Vec<u8>>> = Arc::new(
        order
            .iter()
            .map(|&(_, i, retry)| {
                request(
                    "/slack/events",
                    "application/json",
                    &bodies[i],
                    signed_at,
                    retry,
                )
            })
            .collect(),
    );
    drop(bodies);
    let expected_answers = scalar(&store.pool, "SELECT COUNT(*) FROM answers").await
        + if strangers { 0 } else { unique as i64 };

    println!(
        "ingest: db={backend} events={total} (unique {unique}, redeliveries {redeliveries}) concurrency={concurrency} rate={}",
        if rate > 0.0 { format!("{rate}/s") } else { "max".into() }
    );
    let crash = args.flag("crash");
    let event_of: Arc<Vec<usize>> = Arc::new(order.iter().map(|&(_, i, _)| i).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let cpu_before = support::cpu_time(bot.pid);
    let started = Instant::now();
    if crash {
        // Halfway through, kill -9 the bot with requests in flight.
        let (next, pid) = (next.clone(), bot.pid);
        tokio::spawn(async move {
            while next.load(Ordering::Relaxed) < total / 2 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        });
    }
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (requests, next, addr, event_of) = (
            requests.clone(),
            next.clone(),
            bot.addr.clone(),
            event_of.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut conn = Conn::open(&addr).await;
            let mut latencies = Vec::new();
            let mut acked = Vec::new();
            let mut failures = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests.len() {
                    break;
                }
                let due = if rate > 0.0 {
                    let at = started + Duration::from_secs_f64(i as f64 / rate);
                    tokio::time::sleep_until(at.into()).await;
                    at
                } else {
                    Instant::now()
                };
                match conn.roundtrip(&requests[i]).await {
                    Ok(200) => acked.push(event_of[i]),
                    Ok(_) => failures += 1,
                    Err(_) if crash => break, // the bot is gone
                    Err(_) => {
                        failures += 1;
                        conn = Conn::open(&addr).await;
                    }
                }
                latencies.push(due.elapsed().as_micros() as u32);
            }
            (latencies, failures, acked)
        }));
    }
    let mut latencies = Vec::with_capacity(total);
    let mut failures = 0;
    let mut acked: Vec<usize> = Vec::new();
    for w in workers {
        let (l, f, a) = w.await.expect("worker finished");
        latencies.extend(l);
        failures += f;
        acked.extend(a);
    }
    let send_time = started.elapsed();
    latencies.sort_unstable();
    let acked_rss = support::rss_kib(bot.pid);
    if crash {
        acked.sort_unstable();
        acked.dedup();
        bot.kill().await;
        let stored = scalar(&store.pool, "SELECT COUNT(*) FROM answers").await;
        let pending = scalar(
            &store.pool,
            "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL",
        )
        .await;
        println!(
            "  crash: bot killed (SIGKILL) halfway, with requests in flight: {} distinct events acknowledged, \
             {stored} answers stored, {pending} stored events not yet handled; restarting",
            acked.len()
        );
        let bot = BotProcess::start(&bin, &fake.api_url(), &url).await;
        let mut last = (-1, Instant::now());
        while last.1.elapsed() < Duration::from_secs(3) {
            let now = scalar(&store.pool, "SELECT COUNT(*) FROM answers").await;
            if now != last.0 {
                last = (now, Instant::now());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let rows = sqlx::query("SELECT message_ts FROM answers")
            .fetch_all(&store.pool)
            .await
            .expect("read answers");
        let stored: std::collections::HashSet<usize> = rows
            .iter()
            .filter_map(|r| {
                use sqlx::Row;
                let ts: String = r.get("message_ts");
                let (secs, micros) = ts.split_once('.')?;
                Some(
                    (secs.parse::<usize>().ok()? - 1_800_000_000) * 1_000_000
                        + micros.parse::<usize>().ok()?,
                )
            })
            .collect();
        let lost = acked.iter().filter(|i| !stored.contains(i)).count();
        let dup_rows = scalar(
            &store.pool,
            "SELECT COUNT(*) FROM (SELECT run_id, message_ts FROM answers GROUP BY run_id, message_ts HAVING COUNT(*) > 1) d",
        )
        .await;
        let pending = scalar(
            &store.pool,
            "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL",
        )
        .await;
        println!(
            "  after restart: {} answers stored; acknowledged but lost: {lost}; duplicate rows {dup_rows}; \
             not yet handled {pending} (received but unacknowledged events are kept too: Slack would redeliver them)",
            stored.len()
        );
        store.pool.close().await;
        bot.stop().await;
        if !args.flag("keep") {
            support::drop_database(&url).await;
        }
        return;
    }

    // Wait until every answer is stored (or nothing moves for 10 s).
    let mut stored = 0;
    let mut last_change = Instant::now();
    let stored_at = loop {
        let now = scalar(&store.pool, "SELECT COUNT(*) FROM answers").await;
        if now != stored {
            stored = now;
            last_change = Instant::now();
        }
        if stored >= expected_answers || last_change.elapsed() > Duration::from_secs(10) {
            break started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let inbox = scalar(
        &store.pool,
        "SELECT COUNT(*) FROM inbox WHERE kind = 'event'",
    )
    .await;
    let pending = scalar(
        &store.pool,
        "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL",
    )
    .await;
    let dup_rows = scalar(
        &store.pool,
        "SELECT COUNT(*) FROM (SELECT run_id, message_ts FROM answers GROUP BY run_id, message_ts HAVING COUNT(*) > 1) d",
    )
    .await;
    let (rss, hwm) = support::rss_kib(bot.pid);
    // Until every answer is stored: the handlers' work counts too, as in
    // the perf harness's "CPU ms/req" (its rounds end when its requests do,
    // with handlers still running).
    let cpu = support::cpu_time(bot.pid) - cpu_before;

    let us = |q: f64| quantile(&latencies, q) as f64 / 1000.0;
    println!(
        "  acked:  {:.0} events/s ({} requests in {:.2} s), non-200: {failures}",
        total as f64 / send_time.as_secs_f64(),
        total,
        send_time.as_secs_f64()
    );
    println!(
        "  ack latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  p99.9 {:.2}  max {:.2}",
        us(0.5),
        us(0.9),
        us(0.99),
        us(0.999),
        us(1.0)
    );
    println!(
        "  stored: {stored} answers of {expected_answers} expected ({} missing, {} extra), duplicate rows {dup_rows}; \
         inbox rows {inbox} (unique events {unique}), unprocessed {pending}",
        (expected_answers - stored).max(0),
        (stored - expected_answers).max(0),
    );
    println!(
        "  bot CPU: {:.3} ms per request (user + system, from the first request until the answers were stored)",
        support::ms(cpu) / total as f64
    );
    println!(
        "  end-to-end: all answers stored {:.2} s after the first request = {:.0} answers/s",
        stored_at.as_secs_f64(),
        unique as f64 / stored_at.as_secs_f64()
    );
    println!(
        "  bot RSS: idle {:.1} MiB, right after the run {:.1} MiB, settled {:.1} MiB (peak {:.1} MiB)",
        idle_rss as f64 / 1024.0,
        acked_rss.0 as f64 / 1024.0,
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    store.pool.close().await;
    bot.stop().await;
    if !args.flag("keep") {
        support::drop_database(&url).await;
    }
}
