//! Fan-out benchmark: N standups (across many teams and time zones) due in
//! the same second, against a fake Slack that enforces Slack's per-method
//! rate limits (429 + `Retry-After`). Measures the time until every parent
//! message and every nudge is posted, compares it with the least time the
//! rate limits allow, and checks that nothing was posted twice or dropped
//! and that no 429 was ignored.
//!
//! ```sh
//! cargo run --release --example fanout -- --db sqlite --standups 10000 --speedup 120
//! ```
//!
//! `--speedup S` compresses Slack's per-minute allowances into 1-second
//! windows at S/60 of a minute's allowance per second (60 = real counts per
//! second instead of per minute); `--speedup 0` turns the limits off. Each
//! standup's channel has one human member plus the bot, so opening one run
//! costs conversations.members, users.info, chat.postMessage (parent),
//! chat.getPermalink, conversations.open and chat.postMessage (nudge).
//!
//! `--workspaces W` runs the bot multi-workspace (OAuth mode): W installations
//! (tokens sealed in the database, as "Add to Slack" leaves them), 10
//! standups each by default (`--standups` to change the total), and the fake
//! counting rate limits per workspace and method, as Slack does.
//! `--busy B` gives the first workspace B more standups: the report then
//! says when the other workspaces were done and when the busy one was, to
//! show that one busy workspace does not slow the others down.
//!
//! ```sh
//! cargo run --release --example fanout -- --db sqlite --workspaces 1000 --busy 2000 --speedup 120
//! ```

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use scrumbot::app::Application;
use scrumbot::install::crypto::TokenKey;
use scrumbot::standup::Standup;
use scrumbot::store::installations::StoredInstallation;
use support::fake_slack::{FakeSlack, RateLimits};
use support::{scalar, Args};

const ZONES: [&str; 12] = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Africa/Lagos",
    "Pacific/Auckland",
    "Asia/Singapore",
    "UTC",
];

fn channel(i: usize) -> String {
    format!("C{i:06}")
}

fn member(i: usize) -> String {
    format!("U{i:06}")
}

fn team_token(team: &str) -> String {
    format!("xoxb-bench-{team}")
}

/// The benchmark's encryption key (base64 of 32 bytes).
const KEY: &str = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

/// One installation per team, its token sealed as an install stores it.
async fn seed_installations(store: &scrumbot::store::Store, teams: usize) {
    let key = TokenKey::from_base64(KEY).expect("a valid key");
    for t in 0..teams {
        let team = format!("T{t:05}");
        let token = secrecy::SecretString::from(team_token(&team));
        let row = StoredInstallation {
            install_key: team.clone(),
            team_id: Some(team.clone()),
            enterprise_id: None,
            is_enterprise: false,
            app_id: None,
            bot_user_id: "UBOT".into(),
            bot_id: Some("BBOT".into()),
            url: None,
            scopes: String::new(),
            installer_user_id: None,
            bot_token_sealed: Some(key.seal(&team, &token)),
            refresh_token_sealed: None,
            token_expires_at: None,
            revoked_at: None,
        };
        store
            .installation_upsert(&row)
            .await
            .expect("an installation");
    }
}

/// The bot's configuration: one token, or (`workspaces`) OAuth mode.
fn config(api: &str, db: &str, tick: &str, workspaces: bool) -> scrumbot::config::Config {
    let mut vars: std::collections::HashMap<String, String> =
        support::bot_env(api, db, "127.0.0.1:0")
            .into_iter()
            .collect();
    vars.insert("SCRUMBOT_TICK_MS".into(), tick.into());
    if workspaces {
        vars.remove("SLACK_BOT_TOKEN");
        for (k, v) in [
            ("SLACK_CLIENT_ID", "1.2"),
            ("SLACK_CLIENT_SECRET", "bench-client-secret"),
            ("SCRUMBOT_PUBLIC_URL", "https://bench.example.com"),
            ("SCRUMBOT_ENCRYPTION_KEY", KEY),
        ] {
            vars.insert(k.into(), v.into());
        }
    }
    scrumbot::config::Config::from_lookup(|k| vars.get(k).cloned()).expect("a valid configuration")
}

