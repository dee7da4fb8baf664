//! SQLite's hot writer: one OS thread that owns a `rusqlite` connection to
//! the store's database file and writes every group-commit turn.
//!
//! Why not sqlx: each sqlx SQLite connection runs on a worker thread of its
//! own, and every statement, every bound value and every returned row
//! crosses to it and back through a channel, with an allocation per value
//! and a wake-up per message. Under load that traffic — not SQLite — was
//! 40 % of the bot's CPU (`perf`, BENCHMARKS.md § 5). Here the callers hand
//! their rows to this thread through one channel; it writes whatever is
//! queued when it is free (up to [`MAX_BATCH`] of each kind) in one
//! transaction, with statements it keeps prepared, and answers each caller
//! through its oneshot after the commit — the design of the bare
//! group-commit server in `../shared/perf`. The turn itself (what goes in
//! the transaction, the retries by kind) is `Queued::write`, the same as on
//! the sqlx path.
//!
//! Only for a database file: an in-memory database is private to its
//! connection (or to sqlx's shared cache), so a second connection would
//! write somewhere else; a read-only or otherwise special URL stays on
//! sqlx too (`own_writer`).
//!
//! [`MAX_BATCH`]: super::MAX_BATCH

use std::path::Path;
use std::str::FromStr;
use std::sync::{mpsc, LazyLock};

use futures_util::FutureExt;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use sqlx::sqlite::SqliteConnectOptions;

use super::{AnswerWrite, Job, Queued, Rows, Sink, Written, ANSWER_CONFLICT, ANSWER_NEW};
use crate::store::{SqliteSync, StoreResult, SQLITE_PRAGMAS};

/// The writer thread, as the callers see it: where to queue a row. When the
/// last handle goes (the store is dropped), the thread writes what is still
/// queued and ends, closing its connection.
pub(crate) type Handle = mpsc::Sender<Job>;

/// Whether `url` names a database file this thread can write beside sqlx's
/// pool: not in memory (another connection would see another database), not
/// opened read-only or immutable, no VFS of its own (the thread opens the
/// plain file, read-write).
pub(crate) fn own_writer(url: &str) -> bool {
    let special = [":memory:", "mode=memory", "mode=ro", "immutable=", "vfs="];
    url.starts_with("sqlite:") && !special.iter().any(|s| url.contains(s))
}

/// Opens the connection (here, so a failure is the caller's error at
/// start-up) and starts the thread. Call after sqlx's pool has connected:
/// the file exists and is in WAL mode by then.
pub(crate) fn spawn(url: &str, sync: SqliteSync) -> anyhow::Result<Handle> {
    let options = SqliteConnectOptions::from_str(url)?;
    let conn = open(options.get_filename(), sync)?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("sqlite-writer".into())
        .spawn(move || run(Thread { conn }, rx))?;
    Ok(tx)
}

/// The pragmas `Store::connect_on` sets on sqlx's connections: the same
/// durability (`synchronous`) and `SQLITE_PRAGMAS`.
fn open(path: &Path, sync: SqliteSync) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    // `journal_mode` answers with a row, so it is read, not executed.
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.execute_batch(sync.pragma())?;
    for pragma in SQLITE_PRAGMAS {
        conn.execute_batch(pragma)?;
    }
    Ok(conn)
}

/// Until the last handle is dropped: wait for a row, take everything queued
/// meanwhile, write the oldest [`super::MAX_BATCH`] of each kind, again.
fn run(mut thread: Thread, rx: mpsc::Receiver<Job>) {
    let mut queued = Queued::default();
    loop {
        if queued.is_empty() {
            match rx.recv() {
                Ok(job) => queued.push(job),
                Err(_) => return,
            }
        }
        rx.try_iter().for_each(|job| queued.push(job));
        // Nothing in a turn on this sink waits (`Thread::together` is
        // synchronous), so its future is ready at the first poll.
        queued
            .take()
            .write(&mut thread)
            .now_or_never()
            .expect("a turn on the SQLite writer thread never waits");
    }
}

