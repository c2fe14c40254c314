-- Schema 4: fact tracking. The same claim across sources (clusters), near-duplicate
-- articles (wire copy that is not byte-identical), contradiction flags with reasons, and
-- journalists' reviews of those flags, kept apart from the flags so that they survive
-- re-ingestion and re-detection.

ALTER TABLE articles ADD COLUMN simhash BIGINT;            -- 64-bit SimHash of word 4-shingles (kb.neardup)
ALTER TABLE articles ADD COLUMN near_duplicate_of BIGINT;  -- an earlier article this one nearly repeats

ALTER TABLE claims ADD COLUMN claim_key VARCHAR;           -- stable identity: hash(canonical URL, span, text)
ALTER TABLE claims ADD COLUMN origin VARCHAR;              -- who the text says first published it ("CNBC", "a Gartner report")
ALTER TABLE claims ADD COLUMN tracked_at TIMESTAMPTZ;      -- when fact tracking last placed this claim

ALTER TABLE clusters ADD COLUMN representative BIGINT;     -- the earliest claim: what the cluster says
ALTER TABLE clusters ADD COLUMN n_copies INTEGER;          -- sources that only copy another (syndicated, near-duplicate)
ALTER TABLE clusters ADD COLUMN first_claim BIGINT;        -- earliest published claim (then earliest captured)
ALTER TABLE clusters ADD COLUMN updated_at TIMESTAMPTZ;

-- Schema 1 declared contradictions but nothing wrote it: replace it with the full flag.
DROP TABLE contradictions;
CREATE TABLE contradictions (
    flag_id     BIGINT PRIMARY KEY,
    flag_key    VARCHAR NOT NULL UNIQUE,  -- hash(reason, claim keys): stable across rebuilds
    reason      VARCHAR NOT NULL,         -- figure_conflict, polarity, revision, forecast_due
    claim_a     BIGINT NOT NULL,          -- the earlier claim
    claim_b     BIGINT,                   -- the later claim (NULL: a forecast with no later claim yet)
    figure_a    BIGINT,
    figure_b    BIGINT,
    detail      VARCHAR NOT NULL,         -- the reason in words a journalist reads
    score       DOUBLE NOT NULL,          -- 0..1, how sure the detector is
    detector    VARCHAR NOT NULL,         -- which detector (and version) raised it
    detected_at TIMESTAMPTZ NOT NULL
);

-- Append-only: the newest row per flag_key is its status. Keyed by flag_key, not flag_id,
-- so a review outlives the rows it was made on.
CREATE TABLE reviews (
    flag_key    VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,         -- confirmed, dismissed, needs-checking
    note        VARCHAR,
    reviewer    VARCHAR,
    reviewed_at TIMESTAMPTZ NOT NULL
);
