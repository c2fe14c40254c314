"""What the stored rows mean, defined once: which article rows and claims are *current*,
and who a claim's speaker is (the extracted one, or a journalist's correction of it).

An article row is current when it is the latest version of its URL (``superseded_by IS
NULL``) and not a stored copy of another page (``duplicate_of IS NULL``). Copies never
hold claims; replaced versions keep theirs (a claim is always cited against the text it
was read from), but search, listings, counts and fact tracking see the current ones only.
Near-duplicates (``near_duplicate_of``) are current: they are reports, counted as copies
in their clusters.
"""

from __future__ import annotations


def current_article(alias: str = "a") -> str:
    """SQL: the article row ``alias`` is current."""
    return f"{alias}.duplicate_of IS NULL AND {alias}.superseded_by IS NULL"


def current_claim(alias: str = "c") -> str:
    """SQL: the claim row ``alias`` belongs to a current article (no join needed)."""
    return (
        f"{alias}.article_id IN (SELECT article_id FROM articles WHERE duplicate_of IS NULL AND superseded_by IS NULL)"
    )


#: every claim that is not current (of a copied or a replaced article), ascending: the ones the
#: search indexes hide unless a filter asks for earlier versions
HIDDEN_CLAIMS_SQL = (
    "SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) "
    "WHERE a.duplicate_of IS NOT NULL OR a.superseded_by IS NOT NULL ORDER BY 1"
)


# -- the speaker of a claim as readers see it ---------------------------------------------------
#
# A journalist may correct the speaker the pipeline extracted (kb.tracking.corrections): the
# rows of ``speaker_corrections`` are appended, keyed by the claim's stable ``claim_key``, and
# the newest per key is in force unless it is a revert. Every read of a speaker goes through
# these definitions, so search results, claim and entity pages, counts, filters and exports
# agree; the extracted speaker (``claims.speaker_entity_id``, ``speaker_text``) is never changed.

#: per claim key with a correction in force: the new speaker's entity id (NULL for "no speaker",
#: or for a name no longer stored) and its name (NULL for "no speaker")
SPEAKER_OVERRIDES = """(
    SELECT k.claim_key, e.entity_id, CASE WHEN k.action = 'speaker' THEN coalesce(e.name, k.speaker_name) END AS name
    FROM (SELECT claim_key, arg_max(action, corrected_at) AS action,
                 arg_max_null(entity_key, corrected_at) AS entity_key,
                 arg_max_null(speaker_name, corrected_at) AS speaker_name
          FROM speaker_corrections GROUP BY claim_key) k
    LEFT JOIN entities e ON k.action = 'speaker' AND e.key = k.entity_key
    WHERE k.action <> 'revert')"""


def speaker_join(claim: str = "c", override: str = "so") -> str:
    """SQL: a LEFT JOIN of claim row ``claim`` to its correction in force, as ``override``
    (all NULL when none); then :func:`speaker_id` and :func:`speaker_text` read the speaker."""
    return f"LEFT JOIN {SPEAKER_OVERRIDES} {override} ON {override}.claim_key = {claim}.claim_key"


def speaker_id(claim: str = "c", override: str = "so") -> str:
    """SQL (after :func:`speaker_join`): the speaker's entity id as readers see it."""
    return f"(CASE WHEN {override}.claim_key IS NULL THEN {claim}.speaker_entity_id ELSE {override}.entity_id END)"


def speaker_text(claim: str = "c", override: str = "so") -> str:
    """SQL (after :func:`speaker_join`): the speaker's words as readers see them (the text's
    own words when extracted, the corrected name when corrected; NULL: no speaker)."""
    return f"(CASE WHEN {override}.claim_key IS NULL THEN {claim}.speaker_text ELSE {override}.name END)"


def speaker_in(claim: str, entity_ids_sql: str) -> str:
    """SQL without a join: the speaker of claim row ``claim``, as readers see it, is one of
    the entities ``entity_ids_sql`` selects (a subquery whose parameters are needed twice,
    in the order given)."""
    return (
        f"(({claim}.speaker_entity_id IN ({entity_ids_sql})"
        f" AND coalesce({claim}.claim_key, '') NOT IN (SELECT claim_key FROM {SPEAKER_OVERRIDES}))"
        f" OR {claim}.claim_key IN (SELECT claim_key FROM {SPEAKER_OVERRIDES} WHERE entity_id IN ({entity_ids_sql})))"
    )


#: (claim_id, entity_id) for every entity a claim names, as readers see it: its mentions
#: (``claim_entities``), less its extracted speaker's name where a correction is in force (the
#: pipeline read that name as the attribution the journalist corrected, so the claim is no
#: longer listed under it: "…, said Elon Musk" corrected to another speaker is not about Musk)
CLAIM_NAMES = f"""(
    SELECT ce.claim_id, ce.entity_id FROM claim_entities ce
    ANTI JOIN (SELECT c.claim_id, c.speaker_entity_id FROM claims c JOIN {SPEAKER_OVERRIDES} o USING (claim_key)
               WHERE o.entity_id IS DISTINCT FROM c.speaker_entity_id) x
      ON x.claim_id = ce.claim_id AND x.speaker_entity_id = ce.entity_id)"""
