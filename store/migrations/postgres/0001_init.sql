-- Foundation schema. Money is integer minor units plus a currency code; quantities
-- are integer thousandths of a unit; times are UTC.

CREATE TABLE categories (
    slug   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    parent TEXT REFERENCES categories (slug)
);

CREATE TABLE products (
    id                TEXT PRIMARY KEY,
    sku               TEXT NOT NULL UNIQUE,
    variant_of        TEXT NOT NULL DEFAULT '',
    variant_attrs     TEXT NOT NULL DEFAULT '[]',
    name              TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    brand             TEXT NOT NULL DEFAULT '',
    category          TEXT REFERENCES categories (slug),
    kind              TEXT NOT NULL CHECK (kind IN ('goods', 'service', 'licence')),
    unit              TEXT NOT NULL,
    b2c               BOOLEAN NOT NULL,
    b2b               BOOLEAN NOT NULL,
    specs             TEXT NOT NULL DEFAULT '[]',
    care_instructions TEXT NOT NULL DEFAULT '',
    warranty_months   INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL CHECK (status IN ('draft', 'active', 'discontinued')),
    tax_rate_bp       INTEGER NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX products_category ON products (category, sku);
CREATE INDEX products_created ON products (created_at);

CREATE TABLE base_prices (
    sku      TEXT NOT NULL REFERENCES products (sku) ON UPDATE CASCADE,
    channel  TEXT NOT NULL CHECK (channel IN ('b2c', 'b2b')),
    currency TEXT NOT NULL,
    amount   BIGINT NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (sku, channel)
);

CREATE TABLE warehouses (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stock_levels (
    sku       TEXT NOT NULL REFERENCES products (sku),
    warehouse TEXT NOT NULL REFERENCES warehouses (code),
    on_hand   BIGINT NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved  BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    PRIMARY KEY (sku, warehouse)
);

CREATE TABLE stock_movements (
    id         TEXT PRIMARY KEY,
    sku        TEXT NOT NULL REFERENCES products (sku),
    warehouse  TEXT NOT NULL REFERENCES warehouses (code),
    kind       TEXT NOT NULL CHECK (kind IN ('receipt', 'sale', 'return', 'adjustment', 'transfer')),
    quantity   BIGINT NOT NULL CHECK (quantity <> 0),
    reference  TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX stock_movements_sku ON stock_movements (sku, warehouse);
CREATE INDEX stock_movements_reference ON stock_movements (reference);

CREATE TABLE stock_reservations (
    id         TEXT PRIMARY KEY,
    sku        TEXT NOT NULL,
    warehouse  TEXT NOT NULL,
    quantity   BIGINT NOT NULL CHECK (quantity > 0),
    reference  TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (sku, warehouse) REFERENCES stock_levels (sku, warehouse)
);
CREATE INDEX stock_reservations_reference ON stock_reservations (reference);

CREATE TABLE persons (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    trade          BOOLEAN NOT NULL DEFAULT FALSE,
    customer_group TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX persons_email ON persons (email);

CREATE TABLE organizations (
    id              TEXT PRIMARY KEY,
    legal_name      TEXT NOT NULL,
    tax_id          TEXT NOT NULL DEFAULT '',
    industry        TEXT NOT NULL DEFAULT '',
    employees       INTEGER NOT NULL DEFAULT 0,
    turnover_band   TEXT NOT NULL DEFAULT '',
    capabilities    TEXT NOT NULL DEFAULT '{}',
    customer_group  TEXT NOT NULL DEFAULT '',
    payment_terms   TEXT NOT NULL DEFAULT '',
    credit_limit    BIGINT NOT NULL DEFAULT 0,
    credit_currency TEXT NOT NULL DEFAULT '',
    website         TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX organizations_name ON organizations (legal_name);

CREATE TABLE contacts (
    id                TEXT PRIMARY KEY,
    organization_id   TEXT NOT NULL REFERENCES organizations (id),
    name              TEXT NOT NULL,
    email             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    job_title         TEXT NOT NULL DEFAULT '',
    role              TEXT NOT NULL DEFAULT '',
    influence         INTEGER NOT NULL DEFAULT 0 CHECK (influence BETWEEN 0 AND 5),
    sphere            TEXT NOT NULL DEFAULT '',
    required_approver BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX contacts_organization ON contacts (organization_id);

CREATE TABLE price_lists (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    currency        TEXT NOT NULL,
    organization_id TEXT REFERENCES organizations (id),
    customer_group  TEXT NOT NULL DEFAULT '',
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX price_lists_organization ON price_lists (organization_id);
CREATE INDEX price_lists_group ON price_lists (customer_group);

CREATE TABLE price_list_entries (
    price_list_id TEXT NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
    sku           TEXT NOT NULL REFERENCES products (sku),
    min_quantity  BIGINT NOT NULL CHECK (min_quantity >= 0),
    amount        BIGINT NOT NULL CHECK (amount > 0),
    PRIMARY KEY (price_list_id, sku, min_quantity)
);
CREATE INDEX price_list_entries_sku ON price_list_entries (sku);

CREATE TABLE orders (
    id                 TEXT PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    channel            TEXT NOT NULL CHECK (channel IN ('b2c', 'b2b')),
    status             TEXT NOT NULL,
    person_id          TEXT REFERENCES persons (id),
    organization_id    TEXT REFERENCES organizations (id),
    contact_id         TEXT REFERENCES contacts (id),
    guest_name         TEXT NOT NULL DEFAULT '',
    guest_email        TEXT NOT NULL DEFAULT '',
    guest_phone        TEXT NOT NULL DEFAULT '',
    currency           TEXT NOT NULL,
    prices_include_tax BOOLEAN NOT NULL,
    delivery_method    TEXT NOT NULL,
    delivery_address   TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    net                BIGINT NOT NULL,
    tax                BIGINT NOT NULL,
    total              BIGINT NOT NULL,
    placed_at          TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX orders_placed ON orders (placed_at, id);
CREATE INDEX orders_status ON orders (status, placed_at);
CREATE INDEX orders_person ON orders (person_id, placed_at);
CREATE INDEX orders_organization ON orders (organization_id, placed_at);

CREATE TABLE order_lines (
    order_id    TEXT NOT NULL REFERENCES orders (id),
    line_no     INTEGER NOT NULL,
    sku         TEXT NOT NULL REFERENCES products (sku),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    quantity    BIGINT NOT NULL CHECK (quantity > 0),
    unit_price  BIGINT NOT NULL,
    tax_rate_bp INTEGER NOT NULL,
    net         BIGINT NOT NULL,
    tax         BIGINT NOT NULL,
    gross       BIGINT NOT NULL,
    price_rule  TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_sku ON order_lines (sku);

CREATE TABLE order_transitions (
    order_id    TEXT NOT NULL REFERENCES orders (id),
    seq         INTEGER NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    by_user     TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (order_id, seq)
);

-- A retried request finds the result of its first attempt here: result_id is what
-- it created (an order). The same key with another body is refused.
CREATE TABLE idempotency_keys (
    scope         TEXT NOT NULL,
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    result_id     TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    disabled_at   TIMESTAMPTZ
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    token_hash   TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ
);

-- Order numbers come from a sequence: a counter row would be locked by every
-- checkout until it commits and serialize them all.
CREATE SEQUENCE order_number_seq START WITH 100001;
