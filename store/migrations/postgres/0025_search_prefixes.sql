-- SQLite's 0025 adds prefix indexes to its FTS5 table. PostgreSQL's GIN index
-- finds a prefix's words in its sorted keys and needs nothing more.
SELECT 1;
