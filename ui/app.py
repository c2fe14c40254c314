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

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # `streamlit run ui/app.py` from anywhere

from kb.errors import DatabaseMissing, KBError  # noqa: E402
from kb.models import ClaimHit  # noqa: E402
from kb.query import Filters, list_claims, stats  # noqa: E402
from kb.query import sources as list_sources  # noqa: E402
from kb.search import search  # noqa: E402
from kb.store import Store  # noqa: E402
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
CACHE_TTL = (
    60  # seconds; answers are also keyed on the database's version, so an ingest shows at once
)


def db_path() -> Path:
    return Path(os.environ.get("KB_DB", "data/kb.duckdb"))


def db_version(db: Path) -> tuple[float, ...]:
    """Changes whenever an ingest commits (to the file or its write-ahead log)."""
    out = []
    for p in (db, db.with_name(db.name + ".wal")):
        try:
            s = p.stat()
            out += [s.st_mtime, s.st_size]
        except OSError:
            out += [0.0, 0]
    return tuple(out)


@st.cache_resource(show_spinner="Loading the language models (once) ...")
def warm_models() -> bool:
    from kb.embed import load_model
    from kb.nlp import load_lemmatizer

    load_model()
    load_lemmatizer()
    return True


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def cached_search(
    db: str, version: tuple, query: str, filters: Filters, limit: int
) -> list[ClaimHit]:
    return search(query, db, limit, filters)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def cached_overview(db: str, version: tuple) -> tuple[dict, list[ClaimHit]]:
    with Store(db).read() as con:
        return stats(con), list_claims(con, Filters(), limit=8)


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def cached_sources(db: str, version: tuple) -> list[str]:
    with Store(db).read() as con:
        return list_sources(con)


def show_error(exc: KBError) -> None:
    st.error(f"**{exc.code}** · {escape_markdown(exc.message)}", icon=":material/error:")
    if isinstance(exc, DatabaseMissing):
        st.info(
            "Build the knowledge base first: `make run` (crawls and ingests the bundled sample site), "
            "or `kb crawl` then `kb ingest data/warc`.",
            icon=":material/lightbulb:",
        )


def show_hit(hit: ClaimHit, rank: int | None = None) -> None:
    """One claim card. Every crawled string goes through escape_markdown; URLs through safe_url."""
    with st.container(border=True):
        when = hit.published_at.date().isoformat() if hit.published_at else "undated"
        who = f"**{escape_markdown(hit.speaker or 'Unattributed')}**"
        if hit.speaker_role:
            who += f" ({escape_markdown(hit.speaker_role)})"
        verb = f" · _{escape_markdown(hit.verb)}_" if hit.verb else ""
        prefix = f"{rank}\\. " if rank else ""  # escaped: "1." would start a Markdown list
        st.markdown(
            f"{prefix}{who}{verb} · {escape_markdown(hit.source or 'unknown source')} · {when}"
        )

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
            if hit.score is not None:
                ranks = ", ".join(
                    f"{n} #{r}"
                    for n, r in (("words", hit.bm25_rank), ("meaning", hit.vector_rank))
                    if r
                )
                st.badge(f"match: {ranks}", color="gray")

        if hit.figures:
            st.caption(
                "**Figures** · " + escape_markdown("; ".join(format_figure(f) for f in hit.figures))
            )
        if hit.entities:
            st.caption("**Entities** · " + escape_markdown(", ".join(hit.entities)))

        with st.container(horizontal=True, vertical_alignment="center"):
            st.caption("**Article** · " + escape_markdown(hit.title or "untitled"), width="stretch")
            url = safe_url(hit.article_url)
            if url:
                st.link_button(
                    "Original", url, icon=":material/open_in_new:", help=escape_markdown(url)
                )


def sidebar(source_names: list[str]) -> tuple[Filters, int]:
    with st.sidebar:
        st.header("Filters")
        entity = st.text_input(
            "Person or organisation", key="entity", placeholder="e.g. Musk, Gartner"
        )
        source = st.selectbox("Source", [ALL_SOURCES, *source_names], key="source")
        kind = st.selectbox("Kind of claim", [ANY_KIND, *KINDS], key="kind")
        since = until = None
        if st.checkbox("Limit by publication date", key="use_dates"):
            since = st.date_input("From", value=date(2024, 1, 1), key="since")
            until = st.date_input("To (inclusive)", value=date.today(), key="until")
        limit = st.slider("Results", 5, 50, 10, step=5, key="limit")
        st.divider()
        st.caption(f"Database · {escape_markdown(str(db_path()))}")
    filters = Filters(
        entity=entity.strip() or None,
        source=None if source == ALL_SOURCES else source,
        since=since,
        # the whole last day: Filters compares the publication timestamp with <=
        until=datetime.combine(until, time.max, tzinfo=UTC) if until else None,
        kind=None if kind == ANY_KIND else kind,
    )
    return filters, limit


def overview(db: Path) -> None:
    s, recent = cached_overview(str(db), db_version(db))
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
        col.metric(label, f"{s[key]:,}", border=True)
    st.subheader("Recent claims")
    if not recent:
        st.info("The knowledge base has no claims yet: ingest some WARC files with `kb ingest`.")
    for hit in recent:
        show_hit(hit)


def results(db: Path, query: str, filters: Filters, limit: int) -> None:
    warm_models()
    with st.spinner("Searching ..."):
        hits = cached_search(str(db), db_version(db), query, filters, limit)
    st.subheader(f"{len(hits)} claim{'s' if len(hits) != 1 else ''}")
    if not hits:
        st.info("No claim matches. Try other words or fewer filters.")
    for i, hit in enumerate(hits, start=1):
        show_hit(hit, i)


def main() -> None:
    st.set_page_config(
        page_title="Claims search", page_icon=":material/manage_search:", layout="wide"
    )
    db = db_path()
    st.title("Claims search")
    st.caption(
        "Who claimed what, with which figures, where and when: each claim shown in its original paragraph."
    )

    try:
        source_names = cached_sources(str(db), db_version(db))
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
            results(db, query, filters, limit)
        else:
            overview(db)
    except KBError as exc:
        show_error(exc)


main()
