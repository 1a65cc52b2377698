-- Back-office operations (web/admin): reorder points per SKU and warehouse
-- (S22.3), the time an order spent in the status it left (S22.5), and the
-- company's own delivery service's schedule (S3).

-- A SKU's reorder point in a warehouse: when what is available there falls
-- below point, the low-stock list suggests ordering up to point + quantity.
-- Both are thousandths of a unit, like every stock quantity.
CREATE TABLE reorder_points (
    sku        TEXT NOT NULL REFERENCES products (sku),
    warehouse  TEXT NOT NULL REFERENCES warehouses (code),
    point      BIGINT NOT NULL CHECK (point >= 0),
    quantity   BIGINT NOT NULL CHECK (quantity >= 0),
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sku, warehouse)
);

-- seconds_in_from is how long the order stayed in from_status before this
-- transition: written with the transition, so the report of average times per
-- status is one GROUP BY with no date arithmetic, which the engines spell
-- differently. NULL for the first transition (into placed).
ALTER TABLE order_transitions ADD COLUMN seconds_in_from BIGINT;
UPDATE order_transitions t SET seconds_in_from = round(extract(epoch FROM t.at - p.at))::BIGINT
FROM order_transitions p WHERE p.order_id = t.order_id AND p.seq = t.seq - 1;
-- Covering, so the report reads the index alone.
CREATE INDEX order_transitions_at ON order_transitions (at, from_status, seconds_in_from);

-- A delivery by the company's own service: the day (YYYY-MM-DD), a slot of
-- order.DeliverySlots, and who drives what.
CREATE TABLE order_deliveries (
    order_id   TEXT PRIMARY KEY REFERENCES orders (id),
    day        TEXT NOT NULL,
    slot       TEXT NOT NULL,
    driver     TEXT NOT NULL DEFAULT '',
    vehicle    TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX order_deliveries_day ON order_deliveries (day, slot);
