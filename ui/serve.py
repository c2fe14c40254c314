"""The app served in a child process, for the browser tests and `make bench-ui`: started as
`kb ui` starts it (kb.cli.streamlit_command), on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def running(db: Path, timeout_s: float = 120.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, server process) of the app over ``db`` once it answers its health check;
    stopped on exit. RuntimeError if it exits or stays silent for ``timeout_s``."""
    from kb.cli import streamlit_command

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
