-- Schema 6: a journalist's correction of a claim's speaker. Stored like the reviews of
-- flags: append-only, keyed by the claim's stable key (claims.claim_key: hash of canonical
-- URL, span and text), not its id, so a correction outlives re-ingestion and applies to the
-- same sentence in a later version of the article. The newest row per claim_key is in
-- force; the extracted speaker (claims.speaker_entity_id, speaker_text) is never changed.
-- The read side applies it (kb.store.schema: the effective speaker, defined once).
CREATE TABLE speaker_corrections (
    claim_key    VARCHAR NOT NULL,
    action       VARCHAR NOT NULL,  -- speaker (a named person or organisation), none (narration), revert (back to the extracted speaker)
    entity_key   VARCHAR,           -- entities.key of the new speaker (action 'speaker')
    speaker_name VARCHAR,           -- its name when the correction was made
    previous     VARCHAR,           -- the speaker shown before this correction (NULL: none)
    note         VARCHAR,
    corrector    VARCHAR,           -- who made it (team mode: the signed-in user)
    corrected_at TIMESTAMPTZ NOT NULL
);
