"""The search page's URL state (ui/searchurl.py): a URL's parameters become the widgets'
states and back, defaults left out, junk ignored."""

from __future__ import annotations

from datetime import date

from ui import searchurl

SOURCES, KINDS = ["techwire.example", "datadispatch.example"], ["statistic", "quote"]
DEFAULTS = {"source": "All sources", "kind": "Any kind", "limit": 10, "since": date(2024, 1, 1)}


def test_searchurl_round_trips_every_filter():
    params = {
        "q": "running out of data",
        "who": "Musk",
        "source": "techwire.example",
        "kind": "quote",
        "since": "2025-01-01",
        "until": "2025-02-01",
        "figure": "1",
        "flagged": "1",
        "earlier": "1",
        "sort": "newest",
        "n": "20",
    }
    state: dict = {}
    searchurl.restore(state, params, SOURCES, KINDS)
    assert state["use_dates"] and state["since"] == date(2025, 1, 1) and state["entity"] == "Musk"
    assert searchurl.url_params(state, DEFAULTS) == params


def test_searchurl_ignores_junk_and_keeps_what_the_session_has():
    state = {"entity": "Gartner"}
    junk = {
        "who": "Musk",
        "source": "evil.example",
        "kind": "x",
        "since": "yesterday",
        "n": "7",
        "sort": "?",
        "figure": "yes",
    }
    searchurl.restore(state, junk, SOURCES, KINDS)
    assert state == {"entity": "Gartner"}
    assert searchurl.url_params({**state, **DEFAULTS}, DEFAULTS) == {"who": "Gartner"}


def test_searchurl_caps_a_long_name():
    state: dict = {}
    searchurl.restore(state, {"who": "x" * 5000}, SOURCES, KINDS)
    assert len(state["entity"]) == searchurl.MAX_NAME_CHARS
