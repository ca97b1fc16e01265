"""Which files under the given paths are club books: one answer for ``serve``, ``coverage``,
``report`` and anything else that walks a folder.

- A file named on the command line is always a book (a bad one is reported as failed later).
- A folder is searched recursively, in name order, leaving out hidden folders and tool folders
  (``.git``, ``.venv``, ``node_modules``, ``__pycache__``).
- There, a ``*.beancount`` file is a club book when it declares its club at the start of a
  line (``2016-05-01 custom "club" …``), unless another book includes it: a club's yearly files
  are read through their club's book, never as books of their own.
- Every other ``*.beancount`` file found there is *skipped*, with the reason: hidden or
  temporary copies (``.book.x.check.beancount``), files that cannot be read, files without a
  ``custom "club"`` line or with a misspelt one. Nothing is dropped in silence.
"""

from __future__ import annotations

import difflib
import glob
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ledger_engine.i18n import _

SUFFIX = ".beancount"
_TOOL_FOLDERS = {".git", ".venv", "node_modules", "__pycache__"}
_CLUB_LINE = re.compile(rb'^\d{4}-\d{2}-\d{2}[ \t]+custom[ \t]+"club"', re.M)
_CLUB_ANYWHERE = re.compile(rb'custom[ \t]+"club"')
_CUSTOM_LINE = re.compile(rb'^\d{4}-\d{2}-\d{2}[ \t]+custom[ \t]+"([^"\n]*)"', re.M)
_INCLUDE = b"include"
_INCLUDE_REST = re.compile(rb'include\s+"([^"]+)"')
#: Copies that tools leave beside a book while they work on it.
_TEMPORARY = re.compile(r"(^[.~])|(\.(check|tmp|partial|bak)\.beancount$)")


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Discovery:
    books: list[str]  # as given or found under the given folder, each once
    skipped: list[Skipped]


def included_files(path: Path, content: bytes) -> list[Path]:
    """Files an ``include`` line of ``content`` names, relative to ``path``; globs expanded."""
    return expand_includes(path, include_patterns(content))


def expand_includes(path: Path, patterns: Iterable[str]) -> list[Path]:
    """The files ``include`` patterns of ``path`` name now: globs are expanded each time, so
    that a new yearly file counts as soon as it appears."""
    result: list[Path] = []
    for pattern in patterns:
        full = os.path.join(path.parent, os.path.expanduser(pattern))
        matches = sorted(glob.glob(full)) if glob.has_magic(full) else [full]
        result.extend(Path(m) for m in matches)
    return result


def include_patterns(content: bytes) -> Iterator[str]:
    """What each ``include`` line of ``content`` names, as written."""
    # A plain search for the word, then a match where it starts a line: a regular
    # expression anchored at every line's start costs a book's read many times over.
    start = content.find(_INCLUDE)
    while start != -1:
        if start == 0 or content[start - 1] == ord("\n"):
            found = _INCLUDE_REST.match(content, start)
            if found:
                yield found.group(1).decode("utf-8", errors="replace")
        start = content.find(_INCLUDE, start + len(_INCLUDE))


def included_by(
    books: Iterable[Path], known: Mapping[Path, list[Path]] | None = None
) -> set[Path]:
    """Every file the books include, directly or through an included file (resolved).

    ``known``: the includes of files already read, by resolved path (read again otherwise).
    """
    seen: set[Path] = set()
    pending = [book.resolve() for book in books]
    while pending:
        current = pending.pop()
        if known is not None and current in known:
            includes = known[current]
        else:
            try:
                includes = included_files(current, current.read_bytes())
            except OSError:
                continue
        for found in includes:
            resolved = found.resolve()
            if resolved not in seen:
                seen.add(resolved)
                pending.append(resolved)
    return seen


def _beancount_files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if d not in _TOOL_FOLDERS and not d.startswith(".")
        )
        for name in sorted(files):
            if name.endswith(SUFFIX):
                yield Path(root) / name


def _why_not_a_club(content: bytes) -> str:
    """Why a file without a dated ``custom "club"`` line at a line's start is no book."""
    if _CLUB_ANYWHERE.search(content):
        return _('its custom "club" line is commented out or does not start the line')
    for kind in _CUSTOM_LINE.findall(content):
        name = kind.decode("utf-8", errors="replace")
        if name.casefold() == "club" or difflib.get_close_matches(
            name, ["club"], cutoff=0.6
        ):
            return _('custom "{found}" is not custom "club" (misspelt?)').format(found=name)
    return _('no custom "club" line: not a club book, nor included by one')


def _examine(path: Path) -> tuple[str | None, list[Path]]:
    """``None`` for a club book, otherwise why the file is not one; and what it includes."""
    if _TEMPORARY.search(path.name):
        return _("hidden or temporary copy, not a book"), []
    try:
        content = path.read_bytes()
    except OSError as exc:
        return _("cannot be read: {error}").format(error=exc.strerror or exc), []
    why = None if _CLUB_LINE.search(content) else _why_not_a_club(content)
    return why, included_files(path, content)


def discover(paths: Sequence[str | os.PathLike[str]]) -> Discovery:
    """The club books named or found under ``paths``, and the files found but skipped."""
    named: list[Path] = []
    found: list[Path] = []
    not_books: dict[Path, str] = {}
    # Each file found is read once: what it includes is kept from that reading.
    resolved: dict[Path, Path] = {}
    includes: dict[Path, list[Path]] = {}
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            named.append(path)
            continue
        for candidate in _beancount_files(path):
            why, included_here = _examine(candidate)
            resolved[candidate] = real = candidate.resolve()
            includes[real] = included_here
            if why is None:
                found.append(candidate)
            else:
                not_books[candidate] = why
    included = included_by([*named, *found], includes)
    books: dict[Path, Path] = {}
    for book in [*named, *(p for p in found if resolved[p] not in included)]:
        books.setdefault(resolved.get(book) or book.resolve(), book)
    skipped = [
        Skipped(str(path), why)
        for path, why in not_books.items()
        if resolved[path] not in included and resolved[path] not in books
    ]
    return Discovery([str(p) for p in books.values()], skipped)
