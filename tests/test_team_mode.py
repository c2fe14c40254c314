"""A team on one instance (docs/operations.md, "Team deployment"): a real nginx, configured by
deploy/nginx-kb.conf (ports, paths and a self-signed certificate substituted), in front of the
real app in team mode; journalists signed in with basic auth, the reviewer taken from the
header the proxy sets, shown with the time on every review; no review without a signed-in
user; and no connection by a host name the app was not told about (DNS rebinding).

nginx is Debian's (``make test`` installs nginx-light and openssl with apt-get, as ``make
browser`` installs chromium); without it, and without apt to install it, the proxy tests skip.
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app as cli
from kb.store.connection import Store
from tests.conftest import ROOT
from tests.test_ui_app import _page
from tests.test_ui_browser import ARGS, CHROMIUM
from tests.test_ui_tracking import SHOTS

SITE = ROOT / "deploy" / "nginx-kb.conf"
NAME = "kb.newsroom.example"  # the sample's server_name, kept: Chromium maps it to 127.0.0.1
USERS = {"alice": "alice-pass-1", "bob": "bob-pass-2"}
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
needs_nginx = pytest.mark.skipif(
    not Path(NGINX).exists() or not shutil.which("openssl"),
    reason="nginx or openssl is not installed: `make test` installs them with apt-get (none here)",
)
WHEN = r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC"  # ui.components.when
runner = CliRunner()


@pytest.fixture
def db(sample_db, tmp_path) -> Path:
    path = tmp_path / "kb.duckdb"
    shutil.copy(sample_db, path)
    return path


def _claim_with_flags(db: Path) -> int:
    with Store(db).read() as con:
        return con.execute(
            "SELECT claim_id FROM claims WHERE text LIKE 'In a report, Gartner estimates that 75%%' ORDER BY claim_id"
        ).fetchone()[0]


def _reviews(db: Path) -> list[tuple]:
    with Store(db).read() as con:
        return con.execute("SELECT reviewer, status, note, reviewed_at FROM reviews ORDER BY reviewed_at").fetchall()


# -- the reviewer in kb (reads, the CLI's JSON) ---------------------------------------------------


def test_flags_latest_review_is_the_newest_reviews_own(db):
    """The flag shows the newest review's reviewer and note, even when they are empty (DuckDB's
    arg_max skips NULLs: an older review's note or reviewer would show)."""
    from kb.api import KB

    kb = KB(db=db)
    flag = kb.flags()[0]
    kb.review(flag.flag_id, "confirmed", "called Gartner", "alice")
    kb.review(flag.flag_id, "needs-checking", None, None)
    latest = next(f for f in kb.flags() if f.flag_id == flag.flag_id)
    assert (latest.status, latest.note, latest.reviewer) == ("needs-checking", None, None)
    kb.review(flag.flag_id, "dismissed", None, "bob")
    latest = next(f for f in kb.flags() if f.flag_id == flag.flag_id)
    assert (latest.status, latest.reviewer) == ("dismissed", "bob") and latest.reviewed_at
    detail = kb.claim(flag.claim_a.claim_id)
    history = detail.reviews[flag.flag_id]
    assert [(r.status, r.reviewer, r.note) for r in history] == [
        ("dismissed", "bob", None),
        ("needs-checking", None, None),
        ("confirmed", "alice", "called Gartner"),
    ]


def _jsonl(*args: str, **env: str) -> list[dict]:
    res = runner.invoke(cli, list(args), env=env or None)
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_cli_review_and_contradictions_json_carry_the_reviewer(db):
    flags = _jsonl("contradictions", "--db", str(db), "--json")
    assert flags and all("reviewer" in f and f["reviewer"] is None for f in flags)
    fid = str(flags[0]["flag_id"])
    (done,) = _jsonl("review", fid, "--status", "confirmed", "--reviewer", "carol", "--db", str(db), "--json")
    assert done["reviewer"] == "carol"
    (done,) = _jsonl("review", fid, "--status", "dismissed", "--db", str(db), "--json", USER="dave")
    assert done["reviewer"] == "dave"  # --reviewer defaults to $USER
    rows = _jsonl("contradictions", "--status", "dismissed", "--db", str(db), "--json")
    assert [(r["flag_id"], r["reviewer"]) for r in rows] == [(int(fid), "dave")]


