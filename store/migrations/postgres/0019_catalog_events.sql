-- Network sales (S23): the catalog events announcements are made of. A product
-- added active (new) or taken out of the range (discontinued) writes a row in
-- the same transaction; the daily announcement job lists the rows of a
-- category in one campaign draft and sets campaign_id, so no event is
-- announced twice.
CREATE TABLE catalog_events (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('new', 'discontinued')),
    sku         TEXT NOT NULL,
    category    TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    campaign_id TEXT REFERENCES campaigns (id)
);
CREATE INDEX catalog_events_pending ON catalog_events (at) WHERE campaign_id IS NULL;
