-- Portal sessions of company buyers: a session's kind may now be 'contact' (the
-- subject is a contact id).
ALTER TABLE sessions DROP CONSTRAINT sessions_kind_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_kind_check CHECK (kind IN ('customer', 'staff', 'contact'));
