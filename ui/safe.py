"""Showing crawled text safely. Crawled text is untrusted: it is never rendered as HTML,
and before it goes through ``st.markdown`` every Markdown/HTML metacharacter is escaped,
so a claim cannot become a link, an image, a formula or a Streamlit directive."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_MARKDOWN_META = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^%@])")


def escape_markdown(text: str) -> str:
    """Backslash-escape every character Markdown, HTML or Streamlit could interpret;
    collapse line breaks (a paragraph is shown as one line)."""
    text = re.sub(r"\s+", " ", text or "")
    return _MARKDOWN_META.sub(r"\\\1", text)


def highlight(paragraph: str, start: int, end: int) -> str:
    """The paragraph as safe Markdown with [start, end) marked by a background colour."""
    start, end = max(0, start), min(len(paragraph), end)
    before, claim, after = paragraph[:start], paragraph[start:end], paragraph[end:]
    return f"{escape_markdown(before)}:orange-background[{escape_markdown(claim)}]{escape_markdown(after)}"


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (no javascript:, data:, file: links)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()
