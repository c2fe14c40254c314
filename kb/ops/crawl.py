"""Launch the Scrapy crawl (``crawler/``) as a subprocess and collect its run summary.

kb never imports Scrapy: the crawler is network-bound and runs in its own process; its
hand-off is WARC files plus a JSON run summary, which is stored in ``crawl_runs``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kb.config import CHECKOUT
from kb.errors import BadInput, CrawlFailed


def crawl(
    sources: Path | None = None,
    urls: list[str] | None = None,
    warc_dir: Path = Path("data/warc"),
    proxy: str | None = None,
    settings: dict[str, str] | None = None,
    quiet: bool = False,
) -> dict[str, Any]:
    """Run the ``news`` spider; return its summary (fetched, skipped, failed, bytes ...)."""
    if sources is not None and not Path(sources).is_file():
        raise BadInput(f"sources file {sources} does not exist")
    if sources is None and not urls:
        raise BadInput("nothing to crawl: give --sources FILE or --url URL")
    if sources is not None:
        check_sources(sources)
    warc_dir = Path(warc_dir)
    warc_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    summary_path = (warc_dir / f"crawl-{stamp}-{os.getpid()}.summary.json").resolve()
    # KB_PARENT_PID: the crawl gets SIGTERM from the kernel when this process dies, even by
    # kill -9 (crawler.spiders.news.stop_with_parent): no orphan crawls on and races the next run.
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "news",
        "-s",
        f"WARC_DIR={warc_dir.resolve()}",
        "-s",
        f"KB_SUMMARY_PATH={summary_path}",
        "-s",
        f"KB_PARENT_PID={os.getpid()}",
    ]
    if sources is not None:
        cmd += ["-a", f"sources={Path(sources).resolve()}"]
    if urls:
        cmd += ["-a", f"urls={','.join(urls)}"]
    for key, value in (settings or {}).items():
        cmd += ["-s", f"{key}={value}"]
    env = _crawler_env()
    if proxy:
        env["http_proxy"] = env["HTTP_PROXY"] = proxy
        env.pop("no_proxy", None)
        env.pop("NO_PROXY", None)
    # Its own session: a Ctrl-C in the terminal reaches this process only, which passes on
    # exactly one SIGTERM (a second signal would make Scrapy stop uncleanly). Popen forks in
    # this thread, which then waits for the crawl: the kernel's parent-death signal (tied to
    # the forking thread, not the process) fires only when this process dies.
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE if quiet else None,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = proc.communicate()
    except BaseException:
        stop(proc)
        raise
    if not summary_path.exists():
        tail = (stderr or "")[-2000:] if quiet else "see the log above"
        raise CrawlFailed(f"the crawl exited with code {proc.returncode} and wrote no summary: {tail}")
    summary = json.loads(summary_path.read_text())
    summary.setdefault("summary_path", str(summary_path))
    return summary


def _crawler_env() -> dict[str, str]:
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawler.settings")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CHECKOUT), env.get("PYTHONPATH")]))
    return env


def check_sources(sources: Path) -> None:
    """Raise :class:`BadInput` with the one-line reason when the sources file is missing or
    malformed (not TOML, with its line and column; an unknown key, with a did-you-mean; a
    wrong type, with the source and key), before any crawl starts. The crawler's own parser
    (``crawler/sources.py``, run as ``python -m crawler.sources FILE``: kb does not import
    the crawler) judges, so what is checked here is exactly what the spider will read."""
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.sources", str(sources)],
        env=_crawler_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode == 2:  # crawler.sources.main: the file's problem, on one line
        raise BadInput(proc.stderr.strip())
    if proc.returncode != 0:
        raise CrawlFailed(f"could not check {sources}: {proc.stderr.strip()[-500:]}")


def _counts(failed: dict[str, int]) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0])))


def crawl_problems(summary: dict[str, Any]) -> tuple[list[str], str | None]:
    """What a finished crawl's summary says went wrong: a warning naming each source that
    fetched nothing (and why: failures by reason, robots.txt, refusals), and an error when
    no source fetched anything at all (a run that archived nothing is a failed run, even if
    every request "finished": hosts that do not resolve, refuse or fail TLS)."""
    sources = summary.get("by_source")
    if not sources:  # a summary from before per-source counts
        nothing = summary.get("fetched", 0) == 0
        return [], "nothing was fetched" if nothing and summary.get("failed", 0) else None
    warnings = []
    for name, s in sources.items():
        if s["fetched"]:
            continue
        why = [f"failed {sum(s['failed'].values())} ({_counts(s['failed'])})"] if s["failed"] else []
        why += [f"skipped by robots.txt {s['skipped_robots']}"] if s["skipped_robots"] else []
        why += [f"refused {s['refused']}"] if s["refused"] else []
        warnings.append(f"source {name!r} fetched nothing: {', '.join(why) or 'no request was made'}")
    if any(s["fetched"] for s in sources.values()):
        return warnings, None
    why = [
        f"failed {summary.get('failed', 0)}"
        + (f" ({_counts(summary['failed_by_reason'])})" if summary.get("failed") else "")
    ]
    why.append(f"skipped by robots.txt {summary.get('skipped_robots', 0)}")
    why.append(f"refused {summary.get('refused', 0)}")
    return warnings, f"nothing was fetched from any source: {', '.join(why)}"


def crawl_sample_site(
    site: Path,
    sources: Path,
    warc_dir: Path,
    settings: dict[str, str] | None = None,
    port: int = 0,
    quiet: bool = False,
    edits: Path | None = None,
) -> dict[str, Any]:
    """Serve the bundled sample site on 127.0.0.1 for the length of one crawl through it
    (the server is the crawler's HTTP proxy, so the spider fetches the outlets' own
    hostnames), with politeness delays shortened for a local server; ``edits``: served as
    its outlets later edited it (:mod:`kb.ops.sample_site`)."""
    from kb.ops import sample_site

    server, _thread, bound = sample_site.serve(site, port=port, edits=edits)
    try:
        fast = {"AUTOTHROTTLE_START_DELAY": "0.05", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "WARNING", **(settings or {})}
        return crawl(sources, [], warc_dir, proxy=f"http://127.0.0.1:{bound}", settings=fast, quiet=quiet)
    finally:
        server.shutdown()


def stop(proc: subprocess.Popen, grace_s: float = 60.0) -> None:
    """Scrapy's graceful shutdown (SIGTERM: in-flight requests finish, the WARC is closed,
    the summary written); ``kill -9`` only if it takes longer than ``grace_s``, which is
    safe too (the next crawl recovers the open WARC file)."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
