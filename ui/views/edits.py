"""Edited articles (``/edits``, or ``/?view=edits``): articles whose text changed between
crawls, and for one of them (``?url=URL``) every version and the claims that appeared, went
or changed."""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.components import open_history, page, when
from ui.safe import escape_markdown, safe_url


def _all_edits() -> None:
    if "url" in st.query_params:
        del st.query_params["url"]


def article_history(url: str) -> None:
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
        st.markdown(f"**Version {v.version}** · captured {when(v.captured_at)} · against version {v.version - 1}")
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


def edited_articles() -> None:
    edits = data.edits()
    if not edits:
        st.info(
            "No article has changed between crawls yet. This page fills when a page is crawled again "
            "and its text has changed since the last crawl: every such edit is listed here, with the "
            "claims that appeared, went or changed.",
            icon=":material/history:",
        )
        st.markdown(
            "To fill it: after `make run`, run `make nightly` (or `kb nightly`): it crawls the sources again and "
            "ingests only the pages that are new or changed; an article whose text changed is listed here. "
            "On your own sources, schedule `kb nightly` (`deploy/`): edits appear as outlets revise their pages."
        )
        return
    st.caption(f"{len(edits)} edited article{'s' if len(edits) != 1 else ''}, newest edit first.")
    for i, e in enumerate(edits):
        with st.container(border=True):
            st.markdown(
                f"**{escape_markdown(e.title or 'untitled')}**  \n"
                f"{escape_markdown(e.source or '')} · edit found {when(e.captured_at)} · "
                f"claims +{e.claims_added} −{e.claims_removed} changed {e.claims_changed}"
                + (" · title changed" if e.title_changed else "")
            )
            st.button("Show the changes", key=f"edit{i}", on_click=open_history, args=(e.url,))


def show() -> None:
    url = st.query_params.get("url", "")
    if url:
        article_history(url)
    else:
        edited_articles()


page(
    "Edited articles",
    "Articles whose text changed between crawls, and which claims appeared, went or changed.",
    show,
)
