"""People & organisations (``/people?entity=NAME``, or ``/?entity=NAME``): without a name,
the most mentioned people and organisations and a box that searches every name and alias
as you type; with one, who or what it is, its aliases and roles, the claims by it and about
it, and its figures over time (one chart per measured quantity, kb.read.entities.figure_series).
A name with no entity gets the names spelt close to it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from kb.api import EntityCount, EntityFigure, FigureSeries
from ui import data
from ui.components import export_buttons, figures_chart, open_entity, page, show_hit
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
LISTED = 12  # people, and organisations, on the opening list
CHARTS = 6  # charts on an entity's page, the measures with the most figures first
LINES = 12  # single figures written out as lines (the rest are in the table)
SHOWN = 20  # claim cards per list
NAME_BOX = "entity_name"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def counts_line(e: EntityCount) -> str:
    return " · ".join(
        [
            f"in {plural(e.articles, 'article')}",
            plural(e.claims_made, "claim") + " made",
            f"named in {plural(e.claims_about, 'claim')}",
        ]
    )


def most_mentioned(entities: list[EntityCount]) -> None:
    """The people and organisations the most articles name, each a button to its page."""
    columns = st.columns(2)
    for column, (type_, title) in zip(columns, (("PERSON", "People"), ("ORG", "Organisations")), strict=True):
        with column:
            st.markdown(f"**{title} most written about**")
            shown = [e for e in entities if e.type == type_][:LISTED]
            if not shown:
                st.caption("None in the knowledge base yet.")
            for e in shown:
                with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                    st.button(
                        escape_markdown(e.name),
                        key=f"top-{e.entity_id}",
                        on_click=open_entity,
                        args=(e.name,),
                        type="tertiary",
                    )
                    st.caption(counts_line(e))


def spellings(entities: list[EntityCount]) -> dict[str, str]:
    """Every name and alias, the most written about first -> the entity's name."""
    out: dict[str, str] = {}
    for e in entities:
        for s in [e.name, *e.aliases]:
            out.setdefault(s, e.name)
    return out


def chosen() -> None:
    """The name box changed: its name (cut to the cap a link has) becomes the page's link."""
    name = (st.session_state.get(NAME_BOX) or "").strip()[:MAX_NAME_CHARS]
    if name:
        open_entity(name)
    else:
        st.query_params.clear()


def not_found(name: str) -> None:
    near = data.near_entities(name)
    quoted = escape_markdown(name if len(name) <= 60 else name[:60] + "…")
    guess = f"; did you mean {' or '.join(escape_markdown(n) for n in near)}?" if near else "."
    st.warning(f"No person or organisation named “{quoted}” in the knowledge base{guess}")
    if near:
        with st.container(horizontal=True, gap="small"):
            for n in near:
                st.button(
                    escape_markdown(n),
                    key=f"near-{n}",
                    on_click=open_entity,
                    args=(n,),
                    icon=":material/person_search:",
                )


def when(f: EntityFigure) -> str:
    return f.published_at.strftime("%-d %b %Y") if f.published_at else "undated"


def figure_frame(figures: list[EntityFigure], label: str | None = None) -> Any:
    import pandas as pd

    return pd.DataFrame(
        {
            "published": [f.published_at for f in figures],
            "day": [when(f) for f in figures],
            "value": [f.value for f in figures],
            "source": [f.source or "unknown outlet" for f in figures],
            "figure": [f.raw for f in figures],
            "measures": [label or "" for _ in figures],
            "claim": [f.claim for f in figures],
        }
    )


