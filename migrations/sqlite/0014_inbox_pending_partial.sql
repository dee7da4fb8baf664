-- The pending index holds pending rows only: it serves the replay and the
-- sweep, which look for `processed_at IS NULL`. A standup answer's inbox row
-- is stored already processed, and indexing it cost one more B-tree written
-- in every commit of the ingest path (BENCHMARKS.md § 5, fifth pass).
DROP INDEX inbox_pending;
CREATE INDEX inbox_pending ON inbox (id) WHERE processed_at IS NULL;
