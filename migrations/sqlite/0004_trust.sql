-- Trust (SQLite flavour; keep in step with migrations/postgres).

-- One summary per run: a close repeated after a crash, or "Update summary",
-- replaces the run's row (upsert on run_id) instead of adding one. Rows
-- without a run stay unconstrained (NULLs are distinct in a unique index).
DELETE FROM summaries WHERE run_id IS NOT NULL
    AND id NOT IN (SELECT MAX(id) FROM summaries WHERE run_id IS NOT NULL GROUP BY run_id);
CREATE UNIQUE INDEX summaries_one_per_run ON summaries (run_id);

-- A run whose parent message could not be posted stays 'opening' and is
-- retried by the scheduler at open_retry_at, after open_failures attempts.
ALTER TABLE runs ADD COLUMN open_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN open_retry_at INTEGER;
CREATE INDEX runs_open_retry ON runs (status, open_retry_at);

-- Failed scheduled opens of a standup in a row (reset when one opens).
ALTER TABLE standups ADD COLUMN open_failures INTEGER NOT NULL DEFAULT 0;
