"""The members and loans behind each club's coverage, checked against the raw entries.

The independent count reads the books with Beancount's parser alone (no plugin, no engine
code): active members from the ``member`` and ``member-exit`` lines, each loan's principal
from the postings on ``Assets:IGF:Loans:*``, and the default basis of SPEC §6 (a
disbursement in the year up to the date, or principal still owed at the date).
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from beancount.core import data
from beancount.parser import parser
from click.testing import CliRunner
from report_runs import report_args

from ledger_engine.cli import main

AS_OF = datetime.date(2025, 12, 15)
YEAR_BEFORE = datetime.date(2024, 12, 15)
LOANS = "Assets:IGF:Loans:"


def raw_entries(path: Path) -> list[data.Directive]:
    entries, errors, _ = parser.parse_file(str(path))
    assert not errors
    included = [path.parent / name for name in _includes(path)]
    return [*entries, *(e for inc in included for e in raw_entries(inc))]


def _includes(path: Path) -> list[str]:
    lines = path.read_text("utf-8").splitlines()
    return [line.split('"')[1] for line in lines if line.startswith("include ")]


def active_members(entries: list[data.Directive]) -> set[str]:
    joined = {
        e.values[0].value
        for e in entries
        if isinstance(e, data.Custom) and e.type == "member" and e.date <= AS_OF
    }
    left = {
        e.values[0].value
        for e in entries
        if isinstance(e, data.Custom) and e.type == "member-exit" and e.date <= AS_OF
    }
    return joined - left


def borrowing_members(entries: list[data.Directive]) -> set[str]:
    owed: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    recent: set[str] = set()
    for entry in entries:
        if not isinstance(entry, data.Transaction) or entry.date > AS_OF:
            continue
        for posting in entry.postings:
            if not posting.account.startswith(LOANS):
                continue
            member = posting.account[len(LOANS) :]
            loan = (posting.meta or {}).get("loan") or next(iter(entry.links))
            owed[(member, loan)] += posting.units.number
            if posting.units.number > 0 and entry.date > YEAR_BEFORE:
                recent.add(member)
    return recent | {member for (member, _), amount in owed.items() if amount > 0}


def test_the_members_behind_each_club_equal_a_count_from_the_raw_entries(
    province: Path,
) -> None:
    result = CliRunner().invoke(main, report_args(province, "json"))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    books = {club["path"]: club for club in report["drilldown"]}
    assert len(books) == len(list(province.rglob("kt-*.beancount"))) == 4
    for path, club in books.items():
        entries = raw_entries(Path(path))
        active = active_members(entries)
        assert {m["code"] for m in club["members"]} == active
        assert set(club["borrowers"]) == borrowing_members(entries) & active
        assert {m["code"] for m in club["members"] if m["borrower"]} == set(
            club["borrowers"]
        )
        line = next(c for c in report["clubs"] if c["path"] == path)
        assert (line["members"], line["borrowers"]) == (len(active), len(club["borrowers"]))


def test_each_loan_is_named_with_its_book_file_and_line(province: Path) -> None:
    report = json.loads(CliRunner().invoke(main, report_args(province, "json")).stdout)
    club = report["drilldown"][0]
    assert club["loans"]
    for loan in club["loans"]:
        lines = Path(loan["file"]).read_text("utf-8").splitlines()
        assert f"^{loan['loan']}" in lines[loan["line"] - 1]
        assert loan["member"] in club["borrowers"]


def test_names_are_left_out_unless_asked_for(province: Path) -> None:
    plain = CliRunner().invoke(main, report_args(province, "json")).stdout
    named = CliRunner().invoke(main, report_args(province, "json", "--with-names")).stdout
    assert all(
        m["name"] is None for c in json.loads(plain)["drilldown"] for m in c["members"]
    )
    members = [m for c in json.loads(named)["drilldown"] for m in c["members"]]
    assert members and all(m["name"] for m in members)


def test_the_page_links_unit_and_club_figures_to_what_is_behind_them(
    report_html: str,
) -> None:
    report = report_html
    assert 'href="#unit-1"' in report and 'id="unit-1"' in report
    assert 'href="#trace-KT-' in report
    for anchor in set(report.split('href="#trace-')[1:]):
        code = anchor.split('"')[0]
        assert f'id="trace-{code}"' in report
    assert "chỉ ghi mã thành viên" in report and "Nghị định 13/2023/NĐ-CP" in report
