"""A whole demo province: one book per club under ``OUT/<district>/<club>.beancount``.

Every club draws from its own ``random.Random`` seeded with the province seed and the club's
code, and nothing reads the clock, so a seed always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ledger_engine.book import LOANS_ROOT
from ledger_engine.demo.club import ClubSimulation
from ledger_engine.demo.club_profiles import ClubPlan, plan_province
from ledger_engine.demo.entries import Entry, Txn
from ledger_engine.demo.funds import AREAS, expense_account
from ledger_engine.demo.geography import Province
from ledger_engine.demo.roster import END
from ledger_engine.demo.writer import render_book

LABELS = {
    "Assets:IGF:Cash": "Quỹ tăng thu nhập — tiền mặt",
    "Assets:Activity:Cash": "Quỹ hoạt động — tiền mặt",
    "Equity:IGF:Capital:State": "Vốn Nhà nước hỗ trợ",
    "Equity:IGF:Capital:Members": "Vốn thành viên góp",
    "Equity:Activity:Capital": "Kinh phí ban đầu của quỹ hoạt động",
    "Equity:Opening-Balances": "Số dư đầu kỳ",
    "Income:IGF:Interest": "Lãi cho vay",
    "Income:IGF:Recoveries": "Thu hồi nợ đã xóa",
    "Income:Activity:Fees": "Hội phí",
    "Income:Activity:Donations": "Ủng hộ",
    "Income:Activity:Interest-Share": "Phần lãi nhận từ quỹ tăng thu nhập",
    "Expenses:IGF:Interest-Share": "Phần lãi chuyển sang quỹ hoạt động",
    "Expenses:IGF:Loan-Losses": "Nợ xóa",
}

HEADER = """\
option "title" "{title}"
option "operating_currency" "VND"
plugin "ledger_engine.plugins"

; Sổ sách {name} ({code}), xã {commune}, {district}, tỉnh {province}.
; Demo books written by `ledger-engine demo` (seed {seed}); the people are not real.
;
; How these books are kept:
; - Each loan is named by its link ^L<year>-<n>; the borrower's principal sits on
;   Assets:IGF:Loans:<member code>. Money paid out carries voucher PC-… (phiếu chi), money
;   received PT-… (phiếu thu). Repayments pay the installments of the loan's schedule.
; - Interest share: at each quarter's end the regulation's interest_to_activity % of the
;   interest received in the quarter moves from Assets:IGF:Cash to Assets:Activity:Cash. It is
;   booked as Expenses:IGF:Interest-Share in the income-generation fund and as
;   Income:Activity:Interest-Share in the activity fund, so each fund's own income
;   statement shows it and the two cancel in the club's totals.
; - A loan the board gives up on is written off (#write-off): its unpaid principal moves to
;   Expenses:IGF:Loan-Losses; money recovered later goes to Income:IGF:Recoveries.
; - The cash on hand is counted every quarter (balance lines on Assets:IGF:Cash) and the
;   activity fund's every year.
"""

OPENING_NOTE = """\
; - The books start on {start} with opening balances: capital by source and cash as counted
;   that day, and each loan still owed as its own entry (principal still owed, installments
;   still to come as term, next due date as first_due). The club, its regulation and its
;   members keep the dates they were founded, adopted and joined.
"""


@dataclass(frozen=True, slots=True)
class Written:
    plan: ClubPlan
    path: Path
    entries: int


def window_start(years: int) -> date:
    """The first day of the last ``years`` calendar years up to the end of 2025."""
    return date(END.year - years + 1, 1, 1)


def labels_for(entries: list[Entry], names: dict[str, str]) -> dict[str, str]:
    labels = dict(LABELS)
    for area, (text, *_rest) in AREAS.items():
        labels[expense_account(area)] = f"Chi hoạt động: {text[0].lower() + text[1:]}"
    for entry in entries:
        if isinstance(entry, Txn):
            for account, _ in entry.postings:
                if account.startswith(LOANS_ROOT + ":") and account not in labels:
                    code = account.rsplit(":", 1)[1]
                    labels[account] = f"Dư nợ của {code} {names.get(code, '')}".rstrip()
                elif account.startswith("Equity:IGF:Capital:Donor-"):
                    labels.setdefault(account, "Vốn tài trợ")
    return labels


def club_text(
    plan: ClubPlan, province: Province, window: date, seed: int, scale: bool
) -> str:
    sim = ClubSimulation(plan, province, window, scale)
    entries = sim.run()
    header = HEADER.format(
        title=plan.title,
        name=plan.name,
        code=plan.code,
        commune=plan.commune,
        district=plan.district.name,
        province=province.name,
        seed=seed,
    )
    if plan.founded < window:
        header += OPENING_NOTE.format(start=window)
    names = {p.code: p.name for p in sim.people}
    return render_book(header, entries, labels_for(entries, names), END)


def generate(
    out: Path,
    province: Province,
    *,
    clubs: int,
    years: int,
    members: int | None,
    seed: int,
) -> list[Written]:
    """Write the province's books; returns what was written, in order."""
    window = window_start(years)
    written = []
    for plan in plan_province(province, clubs, members, seed):
        text = club_text(plan, province, window, seed, members is not None)
        folder = out / plan.district.slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / plan.filename
        path.write_text(text, encoding="utf-8")
        written.append(Written(plan, path, text.count("\n")))
    return written
