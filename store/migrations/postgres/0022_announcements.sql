-- Network sales (S23), second part. A base price changed in a channel is a
-- catalog event too ('price', with the channel, currency, old and new amount).
ALTER TABLE catalog_events DROP CONSTRAINT catalog_events_kind_check;
ALTER TABLE catalog_events ADD CONSTRAINT catalog_events_kind_check CHECK (kind IN ('new', 'discontinued', 'price'));
ALTER TABLE catalog_events ADD COLUMN channel TEXT CHECK (channel IN ('b2c', 'b2b'));
ALTER TABLE catalog_events ADD COLUMN currency TEXT;
ALTER TABLE catalog_events ADD COLUMN old_amount BIGINT;
ALTER TABLE catalog_events ADD COLUMN new_amount BIGINT;
ALTER TABLE catalog_events ADD CONSTRAINT catalog_events_price_check
    CHECK ((kind = 'price') = (channel IS NOT NULL AND currency IS NOT NULL AND old_amount IS NOT NULL AND new_amount IS NOT NULL));

-- One announcement is the drafts made of one category's events in one run:
-- one per list and language. An address on two lists gets one of them: the
-- send of a draft locks its announcement row (sends) and leaves out the
-- addresses a sibling draft already has a delivery for.
CREATE TABLE announcements (
    id         TEXT PRIMARY KEY,
    category   TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sends      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE announcement_drafts (
    campaign_id     TEXT PRIMARY KEY REFERENCES campaigns (id),
    announcement_id TEXT NOT NULL REFERENCES announcements (id)
);
CREATE INDEX announcement_drafts_announcement ON announcement_drafts (announcement_id);
