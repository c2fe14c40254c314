"""Entity names: cleaning, within-article resolution and the canonical key.

Within one article, "Musk" and "Musk's" resolve to the fullest name the article uses for
that person ("Elon Musk"). Across articles, entities are merged by their canonical key
(type + normalised name) in :mod:`kb.store`. A bare surname is never merged with a
person from another article: that needs evidence (issue 3 brings fuzzy alias merging).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: spaCy labels kept as entities, mapped to our types.
KEPT_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "PRODUCT": "PRODUCT",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "EVENT": "EVENT",
    "WORK_OF_ART": "WORK_OF_ART",
    "LAW": "LAW",
}

#: Surfaces the small model tags as entities but that never are ones in tech news.
NOT_ENTITIES = {
    "ai", "genai", "agi", "llm", "llms", "ml", "gpu", "gpus", "cpu", "api", "ceo", "cto",
    "cfo", "coo", "ai training", "x", "the ai", "synthetic data",
}

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_TITLES = re.compile(r"^(?:mr|mrs|ms|dr|prof|sir)\.?\s+", re.I)


def clean_name(surface: str) -> str:
    """'Musk’s' -> 'Musk'; 'the European Commission' -> 'European Commission'."""
    name = unicodedata.normalize("NFKC", surface).strip()
    name = re.sub(r"\s+", " ", name)
    name = _POSSESSIVE.sub("", name).strip()
    name = _LEADING.sub("", name)
    name = _TITLES.sub("", name)
    return name.strip(" \t\n.,;:!?\"'“”‘’()[]")


def normalise(name: str) -> str:
    """Comparison form of a name: case-folded, accents and punctuation dropped."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w\s.-]", "", s.casefold())
    return re.sub(r"\s+", " ", s).strip()


def entity_key(name: str, type_: str) -> str:
    return f"{type_}:{normalise(name)}"


def is_entity_surface(name: str) -> bool:
    n = normalise(name)
    return bool(n) and n not in NOT_ENTITIES and any(c.isalpha() for c in n)


class ArticleResolver:
    """Resolves names within one article to the fullest form the article uses.

    Feed it every (name, type) in reading order with :meth:`observe`, then ask
    :meth:`resolve`. "Musk" becomes "Elon Musk" when the article names Elon Musk; two
    different people who share a surname in one article keep the bare surname (ambiguous).
    """

    def __init__(self) -> None:
        self.full_names: dict[str, set[str]] = {}  # surname (normalised) -> full names

    def observe(self, names: Iterable[tuple[str, str]]) -> None:
        for name, type_ in names:
            if type_ == "PERSON" and " " in name:
                self.full_names.setdefault(normalise(name.split()[-1]), set()).add(name)

    def resolve(self, name: str, type_: str) -> tuple[str, str]:
        """Return (canonical name, type). A single word matching a known person's surname
        resolves to that person, even when the model tagged it ORG (a known mistake)."""
        if " " not in name and type_ in ("PERSON", "ORG", "GPE", "NORP"):
            full = self.full_names.get(normalise(name))
            if full and len(full) == 1:
                return next(iter(full)), "PERSON"
        if type_ == "PERSON" and " " in name:
            # "Tim Cook" stays; "Apple CEO Tim Cook" would already be split by the parser.
            return name, type_
        return name, type_


_CORPORATE = re.compile(r"\b(?:inc|incorporated|corp|corporation|ltd|limited|llc|plc|co|company|gmbh|ag|sa|nv|bv|holdings)\b\.?", re.I)


def compact(name: str) -> str:
    """Comparison form for organisations and products: "Nvidia Corp." and "NVIDIA",
    "Open AI" and "OpenAI", "Hewlett-Packard" and "Hewlett Packard" compare equal."""
    return re.sub(r"[\s.\-_/&,']+", "", _CORPORATE.sub("", normalise(name)))


def fuzzy_same(a: str, b: str, threshold: float = 95.0) -> bool:
    """Two organisation/product names that differ only by spelling noise."""
    from rapidfuzz import fuzz

    ca, cb = compact(a), compact(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    return min(len(ca), len(cb)) >= 6 and fuzz.ratio(ca, cb) >= threshold
