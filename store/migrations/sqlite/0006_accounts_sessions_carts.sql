-- Shop customer accounts, sessions of customers and staff, password resets,
-- sign-in throttling, address books and carts kept across visits.

-- A customer's sign-in over a person. email_key is the email lower-cased in Go,
-- so "Ann@x" and "ann@x" are one account on both engines whatever the collation.
CREATE TABLE accounts (
    id                  TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL UNIQUE REFERENCES persons (id),
    email               TEXT NOT NULL,
    email_key           TEXT NOT NULL UNIQUE,
    password_hash       TEXT NOT NULL,
    newsletter          BOOLEAN NOT NULL DEFAULT FALSE,
    newsletter_at       TIMESTAMP,
    newsletter_source   TEXT NOT NULL DEFAULT '',
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL
);

-- Signed-in browsers. Only the SHA-256 of the cookie's token is stored. The
-- subject is an account id (customer) or a staff user id (staff).
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('customer', 'staff')),
    subject_id   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_subject ON sessions (kind, subject_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Password-reset links: SHA-256 of the token, single use (used_at is set by a
-- guarded update), valid for an hour.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX password_resets_account ON password_resets (account_id, created_at);

-- Sign-in throttling, shared by every b2x process. A password check first locks
-- its key's row here (an upsert), then counts the key's attempts in the last
-- minute and adds its own, so concurrent checks of one key queue and none passes
-- the limit.
CREATE TABLE sign_in_throttles (
    key       TEXT PRIMARY KEY,
    locked_at TIMESTAMP NOT NULL
);
CREATE TABLE sign_in_attempts (
    id  TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    at  TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_attempts_key ON sign_in_attempts (key, at);

CREATE TABLE addresses (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES persons (id),
    label      TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL,
    line1      TEXT NOT NULL,
    line2      TEXT NOT NULL DEFAULT '',
    city       TEXT NOT NULL,
    postcode   TEXT NOT NULL DEFAULT '',
    country    TEXT NOT NULL,
    phone      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX addresses_person ON addresses (person_id, id);

-- A cart is a guest's (found by the SHA-256 of its cookie token) or a person's
-- (one per person), never both.
CREATE TABLE carts (
    id         TEXT PRIMARY KEY,
    token_hash TEXT UNIQUE,
    person_id  TEXT UNIQUE REFERENCES persons (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((token_hash IS NULL) <> (person_id IS NULL))
);
CREATE INDEX carts_updated ON carts (updated_at);

CREATE TABLE cart_lines (
    cart_id  TEXT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    line_no  INTEGER NOT NULL,
    sku      TEXT NOT NULL REFERENCES products (sku) ON UPDATE CASCADE,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (cart_id, sku)
);