def show_figures(series: list[FigureSeries]) -> None:
    """A chart per measured quantity with two or more dated figures; every other figure as a
    line of text; all of them in a table."""
    import pandas as pd

    charted = [s for s in series if sum(f.published_at is not None for f in s.figures) >= 2][:CHARTS]
    singles = [(f, s.label) for s in series if s not in charted for f in s.figures]
    st.markdown("**Figures over time**")
    for s in charted:
        part = figure_frame([f for f in s.figures if f.published_at is not None])
        part["published"] = pd.to_datetime(part["published"], utc=True).dt.tz_localize(None).dt.normalize()
        st.caption(escape_markdown(f"{s.label} · {plural(len(part), 'figure')}"))
        chart = figures_chart(part).encode(y=_axis(s))
        st.altair_chart(chart, width="stretch")
    if singles:
        st.caption("Figures stated once (nothing to plot them against)")
        for f, label in singles[:LINES]:
            st.markdown(
                f"- **{escape_markdown(f.raw)}** · {escape_markdown(label)} · "
                f"{escape_markdown(f.source or 'unknown outlet')}, {when(f)}"
            )
        if len(singles) > LINES:
            st.caption(f"… and {len(singles) - LINES:,} more in the table below.")
    frame = pd.concat([figure_frame(s.figures, s.label) for s in series], ignore_index=True)
    frame = frame.sort_values("published", na_position="last")
    with st.expander(f"Every figure as a table ({len(frame):,})"):
        st.dataframe(
            frame[["day", "source", "figure", "measures", "claim"]],
            hide_index=True,
            width="stretch",
            column_config={
                "day": "published",
                "source": "outlet",
                "claim": st.column_config.TextColumn(width="large"),
            },
        )


def _axis(s: FigureSeries) -> Any:
    import altair as alt

    unit = "%" if s.kind == "percent" else (s.unit or s.kind)
    return alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False, padding=20))


def more(total: int) -> None:
    if total > SHOWN:
        st.caption(f"The {SHOWN} newest of {total:,}: search with this name as the person or organisation for all.")


def entity_page(name: str) -> None:
    found = data.entity(name)
    if found is None:
        not_found(name)
        return
    prof, made, about = found.profile, found.made, found.about
    st.subheader(escape_markdown(prof.name))
    facts = [
        ENTITY_TYPES.get(prof.type, prof.type.lower()).capitalize(),
        f"mentioned {plural(prof.mentions, 'time')} in {plural(prof.articles, 'article')}",
        plural(prof.claims_made, "claim") + " made",
        f"named in {plural(prof.claims_about, 'claim')} ({prof.named_by_others:,} by others)",
    ]
    st.caption(escape_markdown(" · ".join(facts)))
    if prof.aliases:
        st.caption("**Also written** · " + escape_markdown(", ".join(prof.aliases)))
    if prof.roles:
        st.caption("**Roles stated** · " + escape_markdown("; ".join(prof.roles)))
    if found.series:
        show_figures(found.series)
    export_buttons([h.claim_id for h in made + about], key="entity")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Claims by {escape_markdown(prof.name)}** ({prof.claims_made:,})")
        for h in made[:SHOWN]:
            show_hit(h, key="by")
        more(prof.claims_made)
    with right:
        st.markdown(f"**Claims about {escape_markdown(prof.name)} by others** ({prof.named_by_others:,})")
        for h in about[:SHOWN]:
            show_hit(h, key="about")
        more(prof.named_by_others)


def show() -> None:
    entities = data.entities()
    names = spellings(entities)
    current = st.query_params.get("entity", "").strip()
    if st.session_state.get(NAME_BOX) != (current or None):  # the link decides (pasted, or a button's)
        st.session_state[NAME_BOX] = current or None
    st.selectbox(
        "Person or organisation",
        list(names),
        key=NAME_BOX,
        index=None,
        format_func=lambda s: s if names.get(s, s) == s else f"{s} ({names[s]})",
        placeholder="Type a name or alias, e.g. Gartner, Elon Musk",
        accept_new_options=True,
        on_change=chosen,
        help="Type to search every name and alias; a name not listed is looked up anyway.",
    )
    if current:
        entity_page(current)
    else:
        most_mentioned(entities)


page(
    "People & organisations",
    "Who or what it is, what it said, what was said about it, and its figures over time.",
    show,
)
