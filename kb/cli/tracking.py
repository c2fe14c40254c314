"""Fact tracking for journalists: ``kb contradictions``, ``kb review``, ``kb correct-speaker``,
``kb clusters``, ``kb history``. Crawled text is escaped wherever it meets rich markup."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.markup import escape

from kb.api import NEW_SPEAKER_TYPES, ArticleHistory, ClaimHit, Cluster, Edit, FlagRecord, SpeakerCorrection
from kb.cli._app import DbOpt, JsonOpt, app, limit_option, open_kb, out, print_json
from kb.errors import BadInput


def print_flags(flags: Sequence[FlagRecord]) -> None:
    """One block per flag: reason, score, review, what disagrees, both claims with provenance."""

    def side(label: str, h: ClaimHit | None) -> None:
        if h is None:
            out.print(f"   {label}  [dim]no later claim yet[/dim]")
            return
        when = h.published_at.date().isoformat() if h.published_at else "undated"
        out.print(f"   [bold]{label}[/bold]  {escape(h.text)}", highlight=False)
        out.print(
            f"      [dim]{escape(h.speaker or '—')} · {escape(h.source or '—')} · {when} · "
            f"claim {h.claim_id} · {escape(h.article_url)}[/dim]",
            highlight=False,
        )

    for f in flags:
        status = f.status + (f" ({escape(f.note)})" if f.note else "")
        if f.reviewed_at is not None:
            status += f" · reviewed by {escape(f.reviewer or 'someone unnamed')}, {f.reviewed_at:%Y-%m-%d %H:%M}"
        out.print(f"[bold]#{f.flag_id} {f.reason}[/bold] · score {f.score:.2f} · {status}", highlight=False)
        out.print(f"   {escape(f.detail)}", highlight=False)
        side("A", f.claim_a)
        side("B", f.claim_b)
        out.print()


@app.command("contradictions")
def contradictions_cli(
    status: Annotated[str | None, typer.Option("--status", help="open, confirmed, dismissed, needs-checking")] = None,
    reason: Annotated[
        str,
        typer.Option(
            "--reason", help="contradiction (all pair reasons), figure_conflict, polarity, revision, nli, forecast_due"
        ),
    ] = "contradiction",
    entity: Annotated[str | None, typer.Option("--entity")] = None,
    limit: Annotated[int, limit_option("At most this many flags.")] = 50,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Flagged pairs of claims that cannot both be true, with the reason and both sources."""
    kb = open_kb(db)
    if entity is not None:
        kb.check_entity(entity)
    flags = kb.flags(status=status, reason=reason, entity=entity, limit=limit)
    if as_json:
        for f in flags:
            print_json(f.to_json())
        return
    if not flags:
        out.print("no flags")
    print_flags(flags)


