-- Schema 2: people's roles as articles state them ("Apple CEO Tim Cook"), and how sure
-- we are of each article's publication date.

ALTER TABLE articles ADD COLUMN published_confidence DOUBLE;

CREATE TABLE entity_roles (
    entity_id     BIGINT NOT NULL,   -- the person
    role          VARCHAR NOT NULL,  -- "CEO", "former chief scientist"
    org_entity_id BIGINT,            -- where ("Apple"), when the article says
    article_id    BIGINT NOT NULL,
    char_start    INTEGER NOT NULL,  -- the phrase that states it, in articles.text
    char_end      INTEGER NOT NULL
);
