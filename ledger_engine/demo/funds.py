"""The two funds' money apart from loans: capital coming in, fees, donations, the interest
share, and what the activity fund spends on each area.
"""

from __future__ import annotations

import calendar
import heapq
import random
from dataclasses import dataclass
from datetime import date, timedelta

from ledger_engine.demo.club_profiles import ClubPlan
from ledger_engine.demo.entries import (
    ACTIVITY_CAPITAL,
    ACTIVITY_CASH,
    CASH,
    MEMBERS_CAPITAL,
    STATE_CAPITAL,
    Txn,
    part_of,
    round_down,
)
from ledger_engine.demo.roster import Person
from ledger_engine.registry import area_account

DONORS = (
    ("Donor-HelpAge", "Tổ chức HelpAge International"),
    ("Donor-Benefactors", "Các nhà hảo tâm"),
    ("Donor-Local-Business", "Doanh nghiệp trên địa bàn"),
)
#: Per area: Vietnamese wording, times a year, share of members taking
#: part, VND spent per participant.
AREAS: dict[str, tuple[str, tuple[int, int], tuple[float, float], tuple[int, int]]] = {
    "income": (
        "Tập huấn kỹ thuật chăn nuôi, trồng trọt",
        (2, 4),
        (0.3, 0.6),
        (10_000, 25_000),
    ),
    "health": (
        "Khám sức khỏe, đo huyết áp cho thành viên",
        (2, 4),
        (0.6, 0.9),
        (15_000, 40_000),
    ),
    "home-care": (
        "Tình nguyện viên thăm, chăm sóc tại nhà",
        (6, 12),
        (0.05, 0.15),
        (30_000, 80_000),
    ),
    "self-help": (
        "Hỗ trợ thành viên gặp khó khăn",
        (2, 5),
        (0.03, 0.08),
        (100_000, 300_000),
    ),
    "community": (
        "Tham gia vệ sinh đường làng, hoạt động cộng đồng",
        (1, 3),
        (0.4, 0.8),
        (5_000, 15_000),
    ),
    "rights": (
        "Tuyên truyền pháp luật, quyền của người cao tuổi",
        (1, 2),
        (0.5, 0.8),
        (5_000, 10_000),
    ),
    "communication": (
        "Truyền thông về chăm sóc sức khỏe",
        (2, 4),
        (0.4, 0.8),
        (5_000, 10_000),
    ),
    "sports": (
        "Tập thể dục dưỡng sinh, giao lưu thể thao",
        (2, 6),
        (0.3, 0.6),
        (10_000, 30_000),
    ),
    "culture": (
        "Sinh hoạt văn nghệ, cồng chiêng",
        (2, 4),
        (0.4, 0.8),
        (10_000, 30_000),
    ),
    "mobilisation": (
        "Vận động nguồn lực cho câu lạc bộ",
        (1, 2),
        (0.1, 0.2),
        (10_000, 20_000),
    ),
}


def expense_account(area: str) -> str:
    return area_account(area)


class Till:
    """The IGF's cash through a given day, with the receipts already promised after it."""

    def __init__(self) -> None:
        self.balance = 0
        self.interest = 0  # interest received since the last share to the activity fund
        self._due: list[tuple[date, int, int, int]] = []
        self._seq = 0

    def expect(self, day: date, cash: int, interest: int = 0) -> None:
        self._seq += 1
        heapq.heappush(self._due, (day, self._seq, cash, interest))

    def advance(self, day: date) -> None:
        while self._due and self._due[0][0] <= day:
            _, _, cash, interest = heapq.heappop(self._due)
            self.balance += cash
            self.interest += interest


@dataclass(frozen=True, slots=True)
class Capital:
    """Money put into a fund on a day: which equity account, how much, from whom."""

    day: date
    account: str
    amount: int
    payee: str
    narration: str
    fund: str = CASH


