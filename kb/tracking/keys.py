"""Stable keys, so that what a journalist decided outlives re-ingestion and re-detection,
and the origin a claim's text names.

``claim_key`` = hash(canonical URL, span, text): the same claim of the same page has the
same key in any database built from the same captures. ``flag_key`` = hash(reason, both
claim keys): reviews are stored by it (append-only, newest wins).
"""

from __future__ import annotations

import re

from kb.store.keys import claim_key, flag_key_of
from kb.tracking.contradict import Flag

__all__ = ["claim_key", "flag_key", "origin_of"]

_ORIGIN = re.compile(
    r"\b(?:told|in an interview with|speaking to|in comments to|first reported by|reported by)\s+"
    r"(?P<a>(?:the |a |an )?[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,4}(?:\s+(?:report|study|survey|filing|paper|blog post|post))?)"
    r"|\b(?:in|according to|citing)\s+(?P<b>(?:a|an|the|its)\s+(?:new\s+|recent\s+|latest\s+)?[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,3}"
    r"\s+(?:report|study|survey|filing|paper|forecast|analysis))"
)


def origin_of(text: str) -> str | None:
    """Where the text says the claim was first made: "told CNBC" -> "CNBC", "according to a
    Gartner report" -> "a Gartner report". None when it does not say."""
    m = _ORIGIN.search(text)
    if not m:
        return None
    return (m.group("a") or m.group("b")).strip(" .,")


def flag_key(flag: Flag) -> str:
    return flag_key_of(flag.reason, flag.a.claim_key, flag.b.claim_key if flag.b else None)
