//! Group commit for the hot writes: the inbox insert on the acknowledgement
//! path, a new standup answer (on the acknowledgement path or in the
//! thread-reply handler), an edited answer, and the "processed" mark.
//!
//! Callers queue their row, then take turns; whoever gets the turn writes
//! everything queued so far — of all four kinds, up to [`MAX_BATCH`] of
//! each — in one transaction, one commit, and hands each caller its own
//! result. With one caller at a time this is one row per commit, as before;
//! under load one commit serves many events. One transaction for the four
//! kinds, not one per kind: every commit costs a WAL sync (SQLite's
//! `synchronous = FULL`, PostgreSQL's flush), ~1–3 ms on this project's
//! machine, and one writer, not three queues meeting on SQLite's single
//! write lock, whose busy handler sleeps in steps of milliseconds however
//! soon the lock is free (BENCHMARKS.md, "Ingest at the machine's pace").
//!
//! Each turn is one statement per table. On SQLite a multi-row `VALUES`,
//! prepared for the turn and not kept (`persistent(false)`): its text
//! differs with every batch size, and sqlx's per-connection cache of 100
//! statements filled with large ones held megabytes per connection
//! (BENCHMARKS.md § 5), while SQLite prepares one in-process in
//! microseconds. On PostgreSQL the same rows as arrays through `UNNEST`
//! (see `unnest`), one text for every size, prepared once.
//!
//! A standup answer to a run the cache knows is not an inbox row at all
//! (`Job::NewAnswer`): its whole handling is its answer row, keyed by the
//! message (`team_id, run_id, message_ts`), which every redelivery of the
//! event repeats. That key deduplicates the event as the inbox key does
//! the others, and the event costs one turn, one commit and one row (with
//! its two indexes) instead of three turns (insert, answer, mark), the cost
//! that kept ingest at a third of a bare group-commit server, or two rows
//! in one turn, which kept the writer thread at 42 % of the bot's CPU
//! (BENCHMARKS.md § 5). A new answer is written only when its key is new
//! (`DO NOTHING`), so a redelivery never writes an older text over an edit.
//!
//! On a SQLite file the turns are not taken by the callers but by one
//! thread with its own connection (`sqlite_thread`), off sqlx, whose
//! per-statement hand-offs to its worker threads cost more CPU than the
//! writes; the turn itself (`Queued::write`) is the same on both paths.
//!
//! A caller returns only after the commit that holds its row, so
//! "acknowledged" still means "durable". When the shared transaction fails,
//! each kind is written again on its own, so one kind's bad row cannot fail
//! the others.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use sqlx::{AnyConnection, AnyPool, Row};

use super::{get_i64, Backend, StoreResult};
use tokio::sync::oneshot;

mod sqlite_thread;
mod unnest;

pub(crate) use sqlite_thread::{own_writer, spawn as spawn_sqlite_writer, Handle as SqliteWriter};

/// Rows of each kind per transaction (at most 7 parameters a row: well
/// under both backends' limits).
pub(crate) const MAX_BATCH: usize = 200;

type Reply<R> = oneshot::Sender<StoreResult<R>>;

/// What is waiting for the next turn.
#[derive(Default)]
struct Queued {
    inserts: Vec<(NewItem, Reply<Option<i64>>)>,
    /// New answers: `true` back when the message was not stored yet.
    new_answers: Vec<(AnswerWrite, Reply<bool>)>,
    /// Inbox ids to mark processed, with the time to stamp.
    processed: Vec<((i64, i64), Reply<()>)>,
    answers: Vec<(AnswerWrite, Reply<()>)>,
}

/// One caller's row, on its way to a turn.
pub(crate) enum Job {
    Insert(NewItem, Reply<Option<i64>>),
    NewAnswer(AnswerWrite, Reply<bool>),
    Processed((i64, i64), Reply<()>),
    Answer(AnswerWrite, Reply<()>),
}

impl Queued {
    fn push(&mut self, job: Job) {
        match job {
            Job::Insert(item, tx) => self.inserts.push((item, tx)),
            Job::NewAnswer(answer, tx) => self.new_answers.push((answer, tx)),
            Job::Processed(id, tx) => self.processed.push((id, tx)),
            Job::Answer(answer, tx) => self.answers.push((answer, tx)),
        }
    }

