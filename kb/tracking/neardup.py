"""Near-duplicate articles: wire copy and syndicated text that is not byte-identical.

Exact copies are caught at ingest (same text hash, or a canonical link to a stored page).
Copies that differ by a line ("This article first appeared on ..."), a changed headline or
a trimmed last paragraph are caught here with a 64-bit SimHash of overlapping word
4-shingles (Charikar 2002; Manku et al. 2007 used it for web crawl dedup): texts that share
most shingles get fingerprints a few bits apart. Stored as a signed BIGINT so DuckDB can
compare it with ``bit_count(xor(a, b))`` in a single scan.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE = 4
MAX_DISTANCE = 12  # bits out of 64 for a candidate. Measured on the sample site: its syndicated copy
# (the original plus one line) sits at 6 bits, unrelated articles at 20 or more.
MIN_JACCARD = 0.6  # candidates are confirmed on the shingle sets themselves
MIN_WORDS = 40  # shorter texts share too few shingles for the fingerprint to mean anything

_WORD = re.compile(r"\w+", re.UNICODE)
_BITS = np.arange(64, dtype=np.uint64)


def _hash64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")


def shingles(text: str) -> list[str]:
    words = [w.casefold() for w in _WORD.findall(text)]
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def simhash(text: str) -> int | None:
    """The signed 64-bit SimHash of ``text``, or None when it is too short to tell."""
    grams = shingles(text)
    if len(grams) < MIN_WORDS:
        return None
    hashes = np.array([_hash64(g) for g in grams], dtype=np.uint64)
    ones = ((hashes[:, None] >> _BITS) & np.uint64(1)).sum(axis=0)  # per bit: shingles with it set
    value = sum(1 << bit for bit in range(64) if 2 * int(ones[bit]) > len(hashes))
    return value - (1 << 64) if value >= 1 << 63 else value


def distance(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


def jaccard(a: str, b: str) -> float:
    """Share of distinct shingles the two texts have in common."""
    sa, sb = set(shingles(a)), set(shingles(b))
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def is_near_duplicate(a: str, b: str) -> bool:
    ha, hb = simhash(a), simhash(b)
    return ha is not None and hb is not None and distance(ha, hb) <= MAX_DISTANCE and jaccard(a, b) >= MIN_JACCARD
