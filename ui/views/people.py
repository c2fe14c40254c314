"""People & organisations (``/people?entity=NAME``, or ``/?entity=NAME``): who or what it
is, its aliases and roles, the claims by it and about it, and its figures over time (one
chart per measure, e.g. every estimate of a share)."""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.components import export_buttons, figures_chart, page, show_hit
from ui.links import MAX_NAME_CHARS
from ui.safe import escape_markdown

ENTITY_TYPES = {
    "ORG": "organisation",
    "PERSON": "person",
    "PRODUCT": "product",
    "GPE": "place",
    "LOC": "place",
    "LAW": "law",
    "NORP": "group",
}


def entity_page(name: str) -> None:
    import pandas as pd

    found = data.entity(name)
    if found is None:
        st.warning("No person or organisation by that name in the knowledge base.")
        return
    prof, made, about, figs = found.profile, found.made, found.about, found.figures
    st.subheader(escape_markdown(prof.name))
    facts = [
        ENTITY_TYPES.get(prof.type, prof.type.lower()).capitalize(),
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
            st.altair_chart(figures_chart(part), width="stretch")
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


def show() -> None:
    name = st.text_input(
        "Person or organisation",
        value=st.query_params.get("entity", ""),
        key="entity_name",
        placeholder="e.g. Gartner, Elon Musk",
        max_chars=MAX_NAME_CHARS,
    ).strip()
    if name:
        st.query_params["entity"] = name  # linkable: ?entity=...
        entity_page(name)


page(
    "People & organisations",
    "Who or what it is, what it said, what was said about it, and its figures over time.",
    show,
)
