-- Reviews (S4), warranty and after-sales (S18, S19, S22.2), funnel events (S21)
-- and news posts (S4).

-- One review per author per product among the reviews that are not rejected:
-- author is 'person:<id>' or 'email:<lower-cased email>'. A rejected review does
-- not block a new one.
CREATE TABLE reviews (
    id            TEXT PRIMARY KEY,
    sku           TEXT NOT NULL REFERENCES products (sku) ON UPDATE CASCADE,
    author        TEXT NOT NULL,
    person_id     TEXT REFERENCES persons (id),
    email         TEXT NOT NULL DEFAULT '',
    order_id      TEXT REFERENCES orders (id),
    author_name   TEXT NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    verified      BOOLEAN NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason        TEXT NOT NULL DEFAULT '',
    moderated_by  TEXT NOT NULL DEFAULT '',
    moderated_at  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX reviews_one_per_author ON reviews (sku, author) WHERE status <> 'rejected';
CREATE INDEX reviews_sku_status ON reviews (sku, status, id);
CREATE INDEX reviews_status ON reviews (status, id);

-- A serial number is registered once per SKU, so two people cannot hold the
-- warranty of one item.
CREATE TABLE warranty_registrations (
    id             TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES persons (id),
    sku            TEXT NOT NULL REFERENCES products (sku) ON UPDATE CASCADE,
    serial_number  TEXT NOT NULL,
    order_id       TEXT REFERENCES orders (id),
    purchased_at   TIMESTAMP NOT NULL,
    warranty_until TIMESTAMP NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    UNIQUE (sku, serial_number),
    CHECK (warranty_until > purchased_at)
);
CREATE INDEX warranty_registrations_person ON warranty_registrations (person_id, id);

-- At most one open (not closed) claim per registered item.
CREATE TABLE warranty_claims (
    id              TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL REFERENCES warranty_registrations (id),
    person_id       TEXT NOT NULL REFERENCES persons (id),
    sku             TEXT NOT NULL,
    serial_number   TEXT NOT NULL,
    problem         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('submitted', 'received', 'diagnosed', 'repaired', 'replaced',
                                                     'refunded', 'rejected', 'closed')),
    reason          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX warranty_claims_one_open ON warranty_claims (registration_id) WHERE status <> 'closed';
CREATE INDEX warranty_claims_status ON warranty_claims (status, id);
CREATE INDEX warranty_claims_person ON warranty_claims (person_id, id);

CREATE TABLE warranty_claim_transitions (
    claim_id    TEXT NOT NULL REFERENCES warranty_claims (id),
    seq         INTEGER NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    at          TIMESTAMP NOT NULL,
    by_actor    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (claim_id, seq)
);

CREATE TABLE defects (
    id          TEXT PRIMARY KEY,
    sku         TEXT NOT NULL REFERENCES products (sku) ON UPDATE CASCADE,
    claim_id    TEXT REFERENCES warranty_claims (id),
    code        TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('mechanical', 'electrical', 'cosmetic', 'software', 'packaging',
                                                  'missing_part', 'other')),
    description TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX defects_recorded ON defects (recorded_at, sku);
CREATE INDEX defects_claim ON defects (claim_id);

-- Written in batches from an in-memory buffer; no foreign keys, so a batch never
-- fails on a product deleted meanwhile. session is a hash of the shop's session key.
CREATE TABLE funnel_events (
    at        TIMESTAMP NOT NULL,
    step      TEXT NOT NULL CHECK (step IN ('product_view', 'add_to_cart', 'checkout_started', 'order_placed')),
    session   TEXT NOT NULL,
    sku       TEXT NOT NULL DEFAULT '',
    person_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX funnel_events_at ON funnel_events (at, step);

-- published_at NULL is a draft; a time still to come schedules the post.
CREATE TABLE news_posts (
    id           TEXT PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    lang         TEXT NOT NULL CHECK (lang IN ('en', 'ru', 'fa')),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    published_at TIMESTAMP,
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX news_posts_published ON news_posts (published_at, id);
CREATE INDEX news_posts_lang ON news_posts (lang, published_at, id);
