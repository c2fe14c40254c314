"""A journalist's verdict on a flag: confirmed, dismissed, needs-checking (or open again).

Reviews are appended, never updated, keyed by the flag's stable key (kb.tracking.keys):
they survive re-ingestion, re-detection and ``kb track --rebuild``; the newest counts.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kb.errors import BadInput
from kb.read.flags import check_status
from kb.read.types import Review
from kb.store.connection import Store


def review(store: Store, flag_id: int, status: str, note: str | None = None, reviewer: str | None = None) -> Review:
    """Record a verdict on flag ``flag_id``."""
    check_status(status)
    with store.write() as con:
        row = con.execute("SELECT flag_key FROM contradictions WHERE flag_id = ?", [flag_id]).fetchone()
        if row is None:
            raise BadInput(f"no flag {flag_id}: list them with `kb contradictions`")
        now = datetime.now(UTC)
        con.execute("INSERT INTO reviews VALUES (?, ?, ?, ?, ?)", [row[0], status, note, reviewer, now])
    return Review(flag_id=flag_id, flag_key=row[0], status=status, note=note, reviewed_at=now, reviewer=reviewer)
