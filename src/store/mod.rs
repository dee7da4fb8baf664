//! Storage: one [`Store`] over sqlx's `AnyPool`, so the same queries run on
//! SQLite (the embedded default) and PostgreSQL (for several replicas).
//!
//! Queries are runtime-checked (`sqlx::query`), never compile-time macros, so
//! building needs no live database; both backends run the same storage tests.
//! Portability rules kept here: `$n` placeholders, integers as BIGINT/i64,
//! timestamps as epoch seconds, JSON as TEXT, `ON CONFLICT DO NOTHING` for claims.
//!
//! sqlx is built without its `macros`/`derive` features, on purpose: enabling
//! them compiles bundled SQLite and several crates a second time for the
//! proc-macro host, ~17 % longer clean builds (`/work/shared/STACK.md`). So:
//! - rows are read by hand-written `*_from_row` functions rather than
//!   `derive(FromRow)`. They do more than copy columns: JSON lists and
//!   schedules are parsed into domain types, 0/1 integers become bools, and
//!   [`get_i64`] accepts either integer width (the Any driver reports
//!   SQLite's and PostgreSQL's integers differently). A derive would need an
//!   intermediate row struct per table plus the same conversions;
//! - migrations are embedded with `include_str!` and run by `Migrator` (see
//!   below) rather than `sqlx::migrate!`, which is a macro of the same feature
//!   and would add nothing here: the backend's folder is chosen at run time
//!   from the URL either way.

pub mod api_reads;
pub mod api_tokens;
mod batch;
mod cache;
pub mod digests;
pub mod followup;
pub mod inbox;
pub mod installations;
pub mod meetings;
pub mod posts;
mod recovery;
pub mod retention;
pub mod stakeholder;
pub mod standups;
pub mod tickets;

use std::borrow::Cow;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, SqlStr};

use crate::clock::Clock;

/// Storage failures; callers branch on none of them, but they name the backend query that failed.
pub type StoreResult<T> = Result<T, sqlx::Error>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Group commit of the hot writes (see `batch`).
    batches: std::sync::Arc<batch::Batches>,
    /// Short-lived answers to the per-message lookups (see `cache`).
    cache: std::sync::Arc<cache::ReadCache>,
    /// Where every timestamp the store writes comes from: the system clock in
    /// production, the tests' manual clock in tests (never the wall clock
    /// directly, or a test moving its clock would see rows from "the future").
    clock: Clock,
}

/// How SQLite makes a commit durable (PostgreSQL always flushes its WAL).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SqliteSync {
    /// `synchronous = NORMAL`: a commit survives the process crashing, not
    /// a power cut or a kernel crash (the WAL is synced at checkpoints only).
    Normal,
    /// `synchronous = FULL`: the WAL is synced at every commit, so an event
    /// acknowledged to Slack survives a power cut too. The default: the
    /// group commit (see `batch`) shares one sync among the concurrent
    /// writes, and BENCHMARKS.md measures what it costs.
    #[default]
    Full,
}

/// Set on every SQLite connection, sqlx's and the writer thread's
/// (`batch::sqlite_thread`), after WAL mode and `synchronous`: the lock
/// wait, foreign keys, and 512 KiB of page cache per connection instead of
/// 2 MiB — the hot pages (the ends of the inbox's b-trees, the open runs)
/// fit, and the OS caches the file.
const SQLITE_PRAGMAS: [&str; 3] = [
    "PRAGMA busy_timeout = 10000",
    "PRAGMA foreign_keys = ON",
    "PRAGMA cache_size = -512",
];

impl SqliteSync {
    fn pragma(self) -> &'static str {
        match self {
            SqliteSync::Normal => "PRAGMA synchronous = NORMAL",
            SqliteSync::Full => "PRAGMA synchronous = FULL",
        }
    }
}

/// How the store is opened, beyond its URL and clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreOptions {
    pub sqlite_sync: SqliteSync,
}

/// Migrations are embedded in the binary so `scrumbot` runs from any directory.
pub(crate) const SQLITE_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../../migrations/sqlite/0001_init.sql"),
    ),
    (
        2,
        "digests",
        include_str!("../../migrations/sqlite/0002_digests.sql"),
    ),
    (
        3,
        "perf",
        include_str!("../../migrations/sqlite/0003_perf.sql"),
    ),
    (
        4,
        "trust",
        include_str!("../../migrations/sqlite/0004_trust.sql"),
    ),
    (
        5,
        "inbox_lease",
        include_str!("../../migrations/sqlite/0005_inbox_lease.sql"),
    ),
    (
        6,
        "installations",
        include_str!("../../migrations/sqlite/0006_installations.sql"),
    ),
    (
        7,
        "standup_owners",
        include_str!("../../migrations/sqlite/0007_standup_owners.sql"),
    ),
    (
        8,
        "answer_mode",
        include_str!("../../migrations/sqlite/0008_answer_mode.sql"),
    ),
    (
        9,
        "api_tokens",
        include_str!("../../migrations/sqlite/0009_api_tokens.sql"),
    ),
    (
        10,
        "meetings",
        include_str!("../../migrations/sqlite/0010_meetings.sql"),
    ),
    (
        11,
        "trackers",
        include_str!("../../migrations/sqlite/0011_trackers.sql"),
    ),
    (
        12,
        "held_replies",
        include_str!("../../migrations/sqlite/0012_held_replies.sql"),
    ),
    (
        13,
        "item_done_by",
        include_str!("../../migrations/sqlite/0013_item_done_by.sql"),
    ),
    (
        14,
        "inbox_pending_partial",
        include_str!("../../migrations/sqlite/0014_inbox_pending_partial.sql"),
    ),
];
pub(crate) const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "digests",
        include_str!("../../migrations/postgres/0002_digests.sql"),
    ),
    (
        3,
        "perf",
        include_str!("../../migrations/postgres/0003_perf.sql"),
    ),
    (
        4,
        "trust",
        include_str!("../../migrations/postgres/0004_trust.sql"),
    ),
    (
        5,
        "inbox_lease",
        include_str!("../../migrations/postgres/0005_inbox_lease.sql"),
    ),
    (
        6,
        "installations",
        include_str!("../../migrations/postgres/0006_installations.sql"),
    ),
    (
        7,
        "standup_owners",
        include_str!("../../migrations/postgres/0007_standup_owners.sql"),
    ),
    (
        8,
        "answer_mode",
        include_str!("../../migrations/postgres/0008_answer_mode.sql"),
    ),
    (
        9,
        "api_tokens",
        include_str!("../../migrations/postgres/0009_api_tokens.sql"),
    ),
    (
        10,
        "meetings",
        include_str!("../../migrations/postgres/0010_meetings.sql"),
    ),
    (
        11,
        "trackers",
        include_str!("../../migrations/postgres/0011_trackers.sql"),
    ),
    (
        12,
        "held_replies",
        include_str!("../../migrations/postgres/0012_held_replies.sql"),
    ),
    (
        13,
        "item_done_by",
        include_str!("../../migrations/postgres/0013_item_done_by.sql"),
    ),
    (
        14,
        "inbox_pending_partial",
        include_str!("../../migrations/postgres/0014_inbox_pending_partial.sql"),
    ),
];

