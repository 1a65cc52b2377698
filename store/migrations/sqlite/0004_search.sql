-- Product browsing and full-text search for the shop (store/search.go,
-- store/search_query.go, package search).
--
-- product_search is the listings' projection of products: one narrow row per
-- product with what a listing starts from (channel, status, category and brand,
-- inherited from the parent for a variant, the price each channel shows) and,
-- in attrs, its specifications and variant attributes for filters and facets.
-- product_text holds the product's words, stemmed in Go (package search): title
-- (name, brand, SKU, variant attributes) and body (specifications, description).
-- The store writes both in the same transaction as every product insert or
-- update and every base price change. Products that exist before this migration
-- are indexed from Go right after the migrations run (DB.Migrate calls
-- indexMissing), since stemming is Go code.
CREATE TABLE product_search (
    n           INTEGER PRIMARY KEY,
    product_id  TEXT NOT NULL UNIQUE REFERENCES products (id),
    sku         TEXT NOT NULL UNIQUE,
    family      TEXT NOT NULL,             -- the parent's SKU for a variant, else the own SKU
    category    TEXT NOT NULL DEFAULT '',
    brand       TEXT NOT NULL DEFAULT '',
    name_key    TEXT NOT NULL,             -- lower-case name, for sorting
    kind        TEXT NOT NULL,
    b2c         BOOLEAN NOT NULL,
    b2b         BOOLEAN NOT NULL,
    active      BOOLEAN NOT NULL,
    tax_rate_bp INTEGER NOT NULL,
    currency    TEXT NOT NULL DEFAULT '',
    price_b2c   INTEGER,                   -- gross, as pricing.Resolve gives it without price lists
    price_b2b   INTEGER,                   -- net
    created_us  INTEGER NOT NULL,          -- created_at in microseconds since 1970, for sorting
    -- key U+001F value U+001F 1|0 (variant attribute or not), entries separated by U+001E
    attrs       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX product_search_category ON product_search (category);
CREATE INDEX product_search_family ON product_search (family);
CREATE INDEX product_search_created ON product_search (created_us);

CREATE TABLE product_text (
    n     INTEGER PRIMARY KEY REFERENCES product_search (n),
    title TEXT NOT NULL,
    body  TEXT NOT NULL
);

-- The full-text index over title and body. It holds no copy of the text
-- (content=product_text) and is kept in step by the triggers below. The rank
-- weighs a hit in the title ten times one in the body. Queried with the
-- table-valued form, product_fts('(brick* OR bricks*) AND red*'), which reads
-- the same in PostgreSQL, where product_fts is a function.
CREATE VIRTUAL TABLE product_fts USING fts5 (
    title, body,
    content = 'product_text', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
INSERT INTO product_fts (product_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

CREATE TRIGGER product_text_ai AFTER INSERT ON product_text BEGIN
    INSERT INTO product_fts (rowid, title, body) VALUES (new.n, new.title, new.body);
END;
CREATE TRIGGER product_text_ad AFTER DELETE ON product_text BEGIN
    INSERT INTO product_fts (product_fts, rowid, title, body) VALUES ('delete', old.n, old.title, old.body);
END;
CREATE TRIGGER product_text_au AFTER UPDATE ON product_text BEGIN
    INSERT INTO product_fts (product_fts, rowid, title, body) VALUES ('delete', old.n, old.title, old.body);
    INSERT INTO product_fts (rowid, title, body) VALUES (new.n, new.title, new.body);
END;

-- A counter moved by every write to the search index, in the same transaction:
-- b2x processes keep listings in memory and read this one row to learn that
-- another process changed the catalog.
CREATE TABLE catalog_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);
