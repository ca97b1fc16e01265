"""Which files of a roll-up are club books, and what a book's content is for the cache.

A folder is searched recursively for ``*.beancount`` files that declare their club at top
level (a dated ``custom "club"`` line): a club's yearly files, pulled in by its ``include``
lines, declare no club and are not books of their own. A file named on the command line is
always a book. A file that cannot be read is kept, so that the roll-up names it as failed.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

_CLUB_LINE = re.compile(rb'^\d{4}-\d{2}-\d{2}\s+custom\s+"club"', re.M)
_INCLUDE_LINE = re.compile(r'^include\s+"([^"]+)"', re.M)


def declares_club(path: Path) -> bool:
    try:
        return _CLUB_LINE.search(path.read_bytes()) is not None
    except OSError:
        return True


def find_books(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The books named or found under folders, each once, in a stable order."""
    found: dict[str, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for candidate in sorted(path.rglob("*.beancount")):
                if candidate.is_file() and declares_club(candidate):
                    found.setdefault(str(candidate), None)
        else:
            found.setdefault(str(path), None)
    return list(found)


def included_files(path: Path, text: str) -> list[Path]:
    """Files an ``include`` line of ``text`` names, relative to ``path``; globs expanded."""
    result: list[Path] = []
    for pattern in _INCLUDE_LINE.findall(text):
        full = os.path.join(path.parent, os.path.expanduser(pattern))
        matches = sorted(glob.glob(full)) if glob.has_magic(full) else [full]
        result.extend(Path(m) for m in matches)
    return result


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
        digest.update(_name(current, top) + b"\0" + content + b"\0")
        text = content.decode("utf-8", errors="replace")
        pending.extend(p.resolve() for p in included_files(current, text))
    return digest.hexdigest()


def _name(path: Path, top: Path) -> bytes:
    """A file's name relative to the book's folder: a moved or copied tree keeps its key."""
    return os.fsencode(os.path.relpath(path, top.parent))
