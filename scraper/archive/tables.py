"""The SQL of ``archive.db``'s tables, triggers and indexes, by the schema version that introduced them.

Plain ``CREATE ... IF NOT EXISTS`` SQL with the foreign keys inline (see :mod:`scraper.archive.schema`
for why, and for the migrations that apply it to older files). Every table and column is described
in ``datasette_metadata.json``.
"""

V1_SQL = """
CREATE TABLE IF NOT EXISTS municipalities (
    id TEXT PRIMARY KEY,
    name TEXT,
    country TEXT,
    homepage TEXT,
    news_url TEXT,
    feed_url TEXT,
    platform TEXT,
    latitude REAL,
    longitude REAL,
    code TEXT,
    county_code TEXT,
    county TEXT,
    platform_seen TEXT,
    last_crawled TEXT,
    last_success TEXT,
    last_status TEXT,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    lead TEXT,
    body TEXT,
    published TEXT,
    updated TEXT,
    year INTEGER,
    language TEXT,
    author TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    fetched_at TEXT,
    extractor TEXT,
    content_hash TEXT NOT NULL,
    quote_count INTEGER NOT NULL DEFAULT 0,
    contact_count INTEGER NOT NULL DEFAULT 0,
    capture_id INTEGER REFERENCES captures(id),
    version INTEGER NOT NULL DEFAULT 1,
    revision_count INTEGER NOT NULL DEFAULT 0,
    removed TEXT,
    removed_reason TEXT,
    canonical_url TEXT,
    source TEXT NOT NULL DEFAULT 'site'
);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    role TEXT,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT,
    role TEXT,
    organisation TEXT,
    email TEXT,
    phone TEXT,
    phone_raw TEXT,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS crawls (
    id INTEGER PRIMARY KEY,
    municipality_id TEXT REFERENCES municipalities(id),
    started TEXT,
    finished TEXT,
    status TEXT,
    pages_fetched INTEGER,
    articles_found INTEGER,
    articles_new INTEGER,
    articles_updated INTEGER,
    articles_unchanged INTEGER,
    errors INTEGER,
    note TEXT
);
-- The words of articles_fts, spelt backwards, so the Datasette search can find compounds ending in
-- a word (skola -> förskola, grundskola) with an index range scan. Derived data: refresh_terms()
-- rebuilds it from the full-text index. A vocabulary, not a second index: a few MB where a trigram
-- index over the bodies would be ~5x the article index.
CREATE TABLE IF NOT EXISTS articles_fts_terms (
    term TEXT PRIMARY KEY,
    reversed TEXT NOT NULL,
    documents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles_fts_terms_state (
    key TEXT PRIMARY KEY,
    value TEXT
);
"""

V2_SQL = """
CREATE TABLE IF NOT EXISTS people (
    id INTEGER PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    role TEXT,
    email TEXT,
    phone TEXT,
    first_quoted TEXT,
    last_quoted TEXT,
    quote_count INTEGER NOT NULL DEFAULT 0,
    contact_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (municipality_id, name_key)
);
CREATE TABLE IF NOT EXISTS person_roles (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    first_seen_published TEXT,
    last_seen_published TEXT,
    article_count INTEGER NOT NULL,
    PRIMARY KEY (person_id, role)
);
"""

V3_SQL = """
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    etag TEXT,
    last_modified TEXT,
    payload_sha256 TEXT NOT NULL,
    warc_file TEXT NOT NULL,
    warc_offset INTEGER NOT NULL,
    warc_length INTEGER NOT NULL,
    warc_record_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    title TEXT,
    lead TEXT,
    body TEXT,
    published TEXT,
    updated TEXT,
    captured_at TEXT,
    replaced_at TEXT,
    capture_id INTEGER REFERENCES captures(id),
    trivial INTEGER NOT NULL DEFAULT 0,
    changed_fields TEXT,
    words_removed INTEGER,
    words_added INTEGER,
    UNIQUE (article_id, version)
);
"""

V4_SQL = """
-- Every page the spider fetched that is not an article (robots.txt, homepage, sitemaps, feeds,
-- listings, rejected candidates, broken links, permanent redirects): its validators and what it
-- yielded, so the next crawl asks for it conditionally and, on a 304, reuses the links it listed
-- instead of downloading it again. Articles keep their validators in captures.
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    outcome TEXT,
    etag TEXT,
    last_modified TEXT,
    payload_sha256 TEXT,
    last_status INTEGER,
    first_fetched TEXT NOT NULL,
    last_fetched TEXT NOT NULL,
    last_changed TEXT,
    link_count INTEGER,
    links TEXT,
    content TEXT
);
"""