struct Thread {
    conn: Connection,
}

impl Sink for Thread {
    async fn together(&mut self, rows: Rows<'_>) -> StoreResult<Written> {
        write(&mut self.conn, rows)
            .map_err(|e| sqlx::Error::Protocol(format!("SQLite writer: {e}")))
    }
}

const INSERT_ONE: &str = "INSERT INTO inbox \
     (team_id, dedup_key, kind, payload, received_at) \
     VALUES (?1, ?2, ?3, ?4, ?5) \
     ON CONFLICT (team_id, dedup_key) DO NOTHING RETURNING id";

const MARK_ONE: &str = "UPDATE inbox SET processed_at = ?1, payload = '' WHERE id = ?2";

/// Built once: `ANSWER_CONFLICT` is shared with the sqlx statements, and
/// `concat!` takes only literals.
static UPSERT_ONE: LazyLock<String> = LazyLock::new(|| answer_statement(ANSWER_CONFLICT));
static INSERT_ANSWER: LazyLock<String> = LazyLock::new(|| answer_statement(ANSWER_NEW));

fn answer_statement(conflict: &str) -> String {
    format!(
        "INSERT INTO answers (team_id, run_id, user_id, message_ts, body, answered_at, late) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) {conflict}"
    )
}

/// An answer's seven columns, in the statements' order.
fn answer_params(a: &AnswerWrite) -> impl rusqlite::Params + '_ {
    (
        a.team_id.as_str(),
        a.run_id,
        a.user_id.as_str(),
        a.message_ts.as_str(),
        a.body.as_str(),
        a.at,
        i64::from(a.late),
    )
}

/// One transaction, as `write_together` on sqlx: the inbox rows (what
/// became of each, in order), the new answers (which were new), the edited
/// answers, then the "processed" marks. A row at a time, on statements
/// prepared once: in-process, a statement costs microseconds, and one row
/// per statement keeps arrival order (a key repeated in the batch is new
/// for its first caller only; an edit applies after its original) without
/// the multi-row statements' bookkeeping.
fn write(conn: &mut Connection, rows: Rows<'_>) -> rusqlite::Result<Written> {
    // IMMEDIATE: take the write lock (waiting in the busy handler) before
    // the first statement rather than upgrading to it halfway.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut written = Written::default();
    if !rows.items.is_empty() {
        let mut insert = tx.prepare_cached(INSERT_ONE)?;
        for i in rows.items {
            let row = params![i.team_id, i.dedup_key, i.kind, i.payload, i.received_at];
            // No row back: the key was already stored.
            let id = insert.query_row(row, |r| r.get::<_, i64>(0)).optional()?;
            written.created.push(id);
        }
    }
    if !rows.new_answers.is_empty() {
        let mut insert = tx.prepare_cached(&INSERT_ANSWER)?;
        for a in rows.new_answers {
            let new = insert.query_row(answer_params(a), |_| Ok(())).optional()?;
            written.added.push(new.is_some());
        }
    }
    if !rows.answers.is_empty() {
        let mut upsert = tx.prepare_cached(&UPSERT_ONE)?;
        for a in rows.answers {
            upsert.execute(answer_params(a))?;
        }
    }
    // At the time the first of them was submitted, as on sqlx.
    if let Some((_, at)) = rows.ids.first() {
        let mut mark = tx.prepare_cached(MARK_ONE)?;
        for (id, _) in rows.ids {
            mark.execute(params![at, id])?;
        }
    }
    tx.commit()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::own_writer;

    #[test]
    fn only_a_plain_database_file_gets_its_own_writer() {
        assert!(own_writer("sqlite://scrumbot.db?mode=rwc"));
        assert!(own_writer("sqlite:///tmp/x.db"));
        assert!(!own_writer("sqlite::memory:"));
        assert!(!own_writer("sqlite://x.db?mode=memory"));
        assert!(!own_writer("sqlite://x.db?mode=ro"));
        assert!(!own_writer("postgres://postgres@127.0.0.1/x"));
    }
}
