"""A claim's page as we archived it (``/archive?view=archive&claim=ID``; ``/?view=archive&claim=ID``
opens it too): the live page may have changed or gone, the capture in our WARC has not.

Two views of the capture: the article text the claim's offsets index, with the claim marked
and scrolled to; and the archived HTML, framed so that none of its scripts run and nothing
is fetched (how: ui/sandbox.py). When the WARC file is gone the text still shows, from the
database."""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.components import open_claim, page, when
from ui.links import claim_id
from ui.safe import escape_markdown, safe_url
from ui.sandbox import page_document, text_document

TEXT_HEIGHT = 520
PAGE_HEIGHT = 760


def archive_page(cid: int) -> None:
    st.button("Back to the claim", icon=":material/arrow_back:", on_click=open_claim, args=(cid,))
    cap = data.archived(cid)
    if cap is None:
        st.warning(f"There is no claim {cid} in this knowledge base.")
        return
    st.markdown(
        f"**{escape_markdown(cap.title or 'untitled')}** · {escape_markdown(cap.source or 'unknown outlet')}  \n"
        f"Archived copy, captured {when(cap.captured_at)} · HTTP {cap.http_status}"
    )
    with st.container(horizontal=True, vertical_alignment="center"):
        url = safe_url(cap.url)
        if url:
            st.link_button("Original (live site)", url, icon=":material/open_in_new:", help=escape_markdown(url))
        st.caption(
            f"Archived copy (captured {when(cap.captured_at)}) · WARC record "
            f"{escape_markdown(cap.warc_record_id)}  \n{escape_markdown(cap.warc_file)} @ {cap.warc_offset}"
        )
    if cap.problem:
        st.warning(
            f"The archived page cannot be shown: {escape_markdown(cap.problem)}. "
            "The text as captured is below, from the database.",
            icon=":material/folder_off:",
        )
    text_tab, page_tab = st.tabs(["Text as captured", "Archived page (no scripts, nothing fetched)"])
    with text_tab:
        st.caption(
            f"The article text ingest extracted from this capture; the claim is characters "
            f"{cap.char_start}–{cap.char_end}, highlighted."
        )
        st.iframe(
            text_document(cap.article_text, cap.char_start, cap.char_end),
            height=TEXT_HEIGHT,
            alt="The article text as captured, the claim highlighted",
        )
    with page_tab:
        if cap.html is None:
            st.caption("Not available: " + escape_markdown(cap.problem or "no archived body"))
        else:
            st.caption(
                "The archived HTML as captured, shown without its scripts and without fetching anything "
                "(images, styles and fonts from the web are left out, links go nowhere)."
            )
            st.iframe(page_document(cap.html), height=PAGE_HEIGHT, alt="The archived page")


def show() -> None:
    cid = claim_id(st.query_params.get("claim"))  # the router opens this page only with a valid ?claim=
    if cid is None:
        st.info("Open a claim, then its archived copy.", icon=":material/inventory_2:")
        return
    archive_page(cid)


page("Archived copy", "The claim's page as we captured it, from our archive.", show)
