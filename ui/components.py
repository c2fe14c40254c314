"""The widgets the pages share: the claim card, the flag card with its review form, the
citation export, the error box, the figures chart, and the links between pages.

Every crawled string goes through :func:`ui.safe.escape_markdown` (URLs through
:func:`ui.safe.safe_url`) before it reaches ``st.markdown``; tables show it as plain text.
A link to another page is a query string (``?claim=ID``, ``?entity=NAME``,
``?view=edits&url=URL``), the same one a person can paste: the router in ``ui/app.py``
opens its page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import streamlit as st

from kb.api import EXPORT_FORMATS, REVIEW_STATUSES, ClaimHit, ClaimTrack, FlagRecord, Review, SpeakerCorrection
from kb.errors import DatabaseMissing, KBError
from ui import data, identity
from ui.format import format_figure
from ui.safe import escape_markdown, highlight, safe_url

KINDS = {
    "statistic": "blue",
    "quote": "violet",
    "prediction": "orange",
    "attribution": "gray",
    "event": "green",
}
REASON_LABELS = {
    "figure_conflict": "Figures disagree",
    "polarity": "One denies the other",
    "revision": "Revised figure",
    "forecast_due": "Forecast due",
    "nli": "Inference model",
}
FORMAT_LABELS = {
    "bibtex": "BibTeX",
    "ris": "RIS",
    "csl-json": "CSL-JSON",
    "csv": "CSV",
    "claimreview": "ClaimReview",
}


# -- the page frame ---------------------------------------------------------------------------


def show_error(exc: KBError) -> None:
    st.error(f"**{exc.code}** · {escape_markdown(exc.message)}", icon=":material/error:")
    if isinstance(exc, DatabaseMissing):
        st.info(
            "Build the knowledge base first: `make run` (crawls and ingests the bundled sample site), "
            "or `kb crawl` then `kb ingest data/warc`.",
            icon=":material/lightbulb:",
        )


def page(title: str, caption: str, body: Callable[[], None]) -> None:
    """A page: its title and caption, then ``body``. When the knowledge base cannot be read
    (missing, newer, locked) or ``body`` fails with a KBError, the error box with what to do
    takes the place of the page's widgets."""
    st.title(title)
    st.caption(caption)
    try:
        data.sources()  # the cheapest read: fails before the page draws a widget over a database it cannot read
        body()
    except KBError as exc:
        show_error(exc)


def when(dt: datetime | None) -> str:
    return dt.strftime("%-d %b %Y, %H:%M UTC") if dt else "unknown"


# -- links between pages (callbacks: they set the query string, the router opens the page) ----


def open_claim(claim_id: int) -> None:
    st.query_params.clear()
    st.query_params["claim"] = str(claim_id)


def open_history(url: str) -> None:
    st.query_params.clear()
    st.query_params["view"] = "edits"
    st.query_params["url"] = url


def open_entity(name: str) -> None:
    st.query_params.clear()
    st.query_params["entity"] = name


# -- claims -----------------------------------------------------------------------------------


