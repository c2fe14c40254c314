"""Entities across articles: which stored entity a name of a new batch is.

An article's names arrive resolved within the article (:mod:`kb.nlp.entity_fixes`); here
they meet the names already stored. Exact keys (type + normalised name) join at once;
organisations and products that differ only by case, punctuation, spacing, a corporate
suffix or a near-identical spelling join the first stored one (:func:`kb.names.fuzzy_same`);
a bare surname joins a known person only with evidence. Merged spellings are kept as
aliases. The stored names are indexed in memory between batches (:class:`kb.names.NameIndex`),
caught up from the table by id, so a look-up never scans every entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from kb.models import CaptureRows
from kb.names import NameIndex, clean_name
from kb.store import rows
from kb.store.connection import scalar


@dataclass
class _StoredNames:
    """Stored entity names, indexed for merging."""

    orgs: dict[str, NameIndex] = field(default_factory=dict)  # ORG / PRODUCT -> names
    surnames: dict[str, list[int]] = field(default_factory=dict)  # lower-cased surname -> people (id order)
    count: int = 0  # rows read (ORG, PRODUCT, PERSON)
    last_id: int = 0


class EntityMerger:
    """Entity ids for the names of one batch after another, inside the batch's transaction."""

    def __init__(self) -> None:
        self._names = _StoredNames()

    def ids(
        self, con: duckdb.DuckDBPyConnection, batch: Sequence[CaptureRows], next_id: dict[str, int]
    ) -> dict[str, int]:
        """Canonical entity per key: existing rows reused (exactly, or by alias merge),
        new ones inserted, aliases kept."""
        wanted: dict[str, tuple[str, str, set[str]]] = {}
        context: dict[str, set[str]] = {}  # key -> organisations named in the same articles
        for item in batch:
            if item.article is None:
                continue
            refs = list(item.article.mentions) + [c.speaker for c in item.article.claims if c.speaker]
            refs += [r.org for r in item.article.roles if r.org] + [r.person for r in item.article.roles]
            orgs = {r.key for r in refs if r.type == "ORG"}
            for r in refs:
                k = r.key
                name, type_, aliases = wanted.setdefault(k, (r.name, r.type, set()))
                context.setdefault(k, set()).update(orgs)
                alias = clean_name(r.surface)
                if alias and alias != name:
                    aliases.add(alias)
        if not wanted:
            return {}
        stored_rows = con.execute(
            "SELECT key, entity_id, aliases FROM entities WHERE key IN (SELECT unnest(?))", [list(wanted)]
        ).fetchall()
        ids = {k: i for k, i, _ in stored_rows}
        stored_names = self._stored(con)
        merged: dict[int, set[str]] = {}
        for k, (name, type_, aliases) in wanted.items():
            if k not in ids:
                target = self._merge_target(con, name, type_, context.get(k, set()), stored_names)
                if target is not None:
                    ids[k] = target
                    merged.setdefault(target, set()).update(aliases | {name})
        for k, i, _ in stored_rows:
            merged.setdefault(i, set()).update(wanted[k][2])
        for i, extra in merged.items():
            old = con.execute("SELECT aliases, name FROM entities WHERE entity_id = ?", [i]).fetchone()
            if old is None:
                continue
            new = sorted((set(old[0] or []) | extra) - {old[1]})
            if new != sorted(old[0] or []):
                con.execute("UPDATE entities SET aliases = ? WHERE entity_id = ?", [new, i])
        # the same merges among names new in this batch: an organisation/product joins the
        # first earlier new name it is another spelling of (itself not merged away); a bare
        # surname joins the one new full name with that surname, with evidence (a shared
        # organisation). Indexed, not pairwise: the same decisions as comparing every pair.
        alias_of: dict[str, str] = {}
        new_keys = [k for k in wanted if k not in ids]
        batch_names: dict[str, NameIndex] = {}
        full_names: dict[str, list[str]] = {}  # surname (casefolded) -> new full-name people
        for k in new_keys:
            name, type_, _ = wanted[k]
            if type_ == "PERSON" and " " in name:
                full_names.setdefault(name.casefold().split()[-1], []).append(k)
        for pos, k in enumerate(new_keys):
            name, type_, _ = wanted[k]
            if type_ in ("ORG", "PRODUCT"):
                index = batch_names.setdefault(type_, NameIndex())
                first = index.first_match(name)
                if first is not None:
                    alias_of[k] = new_keys[first]
                else:
                    index.add(name, pos)
            elif type_ == "PERSON" and " " not in name:
                people = full_names.get(name.casefold(), [])
                if len(people) == 1 and people[0] != k and context.get(k, set()) & context.get(people[0], set()):
                    alias_of[k] = people[0]
        fresh = []
        for k, (name, type_, aliases) in wanted.items():
            if k not in ids and k not in alias_of:
                ids[k] = next_id["entities"]
                next_id["entities"] += 1
                extra = {n for a, t in alias_of.items() if t == k for n in wanted[a][2] | {wanted[a][0]}}
                fresh.append(
                    {
                        "entity_id": ids[k],
                        "key": k,
                        "name": name,
                        "type": type_,
                        "aliases": sorted((aliases | extra) - {name}),
                    }
                )
        for k, original in alias_of.items():
            ids[k] = ids[original]
        rows.insert(con, "entities", fresh)
        return ids

    def _stored(self, con: duckdb.DuckDBPyConnection) -> _StoredNames:
        """The stored organisation and product names (indexed for fuzzy_same) and people's
        surnames, kept between batches and caught up from the table: entities are only ever
        added, with growing ids; read inside the batch's transaction, so a rolled-back
        batch leaves nothing behind."""
        names = self._names
        if (
            names.count
            and scalar(
                con,
                "SELECT count(*) FROM entities WHERE type IN ('ORG', 'PRODUCT', 'PERSON') AND entity_id <= ?",
                [names.last_id],
            )
            != names.count
        ):
            names = self._names = _StoredNames()  # not the table this was read from (another file)
        for eid, type_, name, lowered in con.execute(
            "SELECT entity_id, type, name, lower(name) FROM entities "
            "WHERE type IN ('ORG', 'PRODUCT', 'PERSON') AND entity_id > ? ORDER BY entity_id",
            [names.last_id],
        ).fetchall():
            names.count += 1
            names.last_id = eid
            if type_ == "PERSON":
                if " " in lowered:  # lower-cased by DuckDB, as _merge_target's fallback compares
                    names.surnames.setdefault(lowered.rsplit(" ", 1)[1], []).append(eid)
            else:
                names.orgs.setdefault(type_, NameIndex()).add(name, eid)
        return names

    @staticmethod
    def _merge_target(con, name: str, type_: str, orgs: set[str], stored: _StoredNames) -> int | None:
        """An existing entity this new name is another spelling of, or None.

        Organisations and products: the same name up to case, punctuation, spacing and
        corporate suffixes, or a near-identical spelling (rapidfuzz); the first stored one.
        People: a bare surname joins the one known person with that surname only with
        evidence, an organisation named in this article that was also named beside that
        person elsewhere."""
        if type_ in ("ORG", "PRODUCT"):
            index = stored.orgs.get(type_)
            return index.first_match(name) if index else None
        if type_ != "PERSON" or " " in name:
            return None
        if name.isascii() and "%" not in name and "_" not in name:
            # people whose (lower-cased) name ends in " " + this surname, from the index
            candidates = stored.surnames.get(name.lower(), [])
        else:  # DuckDB's own lower() and LIKE decide, as before
            candidates = [
                r[0]
                for r in con.execute(
                    "SELECT entity_id FROM entities WHERE type = 'PERSON' AND lower(name) LIKE '% ' || lower(?)", [name]
                ).fetchall()
            ]
        if len(candidates) != 1 or not orgs:
            return None
        eid = candidates[0]
        together = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT e.key FROM mentions m1 JOIN mentions m2 ON m1.article_id = m2.article_id "
                "JOIN entities e ON e.entity_id = m2.entity_id WHERE m1.entity_id = ? AND e.type = 'ORG'",
                [eid],
            ).fetchall()
        }
        return eid if together & orgs else None
