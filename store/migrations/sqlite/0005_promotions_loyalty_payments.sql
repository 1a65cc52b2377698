-- The shop's checkout (S18): coupons and automatic promotions, loyalty cards with
-- their points ledger, delivery rates, payments, and the adjustments an order
-- adds to its lines (discounts, points, the delivery fee).

-- used counts the uses not reversed; a use is a guarded UPDATE (used < total_limit)
-- checked by affected rows, and the CHECK holds the line as well.
CREATE TABLE coupons (
    id                 TEXT PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL CHECK (kind IN ('percent', 'amount')),
    percent_bp         INTEGER NOT NULL DEFAULT 0 CHECK (percent_bp BETWEEN 0 AND 10000),
    amount             INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    currency           TEXT NOT NULL DEFAULT '',
    min_order          INTEGER NOT NULL DEFAULT 0 CHECK (min_order >= 0),
    min_order_currency TEXT NOT NULL DEFAULT '',
    valid_from         TIMESTAMP,
    valid_until        TIMESTAMP,
    total_limit        INTEGER NOT NULL DEFAULT 0 CHECK (total_limit >= 0),
    per_customer_limit INTEGER NOT NULL DEFAULT 0 CHECK (per_customer_limit >= 0),
    channel            TEXT NOT NULL DEFAULT '' CHECK (channel IN ('', 'b2c', 'b2b')),
    used               INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0),
    created_at         TIMESTAMP NOT NULL,
    CHECK (total_limit = 0 OR used <= total_limit)
);

-- One row per coupon and customer (person, guest email, loyalty phone), counting
-- that customer's uses; a use is a guarded upsert (used < per_customer_limit).
CREATE TABLE coupon_customers (
    coupon_id    TEXT NOT NULL REFERENCES coupons (id),
    customer_key TEXT NOT NULL,
    used         INTEGER NOT NULL CHECK (used >= 0),
    PRIMARY KEY (coupon_id, customer_key)
);

-- Every use, by the order that made it; a cancelled order's use is reversed.
CREATE TABLE coupon_uses (
    order_id     TEXT PRIMARY KEY REFERENCES orders (id),
    coupon_id    TEXT NOT NULL REFERENCES coupons (id),
    customer_key TEXT NOT NULL,
    discount     INTEGER NOT NULL,
    used_at      TIMESTAMP NOT NULL,
    reversed_at  TIMESTAMP
);
CREATE INDEX coupon_uses_coupon ON coupon_uses (coupon_id, used_at);

CREATE TABLE promotions (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('percent', 'amount')),
    percent_bp  INTEGER NOT NULL DEFAULT 0 CHECK (percent_bp BETWEEN 0 AND 10000),
    amount      INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    currency    TEXT NOT NULL DEFAULT '',
    skus        TEXT NOT NULL DEFAULT '[]',
    categories  TEXT NOT NULL DEFAULT '[]',
    brands      TEXT NOT NULL DEFAULT '[]',
    channel     TEXT NOT NULL CHECK (channel IN ('b2c', 'b2b')),
    valid_from  TIMESTAMP,
    valid_until TIMESTAMP,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX promotions_until ON promotions (valid_until);

-- points is the sum of the card's loyalty_entries; it moves only together with an
-- entry, in the same transaction, by guarded UPDATEs, and never below zero.
CREATE TABLE loyalty_cards (
    id             TEXT PRIMARY KEY,
    phone          TEXT NOT NULL UNIQUE,
    person_id      TEXT REFERENCES persons (id),
    points         INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
    lifetime_spend INTEGER NOT NULL DEFAULT 0 CHECK (lifetime_spend >= 0),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX loyalty_cards_person ON loyalty_cards (person_id);

CREATE TABLE loyalty_entries (
    id         TEXT PRIMARY KEY,
    card_id    TEXT NOT NULL REFERENCES loyalty_cards (id),
    kind       TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'reverse', 'adjust')),
    points     INTEGER NOT NULL CHECK (points <> 0),
    order_id   TEXT REFERENCES orders (id),
    note       TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX loyalty_entries_card ON loyalty_entries (card_id, created_at);
CREATE INDEX loyalty_entries_order ON loyalty_entries (order_id);

-- Fees are tax included; delivery is free once the goods (tax included, after
-- discounts) reach free_from (0: never). Staff edit the rows; these are the demo's.
CREATE TABLE delivery_rates (
    method      TEXT PRIMARY KEY CHECK (method IN ('pickup', 'own_delivery', 'carrier')),
    name        TEXT NOT NULL,
    fee         INTEGER NOT NULL CHECK (fee >= 0),
    free_from   INTEGER NOT NULL DEFAULT 0 CHECK (free_from >= 0),
    currency    TEXT NOT NULL,
    tax_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at  TIMESTAMP NOT NULL
);
INSERT INTO delivery_rates (method, name, fee, free_from, currency, tax_rate_bp, active, updated_at) VALUES
    ('pickup', 'Pickup at the store', 0, 0, 'EUR', 0, TRUE, '2026-01-01 00:00:00+00:00'),
    ('own_delivery', 'Our own delivery', 1500, 30000, 'EUR', 2000, TRUE, '2026-01-01 00:00:00+00:00'),
    ('carrier', 'Parcel carrier', 990, 15000, 'EUR', 2000, TRUE, '2026-01-01 00:00:00+00:00');

-- One payment per order, keyed by it. A card's number is never stored: card_last4 only.
-- WITHOUT ROWID keeps it one B-tree: every b2c checkout writes a row.
CREATE TABLE payments (
    order_id   TEXT PRIMARY KEY REFERENCES orders (id),
    method     TEXT NOT NULL CHECK (method IN ('cash_on_delivery', 'card')),
    status     TEXT NOT NULL CHECK (status IN ('pending', 'authorized', 'captured', 'voided', 'refunded', 'failed')),
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    currency   TEXT NOT NULL,
    provider   TEXT NOT NULL DEFAULT '',
    reference  TEXT NOT NULL DEFAULT '',
    card_last4 TEXT NOT NULL DEFAULT '' CHECK (length(card_last4) IN (0, 4)),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
) WITHOUT ROWID;

-- What an order adds to or takes off its lines; orders.net/tax/total include them.
CREATE TABLE order_adjustments (
    order_id TEXT NOT NULL REFERENCES orders (id),
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('promotion', 'tier', 'coupon', 'points', 'delivery')),
    line_no  INTEGER NOT NULL DEFAULT 0,
    ref      TEXT NOT NULL DEFAULT '',
    label    TEXT NOT NULL DEFAULT '',
    points   INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
    net      INTEGER NOT NULL,
    tax      INTEGER NOT NULL,
    gross    INTEGER NOT NULL,
    CHECK (net + tax = gross),
    PRIMARY KEY (order_id, seq)
);

ALTER TABLE orders ADD COLUMN loyalty_card_id TEXT REFERENCES loyalty_cards (id);
-- partial: most orders have no card, and an index entry for each would cost every checkout
CREATE INDEX orders_loyalty_card ON orders (loyalty_card_id) WHERE loyalty_card_id IS NOT NULL;
-- the part of the line's price (in the order's price basis) the discounts took off
ALTER TABLE order_lines ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;
