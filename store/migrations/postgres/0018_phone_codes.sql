-- One-time codes that prove a phone before its loyalty card is linked to an
-- account or its points are spent by someone who is not its signed-in holder
-- (app/phonecodes.go). Only a keyed hash of each code is kept. A phone has at
-- most one live code: sending a new one ends the others.
CREATE TABLE phone_codes (
    id          TEXT PRIMARY KEY,
    phone       TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    salt        TEXT NOT NULL,
    tries       INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    verified_at TIMESTAMPTZ,
    used_at     TIMESTAMPTZ
);
CREATE INDEX phone_codes_phone ON phone_codes (phone, created_at);
CREATE UNIQUE INDEX phone_codes_live ON phone_codes (phone) WHERE used_at IS NULL;
-- A row per phone that sending a code locks first, so two sends at once are
-- counted one after the other against the limits.
CREATE TABLE phone_code_locks (
    phone     TEXT PRIMARY KEY,
    locked_at TIMESTAMPTZ NOT NULL
);

-- A customer's own alert subscriptions, for the account's subscriptions page.
CREATE INDEX alert_subscriptions_person ON alert_subscriptions (person_id, created_at) WHERE status = 'active';