@app.command("review")
def review_cli(
    flag_id: Annotated[int, typer.Argument(help="The flag's id (see `kb contradictions`).")],
    status: Annotated[str, typer.Option("--status", help="confirmed, dismissed, needs-checking, open")],
    note: Annotated[str | None, typer.Option("--note")] = None,
    reviewer: Annotated[str | None, typer.Option("--reviewer")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Mark a flag confirmed, dismissed or needs-checking, with a note (kept across re-ingest)."""
    done = open_kb(db).review(flag_id, status, note, reviewer or os.environ.get("USER"))
    if as_json:
        print_json(done.to_json())
        return
    out.print(f"flag {flag_id}: {status}" + (f" ({note})" if note else ""), highlight=False, markup=False)


@app.command("correct-speaker")
def correct_speaker_cli(
    claim_id: Annotated[int, typer.Argument(help="The claim's id (see `kb search`, `kb claims`).")],
    to: Annotated[
        str | None, typer.Option("--to", help="The speaker: a stored person's or organisation's name or alias.")
    ] = None,
    none: Annotated[bool, typer.Option("--none", help="No speaker: the reporter's own sentence (narration).")] = False,
    revert: Annotated[bool, typer.Option("--revert", help="Back to the speaker read from the text.")] = False,
    new: Annotated[
        str | None, typer.Option("--new", help="--to is a name not stored yet: add it as a person or org.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What you checked, with whom.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who corrects (default: $USER).")] = None,
    history: Annotated[bool, typer.Option("--history", help="Only list the claim's speaker corrections.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Correct a claim's speaker (kept across re-ingest; the newest correction counts; the
    speaker read from the text stays in the history). Exports, entity pages and --entity
    filters follow the correction."""
    kb = open_kb(db)
    if history:
        if kb.hits([claim_id]) == []:
            raise BadInput(f"no claim {claim_id}: find claims and their ids with `kb search` or `kb claims`")
        past = kb.speaker_corrections(claim_id)
        if as_json:
            for c in past:
                print_json(c.to_json())
            return
        if not past:
            out.print(f"claim {claim_id}: speaker never corrected", highlight=False, markup=False)
        print_speaker_corrections(past)
        return
    if sum([to is not None, none, revert]) != 1:
        raise BadInput("say what the speaker is: --to NAME, --none (narration) or --revert (back to the text's)")
    if new is not None and to is None:
        raise BadInput("--new adds the --to name: give --to NAME with it")
    if new is not None and new not in NEW_SPEAKER_TYPES:
        raise BadInput(f"--new {new!r}: choose from {', '.join(NEW_SPEAKER_TYPES)}")
    who = by or os.environ.get("USER")
    if revert:
        done = kb.revert_speaker(claim_id, note, who)
    else:
        done = kb.correct_speaker(claim_id, None if none else to, note, who, new)
    if as_json:
        print_json(done.to_json())
        return
    out.print(f"claim {claim_id}: {done.summary}", highlight=False, markup=False)


def print_speaker_corrections(done: Sequence[SpeakerCorrection]) -> None:
    for c in done:
        out.print(f"claim {c.claim_id}: {c.summary}", highlight=False, markup=False)


def print_clusters(found: Sequence[Cluster]) -> None:
    for c in found:
        head = c.claim.text if c.claim else "?"
        out.print(
            f"[bold]cluster {c.cluster_id}[/bold] · {c.independent} independent, {c.copies} copies, "
            f"{c.n_sources} outlets · speaker {escape(c.primary_speaker or '—')} · first "
            f"{escape(c.first_outlet or '—')}"
            + (f" · origin named: {escape(c.named_origin)}" if c.named_origin else ""),
            highlight=False,
        )
        out.print(f"  {head}", markup=False, highlight=False)
        for t in c.timeline:
            mark = "first seen" if t.first_seen else ("copy" if t.copy else "")
            out.print(
                f"  [dim]{t.when.date() if t.when else '—'}[/dim] {escape(t.source or '—')} [bold]{mark}[/bold] "
                f"[dim]{escape(t.url)}[/dim]",
                highlight=False,
            )
        out.print()


@app.command("clusters")
def clusters_cli(
    entity: Annotated[str | None, typer.Option("--entity")] = None,
    min_claims: Annotated[int, typer.Option("--min-claims", min=1, help="Claims plus copies, at least.")] = 2,
    limit: Annotated[int, limit_option("At most this many clusters.")] = 20,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The same claim across sources: first seen, independent reports and copies."""
    kb = open_kb(db)
    if entity is not None:
        kb.check_entity(entity)
    found = kb.clusters(entity=entity, min_claims=min_claims, limit=limit)
    if as_json:
        for c in found:
            print_json(c.to_json())
        return
    if not found:
        out.print("no clusters")
        return
    print_clusters(found)


def print_edits(edits: Sequence[Edit]) -> None:
    if not edits:
        out.print("no article has changed between crawls yet")
    for e in edits:
        when = f"{e.captured_at:%Y-%m-%d %H:%M}" if e.captured_at else "—"
        out.print(
            f"[dim]{when}[/dim] {escape(e.source or '—')} · "
            f"+{e.claims_added} −{e.claims_removed} ~{e.claims_changed} claims"
            + (" · title changed" if e.title_changed else "")
            + f" · {escape(e.title or '')}",
            highlight=False,
        )
        out.print(f"  {e.url}", markup=False, highlight=False)


def print_history(found: ArticleHistory) -> None:
    out.print(found.url, markup=False, highlight=False)
    out.print(f"{len(found.versions)} version(s) from {found.captures} capture(s)", highlight=False)
    for v in found.versions:
        state = "current" if v.current else f"replaced by article {v.superseded_by}"
        when = f"{v.captured_at:%Y-%m-%d %H:%M}" if v.captured_at else "—"
        out.print(
            f"\n[bold]version {v.version}[/bold] · article {v.article_id} · captured "
            f"{when} · {v.claims} claims · {state}",
            highlight=False,
        )
        out.print(f"  {v.title or ''}", markup=False, highlight=False)
        d = v.diff
        if d is None:
            continue
        out.print(
            f"  [dim]vs version {v.version - 1}: +{d.claims_added} −{d.claims_removed} "
            f"~{d.claims_changed} ={d.claims_kept} claims, text similarity {d.text_similarity:.2f}"
            + (", title changed" if d.title_changed else "")
            + "[/dim]",
            highlight=False,
        )
        for ch in v.changes:
            if ch.change == "changed" and ch.claim and ch.previous_claim:
                out.print(f"  [yellow]~[/yellow] {escape(ch.detail or '')}", highlight=False)
                out.print(f"    was: {ch.previous_claim.text}", markup=False, highlight=False)
                out.print(f"    now: {ch.claim.text}", markup=False, highlight=False)
            elif ch.change == "added" and ch.claim:
                out.print("  [green]+[/green] " + escape(ch.claim.text), highlight=False)
            elif ch.previous_claim:
                out.print("  [red]−[/red] " + escape(ch.previous_claim.text), highlight=False)


@app.command("history")
def history_cli(
    url: Annotated[str | None, typer.Argument(help="An article URL. Without one: the latest edited articles.")] = None,
    limit: Annotated[int, limit_option("Edited articles to list (without URL).")] = 20,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Versions of an article across crawls, and which claims appeared, went or changed."""
    kb = open_kb(db)
    if url is None:
        edits = kb.edits(limit)
        if as_json:
            for e in edits:
                print_json(e.to_json())
        else:
            print_edits(edits)
        return
    found = kb.history(url)
    if found is None:
        raise BadInput(f"no article stored for {url!r}: give its URL as crawled (`kb history` lists edited articles)")
    if as_json:
        print_json(found.to_json())
        return
    print_history(found)
