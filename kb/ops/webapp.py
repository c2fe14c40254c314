"""Serving the Streamlit app: the one definition of how it is started (``kb ui``, ``kb
demo``, the browser tests and the app benchmark all start it this way).

Single-user (``kb ui``, ``make run``): on 127.0.0.1 only, reviews recorded under the
account the server runs as. Team mode (``kb ui --team``, docs/operations.md "Team
deployment"): behind an authenticating reverse proxy that names the signed-in user in a
trusted header; the app takes the reviewer from that header and refuses reviews without
one, and may listen on another address (``--address``). In both modes the browser's
connection is refused unless its Host header names an allowed host (Streamlit's
``server.allowedHosts``: a page of another site that rebinds its own name to this address,
DNS rebinding, cannot talk to the app).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

from kb.config import CHECKOUT
from kb.errors import BadInput

APP = CHECKOUT / "ui" / "app.py"
LOOPBACK = "127.0.0.1"
USER_HEADER = "X-Forwarded-User"  # what deploy/nginx-kb.conf sets to the signed-in user


def allowed_hosts(address: str, given: Sequence[str] = ()) -> list[str]:
    """The host names a browser may use to reach the app (ports aside): ``given``, else the
    bound address (on loopback, ``localhost`` too). BadInput for a wildcard address
    without ``given``: no name would be allowed."""
    if given:
        return list(dict.fromkeys(h.strip().lower() for h in given if h.strip()))
    if address in ("0.0.0.0", "::", ""):
        raise BadInput(
            f"--address {address or '(any)'} listens on every interface: name the host readers use with --allowed-host"
        )
    hosts = [address]
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(address).is_loopback:
            hosts.append("localhost")
    return hosts


def check_port(port: int, address: str = LOOPBACK) -> None:
    """BadInput naming the port if the app could not listen on ``address``:``port``: checked
    before ``kb demo`` crawls and ingests (minutes), not after. Bound as Streamlit's server
    binds (SO_REUSEADDR: a port left in TIME_WAIT by an app just stopped is free)."""
    with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address, port))
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:
                raise BadInput(
                    f"--address {address} is not an address of this machine ({exc.strerror}): give one of its "
                    "interfaces' addresses (`ip -brief addr` lists them), or 127.0.0.1 behind a proxy"
                ) from None
            if exc.errno != errno.EADDRINUSE:
                raise BadInput(f"the app cannot listen on {address} port {port}: {exc.strerror}") from None
            other = 8502 if port == 8501 else 8501
            raise BadInput(
                f"port {port} on {address} is not free for the app ({exc.strerror}): another app (a kb ui "
                f"still running?) listens there. Stop it, or choose another port: make run PORT={other}, "
                f"kb demo --ui-port {other}, kb ui --port {other}"
            ) from None


def streamlit_command(
    db: Path,
    port: int,
    *,
    address: str = LOOPBACK,
    team: bool = False,
    user_header: str = USER_HEADER,
    hosts: Sequence[str] = (),
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that serve the app over ``db`` on ``address``:``port``
    (``address`` other than 127.0.0.1 only in team mode); ``hosts`` as :func:`allowed_hosts`."""
    if address != LOOPBACK and not team:
        raise BadInput(f"--address {address} is for team mode: add --team (docs/operations.md, 'Team deployment')")
    env = dict(os.environ, KB_DB=str(Path(db).resolve()), HF_HUB_OFFLINE="1", KB_TEAM="1" if team else "0")
    if team:
        env["KB_USER_HEADER"] = user_header
    argv = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    for host in allowed_hosts(address, hosts):
        argv += ["--server.allowedHosts", host]
    return argv, env


@contextlib.contextmanager
def running(
    db: Path,
    timeout_s: float = 120.0,
    *,
    address: str = LOOPBACK,
    team: bool = False,
    user_header: str = USER_HEADER,
    hosts: Sequence[str] = (),
) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, server process) of the app over ``db`` served in a child process on a free
    port of ``address`` (as :func:`streamlit_command`), once it answers its health check;
    stopped on exit. RuntimeError if it exits or stays silent for ``timeout_s``."""
    with socket.socket() as s:
        s.bind((address, 0))
        port = s.getsockname()[1]
    argv, env = streamlit_command(db, port, address=address, team=team, user_header=user_header, hosts=hosts)
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://{LOOPBACK if address in ('0.0.0.0', '') else address}:{port}"
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
