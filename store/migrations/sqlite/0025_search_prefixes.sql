-- Longer prefix indexes for the full-text table (migration 0004 kept prefixes
-- of 2 and 3 characters). A query term is matched as a prefix ("bench*"); a
-- prefix without its own index makes FTS5 merge the doclists of every word it
-- starts into one list in memory before it can skip through them, so a SKU
-- typed whole ("BENCH-01234": bench* AND 01234*) read the whole catalog's
-- "bench" list, a few milliseconds a search at 100,000 products. With an index
-- per prefix length up to 6 such a term is one list FTS5 seeks in. Words typed
-- longer than 6 letters are merged as before. The table holds no text of its
-- own (content=product_text), so it is made again and rebuilt from
-- product_text; the triggers of migration 0004 write to it by name.
DROP TABLE product_fts;
CREATE VIRTUAL TABLE product_fts USING fts5 (
    title, body,
    content = 'product_text', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6'
);
INSERT INTO product_fts (product_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
INSERT INTO product_fts (product_fts) VALUES ('rebuild');
