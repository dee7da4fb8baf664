-- Replaying a pending inbox row takes a lease on it (see store/inbox.rs):
-- a row is taken only once its receiver's lease (from received_at) or the
-- last replayer's (from claimed_at) has run out.
ALTER TABLE inbox ADD COLUMN claimed_at BIGINT;
