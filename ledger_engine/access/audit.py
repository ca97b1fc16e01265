"""The audit trail: ``audit.log`` beside the book, one JSON line per write.

Each line says when (the server's clock at the request), who (user, role, club), which file,
what was written (the vouchers, how many entries were added and removed) and the file's
sha256 before and after. The lines form two chains:

- per file, each line's ``sha256_before`` is the previous line's ``sha256_after``, and the
  file on disk hashes to the last ``sha256_after``: any other change to the book was made
  outside the program (an editor, a copy over it) and :func:`verify` says so, with when it
  was detected;
- each line carries ``prev``, the sha256 of the line before it, so a line removed from or
  changed in the log itself breaks the chain too.

Several books in one folder share the folder's ``audit.log``; each line names its file,
relative to the book's folder (a file the book includes from a subfolder is traced in the
book's log).
"""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import itertools
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from beancount.core import compare, data
from beancount.parser import parser
from pydantic import BaseModel, ConfigDict, ValidationError

from ledger_engine.i18n import _

LOG_NAME = "audit.log"


class AuditLine(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    time: datetime.datetime
    user: str
    role: str
    club: str
    file: str
    what: str = ""
    vouchers: tuple[str, ...] = ()
    entries: int
    removed: int = 0
    sha256_before: str
    sha256_after: str
    prev: str = ""


@dataclass(frozen=True)
class Finding:
    """A change to a book that the trail does not explain (or a damaged trail)."""

    file: str
    message: str


@dataclass(frozen=True)
class Trail:
    lines: tuple[AuditLine, ...]
    findings: tuple[Finding, ...]

    @property
    def intact(self) -> bool:
        return not self.findings


def log_path(book: Path) -> Path:
    return book.parent / LOG_NAME


def sha256_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def _file_name(book: Path, path: Path) -> str:
    """How a line names a file: relative to the book's folder (where the log is)."""
    return os.path.relpath(path, book.parent)


# --- what was written -------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    vouchers: tuple[str, ...]
    added: int
    removed: int


def describe_change(before: str, after: str) -> Change:
    """The entries added and removed between two texts of a book file, and the vouchers
    they carry (entries compared without their line numbers)."""
    old_entries, new_entries = _entries(before), _entries(after)
    old = Counter(key for key, _entry in old_entries)
    new = Counter(key for key, _entry in new_entries)
    added, removed = new - old, old - new
    entries = dict(old_entries + new_entries)
    vouchers = {
        str(entries[key].meta["voucher"])
        for key in (added + removed)
        if "voucher" in (entries[key].meta or {})
    }
    return Change(tuple(sorted(vouchers)), sum(added.values()), sum(removed.values()))


def _entries(text: str) -> list[tuple[str, data.Directive]]:
    """The entries of a text with their content hashes."""
    parsed, _errors, _options = parser.parse_string(text)
    return [(compare.hash_entry(e, exclude_meta=True), e) for e in parsed]


# --- writing ----------------------------------------------------------------------------


def append_write(
    book_path: Path,
    *,
    user: str,
    role: str,
    club: str,
    vouchers: Sequence[str],
    entry_count: int,
    sha_before: str,
    sha_after: str,
    when: datetime.datetime,
    removed: int = 0,
    what: str = "",
    file: Path | None = None,
) -> AuditLine:
    """Append one line to the trail of ``book_path`` for a write to the book itself or to
    ``file``, one of the files it includes."""
    log = log_path(book_path)
    with open(log, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.seek(0)
        previous = [line for line in handle.read().splitlines() if line.strip()]
        line = AuditLine(
            time=when,
            user=user,
            role=role,
            club=club,
            file=_file_name(book_path, file or book_path),
            what=what,
            vouchers=tuple(vouchers),
            entries=entry_count,
            removed=removed,
            sha256_before=sha_before,
            sha256_after=sha_after,
            prev=_line_hash(previous[-1]) if previous else "",
        )
        handle.seek(0, 2)
        handle.write(line.model_dump_json() + "\n")
        handle.flush()
    return line


def _line_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- reading and checking ---------------------------------------------------------------


def verify(
    book_path: Path,
    *,
    files: Iterable[Path] = (),
    now: datetime.datetime | None = None,
) -> Trail:
    """The trail of ``book_path`` (and of ``files`` it includes), and every change to them
    that it does not explain. ``now`` is when the check runs, reported as the time of
    detection for a file that differs from its last recorded state."""
    log = log_path(book_path)
    raw = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    parsed, findings = _parse(log, raw)
    wanted = {_file_name(book_path, f) for f in (book_path, *files)}
    lines = tuple(line for line in parsed if line.file in wanted)
    for name in sorted(wanted):
        own = [line for line in lines if line.file == name]
        findings += _chain_findings(log.parent, name, own, now)
    return Trail(lines, tuple(findings))


ACCEPTED = "accepted"


def accept_current(
    book_path: Path,
    *,
    files: Iterable[Path] = (),
    user: str,
    reason: str,
    when: datetime.datetime,
) -> list[AuditLine]:
    """Record that ``user`` accepts the book as it is now, for ``reason`` (a change made
    with the command line, say): one line per file that differs from its last recorded
    state, so the trail explains it from here on and keeps who accepted it and why."""
    trail = verify(book_path, files=files)
    accepted: list[AuditLine] = []
    for path in (book_path, *files):
        name = _file_name(book_path, path)
        own = [line for line in trail.lines if line.file == name]
        current = sha256_of(path)
        if not own or own[-1].sha256_after == current:
            continue
        line = append_write(
            book_path,
            file=path,
            user=user,
            role="local",
            club=own[-1].club,
            vouchers=(),
            entry_count=0,
            sha_before=own[-1].sha256_after,
            sha_after=current,
            when=when,
            what=f"{ACCEPTED}: {reason}",
        )
        accepted.append(line)
    return accepted


def _parse(log: Path, raw: list[str]) -> tuple[list[AuditLine], list[Finding]]:
    lines: list[AuditLine] = []
    findings: list[Finding] = []
    previous = ""
    for number, text in enumerate(raw, start=1):
        if not text.strip():
            continue
        try:
            line = AuditLine.model_validate(json.loads(text))
        except (ValueError, ValidationError) as error:
            findings.append(Finding(log.name, f"{log}:{number}: {error}"))
            previous = _line_hash(text)
            continue
        if line.prev != previous:
            findings.append(Finding(log.name, _log_broken(log, number)))
        previous = _line_hash(text)
        lines.append(line)
    return lines, findings


def _log_broken(log: Path, number: int) -> str:
    return _(
        "{log}:{line}: the trail itself was changed: this line does not follow the one "
        "before it (a line was removed or edited)"
    ).format(log=log, line=number)


def _chain_findings(
    folder: Path, name: str, lines: list[AuditLine], now: datetime.datetime | None
) -> list[Finding]:
    findings: list[Finding] = []
    for earlier, later in itertools.pairwise(lines):
        if later.sha256_before != earlier.sha256_after:
            message = _(
                "{file} was changed outside the program between {since} and {until} "
                "(detected at the write of {until} by {user})"
            ).format(
                file=name,
                since=_when(earlier.time),
                until=_when(later.time),
                user=later.user,
            )
            findings.append(Finding(name, message))
    path = folder / name
    if lines and sha256_of(path) != lines[-1].sha256_after:
        findings.append(Finding(name, _outside_now(path, name, lines[-1], now)))
    return findings


def _outside_now(
    path: Path, name: str, last: AuditLine, now: datetime.datetime | None
) -> str:
    modified = (
        _when(datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC))
        if path.exists()
        else _("deleted")
    )
    return _(
        "{file} was changed outside the program after the last recorded write "
        "({since}); file modified {modified}; detected {detected}"
    ).format(
        file=name,
        since=_when(last.time),
        modified=modified,
        detected=_when(now) if now is not None else "-",
    )


def _when(moment: datetime.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="seconds")
