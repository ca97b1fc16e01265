"""Adding entries to a club book safely: checked first, written whole, one writer at a time.

Every command that writes a book goes through here:

1. ``book_lock(book)`` takes an exclusive lock on ``BOOK.lock`` beside the book, so two
   imports (or an import and a ``record``) never interleave; read the book only once the lock
   is held. The lock file stays beside the book: deleting it while a writer waits would let a
   third one in. A writer that waits longer than a second is told so (``on_wait``), and gives
   up after ``timeout`` seconds (``LockTimeout``). Once the lock is held, temporary files a
   killed writer left behind are removed: no other writer can be using them.
2. ``check_appended(book, original, block, before)`` loads the book with the new text
   appended from a temporary copy in the *same directory*, so its ``include`` lines still
   resolve, runs the club's rule chain on it and returns the problems the book did not have
   before. The copy is deleted whatever happens.
3. ``write_appended(book, original, block)`` refuses a book whose permissions say read-only
   (``ensure_writable``: even for the superuser, who may write anything), then writes the book with the block appended to a
   temporary file in the same directory and moves it over the book in one step
   (``os.replace``): a reader sees the old book or the new one, never half of it. Ctrl-C
   during these last steps is held back until the book is whole.

Temporary files are hidden and named ``.BOOK.tmp-XXXX.check`` or ``.BOOK.tmp-XXXX.new``:
never ``*.beancount``, so a roll-up that reads every ``*.beancount`` in a folder never takes
a half-written copy for a second club.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beancount import loader

from ledger_engine.book import ClubBook
from ledger_engine.errors import InputError
from ledger_engine.i18n import _
from ledger_engine.loading import load_book

#: How long a writer waits for the lock before it says so.
WAIT_NOTICE_SECONDS = 1.0
_POLL_SECONDS = 0.05


class LockTimeout(Exception):
    """Another change to the book held its lock for longer than the writer would wait."""

    def __init__(self, book: Path, timeout: float) -> None:
        super().__init__(
            _(
                "another change to {book} is still running after {seconds} s; "
                "nothing was written, try again later"
            ).format(book=book, seconds=f"{timeout:g}")
        )
        self.book = book
        self.timeout = timeout


def waiting_message(book: Path) -> str:
    """What a writer says while another change holds the book's lock."""
    return _("waiting for another change to {book} to finish…").format(book=book)


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


def temporary_prefix(book: Path) -> str:
    """Prefix of every temporary file a writer makes beside ``book``."""
    return f".{book.name}.tmp-"


def remove_stale_temporaries(book: Path) -> list[Path]:
    """Remove the temporary files a killed writer left beside ``book``; call under the lock."""
    book = Path(os.path.abspath(book))
    prefix = temporary_prefix(book)
    # Copies named by older versions ended in .check.beancount: a roll-up counted them.
    old = f".{book.stem}."
    stale = [
        p
        for p in book.parent.iterdir()
        # "." + prefix: Beancount's cache of a copy, ``.<copy>.picklecache``.
        if p.name.startswith((prefix, "." + prefix))
        or (p.name.startswith(old) and p.name.endswith(".check.beancount"))
    ]
    for path in stale:
        _remove(path)
    return stale


def _acquire(
    handle: Any, book: Path, on_wait: Callable[[], None] | None, timeout: float | None
) -> None:
    started = time.monotonic()
    told = False
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        waited = time.monotonic() - started
        if timeout is not None and waited >= timeout:
            raise LockTimeout(book, timeout)
        if not told and waited >= WAIT_NOTICE_SECONDS and on_wait is not None:
            on_wait()
            told = True
        time.sleep(_POLL_SECONDS)


@contextlib.contextmanager
def book_lock(
    book: Path,
    *,
    on_wait: Callable[[], None] | None = None,
    timeout: float | None = None,
) -> Iterator[None]:
    """Hold the book's exclusive write lock for the duration of the block.

    ``on_wait`` is called once when the lock has been busy for ``WAIT_NOTICE_SECONDS``;
    after ``timeout`` seconds (``None``: wait as long as it takes) ``LockTimeout`` is raised.
    """
    book = Path(os.path.abspath(book))
    with open(lock_path(book), "a+b") as handle:
        _acquire(handle, book, on_wait, timeout)
        try:
            remove_stale_temporaries(book)
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
        dir=book.parent, prefix=temporary_prefix(book), suffix=".check", delete=False
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


_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def ensure_writable(book: Path) -> None:
    """Refuse a book marked read-only (``chmod 444``): replacing it would change it anyway."""
    if book.exists() and (
        not book.stat().st_mode & _WRITE_BITS or not os.access(book, os.W_OK)
    ):
        raise InputError(
            _(
                "{book} is read-only; nothing was written. Make it writable to add to it."
            ).format(book=book)
        )


@contextlib.contextmanager
def _interrupt_held_back() -> Iterator[None]:
    """Ctrl-C is ignored while the block runs (only the main thread can catch it).

    The block is the last few milliseconds of a change: once the new book is being moved
    in, finishing is the only way to leave the book whole, and the command then says what
    it wrote.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def write_appended(book: Path, original: bytes, block: str) -> None:
    """Replace the book in one step with its ``original`` bytes and ``block`` appended.

    A Ctrl-C while the copy is written and moved in is ignored: the change is whole.
    """
    book = Path(os.path.abspath(book))
    ensure_writable(book)
    mode = book.stat().st_mode & 0o7777 if book.exists() else 0o644
    with _interrupt_held_back():
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - moved or deleted below
            dir=book.parent, prefix=temporary_prefix(book), suffix=".new", delete=False
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
