//! What the benchmark programs share: a lean fake Slack (with Slack's
//! per-method rate limits, optionally), request signing, fresh databases,
//! starting the release binary, and reading a process's RSS and CPU.
//!
//! Kept apart from `tests/common` on purpose: the test fake records every
//! call with its full parameters and reads fixtures from disk per call, which
//! is right for assertions and wrong for 10,000 calls a second.
// Every example compiles this module, but no single one uses all of it.
#![allow(dead_code)]

pub mod fake_slack;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const SIGNING_SECRET: &str = "bench-signing-secret-0123456789ab";
pub const BOT_TOKEN: &str = "xoxb-bench-token";
pub const TEAM: &str = "T0001";

/// `--key value` pairs; a bare `--flag` maps to `"true"`.
pub struct Args(HashMap<String, String>);

impl Args {
    pub fn parse() -> Args {
        let mut map = HashMap::new();
        let mut it = std::env::args().skip(1).peekable();
        while let Some(a) = it.next() {
            let Some(key) = a.strip_prefix("--") else {
                continue;
            };
            let value = match it.peek() {
                Some(v) if !v.starts_with("--") => it.next().unwrap_or_default(),
                _ => "true".to_string(),
            };
            map.insert(key.to_string(), value);
        }
        Args(map)
    }