#[tokio::main]
async fn main() {
    scrumbot::install_crypto_provider();
    if std::env::var("BENCH_LOG").is_ok() {
        scrumbot::telemetry::init(scrumbot::config::LogFormat::Pretty);
    }
    let args = Args::parse();
    let backend = args.str("db", "sqlite");
    let workspaces: usize = args.get("workspaces", 0);
    let quiet: usize = args.get(
        "standups",
        if workspaces > 0 {
            workspaces * 10
        } else {
            1000
        },
    );
    let busy: usize = args.get("busy", 0);
    // The busy workspace's extra standups come after the others' channels.
    let n = quiet + busy;
    let teams: usize = if workspaces > 0 {
        workspaces
    } else {
        args.get("teams", (n / 10).max(1))
    };
    let team_of = |i: usize| {
        if i >= quiet {
            "T00000".to_string()
        } else {
            format!("T{:05}", i % teams)
        }
    };
    let speedup: u32 = args.get("speedup", 120);
    let tick_ms: u64 = args.get("tick-ms", 1000);
    let lead = Duration::from_secs(2);

    let url = support::fresh_database(&backend, "fanout").await;
    // Seed the standups with no next run; they are all made due at once below.
    let seeded = Instant::now();
    {
        let store = scrumbot::store::Store::open(&url, scrumbot::clock::Clock::system())
            .await
            .expect("database");
        if workspaces > 0 {
            seed_installations(&store, teams).await;
        }
        for i in 0..n {
            let team = team_of(i);
            let mut s =
                Standup::with_defaults(&team, &channel(i), &member(i), ZONES[i % ZONES.len()]);
            s.next_run_at = None;
            store.standup_insert(&s).await.expect("insert a standup");
        }
        store.pool.close().await;
    }
    let seed_time = seeded.elapsed();

    // Windows of the rate limits start when the standups become due.
    let due_at = support::now_secs() + 1 + lead.as_secs() as i64;
    let due_instant = Instant::now()
        + Duration::from_millis(
            (due_at * 1000 - jiff::Timestamp::now().as_millisecond()).max(0) as u64,
        );
    let limits = (speedup > 0).then(|| RateLimits::slack_tiers(speedup));
    let fake = FakeSlack::start(
        Arc::new(|ch: &str| {
            let i: usize = ch.trim_start_matches('C').parse().unwrap_or(0);
            vec![member(i), "UBOT".to_string()]
        }),
        limits.clone(),
        due_instant,
    )
    .await;
    let tick = tick_ms.to_string();
    let config = config(&fake.api_url(), &url, &tick, workspaces > 0);
    let app = Application::build(config).await.expect("the bot starts");
    let ctx = app.context();
    let server = tokio::spawn(app.run());
    sqlx::query("UPDATE standups SET next_run_at = $1")
        .bind(due_at)
        .execute(&ctx.store.pool)
        .await
        .expect("make every standup due");

    println!(
        "fan-out: db={backend} standups={n} teams={teams} workspaces={workspaces} busy={busy} zones={} speedup={speedup} tick={tick_ms}ms (seeded in {:.1} s)",
        ZONES.len(),
        seed_time.as_secs_f64()
    );
    if let Some(l) = &limits {
        let mut m: Vec<_> = l.per_method.iter().collect();
        m.sort();
        println!(
            "  limits per {:?} window: {}",
            l.window,
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }

    // Done when every channel has its parent and every member their nudge.
    let give_up = Duration::from_secs(args.get("timeout", 900));
    let mut parents_done = None;
    let mut last_progress = (0u64, Instant::now());
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let stats = fake.stats();
        let parents = stats
            .posts_per_channel
            .keys()
            .filter(|c| c.starts_with('C'))
            .count();
        let dms = stats
            .posts_per_channel
            .keys()
            .filter(|c| c.starts_with('D'))
            .count();
        if parents >= n && parents_done.is_none() {
            parents_done = stats.last_post;
        }
        if parents >= n && dms >= n {
            break;
        }
        let calls = fake.total_calls();
        if calls != last_progress.0 {
            last_progress = (calls, Instant::now());
        }
        if due_instant.elapsed() > give_up || last_progress.1.elapsed() > Duration::from_secs(30) {
            println!("  stopped waiting: no progress for 30 s or past --timeout");
            break;
        }
    }
    // Let stragglers (a duplicate would come late) arrive before counting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let stats = fake.stats();
    let all_done = stats
        .last_post
        .map(|t| t.saturating_duration_since(due_instant));

    let parents = (0..n)
        .map(|i| {
            stats
                .posts_per_channel
                .get(&channel(i))
                .copied()
                .unwrap_or(0)
        })
        .collect::<Vec<_>>();
    let nudges = (0..n)
        .map(|i| {
            stats
                .posts_per_channel
                .get(&format!("D{}", member(i)))
                .copied()
                .unwrap_or(0)
        })
        .collect::<Vec<_>>();
    let dropped = |v: &[u32]| v.iter().filter(|&&c| c == 0).count();
    let doubled = |v: &[u32]| v.iter().filter(|&&c| c > 1).count();

    // The least time the limits allow: the most constrained key's (workspace
    // and method's) calls / its allowance.
    let mut bound = 0.0f64;
    for (key, ok) in &stats.per_key_ok {
        let method = key.split('|').nth(1).unwrap_or("");
        if let Some(l) = limits.as_ref().and_then(|l| l.per_method.get(method)) {
            bound = bound.max(*ok as f64 / f64::from(*l));
        }
    }
    let mut methods: Vec<_> = stats.methods.iter().collect();
    methods.sort_by_key(|(k, _)| k.as_str());
    println!(
        "  method                    ok     429s  ignored  limit/window  one key's least time"
    );
    let (mut total_429, mut total_ignored) = (0, 0);
    for (name, m) in &methods {
        let limit = limits
            .as_ref()
            .and_then(|l| l.per_method.get(*name))
            .copied();
        let least = limit.map(|l| m.ok as f64 / l as f64);
        total_429 += m.limited;
        total_ignored += m.ignored;
        println!(
            "  {name:<24} {:>6} {:>8} {:>8} {:>13} {:>10}",
            m.ok,
            m.limited,
            m.ignored,
            limit.map_or("-".into(), |l| l.to_string()),
            least.map_or("-".into(), |t| format!("{t:.1} s"))
        );
    }
    let runs = scalar(&ctx.store.pool, "SELECT COUNT(*) FROM runs").await;
    let open = scalar(
        &ctx.store.pool,
        "SELECT COUNT(*) FROM runs WHERE status = 'open'",
    )
    .await;
    println!(
        "  parents: {} posted, {} dropped, {} posted twice; all posted {:.1} s after due",
        parents.iter().filter(|&&c| c > 0).count(),
        dropped(&parents),
        doubled(&parents),
        parents_done
            .map(|t| t.saturating_duration_since(due_instant).as_secs_f64())
            .unwrap_or(f64::NAN)
    );
    println!(
        "  nudges:  {} posted, {} dropped, {} posted twice",
        nudges.iter().filter(|&&c| c > 0).count(),
        dropped(&nudges),
        doubled(&nudges)
    );
    println!("  runs in the database: {runs} ({open} open)");
    if workspaces > 0 {
        report_workspaces(&stats, teams, due_instant);
    }
    println!("  429s received: {total_429}, ignored (a call inside Retry-After): {total_ignored}");
    let complete = dropped(&parents) == 0 && dropped(&nudges) == 0;
    match all_done {
        Some(_) if !complete => {
            println!("  incomplete: some parents or nudges were never posted (no ratio)")
        }
        Some(t) if bound > 0.0 => println!(
            "  time until every parent and nudge was posted: {:.1} s; least the limits allow: {bound:.1} s; ratio {:.2}",
            t.as_secs_f64(),
            t.as_secs_f64() / bound
        ),
        Some(t) => println!(
            "  time until every parent and nudge was posted: {:.1} s (no rate limits)",
            t.as_secs_f64()
        ),
        None => println!("  nothing was posted"),
    }
    server.abort();
    let _ = server.await;
    ctx.store.pool.close().await;
    if !args.flag("keep") {
        support::drop_database(&url).await;
    }
}

/// When the quiet workspaces were done, and when the busy one (`T00000`) was.
fn report_workspaces(stats: &support::fake_slack::Stats, teams: usize, due: Instant) {
    let after = |token: &str| {
        stats
            .last_post_per_token
            .get(token)
            .map(|t| t.saturating_duration_since(due).as_secs_f64())
    };
    let quiet: Vec<f64> = (1..teams)
        .filter_map(|t| after(&team_token(&format!("T{t:05}"))))
        .collect();
    let slowest = quiet.iter().copied().fold(0.0f64, f64::max);
    let mut sorted = quiet.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    println!(
        "  workspaces: {} of {} others done (median {median:.1} s, last {slowest:.1} s after due); busy T00000 done {:.1} s after due",
        quiet.len(),
        teams.saturating_sub(1),
        after(&team_token("T00000")).unwrap_or(f64::NAN)
    );
}
