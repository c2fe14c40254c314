"""Claims search: a thin Streamlit page over kb's API.

    streamlit run ui/app.py     (or `kb ui`, `make run`)

Reads the database named by $KB_DB through short-lived read-only connections, so it keeps
answering while an ingest writes. Crawled text is untrusted: it reaches the page only as
escaped Markdown (ui.safe), never as HTML.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run ui/app.py` from anywhere

from kb.api import EXPORT_FORMATS, REVIEW_STATUSES, ClaimHit, ClaimTrack, ClaimVersion, Filters, FlagRecord  # noqa: E402
from kb.errors import DatabaseMissing, KBError  # noqa: E402
from ui import data  # noqa: E402
from ui.format import format_figure  # noqa: E402
from ui.safe import escape_markdown, highlight, safe_url  # noqa: E402

KINDS = {
    "statistic": "blue",
    "quote": "violet",
    "prediction": "orange",
    "attribution": "gray",
    "event": "green",
}
ALL_SOURCES, ANY_KIND = "All sources", "Any kind"


def show_error(exc: KBError) -> None:
    st.error(f"**{exc.code}** · {escape_markdown(exc.message)}", icon=":material/error:")
    if isinstance(exc, DatabaseMissing):
        st.info(
            "Build the knowledge base first: `make run` (crawls and ingests the bundled sample site), "
            "or `kb crawl` then `kb ingest data/warc`.",
            icon=":material/lightbulb:",
        )


REASON_LABELS = {
    "figure_conflict": "Figures disagree",
    "polarity": "One denies the other",
    "revision": "Revised figure",
    "forecast_due": "Forecast due",
    "nli": "Inference model",
}


def open_claim(claim_id: int) -> None:
    st.query_params.clear()
    st.query_params["claim"] = str(claim_id)


def open_history(url: str) -> None:
    st.query_params.clear()
    st.query_params["view"] = "edits"
    st.query_params["url"] = url
    st.session_state.view = "Edited articles"


def open_entity(name: str) -> None:
    st.query_params.clear()
    st.query_params["entity"] = name
    st.session_state.view = "People & organisations"
    st.session_state.entity_name = name


def show_hit(
    hit: ClaimHit, rank: int | None = None, track: ClaimTrack | None = None, key: str = "", link: bool = True
) -> None:
    """One claim card. Every crawled string goes through escape_markdown; URLs through safe_url.
    ``track`` adds the cluster and flag badges; ``link``, a button to the claim's page."""
    with st.container(border=True):
        when = hit.published_at.date().isoformat() if hit.published_at else "undated"
        who = f"**{escape_markdown(hit.speaker or 'Unattributed')}**"
        if hit.speaker_role:
            who += f" ({escape_markdown(hit.speaker_role)})"
        verb = f" · _{escape_markdown(hit.verb)}_" if hit.verb else ""
        prefix = f"{rank}\\. " if rank else ""  # escaped: "1." would start a Markdown list
        st.markdown(f"{prefix}{who}{verb} · {escape_markdown(hit.source or 'unknown source')} · {when}")

        offset = hit.char_start - hit.paragraph_start
        st.markdown(highlight(hit.paragraph, offset, offset + len(hit.text)))

        with st.container(horizontal=True, gap="small"):
            st.badge(escape_markdown(hit.kind), color=KINDS.get(hit.kind, "gray"))
            if hit.hedged:
                st.badge("hedged", color="orange", icon=":material/help:")
            if hit.negated:
                st.badge("negated", color="red", icon=":material/block:")
            reasons = "  \n".join(escape_markdown(r) for r in hit.checkworthiness_reasons) or None
            st.badge(
                f"check-worthiness {hit.checkworthiness:.2f}",
                color="green" if hit.checkworthiness >= 0.7 else "gray",
                help=reasons,
            )
            if track and track.flags:
                st.badge(
                    f"{track.flags} contradiction flag{'s' if track.flags > 1 else ''}",
                    color="red",
                    icon=":material/flag:",
                )
            if track and track.n_sources > 1:
                copies = f", {track.copies} cop{'ies' if track.copies > 1 else 'y'}" if track.copies else ""
                st.badge(
                    f"reported by {track.independent} outlet{'s' if track.independent > 1 else ''}{copies}",
                    color="blue",
                    icon=":material/newspaper:",
                )
            if hit.score is not None:
                ranks = ", ".join(f"{n} #{r}" for n, r in (("words", hit.bm25_rank), ("meaning", hit.vector_rank)) if r)
                st.badge(f"match: {ranks}", color="gray")

        if hit.figures:
            st.caption("**Figures** · " + escape_markdown("; ".join(format_figure(f) for f in hit.figures)))
        if hit.entities:
            st.caption("**Entities** · " + escape_markdown(", ".join(hit.entities)))

        with st.container(horizontal=True, vertical_alignment="center"):
            st.caption("**Article** · " + escape_markdown(hit.title or "untitled"), width="stretch")
            url = safe_url(hit.article_url)
            if url:
                st.link_button("Original", url, icon=":material/open_in_new:", help=escape_markdown(url))
            if link:
                st.button(
                    "Sources, flags, provenance",
                    key=f"open-{key}-{hit.claim_id}",
                    icon=":material/fact_check:",
                    on_click=open_claim,
                    args=(hit.claim_id,),
                )


