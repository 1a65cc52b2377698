-- The buyer portal's second part (issue 4).

-- A saved list belongs to one contact (contact_id) or is shared in the company
-- (NULL). Names stay unique in the organization, so "Monthly" means one list.
ALTER TABLE saved_lists ADD COLUMN contact_id TEXT REFERENCES contacts (id);

-- The language a contact reads letters in (en, ru, fa): set when they sign in
-- to the portal or when staff send them a sign-in link; '' is the default.
ALTER TABLE contacts ADD COLUMN lang TEXT NOT NULL DEFAULT '';

-- The renewal reminders sent for a licence: one per licence, what ends (term or
-- maintenance), the end date and how many days before it, claimed by inserting
-- the row in the transaction that enqueues the letter, so each goes once.
CREATE TABLE licence_reminders (
    licence_id TEXT NOT NULL REFERENCES licences (id),
    what       TEXT NOT NULL,
    ends_at    TIMESTAMP NOT NULL,
    days       INTEGER NOT NULL,
    sent_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (licence_id, what, ends_at, days)
);
