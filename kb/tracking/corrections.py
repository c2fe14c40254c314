"""A journalist's correction of a claim's speaker: another named person or organisation, no
speaker at all (the reporter's own sentence), or back to the speaker the pipeline read.

Stored as reviews are (kb.tracking.reviews): appended, never updated, with who, when and a
note, keyed by the claim's stable key (kb.tracking.keys.claim_key), so a correction outlives
re-ingestion and ``kb track --rebuild`` and applies to the same sentence in a later version of
the article; the newest counts. The extracted speaker is never overwritten: the read side
applies the correction in force wherever a speaker is read (kb.store.schema).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import duckdb

from kb.errors import BadInput
from kb.names import clean_name, entity_key
from kb.read.claims import hydrate
from kb.read.corrections import entity_named
from kb.read.entities import entity_profile, near_entity_names
from kb.read.types import ClaimHit, SpeakerCorrection
from kb.store.connection import Store, scalar

#: what a new name can be added as
NEW_SPEAKER_TYPES = {"person": "PERSON", "org": "ORG"}
MAX_NAME_CHARS = 200


def correct_speaker(
    store: Store,
    claim_id: int,
    to: str | None,
    note: str | None = None,
    corrector: str | None = None,
    new: str | None = None,
) -> SpeakerCorrection:
    """Make ``to`` the speaker of claim ``claim_id`` (None: no speaker, the reporter's own
    sentence). ``to`` must be a stored person's or organisation's name or alias (any case),
    unless ``new`` ("person" or "org") says to add it as a new entity."""
    if new is not None and new not in NEW_SPEAKER_TYPES:
        raise BadInput(f"unknown kind of name {new!r}: choose from {', '.join(NEW_SPEAKER_TYPES)}")
    name = clean_name(to) if to is not None else None
    if to is not None and not name:
        raise BadInput("the new speaker's name is empty: give a name, or choose no speaker")
    if name is not None and (len(name) > MAX_NAME_CHARS or not name.isprintable()):
        raise BadInput(f"the new speaker's name is not a name (at most {MAX_NAME_CHARS} printable characters)")
    with store.write() as con:
        key, before, extracted = _claim(con, claim_id)
        if name is None:
            if before.speaker is None:
                raise BadInput(f"claim {claim_id} already has no speaker: nothing to correct")
            return _append(con, claim_id, key, "none", None, None, before.speaker, extracted, note, corrector)
        found = entity_named(con, name)
        if found is None:
            if new is None:
                raise BadInput(_unknown(con, name))
            found = _add_entity(con, name, NEW_SPEAKER_TYPES[new])
        eid, ekey, ename = found
        if before.speaker == ename:
            raise BadInput(f"claim {claim_id}'s speaker is already {ename}: nothing to correct")
        return _append(con, claim_id, key, "speaker", ekey, ename, before.speaker, extracted, note, corrector)


def revert_speaker(
    store: Store, claim_id: int, note: str | None = None, corrector: str | None = None
) -> SpeakerCorrection:
    """Back to the speaker the pipeline read (recorded too: the history keeps every step)."""
    with store.write() as con:
        key, before, extracted = _claim(con, claim_id)
        if not before.speaker_corrected:
            raise BadInput(f"claim {claim_id}'s speaker is not corrected: nothing to revert")
        return _append(con, claim_id, key, "revert", None, None, before.speaker, extracted, note, corrector)


def _claim(con: duckdb.DuckDBPyConnection, claim_id: int) -> tuple[str, ClaimHit, str | None]:
    """The claim's stable key, the claim as readers see it now, and the speaker the pipeline read."""
    hit = hydrate(con, [claim_id]).get(claim_id)
    if hit is None:
        raise BadInput(f"no claim {claim_id}: find claims and their ids with `kb search` or `kb claims`")
    row = con.execute(
        "SELECT c.claim_key, coalesce(x.name, c.speaker_text) FROM claims c "
        "LEFT JOIN entities x ON x.entity_id = c.speaker_entity_id WHERE c.claim_id = ?",
        [claim_id],
    ).fetchone()
    if row is None or row[0] is None:  # keys are given by fact tracking, at the end of every ingest
        raise BadInput(f"claim {claim_id} has no stable key yet: run `kb track`, then correct it")
    return row[0], hit, row[1]


def _unknown(con: duckdb.DuckDBPyConnection, name: str) -> str:
    near = near_entity_names(con, name)
    prof = entity_profile(con, name)  # a part of a name ("Sutskever"'s "Ilya") finds its entity
    if prof is not None and prof.name not in near:
        near.insert(0, prof.name)
    hint = f"did you mean {', '.join(near)}? " if near else ""
    return (
        f"no person or organisation is called {name!r} (by name or alias): {hint}give a stored name, "
        "or add it as a new name (`--new person` or `--new org`; in the app, 'add as a new name')"
    )


def _add_entity(con: duckdb.DuckDBPyConnection, name: str, type_: str) -> tuple[int, str, str]:
    """A new entity for a name no article named (yet); the same key an article naming it
    would give, so a later ingest of such an article joins it."""
    key = entity_key(name, type_)
    row = con.execute("SELECT entity_id, key, name FROM entities WHERE key = ?", [key]).fetchone()
    if row is not None:  # the same name up to accents and punctuation
        return row[0], row[1], row[2]
    eid = scalar(con, "SELECT coalesce(max(entity_id), 0) + 1 FROM entities")
    con.execute(
        "INSERT INTO entities (entity_id, key, name, type, aliases) VALUES (?, ?, ?, ?, [])", [eid, key, name, type_]
    )
    return eid, key, name


def _append(
    con: duckdb.DuckDBPyConnection,
    claim_id: int,
    key: str,
    action: str,
    entity: str | None,
    name: str | None,
    previous: str | None,
    extracted: str | None,
    note: str | None,
    corrector: str | None,
) -> SpeakerCorrection:
    now = datetime.now(UTC)
    last = scalar(con, "SELECT max(corrected_at) FROM speaker_corrections WHERE claim_key = ?", [key])
    if last is not None and now <= last:  # the newest must stay the newest (a clock step, a fast double click)
        now = last + timedelta(microseconds=1)
    note = (note or "").strip() or None
    corrector = (corrector or "").strip() or None
    con.execute(
        "INSERT INTO speaker_corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [key, action, entity, name, previous, note, corrector, now],
    )
    return SpeakerCorrection(claim_id, key, action, name, previous, extracted, note, corrector, now)
