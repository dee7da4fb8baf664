//! Scheduler benchmark: the cost of one scheduler tick (finding due work)
//! with 10,000 / 30,000 / 100,000 configured standups and 10 % of them with
//! an open run, and the CPU and RSS of the idle bot (the release binary)
//! over a minute with the largest of those databases.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example scheduler_tick -- --db sqlite --sizes 10000,30000,100000 --idle-secs 60
//! cargo run --release --example scheduler_tick -- --db postgres --sizes 100000 --idle-secs 0
//! ```

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use scrumbot::app::Application;
use sqlx::Row;
use support::fake_slack::FakeSlack;
use support::{quantile, Args};

/// Rows per INSERT when seeding (well under both backends' parameter limits).
const SEED_BATCH: usize = 500;

async fn seed(pool: &sqlx::AnyPool, n: usize, open_runs: usize, now: i64) {
    // Next runs spread over the coming week, none within the next day, so
    // nothing falls due while the bot idles.
    let mut tx = pool.begin().await.expect("transaction");
    for start in (0..n).step_by(SEED_BATCH) {
        let rows = SEED_BATCH.min(n - start);
        let mut sql = String::from(
            "INSERT INTO standups (team_id, channel_id, name, questions, days, time_of_day, tz, participants, \
             close_after_minutes, reminder_before_minutes, paused, next_run_at, created_by, created_at) VALUES ",
        );
        for r in 0..rows {
            let b = r * 5;
            if r > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, 'standup', '[\"Done?\",\"Next?\",\"Blockers?\"]', 'mon,tue,wed,thu,fri', '09:30', ${}, NULL, 180, 60, 0, ${}, ${}, 0)",
                b + 1, b + 2, b + 3, b + 4, b + 5
            ));
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for i in start..start + rows {
            q = q
                .bind(format!("T{:05}", i % 1000))
                .bind(format!("C{i:07}"))
                .bind(["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"][i % 4])
                .bind(now + 86_400 + (i as i64 * 7 * 86_400 / n as i64))
                .bind(format!("U{i:07}"));
        }
        q.execute(&mut *tx).await.expect("seed standups");
    }
    tx.commit().await.expect("commit");
    // Open runs: reminders and closes due later today.
    let mut tx = pool.begin().await.expect("transaction");
    for start in (0..open_runs).step_by(SEED_BATCH) {
        let rows = SEED_BATCH.min(open_runs - start);
        let mut sql = String::from(
            "INSERT INTO runs (team_id, standup_id, channel_id, run_date, status, questions, expected, parent_ts, \
             opened_at, remind_at, reminded, closes_at) VALUES ",
        );
        for r in 0..rows {
            let b = r * 6;
            if r > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, '2025-11-25', 'open', '[]', '[\"U1\"]', ${}, ${}, ${}, 0, ${} + 3600)",
                b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 6
            ));
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for i in start..start + rows {
            let i = i * (n / open_runs.max(1)).max(1);
            q = q
                .bind(format!("T{:05}", i % 1000))
                .bind((i + 1) as i64)
                .bind(format!("C{i:07}"))
                .bind(format!("1732550000.{:06}", i % 1_000_000))
                .bind(now - 600)
                .bind(now + 3600 + (i as i64 % 7200));
        }
        q.execute(&mut *tx).await.expect("seed runs");
    }
    tx.commit().await.expect("commit");
}

fn stats(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let us = |q: f64| quantile(&samples, q).as_secs_f64() * 1e6;
    println!(
        "    {label:<34} p50 {:>8.1} µs   p99 {:>8.1} µs   max {:>8.1} µs",
        us(0.5),
        us(0.99),
        us(1.0)
    );
}

async fn time<F, Fut>(iters: usize, mut f: F) -> Vec<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for _ in 0..5 {
        f().await;
    }
    let mut out = Vec::with_capacity(iters);
    for _ in 0..iters {
        let t = Instant::now();
        f().await;
        out.push(t.elapsed());
    }
    out
}

