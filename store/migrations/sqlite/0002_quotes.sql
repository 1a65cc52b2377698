-- B2B quotes (S5–S10, S16): the offer with its lines, the buying center copied
-- from the organization's contacts, approval rules, every decision, the revision
-- history, and the per-organization credit lock used when a quote becomes an order.

CREATE TABLE quotes (
    id              TEXT PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    requested_by    TEXT REFERENCES contacts (id),
    owner           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'approved', 'accepted', 'ordered',
                                                    'rejected', 'expired', 'withdrawn')),
    currency        TEXT NOT NULL,
    valid_until     TIMESTAMP NOT NULL,
    payment_terms   TEXT NOT NULL DEFAULT '',
    delivery_terms  TEXT NOT NULL DEFAULT '',
    winning_points  TEXT NOT NULL DEFAULT '[]',
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    total           INTEGER NOT NULL,
    order_id        TEXT REFERENCES orders (id),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    -- optimistic concurrency: every write checks and bumps it
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX quotes_organization ON quotes (organization_id, id);
CREATE INDEX quotes_status ON quotes (status, valid_until);

CREATE TABLE quote_lines (
    quote_id           TEXT NOT NULL REFERENCES quotes (id),
    line_no            INTEGER NOT NULL,
    sku                TEXT NOT NULL REFERENCES products (sku),
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('goods', 'service', 'licence')),
    unit               TEXT NOT NULL DEFAULT '',
    quantity           INTEGER NOT NULL CHECK (quantity > 0),
    unit_price         INTEGER NOT NULL,
    tax_rate_bp        INTEGER NOT NULL,
    net                INTEGER NOT NULL,
    tax                INTEGER NOT NULL,
    gross              INTEGER NOT NULL,
    price_rule         TEXT NOT NULL DEFAULT '{}',
    service_kind       TEXT NOT NULL DEFAULT '',
    seats              INTEGER NOT NULL DEFAULT 0,
    maintenance_months INTEGER NOT NULL DEFAULT 0,
    included           BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (quote_id, line_no)
);

CREATE TABLE quote_participants (
    quote_id   TEXT NOT NULL REFERENCES quotes (id),
    contact_id TEXT NOT NULL REFERENCES contacts (id),
    role       TEXT NOT NULL,
    influence  INTEGER NOT NULL DEFAULT 0,
    sphere     TEXT NOT NULL DEFAULT '',
    stance     TEXT NOT NULL DEFAULT 'neutral',
    required   BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (quote_id, contact_id, role)
);

CREATE TABLE quote_rules (
    quote_id       TEXT NOT NULL REFERENCES quotes (id),
    seq            INTEGER NOT NULL,
    role           TEXT NOT NULL,
    above_amount   INTEGER NOT NULL DEFAULT 0,
    above_currency TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (quote_id, seq)
);

-- One row per decision. request_key makes a decision idempotent: the same
-- decision sent twice (same key) is stored once.
CREATE TABLE quote_approvals (
    quote_id    TEXT NOT NULL REFERENCES quotes (id),
    seq         INTEGER NOT NULL,
    contact_id  TEXT NOT NULL REFERENCES contacts (id),
    role        TEXT NOT NULL DEFAULT '',
    decision    TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    reason      TEXT NOT NULL DEFAULT '',
    revision    INTEGER NOT NULL,
    at          TIMESTAMP NOT NULL,
    request_key TEXT NOT NULL,
    PRIMARY KEY (quote_id, seq),
    UNIQUE (quote_id, revision, contact_id, request_key)
);

CREATE TABLE quote_revisions (
    quote_id TEXT NOT NULL REFERENCES quotes (id),
    revision INTEGER NOT NULL,
    changes  TEXT NOT NULL DEFAULT '[]',
    at       TIMESTAMP NOT NULL,
    by_user  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (quote_id, revision)
);

-- Accepting a quote on credit first upserts the organization's row here, so two
-- acceptances for one organization queue on it and the second sees the first's
-- order when it sums the open orders against the credit limit.
CREATE TABLE credit_locks (
    organization_id TEXT PRIMARY KEY REFERENCES organizations (id),
    acceptances     INTEGER NOT NULL DEFAULT 0,
    updated_at      TIMESTAMP NOT NULL
);

-- Quote numbers: a counter row, like order numbers (SQLite has one writer).
INSERT INTO counters (name, value) VALUES ('quote_number', 100000);
