"""The two HTML documents of the archived view, built so that nothing crawled can run or fetch.

- :func:`text_document`: the article text as captured with the claim marked. Streamlit
  draws an HTML string in an iframe that *may* run scripts (``st.iframe``: allow-scripts,
  allow-same-origin), which we need for one line of our own (scroll the mark into view;
  Markdown cannot scroll, and ``escape_markdown`` collapses the paragraphs a reader needs).
  So every crawled piece goes through :func:`html.escape` and the only tags are ours; as a
  second wall the document's CSP lets no script run but ours (by its hash) and fetches nothing.
- :func:`page_document`: the archived HTML itself, which is hostile by assumption. It is the
  ``srcdoc`` of a nested iframe whose ``sandbox`` attribute grants nothing (no scripts, no
  same origin, no forms, popups or navigation of the app), whose document begins with a CSP
  that fetches nothing (``default-src 'none'``: no images, styles, fonts, frames or prefetch
  from anywhere; inline styles and ``data:`` images only), and whose embedding document's
  CSP forbids navigating the frame anywhere (``frame-src 'none'``: a clicked link goes
  nowhere; the sandbox already ignores a meta refresh). Rewriting the page (pywb-style replay) would need the page's
  other resources, which we do not archive, and a parser we would have to trust.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

# our one script in the text view, allowed by its hash (CSP Level 2): a script crawled text
# smuggled in would still not run, escaping aside
_SCROLL = "document.getElementById('claim').scrollIntoView({block: 'center'});"
_SCROLL_HASH = base64.b64encode(hashlib.sha256(_SCROLL.encode()).digest()).decode()
TEXT_CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCROLL_HASH}'"
# the archived page's own document: nothing from anywhere but inline styles and data: images
PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# the document around it: no script, and its one frame may not be navigated to any URL
FRAME_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'none'"

_TEXT_STYLE = """
body { margin: 0; padding: 0.75rem 1rem; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: #262730; background: #fff; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 52rem; }
mark { background: #ffd27a; color: inherit; padding: 0.1em 0; border-radius: 3px; outline: 2px solid #e8a317; }
"""


def text_document(text: str, start: int, end: int) -> str:
    """A whole HTML document showing ``text`` with ``text[start:end]`` in ``<mark id="claim">``,
    scrolled into view when it loads. Every piece of ``text`` is escaped."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    end = max(start, end)
    before, claim, after = (escape(p, quote=True) for p in (text[:start], text[start:end], text[end:]))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f'<meta http-equiv="Content-Security-Policy" content="{TEXT_CSP}">'
        f"<style>{_TEXT_STYLE}</style></head><body>"
        f'<div class="text">{before}<mark id="claim">{claim}</mark>{after}</div>'
        f"<script>{_SCROLL}</script></body></html>"
    )


def page_document(archived_html: str) -> str:
    """A whole HTML document framing ``archived_html`` in a sandboxed iframe (no scripts, no
    origin, nothing fetched, never navigated). ``archived_html`` is only ever an escaped
    attribute value here."""
    inner = (
        "<!doctype html><meta charset='utf-8'>"
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">'
        '<meta http-equiv="x-dns-prefetch-control" content="off">'
        '<meta name="referrer" content="no-referrer">'
        # links open a new window, which the sandbox refuses: a click leaves the page in place (a
        # link in the same frame would be stopped by frame-src, leaving an error page)
        '<base target="_blank">' + archived_html
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f'<meta http-equiv="Content-Security-Policy" content="{FRAME_CSP}">'
        "<style>html, body { margin: 0; height: 100%; } "
        "iframe { border: 0; width: 100%; height: 100%; display: block; }</style></head><body>"
        f'<iframe sandbox="" referrerpolicy="no-referrer" title="The archived page" srcdoc="{escape(inner, quote=True)}">'
        "</iframe></body></html>"
    )
