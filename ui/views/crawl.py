"""Crawl status (``/crawl``, or ``/?view=crawl``), for the operator: the last crawl and
ingest runs, each source's health, and when the next run is due."""

from __future__ import annotations

import os
import shutil
import subprocess

import streamlit as st

from ui import data
from ui.components import page
from ui.safe import escape_markdown


@st.cache_data(ttl=60, show_spinner=False)
def next_timer_run() -> str | None:
    """When systemd next fires kb-nightly.timer (deploy/), if it is installed here; None otherwise."""
    if not shutil.which("systemctl"):
        return None
    try:
        out = subprocess.run(
            ["systemctl", "show", "kb-nightly.timer", "--property=NextElapseUSecRealtime", "--value"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{out} (systemd kb-nightly.timer)" if out and out != "n/a" else None


def crawl_status() -> None:
    status = data.crawl_status()
    nxt = os.environ.get("KB_NEXT_RUN") or next_timer_run()
    st.caption(
        f"Next scheduled run · {escape_markdown(nxt) if nxt else 'not scheduled (set KB_NEXT_RUN to show it here)'}"
    )
    st.markdown("**Crawls**")
    if status.crawls:
        st.dataframe([r.to_json() for r in status.crawls], hide_index=True, width="stretch")
    else:
        st.caption("No crawl recorded in this database (it was built from WARC files directly).")
    st.markdown("**Ingests**")
    rows = [
        {
            "run": r.run_id,
            "finished": r.finished_at,
            "articles": r.counters.get("articles", 0),
            "claims": r.counters.get("claims", 0),
            "duplicates": r.counters.get("duplicates", 0),
            "already ingested": r.counters.get("already_ingested", 0),
            "skipped": sum(v for k, v in r.counters.items() if k.startswith("skipped/")),
            "flags": sum(v for k, v in r.counters.items() if k.startswith("tracking/flags/")),
        }
        for r in status.ingests
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    st.markdown("**Sources**")
    st.dataframe(
        [
            {
                **{k: v for k, v in src.to_json().items() if k != "skip_reasons"},
                "skipped by reason": ", ".join(f"{k} {v}" for k, v in src.skip_reasons.items()),
            }
            for src in status.sources
        ],
        hide_index=True,
        width="stretch",
    )


page("Crawl status", "What the last runs fetched, skipped and added, source by source.", crawl_status)
