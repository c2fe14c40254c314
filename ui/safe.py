"""Showing crawled text safely. Crawled text is untrusted: it is never rendered as HTML,
and before it goes through ``st.markdown`` every Markdown/HTML metacharacter is escaped,
so a claim cannot become a link, an image, a formula or a Streamlit directive.

Backslash escapes are not enough on their own: Streamlit's Markdown turns bare URLs,
``www.`` names and e-mail addresses into links, and ``:material/...:`` and emoji
shortcodes into icons, *after* escapes are resolved (they work on the text, not on the
syntax). Those patterns are broken with an invisible U+2060 WORD JOINER, which changes
nothing a reader sees (found by tests/test_ui_browser.py, which looks at the real DOM).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WORD_JOINER = "\u2060"
_MARKDOWN_META = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^%@])")
# what Streamlit's renderer acts on in plain text: GFM autolink literals (scheme://, www.,
# user@host) and shortcodes (:material/icon:, :smile:, :+1:)
_AUTOLINK_OR_SHORTCODE = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)(?=[\w.-])|(?<=:)(?=[a-z+\-])")


def escape_markdown(text: str | None) -> str:
    """``text`` as Markdown that shows exactly these characters: every character Markdown,
    HTML or Streamlit could interpret is backslash-escaped, autolinks and shortcodes are
    broken with a word joiner, line breaks are collapsed (a paragraph is one line)."""
    text = re.sub(r"\s+", " ", text or "")
    text = _AUTOLINK_OR_SHORTCODE.sub(WORD_JOINER, text)
    return _MARKDOWN_META.sub(r"\\\1", text)


def unescape_markdown(markdown: str) -> str:
    """The inverse of :func:`escape_markdown` (for tests and copying): the shown text."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


def highlight(paragraph: str, start: int, end: int) -> str:
    """The paragraph as safe Markdown with [start, end) marked by a background colour."""
    start, end = max(0, start), min(len(paragraph), end)
    before, claim, after = paragraph[:start], paragraph[start:end], paragraph[end:]
    return f"{escape_markdown(before)}:orange-background[{escape_markdown(claim)}]{escape_markdown(after)}"


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (no javascript:, data:, file: links)."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c in url for c in "\r\n\t "):
        return None
    return url