def show_hit(
    hit: ClaimHit, rank: int | None = None, track: ClaimTrack | None = None, key: str = "", link: bool = True
) -> None:
    """One claim card. Every crawled string goes through escape_markdown; URLs through safe_url.
    ``track`` adds the cluster and flag badges; ``link``, a button to the claim's page."""
    with st.container(border=True):
        published = hit.published_at.date().isoformat() if hit.published_at else "undated"
        who = f"**{escape_markdown(hit.speaker or 'Unattributed')}**"
        if hit.speaker_role:
            who += f" ({escape_markdown(hit.speaker_role)})"
        verb = f" · _{escape_markdown(hit.verb)}_" if hit.verb else ""
        prefix = f"{rank}\\. " if rank else ""  # escaped: "1." would start a Markdown list
        st.markdown(f"{prefix}{who}{verb} · {escape_markdown(hit.source or 'unknown source')} · {published}")

        offset = hit.char_start - hit.paragraph_start
        st.markdown(highlight(hit.paragraph, offset, offset + len(hit.text)))

        with st.container(horizontal=True, gap="small"):
            st.badge(escape_markdown(hit.kind), color=KINDS.get(hit.kind, "gray"))
            if hit.hedged:
                st.badge("hedged", color="orange", icon=":material/help:")
            if hit.negated:
                st.badge("negated", color="red", icon=":material/block:")
            if hit.speaker_corrected:
                st.badge(
                    "speaker corrected",
                    color="violet",
                    icon=":material/edit:",
                    help="A journalist corrected the speaker; read from the text: "
                    + escape_markdown(hit.extracted_speaker or "no speaker"),
                )
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
            if link:  # the live page may be gone: the capture is in our WARC
                st.button(
                    "Archived copy",
                    key=f"archive-{key}-{hit.claim_id}",
                    icon=":material/inventory_2:",
                    on_click=open_archive,
                    args=(hit.claim_id,),
                )
            if link:
                st.button(
                    "Sources, flags, provenance",
                    key=f"open-{key}-{hit.claim_id}",
                    icon=":material/fact_check:",
                    on_click=open_claim,
                    args=(hit.claim_id,),
                )


def export_buttons(claim_ids: list[int], key: str) -> None:
    """Download the claims as citations (BibTeX, RIS, CSL-JSON, CSV, ClaimReview), each with
    its provenance: outlet, authors, dates, URL, quote, speaker, span, hashes, WARC record."""
    if not claim_ids:
        return
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        fmt = st.selectbox("Cite as", list(EXPORT_FORMATS), key=f"fmt-{key}", width=160, format_func=FORMAT_LABELS.get)
        try:
            text, n = data.export(claim_ids, fmt)
        except KBError as exc:  # no citation to offer (e.g. claims without an archived capture): the list still shows
            st.caption(f"No citations to download: {escape_markdown(exc.message)} ({exc.code})")
            return
        st.download_button(
            f"Download {n} citation{'s' if n != 1 else ''}",
            text,
            file_name=f"claims{EXPORT_FORMATS[fmt].extension}",
            mime=EXPORT_FORMATS[fmt].media_type,
            icon=":material/download:",
            key=f"dl-{key}",
            on_click="ignore",  # a download changes nothing here: no rerun (it redrew the page under the reader)
        )


# -- contradiction flags ----------------------------------------------------------------------


NOT_SIGNED_IN = (
    "Not signed in: this connection did not come through the team's sign-in, so reviews are off. "
    "Open the app at the team's address."
)


def show_identity() -> None:
    """In team mode, who this browser reviews as (in the sidebar), or that it cannot review."""
    if not identity.team_mode():
        return
    who = identity.signed_in()
    if who:
        st.sidebar.caption(f"Signed in as **{escape_markdown(who)}** · reviews are recorded under this name")
    else:
        st.sidebar.warning(NOT_SIGNED_IN, icon=":material/no_accounts:")


def review_line(status: str, reviewer: str | None, at: datetime | None, note: str | None = None) -> str:
    """A review in words, as safe Markdown: "confirmed by alice · 4 Dec 2026, 10:31 UTC · note: ..."."""
    line = f"**{escape_markdown(status)}** by {escape_markdown(reviewer or 'an unnamed reviewer')} · {when(at)}"
    return line + (f" · note: {escape_markdown(note)}" if note else "")