def sidebar(source_names: list[str]) -> tuple[Filters, int]:
    with st.sidebar:
        st.header("Filters")
        entity = st.text_input("Person or organisation", key="entity", placeholder="e.g. Musk, Gartner")
        source = st.selectbox("Source", [ALL_SOURCES, *source_names], key="source")
        kind = st.selectbox("Kind of claim", [ANY_KIND, *KINDS], key="kind")
        since = until = None
        if st.checkbox("Limit by publication date", key="use_dates"):
            since = st.date_input("From", value=date(2024, 1, 1), key="since")
            until = st.date_input("To (inclusive)", value=date.today(), key="until")
        has_figure = st.checkbox("Only claims with a figure", key="has_figure")
        flagged = st.checkbox("Only flagged claims", key="flagged")
        earlier = st.checkbox(
            "Include earlier versions of edited articles",
            key="earlier_versions",
            help="Claims as an article said them before a later crawl found the text changed.",
        )
        st.radio("Sort by", ["relevance", "newest first"], key="sort", horizontal=True)
        limit = st.slider("Results", 5, 50, 10, step=5, key="limit")
        st.divider()
        st.caption(f"Database · {escape_markdown(str(data.db_path()))}")
        if data.reranker():
            st.caption(f"Re-ranking · cross-encoder {escape_markdown(data.reranker())}")
    filters = Filters(
        entity=entity.strip() or None,
        source=None if source == ALL_SOURCES else source,
        since=since,
        # the whole last day: Filters compares the publication timestamp with <=
        until=datetime.combine(until, time.max, tzinfo=UTC) if until else None,
        kind=None if kind == ANY_KIND else kind,
        has_figure=has_figure,
        flagged=flagged,
        earlier_versions=earlier,
    )
    return filters, limit + st.session_state.get("more", 0)


def overview() -> None:
    s, recent = data.overview()
    cols = st.columns(4)
    for col, (label, key) in zip(
        cols,
        [
            ("Articles", "articles"),
            ("Claims", "claims"),
            ("Entities", "entities"),
            ("Sources", "sources"),
        ],
        strict=True,
    ):
        col.metric(label, f"{getattr(s, key):,}", border=True)
    st.subheader("Recent claims")
    if not recent:
        st.info("The knowledge base has no claims yet: ingest some WARC files with `kb ingest`.")
    track = data.tracking([h.claim_id for h in recent])
    for hit in recent:
        show_hit(hit, track=track.get(hit.claim_id), key="recent")


def results(query: str, filters: Filters, limit: int) -> None:
    data.warm_models()
    with st.spinner("Searching ..."):
        hits = data.search(query, filters, limit)
    if st.session_state.get("sort") == "newest first":
        hits = sorted(
            hits, key=lambda h: (h.published_at is None, -(h.published_at.timestamp() if h.published_at else 0))
        )
    st.subheader(f"{len(hits)} claim{'s' if len(hits) != 1 else ''}")
    if not hits:
        st.info("No claim matches. Try other words or fewer filters.")
    export_buttons([h.claim_id for h in hits], key="results")
    track = data.tracking([h.claim_id for h in hits])
    for i, hit in enumerate(hits, start=1):
        show_hit(hit, i, track=track.get(hit.claim_id), key="result")
    if len(hits) >= limit:
        st.button(
            "Show 10 more",
            icon=":material/expand_more:",
            key="show_more",
            on_click=lambda: st.session_state.update(more=st.session_state.get("more", 0) + 10),
        )