# -- how the app is started -------------------------------------------------------------------------


@pytest.fixture
def execs(monkeypatch) -> list[tuple[list[str], dict[str, str]]]:
    """What `kb ui` would replace itself with (the exec is recorded, not made)."""
    import kb.cli.ui

    made: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(kb.cli.ui.os, "execvpe", lambda file, argv, env: made.append((argv, env)))
    return made


def test_ui_address_is_for_team_mode_only(tmp_path, execs):
    res = runner.invoke(cli, ["ui", "--address", "0.0.0.0", "--db", str(tmp_path / "kb.duckdb")])
    assert res.exit_code == 2 and "[KB010]" in res.output and "--team" in res.output, res.output
    assert execs == []


@pytest.mark.parametrize(
    ("args", "env", "address", "hosts", "team"),
    [
        pytest.param([], {}, "127.0.0.1", ["127.0.0.1", "localhost"], "0", id="single-user"),
        pytest.param(["--team", "--allowed-host", NAME], {}, "127.0.0.1", [NAME], "1", id="team"),
        pytest.param(["--allowed-host", NAME], {"KB_TEAM": "1"}, "127.0.0.1", [NAME], "1", id="team-from-env"),
        pytest.param(
            ["--team", "--address", "127.0.0.2", "--allowed-host", NAME, "--allowed-host", "kb"],
            {},
            "127.0.0.2",  # another address of this machine (all of 127/8 is loopback)
            [NAME, "kb"],
            "1",
            id="team-elsewhere",
        ),
    ],
)
def test_ui_command_serves_as_asked(tmp_path, execs, args, env, address, hosts, team):
    res = runner.invoke(cli, ["ui", *args, "--db", str(tmp_path / "kb.duckdb")], env=env)
    assert res.exit_code == 0, res.output
    ((argv, child_env),) = execs
    assert argv[argv.index("--server.address") + 1] == address
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--server.allowedHosts"] == hosts
    assert child_env["KB_TEAM"] == team


def test_ui_address_not_on_this_machine_is_named(tmp_path, execs):
    from kb.errors import BadInput

    res = runner.invoke(
        cli, ["ui", "--team", "--address", "192.0.2.7", "--allowed-host", NAME, "--db", str(tmp_path / "kb.duckdb")]
    )
    assert isinstance(res.exception, BadInput), res.output
    assert "192.0.2.7 is not an address of this machine" in res.exception.message
    assert "port" not in res.exception.message  # not the advice for a port in use
    assert execs == []


def test_ui_team_command_binds_and_allows_what_it_is_told(tmp_path):
    from kb.errors import BadInput
    from kb.ops.webapp import streamlit_command

    argv, env = streamlit_command(tmp_path / "kb.duckdb", 8501)
    assert argv[argv.index("--server.address") + 1] == "127.0.0.1" and env["KB_TEAM"] == "0"
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--server.allowedHosts"] == ["127.0.0.1", "localhost"]
    argv, env = streamlit_command(
        tmp_path / "kb.duckdb", 8501, address="10.0.0.5", team=True, hosts=["kb.newsroom.example"], user_header="X-User"
    )
    assert argv[argv.index("--server.address") + 1] == "10.0.0.5"
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--server.allowedHosts"] == ["kb.newsroom.example"]
    assert env["KB_TEAM"] == "1" and env["KB_USER_HEADER"] == "X-User"
    with pytest.raises(BadInput, match="--allowed-host"):
        streamlit_command(tmp_path / "kb.duckdb", 8501, address="0.0.0.0", team=True)
    with pytest.raises(BadInput, match="--team"):
        streamlit_command(tmp_path / "kb.duckdb", 8501, address="0.0.0.0")


# -- the app alone: host names, the listening address, reviews without a user ------------------------


