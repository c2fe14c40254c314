"""Serving the Streamlit app: the one definition of how it is started (``kb ui``, ``kb
demo``, the browser tests and the app benchmark all start it this way)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from kb.config import CHECKOUT

APP = CHECKOUT / "ui" / "app.py"


def streamlit_command(db: Path, port: int) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that serve the app over ``db`` on 127.0.0.1:``port``."""
    env = dict(os.environ, KB_DB=str(Path(db).resolve()), HF_HUB_OFFLINE="1")
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ], env


@contextlib.contextmanager
def running(db: Path, timeout_s: float = 120.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, server process) of the app over ``db`` served in a child process on a free
    port of 127.0.0.1, once it answers its health check; stopped on exit. RuntimeError if
    it exits or stays silent for ``timeout_s``."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    argv, env = streamlit_command(db, port)
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start (exit code {proc.poll()})") from None
                time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
