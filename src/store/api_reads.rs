//! The reads behind the MCP tools and `/api/v1`:
//! filtered, paginated lists of a team's standups, blockers, action items
//! and answers, and the summary of one run. (The query layer of the API,
//! `api::queries`, is their one caller.)
//!
//! Every query starts from `team_id = $1`: a token sees its own workspace only.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

use super::followup::{blocker_from_row, item_from_row, BLOCKER_COLS, ITEM_COLS};
use super::standups::{run_from_row, standup_from_row, RUN_COLS, STANDUP_COLS};
use super::{get_i64, Store, StoreResult};
use crate::followup::{ActionItem, OpenBlocker};
use crate::standup::{Run, Standup};

/// One page: at most `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
}

/// A `WHERE` clause built from optional filters, with its bound values in order.
struct Filter {
    clauses: Vec<String>,
    binds: Vec<Bind>,
}

enum Bind {
    Text(String),
    Int(i64),
}

impl Filter {
    fn team(team_id: &str) -> Filter {
        Filter {
            clauses: vec!["team_id = $1".into()],
            binds: vec![Bind::Text(team_id.to_string())],
        }
    }

    /// Binds `value` as `$n` and adds the clause `clause(n)` (SQL written
    /// in this file, never input).
    fn push(&mut self, value: Bind, clause: impl FnOnce(usize) -> String) {
        self.binds.push(value);
        self.clauses.push(clause(self.binds.len()));
    }

    /// Adds `column op $n`.
    fn add(&mut self, column: &str, op: &str, value: Bind) {
        self.push(value, |n| format!("{column} {op} ${n}"));
    }

    fn text(&mut self, column: &str, op: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.add(column, op, Bind::Text(v.to_string()));
        }
    }

    /// `SELECT {cols} FROM {table} WHERE … ORDER BY {order} LIMIT … OFFSET …`.
    fn select(&self, cols: &str, table: &str, order: &str, page: Page) -> String {
        format!(
            "SELECT {cols} FROM {table} WHERE {} ORDER BY {order} LIMIT {} OFFSET {}",
            self.clauses.join(" AND "),
            page.limit.clamp(0, 1000),
            page.offset.max(0)
        )
    }

    fn bind<'q>(&'q self, mut q: Query<'q, Any, AnyArguments>) -> Query<'q, Any, AnyArguments> {
        for b in &self.binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }

    async fn fetch(&self, store: &Store, sql: String) -> StoreResult<Vec<AnyRow>> {
        self.bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
            .fetch_all(&store.pool)
            .await
    }
}

/// `%text%` for LIKE, with the pattern characters of `text` escaped (by `\`).
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// An answer found by [`Store::answers_search`], with where it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundAnswer {
    pub id: i64,
    pub user_id: String,
    pub channel_id: String,
    pub run_date: String,
    pub body: String,
    pub answered_at: i64,
}

impl Store {
    /// A team's standups, oldest first.
    pub async fn standups_page(&self, team_id: &str, page: Page) -> StoreResult<Vec<Standup>> {
        let f = Filter::team(team_id);
        let rows = f
            .fetch(self, f.select(STANDUP_COLS, "standups", "id", page))
            .await?;
        Ok(rows.iter().map(standup_from_row).collect())
    }

    /// Blockers of a team, oldest first; open ones only when `open_only`.
    pub async fn blockers_page(
        &self,
        team_id: &str,
        open_only: bool,
        channel_id: Option<&str>,
        page: Page,
    ) -> StoreResult<Vec<OpenBlocker>> {
        let mut f = Filter::team(team_id);
        f.text("channel_id", "=", channel_id);
        if open_only {
            f.text("status", "=", Some("open"));
        }
        let rows = f
            .fetch(
                self,
                f.select(BLOCKER_COLS, "blockers", "opened_on, id", page),
            )
            .await?;
        Ok(rows.iter().map(blocker_from_row).collect())
    }