def _handshake(port: int, host: str) -> str:
    """The status line the app answers a WebSocket opening with, for this Host header."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(
            (
                f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
            ).encode()
        )
        return s.recv(4096).decode("latin-1").split("\r\n")[0]


@pytest.mark.parametrize(
    ("team", "allowed", "refused"),
    [
        pytest.param(
            False, ["127.0.0.1", "localhost"], ["evil.example", "attacker.example.com", "127.0.0.2"], id="single-user"
        ),
        pytest.param(True, [NAME], ["evil.example", "127.0.0.1", "localhost"], id="team"),
    ],
)
def test_app_refuses_a_connection_by_another_host_name(sample_db, team, allowed, refused):
    """DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 connects with
    Host: evil.example (and Origin equal to it, which Streamlit alone accepts)."""
    from kb.ops.webapp import running

    with running(sample_db, team=team, hosts=[NAME] if team else ()) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        for host in allowed:
            assert " 101 " in _handshake(port, f"{host}:{port}"), host
        for host in refused:
            assert " 403 " in _handshake(port, f"{host}:{port}"), host


def _outside_address() -> str | None:
    """This machine's address on its default route (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the route
            addr = s.getsockname()[0]
        except OSError:
            return None
    return None if addr.startswith("127.") else addr


def test_team_app_listens_on_loopback_only(sample_db):
    """The header is trusted because only the proxy can connect: the app is not reachable on
    the machine's own address (where a browser could send any X-Forwarded-User)."""
    from kb.ops.webapp import running

    outside = _outside_address()
    with running(sample_db, team=True, hosts=[NAME]) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        if outside is None:
            pytest.skip("this machine has no address but loopback: nothing more to check")
        with pytest.raises(OSError):
            socket.create_connection((outside, port), timeout=5).close()


def test_ui_team_mode_refuses_a_review_without_a_signed_in_user(monkeypatch, db):
    monkeypatch.setenv("KB_TEAM", "1")
    monkeypatch.setenv("USER", "server-account")
    at = _page(monkeypatch, db, claim=str(_claim_with_flags(db)))
    assert any("Not signed in" in w.value for w in at.sidebar.warning)
    next(b for b in at.selectbox if (b.key or "").startswith("status-")).select("confirmed")
    next(b for b in at.get("form_submit_button") if b.label == "Save").click()  # the first flag's Save
    at.run()
    assert not at.exception, at.exception
    assert any("Not saved" in e.value for e in at.error), [e.value for e in at.error]
    assert _reviews(db) == []


def test_ui_single_user_review_is_recorded_and_shown_under_user(monkeypatch, db):
    monkeypatch.setenv("USER", "carol")
    cid = _claim_with_flags(db)
    at = _page(monkeypatch, db, claim=str(cid))
    assert not at.sidebar.warning
    next(b for b in at.selectbox if (b.key or "").startswith("status-")).select("confirmed")
    next(b for b in at.get("form_submit_button") if b.label == "Save").click()  # the first flag's Save
    at.run()
    assert not at.exception, at.exception
    assert [(r[0], r[1]) for r in _reviews(db)] == [("carol", "confirmed")]
    shown = [c.value for c in at.caption]
    assert any(re.fullmatch(rf"\*\*confirmed\*\* by carol · {WHEN}", c) for c in shown), shown
    queue = _page(monkeypatch, db, view="contradictions")  # the queue's card: the latest review
    queue.selectbox(key="status").select("any").run()
    latest = [c.value for c in queue.caption if c.value.startswith("Latest review")]
    assert any(re.fullmatch(rf"Latest review · \*\*confirmed\*\* by carol · {WHEN}", c) for c in latest), latest


# -- the proxy: deploy/nginx-kb.conf with a real nginx ------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _htpasswd(path: Path, users: dict[str, str]) -> Path:
    lines = []
    for user, password in users.items():
        hashed = subprocess.run(
            ["openssl", "passwd", "-6", "-stdin"], input=password, capture_output=True, text=True, check=True
        ).stdout.strip()
        lines.append(f"{user}:{hashed}")
    path.write_text("\n".join(lines) + "\n")
    return path


