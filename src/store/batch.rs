//! Group commit for the hot writes (the inbox on the acknowledgement path,
//! answers in the thread-reply handler).
//!
//! Callers queue their item, then take turns; whoever gets the turn writes
//! everything queued so far (up to [`MAX_BATCH`]) in one statement and one
//! commit, and hands each caller its own result. With one caller at a time
//! this is one statement per call, as before; under load one commit serves
//! many events. That is what made ingest fast (see BENCHMARKS.md): in
//! SQLite's WAL every commit rewrites the same table and index pages, and
//! in PostgreSQL every commit waits for a WAL flush.
//!
//! A caller returns only after the commit that holds its item, so
//! "acknowledged" still means "durable".

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

use sqlx::AnyPool;
use tokio::sync::oneshot;

use super::StoreResult;

/// Rows per batched statement (at most 7 parameters each: well under both
/// backends' limits).
pub(crate) const MAX_BATCH: usize = 200;

/// One queue per batched write.
#[derive(Default)]
pub(crate) struct Batches {
    pub(crate) inbox_inserts: GroupCommit<NewItem, Option<i64>>,
    pub(crate) inbox_processed: GroupCommit<i64, ()>,
    pub(crate) answers: GroupCommit<AnswerWrite, ()>,
}

type Waiter<T, R> = (T, oneshot::Sender<StoreResult<R>>);

pub(crate) struct GroupCommit<T, R> {
    queue: Mutex<Vec<Waiter<T, R>>>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

impl<T, R> Default for GroupCommit<T, R> {
    fn default() -> Self {
        Self {
            queue: Mutex::new(Vec::new()),
            turn: Arc::new(tokio::sync::Mutex::new(())),
        }
    }
}

/// The queue holds plain values, intact whatever a panicking holder did.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl<T: Send + 'static, R: Send + 'static> GroupCommit<T, R> {
    /// Writes `item` together with whatever else is queued; `write` gets the
    /// batch in arrival order and returns one result per item, in order.
    pub(crate) async fn submit<F, Fut>(&self, item: T, write: F) -> StoreResult<R>
    where
        F: FnOnce(Vec<T>) -> Fut,
        Fut: Future<Output = StoreResult<Vec<R>>> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        lock(&self.queue).push((item, tx));
        let turn = self.turn.clone().lock_owned().await;
        let batch: Vec<Waiter<T, R>> = {
            let mut queue = lock(&self.queue);
            let n = queue.len().min(MAX_BATCH);
            queue.drain(..n).collect()
        };
        if batch.is_empty() {
            // An earlier turn wrote our item; its answer is waiting.
            drop(turn);
        } else {
            let (items, waiters): (Vec<T>, Vec<_>) = batch.into_iter().unzip();
            let write = write(items);
            // Spawned, so a caller that goes away (a closed connection)
            // cannot abandon the others' rows halfway.
            tokio::spawn(async move {
                let _turn = turn;
                match write.await {
                    Ok(results) => {
                        for (tx, r) in waiters.into_iter().zip(results) {
                            let _ = tx.send(Ok(r));
                        }
                    }
                    Err(e) => {
                        let message = e.to_string();
                        for tx in waiters {
                            let _ = tx.send(Err(sqlx::Error::Protocol(message.clone())));
                        }
                    }
                }
            });
        }
        rx.await
            .unwrap_or_else(|_| Err(sqlx::Error::Protocol("batched write abandoned".into())))
    }
}

/// `rows` groups of `cols` numbered placeholders for a multi-row `VALUES`:
/// `($1, $2), ($3, $4)` for 2 × 2. Both backends accept `$n`.
pub(crate) fn values_placeholders(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A request to store, as queued for the inbox's `insert_batch`.
pub(crate) struct NewItem {
    pub(crate) team_id: String,
    pub(crate) dedup_key: String,
    pub(crate) kind: String,
    pub(crate) payload: String,
}

/// An answer to store, as queued by `Store::answer_upsert`.
pub(crate) struct AnswerWrite {
    pub(crate) team_id: String,
    pub(crate) run_id: i64,
    pub(crate) user_id: String,
    pub(crate) message_ts: String,
    pub(crate) body: String,
    pub(crate) late: bool,
    pub(crate) at: i64,
}

/// Upserts answers with multi-row statements in one transaction. A message
/// written twice in one batch (an edit right behind its original) goes into
/// a later statement, so the writes apply in arrival order, as they would
/// one by one (PostgreSQL also refuses to update one row twice in a statement).
pub(crate) async fn upsert_answers(
    pool: AnyPool,
    answers: Vec<AnswerWrite>,
) -> StoreResult<Vec<()>> {
    let n = answers.len();
    let mut rounds: Vec<Vec<&AnswerWrite>> = Vec::new();
    let mut seen: HashMap<(&str, i64, &str), usize> = HashMap::new();
    for a in &answers {
        let k = seen
            .entry((a.team_id.as_str(), a.run_id, a.message_ts.as_str()))
            .or_insert(0);
        if rounds.len() <= *k {
            rounds.push(Vec::new());
        }
        rounds[*k].push(a);
        *k += 1;
    }
    if rounds.len() == 1 {
        upsert_round(&rounds[0]).execute(&pool).await?;
    } else {
        let mut tx = pool.begin().await?;
        for round in &rounds {
            upsert_round(round).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }
    Ok(vec![(); n])
}

fn upsert_round<'q>(
    round: &[&'q AnswerWrite],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let mut sql = format!(
        "INSERT INTO answers (team_id, run_id, user_id, message_ts, body, answered_at, late) VALUES {}",
        values_placeholders(round.len(), 7)
    );
    // As one by one: an existing answer takes the new text and counts as edited now.
    sql.push_str(
        " ON CONFLICT (team_id, run_id, message_ts) DO UPDATE SET body = excluded.body, \
         edited_at = excluded.answered_at, deleted = 0",
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for a in round {
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

#[cfg(test)]
mod tests {
    use super::values_placeholders;

    #[test]
    fn placeholders_number_rows_and_columns_in_order() {
        assert_eq!(values_placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(values_placeholders(1, 1), "($1)");
    }
}