# Indexes are created after ``add_missing_columns``: on an archive written by an older version the
# indexed column (``quotes.person_id``) does not exist until then.
INDEXES_SQL = """
-- Newest first, and articles of one date in id order: Datasette's first page of a table sorted by
-- a column has no tie-breaker (its later pages order ties by id), so the index order is the one
-- that keeps pages and CSV streams from repeating and skipping articles of the same date.
CREATE INDEX IF NOT EXISTS idx_articles_municipality_published_desc ON articles(municipality_id, published DESC);
CREATE INDEX IF NOT EXISTS idx_articles_published_desc ON articles(published DESC);
CREATE INDEX IF NOT EXISTS idx_articles_language ON articles(language);
CREATE INDEX IF NOT EXISTS idx_articles_year ON articles(year);
CREATE INDEX IF NOT EXISTS idx_quotes_article_id ON quotes(article_id);
CREATE INDEX IF NOT EXISTS idx_quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS idx_contacts_article_id ON contacts(article_id);
CREATE INDEX IF NOT EXISTS idx_contacts_email ON contacts(email);
CREATE INDEX IF NOT EXISTS idx_crawls_municipality_started ON crawls(municipality_id, started);
CREATE INDEX IF NOT EXISTS idx_quotes_person_id ON quotes(person_id);
CREATE INDEX IF NOT EXISTS idx_contacts_person_id ON contacts(person_id);
CREATE INDEX IF NOT EXISTS idx_people_municipality_email ON people(municipality_id, email);
CREATE INDEX IF NOT EXISTS idx_articles_fts_terms_reversed ON articles_fts_terms(reversed);
CREATE INDEX IF NOT EXISTS idx_articles_capture_id ON articles(capture_id);
CREATE INDEX IF NOT EXISTS idx_articles_removed ON articles(removed);
CREATE INDEX IF NOT EXISTS idx_articles_revision_count ON articles(revision_count);
CREATE INDEX IF NOT EXISTS idx_captures_url ON captures(url);
CREATE INDEX IF NOT EXISTS idx_revisions_capture_id ON revisions(capture_id);
CREATE INDEX IF NOT EXISTS idx_pages_municipality_kind ON pages(municipality_id, kind);
-- The pages table's sort (last fetched first), ties in the order of its key (see the articles').
CREATE INDEX IF NOT EXISTS idx_pages_last_fetched_desc ON pages(last_fetched DESC, url);
CREATE UNIQUE INDEX IF NOT EXISTS idx_articles_canonical_url ON articles(canonical_url);
CREATE INDEX IF NOT EXISTS idx_article_urls_article_id ON article_urls(article_id);
-- A saved article is checked against the municipality's copies from other sources (the same
-- release in a press room): by the days around its date and by its headline, never by a scan.
CREATE INDEX IF NOT EXISTS idx_articles_municipality_source_published ON articles(municipality_id, source, published);
CREATE INDEX IF NOT EXISTS idx_articles_municipality_title ON articles(municipality_id, title);
"""


#: The whole set of tables, as a fresh archive gets it.
V6_SQL = """
-- Inflection-aware search (scraper.archive.inflection): each word of articles_fts_terms under one
-- key per language, the language code, ':' and the word's lemma spelt backwards (sv:aloks for skola,
-- skolan, skolor): a search word finds its forms by key, and compounds whose lemma ends in it by a
-- range scan. Derived from the vocabulary by refresh_terms(), like articles_fts_terms.
CREATE TABLE IF NOT EXISTS articles_fts_stems (
    key TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY (key, term)
) WITHOUT ROWID;
"""

V8_SQL = """
-- Which articles changed what readers keep per article (municipality, date, year, language) or were
-- deleted, in order: the search page's facet arrays (scraper.web.facets) catch up by these ids and
-- the ids past the largest they hold, instead of re-reading every article after each write. An
-- insert needs no entry (its id is new). The writer keeps the newest CHANGES_KEPT entries
-- (scraper.archive.crawl_log); a reader that fell further behind reads everything again.
CREATE TABLE IF NOT EXISTS articles_changed (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS articles_changed_au
AFTER UPDATE OF municipality_id, published, year, language ON articles
WHEN old.municipality_id IS NOT new.municipality_id OR old.published IS NOT new.published
  OR old.year IS NOT new.year OR old.language IS NOT new.language
BEGIN
  INSERT INTO articles_changed (article_id) VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS articles_changed_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_changed (article_id) VALUES (old.id);
END;
"""

V10_SQL = """
-- The other URLs of an article: one release on the site and in a press room (Mynewsdesk, Cision,
-- via TT) is one article with its other URLs here (scraper.archive.sameness decides "the same").
CREATE TABLE IF NOT EXISTS article_urls (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    capture_id INTEGER REFERENCES captures(id)
);
"""

TABLES_SQL = V1_SQL + V2_SQL + V3_SQL + V4_SQL + V6_SQL + V8_SQL + V10_SQL

#: The whole schema (tables, then indexes), as a fresh archive gets it.
SCHEMA_SQL = TABLES_SQL + INDEXES_SQL
