"""Entity names: cleaning, comparison forms, the canonical key, within-article resolution.

Within one article, "Musk" and "Musk's" resolve to the fullest name the article uses for
that person ("Elon Musk") (:class:`ArticleResolver`). Across articles the store merges
entities (:mod:`kb.store.entities`): by canonical key (type + normalised name), then
organisations and products by near-identical spelling (:func:`fuzzy_same`, looked up through
:class:`NameIndex`); a bare surname joins a known person only with evidence.
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
    "ai",
    "genai",
    "agi",
    "llm",
    "llms",
    "ml",
    "gpu",
    "gpus",
    "cpu",
    "api",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "ai training",
    "x",
    "the ai",
    "synthetic data",
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


_CORPORATE = re.compile(
    r"\b(?:inc|incorporated|corp|corporation|ltd|limited|llc|plc|co|company|gmbh|ag|sa|nv|bv|holdings)\b\.?", re.I
)


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


class NameIndex:
    """Organisation/product names indexed for :func:`fuzzy_same` look-ups.

    :meth:`first_match` answers what a scan in id order answers, "the first stored id
    whose name is fuzzy_same as this one", without comparing against every name: an exact
    look-up on the compacted name, and rapidfuzz over only the names whose length can
    reach the ratio threshold (ratio >= 95 needs the lengths within 5% of their sum). The
    candidates are confirmed with :func:`fuzzy_same`'s own test, so decisions are the same.
    Ids must be added in increasing order (entity ids are).
    """

    def __init__(self, threshold: float = 95.0) -> None:
        self.threshold = threshold
        self.exact: dict[str, int] = {}  # compact name -> first id
        self.by_len: dict[int, tuple[list[str], list[int]]] = {}  # length -> (compact names, ids), id order
        self.count = 0
        self.last_id = 0

    def add(self, name: str, id_: int) -> None:
        self.count += 1
        self.last_id = max(self.last_id, id_)
        c = compact(name)
        if not c:
            return  # fuzzy_same is False for an empty compact name
        self.exact.setdefault(c, id_)
        if len(c) >= 6:
            names, ids = self.by_len.setdefault(len(c), ([], []))
            names.append(c)
            ids.append(id_)

    def first_match(self, name: str) -> int | None:
        """The smallest id whose name is fuzzy_same as ``name``, or None."""
        c = compact(name)
        if not c:
            return None
        best = self.exact.get(c)
        if len(c) < 6:
            return best
        from rapidfuzz import fuzz, process

        # |la - lb| <= indel distance <= (1 - t/100) (la + lb); a looser bound (t - 1) to
        # stay clear of float rounding at the edge: the final test is fuzz.ratio itself
        slack = 1.0 - (self.threshold - 1.0) / 100.0
        lo = max(6, int((1 - slack) / (1 + slack) * len(c)))
        hi = int((1 + slack) / (1 - slack) * len(c)) + 1
        for n in range(lo, hi + 1):
            bucket = self.by_len.get(n)
            if bucket is None:
                continue
            names, ids = bucket
            for _, _, i in process.extract(c, names, scorer=fuzz.ratio, score_cutoff=self.threshold - 1.0, limit=None):
                if (best is None or ids[i] < best) and fuzz.ratio(c, names[i]) >= self.threshold:
                    best = ids[i]
        return best
