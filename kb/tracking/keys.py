"""Stable keys, so that what a journalist decided outlives re-ingestion and re-detection,
and the origin a claim's text names.

``claim_key`` = hash(canonical URL, span, text): the same claim of the same page has the
same key in any database built from the same captures. ``flag_key`` = hash(reason, both
claim keys): reviews are stored by it (append-only, newest wins).
"""

from __future__ import annotations

import hashlib
import re

from kb.tracking.contradict import Flag

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


def claim_key(canonical_url: str, start: int, end: int, text: str) -> str:
    return hashlib.sha256(f"{canonical_url}\x1f{start}\x1f{end}\x1f{text}".encode()).hexdigest()[:24]


def flag_key(flag: Flag) -> str:
    keys = sorted(
        k for k in (flag.a.claim_key, flag.b.claim_key if flag.b and flag.reason != "forecast_due" else None) if k
    )
    return hashlib.sha256("\x1f".join([flag.reason, *keys]).encode()).hexdigest()[:24]
