-- Schema 1: the data model of DESIGN.md. Offsets are character offsets into articles.text.

CREATE TABLE captures (
    capture_id     BIGINT PRIMARY KEY,
    warc_record_id VARCHAR NOT NULL UNIQUE,   -- WARC-Record-ID: what makes ingest idempotent
    url            VARCHAR NOT NULL,          -- first URL requested
    final_url      VARCHAR NOT NULL,          -- after redirects
    status         INTEGER,
    headers        JSON,
    content_type   VARCHAR,
    fetched_at     TIMESTAMPTZ,
    body_sha256    VARCHAR NOT NULL,
    body_bytes     BIGINT,
    source         VARCHAR,
    role           VARCHAR,                   -- feed, sitemap, section, article ... (crawler's view)
    warc_file      VARCHAR NOT NULL,
    warc_offset    BIGINT NOT NULL,
    outcome        VARCHAR NOT NULL,          -- article, duplicate, skipped
    skip_reason    VARCHAR,
    ingested_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE articles (
    article_id       BIGINT PRIMARY KEY,
    capture_id       BIGINT NOT NULL,
    url              VARCHAR NOT NULL,
    canonical_url    VARCHAR NOT NULL,
    source           VARCHAR,
    domain           VARCHAR,
    title            VARCHAR,
    authors          VARCHAR[],
    published_at     TIMESTAMPTZ,
    published_source VARCHAR,                 -- meta, json-ld, time, htmldate
    updated_at       TIMESTAMPTZ,
    language         VARCHAR,
    description      VARCHAR,
    text             VARCHAR NOT NULL,
    text_sha256      VARCHAR NOT NULL,
    extractor        VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    duplicate_of     BIGINT,                  -- same text already stored (syndicated copy)
    previous_version BIGINT,                  -- same canonical URL, earlier text
    ingested_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX articles_text_sha ON articles (text_sha256);
CREATE INDEX articles_canonical ON articles (canonical_url);

CREATE TABLE entities (
    entity_id  BIGINT PRIMARY KEY,
    key        VARCHAR NOT NULL UNIQUE,      -- type:normalised name
    name       VARCHAR NOT NULL,
    type       VARCHAR NOT NULL,
    aliases    VARCHAR[]
);

CREATE TABLE mentions (
    entity_id  BIGINT NOT NULL,
    article_id BIGINT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    surface    VARCHAR NOT NULL
);

CREATE TABLE claims (
    claim_id          BIGINT PRIMARY KEY,
    article_id        BIGINT NOT NULL,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    search_text       VARCHAR NOT NULL,      -- text + speaker name: what BM25 indexes
    kind              VARCHAR NOT NULL,
    speaker_entity_id BIGINT,
    speaker_text      VARCHAR,
    verb              VARCHAR,
    hedged            BOOLEAN NOT NULL,
    negated           BOOLEAN NOT NULL,
    checkworthiness   DOUBLE NOT NULL,
    features          JSON,
    quote_spans       JSON,                  -- [[start, end], ...] into articles.text
    embedding         FLOAT[384],
    cluster_id        BIGINT,
    pipeline_version  VARCHAR NOT NULL,
    nlp_model         VARCHAR NOT NULL,
    embed_model       VARCHAR NOT NULL
);
CREATE INDEX claims_article ON claims (article_id);

CREATE TABLE claim_entities (
    claim_id  BIGINT NOT NULL,
    entity_id BIGINT NOT NULL
);

CREATE TABLE figures (
    figure_id  BIGINT PRIMARY KEY,
    claim_id   BIGINT NOT NULL,
    article_id BIGINT NOT NULL,
    kind       VARCHAR NOT NULL,
    value      DOUBLE,
    unit       VARCHAR,
    lower      DOUBLE,
    upper      DOUBLE,
    approx     VARCHAR,
    time_ref   VARCHAR,
    raw        VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL
);

CREATE TABLE clusters (
    cluster_id  BIGINT PRIMARY KEY,
    first_seen  TIMESTAMPTZ,
    n_claims    INTEGER,
    n_sources   INTEGER,
    n_origins   INTEGER                      -- independent origins (syndicated copies excluded)
);

CREATE TABLE contradictions (
    contradiction_id BIGINT PRIMARY KEY,
    claim_a     BIGINT NOT NULL,
    claim_b     BIGINT NOT NULL,
    reason      VARCHAR NOT NULL,            -- figure_mismatch, negation ...
    detail      VARCHAR,
    score       DOUBLE,
    detected_at TIMESTAMPTZ,
    review      VARCHAR DEFAULT 'open'       -- open, confirmed, dismissed
);

CREATE TABLE crawl_runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    duration_s   DOUBLE,
    fetched      INTEGER,
    articles     INTEGER,
    skipped_robots INTEGER,
    failed       INTEGER,
    http_errors  INTEGER,
    bytes        BIGINT,
    finish_reason VARCHAR,
    warc_files   VARCHAR[],
    summary      JSON
);

CREATE TABLE ingest_runs (
    run_id      VARCHAR PRIMARY KEY,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    warc_files  VARCHAR[],
    counters    JSON
);