async fn explain(pool: &sqlx::AnyPool, sql: &str) -> String {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
        .fetch_all(pool)
        .await
        .unwrap_or_default();
    rows.iter()
        .filter_map(|r| r.try_get::<String, _>("detail").ok())
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::main]
async fn main() {
    scrumbot::install_crypto_provider();
    let args = Args::parse();
    let backend = args.str("db", "sqlite");
    let sizes = args.list("sizes", &[10_000, 30_000, 100_000]);
    let iters: usize = args.get("iters", 300);
    let idle_secs: u64 = args.get("idle-secs", 60);
    let open_share: f64 = args.get("open-share", 0.1);
    let fake = FakeSlack::start(Arc::new(|_: &str| vec![]), None, Instant::now()).await;
    let mut last_url = None;

    println!("scheduler tick: db={backend}, {iters} ticks per size, {:.0} % of standups with an open run", open_share * 100.0);
    for &n in &sizes {
        let url = support::fresh_database(&backend, "sched").await;
        let now = support::now_secs();
        let open_runs = ((n as f64) * open_share) as usize;
        let t = Instant::now();
        {
            let store = scrumbot::store::Store::open(&url, scrumbot::clock::Clock::system())
                .await
                .expect("database");
            seed(&store.pool, n, open_runs, now).await;
            if backend == "postgres" {
                let _ = sqlx::query("ANALYZE").execute(&store.pool).await;
            }
            store.pool.close().await;
        }
        println!(
            "  {n} standups, {open_runs} open runs (seeded in {:.1} s)",
            t.elapsed().as_secs_f64()
        );
        let config = support::bot_config(&fake.api_url(), &url, &[]);
        // Built but not run: the benchmark drives the ticks itself.
        let app = Application::build(config).await.expect("the bot starts");
        let ctx = app.context();
        let store = ctx.store.clone();

        stats(
            "tick() (nothing due)",
            time(iters, || async {
                scrumbot::scheduler::tick(&ctx).await.expect("tick");
            })
            .await,
        );
        stats(
            "standups_due (0 due)",
            time(iters, || async {
                store.standups_due(now, 500).await.expect("query");
            })
            .await,
        );
        stats(
            "standups_due (500 of them due)",
            time(iters.min(100), || async {
                let due = store
                    .standups_due(now + 30 * 86_400, 500)
                    .await
                    .expect("query");
                assert_eq!(due.len(), 500.min(n));
            })
            .await,
        );
        stats(
            "runs_due_reminder (0 due)",
            time(iters, || async {
                store.runs_due_reminder(now).await.expect("query");
            })
            .await,
        );
        stats(
            "runs_due_close (0 due)",
            time(iters, || async {
                store.runs_due_close(now).await.expect("query");
            })
            .await,
        );
        if backend == "sqlite" {
            for (name, sql) in [
                ("standups_due", "SELECT id FROM standups WHERE next_run_at IS NOT NULL AND next_run_at <= 1 AND paused = 0 ORDER BY next_run_at LIMIT 500"),
                ("runs_due_reminder", "SELECT id FROM runs WHERE status = 'open' AND reminded = 0 AND remind_at IS NOT NULL AND remind_at <= 1 ORDER BY remind_at LIMIT 500"),
                ("runs_due_close", "SELECT id FROM runs WHERE status = 'open' AND closes_at <= 1 ORDER BY closes_at LIMIT 500"),
            ] {
                println!("    plan {name}: {}", explain(&store.pool, sql).await);
            }
        }
        drop(app);
        store.pool.close().await;
        if let Some(old) = last_url.replace(url) {
            support::drop_database(&old).await;
        }
    }

    let Some(url) = last_url else { return };
    if idle_secs > 0 {
        let bin = support::bot_binary(&args);
        let bot = support::BotProcess::start(&bin, &fake.api_url(), &url).await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        let cpu0 = support::cpu_time(bot.pid);
        let t0 = Instant::now();
        tokio::time::sleep(Duration::from_secs(idle_secs)).await;
        let cpu = support::cpu_time(bot.pid) - cpu0;
        let wall = t0.elapsed();
        let (rss, hwm) = support::rss_kib(bot.pid);
        println!(
            "  idle bot ({} standups): CPU {:.2} s in {:.0} s = {:.3} % of one core; RSS {:.1} MiB (peak {:.1} MiB)",
            sizes.last().copied().unwrap_or(0),
            cpu.as_secs_f64(),
            wall.as_secs_f64(),
            100.0 * cpu.as_secs_f64() / wall.as_secs_f64(),
            rss as f64 / 1024.0,
            hwm as f64 / 1024.0
        );
        bot.stop().await;
    }
    if !args.flag("keep") {
        support::drop_database(&url).await;
    }
}
