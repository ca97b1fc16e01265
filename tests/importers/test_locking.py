"""One writer at a time, told when it waits, never leaving a copy a roll-up would count.

The acceptance test kills an import with SIGKILL at several moments: the book is always the
old one or the new one, and ``coverage`` on the folder counts exactly one club.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from register_samples import HERE

from ledger_engine.append import (
    LockTimeout,
    book_lock,
    check_appended,
    remove_stale_temporaries,
)
from ledger_engine.cli import main

LEDGER_ENGINE = Path(sys.executable).with_name("ledger-engine")
MEMBERS = HERE / "members" / "testdata" / "members.csv"
LOANS = HERE / "loans" / "testdata" / "loans.xlsx"
ENV = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1", "LEDGER_ENGINE_LANG": "en"}


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _spawn(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(LEDGER_ENGINE), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def test_a_waiting_writer_says_so_after_a_second(club: Path) -> None:
    with book_lock(club):
        process = _spawn("import", club, MEMBERS)
        time.sleep(5.0)  # start-up, reading the register, then more than a second's wait
        assert process.poll() is None
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert f"waiting for another change to {club} to finish…" in err


def test_lock_timeout_gives_up_and_writes_nothing(club: Path) -> None:
    before = sha256(club)
    with book_lock(club):
        result = run("import", "--lock-timeout", "0.3", club, MEMBERS)
    assert result.exit_code == 1
    assert f"another change to {club} is still running after 0.3 s" in result.output
    assert "Traceback" not in result.output
    assert sha256(club) == before


def test_book_lock_timeout_raises_and_tells_the_waiter_once(club: Path) -> None:
    told: list[str] = []
    with book_lock(club), pytest.raises(LockTimeout):  # noqa: SIM117 - the order matters
        with book_lock(club, on_wait=lambda: told.append("x"), timeout=1.3):
            pass
    assert told == ["x"]


def test_the_checked_copy_is_hidden_and_not_a_beancount_file(club: Path) -> None:
    seen: list[str] = []
    original = club.read_bytes()
    import ledger_engine.append as append

    real = append.load_book

    def spy(path: Any) -> Any:
        seen.append(Path(path).name)
        return real(path)

    append.load_book = spy  # type: ignore[assignment]
    try:
        check_appended(club, original, "", [])
    finally:
        append.load_book = real  # type: ignore[assignment]
    (name,) = seen
    assert name.startswith(f".{club.name}.tmp-") and name.endswith(".check")
    assert not name.endswith(".beancount")


def test_stale_copies_of_a_killed_run_are_removed_under_the_lock(club: Path) -> None:
    folder = club.parent
    stale = [
        folder / f".{club.name}.tmp-abc123.check",
        folder / f".{club.name}.tmp-def456.new",
        folder / ".club.k2j3h4.check.beancount",  # as older versions named the copy
    ]
    for path in stale:
        path.write_text("partial", encoding="utf-8")
    keep = folder / ".other.beancount.tmp-zzz.check"
    keep.write_text("another book's", encoding="utf-8")
    with book_lock(club):
        pass
    assert not any(p.exists() for p in stale)
    assert keep.exists()
    assert remove_stale_temporaries(club) == []


def _wait_for(found: Any, seconds: float = 30) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if found():
            return True
        time.sleep(0.01)
    return False


def _grow(book: Path, entries: int) -> None:
    """Make the book slow enough to load that a signal can land while it is checked."""
    fees = "".join(
        f'2016-05-02 * "Hội phí {n}"\n  Assets:Activity:Cash  1 VND\n'
        "  Income:Activity:Fees  -1 VND\n"
        for n in range(entries)
    )
    with book.open("a", encoding="utf-8") as handle:
        handle.write("\n" + fees)


def test_ctrl_c_during_an_import_says_nothing_was_written(club: Path) -> None:
    _grow(club, 4000)
    before = sha256(club)
    process = _spawn("--lang", "en", "import", club, MEMBERS, LOANS)
    # Interrupt while the book with the new rows is being checked.
    assert _wait_for(lambda: any(club.parent.glob(f".{club.name}.tmp-*.check")))
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted; nothing was written" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert sha256(club) == before


def _club_count(folder: Path) -> int:
    done = subprocess.run(
        [str(LEDGER_ENGINE), "coverage", str(folder), "--workers", "1", "--no-cache",
         "--format", "json"],
        capture_output=True,
        text=True,
        env=ENV,
        check=True,
    )  # fmt: skip
    return len(json.loads(done.stdout)["clubs"])


def test_kill_9_at_any_moment_leaves_the_book_old_or_new(
    tmp_path: Path, club: Path
) -> None:
    _grow(club, 3000)  # long enough a run that the kills land in every step of it
    folder = tmp_path / "books"
    folder.mkdir()
    book = folder / "club.beancount"
    shutil.copy(club, book)
    old = sha256(book)
    reference = tmp_path / "reference.beancount"
    shutil.copy(club, reference)
    assert run("import", reference, MEMBERS, LOANS).exit_code == 0
    new = sha256(reference)
    seen = set()
    for delay in (0.3, 0.9, 1.5, 2.1, 2.7, 3.3):
        if sha256(book) == new:
            shutil.copy(club, book)
        process = _spawn("import", book, MEMBERS, LOANS)
        time.sleep(delay)
        process.kill()
        process.wait(timeout=30)
        now = sha256(book)
        assert now in (old, new), f"killed after {delay} s: the book is half written"
        seen.add(now)
        assert _club_count(folder) == 1
    # The next import cleans up what the killed ones left and lands whole.
    shutil.copy(club, book)
    assert run("import", book, MEMBERS, LOANS).exit_code == 0
    assert sha256(book) == new
    assert sorted(p.name for p in folder.iterdir()) == [
        "club.beancount",
        "club.beancount.lock",
    ]


def test_a_folder_that_refuses_the_lock_is_one_line_and_writes_nothing(
    club: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importers.pipeline as pipeline

    def refused(book: Path, **options: Any) -> Any:
        # What open() raises for BOOK.lock in a read-only folder (tests run as root).
        raise PermissionError(13, "Permission denied", f"{book}.lock")

    monkeypatch.setattr(pipeline, "book_lock", refused)
    before = sha256(club)
    result = run("import", "--dry-run", club, MEMBERS)
    assert result.exit_code == 1
    assert (
        f"cannot write in the folder of the book ({club}.lock: Permission denied); "
        "nothing was written" in result.output
    )
    assert "Traceback" not in result.output
    assert sha256(club) == before