def show_review_form(flag: FlagRecord, key: str) -> None:
    """Confirm, dismiss or mark a flag needs-checking, with a note (kept across re-ingest).
    The review is recorded under :func:`ui.identity.reviewer`; in team mode, none without a
    signed-in user."""
    with st.form(f"review-{key}-{flag.flag_id}", border=False):
        cols = st.columns([2, 4, 1], vertical_alignment="bottom")
        status = cols[0].selectbox(
            "Review", REVIEW_STATUSES, index=REVIEW_STATUSES.index(flag.status), key=f"status-{key}-{flag.flag_id}"
        )
        note = cols[1].text_input(
            "Note", value=flag.note or "", key=f"note-{key}-{flag.flag_id}", placeholder="what you checked, with whom"
        )
        if cols[2].form_submit_button("Save"):
            who = identity.reviewer()
            if who is None and identity.team_mode():
                st.error(f"Not saved. {NOT_SIGNED_IN}", icon=":material/no_accounts:")
                return
            try:
                data.review(flag.flag_id, status, note.strip() or None, who)
            except KBError as exc:
                show_error(exc)
                return
            st.toast(
                f"Flag {flag.flag_id}: {status}" + (f" by {escape_markdown(who)}" if who else ""),
                icon=":material/check:",
            )
            st.rerun()


def show_flag(
    flag: FlagRecord, key: str, tracks: dict[int, ClaimTrack] | None = None, reviews: list[Review] | None = None
) -> None:
    """A flag: the reason in words, both claims side by side, the latest review (who, when),
    the review controls. ``tracks`` (the queue) adds the claims' badges and their buttons to
    the claim page; ``reviews`` (the claim page) lists every review, newest first."""
    with st.container(border=True):
        forecast = flag.reason == "forecast_due"
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.badge(f"Flag #{flag.flag_id}", color="gray")
            st.badge(
                REASON_LABELS.get(flag.reason, flag.reason),
                color="red" if not forecast else "orange",
                icon=":material/flag:",
            )
            if forecast:
                st.badge(f"priority {flag.score:.2f}", color="gray", help=FORECAST_PRIORITY_HELP)
            else:
                st.badge(f"score {flag.score:.2f}", color="gray", help="How sure the detector is, 0 to 1.")
            st.badge(
                flag.status,
                color={"confirmed": "red", "dismissed": "gray", "needs-checking": "orange"}.get(flag.status, "blue"),
            )
        st.markdown(escape_markdown(flag.detail))
        if reviews:
            st.caption("**Reviews**, newest first")
            for r in reviews:
                st.caption(review_line(r.status, r.reviewer, r.reviewed_at, r.note))
        elif flag.reviewed_at:
            st.caption("Latest review · " + review_line(flag.status, flag.reviewer, flag.reviewed_at, flag.note))
        else:
            st.caption("Not reviewed yet")
        labels = FLAG_SIDES["forecast_due" if forecast else "pair"]
        left, right = st.columns(2)
        with left:
            st.caption(f"**{labels[0]}**")
            show_hit(
                flag.claim_a,
                track=(tracks or {}).get(flag.claim_a.claim_id),
                key=f"{key}-a{flag.flag_id}",
                link=tracks is not None,
            )
        with right:
            if flag.claim_b is not None:
                st.caption(f"**{labels[1]}**")
                show_hit(
                    flag.claim_b,
                    track=(tracks or {}).get(flag.claim_b.claim_id),
                    key=f"{key}-b{flag.flag_id}",
                    link=tracks is not None,
                )
            else:
                st.caption(labels[2])
        show_review_form(flag, key)
        st.caption(
            f'Or from a terminal: `kb review {flag.flag_id} --status confirmed --note "what you checked"` '
            "(statuses: " + ", ".join(REVIEW_STATUSES) + ")"
        )


# -- figures ----------------------------------------------------------------------------------


def figures_chart(part: Any) -> Any:
    """One measure's figures (a DataFrame with ``published``, ``value``, ``source``) by
    publication day, one colour per outlet. Days, not hours, on the axis; padding so the
    first and last points are not cut in half. Tooltips carry only the outlet, the day and
    the number (no crawled text)."""
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


# -- the archived copy ------------------------------------------------------------------------


def open_archive(claim_id: int) -> None:
    """The archived copy of the claim's page (``?view=archive&claim=ID``): the live one may be gone."""
    st.query_params.clear()
    st.query_params["view"] = "archive"
    st.query_params["claim"] = str(claim_id)


# -- flag cards: what each side of a flag is (added at the end: a shared file) ----------------

