"""The meeting endpoint behind the guard: the treasurer of club A records A's meeting; the
entries say who recorded them, ``audit.log`` says who, when and what, and a hand edit
afterwards is flagged by ``ledger-engine audit``."""

from __future__ import annotations

import json
from typing import Any

from access.conftest import CLUB, NOW, ORIGIN, SLUG, Served
from click.testing import CliRunner

from ledger_engine.cli import main

A, B = SLUG["A"], SLUG["B"]
MEETING: dict[str, Any] = {
    "date": "2026-01-25",
    "attendance": ["M001", "M002"],
    "payments": [{"loan": "L2025-009", "amount": "100.000", "voucher": "PT-2026-050"}],
    "cash": [
        {
            "fund": "HĐ",
            "category": "Hội phí",
            "received": "500.000",
            "voucher": "PT-2026-051",
        }
    ],
}


def record(served: Served, login: str, slug: str = A, body: Any = None) -> int:
    status: int = (
        served.client(login)
        .put(
            f"/{slug}/extension/ClubMeeting/meeting",
            json=MEETING if body is None else body,
            headers={"Origin": ORIGIN},
        )
        .status_code
    )
    return status


def audit_lines(served: Served) -> list[dict[str, Any]]:
    log = served.folder / "audit.log"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_treasurer_opens_the_meeting_page_of_their_club(served: Served) -> None:
    client = served.client("hoa")
    assert client.get(f"/{A}/extension/ClubMeeting/?day=2026-01-25").status_code == 200
    assert client.get(f"/{B}/extension/ClubMeeting/").status_code == 403


def test_a_meeting_recorded_by_the_treasurer_is_in_the_trail_and_on_the_entries(
    served: Served,
) -> None:
    before = served.digest("A")
    assert record(served, "hoa") == 200
    (line,) = audit_lines(served)
    assert (line["user"], line["role"], line["club"]) == ("hoa", "treasurer", CLUB["A"])
    assert line["what"] == "meeting"
    assert line["entries"] == 3  # the meeting, the repayment, the fee
    assert line["vouchers"] == ["PT-2026-050", "PT-2026-051"]
    assert line["sha256_before"] == before
    assert line["sha256_after"] == served.digest("A")
    assert line["time"].startswith(NOW.date().isoformat())
    text = served.book("A").read_text(encoding="utf-8")
    assert text.count('recorded_by: "hoa"') == 3


def test_a_refused_meeting_leaves_no_line_and_the_book_as_it_was(served: Served) -> None:
    before = served.digest("A")
    bad = {**MEETING, "payments": [{"loan": "L1999-001", "amount": "1"}]}
    assert record(served, "hoa", body=bad) == 400
    assert record(served, "lan") == 403  # an auditor
    assert record(served, "tinh") == 403  # the province
    assert served.digest("A") == before
    assert audit_lines(served) == []


def test_another_clubs_meeting_is_refused(served: Served) -> None:
    before = served.digest("B")
    assert record(served, "hoa", slug=B) == 403
    assert served.digest("B") == before


def test_a_hand_edit_after_the_meeting_is_flagged(served: Served) -> None:
    assert record(served, "hoa") == 200
    book = str(served.book("A"))
    runner = CliRunner()
    clean = runner.invoke(main, ["--lang", "en", "audit", book])
    assert clean.exit_code == 0, clean.output
    assert "hoa (treasurer, KT-KR-002)" in clean.output and "PT-2026-050" in clean.output
    with served.book("A").open("a", encoding="utf-8") as out:
        out.write('2026-01-26 note Assets:IGF:Cash "sửa tay"\n')
    flagged = runner.invoke(main, ["--lang", "en", "audit", book])
    assert flagged.exit_code == 1
    assert "kt-kr-002.beancount was changed outside the program" in flagged.output
