"""Snapshots kept in SQLite between runs, keyed by everything they depend on.

The key is the sha256 of the book's content and of every file it includes, the as-of date,
the plan's targets, and the program itself: its version, the snapshot schema's, and a digest
of every source and data file of the packages that make figures (``ledger_engine``,
``reports``, ``importers``). A snapshot stored by one build is never served by another, even
when a change to the code left the version number alone. A snapshot holds every basis, so a
rerun with another ``--basis`` reuses it. Beside the snapshots, the store keeps what each
book file held when last read, so that a rerun reads only the files that changed
(``ledger_engine.rollup.books``). Only the parent process opens the database: workers
compute, the parent reads and writes.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.util
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import ledger_engine
from ledger_engine.rollup.snapshot import SCHEMA_VERSION
from ledger_engine.targets import Plan

DB_NAME = "snapshots.sqlite3"
#: The packages whose code makes the figures a snapshot holds.
FIGURE_PACKAGES = ("ledger_engine", "reports", "importers")
_NOT_CODE = {"__pycache__"}
_SCHEMA = (
    # Each snapshot whole, and without its trace (the members and loans behind the
    # counts): what the coverage report reads, a third of the time to parse.
    """
CREATE TABLE IF NOT EXISTS club_snapshot (
    key TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    as_of TEXT NOT NULL,
    json TEXT NOT NULL,
    untraced TEXT NOT NULL
)
""",
    # The table of earlier builds, whose snapshots no key of this one can name.
    "DROP TABLE IF EXISTS snapshot",
    # What each book file held when last read (``ledger_engine.rollup.books``).
    """
CREATE TABLE IF NOT EXISTS book_file (
    path TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    sha TEXT NOT NULL,
    includes TEXT NOT NULL
)
""",
)


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("ledger-engine"))


def source_digest(roots: Iterable[Path]) -> str:
    """sha256 of every file under ``roots`` (names relative to their root, and contents),
    in a stable order; compiled caches and hidden files are left out."""
    digest = hashlib.sha256()
    for root in roots:
        digest.update(root.name.encode("utf-8") + b"\0")
        for name, path in sorted(_code_files(str(root))):
            digest.update(name.encode("utf-8") + b"\0")
            with open(path, "rb") as file:
                digest.update(file.read())
            digest.update(b"\0")
    return digest.hexdigest()


def _code_files(root: str) -> Iterator[tuple[str, str]]:
    """(name relative to ``root`` with forward slashes, full path) of each file that counts.

    ``os.walk`` rather than ``Path.rglob``: the digest is taken on every run, and this is a
    few times quicker."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [f for f in subfolders if f not in _NOT_CODE]
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        for name in files:
            if not name.startswith(".") and not name.endswith(".pyc"):
                yield prefix + name, os.path.join(folder, name)


def package_roots(names: Sequence[str] = FIGURE_PACKAGES) -> list[Path]:
    """Where the installed packages' files are (found without importing them)."""
    roots: list[Path] = []
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            roots.extend(Path(folder) for folder in spec.submodule_search_locations)
    return roots


@functools.cache
def code_digest() -> str:
    """The digest of this program's figure-making code, computed once per process."""
    return source_digest(package_roots())


def engine_version() -> str:
    """The program as the cache knows it: version, snapshot schema and code digest."""
    return f"{ledger_engine.__version__}+snapshot{SCHEMA_VERSION}+code.{code_digest()}"


def snapshot_key(digest: str, as_of: datetime.date, plan: Plan) -> str:
    parts = (digest, as_of.isoformat(), plan.model_dump_json(), engine_version())
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


#: What is stored of a snapshot: key, path, as-of date, its JSON, and its JSON untraced.
Row = tuple[str, str, datetime.date, str, str]


class SnapshotCache:
    """A small SQLite store of snapshot JSON by key."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / DB_NAME
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._db.commit()

    def present(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` the store holds (their texts are not read)."""
        found: set[str] = set()
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key FROM club_snapshot WHERE key IN ({marks})", chunk
            )
            found.update(key for (key,) in rows)
        return found

    def texts(self, keys: Iterable[str], trace: bool = True) -> Iterator[tuple[str, str]]:
        """(key, json) of those of ``keys`` the store holds, one row at a time: a province's
        snapshots are never all in memory at once. ``trace=False``: without the trace."""
        column = "json" if trace else "untraced"
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(
                f"SELECT key, {column} FROM club_snapshot WHERE key IN ({marks})", chunk
            )

    def put_many(self, rows: Iterable[Row]) -> None:
        """Store (key, path, as_of, json, json without the trace) rows in one transaction."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO club_snapshot (key, path, as_of, json, untraced) "
                "VALUES (?,?,?,?,?)",
                [
                    (k, path, day.isoformat(), whole, bare)
                    for k, path, day, whole, bare in rows
                ],
            )

    def recall(self, path: str, state: str) -> tuple[str, list[str]] | None:
        row = self._db.execute(
            "SELECT sha, includes FROM book_file WHERE path = ? AND state = ?",
            (path, state),
        ).fetchone()
        return None if row is None else (row[0], json.loads(row[1]))

    def remember(self, path: str, state: str, sha: str, includes: list[str]) -> None:
        """Kept with the next write, or when the store is closed."""
        self._db.execute(
            "INSERT OR REPLACE INTO book_file (path, state, sha, includes) VALUES (?,?,?,?)",
            (path, state, sha, json.dumps(includes)),
        )

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def __enter__(self) -> SnapshotCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _chunks(keys: list[str]) -> Iterator[list[str]]:
    # SQLite caps the number of bound parameters per statement.
    for start in range(0, len(keys), 500):
        yield keys[start : start + 500]
