"""Claims search: a thin Streamlit page over kb's API.

    streamlit run ui/app.py     (or `kb ui`, `make run`)

Reads the database named by $KB_DB through short-lived read-only connections, so it keeps
answering while an ingest writes. Crawled text goes through ui.safe before display.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run ui/app.py` from anywhere

from kb.errors import KBError  # noqa: E402
from kb.query import Filters, list_claims, sources, stats  # noqa: E402
from kb.search import search  # noqa: E402
from kb.store import Store  # noqa: E402
from ui.safe import escape_markdown, highlight, safe_url  # noqa: E402

KINDS = ["any", "statistic", "quote", "prediction", "attribution", "event"]


def db_path() -> Path:
    return Path(os.environ.get("KB_DB", "data/kb.duckdb"))


@st.cache_resource(show_spinner="Loading the language models ...")
def warm_models() -> bool:
    from kb.embed import load_model
    from kb.nlp import load_lemmatizer

    load_model()
    load_lemmatizer()
    return True


def _version(db: Path) -> float:
    """Changes whenever an ingest commits, so cached answers never go stale."""
    try:
        return db.stat().st_mtime
    except OSError:
        return 0.0


@st.cache_data(ttl=60, show_spinner=False)
def cached_search(db: str, version: float, query: str, filters: Filters, limit: int):
    return search(query, db, limit, filters)


@st.cache_data(ttl=60, show_spinner=False)
def cached_overview(db: str, version: float):
    with Store(db).read() as con:
        return stats(con), sources(con), list_claims(con, Filters(), limit=8)


@st.cache_data(ttl=60, show_spinner=False)
def cached_sources(db: str, version: float) -> list[str]:
    with Store(db).read() as con:
        return sources(con)


def show_hit(hit, rank: int | None = None) -> None:
    with st.container(border=True):
        when = hit.published_at.date().isoformat() if hit.published_at else "undated"
        who = f"**{escape_markdown(hit.speaker or 'Unattributed')}**"
        if hit.speaker_role:
            who += f" ({escape_markdown(hit.speaker_role)})"
        verb = f" · _{escape_markdown(hit.verb)}_" if hit.verb else ""
        prefix = f"{rank}\\. " if rank else ""  # escaped: "1." would start a Markdown list
        st.markdown(f"{prefix}{who}{verb} · {escape_markdown(hit.source or '')} · {when}")
        offset = hit.char_start - hit.paragraph_start
        st.markdown(highlight(hit.paragraph, offset, offset + len(hit.text)))
        flags = [hit.kind]
        if hit.hedged:
            flags.append("hedged")
        if hit.negated:
            flags.append("negated")
        flags.append(f"check-worthiness {hit.checkworthiness:.2f}"
                     + (f" ({', '.join(hit.checkworthiness_reasons[:4])})" if hit.checkworthiness_reasons else ""))
        if hit.score is not None:
            ranks = ", ".join(f"{n} #{r}" for n, r in (("words", hit.bm25_rank), ("meaning", hit.vector_rank)) if r)
            flags.append(f"match: {ranks}")
        st.caption(" · ".join(flags))
        if hit.figures:
            figs = []
            for f in hit.figures:
                value = f.get("value")
                norm = f"{value:,.6g} {f.get('unit') or ''}".strip() if value is not None else ""
                figs.append(f"{f.get('raw')} → {norm}" if norm else str(f.get("raw")))
            st.caption("Figures: " + escape_markdown("; ".join(figs)))
        if hit.entities:
            st.caption("Entities: " + escape_markdown(", ".join(hit.entities)))
        cols = st.columns([3, 1])
        cols[0].caption(escape_markdown(hit.title or ""))
        url = safe_url(hit.article_url)
        if url:
            cols[1].link_button("Original ↗", url, use_container_width=True)


def main() -> None:
    st.set_page_config(page_title="Claims search", page_icon="🔎", layout="wide")
    db = db_path()
    version = _version(db)
    st.title("Claims search")
    st.caption("Who claimed what, with which figures — each claim shown in its original paragraph.")

    try:
        source_names = cached_sources(str(db), version)
    except KBError as exc:
        st.error(f"{exc}")
        st.info("Build the knowledge base first: `make run`, or `kb crawl` then `kb ingest data/warc`.")
        return

    with st.sidebar:
        st.header("Filters")
        entity = st.text_input("Person or organisation", key="entity", placeholder="e.g. Musk, Gartner")
        source = st.selectbox("Source", ["All sources", *source_names], key="source")
        kind = st.selectbox("Kind of claim", KINDS, key="kind")
        use_dates = st.checkbox("Limit by publication date", key="use_dates")
        since = until = None
        if use_dates:
            since = st.date_input("From", value=date(2024, 1, 1), key="since")
            until = st.date_input("To", value=date.today(), key="until")
        limit = st.slider("Results", 5, 50, 10, key="limit")
        st.caption(f"Database: {escape_markdown(str(db))}")

    query = st.text_input("Search claims", value=st.query_params.get("q", ""), key="query",
                          placeholder="e.g. running out of data to train AI")
    if query:
        st.query_params["q"] = query
    elif "q" in st.query_params:
        del st.query_params["q"]
    filters = Filters(entity=entity.strip() or None, source=None if source == "All sources" else source,
                      since=since, until=until, kind=None if kind == "any" else kind)

    try:
        if query.strip():
            warm_models()
            with st.spinner("Searching ..."):
                hits = cached_search(str(db), version, query.strip(), filters, limit)
            st.subheader(f"{len(hits)} claim{'s' if len(hits) != 1 else ''}")
            if not hits:
                st.info("No claim matches. Try other words or fewer filters.")
            for i, hit in enumerate(hits, start=1):
                show_hit(hit, i)
        else:
            s, _, recent = cached_overview(str(db), version)
            cols = st.columns(4)
            for col, (label, key) in zip(cols, [("Articles", "articles"), ("Claims", "claims"),
                                                ("Entities", "entities"), ("Sources", "sources")], strict=True):
                col.metric(label, f"{s[key]:,}")
            st.subheader("Recent claims")
            for hit in recent:
                show_hit(hit)
    except KBError as exc:
        st.error(f"{exc}")


main()