# the two sides of a flag as show_flag labels them, and what it says when the second is missing
FLAG_SIDES = {
    "pair": ("Earlier claim", "Later claim", "No later claim on this yet."),
    "forecast_due": ("Forecast", "Latest figure", "No later figure on it yet."),
}
FORECAST_PRIORITY_HELP = (
    "What checking this forecast is worth, 0 to 1: mostly the claim's check-worthiness, "
    "then how long ago its target year ended. The queue is ordered by it."
)


# -- a claim's speaker, corrected by a journalist (added at the end: a shared file) -----------

SPEAKER_CHOICES = {
    "speaker": "A named person or organisation",
    "none": "No speaker: the reporter's own words",
    "revert": "Back to the speaker read from the text",
}
NEW_NAME_AS = {"": "no: a name already stored", "person": "a new person", "org": "a new organisation"}


def correction_line(c: SpeakerCorrection) -> str:
    """A correction in words, as safe Markdown: "**speaker corrected** from Elon Musk to Ilya
    Sutskever by alice · 7 Dec 2026, 15:40 UTC · note: ..."."""
    if c.action == "revert":
        what = f"**speaker reverted** to the one read from the text, {escape_markdown(c.extracted or 'none')}"
    else:
        to = escape_markdown(c.speaker or "?") if c.action == "speaker" else "no speaker (narration)"
        what = f"**speaker corrected** from {escape_markdown(c.previous or 'no speaker')} to {to}"
    line = f"{what} by {escape_markdown(c.corrector or 'an unnamed journalist')} · {when(c.corrected_at)}"
    return line + (f" · note: {escape_markdown(c.note)}" if c.note else "")


def show_speaker_corrections(corrections: list[SpeakerCorrection]) -> None:
    """Every correction of the claim's speaker, newest first (the latest is in force)."""
    for c in corrections:
        st.caption(correction_line(c))


def speaker_form(hit: ClaimHit) -> None:
    """Correct the claim's speaker, in a popover beside it: another named person or
    organisation (a stored name or alias, or a new one), no speaker (narration), or back to
    the one read from the text. Recorded under :func:`ui.identity.reviewer`, as reviews are;
    in team mode, refused without a signed-in user."""
    choices = ["speaker", "none"] + (["revert"] if hit.speaker_corrected else [])
    with st.popover("Correct the speaker", icon=":material/edit:"):
        with st.form(f"speaker-{hit.claim_id}", border=False, clear_on_submit=True):
            extracted = escape_markdown(hit.extracted_speaker or "no speaker")  # an option label is Markdown
            choice = st.radio(
                "The speaker is",
                choices,
                format_func=lambda c: SPEAKER_CHOICES[c] + (f" ({extracted})" if c == "revert" else ""),
                key=f"speaker-choice-{hit.claim_id}",
            )
            name = st.text_input(
                "Name", key=f"speaker-name-{hit.claim_id}", placeholder="as stored, or an alias: Ilya Sutskever"
            )
            new = st.selectbox(
                "Is it a new name?", list(NEW_NAME_AS), format_func=NEW_NAME_AS.get, key=f"speaker-new-{hit.claim_id}"
            )
            note = st.text_input("Note", key=f"speaker-note-{hit.claim_id}", placeholder="how you know who said it")
            if not st.form_submit_button("Save speaker"):
                return
        who = identity.reviewer()
        if who is None and identity.team_mode():
            st.error(f"Not saved. {NOT_SIGNED_IN}", icon=":material/no_accounts:")
            return
        try:
            if choice == "revert":
                done = data.revert_speaker(hit.claim_id, note.strip() or None, who)
            else:
                to = None if choice == "none" else name
                if to is not None and not to.strip():
                    st.error("Not saved: give the speaker's name, or choose no speaker.", icon=":material/edit:")
                    return
                done = data.correct_speaker(hit.claim_id, to, note.strip() or None, who, new or None)
        except KBError as exc:
            show_error(exc)
            return
    st.toast(correction_line(done), icon=":material/check:")
    st.rerun()
