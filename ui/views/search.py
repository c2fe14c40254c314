"""Search (the home page, ``/?q=...``): the filters in the sidebar, the search box, and either
the results or, before a question, the knowledge base's size and its most recent claims."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import streamlit as st

from kb.api import ClaimTrack, Filters, SearchGroup
from ui import data, searchurl
from ui.components import KINDS, export_buttons, page, show_hit
from ui.links import MAX_NAME_CHARS
from ui.safe import escape_markdown, safe_url

ALL_SOURCES, ANY_KIND = "All sources", "Any kind"


DEFAULTS = {"source": ALL_SOURCES, "kind": ANY_KIND, "limit": 10, "since": date(2024, 1, 1)}


def sidebar(source_names: list[str]) -> tuple[Filters, int]:
    # the widgets' state from the URL where this session has none (ui/searchurl.py); defaults
    # set here, not as the widgets' value=, which Streamlit would not let the URL override
    state = st.session_state
    searchurl.restore(state, st.query_params.to_dict(), source_names, list(KINDS))
    for key, value in {**DEFAULTS, "until": date.today()}.items():
        state.setdefault(key, value)
    with st.sidebar:
        st.header("Filters")
        entity = st.text_input(
            "Person or organisation", key="entity", placeholder="e.g. Musk, Gartner", max_chars=MAX_NAME_CHARS
        )
        source = st.selectbox("Source", [ALL_SOURCES, *source_names], key="source")
        kind = st.selectbox("Kind of claim", [ANY_KIND, *KINDS], key="kind")
        since = until = None
        if st.checkbox("Limit by publication date", key="use_dates"):
            since = st.date_input("From", key="since")
            until = st.date_input("To (inclusive)", key="until")
        has_figure = st.checkbox("Only claims with a figure", key="has_figure")
        flagged = st.checkbox("Only flagged claims", key="flagged")
        earlier = st.checkbox(
            "Include earlier versions of edited articles",
            key="earlier_versions",
            help="Claims as an article said them before a later crawl found the text changed.",
        )
        st.radio("Sort by", list(searchurl.SORTS), key="sort", horizontal=True)
        limit = st.slider("Results", 5, 50, step=5, key="limit")
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


def models_ready() -> bool:
    """Whether the search models have loaded (they start loading on the app's first run,
    ui/app.py). While they load, a note says so, and redraws itself once they are in."""
    warm = data.warm_up()
    if warm.done.is_set():
        return True

    @st.fragment(run_every=1.0)
    def note() -> None:
        if warm.done.is_set():
            st.rerun()  # the whole page, without this note
        st.info("Loading models… the first search waits for them (once per server start).", icon="⏳")

    note()
    return False


def show_group(group: SearchGroup, rank: int, track: ClaimTrack | None, key: str) -> None:
    """One result: the group's best claim as a card, its other reports in an expander."""
    show_hit(group.hit, rank, track=track, key=key)
    others = [t for t in group.reports if t.claim_id != group.hit.claim_id or t.copy]
    if not others:
        return
    # the card's badge counts outlets; the expander lists every report (copies included)
    with st.expander(f"All {len(group.reports)} reports of this claim", icon=":material/newspaper:"):
        st.dataframe(
            [
                {
                    "date": t.when.date() if t.when else None,
                    "outlet": t.source,
                    "status": t.status,
                    "claim": t.text,
                    "link": safe_url(t.url),
                }
                for t in group.reports
            ],
            hide_index=True,
            width="stretch",
            column_config={
                "link": st.column_config.LinkColumn("original", display_text="open"),
                "claim": st.column_config.TextColumn(width="large"),
            },
        )


def results(query: str, filters: Filters, limit: int) -> None:
    if not models_ready():
        with st.spinner("Loading models… (the first search only)"):
            data.warm_up().done.wait()
    with st.spinner("Searching ..."):
        res = data.search_groups(query, filters, limit)
    groups = res.groups
    if st.session_state.get("sort") == "newest first":
        groups = sorted(
            groups,
            key=lambda g: (g.hit.published_at is None, -(g.hit.published_at.timestamp() if g.hit.published_at else 0)),
        )
    plus = "+" if res.at_least else ""
    if groups:
        st.subheader(f"{res.total_claims:,}{plus} close match{'es' if res.total_claims != 1 else ''}")
        st.caption(
            f"{res.total_groups:,}{plus} result{'s' if res.total_groups != 1 else ''}: the same claim reported by "
            f"several outlets (and their copies) is one result · showing {len(groups)} · close: says what you "
            f"searched for, in other words (similarity {res.cutoff:.2f} or more) or in all its words"
        )
    elif not res.weak:
        st.subheader("No matches")
        st.info("No claim matches. Try other words or fewer filters.")
    else:
        st.subheader("No close matches")
        best = f"the closest claim's similarity is {res.best_cosine:.2f}" if res.best_cosine is not None else "nothing"
        st.info(
            f"Nothing in the knowledge base is close to this search ({best}; a match needs {res.cutoff:.2f}). "
            "Try other words or fewer filters.",
            icon=":material/search_off:",
        )
    export_buttons([g.hit.claim_id for g in groups], key="results")
    track = data.tracking([g.hit.claim_id for g in groups + res.weak])
    for i, group in enumerate(groups, start=1):
        show_group(group, i, track.get(group.hit.claim_id), key="result")
    if len(groups) >= limit and res.total_groups > len(groups):
        st.button(
            "Show 10 more",
            icon=":material/expand_more:",
            key="show_more",
            on_click=lambda: st.session_state.update(more=st.session_state.get("more", 0) + 10),
        )
    if res.weak and groups:
        # a page is filled up with the closest of the weak ones, below a line that says what
        # they are: a journalist's question often has one strong answer and useful neighbours
        fill = res.weak[: max(0, limit - len(groups))]
        if fill:
            st.caption(
                f"Related claims, less close: similarity below {res.cutoff:.2f}, the same topic perhaps, "
                "but not what you searched for in other words"
            )
            for i, group in enumerate(fill, start=len(groups) + 1):
                show_group(group, i, track.get(group.hit.claim_id), key="weak")
    elif res.weak:
        with st.expander(
            f"Weak matches ({len(res.weak)}{'+' if len(res.weak) >= limit else ''}): below the similarity a match needs",
            expanded=False,
        ):
            for group in res.weak:
                show_group(group, None, track.get(group.hit.claim_id), key="weak")


def show() -> None:
    filters, limit = sidebar(data.sources())
    query = st.text_input(
        "Search claims",
        key="query",
        placeholder="e.g. running out of data to train AI",
        max_chars=data.settings().search.max_query_chars,  # Streamlit cuts a longer value on the server too
    ).strip()
    # every widget's value in the URL (ui/searchurl.py): the search is a link, a reload keeps
    # it, the claim page's "Back" returns to it
    wanted = searchurl.url_params(st.session_state, DEFAULTS)
    for key in searchurl.URL_KEYS:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]
    if query:
        results(query, filters, limit)
    else:
        models_ready()
        overview()


page(
    "Claims search",
    "Who claimed what, with which figures, where and when: each claim shown in its original paragraph.",
    show,
)
