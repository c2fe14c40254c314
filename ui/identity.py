"""Who is reviewing.

Single-user (``kb ui``, ``make run``): the account the server runs as (``$USER``), as ``kb
review`` records it. Team mode (``kb ui --team``, ``KB_TEAM=1``): the user the
authenticating proxy names in its trusted header (``KB_USER_HEADER``, default
``X-Forwarded-User``), read from the browser's connection to the app
(``st.context.headers``, the WebSocket's own request); a connection without it may read but
not review. The header is believed because only the proxy can reach the app, and the proxy
overwrites whatever a browser sent under that name (docs/operations.md, "Team deployment").
"""

from __future__ import annotations

import os

import streamlit as st

DEFAULT_HEADER = "X-Forwarded-User"
MAX_NAME_CHARS = 200


def team_mode() -> bool:
    """KB_TEAM as `kb ui` reads it (1, true, yes, on)."""
    return os.environ.get("KB_TEAM", "").strip().lower() in ("1", "true", "yes", "on")


def user_header() -> str:
    return os.environ.get("KB_USER_HEADER") or DEFAULT_HEADER


def signed_in() -> str | None:
    """The user the proxy names for this connection; None without one (or a value no proxy
    would send: empty, overlong, control characters)."""
    value = (st.context.headers.get(user_header()) or "").strip()
    if not value or len(value) > MAX_NAME_CHARS or not value.isprintable():
        return None
    return value


def reviewer() -> str | None:
    """The name a review made now is recorded under: the signed-in user in team mode (None:
    nobody, so no review), else $USER."""
    return signed_in() if team_mode() else os.environ.get("USER")
