"""The audit of every write that reaches a book through the server.

Before a write the guard takes the book's in-process write lock and keeps the bytes of every
file of the book; after it, each file that changed gets one line in ``audit.log`` (what was
added and removed, the vouchers, sha256 before and after). Whatever wrote it — Fava's editor,
Fava's import, the meeting page — is covered the same way, and a write that failed or
changed nothing leaves no line. Entries added through Fava's import carry
``recorded_by: "<user>"`` like those the meeting page writes.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import request

from ledger_engine.access import audit
from ledger_engine.access.users import User

RECORDED_BY = "recorded_by"
#: What a write through each endpoint is called in the trail.
WHAT = {
    "json_api.put_source": "editor",
    "json_api.put_source_slice": "editor",
    "json_api.delete_source_slice": "editor",
    "json_api.put_add_entries": "import",
    "json_api.put_attach_document": "document",
    "extension_endpoint": "meeting",
}

_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def book_write_lock(book: Path) -> threading.Lock:
    """One writer at a time per book within the server, so "before" and "after" belong to
    the same write (the book's file lock keeps other programs out)."""
    with _locks_guard:
        return _locks.setdefault(book, threading.Lock())


@dataclass
class PendingWrite:
    """A write in progress: who, where, when, and the files as they were before it."""

    user: User
    club: str
    book: Path
    when: datetime.datetime
    what: str
    before: dict[Path, bytes]
    lock: threading.Lock

    def finish(self) -> list[audit.AuditLine]:
        """One audit line per file the write changed."""
        written: list[audit.AuditLine] = []
        for path, old in self.before.items():
            new = path.read_bytes() if path.exists() else b""
            if new == old:
                continue
            change = audit.describe_change(_text(old), _text(new))
            written.append(
                audit.append_write(
                    self.book,
                    file=path,
                    user=self.user.name,
                    role=self.user.role.value,
                    club=self.club,
                    vouchers=change.vouchers,
                    entry_count=change.added,
                    removed=change.removed,
                    sha_before=hashlib.sha256(old).hexdigest(),
                    sha_after=hashlib.sha256(new).hexdigest(),
                    when=self.when,
                    what=self.what,
                )
            )
        return written


def begin_write(
    user: User,
    clubs: frozenset[str],
    ledger: Any,
    endpoint: str | None,
    when: datetime.datetime,
) -> PendingWrite:
    """Take the book's write lock and keep its files' bytes; mark imported entries."""
    book = Path(ledger.beancount_file_path)
    lock = book_write_lock(book)
    lock.acquire()
    try:
        files = [Path(p) for p in ledger.options["include"]] or [book]
        before = {path: path.read_bytes() for path in files if path.exists()}
    except BaseException:
        lock.release()
        raise
    if endpoint == "json_api.put_add_entries":
        _mark_recorded_by(user.name)
    what = WHAT.get(endpoint or "", f"{request.method} {request.path}")
    return PendingWrite(user, ",".join(sorted(clubs)), book, when, what, before, lock)


def _mark_recorded_by(name: str) -> None:
    # Flask keeps the parsed body: Fava's handler reads the same, now marked, entries.
    payload = request.get_json(silent=True)
    entries = payload.get("entries") if isinstance(payload, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("meta"), dict):
            entry["meta"][RECORDED_BY] = name


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")
