-- Email campaigns (issue 6, S13): mailing lists with consent per address, the
-- suppression list, segments, campaigns with their test sends, one delivery row
-- per recipient (moved to sent only after the SMTP server accepted the message),
-- the batches the sending jobs lease, and the events reports count.

CREATE TABLE mailing_lists (
    id         TEXT PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- email_key is the address trimmed and lower-cased in Go: one consent per
-- address and list, whatever the case it was typed in.
CREATE TABLE list_consents (
    list_id      TEXT NOT NULL REFERENCES mailing_lists (id),
    email_key    TEXT NOT NULL,
    email        TEXT NOT NULL,
    given_at     TIMESTAMPTZ NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('form', 'import', 'portal', 'admin')),
    withdrawn_at TIMESTAMPTZ,
    PRIMARY KEY (list_id, email_key)
);

CREATE TABLE suppressions (
    email_key TEXT PRIMARY KEY,
    email     TEXT NOT NULL,
    reason    TEXT NOT NULL CHECK (reason IN ('hard_bounce', 'complaint', 'manual', 'unsubscribe_all', 'soft_bounces')),
    detail    TEXT NOT NULL DEFAULT '',
    at        TIMESTAMPTZ NOT NULL
);

-- Soft bounces counted per address until the limit suppresses it.
CREATE TABLE soft_bounces (
    email_key TEXT PRIMARY KEY,
    count     INTEGER NOT NULL CHECK (count > 0),
    last_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE segments (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    filter     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE campaigns (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    list_id     TEXT NOT NULL REFERENCES mailing_lists (id),
    segment_id  TEXT REFERENCES segments (id),
    subject     TEXT NOT NULL,
    preheader   TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    lang        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('draft', 'sending', 'paused', 'finished')),
    findings    TEXT NOT NULL DEFAULT '[]',
    lint_errors INTEGER NOT NULL DEFAULT 0,
    test_sends  INTEGER NOT NULL DEFAULT 0,
    recipients  INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK ((status = 'finished') = (finished_at IS NOT NULL))
);
CREATE INDEX campaigns_status ON campaigns (status, created_at);

CREATE TABLE campaign_test_sends (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    email       TEXT NOT NULL,
    sent_by     TEXT NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    answer      TEXT CHECK (answer IN ('clear', 'not_clear')),
    comment     TEXT NOT NULL DEFAULT '',
    answered_at TIMESTAMPTZ,
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX campaign_test_sends_campaign ON campaign_test_sends (campaign_id, sent_at);

-- A batch of deliveries is worked by one job at a time: the job holds the lease
-- of its generation; a lease that ran out (its process died) is taken over by a
-- new generation's job (app/campaign_send.go).
CREATE TABLE campaign_batches (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    batch       INTEGER NOT NULL,
    gen         INTEGER NOT NULL DEFAULT 0,
    lease_until TIMESTAMPTZ NOT NULL,
    done        BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (campaign_id, batch)
);
CREATE INDEX campaign_batches_lease ON campaign_batches (lease_until) WHERE NOT done;

CREATE TABLE campaign_deliveries (
    id           TEXT PRIMARY KEY,
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id),
    batch        INTEGER NOT NULL,
    email        TEXT NOT NULL,
    email_key    TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    retry_at     TIMESTAMPTZ,
    detail       TEXT NOT NULL DEFAULT '',
    claimed_at   TIMESTAMPTZ,
    sent_at      TIMESTAMPTZ,
    bounce       TEXT CHECK (bounce IN ('hard', 'soft', 'complaint')),
    bounced_at   TIMESTAMPTZ,
    UNIQUE (campaign_id, email_key)
);
CREATE INDEX campaign_deliveries_batch ON campaign_deliveries (campaign_id, batch, state);
CREATE INDEX campaign_deliveries_email ON campaign_deliveries (email_key);

-- What recipients did: opened, clicked (with the link), unsubscribed, bounced.
CREATE TABLE campaign_events (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    delivery_id TEXT NOT NULL REFERENCES campaign_deliveries (id),
    kind        TEXT NOT NULL CHECK (kind IN ('open', 'click', 'unsubscribe', 'bounce')),
    url         TEXT NOT NULL DEFAULT '',
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX campaign_events_campaign ON campaign_events (campaign_id, kind, delivery_id);