def _certificate(d: Path) -> tuple[Path, Path]:
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={NAME}",
         "-addext", f"subjectAltName=DNS:{NAME}", "-keyout", str(key), "-out", str(cert)],
        capture_output=True,
        check=True,
    )  # fmt: skip
    return cert, key


def _site(upstream: int, http_port: int, https_port: int, d: Path) -> str:
    """deploy/nginx-kb.conf as shipped, with this test's ports, certificate and password file."""
    cert, key = _certificate(d)
    text = SITE.read_text()
    for old, new in [
        ("listen 80", f"listen 127.0.0.1:{http_port}"),
        ("listen 443", f"listen 127.0.0.1:{https_port}"),
        ("http://127.0.0.1:8501", f"http://127.0.0.1:{upstream}"),
        (f"/etc/letsencrypt/live/{NAME}/fullchain.pem", str(cert)),
        (f"/etc/letsencrypt/live/{NAME}/privkey.pem", str(key)),
        ("/etc/nginx/kb.htpasswd", str(_htpasswd(d / "htpasswd", USERS))),
    ]:
        assert old in text, f"deploy/nginx-kb.conf no longer has {old!r}: update this test with it"
        text = text.replace(old, new)
    return text


@contextlib.contextmanager
def _nginx(upstream: int, d: Path) -> Iterator[tuple[int, int]]:
    """A real nginx over deploy/nginx-kb.conf, in the foreground, on two free ports of
    127.0.0.1: (http port, https port)."""
    http_port, https_port = _free_port(), _free_port()
    (d / "site.conf").write_text(_site(upstream, http_port, https_port, d))
    temp = "".join(f"{kind}_temp_path {d / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (d / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # workers read the test's files under its 0700 tmp dir
        + f"worker_processes 1;\npid {d / 'nginx.pid'};\nerror_log {d / 'error.log'} info;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\naccess_log {d / 'access.log'};\n{temp}include {d / 'site.conf'};\n}}\n"
    )
    proc = subprocess.Popen(
        [NGINX, "-p", str(d), "-c", str(d / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {proc.stderr.read() if proc.stderr else ''}")
                time.sleep(0.1)
        yield http_port, https_port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class _Via(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1:port, introduced (SNI) as ``sni``; the certificate is not checked."""

    def __init__(self, port: int, sni: str = NAME) -> None:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        super().__init__(sni, port, timeout=10, context=context)

    def connect(self) -> None:
        raw = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def _get(port: int, host: str = NAME, user: str | None = None, password: str | None = None, **headers: str):
    import base64

    conn = _Via(port)
    if user:
        token = base64.b64encode(f"{user}:{password or USERS[user]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    conn.request("GET", "/", headers={"Host": host, **headers})
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res.status, dict(res.getheaders()), body


@contextlib.contextmanager
def _echo() -> Iterator[tuple[int, list[dict[str, list[str]]]]]:
    """An upstream that records the headers of each request it gets (what the app would see)."""
    seen: list[dict[str, list[str]]] = []

    class Echo(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            headers: dict[str, list[str]] = {}
            for k, v in self.headers.items():
                headers.setdefault(k.lower(), []).append(v)
            seen.append(headers)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()


@needs_nginx
def test_proxy_signs_in_and_passes_only_its_own_user_header(tmp_path):
    """What reaches the app through deploy/nginx-kb.conf: nothing without a valid password (401);
    with one, exactly one X-Forwarded-User, the signed-in user's, whatever the browser sent
    under that name; never the password; never another host name."""
    with _echo() as (upstream, seen), _nginx(upstream, tmp_path) as (http_port, https_port):
        assert _get(https_port)[0] == 401
        assert _get(https_port, user="alice", password="wrong")[0] == 401
        assert _get(https_port, **{"X-Forwarded-User": "alice"})[0] == 401  # a header is no sign-in
        assert seen == [], "a request without a valid password reached the app"

        status, _, body = _get(https_port, user="alice", **{"X-Forwarded-User": "mallory"})
        assert (status, body) == (200, b"ok")
        status, _, _ = _get(https_port, user="bob", **{"x-forwarded-user": "alice"})
        assert status == 200
        assert [h["x-forwarded-user"] for h in seen] == [["alice"], ["bob"]]
        assert all("authorization" not in h for h in seen)
        assert [h["host"] for h in seen] == [[NAME], [NAME]]

        with pytest.raises((ConnectionError, http.client.RemoteDisconnected)):
            _get(https_port, host="evil.example", user="alice")  # the right name for TLS, another in Host
        with pytest.raises(ssl.SSLError):
            conn = _Via(https_port, sni="evil.example")
            conn.request("GET", "/")
        assert len(seen) == 2

        plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
        plain.request("GET", "/claim?claim=1", headers={"Host": NAME})
        res = plain.getresponse()
        assert res.status == 301 and res.getheader("Location") == f"https://{NAME}/claim?claim=1"
        plain.close()


@needs_nginx
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (run `make browser`)")
def test_team_two_journalists_review_through_the_proxy(db, tmp_path):
    """alice and bob sign in through nginx in Chromium, each reviews the same flag, and the claim
    page shows both reviews with who and when; a browser without credentials gets 401."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright

    from kb.ops.webapp import running

    cid = _claim_with_flags(db)
    verdicts = {"alice": ("confirmed", "Gartner's release says 60%"), "bob": ("needs-checking", "ask the analyst")}
    with (
        running(db, team=True, hosts=[NAME], timeout_s=90) as (app_url, _),
        _nginx(int(app_url.rsplit(":", 1)[1]), tmp_path) as (_, https_port),
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=[*ARGS, f"--host-resolver-rules=MAP {NAME} 127.0.0.1"]
        )
        base = f"https://{NAME}:{https_port}"

        for credentials in (None, {"username": "alice", "password": "wrong"}):
            stranger = browser.new_context(ignore_https_errors=True, http_credentials=credentials)
            try:  # nginx's 401: the page stops there, or the navigation fails for want of a password
                response = stranger.new_page().goto(f"{base}/?claim={cid}")
                assert response is not None and response.status == 401, credentials
            except PlaywrightError as exc:
                assert "ERR_INVALID_AUTH_CREDENTIALS" in str(exc), exc
            stranger.close()

        for user, (status, note) in verdicts.items():
            context = browser.new_context(
                ignore_https_errors=True,
                http_credentials={"username": user, "password": USERS[user]},
                # a forged identity header: the proxy replaces it
                extra_http_headers={"X-Forwarded-User": "mallory"},
                viewport={"width": 1400, "height": 2400},
            )
            page = context.new_page()
            page.goto(f"{base}/?claim={cid}")
            expect(page.get_by_text(f"Signed in as {user}")).to_be_visible(timeout=90_000)
            expect(page.get_by_text("Figures disagree").first).to_be_visible(timeout=60_000)
            form = (
                page.locator("[data-testid=stForm]")
                .filter(has=page.get_by_placeholder("what you checked, with whom"))
                .first
            )
            form.locator("[data-testid=stSelectbox]").first.click()
            page.get_by_role("option", name=status, exact=True).click()
            form.get_by_placeholder("what you checked, with whom").fill(note)
            form.get_by_role("button", name="Save").click()
            expect(page.get_by_text(re.compile(rf"^{status} by {user} · {WHEN}")).first).to_be_visible(timeout=60_000)
            context.close()

        context = browser.new_context(
            ignore_https_errors=True,
            http_credentials={"username": "alice", "password": USERS["alice"]},
            viewport={"width": 1400, "height": 1000},
        )
        page = context.new_page()
        page.goto(f"{base}/?claim={cid}")
        expect(page.get_by_text("Figures disagree").first).to_be_visible(timeout=90_000)
        for user, (status, note) in verdicts.items():
            line = page.get_by_text(re.compile(rf"^{status} by {user} · {WHEN} · note: {re.escape(note)}$")).first
            expect(line).to_be_visible(timeout=30_000)
        line.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "team-reviews.png"))
        browser.close()

    rows = _reviews(db)
    assert [(r[0], r[1], r[2]) for r in rows] == [("alice", *verdicts["alice"]), ("bob", *verdicts["bob"])]
    assert all(r[3] is not None for r in rows)
