-- B2B selling (S1, S3, S5–S10, S16, S22.7–9, S23): what each contact may do in the
-- buyer portal and how much one order of theirs may cost; saved order lists;
-- comments on quotes; contracts with agreed prices, committed volume and term;
-- recurring orders with their runs and notices; licences with seat changes.

-- A contact may do everything until staff narrow it: that is what contacts could
-- do before permissions existed. A zero spending limit is no limit.
ALTER TABLE contacts ADD COLUMN permissions TEXT NOT NULL DEFAULT 'view,order,request_quote,approve';
ALTER TABLE contacts ADD COLUMN spending_limit INTEGER NOT NULL DEFAULT 0 CHECK (spending_limit >= 0);
ALTER TABLE contacts ADD COLUMN spending_currency TEXT NOT NULL DEFAULT '';

-- An organization's saved order lists ("monthly consumables"); lines are
-- [{"sku","quantity"}] and are priced when ordered.
CREATE TABLE saved_lists (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    name            TEXT NOT NULL,
    lines           TEXT NOT NULL DEFAULT '[]',
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (organization_id, name)
);

-- The thread of a quote between the buyer and the seller. request_key makes a
-- retried post land once; NULL keys never collide.
CREATE TABLE quote_comments (
    id          TEXT PRIMARY KEY,
    quote_id    TEXT NOT NULL REFERENCES quotes (id),
    author_kind TEXT NOT NULL CHECK (author_kind IN ('staff', 'buyer')),
    author_id   TEXT NOT NULL,
    author_name TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    request_key TEXT,
    at          TIMESTAMP NOT NULL
);
CREATE INDEX quote_comments_quote ON quote_comments (quote_id, at, id);
CREATE UNIQUE INDEX quote_comments_key ON quote_comments (quote_id, author_id, request_key);

-- A contract owns a price list (its agreed prices, valid for its term) and commits
-- the organization to a volume: an amount or a quantity, or none.
CREATE TABLE contracts (
    id                 TEXT PRIMARY KEY,
    organization_id    TEXT NOT NULL REFERENCES organizations (id),
    name               TEXT NOT NULL,
    currency           TEXT NOT NULL,
    price_list_id      TEXT REFERENCES price_lists (id),
    commitment_kind    TEXT NOT NULL CHECK (commitment_kind IN ('none', 'amount', 'quantity')),
    committed_amount   INTEGER NOT NULL DEFAULT 0 CHECK (committed_amount >= 0),
    committed_quantity INTEGER NOT NULL DEFAULT 0 CHECK (committed_quantity >= 0),
    starts_at          TIMESTAMP NOT NULL,
    ends_at            TIMESTAMP NOT NULL,
    terms              TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    CHECK (ends_at > starts_at)
);
CREATE INDEX contracts_organization ON contracts (organization_id, starts_at, id);

-- Recurring orders (S22.7): a schedule per organization; each run is recorded once
-- per run date (the primary key), and so is each notice before a run.
CREATE TABLE recurring_orders (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    contact_id       TEXT REFERENCES contacts (id),
    name             TEXT NOT NULL,
    lines            TEXT NOT NULL,
    every_n          INTEGER NOT NULL CHECK (every_n >= 1),
    unit             TEXT NOT NULL CHECK (unit IN ('day', 'week', 'month')),
    starts_on        TIMESTAMP NOT NULL,
    next_run         TIMESTAMP NOT NULL,
    notice_days      INTEGER NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    delivery_method  TEXT NOT NULL DEFAULT 'pickup',
    delivery_address TEXT NOT NULL DEFAULT '',
    created_by       TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX recurring_orders_due ON recurring_orders (active, next_run);
CREATE INDEX recurring_orders_organization ON recurring_orders (organization_id, id);

CREATE TABLE recurring_runs (
    schedule_id TEXT NOT NULL REFERENCES recurring_orders (id),
    run_on      TIMESTAMP NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('ordered', 'failed')),
    order_id    TEXT REFERENCES orders (id),
    problem     TEXT NOT NULL DEFAULT '',
    at          TIMESTAMP NOT NULL,
    PRIMARY KEY (schedule_id, run_on)
);

CREATE TABLE recurring_notices (
    schedule_id TEXT NOT NULL REFERENCES recurring_orders (id),
    run_on      TIMESTAMP NOT NULL,
    noticed_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (schedule_id, run_on)
);

-- Licences (S7): one per licence line of an order, with the seats bought, the
-- net price of one seat for the term, the term and the maintenance period.
CREATE TABLE licences (
    id                TEXT PRIMARY KEY,
    organization_id   TEXT NOT NULL REFERENCES organizations (id),
    sku               TEXT NOT NULL REFERENCES products (sku),
    name              TEXT NOT NULL,
    seats             INTEGER NOT NULL CHECK (seats > 0),
    seat_price        INTEGER NOT NULL CHECK (seat_price >= 0),
    currency          TEXT NOT NULL,
    starts_at         TIMESTAMP NOT NULL,
    ends_at           TIMESTAMP NOT NULL,
    maintenance_until TIMESTAMP NOT NULL,
    order_id          TEXT NOT NULL REFERENCES orders (id),
    line_no           INTEGER NOT NULL,
    quote_id          TEXT REFERENCES quotes (id),
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    UNIQUE (order_id, line_no),
    CHECK (ends_at > starts_at)
);
CREATE INDEX licences_organization ON licences (organization_id, id);
CREATE INDEX licences_ends ON licences (ends_at);
CREATE INDEX licences_maintenance ON licences (maintenance_until);

-- Seats added mid-term, each with the order that charged for them pro rata.
CREATE TABLE licence_seat_changes (
    id             TEXT PRIMARY KEY,
    licence_id     TEXT NOT NULL REFERENCES licences (id),
    seats          INTEGER NOT NULL CHECK (seats > 0),
    order_id       TEXT NOT NULL REFERENCES orders (id),
    amount         INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    days_remaining INTEGER NOT NULL,
    term_days      INTEGER NOT NULL,
    at             TIMESTAMP NOT NULL
);
CREATE INDEX licence_seat_changes_licence ON licence_seat_changes (licence_id, at);
