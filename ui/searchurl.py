"""The search page's state in its URL: the query and every filter, so that a search is a link
(``/?q=cooling&who=Omdia&source=TechWire&since=2025-01-01``), a reload keeps it, and the
claim page's "Back to search" returns to it.

Each sidebar widget has a session-state key and a URL parameter. A widget's state comes from
the URL when the session has none (a new tab, a reload, or a return from another page:
Streamlit forgets the state of widgets a page run did not draw); after the widgets are
drawn, their values go back into the URL, defaults left out. A parameter that does not parse
(an unknown kind, a date that is not one) is ignored, never an error: links are typed by
people and forged by anyone.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from datetime import date
from typing import Any

from ui.links import MAX_NAME_CHARS

# session-state key of the widget -> URL parameter. ``entity`` opens the People page
# (ui/app.py), so the entity filter is ``who``.
PARAMS = {
    "query": "q",
    "entity": "who",
    "source": "source",
    "kind": "kind",
    "since": "since",
    "until": "until",
    "has_figure": "figure",
    "flagged": "flagged",
    "earlier_versions": "earlier",
    "sort": "sort",
    "limit": "n",
}
URL_KEYS = tuple(PARAMS.values())
SORTS = ("relevance", "newest first")
LIMITS = range(5, 51, 5)
FLAGS = ("has_figure", "flagged", "earlier_versions")


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def widget_states(params: Mapping[str, str], sources: list[str], kinds: list[str]) -> dict[str, Any]:
    """The widget states a URL's parameters stand for (only those given and valid)."""
    out: dict[str, Any] = {}
    if q := params.get("q", "").strip():
        out["query"] = q
    if who := params.get("who", "").strip():
        out["entity"] = who[:MAX_NAME_CHARS]
    if params.get("source") in sources:
        out["source"] = params["source"]
    if params.get("kind") in kinds:
        out["kind"] = params["kind"]
    since, until = _date(params.get("since", "")), _date(params.get("until", ""))
    if since or until:
        out["use_dates"] = True
        if since:
            out["since"] = since
        if until:
            out["until"] = until
    for key in FLAGS:
        if params.get(PARAMS[key]) == "1":
            out[key] = True
    if params.get("sort") == "newest":
        out["sort"] = "newest first"
    n = params.get("n", "")
    if n.isascii() and n.isdigit() and int(n) in LIMITS:
        out["limit"] = int(n)
    return out


def restore(state: MutableMapping[str, Any], params: Mapping[str, str], sources: list[str], kinds: list[str]) -> None:
    """Set each widget's state from the URL where the session has none. The date checkbox
    goes with its dates: a session that forgot the dates forgot the box too."""
    for key, value in widget_states(params, sources, kinds).items():
        if key not in state or (key == "use_dates" and "since" not in state):
            state[key] = value


def url_params(state: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, str]:
    """The URL parameters for the widgets' current values (defaults left out)."""
    out: dict[str, str] = {}
    if q := str(state.get("query") or "").strip():
        out["q"] = q
    if who := str(state.get("entity") or "").strip():
        out["who"] = who
    for key in ("source", "kind"):
        if state.get(key) not in (None, defaults[key]):
            out[key] = str(state[key])
    if state.get("use_dates"):
        for key in ("since", "until"):
            if isinstance(state.get(key), date):
                out[key] = state[key].isoformat()
    for key in FLAGS:
        if state.get(key):
            out[PARAMS[key]] = "1"
    if state.get("sort") == "newest first":
        out["sort"] = "newest"
    if state.get("limit") not in (None, defaults["limit"]):
        out["n"] = str(state["limit"])
    return out
