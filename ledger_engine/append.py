"""Adding entries to a club book safely: checked first, written whole, one writer at a time.

Every command that writes a book goes through here:

1. ``book_lock(book)`` takes an exclusive lock on ``BOOK.lock`` beside the book, so two
   imports (or an import and a ``record``) never interleave; read the book only once the lock
   is held. The lock file stays beside the book: deleting it while a writer waits would let a
   third one in.
2. ``check_appended(book, original, block, before)`` loads the book with the new text
   appended from a temporary copy in the *same directory*, so its ``include`` lines still
   resolve, runs the club's rule chain on it and returns the problems the book did not have
   before. The copy is deleted whatever happens.
3. ``write_appended(book, original, block)`` writes the book with the block appended to a
   temporary file in the same directory and moves it over the book in one step
   (``os.replace``): a reader sees the old book or the new one, never half of it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beancount import loader

from ledger_engine.book import ClubBook
from ledger_engine.loading import load_book


@dataclass(frozen=True)
class BookProblem:
    """An error of a loaded book, as ``file:line: message``; ``error`` is the original."""

    file: str
    line: int
    message: str
    error: Any = None

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.file, self.line, self.message)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def lock_path(book: Path) -> Path:
    return book.with_name(book.name + ".lock")


@contextlib.contextmanager
def book_lock(book: Path) -> Iterator[None]:
    """Hold the book's exclusive write lock for the duration of the block."""
    with open(lock_path(book), "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def joined(original: bytes, block: str) -> bytes:
    """The book's bytes with ``block`` appended after a blank line."""
    if not block:
        return original
    head = original
    if head and not head.endswith(b"\n"):
        head += b"\n"
    gap = b"\n" if head else b""
    return head + gap + block.encode("utf-8")


def first_line_of_block(original: bytes) -> int:
    """The line number the appended block starts on (see ``joined``)."""
    lines = original.count(b"\n")
    if original and not original.endswith(b"\n"):
        lines += 1
    return lines + (2 if original else 1)


def problems_of(
    errors: Iterable[Any], rename: dict[str, str] | None = None
) -> list[BookProblem]:
    """Loader and rule errors as ``BookProblem``; ``rename`` maps file names back."""
    rename = rename or {}
    found = []
    for error in errors:
        source = error.source or {}
        file = str(source.get("filename", ""))
        message = str(error.message)
        for old, new in rename.items():
            file = file.replace(old, new)
            message = message.replace(old, new)
        found.append(BookProblem(file, int(source.get("lineno") or 0), message, error))
    return found


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def check_appended(
    book: Path, original: bytes, block: str, before: Iterable[BookProblem]
) -> tuple[list[BookProblem], ClubBook]:
    """Problems the book with ``block`` appended has that ``before`` lacks, and that book."""
    book = Path(os.path.abspath(book))
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - deleted in ``finally``
        dir=book.parent, prefix=f".{book.stem}.", suffix=".check.beancount", delete=False
    )
    temp = Path(handle.name)
    try:
        with handle:
            handle.write(joined(original, block))
        loaded = load_book(temp)
    finally:
        _remove(temp)
        # A slow load leaves Beancount's pickle cache beside the copy.
        _remove(Path(loader.get_cache_filename(loader.PICKLE_CACHE_FILENAME, str(temp))))
    known = {p.key for p in before}
    problems = problems_of(loaded.errors, {str(temp): str(book)})
    return [p for p in problems if p.key not in known], loaded


def write_appended(book: Path, original: bytes, block: str) -> None:
    """Replace the book in one step with its ``original`` bytes and ``block`` appended."""
    book = Path(os.path.abspath(book))
    mode = book.stat().st_mode & 0o7777 if book.exists() else 0o644
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - moved or deleted below
        dir=book.parent, prefix=f".{book.stem}.", suffix=".new", delete=False
    )
    temp = Path(handle.name)
    try:
        with handle:
            handle.write(joined(original, block))
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(mode)
        os.replace(temp, book)
    except BaseException:
        _remove(temp)
        raise