    fn is_empty(&self) -> bool {
        self.inserts.is_empty()
            && self.new_answers.is_empty()
            && self.processed.is_empty()
            && self.answers.is_empty()
    }

    /// The oldest [`MAX_BATCH`] of each kind.
    fn take(&mut self) -> Queued {
        fn first<T>(v: &mut Vec<T>) -> Vec<T> {
            let n = v.len().min(MAX_BATCH);
            v.drain(..n).collect()
        }
        Queued {
            inserts: first(&mut self.inserts),
            new_answers: first(&mut self.new_answers),
            processed: first(&mut self.processed),
            answers: first(&mut self.answers),
        }
    }
}

/// The one writer of the batched rows.
pub(crate) struct Batches {
    queue: Mutex<Queued>,
    turn: Arc<tokio::sync::Mutex<()>>,
    backend: Backend,
    /// On a SQLite file, the thread that writes every turn instead (see
    /// `sqlite_thread`); `queue` and `turn` are then unused.
    thread: Option<SqliteWriter>,
}

/// The queue holds plain values, intact whatever a panicking holder did.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn abandoned() -> sqlx::Error {
    sqlx::Error::Protocol("batched write abandoned".into())
}

async fn receive<R>(rx: oneshot::Receiver<StoreResult<R>>) -> StoreResult<R> {
    rx.await.unwrap_or_else(|_| Err(abandoned()))
}

impl Batches {
    pub(crate) fn new(backend: Backend, thread: Option<SqliteWriter>) -> Batches {
        Batches {
            queue: Mutex::default(),
            turn: Arc::default(),
            backend,
            thread,
        }
    }

    /// Stores an inbox row; its id when its key is new.
    pub(crate) async fn insert_inbox(
        &self,
        pool: &AnyPool,
        item: NewItem,
    ) -> StoreResult<Option<i64>> {
        let (tx, rx) = oneshot::channel();
        self.submit(pool, Job::Insert(item, tx), rx).await
    }

    /// Stores an answer unless its message is stored already; `true` when
    /// it was new.
    pub(crate) async fn insert_answer(
        &self,
        pool: &AnyPool,
        answer: AnswerWrite,
    ) -> StoreResult<bool> {
        let (tx, rx) = oneshot::channel();
        self.submit(pool, Job::NewAnswer(answer, tx), rx).await
    }

    /// Marks inbox row `id` processed at `at`.
    pub(crate) async fn mark_processed(&self, pool: &AnyPool, id: i64, at: i64) -> StoreResult<()> {
        let (tx, rx) = oneshot::channel();
        self.submit(pool, Job::Processed((id, at), tx), rx).await
    }

    /// Stores (or updates) an answer.
    pub(crate) async fn upsert_answer(
        &self,
        pool: &AnyPool,
        answer: AnswerWrite,
    ) -> StoreResult<()> {
        let (tx, rx) = oneshot::channel();
        self.submit(pool, Job::Answer(answer, tx), rx).await
    }

    /// Queues `job` for the writer thread when there is one, else for the
    /// callers' turns. A thread that has ended drops the job, and with it
    /// its reply: the caller gets an error, not a wait.
    async fn submit<R>(
        &self,
        pool: &AnyPool,
        job: Job,
        rx: oneshot::Receiver<StoreResult<R>>,
    ) -> StoreResult<R> {
        match &self.thread {
            Some(thread) => {
                let _ = thread.send(job);
                receive(rx).await
            }
            None => {
                lock(&self.queue).push(job);
                self.wait_for(pool, rx).await
            }
        }
    }

    /// Waits until this caller's row is written: by the writer whose turn
    /// comes first, which may be this caller (it then writes whatever is
    /// queued). A caller whose row an earlier turn took returns as soon as
    /// that commit does, not after the turns queued behind it.
    async fn wait_for<R>(
        &self,
        pool: &AnyPool,
        mut rx: oneshot::Receiver<StoreResult<R>>,
    ) -> StoreResult<R> {
        let turn = tokio::select! {
            biased;
            done = &mut rx => return done.unwrap_or_else(|_| Err(abandoned())),
            turn = self.turn.clone().lock_owned() => turn,
        };
        // Empty when an earlier turn took this caller's row: that turn has
        // ended, so its answer is already waiting below.
        let batch = lock(&self.queue).take();
        if !batch.is_empty() {
            let (pool, backend) = (pool.clone(), self.backend);
            // Spawned, so a caller that goes away (a closed connection)
            // cannot abandon the others' rows halfway.
            tokio::spawn(async move {
                let _turn = turn;
                batch.write(&mut Writer { pool, backend }).await;
            });
        }
        receive(rx).await
    }
}

