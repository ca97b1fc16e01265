"""Small club books written by the roll-up and report tests (importable as ``rollup.clubbooks``).

Each book is a whole, error-free ledger: a club, a policy, members, loans with their
repayments, and enough capital that no cash account goes below zero.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class M:
    code: str
    gender: str = "F"
    born: int = 1955
    household: str = "none"
    ethnicity: str = "Kinh"
    joined: str = "2016-01-01"
    left: str | None = None


@dataclass(frozen=True)
class L:
    id: str
    member: str
    date: str
    amount: int = 3_000_000
    term: int = 6
    repaid: Sequence[tuple[str, int]] = field(default=())  # (date, principal)


@dataclass(frozen=True)
class Club:
    code: str
    members: Sequence[M]
    loans: Sequence[L] = ()
    province: str = "Kon Tum"
    district: str | None = "Đắk Hà"
    commune: str = "Ngọk Wang"
    founded: str = "2016-01-01"
    capital: int = 100_000_000
    activity_cash: int = 1_000_000
    extra: str = ""


def render(club: Club) -> str:
    district = f'\n  district: "{club.district}"' if club.district else ""
    lines = [
        f'option "title" "Club {club.code}"',
        'option "operating_currency" "VND"',
        'plugin "ledger_engine.plugins"',
        "",
        f'{club.founded} custom "club" "{club.code}"',
        f'  name: "CLB {club.code}"',
        f'  province: "{club.province}"{district}',
        f'  commune: "{club.commune}"',
    ]
    accounts = [
        "Assets:IGF:Cash",
        "Assets:IGF:Bank",
        "Assets:Activity:Cash",
        "Equity:IGF:Capital:State",
        "Equity:Opening-Balances",
        "Income:IGF:Interest",
        *(f"Assets:IGF:Loans:{m.code}" for m in club.members),
    ]
    lines += [f"{club.founded} open {a} VND" for a in accounts]
    lines += [
        f'{club.founded} custom "loan-policy" "standard"',
        "  max_principal: 10000000 VND",
        "  max_term: 24",
        "  rate: 0.5",
        '  method: "flat"',
        "  min_membership_days: 0",
        f'{club.founded} * "Vốn ban đầu"',
        f"  Assets:IGF:Cash  {club.capital} VND",
        f"  Equity:IGF:Capital:State  -{club.capital} VND",
    ]
    if club.activity_cash:
        lines += [
            f'{club.founded} * "Quỹ hoạt động"',
            f"  Assets:Activity:Cash  {club.activity_cash} VND",
            f"  Equity:Opening-Balances  -{club.activity_cash} VND",
        ]
    for m in club.members:
        lines += [
            f'{m.joined} custom "member" "{m.code}" "Thành viên {m.code}"',
            f'  gender: "{m.gender}"',
            f"  born: {m.born}",
            f'  ethnicity: "{m.ethnicity}"',
            f'  household: "{m.household}"',
        ]
        if m.left:
            lines.append(f'{m.left} custom "member-exit" "{m.code}" "moved"')
    for loan in club.loans:
        lines += [
            f'{loan.date} * "{loan.member}" "Vay" ^{loan.id}',
            f"  term: {loan.term}",
            f"  Assets:IGF:Loans:{loan.member}  {loan.amount} VND",
            f"  Assets:IGF:Cash  -{loan.amount} VND",
        ]
        for day, principal in loan.repaid:
            lines += [
                f'{day} * "{loan.member}" "Trả nợ" ^{loan.id}',
                f"  Assets:IGF:Cash  {principal} VND",
                f"  Assets:IGF:Loans:{loan.member}  -{principal} VND",
            ]
    return "\n".join(lines) + "\n" + club.extra


def write(folder: Path, club: Club, name: str | None = None) -> Path:
    path = folder / (name or f"{club.code}.beancount")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(club), encoding="utf-8")
    return path


def members(prefix: str, count: int, **kwargs: object) -> list[M]:
    return [M(f"{prefix}{i:03d}", **kwargs) for i in range(count)]  # type: ignore[arg-type]


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