def capital_plan(
    rng: random.Random, plan: ClubPlan, people: list[Person], scale: bool
) -> list[Capital]:
    """The IGF's capital (state, donor, members' shares as they join) and the activity
    fund's start-up money, over the club's whole life."""
    size = plan.profile.size
    total = size * plan.profile.capital_per_member
    if not scale:
        total = min(max(total, 20_000_000), 100_000_000)
    share = rng.choice((100_000, 200_000, 200_000, 300_000, 500_000))
    items = _outside_capital(rng, plan, total, share * round(size * 0.85))
    items += _member_shares(people, share)
    start_up = rng.randint(2, 6) * 1_000_000
    items.append(
        Capital(
            plan.founded,
            ACTIVITY_CAPITAL,
            start_up,
            "UBND xã " + plan.commune,
            "Kinh phí hỗ trợ ban đầu cho quỹ hoạt động",
            ACTIVITY_CASH,
        )
    )
    return sorted(items, key=lambda c: c.day)


def _outside_capital(
    rng: random.Random, plan: ClubPlan, total: int, members_part: int
) -> list[Capital]:
    """The State's and a donor's capital; the plan's top-up for clubs of 2016–2020."""
    state = part_of(total - members_part, rng.uniform(0.55, 0.85), 1_000_000)
    donor = round_down(total - members_part - state, 1_000_000)
    founded = plan.founded
    items = [
        Capital(
            founded,
            STATE_CAPITAL,
            state,
            "UBND xã " + plan.commune,
            "Nhận vốn hỗ trợ của Nhà nước cho quỹ tăng thu nhập",
        )
    ]
    if donor > 0:
        account, name = rng.choice(DONORS)
        day = founded + timedelta(days=rng.randint(30, 150))
        items.append(
            Capital(
                day,
                f"Equity:IGF:Capital:{account}",
                donor,
                name,
                "Nhận vốn tài trợ cho quỹ tăng thu nhập",
            )
        )
    if founded.year < 2021 and rng.random() < 0.6:
        # The plan's support to keep and improve the clubs of 2016–2020.
        day = date(rng.choice((2021, 2022)), rng.randint(3, 11), rng.randint(1, 28))
        top_up = round_down(total // 5, 1_000_000)
        items.append(
            Capital(
                day,
                STATE_CAPITAL,
                top_up,
                "UBND tỉnh Kon Tum",
                "Bổ sung vốn theo Kế hoạch 327/KH-UBND",
            )
        )
    return items


def _member_shares(people: list[Person], share: int) -> list[Capital]:
    """Each member's share, collected on the day they join (one receipt per day)."""
    joins: dict[date, int] = {}
    for person in people:
        joins[person.joined] = joins.get(person.joined, 0) + 1
    return [
        Capital(
            day,
            MEMBERS_CAPITAL,
            count * share,
            "Thành viên",
            f"Thu vốn góp của {count} thành viên mới",
        )
        for day, count in sorted(joins.items())
    ]


def capital_txn(item: Capital) -> Txn:
    return Txn(
        item.day,
        item.payee,
        item.narration,
        [(item.fund, item.amount), (item.account, -item.amount)],
        "PT",
    )


def year_of_activities(
    rng: random.Random, areas: list[str], year: int
) -> dict[int, list[str]]:
    """Month → the areas with an activity that month, for one year."""
    months: dict[int, list[str]] = {}
    for area in areas:
        low, high = AREAS[area][1]
        for month in rng.sample(range(1, 13), rng.randint(low, high)):
            months.setdefault(month, []).append(area)
    return months


def activity_day(rng: random.Random, meeting: date) -> date:
    """A day from the meeting to the month's end, so the meeting's fees are already in."""
    last = calendar.monthrange(meeting.year, meeting.month)[1]
    return meeting.replace(day=rng.randint(meeting.day, last))


def participants(rng: random.Random, area: str, active: int) -> int:
    low, high = AREAS[area][2]
    return max(1, round(active * rng.uniform(low, high)))


def spending(rng: random.Random, area: str, day: date, count: int, cash: int) -> Txn | None:
    """What the activity costs, never more than a share of what the activity fund holds:
    the board keeps money in hand for the months to come."""
    low, high = AREAS[area][3]
    amount = min(round_down(count * rng.randint(low, high)), round_down(cash * 2 // 5))
    if amount < 50_000:
        return None
    return Txn(
        day,
        None,
        AREAS[area][0],
        [(expense_account(area), amount), (ACTIVITY_CASH, -amount)],
        "PC",
    )
