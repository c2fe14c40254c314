"""The parameters a link to the app may carry (``?claim=ID``, ``?q=``, ``?entity=``, ``?url=``),
checked before any page reads them. A link is typed, pasted or forged by anyone: a claim id
is ASCII digits within DuckDB's BIGINT range (``int()`` would take "²" as an error and "١٢"
as 12, and a 5,000-digit one as a traceback), and text parameters are capped in length (a
289,000-character search once grew the server by 620 MB)."""

from __future__ import annotations

from ui.safe import escape_markdown

MAX_CLAIM_ID = 2**63 - 1  # claims.claim_id is a BIGINT
MAX_NAME_CHARS = 200  # ?entity=, and the name boxes
MAX_URL_CHARS = 4096  # ?url=


def claim_id(value: str | None) -> int | None:
    """The claim id ``value`` names (ASCII digits, at most BIGINT's maximum), else None."""
    if not value or len(value) > len(str(MAX_CLAIM_ID)) or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= MAX_CLAIM_ID else None


def _quoted(value: str, width: int = 24) -> str:
    shown = value if len(value) <= width else value[:width] + "…"
    return f"“{escape_markdown(shown)}”"


def link_problems(params: dict[str, str], max_query_chars: int) -> dict[str, str]:
    """The link's parameters that cannot be used, each with a message for the reader (safe
    Markdown: the parameter's own text is escaped and cut short)."""
    problems: dict[str, str] = {}
    claim = params.get("claim", "")
    if claim and claim_id(claim) is None:
        problems["claim"] = (
            f"The link's claim id {_quoted(claim)} is not a claim id: a claim id is a whole number "
            f"from 0 to {MAX_CLAIM_ID}, written in the digits 0-9 (e.g. ?claim=42)."
        )
    caps = {
        "q": (max_query_chars, "search"),
        "entity": (MAX_NAME_CHARS, "name"),
        "url": (MAX_URL_CHARS, "article URL"),
    }
    for key, (cap, what) in caps.items():
        value = params.get(key, "")
        if len(value) > cap:
            problems[key] = (
                f"The link's {what} is {len(value):,} characters long, more than the {cap:,} characters "
                f"the app takes: it was left out."
            )
    return problems
