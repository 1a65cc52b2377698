-- Home-page banners (S4): staff-written messages per language (lang '' for
-- every language) shown between starts_at and ends_at (NULL: until taken down).
CREATE TABLE banners (
    id         TEXT PRIMARY KEY,
    lang       TEXT NOT NULL DEFAULT '' CHECK (lang IN ('', 'en', 'ru', 'fa')),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ,
    position   INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX banners_running ON banners (starts_at, ends_at);