    pub fn get<T: std::str::FromStr>(&self, key: &str, default: T) -> T {
        self.0
            .get(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    pub fn str(&self, key: &str, default: &str) -> String {
        self.0
            .get(key)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    }

    /// A comma-separated list of numbers, e.g. `--sizes 100,1000`.
    pub fn list(&self, key: &str, default: &[usize]) -> Vec<usize> {
        match self.0.get(key) {
            Some(v) => v.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
            None => default.to_vec(),
        }
    }

    pub fn flag(&self, key: &str) -> bool {
        self.0.get(key).is_some_and(|v| v != "false")
    }
}

/// Slack's signature: `v0=` + hex HMAC-SHA256 of `v0:{ts}:{body}`.
pub fn sign(timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SIGNING_SECRET.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(format!("v0:{timestamp}:{body}").as_bytes());
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

pub fn now_secs() -> i64 {
    jiff::Timestamp::now().as_second()
}

pub fn pg_admin_url() -> String {
    std::env::var("DATABASE_URL_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A fresh database: a new SQLite file under the temp dir, or a new
/// PostgreSQL database on the admin server. Returns its URL.
pub async fn fresh_database(backend: &str, label: &str) -> String {
    static SEQ: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "scrumbot_bench_{label}_{}_{}_{}",
        std::process::id(),
        now_secs(),
        SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    match backend {
        "sqlite" => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            format!("sqlite://{}?mode=rwc", path.display())
        }
        "postgres" => {
            use sqlx::Executor;
            sqlx::any::install_default_drivers();
            let admin = pg_admin_url();
            let pool = sqlx::any::AnyPoolOptions::new()
                .max_connections(1)
                .connect(&admin)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL is needed at {admin}: {e}"));
            pool.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .expect("create the benchmark database");
            pool.close().await;
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            format!("{base}/{name}")
        }
        other => panic!("--db must be sqlite or postgres, not {other}"),
    }
}

/// Removes what [`fresh_database`] made.
pub async fn drop_database(url: &str) {
    if let Some(rest) = url.strip_prefix("sqlite://") {
        let path = rest.split('?').next().unwrap_or(rest);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
        return;
    }
    use sqlx::Executor;
    let Some((_, name)) = url.rsplit_once('/') else {
        return;
    };
    if let Ok(pool) = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&pg_admin_url())
        .await
    {
        let _ = pool
            .execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .await;
        pool.close().await;
    }
}

/// The configuration variables of a bot pointed at `slack_api` and `db`.
pub fn bot_env(slack_api: &str, db: &str, listen: &str) -> Vec<(String, String)> {
    [
        ("SLACK_BOT_TOKEN", BOT_TOKEN),
        ("SLACK_SIGNING_SECRET", SIGNING_SECRET),
        ("SLACK_API_URL", slack_api),
        ("DATABASE_URL", db),
        ("SCRUMBOT_LISTEN", listen),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// A configuration for an in-process bot.
pub fn bot_config(slack_api: &str, db: &str, extra: &[(&str, &str)]) -> scrumbot::config::Config {
    let mut vars: HashMap<String, String> =
        bot_env(slack_api, db, "127.0.0.1:0").into_iter().collect();
    for (k, v) in extra {
        vars.insert(k.to_string(), v.to_string());
    }
    scrumbot::config::Config::from_lookup(|k| vars.get(k).cloned())
        .expect("the benchmark configuration is valid")
}

/// `scrumbot serve` as a child process (the release binary).
pub struct BotProcess {
    pub child: tokio::process::Child,
    pub pid: u32,
    pub addr: String,
    pub log: PathBuf,
}

pub fn bot_binary(args: &Args) -> PathBuf {
    let path = PathBuf::from(args.str(
        "bot-bin",
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/scrumbot"),
    ));
    if !path.exists() {
        panic!(
            "{} not found: run `cargo build --release` first (or pass --bot-bin)",
            path.display()
        );
    }
    path
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl BotProcess {
    /// Starts the bot and waits until `/healthz` answers 200.
    pub async fn start(bin: &std::path::Path, slack_api: &str, db: &str) -> BotProcess {
        let addr = format!("127.0.0.1:{}", free_port());
        let log = std::env::temp_dir().join(format!("scrumbot-bench-{}.log", std::process::id()));
        let log_file = std::fs::File::create(&log).expect("bot log file");
        let mut cmd = tokio::process::Command::new(bin);
        cmd.arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env(
                "RUST_LOG",
                std::env::var("BOT_LOG").unwrap_or("warn".into()),
            )
            .env("SCRUMBOT_LOG_FORMAT", "json")
            .current_dir(std::env::temp_dir())
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("log file"))
            .stderr(log_file)
            .kill_on_drop(true);
        for (k, v) in bot_env(slack_api, db, &addr) {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start the scrumbot binary");
        let pid = child.id().expect("a running child has a pid");
        let bot = BotProcess {
            child,
            pid,
            addr,
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if http_get_status(&bot.addr, "/healthz").await == Some(200) {
                return bot;
            }
            if Instant::now() > deadline {
                panic!(
                    "the bot did not become healthy in 60 s; log: {}",
                    bot.log.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL: a crash, with whatever was in flight.
    pub async fn kill(mut self) {
        let _ = self.child.kill().await;
    }

    /// SIGTERM (graceful), then waits; SIGKILL if it lingers.
    pub async fn stop(mut self) {
        let _ = std::process::Command::new("kill")
            .arg("-TERM")
            .arg(self.pid.to_string())
            .status();
        if tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .is_err()
        {
            let _ = self.child.kill().await;
        }
    }
}

/// A minimal GET over a fresh connection; the status code, if any.
pub async fn http_get_status(addr: &str, path: &str) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n").as_bytes(),
    )
    .await
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.ok()?;
    let text = String::from_utf8_lossy(&buf);
    text.split_whitespace().nth(1)?.parse().ok()
}

/// `VmRSS` and `VmHWM` of a process, in KiB.
pub fn rss_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// User + system CPU time a process has used so far.
pub fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may contain spaces; fields after it are fixed.
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    // After ")": state is field 3, utime field 14, stime field 15 (1-based in proc(5)).
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let total = ticks(11) + ticks(12);
    // USER_HZ is 100 on Linux.
    Duration::from_millis(total * 10)
}

/// The value at quantile `q` (0..=1) of sorted samples.
pub fn quantile<T: Copy + Default>(sorted: &[T], q: f64) -> T {
    if sorted.is_empty() {
        return T::default();
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Reads one integer from the database.
pub async fn scalar(pool: &sqlx::AnyPool, sql: &str) -> i64 {
    use sqlx::Row;
    let row = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    row.try_get::<i64, _>(0)
        .or_else(|_| row.try_get::<i32, _>(0).map(i64::from))
        .unwrap_or_default()
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
