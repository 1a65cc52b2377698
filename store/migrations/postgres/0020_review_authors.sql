-- A customer's page lists the reviews they wrote (S4), newest first.
CREATE INDEX reviews_person ON reviews (person_id, id) WHERE person_id IS NOT NULL;
