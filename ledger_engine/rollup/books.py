"""What a club book's content is for the cache: the book and every file it includes.

Which files are books is ``ledger_engine.discovery``'s answer, shared with ``serve``.

A rerun need not read the books that did not change: given what was learnt of each file the
last time (``KnownFiles``, kept by the snapshot cache), a file whose size, times and inode are
as they were then is not read again. Like Git's index, a file changed within the last
moments is never taken on its times alone: a second write in the same tick of the clock
could leave them as they were.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Protocol

from ledger_engine.discovery import expand_includes, include_patterns

#: A file changed less than this long before it is read is read again on the next run.
SETTLED_NS = 2_000_000_000


class KnownFiles(Protocol):
    """What was learnt of each file the last time it was read, by what ``os.stat`` said."""

    def recall(self, path: str, state: str) -> tuple[str, list[str]] | None:
        """(sha256 of the content, include patterns) of ``path`` when it was in ``state``."""

    def remember(self, path: str, state: str, sha: str, includes: list[str]) -> None: ...


def book_digest(path: str | os.PathLike[str], known: KnownFiles | None = None) -> str:
    """sha256 of the book and every file it includes, recursively (each file by its name
    and the sha256 of its content).

    Raises ``OSError`` when the book itself cannot be read; an include that cannot be read
    counts as missing, so the digest changes when it appears.
    """
    top = Path(path).resolve()
    digest = hashlib.sha256()
    seen: set[Path] = set()
    pending = [top]
    while pending:
        current = pending.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            sha, patterns = _file_digest(current, known)
        except OSError:
            if current == top:
                raise
            digest.update(b"missing\0" + _name(current, top) + b"\0")
            continue
        digest.update(_name(current, top) + b"\0" + sha.encode("ascii") + b"\0")
        pending.extend(p.resolve() for p in expand_includes(current, patterns))
    return digest.hexdigest()


def file_state(path: Path) -> tuple[str, os.stat_result]:
    """What ``os.stat`` says of a file, as one string: size, times and inode."""
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}", st


def _file_digest(path: Path, known: KnownFiles | None) -> tuple[str, list[str]]:
    """sha256 of a file's content and its include patterns; recalled when the file is as
    it was when last read."""
    began = time.time_ns()
    # Stat before reading: a write in between is then seen as a change on the next run.
    state, st = file_state(path)
    found = known.recall(str(path), state) if known is not None else None
    if found is not None:
        return found
    content = path.read_bytes()
    sha, patterns = hashlib.sha256(content).hexdigest(), list(include_patterns(content))
    if known is not None and max(st.st_mtime_ns, st.st_ctime_ns) < began - SETTLED_NS:
        known.remember(str(path), state, sha, patterns)
    return sha, patterns


def _name(path: Path, top: Path) -> bytes:
    """A file's name relative to the book's folder: a moved or copied tree keeps its key."""
    return os.fsencode(os.path.relpath(path, top.parent))
