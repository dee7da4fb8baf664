-- Indexes the benchmarks asked for (see BENCHMARKS.md, scheduler tick).
-- runs_due_reminder looks for open, not yet reminded runs whose reminder is
-- due, oldest first: with only runs_open_due (status, closes_at) it read
-- every open run and sorted them on each tick.
CREATE INDEX runs_remind_due ON runs (status, reminded, remind_at);
