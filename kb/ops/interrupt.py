"""SIGTERM and SIGINT for in-process jobs (``kb ingest``, the ingest step of ``kb nightly``).

Python's default SIGTERM ends the process without unwinding anything; a systemd stop or a
``kill`` then leaves no message. Under :func:`stop_on_signals` either signal raises
:class:`Interrupted` at once, where the job is: a batch being written is rolled back by
its transaction (``Store.write``), batches already committed stay, and the re-run skips
them (ingest is idempotent by WARC-Record-ID). The CLI prints the message and exits
128 + the signal number (130 SIGINT, 143 SIGTERM), as a shell would.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Interrupted(BaseException):
    """Like KeyboardInterrupt, a BaseException: no ``except Exception`` on the way (a
    library's fallback, a retry loop) may swallow the stop."""

    def __init__(self, message: str, signum: int) -> None:
        super().__init__(message)
        self.message = message
        self.signum = signum

    def __str__(self) -> str:
        return self.message

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


@contextmanager
def stop_on_signals(
    job: str, undone: str = "the batch in progress was rolled back, committed batches are kept"
) -> Iterator[None]:
    """Turn SIGTERM/SIGINT into :class:`Interrupted` inside the block (main thread only;
    elsewhere, e.g. under Streamlit, the block runs with the handlers it has). The handlers
    in place before are restored after it (the CLI runs in-process under tests too)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    received: list[int] = []

    def interrupted(signum: int) -> Interrupted:
        return Interrupted(f"{job} stopped by {signal.Signals(signum).name}: {undone}; run it again to finish", signum)

    def handler(signum, _frame) -> None:
        for s in SIGNALS:  # a second signal during the unwinding must not interrupt the rollback
            signal.signal(s, signal.SIG_IGN)
        received.append(signum)
        raise interrupted(signum)

    old = {s: signal.signal(s, handler) for s in SIGNALS}
    try:
        yield
    except Interrupted:
        raise
    except BaseException as exc:
        # DuckDB runs Python signal handlers while a query executes and turns what they
        # raise into "RuntimeError: Query interrupted": still our stop, not a crash.
        if received:
            raise interrupted(received[0]) from exc
        raise
    finally:
        for s, h in old.items():
            signal.signal(s, h)
