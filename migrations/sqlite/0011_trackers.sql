-- Ticket statuses shown in summaries, sqlite flavour (keep in step with
-- migrations/postgres). A cache, not a record: a status fetched less than a
-- few minutes ago is reused so that a summary, an "Update summary" and the
-- next close do not ask the tracker again; rows older than that are
-- deleted when the next summary looks tickets up.
CREATE TABLE ticket_statuses (
    team_id    TEXT    NOT NULL,
    -- Tracker and reference, e.g. 'linear:ENG-12', 'github:acme/web#3'.
    ticket     TEXT    NOT NULL,
    url        TEXT,
    title      TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    -- 1: the tracker says the work is finished.
    done       INTEGER NOT NULL DEFAULT 0,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, ticket)
);
