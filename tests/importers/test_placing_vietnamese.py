"""With Vietnamese messages (the default) a rule's verdict is still placed on its column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from importers.pipeline import import_documents

LOANS = (
    "Ngày,Số phiếu,Mã khoản vay,Mã TV,Họ và tên,Số tiền,Kỳ hạn (tháng),"
    "Lãi suất (%/tháng),Phương thức,Mục đích"
)
CASHBOOK = "Ngày,Số phiếu,Quỹ,Nội dung,Khoản mục,Thu,Chi,Ghi chú"


@pytest.fixture(autouse=True)
def vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")


def _problems(book: Path, document: Path) -> list[str]:
    before = book.read_bytes()
    report = import_documents(book, [document])
    assert not report.written and book.read_bytes() == before
    return [str(e) for e in report.errors]


def test_overdraft_is_placed_on_chi(club: Path, write_csv: Callable[..., Path]) -> None:
    doc = write_csv(
        CASHBOOK, "10/02/2024,PC-2024-201,HĐ,Khám sức khỏe,Chăm sóc sức khỏe,,2000000,"
    )
    (problem,) = _problems(club, doc)
    assert problem.startswith(
        f"{doc}:2: Chi: quỹ tiền mặt hoạt động bị âm: còn -500.000 đồng"
    )


def test_a_long_term_is_placed_on_ky_han(
    club_with_loans: Path, write_csv: Callable[..., Path]
) -> None:
    doc = write_csv(
        LOANS, "01/08/2024,PC-2024-050,L2024-050,M004,Trần Văn Nam,2000000,36,,,Gà"
    )
    problems = _problems(club_with_loans, doc)
    assert any(
        p.startswith(f"{doc}:2: Kỳ hạn: ") and "kỳ hạn 36 tháng vượt mức tối đa 24" in p
        for p in problems
    ), problems
