"""Query cleaning for text pasted from social media (tweets, posts) before search.

Journalists paste whole posts into the search box: links, ``pic.twitter.com`` images,
``RT @user:`` prefixes, the "— Name (@handle) January 6, 2020" byline of an embedded tweet,
emoji, and hashtags written as one CamelCase word. None of that is in a news claim, and
BM25 counts it as words. :func:`clean_query` keeps the words a claim could contain:
hashtags and handles are split into words (``#AustralianFires`` -> ``Australian Fires``),
links and the byline date are dropped, the byline's author name is kept (claims often
name who said it). Plain queries pass through unchanged.
"""

from __future__ import annotations

import re

_URL = re.compile(r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+|\b[a-z0-9-]+\.(?:com|org|net|ly|co)/\S*", re.I)
_RT = re.compile(r"^\s*RT\s+@\w+:?\s*")
# embedded-tweet byline: "— Name (@handle) January 6, 2020" (the dash may be -- or —)
_BYLINE = re.compile(r"(?:—|--|-)\s*([^—()\n]{0,80}?)\s*\(@(\w+)\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$")
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
# emoji and other symbols (So), and flag letters
_SYMBOLS = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\U0001f1e6-\U0001f1ff\ufe0f\u200d]")
_SPACE = re.compile(r"\s+")


def split_tag(word: str) -> str:
    """``AustralianFires`` -> ``Australian Fires``; ``COVID19`` -> ``COVID 19``; ``snake_case`` -> ``snake case``."""
    return _SPACE.sub(" ", _CAMEL.sub(" ", word.replace("_", " "))).strip()


def clean_query(text: str, keep_byline_name: bool = True) -> str:
    """``text`` with links, retweet prefix, byline handle and date, and emoji removed, and
    hashtags / @handles split into words. Returns the input stripped when nothing is left."""
    original = text.strip()
    text = _URL.sub(" ", original)
    text = _RT.sub("", text)
    m = _BYLINE.search(text)
    if m:
        text = text[: m.start()] + (f" {m.group(1)}" if keep_byline_name else "")
    text = _TAG.sub(lambda t: " " + split_tag(t.group(1)) + " ", text)
    text = _SYMBOLS.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return text or original
