-- Alerts (S18, S22.4): "back in stock" for one SKU, by email or SMS, closed once
-- sent; "new arrivals" in a category or of a brand, by email, until the
-- subscriber unsubscribes. Every alert carries the link that ends its
-- subscription, so the token is kept as it is: it can do nothing else.
CREATE TABLE alert_subscriptions (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('back_in_stock', 'new_arrivals')),
    sku        TEXT REFERENCES products (sku),
    category   TEXT REFERENCES categories (slug),
    brand      TEXT,
    email      TEXT,
    phone      TEXT,
    lang       TEXT NOT NULL,
    person_id  TEXT REFERENCES persons (id),
    token      TEXT NOT NULL UNIQUE,
    status     TEXT NOT NULL CHECK (status IN ('active', 'sent', 'unsubscribed')),
    created_at TIMESTAMP NOT NULL,
    closed_at  TIMESTAMP,
    CHECK ((email IS NULL) <> (phone IS NULL)),
    CHECK ((kind = 'back_in_stock' AND sku IS NOT NULL AND category IS NULL AND brand IS NULL)
        OR (kind = 'new_arrivals' AND sku IS NULL AND email IS NOT NULL AND (category IS NULL) <> (brand IS NULL))),
    CHECK ((status = 'active') = (closed_at IS NULL))
);
-- Subscribing twice to the same thing with the same address is one subscription.
CREATE UNIQUE INDEX alert_subscriptions_one_active ON alert_subscriptions
    (kind, COALESCE(sku, ''), COALESCE(category, ''), COALESCE(brand, ''), COALESCE(email, ''), COALESCE(phone, ''))
    WHERE status = 'active';
CREATE INDEX alert_subscriptions_sku ON alert_subscriptions (sku) WHERE status = 'active';

-- One alert per subscription per event (a restock, a batch of new products): the
-- row is written when the alert is enqueued, so an event handled twice enqueues
-- nothing the second time, and sent_at when the server accepted it.
CREATE TABLE alert_deliveries (
    subscription_id TEXT NOT NULL REFERENCES alert_subscriptions (id),
    event           TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP,
    PRIMARY KEY (subscription_id, event)
);

-- The language a customer ordered in, for the letters that follow the order.
CREATE TABLE order_languages (
    order_id TEXT PRIMARY KEY REFERENCES orders (id),
    lang     TEXT NOT NULL
);
