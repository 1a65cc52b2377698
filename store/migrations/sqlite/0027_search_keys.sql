-- PostgreSQL's 0027 adds prefix keys for full-text matching, which SQLite's FTS5
-- table has had since 0025 (its prefix indexes), and price indexes SQLite's
-- listings have not needed.
SELECT 1;