def export_buttons(claim_ids: list[int], key: str) -> None:
    """Download the claims as citations (BibTeX, RIS, CSL-JSON, CSV, ClaimReview), each with
    its provenance: outlet, authors, dates, URL, quote, speaker, span, hashes, WARC record."""
    FORMATS = EXPORT_FORMATS
    if not claim_ids:
        return
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        fmt = st.selectbox(
            "Cite as",
            list(FORMATS),
            key=f"fmt-{key}",
            width=160,
            format_func={
                "bibtex": "BibTeX",
                "ris": "RIS",
                "csl-json": "CSL-JSON",
                "csv": "CSV",
                "claimreview": "ClaimReview",
            }.get,
        )
        try:
            text, n = data.export(claim_ids, fmt)
        except KBError as exc:  # no citation to offer (e.g. claims without an archived capture): the list still shows
            st.caption(f"No citations to download: {escape_markdown(exc.message)} ({exc.code})")
            return
        st.download_button(
            f"Download {n} citation{'s' if n != 1 else ''}",
            text,
            file_name=f"claims{FORMATS[fmt].extension}",
            mime=FORMATS[fmt].media_type,
            icon=":material/download:",
            key=f"dl-{key}",
        )


def _when(dt) -> str:
    return dt.strftime("%-d %b %Y, %H:%M UTC") if dt else "unknown"


def show_review_form(flag: FlagRecord, key: str) -> None:
    """Confirm, dismiss or mark a flag needs-checking, with a note (kept across re-ingest)."""
    with st.form(f"review-{key}-{flag.flag_id}", border=False):
        cols = st.columns([2, 4, 1], vertical_alignment="bottom")
        status = cols[0].selectbox(
            "Review", REVIEW_STATUSES, index=REVIEW_STATUSES.index(flag.status), key=f"status-{key}-{flag.flag_id}"
        )
        note = cols[1].text_input(
            "Note", value=flag.note or "", key=f"note-{key}-{flag.flag_id}", placeholder="what you checked, with whom"
        )
        if cols[2].form_submit_button("Save"):
            try:
                data.review(flag.flag_id, status, note.strip() or None)
            except KBError as exc:
                show_error(exc)
                return
            st.toast(f"Flag {flag.flag_id}: {status}", icon=":material/check:")
            st.rerun()


def show_flag(flag: FlagRecord, key: str, tracks: dict[int, ClaimTrack] | None = None) -> None:
    """A flag: the reason in words, both claims side by side, the review controls."""
    with st.container(border=True):
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.badge(
                REASON_LABELS.get(flag.reason, flag.reason),
                color="red" if flag.reason != "forecast_due" else "orange",
                icon=":material/flag:",
            )
            st.badge(f"score {flag.score:.2f}", color="gray")
            st.badge(
                flag.status,
                color={"confirmed": "red", "dismissed": "gray", "needs-checking": "orange"}.get(flag.status, "blue"),
            )
        st.markdown(escape_markdown(flag.detail))
        if flag.note:
            st.caption("Note · " + escape_markdown(flag.note))
        left, right = st.columns(2)
        with left:
            st.caption("**Earlier claim**")
            show_hit(
                flag.claim_a,
                track=(tracks or {}).get(flag.claim_a.claim_id),
                key=f"{key}-a{flag.flag_id}",
                link=tracks is not None,
            )
        with right:
            if flag.claim_b is not None:
                st.caption("**Later claim**")
                show_hit(
                    flag.claim_b,
                    track=(tracks or {}).get(flag.claim_b.claim_id),
                    key=f"{key}-b{flag.flag_id}",
                    link=tracks is not None,
                )
            else:
                st.caption("No later claim on this yet.")
        show_review_form(flag, key)