/// One turn's rows, by kind (see `Queued`).
#[derive(Clone, Copy, Default)]
struct Rows<'a> {
    items: &'a [NewItem],
    new_answers: &'a [AnswerWrite],
    ids: &'a [(i64, i64)],
    answers: &'a [AnswerWrite],
}

impl Rows<'_> {
    fn kinds(&self) -> usize {
        [
            self.items.is_empty(),
            self.new_answers.is_empty(),
            self.ids.is_empty(),
            self.answers.is_empty(),
        ]
        .iter()
        .filter(|empty| !**empty)
        .count()
    }
}

/// What a turn created: an id for each new inbox row, and whether each new
/// answer was new, in the order queued.
#[derive(Debug, Default)]
pub(crate) struct Written {
    created: Vec<Option<i64>>,
    added: Vec<bool>,
}

/// Where a turn writes: one transaction of inbox rows, new answers, edited
/// answers and "processed" marks (see `write_together`), all or nothing.
trait Sink {
    async fn together(&mut self, rows: Rows<'_>) -> StoreResult<Written>;
}

/// sqlx's pool, for PostgreSQL and in-memory SQLite.
struct Writer {
    pool: AnyPool,
    backend: Backend,
}

impl Sink for Writer {
    async fn together(&mut self, rows: Rows<'_>) -> StoreResult<Written> {
        write_together(self, rows).await
    }
}

impl Queued {
    async fn write(self, writer: &mut impl Sink) {
        let (items, insert_tx): (Vec<NewItem>, Vec<_>) = self.inserts.into_iter().unzip();
        let (new_answers, new_tx): (Vec<AnswerWrite>, Vec<_>) =
            self.new_answers.into_iter().unzip();
        let (ids, processed_tx): (Vec<(i64, i64)>, Vec<_>) = self.processed.into_iter().unzip();
        let (answers, answer_tx): (Vec<AnswerWrite>, Vec<_>) = self.answers.into_iter().unzip();
        let rows = Rows {
            items: &items,
            new_answers: &new_answers,
            ids: &ids,
            answers: &answers,
        };
        let (created, added, marked, stored) = match writer.together(rows).await {
            Ok(w) => (Ok(w.created), Ok(w.added), Ok(()), Ok(())),
            Err(e) if rows.kinds() == 1 => {
                let m = e.to_string();
                (Err(m.clone()), Err(m.clone()), Err(m.clone()), Err(m))
            }
            // Each kind again on its own, so that one kind's bad row cannot
            // fail the others.
            Err(_) => {
                let none = Rows::default();
                let created = alone(
                    writer,
                    Rows {
                        items: &items,
                        ..none
                    },
                )
                .await;
                let added = alone(
                    writer,
                    Rows {
                        new_answers: &new_answers,
                        ..none
                    },
                )
                .await;
                let marked = alone(writer, Rows { ids: &ids, ..none }).await;
                let stored = alone(
                    writer,
                    Rows {
                        answers: &answers,
                        ..none
                    },
                )
                .await;
                (
                    created.map(|w| w.created),
                    added.map(|w| w.added),
                    marked.map(drop),
                    stored.map(drop),
                )
            }
        };
        reply_each(insert_tx, created);
        reply_each(new_tx, added);
        for (txs, result) in [(processed_tx, marked), (answer_tx, stored)] {
            let n = txs.len();
            reply_each(txs, result.map(|()| vec![(); n]));
        }
    }
}

/// One kind's rows in a transaction of their own.
async fn alone(writer: &mut impl Sink, rows: Rows<'_>) -> Result<Written, String> {
    writer.together(rows).await.map_err(|e| e.to_string())
}

/// Hands each caller its own result, in the order queued, or the error of
/// the transaction that held its row.
fn reply_each<R>(txs: Vec<Reply<R>>, results: Result<Vec<R>, String>) {
    match results {
        Ok(results) => txs.into_iter().zip(results).for_each(|(tx, r)| {
            let _ = tx.send(Ok(r));
        }),
        Err(m) => txs.into_iter().for_each(|tx| {
            let _ = tx.send(Err(sqlx::Error::Protocol(m.clone())));
        }),
    }
}

/// One transaction: the inbox rows (what became of each, in order), the
/// new answers (which of them were new), the edited answers, then the
/// "processed" marks. New answers before edits: an edit that overtook its
/// original in the same turn still has the last word.
async fn write_together(writer: &Writer, rows: Rows<'_>) -> StoreResult<Written> {
    let backend = writer.backend;
    let mut tx = writer.pool.begin().await?;
    let mut written = Written::default();
    if !rows.items.is_empty() {
        written.created = insert_rows(&mut tx, backend, rows.items).await?;
    }
    if !rows.new_answers.is_empty() {
        written.added = insert_answers(&mut tx, backend, rows.new_answers).await?;
    }
    if !rows.answers.is_empty() {
        upsert_answers(&mut tx, backend, rows.answers).await?;
    }
    if !rows.ids.is_empty() {
        mark_rows_processed(&mut tx, backend, rows.ids).await?;
    }
    tx.commit().await?;
    Ok(written)
}

/// `rows` groups of `cols` placeholders for a multi-row `VALUES` on SQLite:
/// `(?, ?), (?, ?)` for 2 × 2, bound in order. Anonymous, not the `$n` used
/// elsewhere: SQLite's parser looks every `$n` up in the names seen so far,
/// and sqlx asks each parameter its name back, so a statement of 1,000
/// numbered parameters costs a million string comparisons (`strncmp` was
/// 2 % of the bot's CPU under load, BENCHMARKS.md § 5).
pub(crate) fn values_placeholders(rows: usize, cols: usize) -> String {
    let row = format!("({})", vec!["?"; cols].join(", "));
    vec![row; rows].join(", ")
}

/// A request to store, as queued for the inbox's `insert_rows`.
pub(crate) struct NewItem {
    pub(crate) team_id: String,
    pub(crate) dedup_key: String,
    pub(crate) kind: String,
    pub(crate) payload: String,
    pub(crate) received_at: i64,
}

/// An answer to store, as queued by `Store::answer_insert` and
/// `Store::answer_upsert`.
pub(crate) struct AnswerWrite {
    pub(crate) team_id: String,
    pub(crate) run_id: i64,
    pub(crate) user_id: String,
    pub(crate) message_ts: String,
    pub(crate) body: String,
    pub(crate) late: bool,
    pub(crate) at: i64,
}

/// Upserts answers with multi-row statements. A message written twice in
/// one batch (an edit right behind its original) goes into a later
/// statement, so the writes apply in arrival order, as they would one by
/// one (PostgreSQL also refuses to update one row twice in a statement).
async fn upsert_answers(
    conn: &mut AnyConnection,
    backend: Backend,
    answers: &[AnswerWrite],
) -> StoreResult<()> {
    let mut rounds: Vec<Vec<&AnswerWrite>> = Vec::new();
    let mut seen: HashMap<(&str, i64, &str), usize> = HashMap::new();
    for a in answers {
        let k = seen
            .entry((a.team_id.as_str(), a.run_id, a.message_ts.as_str()))
            .or_insert(0);
        if rounds.len() <= *k {
            rounds.push(Vec::new());
        }
        rounds[*k].push(a);
        *k += 1;
    }
    for round in &rounds {
        let round = round.iter().copied();
        let query = match backend {
            Backend::Sqlite => answer_values(round, ANSWER_CONFLICT),
            Backend::Postgres => unnest::answer_rows(round, ANSWER_CONFLICT),
        };
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// New answers, as one by one: a message stored already (a redelivery, or
/// a repeat within the batch) keeps its row. `true` for each one written,
/// in order; only the first of a repeated message is new.
async fn insert_answers(
    conn: &mut AnyConnection,
    backend: Backend,
    answers: &[AnswerWrite],
) -> StoreResult<Vec<bool>> {
    let query = match backend {
        Backend::Sqlite => answer_values(answers.iter(), ANSWER_NEW),
        Backend::Postgres => unnest::answer_rows(answers.iter(), ANSWER_NEW),
    };
    let rows = query.fetch_all(&mut *conn).await?;
    let mut created: HashSet<(String, i64, String)> = rows
        .iter()
        .map(|r| (r.get("team_id"), get_i64(r, "run_id"), r.get("message_ts")))
        .collect();
    Ok(answers
        .iter()
        .map(|a| created.remove(&(a.team_id.clone(), a.run_id, a.message_ts.clone())))
        .collect())
}

/// A new answer keeps an existing row as it is.
const ANSWER_NEW: &str =
    "ON CONFLICT (team_id, run_id, message_ts) DO NOTHING RETURNING team_id, run_id, message_ts";

/// As one by one: an existing answer takes the new text and counts as edited now.
const ANSWER_CONFLICT: &str = "ON CONFLICT (team_id, run_id, message_ts) DO UPDATE SET \
     body = excluded.body, edited_at = excluded.answered_at, deleted = 0";

/// The answers as one multi-row `VALUES`, then `conflict` (on SQLite;
/// PostgreSQL's form is `unnest::answer_rows`).
fn answer_values<'q>(
    answers: impl ExactSizeIterator<Item = &'q AnswerWrite>,
    conflict: &str,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let sql = format!(
        "INSERT INTO answers (team_id, run_id, user_id, message_ts, body, answered_at, late) \
         VALUES {} {conflict}",
        values_placeholders(answers.len(), 7)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false);
    for a in answers {
        query = query
            .bind(a.team_id.as_str())
            .bind(a.run_id)
            .bind(a.user_id.as_str())
            .bind(a.message_ts.as_str())
            .bind(a.body.as_str())
            .bind(a.at)
            .bind(i64::from(a.late));
    }
    query
}

/// One multi-row insert; `Some(id)` for the rows it created, in item order.
/// A key repeated within the batch is new only for its first caller.
async fn insert_rows(
    conn: &mut AnyConnection,
    backend: Backend,
    items: &[NewItem],
) -> StoreResult<Vec<Option<i64>>> {
    let rows = match backend {
        Backend::Sqlite => insert_values(items).fetch_all(&mut *conn).await?,
        Backend::Postgres => unnest::insert_inbox(items).fetch_all(&mut *conn).await?,
    };
    let mut created: HashMap<(String, String), i64> = rows
        .iter()
        .map(|r| ((r.get("team_id"), r.get("dedup_key")), get_i64(r, "id")))
        .collect();
    Ok(items
        .iter()
        .map(|i| created.remove(&(i.team_id.clone(), i.dedup_key.clone())))
        .collect())
}

fn insert_values(items: &[NewItem]) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments> {
    let sql = format!(
        "INSERT INTO inbox (team_id, dedup_key, kind, payload, received_at) \
         VALUES {} ON CONFLICT (team_id, dedup_key) DO NOTHING RETURNING id, team_id, dedup_key",
        values_placeholders(items.len(), 5)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false);
    for item in items {
        query = query
            .bind(item.team_id.as_str())
            .bind(item.dedup_key.as_str())
            .bind(item.kind.as_str())
            .bind(item.payload.as_str())
            .bind(item.received_at);
    }
    query
}

/// Marks items handled and drops their payloads, in one statement, at the
/// time the first of them was submitted.
async fn mark_rows_processed(
    conn: &mut AnyConnection,
    backend: Backend,
    ids: &[(i64, i64)],
) -> StoreResult<()> {
    let at = ids.first().map(|(_, at)| *at).unwrap_or_default();
    if backend == Backend::Postgres {
        unnest::mark_processed(at, ids).execute(&mut *conn).await?;
        return Ok(());
    }
    // The time, then the ids (anonymous placeholders: see `values_placeholders`).
    let sql = format!(
        "UPDATE inbox SET processed_at = ?, payload = '' WHERE id IN ({})",
        vec!["?"; ids.len()].join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .persistent(false)
        .bind(at);
    for (id, _) in ids {
        query = query.bind(*id);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::values_placeholders;

    #[test]
    fn placeholders_number_rows_and_columns_in_order() {
        assert_eq!(values_placeholders(2, 3), "(?, ?, ?), (?, ?, ?)");
        assert_eq!(values_placeholders(1, 1), "(?)");
    }
}
