"""Which claims a reader asks for: one definition of every filter, shared by listings,
search (both legs), flags and clusters. Every value from a user reaches SQL as a parameter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kb.store.schema import CLAIM_NAMES, current_article, speaker_in

# entities whose name contains the text (any case) or that have it as an alias (exactly, any case)
_MATCHING_ENTITIES = (
    "SELECT entity_id FROM entities WHERE name ILIKE ? "
    "OR list_contains(list_transform(aliases, x -> lower(x)), lower(?))"
)


def entity_filter(name: str, claim: str = "c") -> tuple[str, list[Any]]:
    """SQL: the claim row ``claim`` was made by, or names, an entity called ``name`` (a
    substring of its canonical name, or one of its aliases); and its parameters. Speaker and
    names as readers see them (kb.store.schema): a journalist's speaker correction applies."""
    params = [f"%{name}%", name]
    sql = (
        f"({claim}.claim_id IN (SELECT claim_id FROM {CLAIM_NAMES} n WHERE n.entity_id IN ({_MATCHING_ENTITIES}))"
        f" OR {speaker_in(claim, _MATCHING_ENTITIES)})"
    )
    return sql, params * 3


@dataclass(frozen=True)
class Filters:
    entity: str | None = None  # canonical name (substring) or alias, any case
    source: str | None = None  # source name or domain, case-insensitive substring
    since: date | datetime | None = None
    until: date | datetime | None = None
    kind: str | None = None
    has_figure: bool = False  # only claims that state a figure
    flagged: bool = False  # only claims in a contradiction flag
    earlier_versions: bool = False  # also claims of article versions a later crawl replaced

    @property
    def is_default(self) -> bool:
        """No filter at all: every current claim (the search indexes answer this one from
        the ids they keep, with no query)."""
        return self == Filters()

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE fragment over ``claims c JOIN articles a`` and its parameters."""
        where = [current_article("a")] if not self.earlier_versions else ["a.duplicate_of IS NULL"]
        params: list[Any] = []
        if self.entity:
            clause, args = entity_filter(self.entity, "c")
            where.append(clause)
            params += args
        if self.source:
            where.append("(a.source ILIKE ? OR a.domain ILIKE ?)")
            params += [f"%{self.source}%", f"%{self.source}%"]
        if self.since:
            where.append("a.published_at >= ?")
            params.append(self.since)
        if self.until:
            if isinstance(self.until, datetime):
                where.append("a.published_at <= ?")
            else:  # a day counts in full: "until 2025-01-09" keeps that afternoon's articles
                where.append("a.published_at < CAST(? AS DATE) + INTERVAL 1 DAY")
            params.append(self.until)
        if self.kind:
            where.append("c.kind = ?")
            params.append(self.kind)
        if self.has_figure:
            where.append("EXISTS (SELECT 1 FROM figures f WHERE f.claim_id = c.claim_id)")
        if self.flagged:
            where.append(
                "EXISTS (SELECT 1 FROM contradictions x WHERE (x.claim_a = c.claim_id OR x.claim_b = c.claim_id)"
                " AND x.reason <> 'forecast_due')"
            )
        return " AND ".join(where), params