def claim_page(claim_id: int) -> None:
    """One claim with everything a reader needs to cite it: the paragraph, the archived
    capture, the other outlets that reported it, and the flags against it."""
    st.button("Back to search", icon=":material/arrow_back:", on_click=st.query_params.clear)
    detail = data.claim(claim_id)
    if detail is None:
        st.warning(f"There is no claim {claim_id} in this knowledge base.")
        return
    hit, prov, clus, flags = detail.hit, detail.provenance, detail.cluster, detail.flags
    show_hit(hit, link=False)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        export_buttons([claim_id], key=f"claim{claim_id}")
        if hit.speaker and prov and hit.speaker != "Unattributed":
            st.button(
                f"More from {hit.speaker}",
                icon=":material/person_search:",
                key="speaker-page",
                on_click=open_entity,
                args=(hit.speaker,),
            )

    st.subheader("Provenance")
    left = st.container()  # the table goes full width below: hashes and WARC paths are long
    authors = ", ".join(prov.authors or []) or "no byline"
    left.markdown(
        f"**{escape_markdown(prov.title or 'untitled')}**  \n"
        f"{escape_markdown(prov.source or 'unknown outlet')} · {escape_markdown(authors)}  \n"
        f"Published {_when(prov.published_at)} (from {escape_markdown(prov.published_source or 'nowhere')})"
        + (f"  \nUpdated {_when(prov.updated_at)}" if prov.updated_at else "")
        + f"  \nCaptured {_when(prov.captured_at)} · HTTP {prov.http_status}"
    )
    url = safe_url(prov.url)
    if url:
        left.link_button("Original page", url, icon=":material/open_in_new:")
    # a table shows every value as plain text: no Markdown, no escapes to get wrong
    st.dataframe(
        [
            {"field": "characters", "value": f"{prov.char_start}–{prov.char_end} of the stored text"},
            {"field": "text SHA-256", "value": prov.text_sha256},
            {"field": "capture SHA-256", "value": prov.body_sha256},
            {"field": "WARC file", "value": f"{prov.warc_file} @ {prov.warc_offset}"},
            {"field": "WARC record", "value": prov.warc_record_id},
            {"field": "extractor", "value": f"{prov.extractor} · {prov.pipeline_version}"},
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "field": st.column_config.TextColumn(width="small"),
            "value": st.column_config.TextColumn(width="large"),
        },
    )
    with st.expander("The article as we captured it"):
        st.code(prov.article_text, language=None, wrap_lines=True)
    show_claim_version(detail.version)

    st.subheader("Who else reported it")
    if clus is None or len(clus.timeline) < 2:
        st.caption("No other outlet in the knowledge base states this claim.")
    else:
        st.caption(
            f"{clus.independent} independent report{'s' if clus.independent != 1 else ''}, "
            f"{clus.copies} cop{'ies' if clus.copies != 1 else 'y'} (syndicated or near-duplicate text)"
            + (f" · the text names its origin: {escape_markdown(clus.named_origin)}" if clus.named_origin else "")
        )
        rows = [
            {
                "date": t.when.date() if t.when else None,
                "outlet": t.source,
                "status": "first seen" if t.first_seen else ("copy" if t.copy else "independent"),
                "claim": t.text,
                "link": safe_url(t.url),
            }
            for t in clus.timeline
        ]
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            column_config={
                "link": st.column_config.LinkColumn("original", display_text="open"),
                "claim": st.column_config.TextColumn(width="large"),
            },
        )

    st.subheader("Contradiction flags")
    if not flags:
        st.caption("No flag involves this claim.")
    for flag in flags:
        show_flag(flag, key=f"claim{claim_id}", tracks={})


def show_claim_version(status: ClaimVersion | None) -> None:
    """Where this claim stands across the article's versions (nothing for an article never edited)."""
    if status is None:
        return
    st.subheader("Versions of this article")
    became, came = status.became, status.came_from
    if not status.current:
        what = {
            "changed": "was edited in the next version",
            "removed": "was removed in the next version",
            "kept": "is unchanged in the next version",
        }.get(became.change if became else "", "")
        st.warning(
            f"This claim is from an earlier version of the article: a later crawl found the text changed. "
            f"The claim {what}.",
            icon=":material/history:",
        )
        if became and became.detail:
            st.caption("What changed: " + escape_markdown(became.detail))
        if became and became.claim:
            st.button(
                "Open the claim as it reads now", key="newer-claim", on_click=open_claim, args=(became.claim.claim_id,)
            )
    elif came and came.change == "changed":
        st.info("This claim was edited since the article was first captured.", icon=":material/history:")
        st.caption("What changed: " + escape_markdown(came.detail or ""))
        if came.claim:
            st.text("It read: " + came.claim.text)
    elif came and came.change == "added":
        st.info("This claim was added in a later version of the article.", icon=":material/history:")
    st.button(
        "Article history",
        icon=":material/difference:",
        key="article-history",
        on_click=open_history,
        args=(status.url,),
    )


