"""Search (the home page, ``/?q=...``): the filters in the sidebar, the search box, and either
the results or, before a question, the knowledge base's size and its most recent claims."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import streamlit as st

from kb.api import Filters
from ui import data
from ui.components import KINDS, export_buttons, page, show_hit
from ui.links import MAX_NAME_CHARS
from ui.safe import escape_markdown

ALL_SOURCES, ANY_KIND = "All sources", "Any kind"


def sidebar(source_names: list[str]) -> tuple[Filters, int]:
    with st.sidebar:
        st.header("Filters")
        entity = st.text_input(
            "Person or organisation", key="entity", placeholder="e.g. Musk, Gartner", max_chars=MAX_NAME_CHARS
        )
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
    labels = [("Articles", "articles"), ("Claims", "claims"), ("Entities", "entities"), ("Sources", "sources")]
    for col, (label, key) in zip(st.columns(4), labels, strict=True):
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


def show() -> None:
    filters, limit = sidebar(data.sources())
    query = st.text_input(
        "Search claims",
        value=st.query_params.get("q", ""),
        key="query",
        placeholder="e.g. running out of data to train AI",
        max_chars=data.settings().search.max_query_chars,  # Streamlit cuts a longer value on the server too
    ).strip()
    if query:
        st.query_params["q"] = query  # the search is linkable: ?q=...
    elif "q" in st.query_params:
        del st.query_params["q"]
    if query:
        results(query, filters, limit)
    else:
        overview()


page(
    "Claims search",
    "Who claimed what, with which figures, where and when: each claim shown in its original paragraph.",
    show,
)
