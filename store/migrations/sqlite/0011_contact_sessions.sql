-- Portal sessions of company buyers: a session's kind may now be 'contact' (the
-- subject is a contact id). SQLite cannot change a CHECK constraint, so the
-- table is rebuilt; sessions are kept.
CREATE TABLE sessions_new (
    token_hash   TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('customer', 'staff', 'contact')),
    subject_id   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);
INSERT INTO sessions_new SELECT token_hash, kind, subject_id, created_at, last_seen_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_subject ON sessions (kind, subject_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
