"""A meeting recorded in one step: the same entries as ``ledger-engine record``, all or nothing,
one writer at a time."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data
from beancount.parser import printer
from click.testing import CliRunner
from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.meeting import record_meeting
from ledger_engine.append import book_lock
from ledger_engine.cli import main

BOOK = ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount"
DAY = "2025-06-15"
PAYMENT = {"loan": "L2025-001", "amount": "1.015.000", "voucher": "PT-2025-010"}
LOAN = {
    "member": "M004",
    "amount": "3.000.000",
    "term": 6,
    "method": "gốc đều",
    "purpose": "Nuôi gà",
    "voucher": "PC-2025-010",
    "loan": "L2025-002",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    target = tmp_path / BOOK.name
    shutil.copyfile(BOOK, target)
    return target


def entries_with(path: Path, vouchers: set[str]) -> list[str]:
    """The book's transactions carrying one of ``vouchers``, as Beancount prints them."""
    entries, errors, _ = loader.load_file(str(path))
    assert not errors, errors
    return sorted(
        printer.format_entry(e)
        for e in entries
        if isinstance(e, data.Transaction) and e.meta.get("voucher") in vouchers
    )


def test_a_meeting_writes_what_record_writes(book: Path, tmp_path: Path) -> None:
    other = tmp_path / "by-record.beancount"
    shutil.copyfile(BOOK, other)
    runner = CliRunner()
    loan_args = ["record", "loan", str(other), "--date", DAY, "--member", "M004"]
    loan_args += ["--amount", "3.000.000", "--term", "6", "--method", "gốc đều"]
    loan_args += ["--purpose", "Nuôi gà", "--voucher", "PC-2025-010", "--loan", "L2025-002"]
    assert runner.invoke(main, loan_args).exit_code == 0
    pay_args = ["record", "repayment", str(other), "--date", DAY, "--loan", "L2025-001"]
    pay_args += ["--amount", "1.015.000", "--voucher", "PT-2025-010"]
    assert runner.invoke(main, pay_args).exit_code == 0

    result = record_meeting(
        book,
        {
            "date": DAY,
            "attendance": ["M001", "M004"],
            "payments": [PAYMENT],
            "loans": [LOAN],
        },
    )

    assert result.written and not result.errors
    vouchers = {"PT-2025-010", "PC-2025-010"}
    by_meeting = entries_with(book, vouchers)
    assert len(by_meeting) == 2
    assert by_meeting == entries_with(other, vouchers)


def test_the_meeting_entry_keeps_date_count_and_attendance(book: Path) -> None:
    result = record_meeting(
        book, {"date": DAY, "attendance": ["M001", "m004", "M005"]}, recorded_by="thuquy"
    )
    assert result.written, result.errors
    entries, errors, _ = loader.load_file(str(book))
    assert not errors
    meeting = [e for e in entries if isinstance(e, data.Custom) and e.type == "meeting"][-1]
    assert str(meeting.date) == DAY
    assert [v.value for v in meeting.values] == ["monthly", 3]
    assert meeting.meta["attendance"] == "M001 M004 M005"
    assert meeting.meta["recorded_by"] == "thuquy"


def test_recorded_by_goes_on_every_entry_written(book: Path) -> None:
    meeting = {"date": DAY, "payments": [PAYMENT], "loans": [LOAN]}
    result = record_meeting(book, meeting, recorded_by="thuquy")
    assert result.written, result.errors
    assert len(result.entries) == 2
    assert all(w.entry.meta["recorded_by"] == "thuquy" for w in result.entries)
    assert result.block.count('recorded_by: "thuquy"') == 2


def test_what_is_not_given_continues_the_books_sequences(book: Path) -> None:
    meeting = {
        "date": DAY,
        "payments": [{"loan": "L2025-001", "amount": 1015000}],
        "loans": [{"member": "M004", "amount": 2000000, "term": 6}],
        "members": [{"name": "Y Blơng", "gender": "Nữ", "born": 1958}],
    }
    result = record_meeting(book, meeting)
    assert result.written, result.errors
    vouchers = [w.entry.meta.get("voucher") for w in result.entries]
    # The book's last receipt is PT-2025-005 and its last payment PC-2025-001.
    assert "PT-2025-006" in vouchers and "PC-2025-002" in vouchers
    assert 'custom "member" "M011" "Y Blơng"' in result.block
    assert "^L2025-002" in result.block


def test_a_future_meeting_is_refused(book: Path) -> None:
    import datetime

    before = digest(book)
    result = record_meeting(
        book, {"date": DAY, "attendance": ["M001"]}, today=datetime.date(2025, 6, 14)
    )
    assert [(e.section, e.field) for e in result.errors] == [("meeting", "date")]
    assert digest(book) == before


