"""Plain-text formatting of claim parts for display (no Streamlit, no escaping: callers
escape with :func:`ui.safe.escape_markdown` before anything reaches ``st.markdown``)."""

from __future__ import annotations

from typing import Any

APPROX = {
    "about": "≈",
    "around": "≈",
    "roughly": "≈",
    "approximately": "≈",
    "nearly": "≈",
    "almost": "≈",
    "more than": ">",
    "over": ">",
    "above": ">",
    "at least": "≥",
    "less than": "<",
    "under": "<",
    "below": "<",
    "up to": "≤",
    "at most": "≤",
}


def format_number(value: float) -> str:
    """``60000000000.0`` → ``60,000,000,000``; ``6.7`` → ``6.7``; never scientific notation."""
    if value == int(value) and abs(value) < 1e18:
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{value:.3g}"


def format_figure(fig: dict[str, Any]) -> str:
    """One figure as ``raw → normalised value + unit (what it measures, year)``:
    ``about 17% → ≈17 percent``, ``$38 billion to $40 billion → 38,000,000,000–40,000,000,000 USD``."""
    raw = str(fig.get("raw") or "").strip()
    lower, upper, value = fig.get("lower"), fig.get("upper"), fig.get("value")
    if lower is not None and upper is not None and lower != upper:
        number = f"{format_number(lower)}–{format_number(upper)}"
    elif value is not None:
        number = format_number(value)
    else:
        return raw
    approx = fig.get("approx")
    sign = APPROX.get(approx.lower(), approx + " ") if approx else ""
    norm = f"{sign}{number} {fig.get('unit') or ''}".strip()
    subject, year = str(fig.get("subject") or ""), str(fig.get("year") or "")
    context = [c for c in (f"of {subject}" if subject else "", year if year not in subject else "") if c]
    return f"{raw} → {norm}" + (f" ({', '.join(context)})" if context else "")
