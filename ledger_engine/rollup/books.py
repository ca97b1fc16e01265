"""What a club book's content is for the cache: the book and every file it includes.

Which files are books is ``ledger_engine.discovery``'s answer, shared with ``serve``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ledger_engine.discovery import included_files


def book_digest(path: str | os.PathLike[str]) -> str:
    """sha256 of the book and every file it includes, recursively.

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
            content = current.read_bytes()
        except OSError:
            if current == top:
                raise
            digest.update(b"missing\0" + _name(current, top) + b"\0")
            continue
        # Three updates, the same digest as one: joining would copy the whole book.
        digest.update(_name(current, top) + b"\0")
        digest.update(content)
        digest.update(b"\0")
        pending.extend(p.resolve() for p in included_files(current, content))
    return digest.hexdigest()


def _name(path: Path, top: Path) -> bytes:
    """A file's name relative to the book's folder: a moved or copied tree keeps its key."""
    return os.fsencode(os.path.relpath(path, top.parent))
