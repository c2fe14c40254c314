-- Schema 5: article versions. A re-crawled article whose text changed is stored as a new
-- article row linked to the one before (articles.previous_version, since schema 1); the
-- older row is now marked superseded, and what changed between the two is recorded claim
-- by claim, so a stealth edit (a figure changed, a sentence removed) is visible and citable.

ALTER TABLE articles ADD COLUMN superseded_by BIGINT;  -- the next version of this URL (NULL: the current one)

-- rows stored before schema 5: point each earlier version at the one that replaced it
UPDATE articles SET superseded_by = n.article_id
FROM (SELECT previous_version, min(article_id) AS article_id FROM articles
      WHERE previous_version IS NOT NULL GROUP BY previous_version) n
WHERE articles.article_id = n.previous_version;

-- one row per (newer version, the version before it), written once by kb.history
CREATE TABLE version_diffs (
    article_id          BIGINT PRIMARY KEY,   -- the newer version
    previous_article_id BIGINT NOT NULL,
    claims_added        INTEGER NOT NULL,
    claims_removed      INTEGER NOT NULL,
    claims_changed      INTEGER NOT NULL,
    claims_kept         INTEGER NOT NULL,
    title_changed       BOOLEAN NOT NULL,
    text_similarity     DOUBLE NOT NULL,      -- 0..1, word-level (difflib ratio)
    diffed_at           TIMESTAMPTZ NOT NULL
);

-- the claims that appeared, disappeared or changed between two versions
CREATE TABLE claim_changes (
    article_id          BIGINT NOT NULL,      -- the newer version
    previous_article_id BIGINT NOT NULL,
    change              VARCHAR NOT NULL,     -- added, removed, changed
    claim_id            BIGINT,               -- in the newer version (NULL when removed)
    previous_claim_id   BIGINT,               -- in the older version (NULL when added)
    similarity          DOUBLE,               -- cosine of the two claims (changed only)
    detail              VARCHAR               -- what changed, in words: "18% -> 21%", "words removed: ..."
);
CREATE INDEX claim_changes_article ON claim_changes (article_id);