def _all_edits() -> None:
    if "url" in st.query_params:
        del st.query_params["url"]


def edits_page() -> None:
    """Articles whose text changed between crawls, and for one of them every version and
    the claims that appeared, went or changed (stealth edits)."""
    url = st.query_params.get("url", "")
    if url:
        st.button("All edited articles", icon=":material/arrow_back:", on_click=_all_edits)
        found = data.history(url)
        if found is None:
            st.warning("No article with that URL is stored.")
            return
        st.markdown(f"**{escape_markdown(found.versions[-1].title or 'untitled')}**")
        link = safe_url(found.url)
        if link:
            st.link_button("Original page", link, icon=":material/open_in_new:")
        st.dataframe(
            [
                {
                    "version": v.version,
                    "captured": v.captured_at,
                    "claims": v.claims,
                    "current": v.current,
                    "added": v.diff.claims_added if v.diff else None,
                    "removed": v.diff.claims_removed if v.diff else None,
                    "changed": v.diff.claims_changed if v.diff else None,
                    "text similarity": v.diff.text_similarity if v.diff else None,
                    "text SHA-256": v.text_sha256,
                }
                for v in found.versions
            ],
            hide_index=True,
            width="stretch",
        )
        for v in reversed(found.versions):
            if not v.changes:
                continue
            st.markdown(f"**Version {v.version}** · captured {_when(v.captured_at)} · against version {v.version - 1}")
            # a table shows crawled text as plain text
            st.dataframe(
                [
                    {
                        "change": c.change,
                        "what changed": c.detail or "",
                        "before": c.previous_claim.text if c.previous_claim else "",
                        "after": c.claim.text if c.claim else "",
                    }
                    for c in v.changes
                ],
                hide_index=True,
                width="stretch",
                column_config={
                    "before": st.column_config.TextColumn(width="large"),
                    "after": st.column_config.TextColumn(width="large"),
                },
            )
        return
    edits = data.edits()
    if not edits:
        st.info("No article has changed between crawls yet. Re-crawls (`kb nightly`) record every edit here.")
        return
    st.caption(f"{len(edits)} edited article{'s' if len(edits) != 1 else ''}, newest edit first.")
    for i, e in enumerate(edits):
        with st.container(border=True):
            st.markdown(
                f"**{escape_markdown(e.title or 'untitled')}**  \n"
                f"{escape_markdown(e.source or '')} · edit found {_when(e.captured_at)} · "
                f"claims +{e.claims_added} −{e.claims_removed} changed {e.claims_changed}"
                + (" · title changed" if e.title_changed else "")
            )
            st.button("Show the changes", key=f"edit{i}", on_click=open_history, args=(e.url,))


def contradictions_page() -> None:
    """The review queue: flags by status and reason, each with both claims and the review form."""
    cols = st.columns(2)
    status = cols[0].selectbox("Status", ["open", "needs-checking", "confirmed", "dismissed", "any"], key="flag_status")
    reason = cols[1].selectbox(
        "Reason",
        ["contradiction", "figure_conflict", "polarity", "revision", "forecast_due"],
        format_func=lambda r: "All contradictions" if r == "contradiction" else REASON_LABELS[r],
        key="flag_reason",
    )
    flags = data.flags(None if status == "any" else status, reason)
    st.subheader(f"{len(flags)} flag{'s' if len(flags) != 1 else ''}")
    if not flags:
        st.info("Nothing to review here.")
    ids = sorted({f.claim_a.claim_id for f in flags if f.claim_a} | {f.claim_b.claim_id for f in flags if f.claim_b})
    tracks = data.tracking(ids)
    for flag in flags:
        show_flag(flag, key="queue", tracks=tracks)


