"""Finding claims: ``kb search``, ``kb claims``, ``kb stats``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kb.api import KB, ClaimHit, Filters, KBStats
from kb.cli._app import DbOpt, JsonOpt, app, limit_option, open_kb, out, parse_date, print_json, waiting
from kb.errors import BadInput


def check_query(kb: KB, query: str, param: str) -> None:
    """A blank or overlong query is a usage error (exit status 2) that keeps its code, raised
    before the search loads a model."""
    try:
        if not query.strip():
            raise BadInput("the query is empty: say what to look for, in plain words")
        kb.check_query(query)
    except BadInput as exc:
        raise typer.BadParameter(str(exc), param_hint=param) from None


def run_search(kb: KB, query: str, filters: Filters, limit: int, reranker: str | None = None) -> list[ClaimHit]:
    """``kb.search``, saying on a terminal what a cold start waits for (the models take
    seconds to load; the search itself a fraction of one)."""
    with waiting("loading the search models") as say:
        kb.load_search_models(reranker, on_step=say)
        say("searching")
        return kb.search(query, filters, limit, reranker=reranker)


def hits_table(hits: Sequence[ClaimHit], show_score: bool) -> Table:
    """Claims as a table that fits 80 columns: the id (what ``kb export --claim-id`` takes),
    the source and the date whole on their own lines; the claim, with its speaker and figures
    under it, wraps. Crawled text is escaped: "[bold]" in an article stays text, never rich markup."""
    t = Table(show_lines=True, expand=True)
    t.add_column("id", justify="right", no_wrap=True)
    if show_score:
        t.add_column("score", justify="right", no_wrap=True)
    t.add_column("claim", ratio=1, overflow="fold")
    # as wide as the longest source name up to 24 characters (a longer one folds, never cut);
    # at least a whole date
    wide = min(max((len(h.source or "") for h in hits), default=0), 24)
    t.add_column("source · date", min_width=max(wide, 10), max_width=max(wide, 10), overflow="fold")
    for h in hits:
        claim = escape(h.text)
        if h.speaker:
            who = ", ".join(escape(x) for x in (h.speaker, h.speaker_role) if x)
            claim += f"\n[dim]— {who}" + (f" · {escape(h.verb)}" if h.verb else "") + "[/dim]"
        if h.speaker_corrected:  # a journalist's correction (`kb correct-speaker ID --history`)
            claim += f"\n[dim]speaker corrected (read from the text: {escape(h.extracted_speaker or 'none')})[/dim]"
        if h.figures:
            claim += f"\n[dim]figures: {escape(', '.join(f['raw'] for f in h.figures))}[/dim]"
        when = h.published_at.date().isoformat() if h.published_at else "—"
        row = [str(h.claim_id), claim, f"{escape(h.source or '—')}\n{when}"]
        if show_score:
            row.insert(1, f"{h.score:.4f}")
        t.add_row(*row)
    return t


@app.command("search")
def search_cli(
    query: Annotated[str, typer.Argument(help="What to look for, in plain words.")],
    limit: Annotated[int, limit_option("At most this many claims.")] = 10,
    entity: Annotated[str | None, typer.Option("--entity", help="Only claims naming this entity.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only this source (name or domain).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on/before YYYY-MM-DD.")] = None,
    reranker: Annotated[
        Path | None,
        typer.Option(
            help="Re-rank the best candidates with this cross-encoder (`kb train-reranker`; default $KB_RERANKER)."
        ),
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Hybrid search (BM25 + embeddings, fused) over claims."""
    filters = Filters(
        entity=entity, source=source, since=parse_date(since, "--since"), until=parse_date(until, "--until")
    )
    kb = open_kb(db)
    check_query(kb, query, "QUERY")
    if entity is not None:
        kb.check_entity(entity)
    hits = run_search(kb, query, filters, limit, str(reranker) if reranker else None)
    if as_json:
        for h in hits:
            print_json(h.to_json())
        return
    if not hits:
        out.print("no matching claims")
        return
    out.print(hits_table(hits, show_score=True))


@app.command("claims")
def claims_cli(
    entity: Annotated[str | None, typer.Option("--entity")] = None,
    source: Annotated[str | None, typer.Option("--source")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="statistic, quote, prediction, attribution, event")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    until: Annotated[str | None, typer.Option("--until")] = None,
    limit: Annotated[int, limit_option("At most this many claims.")] = 50,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List claims, newest first, with filters."""
    filters = Filters(
        entity=entity, source=source, kind=kind, since=parse_date(since, "--since"), until=parse_date(until, "--until")
    )
    kb = open_kb(db)
    if entity is not None:
        kb.check_entity(entity)
    hits = kb.claims(filters, limit)
    if as_json:
        for h in hits:
            d = h.to_json()
            d.pop("score", None)
            print_json(d)
        return
    out.print(hits_table(hits, show_score=False) if hits else "no claims")


def stats_table(s: KBStats, title: str) -> Table:
    t = Table(title=title, show_header=False)
    for key in (
        "captures",
        "articles",
        "duplicates",
        "sources",
        "claims",
        "figures",
        "entities",
        "mentions",
        "crawl_runs",
        "ingest_runs",
    ):
        t.add_row(key, str(getattr(s, key)))
    for kind, n in s.claims_by_kind.items():
        t.add_row(f"  claims: {kind}", str(n))
    for reason, n in s.skipped.items():
        t.add_row(f"  skipped: {reason}", str(n))
    return t


@app.command("stats")
def stats_cli(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of what the knowledge base holds."""
    kb = open_kb(db)
    s = kb.stats()
    if as_json:
        print_json(s.to_json())
        return
    out.print(stats_table(s, str(kb.db)))
    if s.top_entities:
        out.print("top entities: " + ", ".join(f"{n} ({t_}, {c})" for n, t_, c in s.top_entities))
