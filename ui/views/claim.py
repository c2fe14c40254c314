"""One claim (``/claim?claim=ID``; the link ``/?claim=ID`` opens it too) with everything a
reader needs to cite it: the paragraph, the archived capture, where it stands across the
article's versions, the other outlets that reported it, and the flags against it."""

from __future__ import annotations

import streamlit as st

from kb.api import ClaimVersion
from ui import data
from ui.components import (
    export_buttons,
    open_archive,
    open_claim,
    open_entity,
    open_history,
    page,
    show_flag,
    show_hit,
    show_speaker_corrections,
    speaker_form,
    when,
)
from ui.links import claim_id
from ui.safe import escape_markdown, safe_url


def claim_page(claim_id: int) -> None:
    st.button("Back to search", icon=":material/arrow_back:", on_click=st.query_params.clear)
    detail = data.claim(claim_id)
    if detail is None:
        st.warning(f"There is no claim {claim_id} in this knowledge base.")
        return
    hit, prov, clus, flags = detail.hit, detail.provenance, detail.cluster, detail.flags
    show_hit(hit, link=False)
    show_speaker_corrections(detail.speaker_corrections)  # who corrected the speaker, when, why
    with st.container(horizontal=True, vertical_alignment="bottom"):
        export_buttons([claim_id], key=f"claim{claim_id}")
        if hit.speaker and prov and hit.speaker != "Unattributed":
            st.button(
                f"More from {escape_markdown(hit.speaker)}",  # a label is Markdown: images, links
                icon=":material/person_search:",
                key="speaker-page",
                on_click=open_entity,
                args=(hit.speaker,),
            )
        speaker_form(hit)

    st.subheader("Provenance")
    left = st.container()  # the table goes full width below: hashes and WARC paths are long
    authors = ", ".join(prov.authors or []) or "no byline"
    left.markdown(
        f"**{escape_markdown(prov.title or 'untitled')}**  \n"
        f"{escape_markdown(prov.source or 'unknown outlet')} · {escape_markdown(authors)}  \n"
        f"Published {when(prov.published_at)} (from {escape_markdown(prov.published_source or 'nowhere')})"
        + (f"  \nUpdated {when(prov.updated_at)}" if prov.updated_at else "")
        + f"  \nCaptured {when(prov.captured_at)} · HTTP {prov.http_status}"
    )
    with left.container(horizontal=True, gap="small"):  # the live page may be gone; our capture is not
        url = safe_url(prov.url)
        if url:
            st.link_button("Original (live site)", url, icon=":material/open_in_new:")
        st.button(
            f"Archived copy (captured {when(prov.captured_at)})",
            icon=":material/inventory_2:",
            key="archived-copy",
            on_click=open_archive,
            args=(claim_id,),
        )
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
                "status": t.status,  # what the header counts it as (kb.read.types.TimelineEntry.status)
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
        show_flag(flag, key=f"claim{claim_id}", tracks={}, reviews=detail.reviews.get(flag.flag_id))


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


def show() -> None:
    cid = claim_id(st.query_params.get("claim"))  # the router opens this page only with a valid ?claim=
    if cid is not None:
        claim_page(cid)


page(
    "Claim",
    "Everything needed to cite it: the paragraph, the archived capture, the other outlets, the flags.",
    show,
)
