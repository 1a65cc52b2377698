-- Variant families are read on every product page and review listing
-- (sku = $1 OR variant_of = $1); without this index that was a scan of the catalog.
CREATE INDEX products_variant_of ON products (variant_of) WHERE variant_of <> '';
