-- Prefix keys for PostgreSQL's full-text matching, the counterpart of the FTS5
-- prefix indexes of SQLite's 0025. A query term is a prefix ("bench*"); matched
-- as bench:* against the tsvector, GIN collects the posting list of every word
-- it starts into one bitmap before it can intersect the terms, and costs it so:
-- the planner read the whole of product_text sequentially instead (40 ms for an
-- exact SKU, "bench* AND 36993*", at 100,000 products; BENCHMARKS.md, "PostgreSQL
-- search keys").
--
-- keys holds each word of the text (title and body are Go's words separated by
-- single spaces, package search) and, for every prefix of 2 to 6 characters of
-- it, that prefix followed by "*". A term of 2 to 6 characters typed as a prefix
-- is then the one key "bench*", looked up like a whole word: GIN skips through
-- the long lists of common words using the short lists of rare ones. A longer
-- prefix is still a prefix over the whole words, and a one-letter term (matched
-- whole, search.Query.Match) a whole word. "*" is never part of a word, so a key
-- only ever matches the term it was made for. The ranking is unchanged: it still
-- reads tsv with the query as before.
CREATE FUNCTION product_keys(title TEXT, body TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- array_to_tsvector drops repeated keys.
    SELECT array_to_tsvector(ARRAY(
        SELECT k FROM unnest(string_to_array(title || ' ' || body, ' ')) AS w,
            LATERAL (SELECT w UNION ALL
                     SELECT left(w, n) || '*' FROM generate_series(2, least(length(w), 6)) AS n) AS keys (k)
        -- to_tsvector leaves out a word longer than a lexeme may be; so do
        -- the keys, where array_to_tsvector would refuse the row instead.
        WHERE w <> '' AND octet_length(w) < 2048))
$$;

-- product_keys_query(q) is search.Query.Match's text as a query of keys: a term
-- of 2 to 6 characters with "*" is the key 'term*', a longer one the prefix
-- 'term':*, one without "*" the word 'term'. Every lexeme is quoted and read by
-- the tsquery type itself, not by to_tsquery, which would split 'term*' again.
-- Terms are letters and digits only, so nothing in them is tsquery syntax.
CREATE FUNCTION product_keys_query(q TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CAST(
        regexp_replace(regexp_replace(regexp_replace(
            replace(replace(q, ' OR ', ' | '), ' AND ', ' & '),
            '(^|[ (])([^ ()*|&]{7,})\*', '\1''\2'':*', 'g'),
            '(^|[ (])([^ ()*|&]{2,6})\*', '\1''\2*''', 'g'),
            '(^|[ (])([^ ()*|&'']+)(?=$|[ )])', '\1''\2''', 'g')
        AS tsquery)
$$;

ALTER TABLE product_text ADD COLUMN keys tsvector GENERATED ALWAYS AS (product_keys(title, body)) STORED;
CREATE INDEX product_text_keys ON product_text USING GIN (keys);
-- Matching reads keys now; tsv is only ranked, row by row.
DROP INDEX product_text_tsv;

CREATE OR REPLACE FUNCTION product_fts(q TEXT) RETURNS TABLE (rowid BIGINT, rank REAL)
LANGUAGE sql STABLE AS $$
    SELECT t.n, -ts_rank(t.tsv, to_tsquery('simple'::regconfig,
               replace(replace(replace(q, ' OR ', ' | '), ' AND ', ' & '), '*', ':*')))
    FROM product_text t
    WHERE t.keys @@ product_keys_query(q)
$$;

-- A search ordered by price reads the channel's visible rows in price order and
-- stops at the bound (store.Listing.Limit) instead of joining every match and
-- sorting them: "product" in stock by price, which matches all of a 100,000-SKU
-- catalog, took 300 ms and takes 50.
CREATE INDEX product_search_price_b2c ON product_search (price_b2c, n) WHERE b2c AND active;
CREATE INDEX product_search_price_b2b ON product_search (price_b2b, n) WHERE b2b AND active;

-- The new column and indexes are planned from statistics; a server whose
-- autovacuum has not run yet would otherwise guess.
ANALYZE product_text;
ANALYZE product_search;