    /// Action items of a team, oldest first, by owner, status (`open` or
    /// `done`) and due date (strictly before `due_before`, `YYYY-MM-DD`).
    pub async fn items_page(
        &self,
        team_id: &str,
        owner: Option<&str>,
        status: Option<&str>,
        due_before: Option<&str>,
        page: Page,
    ) -> StoreResult<Vec<ActionItem>> {
        let mut f = Filter::team(team_id);
        f.text("owner", "=", owner);
        f.text("status", "=", status);
        f.text("due", "<", due_before);
        let rows = f
            .fetch(self, f.select(ITEM_COLS, "action_items", "id", page))
            .await?;
        Ok(rows.iter().map(item_from_row).collect())
    }

    /// Answers containing `text` (any case), newest first.
    pub async fn answers_search(
        &self,
        team_id: &str,
        text: &str,
        since: Option<i64>,
        channel_id: Option<&str>,
        page: Page,
    ) -> StoreResult<Vec<FoundAnswer>> {
        let mut f = Filter::team(team_id);
        f.clauses[0] = "a.team_id = $1".into();
        f.clauses.push("a.deleted = 0".into());
        // LIKE has no default escape character in SQLite: name it.
        f.push(Bind::Text(contains_pattern(text)), |n| {
            format!("LOWER(a.body) LIKE ${n} ESCAPE '\\'")
        });
        if let Some(since) = since {
            f.add("a.answered_at", ">=", Bind::Int(since));
        }
        f.text("r.channel_id", "=", channel_id);
        let sql = f.select(
            "a.id, a.user_id, r.channel_id, r.run_date, a.body, a.answered_at",
            "answers a JOIN runs r ON r.id = a.run_id",
            "a.answered_at DESC, a.id DESC",
            page,
        );
        let rows = f.fetch(self, sql).await?;
        Ok(rows
            .iter()
            .map(|r| FoundAnswer {
                id: get_i64(r, "id"),
                user_id: r.get("user_id"),
                channel_id: r.get("channel_id"),
                run_date: r.get("run_date"),
                body: r.get("body"),
                answered_at: get_i64(r, "answered_at"),
            })
            .collect())
    }

    /// The newest run of a channel with a summary, on `date` (`YYYY-MM-DD`,
    /// manual runs of that day included) when given, of the standup named
    /// `standup` when given; with the summary's stored JSON.
    pub async fn summarized_run(
        &self,
        team_id: &str,
        channel_id: &str,
        date: Option<&str>,
        standup: Option<&str>,
    ) -> StoreResult<Option<(Run, String)>> {
        let mut f = Filter::team(team_id);
        f.text("channel_id", "=", Some(channel_id));
        if let Some(d) = date {
            f.add("SUBSTR(run_date, 1, 10)", "=", Bind::Text(d.to_string()));
        }
        if let Some(name) = standup {
            f.push(Bind::Text(name.to_string()), |n| {
                format!(
                    "standup_id IN (SELECT id FROM standups WHERE team_id = $1 AND name = ${n})"
                )
            });
        }
        f.clauses
            .push("id IN (SELECT run_id FROM summaries WHERE team_id = $1)".into());
        let sql = f.select(
            RUN_COLS,
            "runs",
            "run_date DESC, id DESC",
            Page {
                limit: 1,
                offset: 0,
            },
        );
        let Some(run) = f.fetch(self, sql).await?.first().map(run_from_row) else {
            return Ok(None);
        };
        let body: Option<String> =
            sqlx::query("SELECT body FROM summaries WHERE team_id = $1 AND run_id = $2")
                .bind(team_id)
                .bind(run.id)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.get("body"));
        Ok(body.map(|b| (run, b)))
    }
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn like_characters_in_the_search_text_are_matched_literally() {
        assert_eq!(contains_pattern("100%_A"), "%100\\%\\_a%");
    }
}
