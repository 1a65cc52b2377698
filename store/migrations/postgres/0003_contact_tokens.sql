-- API tokens of buyers: a contact of an organization signs in to the JSON API with
-- one to read, approve and accept its organization's quotes. Only the SHA-256 of
-- the token is stored, as for staff tokens.
CREATE TABLE contact_tokens (
    id           TEXT PRIMARY KEY,
    contact_id   TEXT NOT NULL REFERENCES contacts (id),
    token_hash   TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX contact_tokens_contact ON contact_tokens (contact_id);
