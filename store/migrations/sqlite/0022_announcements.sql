-- Network sales (S23), second part. A base price changed in a channel is a
-- catalog event too ('price', with the channel, currency, old and new amount),
-- so the kind's CHECK grows: SQLite cannot alter a CHECK, so the table is
-- rebuilt (nothing references it).
CREATE TABLE catalog_events_new (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('new', 'discontinued', 'price')),
    sku         TEXT NOT NULL,
    category    TEXT NOT NULL,
    at          TIMESTAMP NOT NULL,
    campaign_id TEXT REFERENCES campaigns (id),
    channel     TEXT CHECK (channel IN ('b2c', 'b2b')),
    currency    TEXT,
    old_amount  INTEGER,
    new_amount  INTEGER,
    CHECK ((kind = 'price') = (channel IS NOT NULL AND currency IS NOT NULL AND old_amount IS NOT NULL AND new_amount IS NOT NULL))
);
INSERT INTO catalog_events_new (id, kind, sku, category, at, campaign_id)
    SELECT id, kind, sku, category, at, campaign_id FROM catalog_events;
DROP TABLE catalog_events;
ALTER TABLE catalog_events_new RENAME TO catalog_events;
CREATE INDEX catalog_events_pending ON catalog_events (at) WHERE campaign_id IS NULL;

-- One announcement is the drafts made of one category's events in one run:
-- one per list and language. An address on two lists gets one of them: the
-- send of a draft locks its announcement row (sends) and leaves out the
-- addresses a sibling draft already has a delivery for.
CREATE TABLE announcements (
    id         TEXT PRIMARY KEY,
    category   TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    sends      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE announcement_drafts (
    campaign_id     TEXT PRIMARY KEY REFERENCES campaigns (id),
    announcement_id TEXT NOT NULL REFERENCES announcements (id)
);
CREATE INDEX announcement_drafts_announcement ON announcement_drafts (announcement_id);
