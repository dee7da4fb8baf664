//! The retention purge of what users wrote, and of what was made from it
//! (README, "Data retention", says what is kept and for how long). Texts
//! whose row still counts for something — who answered a run, how many
//! summaries were made — are blanked; rows that are nothing without their
//! text, or that nothing reads once old, are deleted.

use crate::store::{Store, StoreResult};

/// How many rows one purge blanked or deleted, per kind (for the log).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub answers: u64,
    pub summaries: u64,
    pub action_items: u64,
    pub blockers: u64,
    pub moods: u64,
    pub absences: u64,
    pub inbox: u64,
}

impl Purged {
    pub fn total(&self) -> u64 {
        self.answers
            + self.summaries
            + self.action_items
            + self.blockers
            + self.moods
            + self.absences
            + self.inbox
    }
}

impl Store {
    /// Purges the standup texts written before `cutoff` (epoch seconds);
    /// `cutoff_day` is the same instant as a `YYYY-MM-DD` date, for absences.
    pub async fn standup_texts_purge(&self, cutoff: i64, cutoff_day: &str) -> StoreResult<Purged> {
        let run = |sql: &'static str| async move {
            sqlx::query(sql)
                .bind(cutoff)
                .execute(&self.pool)
                .await
                .map(|r| r.rows_affected())
        };
        Ok(Purged {
            // Blanked, not deleted: the row says who answered (participation).
            answers: run("UPDATE answers SET body = '' WHERE COALESCE(edited_at, answered_at) < $1 AND body <> ''").await?,
            // Blanked: the row counts the summaries made (and their tokens).
            summaries: run("UPDATE summaries SET body = '' WHERE created_at < $1 AND body <> ''").await?,
            // Open items and blockers are live work and stay; finished ones
            // only count in the weekly report of the week they finished.
            action_items: run("DELETE FROM action_items WHERE status <> 'open' AND COALESCE(done_at, created_at) < $1").await?,
            blockers: run("DELETE FROM blockers WHERE status <> 'open' AND COALESCE(resolved_at, 0) < $1").await?,
            moods: run("DELETE FROM moods WHERE run_id IN (SELECT id FROM runs WHERE opened_at < $1)").await?,
            absences: sqlx::query("DELETE FROM absences WHERE to_day < $1")
                .bind(cutoff_day)
                .execute(&self.pool)
                .await?
                .rows_affected(),
            // Events carry message texts; a processed one goes after two days
            // (`scheduler`), one that never went through goes now.
            inbox: run("DELETE FROM inbox WHERE received_at < $1").await?,
        })
    }
}