def _figures_chart(part):
    """One measure's figures by publication day, one colour per outlet. Days, not hours, on the
    axis; padding so the first and last points are not cut in half. Tooltips carry only the
    outlet, the day and the number (no crawled text)."""
    import altair as alt

    return (
        alt.Chart(part[["published", "value", "source"]])
        .mark_circle(size=110, opacity=0.85)
        .encode(
            x=alt.X(
                "published:T",
                title="published",
                scale=alt.Scale(padding=30),
                axis=alt.Axis(format="%d %b %Y", tickCount="day", labelAngle=0),
            ),
            y=alt.Y("value:Q", title="value", scale=alt.Scale(zero=False, padding=20)),
            color=alt.Color("source:N", title="outlet"),
            tooltip=[
                alt.Tooltip("source:N", title="outlet"),
                alt.Tooltip("published:T", format="%d %b %Y"),
                alt.Tooltip("value:Q"),
            ],
        )
        .properties(height=220)
    )


def entity_page(name: str) -> None:
    """Who or what it is, its aliases and roles, claims by it and about it, and its figures
    over time (one chart per measure, e.g. every estimate of a share)."""
    import pandas as pd

    page = data.entity(name)
    if page is None:
        st.warning("No person or organisation by that name in the knowledge base.")
        return
    prof, made, about, figs = page.profile, page.made, page.about, page.figures
    st.subheader(escape_markdown(prof.name))
    kind = {
        "ORG": "organisation",
        "PERSON": "person",
        "PRODUCT": "product",
        "GPE": "place",
        "LOC": "place",
        "LAW": "law",
        "NORP": "group",
    }.get(prof.type, prof.type.lower())
    facts = [
        kind.capitalize(),
        f"{prof.mentions} mentions",
        f"{prof.claims_made} claims made",
        f"named in {prof.claims_about} claims",
    ]  # its own included; the list below is by others
    st.caption(escape_markdown(" · ".join(facts)))
    if prof.aliases:
        st.caption("**Also written** · " + escape_markdown(", ".join(prof.aliases)))
    if prof.roles:
        st.caption("**Roles stated** · " + escape_markdown("; ".join(prof.roles)))
    if figs:
        st.markdown("**Figures over time**")
        frame = pd.DataFrame([f.to_json() for f in figs])
        frame["measure"] = [
            (k if u in (None, "", k) else f"{k} ({u})") + (f" of {sub}" if sub else "")
            for k, u, sub in zip(frame["kind"], frame["unit"], frame["subject"], strict=True)
        ]
        frame["published"] = pd.to_datetime(frame["published_at"], utc=True).dt.tz_localize(None).dt.normalize()
        for measure, part in list(frame.groupby("measure"))[:6]:
            if len(part) < 2:
                continue
            st.caption(escape_markdown(measure))
            st.altair_chart(_figures_chart(part), width="stretch")
        st.dataframe(
            frame[["published", "source", "raw", "measure", "claim"]],
            hide_index=True,
            width="stretch",
            column_config={"published": st.column_config.DateColumn(format="D MMM YYYY")},
        )
    export_buttons([h.claim_id for h in made + about], key="entity")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Claims by {escape_markdown(prof.name)}** ({len(made)})")
        for h in made[:20]:
            show_hit(h, key="by")
    with right:
        st.markdown(f"**Claims about {escape_markdown(prof.name)} by others** ({len(about)})")
        for h in about[:20]:
            show_hit(h, key="about")