impl Store {
    /// Connects to `url` (`sqlite:…` or `postgres://…`) without migrating,
    /// on the system clock (for `scrumbot migrate`/`check` and tools).
    pub async fn connect(url: &str) -> anyhow::Result<Store> {
        Store::connect_on(url, Clock::system(), StoreOptions::default()).await
    }

    /// Connects, applies the migrations, and stamps rows with `clock`
    /// (default options).
    pub async fn open(url: &str, clock: Clock) -> anyhow::Result<Store> {
        Store::open_with(url, clock, StoreOptions::default()).await
    }

    /// [`Store::open`] with `options`.
    pub async fn open_with(
        url: &str,
        clock: Clock,
        options: StoreOptions,
    ) -> anyhow::Result<Store> {
        let store = Store::connect_on(url, clock, options).await?;
        store.migrate().await?;
        Ok(store)
    }

    async fn connect_on(url: &str, clock: Clock, opts: StoreOptions) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let mut options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        options = match backend {
            Backend::Sqlite => options
                // SQLite has one writer; more connections let readers proceed
                // under WAL while the group commit (see `batch`) writes. Four:
                // eight were worth it before the read cache (`cache`) took the
                // per-message lookups off the database (BENCHMARKS.md § 1);
                // since then the extra four only held page caches and prepared
                // statements (§ 5: peak RSS under load 46 → 30 MiB with the
                // settings below and the allocator's arena limit in `main`).
                .max_connections(if url.contains(":memory:") { 1 } else { 4 })
                .idle_timeout(None)
                .max_lifetime(None)
                // A ping before each use is one more hand-off to the
                // connection's thread; a local file does not go stale.
                .test_before_acquire(false)
                .after_connect(move |conn, _meta| {
                    Box::pin(async move {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute(opts.sqlite_sync.pragma()).await?;
                        for pragma in SQLITE_PRAGMAS {
                            conn.execute(pragma).await?;
                        }
                        Ok(())
                    })
                }),
            Backend::Postgres => options.max_connections(10),
        };
        let pool = options
            .connect(url)
            .await
            // The URL may carry a password: name the backend, never the URL.
            .map_err(|e| anyhow::anyhow!("cannot connect to the {backend:?} database: {e}"))?;
        // A SQLite file's group-commit turns are written by a thread of
        // their own, off sqlx (see `batch`); opened after the pool, which
        // creates the file and puts it in WAL mode.
        let writer = if backend == Backend::Sqlite && batch::own_writer(url) {
            let writer = batch::spawn_sqlite_writer(url, opts.sqlite_sync);
            Some(writer.map_err(|e| anyhow::anyhow!("cannot open the SQLite writer: {e}"))?)
        } else {
            None
        };
        Ok(Store {
            pool,
            backend,
            batches: std::sync::Arc::new(batch::Batches::new(backend, writer)),
            cache: Default::default(),
            clock,
        })
    }

    /// Now on the store's clock, in epoch seconds.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        let list = match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS,
            Backend::Postgres => POSTGRES_MIGRATIONS,
        };
        let migrations = list
            .iter()
            .map(|(version, name, sql)| {
                Migration::new(
                    *version,
                    Cow::Borrowed(*name),
                    MigrationType::Simple,
                    SqlStr::from_static(sql),
                    false,
                )
            })
            .collect();
        Migrator::with_migrations(migrations)
            .run(&self.pool)
            .await
            .map_err(|e| anyhow::anyhow!("database migration failed: {e}"))
    }

    /// `SELECT 1`, for `/healthz` and `scrumbot check`.
    pub async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(drop)
    }
}

/// Reads an i64 column that may be stored as any integer width.
pub(crate) fn get_i64(row: &AnyRow, col: &str) -> i64 {
    use sqlx::Row;
    row.try_get::<i64, _>(col)
        .or_else(|_| row.try_get::<i32, _>(col).map(i64::from))
        .unwrap_or_default()
}