def test_a_meeting_already_recorded_that_day_is_refused(book: Path) -> None:
    first = record_meeting(book, {"date": DAY, "attendance": ["M001"]})
    assert first.written
    after_first = digest(book)
    again = record_meeting(book, {"date": DAY, "attendance": ["M001"]})
    assert [(e.section, e.field) for e in again.errors] == [("meeting", "date")]
    assert digest(book) == after_first


def _save(book: Path, meeting: dict[str, Any], results: list[Any]) -> None:
    results.append(record_meeting(book, meeting))


def test_two_saves_at_once_wait_for_each_other(book: Path) -> None:
    first = {"date": DAY, "payments": [PAYMENT]}
    second = {"date": DAY, "loans": [LOAN]}
    results: list[Any] = []
    before = digest(book)
    with book_lock(book):
        threads = [
            threading.Thread(target=_save, args=(book, m, results)) for m in (first, second)
        ]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        # Both wait on the lock: nothing was read, nothing written.
        assert results == [] and digest(book) == before
    for thread in threads:
        thread.join(timeout=60)
    assert all(r.written and not r.errors for r in results)
    text = book.read_text(encoding="utf-8")
    assert text.count("; Club meeting of 15/06/2025") == 2
    assert entries_with(book, {"PT-2025-010", "PC-2025-010"})  # both blocks, loadable


def test_the_same_voucher_saved_twice_at_once_is_written_once(book: Path) -> None:
    results: list[Any] = []
    meeting = {"date": DAY, "payments": [PAYMENT]}
    threads = [
        threading.Thread(target=_save, args=(book, meeting, results)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(r.written for r in results) == [False, True]
    refused = next(r for r in results if not r.written)
    assert [(e.section, e.row, e.field) for e in refused.errors] == [
        ("payments", 1, "voucher")
    ]
    assert book.read_text(encoding="utf-8").count('voucher: "PT-2025-010"') == 1


def test_problems_are_told_in_vietnamese(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")
    monkeypatch.setattr("ledger_engine.i18n._chosen", None)  # no --lang of an earlier test
    result = record_meeting(book, {"date": DAY, "attendance": ["M404"]})
    [error] = result.errors
    assert (error.section, error.row, error.field) == ("attendance", 1, "member")
    assert error.message == "M404 không phải là thành viên của CLB vào ngày 15/06/2025"


def test_a_meeting_that_records_nothing_writes_nothing(book: Path) -> None:
    before = digest(book)
    result = record_meeting(book, {"date": DAY})
    assert [(e.section, e.row) for e in result.errors] == [("meeting", 0)]
    assert not result.written and digest(book) == before


@settings(max_examples=12, deadline=None)
@given(
    amounts=st.lists(st.integers(min_value=0, max_value=8_000_000), min_size=1, max_size=3),
    loan=st.sampled_from(["L2025-001", "L2024-002", "L1999-001"]),
)
def test_a_meeting_is_written_whole_or_not_at_all(amounts: list[int], loan: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / BOOK.name
        shutil.copyfile(BOOK, book)
        before = book.read_bytes()
        payments = [{"loan": loan, "amount": amount} for amount in amounts]
        result = record_meeting(book, {"date": DAY, "payments": payments})
        after = book.read_bytes()
        if result.written:
            assert not result.errors
            assert after.startswith(before) and after.endswith(result.block.encode())
            assert len(result.entries) == len(amounts)
            _, errors, _ = loader.load_file(str(book))
            assert not errors
        else:
            assert result.errors and after == before


def test_a_save_gives_up_on_a_book_held_too_long(book: Path) -> None:
    before = digest(book)
    with book_lock(book):
        result = record_meeting(
            book, {"date": DAY, "payments": [PAYMENT]}, lock_timeout=0.2
        )
    assert [(e.section, e.field) for e in result.errors] == [("book", "")]
    assert not result.written and digest(book) == before


def test_a_new_member_is_written_as_record_member_writes_it(
    book: Path, tmp_path: Path
) -> None:
    other = tmp_path / "by-record.beancount"
    shutil.copyfile(BOOK, other)
    args = ["record", "member", str(other), "--code", "M011", "--name", "Y Blơng"]
    args += ["--gender", "Nữ", "--born", "1958", "--ethnicity", "Xơ Đăng"]
    args += ["--household", "nghèo", "--joined", DAY]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    member = {"code": "M011", "name": "Y Blơng", "gender": "Nữ", "born": 1958}
    member |= {"ethnicity": "Xơ Đăng", "household": "nghèo"}
    assert record_meeting(book, {"date": DAY, "members": [member]}).written
    assert members_of(book) == members_of(other)
    assert len(members_of(book)) == 11


def members_of(path: Path) -> list[str]:
    entries, errors, _ = loader.load_file(str(path))
    assert not errors
    return [
        printer.format_entry(e)
        for e in entries
        if isinstance(e, data.Custom) and e.type == "member"
    ]