@st.cache_data(ttl=60, show_spinner=False)
def next_timer_run() -> str | None:
    """When systemd next fires kb-nightly.timer (deploy/), if it is installed here; None otherwise."""
    import shutil
    import subprocess

    if not shutil.which("systemctl"):
        return None
    try:
        out = subprocess.run(
            ["systemctl", "show", "kb-nightly.timer", "--property=NextElapseUSecRealtime", "--value"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{out} (systemd kb-nightly.timer)" if out and out != "n/a" else None


def crawl_page() -> None:
    """For the operator: the last crawl and ingest runs, each source's health, the next run."""
    status = data.crawl_status()
    nxt = os.environ.get("KB_NEXT_RUN") or next_timer_run()
    st.caption(
        f"Next scheduled run · {escape_markdown(nxt) if nxt else 'not scheduled (set KB_NEXT_RUN to show it here)'}"
    )
    st.markdown("**Crawls**")
    if status.crawls:
        st.dataframe([r.to_json() for r in status.crawls], hide_index=True, width="stretch")
    else:
        st.caption("No crawl recorded in this database (it was built from WARC files directly).")
    st.markdown("**Ingests**")
    rows = [
        {
            "run": r.run_id,
            "finished": r.finished_at,
            "articles": r.counters.get("articles", 0),
            "claims": r.counters.get("claims", 0),
            "duplicates": r.counters.get("duplicates", 0),
            "already ingested": r.counters.get("already_ingested", 0),
            "skipped": sum(v for k, v in r.counters.items() if k.startswith("skipped/")),
            "flags": sum(v for k, v in r.counters.items() if k.startswith("tracking/flags/")),
        }
        for r in status.ingests
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    st.markdown("**Sources**")
    st.dataframe(
        [
            {
                **{k: v for k, v in src.to_json().items() if k != "skip_reasons"},
                "skipped by reason": ", ".join(f"{k} {v}" for k, v in src.skip_reasons.items()),
            }
            for src in status.sources
        ],
        hide_index=True,
        width="stretch",
    )


VIEWS = ["Search", "Contradictions", "People & organisations", "Edited articles", "Crawl status"]
VIEW_PARAM = {
    "Contradictions": "contradictions",
    "People & organisations": "entity",
    "Edited articles": "edits",
    "Crawl status": "crawl",
}


def main() -> None:
    st.set_page_config(page_title="Claims search", page_icon=":material/manage_search:", layout="wide")
    claim = st.query_params.get("claim", "")
    if "view" not in st.session_state:  # a deep link picks the view: ?view=contradictions, ?entity=Musk
        wanted = "entity" if st.query_params.get("entity") else st.query_params.get("view")
        st.session_state.view = next((v for v, p in VIEW_PARAM.items() if p == wanted), "Search")
    view = st.sidebar.radio("View", VIEWS, key="view")
    titles = {
        "Search": (
            "Claims search",
            "Who claimed what, with which figures, where and when: each claim shown in its original paragraph.",
        ),
        "Contradictions": (
            "Contradictions",
            "Pairs of claims that cannot both be true, with the reason. Review "
            "each: confirmed, dismissed or needs-checking.",
        ),
        "People & organisations": (
            "People & organisations",
            "Who or what it is, what it said, what was said about it, and its figures over time.",
        ),
        "Edited articles": (
            "Edited articles",
            "Articles whose text changed between crawls, and which claims appeared, went or changed.",
        ),
        "Crawl status": ("Crawl status", "What the last runs fetched, skipped and added, source by source."),
    }
    title, caption = (
        ("Claim", "Everything needed to cite it: the paragraph, the archived capture, the other outlets, the flags.")
        if claim.isdigit()
        else titles[view]
    )
    st.title(title)
    st.caption(caption)

    try:
        source_names = data.sources()
    except KBError as exc:
        show_error(exc)
        return
    try:
        if claim.isdigit():
            claim_page(int(claim))
            return
        for key in ("view", "entity"):
            if key in st.query_params and VIEW_PARAM.get(view) != st.query_params[key] and key == "view":
                del st.query_params[key]
        if view == "Contradictions":
            st.query_params["view"] = "contradictions"
            contradictions_page()
            return
        if view == "People & organisations":
            name = st.text_input(
                "Person or organisation",
                value=st.query_params.get("entity", ""),
                key="entity_name",
                placeholder="e.g. Gartner, Elon Musk",
            ).strip()
            if name:
                st.query_params["entity"] = name
                entity_page(name)
            return
        if "entity" in st.query_params:
            del st.query_params["entity"]
        if view == "Edited articles":
            st.query_params["view"] = "edits"
            edits_page()
            return
        if "url" in st.query_params:
            del st.query_params["url"]
        if view == "Crawl status":
            st.query_params["view"] = "crawl"
            crawl_page()
            return
    except KBError as exc:
        show_error(exc)
        return
    filters, limit = sidebar(source_names)

    query = st.text_input(
        "Search claims",
        value=st.query_params.get("q", ""),
        key="query",
        placeholder="e.g. running out of data to train AI",
    ).strip()
    if query:
        st.query_params["q"] = query  # the search is linkable: ?q=...
    elif "q" in st.query_params:
        del st.query_params["q"]

    try:
        if query:
            results(query, filters, limit)
        else:
            overview()
    except KBError as exc:
        show_error(exc)


main()
