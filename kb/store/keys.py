"""The stable keys' hashes, defined once for the writer and fact tracking.

``claim_key`` = hash(canonical URL, span, text): the same claim of the same page has the
same key in any database built from the same captures. ``flag_key`` = hash(reason, the
claims' keys; a forecast's only): reviews are stored by it. They live in the store layer
because the writer re-keys claims it moves to another article (an earlier-published
original of the same text), and the flags and reviews that hang on them, in its own
transaction (:mod:`kb.store.writer`); :mod:`kb.tracking.keys` uses the same functions.
"""

from __future__ import annotations

import hashlib


def claim_key(canonical_url: str, start: int, end: int, text: str) -> str:
    return hashlib.sha256(f"{canonical_url}\x1f{start}\x1f{end}\x1f{text}".encode()).hexdigest()[:24]


def flag_key_of(reason: str, key_a: str | None, key_b: str | None) -> str:
    """The key of a flag with ``reason`` between claims keyed ``key_a`` and ``key_b`` (in
    either order; ``key_b`` is ignored for ``forecast_due``, a flag on one claim)."""
    keys = sorted(k for k in (key_a, key_b if reason != "forecast_due" else None) if k)
    return hashlib.sha256("\x1f".join([reason, *keys]).encode()).hexdigest()[:24]
