"""Contradictions (``/contradictions``, or ``/?view=contradictions``): the review queue.
Flags by status and reason, each with both claims and the review form."""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.components import REASON_LABELS, page, show_flag

STATUSES = ["open", "needs-checking", "confirmed", "dismissed", "any"]
REASONS = ["contradiction", "figure_conflict", "polarity", "revision", "forecast_due"]


def review_queue() -> None:
    cols = st.columns(2)
    # bound to the URL (?status=dismissed&reason=forecast_due): a reload keeps the filters and
    # a link opens the queue filtered; a value that is not an option is dropped from the URL
    status = cols[0].selectbox("Status", STATUSES, key="status", bind="query-params")
    reason = cols[1].selectbox(
        "Reason",
        REASONS,
        format_func=lambda r: "All contradictions" if r == "contradiction" else REASON_LABELS[r],
        key="reason",
        bind="query-params",
    )
    flags = data.flags(None if status == "any" else status, reason)
    st.subheader(f"{len(flags)} flag{'s' if len(flags) != 1 else ''}")
    if not flags:
        st.info("Nothing to review here.")
    ids = sorted({f.claim_a.claim_id for f in flags if f.claim_a} | {f.claim_b.claim_id for f in flags if f.claim_b})
    tracks = data.tracking(ids)
    for flag in flags:
        show_flag(flag, key="queue", tracks=tracks)


page(
    "Contradictions",
    "Pairs of claims that cannot both be true, with the reason. Review each: confirmed, dismissed or needs-checking.",
    review_queue,
)
