"""Bulk row writes inside a :meth:`kb.store.connection.Store.write` transaction, through
Arrow: one statement per table per batch. Values are data, never SQL; the table and column
names come from our code, never from input."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa


def insert(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], casts: dict[str, str] | None = None
) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``; ``casts`` maps a column to
    the SQL type its values are cast to (``FLOAT[384]`` for embeddings)."""
    if not rows:
        return
    cols = list(rows[0])
    select = ", ".join(f"CAST({c} AS {casts[c]})" if casts and c in casts else c for c in cols)
    con.register("_kb_rows", pa.Table.from_pylist(rows))
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM _kb_rows")
    finally:
        con.unregister("_kb_rows")


def update(con: duckdb.DuckDBPyConnection, table: str, key: str, rows: list[dict[str, Any]]) -> None:
    """Set columns of ``table`` from ``rows`` (dicts with ``key`` and the columns to set)."""
    if not rows:
        return
    cols = [c for c in rows[0] if c != key]
    con.register("_kb_updates", pa.Table.from_pylist(rows))
    try:
        sets = ", ".join(f"{c} = u.{c}" for c in cols)
        con.execute(f"UPDATE {table} SET {sets} FROM _kb_updates u WHERE {table}.{key} = u.{key}")
    finally:
        con.unregister("_kb_updates")
