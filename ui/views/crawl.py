"""Crawl status (``/crawl``, or ``/?view=crawl``), for the operator: the last crawl and
ingest runs, each source's health, and when the next run is due."""

from __future__ import annotations

import os
import shutil
import subprocess

import streamlit as st

from kb.api import CrawlProgress
from ui import data
from ui.components import page, when
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


# skip reasons (kb/ingest: extract.py, batch.py, warc.py) in words; "not_page_<role>" and
# "http_<status>" are built from their parts in skip_label
SKIP_LABELS = {
    "not_article": "not an article",
    "not_html": "not HTML",
    "empty_body": "empty",
    "too_large": "too large",
    "parse_error": "HTML that does not parse",
    "too_deep": "nested too deeply",
    "extract_error": "text extraction failed",
    "no_main_text": "no main text",
    "too_short": "too short for an article",
    "cookie_wall": "a cookie or consent wall",
    "record_short": "archive record cut short",
    "digest_mismatch": "archive record damaged",
}
PAGE_ROLES = {"feed": "a feed", "sitemap": "a sitemap", "robots": "robots.txt"}
# what became of the pages a crawl took for articles (kb.read.runs.article_outcomes): one, many
OUTCOME_LABELS = {
    "article": ("stored as an article", "stored as articles"),
    "duplicate": ("a copy of an article already stored", "copies of articles already stored"),
    "unchanged": ("unchanged since an earlier crawl (nothing new to ingest)",) * 2,
    "not_ingested": ("not ingested into this database yet",) * 2,
}


def skip_label(code: str) -> str:
    """A skip reason code in plain words ("not_page_feed" -> "a feed")."""
    if code.startswith("not_page_"):
        role = code.removeprefix("not_page_")
        return PAGE_ROLES.get(role, role)
    if code.startswith("http_"):
        return f"HTTP status {code.removeprefix('http_')}"
    return SKIP_LABELS.get(code, code.replace("_", " "))


def article_breakdown(outcomes: dict[str, int]) -> str:
    """Why a crawl's article count differs from the articles it added, in words (plain text)."""
    parts = [
        f"{n} {OUTCOME_LABELS[k][n != 1]}" if k in OUTCOME_LABELS else f"{n} skipped: {skip_label(k)}"
        for k, n in outcomes.items()
    ]
    return "; ".join(parts)


def show_progress(progress: CrawlProgress | None) -> None:
    if progress is None:
        return
    st.info(
        f"**Crawl in progress, or finished but not recorded yet**: {progress.pages} page"
        f"{'s' if progress.pages != 1 else ''} fetched since the last recorded crawl, the latest at "
        f"{when(progress.latest_at)}. They show in the tables below once `kb crawl` or `kb nightly` "
        "has recorded the run and ingested its WARC files.",
        icon=":material/downloading:",
    )
    st.caption(f"From the crawler's state file {escape_markdown(progress.state_file)}")


def crawl_status() -> None:
    status = data.crawl_status()
    nxt = os.environ.get("KB_NEXT_RUN") or next_timer_run()
    st.caption(
        f"Next scheduled run · {escape_markdown(nxt) if nxt else 'not scheduled (set KB_NEXT_RUN to show it here)'}"
    )
    show_progress(status.in_progress)
    st.markdown("**Crawls**")
    if status.crawls:
        # widths in pixels: the three tables fit the main column of a 1280-pixel window
        st.dataframe(
            [
                {
                    "started": r.started_at,
                    "seconds": r.duration_s,
                    "fetched": r.fetched,
                    "articles": r.articles,
                    "robots": r.skipped_robots,
                    "failed": r.failed,
                    "http_errors": r.http_errors,
                    "mb": round((r.bytes or 0) / 1e6, 1),
                    "finish": r.finish_reason,
                }
                for r in status.crawls
            ],
            hide_index=True,
            width="stretch",
            column_config={
                "started": st.column_config.DatetimeColumn("Started", format="D MMM YYYY, HH:mm", width=140),
                "seconds": st.column_config.NumberColumn("Took (s)", format="%.1f", width=70),
                "fetched": st.column_config.NumberColumn("Fetched", width=70, help="Responses, robots.txt included"),
                "articles": st.column_config.NumberColumn(
                    "Article pages", width=95, help="Pages the crawler took for articles: what became of them is below"
                ),
                "robots": st.column_config.NumberColumn("robots.txt bars", width=105, help="Not fetched: robots.txt"),
                "failed": st.column_config.NumberColumn("Failed", width=60),
                "http_errors": st.column_config.NumberColumn("HTTP errors", width=90),
                "mb": st.column_config.NumberColumn("MB", width=55, help="Archived, in megabytes"),
                "finish": st.column_config.TextColumn("Ended", width=80),
            },
        )
        latest = status.crawls[0]
        if latest.article_outcomes:
            st.caption(
                f"Of the latest crawl's {latest.articles} article pages: "
                + escape_markdown(article_breakdown(latest.article_outcomes))
                + "."
            )
    else:
        st.caption("No crawl recorded in this database (it was built from WARC files directly).")
    st.markdown("**Ingests**")
    rows = [
        {
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
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            "finished": st.column_config.DatetimeColumn("Finished", format="D MMM YYYY, HH:mm", width=140),
            "articles": st.column_config.NumberColumn("Articles added", width=110),
            "claims": st.column_config.NumberColumn("Claims", width=80),
            "duplicates": st.column_config.NumberColumn("Copies", width=80, help="Exact copies of a stored article"),
            "already ingested": st.column_config.NumberColumn("Seen before", width=100, help="Already ingested"),
            "skipped": st.column_config.NumberColumn("Skipped", width=80, help="Feeds, sitemaps, non-articles"),
            "flags": st.column_config.NumberColumn("New flags", width=90),
        },
    )
    st.markdown("**Sources**")
    st.dataframe(
        [
            {
                "source": src.source,
                "articles": src.articles,
                "claims": src.claims,
                "last_capture": src.last_capture,
                "skipped": src.skipped,
                "skipped by reason": ", ".join(f"{skip_label(k)}: {v}" for k, v in src.skip_reasons.items()),
            }
            for src in status.sources
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "source": st.column_config.TextColumn("Source", width=150),
            "articles": st.column_config.NumberColumn("Articles", width=70),
            "claims": st.column_config.NumberColumn("Claims", width=70),
            "last_capture": st.column_config.DatetimeColumn("Last fetched", format="D MMM YYYY, HH:mm", width=130),
            "skipped": st.column_config.NumberColumn("Skipped", width=70),
            "skipped by reason": st.column_config.TextColumn("Skipped, by reason", width=300),
        },
    )


page("Crawl status", "What the last runs fetched, skipped and added, source by source.", crawl_status)
