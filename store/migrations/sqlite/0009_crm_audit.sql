-- Back office and CRM (S4–S6, S9–S11, S14, S22, S23): the audit log of staff
-- changes, the configurable pipeline, deals with their stage history, activities,
-- account-manager assignments, tenders, the winning-points library, stances in the
-- buying center and who referred a customer.

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY, -- insertion order: newest page first, even within one clock tick
    id        TEXT NOT NULL UNIQUE,
    at        TIMESTAMP NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    change    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_at ON audit_log (at);

-- One row: the company's stages as JSON; absent means crm.DefaultPipeline.
CREATE TABLE crm_pipeline (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    stages     TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE tenders (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    title            TEXT NOT NULL,
    published_at     TIMESTAMP NOT NULL,
    deadline         TIMESTAMP NOT NULL,
    requirements     TEXT NOT NULL DEFAULT '[]',
    documents        TEXT NOT NULL DEFAULT '[]',
    decision         TEXT NOT NULL CHECK (decision IN ('undecided', 'bid', 'no_bid')),
    decision_reason  TEXT NOT NULL DEFAULT '',
    quote_id         TEXT REFERENCES quotes (id),
    submitted_at     TIMESTAMP,
    outcome          TEXT NOT NULL CHECK (outcome IN ('pending', 'won', 'lost', 'cancelled')),
    winner_name      TEXT NOT NULL DEFAULT '',
    winning_price    INTEGER NOT NULL DEFAULT 0,
    winning_currency TEXT NOT NULL DEFAULT '',
    owner            TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    CHECK (deadline > published_at)
);
CREATE INDEX tenders_deadline ON tenders (deadline, id);
CREATE INDEX tenders_organization ON tenders (organization_id, id);

CREATE TABLE opportunities (
    id              TEXT PRIMARY KEY,
    organization_id TEXT REFERENCES organizations (id),
    person_id       TEXT REFERENCES persons (id),
    title           TEXT NOT NULL,
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    currency        TEXT NOT NULL,
    stage           TEXT NOT NULL,
    probability     INTEGER CHECK (probability BETWEEN 0 AND 100),
    expected_close  TIMESTAMP NOT NULL,
    owner           TEXT NOT NULL REFERENCES users (id),
    source          TEXT NOT NULL CHECK (source IN ('referral', 'web', 'tender', 'dealer', 'campaign')),
    lost_reason     TEXT NOT NULL DEFAULT '',
    tender_id       TEXT UNIQUE REFERENCES tenders (id),
    stage_since     TIMESTAMP NOT NULL, -- when the deal moved into its stage (creation if never moved)
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (organization_id IS NOT NULL OR person_id IS NOT NULL)
);
-- The board reads cards per stage by expected close and sums per stage and currency.
CREATE INDEX opportunities_stage ON opportunities (stage, expected_close, id);
CREATE INDEX opportunities_stage_sum ON opportunities (stage, currency, amount);
CREATE INDEX opportunities_owner ON opportunities (owner, stage, expected_close);
CREATE INDEX opportunities_organization ON opportunities (organization_id, id);
CREATE INDEX opportunities_person ON opportunities (person_id, id);
CREATE INDEX opportunities_close ON opportunities (expected_close, id);

CREATE TABLE opportunity_stage_changes (
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id),
    seq            INTEGER NOT NULL,
    from_stage     TEXT NOT NULL,
    to_stage       TEXT NOT NULL,
    at             TIMESTAMP NOT NULL,
    by_user        TEXT NOT NULL,
    PRIMARY KEY (opportunity_id, seq)
);

CREATE TABLE activities (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('meeting', 'call', 'email', 'note', 'task')),
    subject         TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    due             TIMESTAMP,
    done_at         TIMESTAMP,
    owner           TEXT NOT NULL REFERENCES users (id),
    organization_id TEXT REFERENCES organizations (id),
    person_id       TEXT REFERENCES persons (id),
    opportunity_id  TEXT REFERENCES opportunities (id),
    tender_id       TEXT REFERENCES tenders (id),
    follow_up_of    TEXT REFERENCES activities (id),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CHECK (kind <> 'note' OR due IS NULL),
    CHECK (kind NOT IN ('meeting', 'call', 'task') OR due IS NOT NULL)
);
CREATE INDEX activities_owner ON activities (owner, id);
CREATE INDEX activities_open ON activities (owner, due) WHERE done_at IS NULL;
CREATE INDEX activities_overdue ON activities (due, id) WHERE done_at IS NULL;
CREATE INDEX activities_organization ON activities (organization_id, id);
CREATE INDEX activities_person ON activities (person_id, id);
CREATE INDEX activities_opportunity ON activities (opportunity_id, id);
CREATE INDEX activities_tender ON activities (tender_id, id);

CREATE TABLE activity_contacts (
    activity_id TEXT NOT NULL REFERENCES activities (id),
    contact_id  TEXT NOT NULL REFERENCES contacts (id),
    PRIMARY KEY (activity_id, contact_id)
);
CREATE INDEX activity_contacts_contact ON activity_contacts (contact_id, activity_id);

CREATE TABLE account_assignments (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    manager         TEXT NOT NULL REFERENCES users (id),
    from_at         TIMESTAMP NOT NULL,
    to_at           TIMESTAMP,
    by_user         TEXT NOT NULL,
    CHECK (to_at IS NULL OR to_at > from_at)
);
-- One current manager per organization, whatever two reassignments at once try.
CREATE UNIQUE INDEX account_assignments_current ON account_assignments (organization_id) WHERE to_at IS NULL;
CREATE INDEX account_assignments_manager ON account_assignments (manager, organization_id) WHERE to_at IS NULL;
CREATE INDEX account_assignments_organization ON account_assignments (organization_id, from_at);

CREATE TABLE winning_points (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    tags       TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE winning_point_uses (
    point_id TEXT NOT NULL REFERENCES winning_points (id),
    used_in  TEXT NOT NULL, -- quote:ID or campaign:ID
    at       TIMESTAMP NOT NULL,
    by_user  TEXT NOT NULL,
    PRIMARY KEY (point_id, used_in)
);
CREATE INDEX winning_point_uses_used_in ON winning_point_uses (used_in);

ALTER TABLE contacts ADD COLUMN stance TEXT NOT NULL DEFAULT 'neutral' CHECK (stance IN ('supporter', 'neutral', 'sceptic'));
ALTER TABLE persons ADD COLUMN referred_by TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN referred_by TEXT NOT NULL DEFAULT '';
