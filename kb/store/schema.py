"""What the stored rows mean, defined once: which article rows and claims are *current*.

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
