-- Back office, people and content: files attached to tenders (kept in the
-- database, so a backup holds them and every process sees them), and the
-- tender deadline reminders already queued, one per tender and deadline.

CREATE TABLE tender_files (
    id           TEXT PRIMARY KEY,
    tender_id    TEXT NOT NULL REFERENCES tenders (id),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size > 0),
    data         BYTEA NOT NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL,
    uploaded_by  TEXT NOT NULL
);
CREATE INDEX tender_files_tender ON tender_files (tender_id, uploaded_at);

CREATE TABLE tender_reminders (
    tender_id TEXT NOT NULL REFERENCES tenders (id),
    deadline  TIMESTAMPTZ NOT NULL,
    queued_at TIMESTAMPTZ NOT NULL,
    sent_at   TIMESTAMPTZ,
    PRIMARY KEY (tender_id, deadline)
);
