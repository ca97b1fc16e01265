"""``PUT /<slug>/extension/ClubMeeting/meeting``: 200 and the entries written, or 400 with
every problem at its section, row and field and the book byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from helpers import ROOT

from ledger_engine.fava_ext.serving import disable_club_pages, make_app

BOOK = ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount"
SLUG = "clb-lth-thon-1-ngok-wang"
URL = f"/{SLUG}/extension/ClubMeeting/meeting"
DAY = "2025-06-15"
PAYMENT = {"loan": "L2025-001", "amount": "1.015.000", "voucher": "PT-2025-010"}
LOAN = {"member": "M004", "amount": "3.000.000", "term": 6, "voucher": "PC-2025-010"}
MEMBER = {"name": "Y Blơng", "gender": "Nữ", "born": 1958}
HOA = {
    "code": "M001",
    "name": "Nguyễn Thị Hoa",
    "gender": "Nữ",
    "born": 1952,
    "joined": "01/05/2016",
}
CASH = {"fund": "HĐ", "category": "Hội phí", "received": "500.000"}


@pytest.fixture(autouse=True)
def _fava_as_shipped() -> Any:
    yield
    disable_club_pages()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    target = tmp_path / BOOK.name
    shutil.copyfile(BOOK, target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def app_over(closing: Callable[[Flask], Flask]) -> Callable[..., Flask]:
    def make(book: Path, *, read_only: bool = False) -> Flask:
        return closing(make_app([book], read_only=read_only, load=True))

    return make


def meeting(**sections: Any) -> dict[str, Any]:
    return {"date": DAY, **sections}


def test_a_good_meeting_is_written_and_its_entries_returned(
    book: Path, app_over: Callable[..., Flask]
) -> None:
    client = app_over(book).test_client()
    body = meeting(
        attendance=["M001", "M004"],
        payments=[PAYMENT],
        loans=[LOAN],
        members=[MEMBER],
        cash=[CASH],
    )
    response = client.put(URL, json=body)
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    assert answer["written"] is True
    sections = sorted(e["section"] for e in answer["entries"])
    assert sections == ["cash", "loans", "meeting", "members", "payments"]
    assert answer["block"] in book.read_text(encoding="utf-8")
    # Fava sees the new book at once: the loans page lists the new loan.
    page = client.get(f"/{SLUG}/extension/ClubLoans/", query_string={"as_of": DAY})
    assert 'data-loan="L2025-002"' in page.get_data(as_text=True)


BAD_ROWS = [
    ({"date": "31/02/2025"}, ("meeting", 0, "date")),
    (meeting(when="x"), ("meeting", 0, "when")),
    (meeting(attendance=["M001", "M999"]), ("attendance", 2, "member")),
    (
        meeting(payments=[PAYMENT, {"loan": "L1999-001", "amount": 1}]),
        ("payments", 2, "loan"),
    ),
    (meeting(payments=[{**PAYMENT, "amount": "một triệu"}]), ("payments", 1, "amount")),
    (meeting(payments=[{**PAYMENT, "amount": "90.000.000"}]), ("payments", 1, "amount")),
    (meeting(payments=[{**PAYMENT, "amout": 1}]), ("payments", 1, "amout")),
    (meeting(loans=[{**LOAN, "member": "M404"}]), ("loans", 1, "member")),
    (meeting(loans=[{**LOAN, "member": "M003"}]), ("loans", 1, "member")),  # in arrears
    (meeting(loans=[{**LOAN, "amount": "12.000.000"}]), ("loans", 1, "amount")),
    (meeting(loans=[{**LOAN, "term": "ba năm"}]), ("loans", 1, "term")),
    (meeting(loans=[{**LOAN, "term": 36}]), ("loans", 1, "term")),
    (meeting(loans=[{**LOAN, "method": "tùy ý"}]), ("loans", 1, "method")),
    (meeting(loans=[{**LOAN, "voucher": "PT-2025-001"}]), ("loans", 1, "voucher")),
    (meeting(loans=[{**LOAN, "rate": "rẻ"}]), ("loans", 1, "rate")),
    (meeting(payments=[{**PAYMENT, "interest": "2.000.000"}]), ("payments", 1, "interest")),
    (meeting(members=[{**MEMBER, "gender": "X"}]), ("members", 1, "gender")),
    (meeting(members=[{**MEMBER, "household": "giàu"}]), ("members", 1, "household")),
    (meeting(members=[{**MEMBER, "joined": "31/13/2025"}]), ("members", 1, "joined")),
    (meeting(members=[MEMBER, {**MEMBER, "code": "M001"}]), ("members", 2, "name")),
    (meeting(members=[MEMBER, HOA]), ("members", 2, "code")),  # already in the book
    (meeting(cash=[{**CASH, "paid": "100.000"}]), ("cash", 1, "paid")),
    (meeting(members=[{**MEMBER, "born": "năm"}]), ("members", 1, "born")),
    (meeting(members=[{"gender": "Nữ", "born": 1958}]), ("members", 1, "name")),
    (meeting(cash=[{**CASH, "category": "Tiền lạ"}]), ("cash", 1, "category")),
    (meeting(cash=[{**CASH, "fund": "Quỹ khác"}]), ("cash", 1, "fund")),
    (meeting(cash=[{"fund": "HĐ", "category": "Hội phí"}]), ("cash", 1, "received")),
]


@pytest.mark.parametrize(("body", "where"), BAD_ROWS, ids=lambda v: json.dumps(v)[:60])
def test_a_bad_field_is_named_and_nothing_is_written(
    book: Path,
    body: dict[str, Any],
    where: tuple[str, int, str],
    app_over: Callable[..., Flask],
) -> None:
    before = digest(book)
    client = app_over(book).test_client()
    response = client.put(URL, json=body)
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert {(e["section"], e["row"], e["field"]) for e in errors} == {where}, errors
    assert all(e["message"] for e in errors)
    assert digest(book) == before


def test_a_body_that_is_not_a_meeting_is_refused(
    book: Path, app_over: Callable[..., Flask]
) -> None:
    before = digest(book)
    response = app_over(book).test_client().put(URL, data="[1, 2]")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["section"] == "meeting"
    assert digest(book) == before


def test_a_repeated_voucher_is_refused_not_written_twice(
    book: Path, app_over: Callable[..., Flask]
) -> None:
    client = app_over(book).test_client()
    assert client.put(URL, json=meeting(payments=[PAYMENT])).status_code == 200
    after_first = digest(book)
    again = client.put(URL, json=meeting(payments=[PAYMENT]))
    assert again.status_code == 400
    errors = again.get_json()["errors"]
    assert [(e["section"], e["row"], e["field"]) for e in errors] == [
        ("payments", 1, "voucher")
    ]
    assert "PT-2025-010" in errors[0]["message"]
    assert digest(book) == after_first
    assert book.read_text(encoding="utf-8").count('"PT-2025-010"') == 1


def test_read_only_refuses_the_meeting_and_the_page_offers_no_form(
    book: Path, app_over: Callable[..., Flask]
) -> None:
    before = digest(book)
    client = app_over(book, read_only=True).test_client()
    response = client.put(URL, json=meeting(payments=[PAYMENT]))
    assert response.status_code == 401
    assert digest(book) == before
    page = client.get(f"/{SLUG}/extension/ClubMeeting/", query_string={"day": DAY})
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    assert soup.select_one("#le-meeting-read-only") is not None
    assert soup.select_one("#le-meeting-form") is None


def test_the_page_prefills_the_collection_sheet_and_the_next_vouchers(
    book: Path, app_over: Callable[..., Flask]
) -> None:
    client = app_over(book).test_client()
    page = client.get(f"/{SLUG}/extension/ClubMeeting/", query_string={"day": DAY})
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    form = soup.select_one("#le-meeting-form")
    assert form is not None
    assert (form["data-receipt"], form["data-payment"]) == ("PT-2025-006", "PC-2025-002")
    card = soup.select_one('.le-m-card[data-loan="L2025-001"] input[data-field="amount"]')
    assert card is not None and card["value"] == "1.015.000"
    codes = {box["value"] for box in soup.select('#le-attendance input[type="checkbox"]')}
    assert "M001" in codes and "M002" not in codes  # M002 left the club in March 2025


def test_the_preview_gives_the_verdict_and_the_schedule_without_writing(
    book: Path, app_over: Callable[..., Flask]
) -> None:
    before = digest(book)
    client = app_over(book).test_client()
    url = f"/{SLUG}/extension/ClubMeeting/preview"
    good = meeting(loans=[{**LOAN, "method": "gốc đều"}])
    answer = client.get(url, query_string={"meeting": json.dumps(good)}).get_json()
    assert answer["errors"] == []
    [loan] = answer["loans"]
    assert loan["eligible"] and loan["loan"] == "L2025-002"
    assert [i["principal"] for i in loan["schedule"]] == [500000] * 6
    bad = meeting(loans=[{**LOAN, "member": "M003"}])
    answer = client.get(url, query_string={"meeting": json.dumps(bad)}).get_json()
    assert {(e["section"], e["field"]) for e in answer["errors"]} == {("loans", "member")}
    assert answer["loans"][0]["eligible"] is False
    assert digest(book) == before
