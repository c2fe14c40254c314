"""Entity merging by index (kb.names.NameIndex, kb.store.entities.EntityMerger) decides exactly
what the pairwise scan it replaced decided: every stored name compared with fuzzy_same in
id order, and every earlier new name of the batch. The scan is kept here as the reference."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime

import pytest

from kb.models import ArticleRows, Capture, CaptureRows, EntityRef, Extracted
from kb.names import NameIndex, compact, fuzzy_same
from kb.store.connection import Store
from kb.store.writer import BatchWriter

# spelling noise, corporate suffixes, accents, punctuation, names that compact to nothing,
# short names (exact only), and pairs at exactly ratio 95 (20 + 20 letters, one letter apart)
TRICKY = [
    "Nvidia Corp.",
    "NVIDIA",
    "Nvidia",
    "Open AI",
    "OpenAI",
    "Open-AI Inc",
    "Hewlett-Packard",
    "Hewlett Packard",
    "Hewlett Packard Enterprise",
    "Alphabet Inc",
    "Alphabet",
    "Meta",
    "Metro",
    "Intel",
    "Intuit",
    "Samsung Electronics",
    "Samsung SDI",
    "Samsung Electronic",
    "Société Générale",
    "Societe Generale",
    "SOCIÉTÉ GÉNÉRALE SA",
    "Inc.",
    "Co.",
    "&",
    "A.I.",
    "AI",
    "Anthropic",
    "Anthropics",
    "Anthropic PBC",
    "Microsoft",
    "Micro-soft",
    "Mircosoft",
    "abcdefghijklmnopqrst",
    "abcdefghijklmnopqrsx",
    "abcdefghijklmnopqrs",
    "bcdefghijklmnopqrst",
    "Qualcomm",
    "Qualcom",
    "Qualcomm Technologies",
    "Deutsche Telekom AG",
    "Deutsche Telekom",
    "Deutsche Telecom",
    "IBM",
    "I.B.M.",
    "Acme Holdings Ltd",
    "Acme",
    "Acme Ltd.",
    "Gartner",
    "Gartners",
    "Garnter",
    "Omdia",
    "Omida",
]


def _noisy(rng: random.Random, name: str) -> str:
    chars = list(name)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(chars))
        op = rng.choice("sdi")
        if op == "s":
            chars[i] = rng.choice("aeiouxnrt")
        elif op == "d" and len(chars) > 1:
            del chars[i]
        else:
            chars.insert(i, rng.choice("aeiouxnrt "))
    return "".join(chars)


def _names(n: int = 400, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    names = list(TRICKY)
    while len(names) < n:
        names.append(_noisy(rng, rng.choice(names)))
    return names


def _scan(stored: list[tuple[int, str]], name: str) -> int | None:
    """The old look-up: the first stored name, in id order, that fuzzy_same accepts."""
    return next((eid for eid, other in stored if fuzzy_same(name, other)), None)


def test_entity_name_index_first_match_equals_the_scan():
    names = _names()
    index = NameIndex()
    stored: list[tuple[int, str]] = []
    matched = 0
    for i, name in enumerate(names, start=1):
        got = index.first_match(name)
        assert got == _scan(stored, name), name
        matched += got is not None
        if i % 3:  # not every name gets stored: some are only looked up
            index.add(name, i)
            stored.append((i, name))
    assert 50 < matched < len(names)  # the set exercises both answers


def test_entity_name_index_boundary_ratio_is_inclusive():
    a, b = "abcdefghijklmnopqrst", "abcdefghijklmnopqrsx"  # ratio exactly 95.0
    assert fuzzy_same(a, b)
    index = NameIndex()
    index.add(a, 7)
    assert index.first_match(b) == 7
    assert compact("Inc.") == "" and index.first_match("Inc.") is None


def _reference(batches: list[list[str]]) -> list[list[int]]:
    """The old merging, pairwise, for organisation names only: per batch, each new name
    joins the first stored name (id order) it is a spelling of; else the first earlier new
    name of the batch not itself merged away; else it gets the next id."""
    stored: list[tuple[int, str]] = []
    out = []
    for batch in batches:
        ids: dict[str, int] = {}
        keys: dict[str, str] = {}
        for name in batch:
            keys.setdefault(f"ORG:{compact_key(name)}", name)
        existing = {f"ORG:{compact_key(n)}": eid for eid, n in stored}
        new_keys = []
        for k, name in keys.items():
            if k in existing:
                ids[k] = existing[k]
            elif (t := _scan(stored, name)) is not None:
                ids[k] = t
            else:
                new_keys.append(k)
        alias_of: dict[str, str] = {}
        for pos, k in enumerate(new_keys):
            for other in new_keys[:pos]:
                if other not in alias_of and fuzzy_same(keys[k], keys[other]):
                    alias_of[k] = other
                    break
        next_id = max((e for e, _ in stored), default=0) + 1
        for k in new_keys:
            if k not in alias_of:
                ids[k] = next_id
                stored.append((next_id, keys[k]))
                next_id += 1
        for k, t in alias_of.items():
            ids[k] = ids[t]
        out.append([ids[f"ORG:{compact_key(n)}"] for n in batch])
    return out


def compact_key(name: str) -> str:
    from kb.names import normalise

    return normalise(name)


def _article(i: int, names: list[str]) -> CaptureRows:
    text = f"Article {i}: " + ". ".join(names)  # unique: no article is stored as a copy
    sha = hashlib.sha256(text.encode()).hexdigest()
    url = f"http://merge.example/{i}.html"
    cap = Capture(
        f"<urn:uuid:{i}>",
        url,
        url,
        200,
        {"content-type": "text/html"},
        datetime(2026, 1, 1, tzinfo=UTC),
        b"",
        sha,
        "test.warc.gz",
        i,
    )
    ex = Extracted(url, url, f"t{i}", [], None, None, None, "en", None, None, text, sha, "test")
    mentions, pos = [], 0
    for n in names:
        mentions.append(EntityRef(n, "ORG", n, pos, pos + len(n)))
        pos += len(n) + 2
    return CaptureRows(cap, "article", None, ArticleRows(ex, "merge", "merge.example", [], mentions))


@pytest.mark.parametrize("per_batch", [5, 40])
def test_store_entity_merges_equal_the_pairwise_scan(fresh_db, per_batch):
    names = _names(240, seed=11)
    batches = [names[i : i + per_batch] for i in range(0, len(names), per_batch)]
    store = Store(fresh_db)
    writer = BatchWriter(store)
    got = []
    for b, batch in enumerate(batches):
        # one article per name keeps each mention's entity easy to read back
        writer.write([_article(b * 1000 + j, [n]) for j, n in enumerate(batch)], "nlp", "emb")
    with store.read() as con:
        rows = dict(
            con.execute("SELECT a.title, m.entity_id FROM mentions m JOIN articles a USING (article_id)").fetchall()
        )
    for b, batch in enumerate(batches):
        got.append([rows[f"t{b * 1000 + j}"] for j in range(len(batch))])
    want = _reference(batches)
    assert got == want
    assert len({e for ids in want for e in ids}) < len({compact_key(n) for n in names})  # some merged


def _people_article(i: int, people: list[str], orgs: list[str]) -> CaptureRows:
    row = _article(i, orgs)
    url = row.article.extracted.url
    for n in people:
        row.article.mentions.append(EntityRef(n, "PERSON", n, 0, len(n), scope=url if " " not in n else None))
    return row


@pytest.mark.parametrize("same_store", [True, False])
def test_store_bare_surname_joins_the_one_known_person_with_evidence(fresh_db, same_store):
    """A bare surname joins the one stored person with that surname when an organisation
    of its article was named beside that person; never two namesakes, never without
    evidence. Accents and LIKE's wildcard characters take the same path as plain names."""
    first = [
        _people_article(1, ["Jane Doe"], ["Acme"]),
        _people_article(2, ["John Smith"], ["Acme"]),
        _people_article(3, ["Mary Smith"], ["Acme"]),
        _people_article(4, ["Jürgen Müller"], ["Siemens"]),
        _people_article(5, ["Ann O_Neil"], ["Acme"]),
        _people_article(6, ["Bob Lee"], ["Globex"]),
    ]
    second = [
        _people_article(11, ["Doe"], ["Acme"]),
        _people_article(12, ["Doe"], ["Initech"]),
        _people_article(13, ["Smith"], ["Acme"]),
        _people_article(14, ["Müller"], ["Siemens"]),
        _people_article(15, ["O_Neil"], ["Acme"]),
        _people_article(16, ["Lee"], ["Acme"]),
        _people_article(17, ["ONeil"], ["Acme"]),
    ]
    store = Store(fresh_db)
    writer = BatchWriter(store)
    writer.write(first, "nlp", "emb")
    # the same writer (its name index caught up) or a fresh one (the index read from the table)
    (writer if same_store else BatchWriter(Store(fresh_db))).write(second, "nlp", "emb")
    with store.read() as con:
        person = dict(
            con.execute(
                "SELECT a.title, e.name FROM mentions m JOIN articles a USING (article_id) JOIN entities e USING (entity_id) "
                "WHERE e.type = 'PERSON'"
            ).fetchall()
        )
    assert person["t11"] == "Jane Doe"  # Acme named beside Jane Doe before
    assert person["t12"] == "Doe"  # no shared organisation: stays its own (scoped) entity
    assert person["t13"] == "Smith"  # two Smiths: ambiguous
    assert person["t14"] == "Jürgen Müller"
    assert person["t15"] == "Ann O_Neil"
    assert person["t16"] == "Lee"  # Bob Lee was named beside Globex, not Acme
    assert person["t17"] == "ONeil"  # "_" is a letter here, not LIKE's any-character
