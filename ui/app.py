"""Claims search: a thin Streamlit app over kb's API.

    streamlit run ui/app.py     (or `kb ui`, `make run`)

This file is the entry point: the page configuration, the navigation over the pages in
``ui/views/`` (one file per page; the widgets they share are in ``ui/components.py``, their
reads and writes in ``ui/data.py``) and the router that turns a link's query string into
its page. The app reads the database named by $KB_DB read-only, so it keeps answering
while an ingest writes. Crawled text is untrusted: it reaches the page only as escaped
Markdown (ui.safe) or as plain text in tables, never as HTML.

The pages live in ``views/``, not ``pages/``: Streamlit treats a ``pages/`` directory beside
the entry point as a legacy multipage app on a server's first run, and would then open a
page file without this script (or say "Page not found" for a page's own URL).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from streamlit.navigation.page import StreamlitPage

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run ui/app.py` from anywhere

from ui import data, searchurl  # noqa: E402  (after the path)
from ui.components import show_identity  # noqa: E402
from ui.links import claim_id, link_problems  # noqa: E402

# page (its file in views/ and its URL path) -> title in the menu, the query parameters it reads
PAGES = {
    "search": ("Search", searchurl.URL_KEYS),  # the query and every filter
    "contradictions": ("Contradictions", ("status", "reason")),
    "people": ("People & organisations", ("entity",)),
    "edits": ("Edited articles", ("url",)),
    "crawl": ("Crawl status", ()),
    "claim": ("Claim", ("claim",)),  # not in the menu: opened from a claim card or by ?claim=ID
    "archive": ("Archived copy", ("view", "claim")),  # not in the menu: ?view=archive&claim=ID
}
HIDDEN = ("claim", "archive")  # pages not in the menu
VIEWS = {"contradictions": "contradictions", "entity": "people", "edits": "edits", "crawl": "crawl"}  # ?view=...
OPENED_FROM = "claim_opened_from"  # session state: the page "Back" on the claim page returns to
LINK_PROBLEMS = "link_problems"  # session state: what was wrong with the link, shown once the page opens
PAGE_PARAMS = "page_params"  # session state: per page, its query string when it last ran to the end


def check_link() -> None:
    """Drop the link's parameters that cannot be used (ui.links), keeping a message for each
    to show above the page the link then opens."""
    problems = link_problems(st.query_params.to_dict(), data.settings().search.max_query_chars)
    for key in problems:
        del st.query_params[key]
    if problems:
        st.session_state[LINK_PROBLEMS] = list(problems.values())


def show_link_problems() -> None:
    for message in st.session_state.pop(LINK_PROBLEMS, []):
        st.warning(message, icon=":material/link_off:")


def linked_page(params: dict[str, str]) -> str | None:
    """The page a query string links to, as the app always has: ``?claim=ID`` (with
    ``view=archive``: its archived copy), else
    ``?entity=NAME``, else ``?view=contradictions|edits|crawl|entity``; None for none."""
    if claim_id(params.get("claim")) is not None:
        return "archive" if params.get("view") == "archive" else "claim"
    if params.get("entity"):
        return "people"
    return VIEWS.get(params.get("view", ""))


def route(pages: dict[str, StreamlitPage], current: str) -> None:
    """Open the page the query string links to, keeping only the parameters that page reads.

    Links inside the app set the query string too (ui.components.open_claim, ...), so a
    pasted link and a clicked button take the same way. The claim page without a claim
    (its "Back" button clears the query) returns to the page it was opened from, with the
    query string that page last had (a search and its filters)."""
    params = st.query_params.to_dict()
    target = linked_page(params)
    if target is None and current == "claim":
        target = st.session_state.get(OPENED_FROM, "search")
        params = st.session_state.get(PAGE_PARAMS, {}).get(target, {})  # its search and filters, as they were
    if target is None or target == current:
        for key in params.keys() - set(PAGES[current][1]):
            del st.query_params[key]
        return
    if target == "claim" and current != "archive":  # "Back" from the claim skips its archived copy
        st.session_state[OPENED_FROM] = current
    st.switch_page(pages[target], query_params={k: params[k] for k in PAGES[target][1] if k in params})


# an emoji icon is drawn in the page (a data: URL); a :material/...: one is fetched from fonts.gstatic.com
st.set_page_config(page_title="Claims search", page_icon="🔎", layout="wide")
pages = {
    name: st.Page(
        f"views/{name}.py", title=title, default=name == "search", visibility="hidden" if name in HIDDEN else "visible"
    )
    for name, (title, _) in PAGES.items()
}
shown = st.navigation(list(pages.values()))
check_link()
route(pages, next(name for name, p in pages.items() if p is shown))
show_link_problems()
show_identity()
data.warm_up()  # the search models load in the background from the first run on, not at the first search
shown.run()
# what "Back" on the claim page returns to (a page that switched away or reran stops before this)
st.session_state[PAGE_PARAMS] = {
    **st.session_state.get(PAGE_PARAMS, {}),
    next(name for name, p in pages.items() if p is shown): st.query_params.to_dict(),
}
