"""Snapshots kept in SQLite between runs, keyed by everything they depend on.

The key is the sha256 of the book's content and of every file it includes, the as-of date,
the plan's targets and the engine's version with the snapshot schema's. A snapshot holds every
basis, so a rerun with another ``--basis`` reuses it. Only the parent process opens the
database: workers compute, the parent reads and writes.
"""

from __future__ import annotations

import datetime
import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import platformdirs

import ledger_engine
from ledger_engine.rollup.snapshot import SCHEMA_VERSION
from ledger_engine.targets import Plan

DB_NAME = "snapshots.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS snapshot (
    key TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    as_of TEXT NOT NULL,
    json TEXT NOT NULL
)
"""


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("ledger-engine"))


def engine_version() -> str:
    return f"{ledger_engine.__version__}+snapshot{SCHEMA_VERSION}"


def snapshot_key(digest: str, as_of: datetime.date, plan: Plan) -> str:
    parts = (digest, as_of.isoformat(), plan.model_dump_json(), engine_version())
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class SnapshotCache:
    """A small SQLite store of snapshot JSON by key."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / DB_NAME
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        self._db.commit()

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        # SQLite caps the number of bound parameters per statement.
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, json FROM snapshot WHERE key IN ({marks})", chunk
            )
            found.update(dict(rows.fetchall()))
        return found

    def put_many(self, rows: Iterable[tuple[str, str, datetime.date, str]]) -> None:
        """Store (key, path, as_of, json) rows in one transaction."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO snapshot (key, path, as_of, json) VALUES (?,?,?,?)",
                [(key, path, as_of.isoformat(), text) for key, path, as_of, text in rows],
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SnapshotCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
