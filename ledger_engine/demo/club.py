"""One club's books, month by month, from its founding (or from the window's first day, with
opening balances) to the end of 2025.

Time only moves forward: receipts a loan will bring are promised to the ``Till`` when the loan
is made, and money is only lent, shared or spent out of what a fund holds on that day, so no
cash account ever goes negative.
"""

from __future__ import annotations

import calendar
import random
from datetime import date
from decimal import Decimal

from ledger_engine.demo.club_profiles import ClubPlan
from ledger_engine.demo.entries import (
    ACTIVITY_CASH,
    CASH,
    DONATIONS,
    FEES,
    SHARE_PAID,
    SHARE_RECEIVED,
    Custom,
    Entry,
    Txn,
    round_down,
)
from ledger_engine.demo.funds import (
    Till,
    activity_day,
    capital_plan,
    capital_txn,
    participants,
    spending,
    year_of_activities,
)
from ledger_engine.demo.geography import Province
from ledger_engine.demo.loans import NEVER, Loan, Story, draw_loan, tell
from ledger_engine.demo.opening import opening_balances
from ledger_engine.demo.registry import club_entries, member_entries, policies, policy_entry
from ledger_engine.demo.roster import END, Person, build_roster, months
from ledger_engine.registry import ACTIVITY_AREAS, LoanPolicy

DONATION_MONTHS = {1: "nhân dịp Tết Nguyên đán", 10: "nhân Ngày Quốc tế Người cao tuổi"}
DONATION_PAYEES = ("Hội Chữ thập đỏ xã", "Các nhà hảo tâm", "Doanh nghiệp trên địa bàn")


class ClubSimulation:
    def __init__(
        self, plan: ClubPlan, province: Province, window: date, scale: bool
    ) -> None:
        self.plan = plan
        self.province = province
        self.rng = random.Random(plan.seed)
        self.start = max(plan.founded, window)
        self.people = build_roster(self.rng, plan)
        self.policies = policies(self.rng, plan)
        self.capital = capital_plan(self.rng, plan, self.people, scale)
        self.wants = {
            p.code: self.rng.random() < plan.profile.borrowers for p in self.people
        }
        areas = list(ACTIVITY_AREAS)
        self.areas = (
            areas
            if plan.profile.areas >= 10
            else sorted(self.rng.sample(areas, plan.profile.areas))
        )
        self.fee = self.rng.choice((5_000, 10_000, 10_000, 20_000))
        self.till = Till()
        self.activity_cash = 0
        self.carry = 0
        self.entries: list[Entry] = []
        self.free_from: dict[str, date] = {}
        self.loan_numbers: dict[int, int] = {}

    def policy_at(self, day: date) -> LoanPolicy:
        found = self.policies[0]
        for policy in self.policies:
            if policy.date <= day:
                found = policy
        return found

    def run(self) -> list[Entry]:
        self._registry()
        if self.plan.founded < self.start:
            self.till.balance, self.activity_cash = opening_balances(self)
        for item in self.capital:
            if item.day >= self.start:
                self.entries.append(capital_txn(item))
                if item.fund == CASH:
                    self.till.expect(item.day, item.amount)
                else:
                    self.activity_cash += item.amount
        self._months()
        return self.entries

    def _registry(self) -> None:
        self.entries.extend(club_entries(self.plan, self.province))
        in_force = self.policy_at(self.start)
        for policy in self.policies:
            if policy is in_force or policy.date > self.start:
                self.entries.append(policy_entry(policy))
        for person in self.people:
            if person.left is None or person.left > self.start:
                self.entries.extend(member_entries(person))

    # --- loans ------------------------------------------------------------------------

    def next_loan_id(self, year: int) -> str:
        return f"L{year}-{self.loan_numbers.get(year, 0) + 1:03d}"

    def accept(self, loan: Loan, story: Story, *, paid_out: bool = True) -> bool:
        """Book the loan if its story fits its borrower's membership; ``False`` if not."""
        if not fits(story, loan.person):
            return False
        year = int(loan.id[1:5])
        self.loan_numbers[year] = self.loan_numbers.get(year, 0) + 1
        if paid_out:
            self.till.balance -= loan.principal
        for day, cash, interest in story.inflows:
            self.till.expect(day, cash, interest)
        self.entries.extend(story.entries)
        self.free_from[loan.person.code] = story.free_from
        return True

    def _lend(self, day: date, active: list[Person]) -> None:
        policy = self.policy_at(day)
        profile = self.plan.profile
        self.till.advance(day)
        asking = [
            p
            for p in active
            if self.wants[p.code]
            and (day - p.joined).days >= policy.min_membership_days
            and self.free_from.get(p.code, date.min) < day
        ]
        self.rng.shuffle(asking)
        for person in asking:
            if self.rng.random() >= profile.demand:
                continue
            loan = draw_loan(self.rng, self.next_loan_id(day.year), person, day, policy)
            if loan.principal > self.till.balance:
                continue
            self.accept(loan, tell(self.rng, loan, profile.late, profile.default))

    # --- the months -------------------------------------------------------------------

    def _months(self) -> None:
        held: set[int] = set()
        planned: dict[int, list[str]] = {}
        for year, month in months(self.start, END):
            if month == 1 or not held:
                held = set(self.rng.sample(range(1, 13), self.plan.profile.meetings))
                planned = year_of_activities(self.rng, self.areas, year)
            meeting = date(year, month, self.plan.meeting_day)
            if meeting > self.start:
                active = [p for p in self.people if p.active(meeting)]
                if month in held:
                    self._meeting(meeting, active)
                    self._lend(meeting, active)
                for area in planned.get(month, []):
                    self._activity(area, activity_day(self.rng, meeting), len(active))
            if month % 3 == 0:
                self._share(date(year, month, calendar.monthrange(year, month)[1]))

    def _meeting(self, day: date, active: list[Person]) -> None:
        attendance = round(len(active) * self.rng.uniform(0.6, 0.95))
        self.entries.append(Custom(day, "meeting", ("monthly", attendance)))
        fees = attendance * self.fee
        if fees:
            self._activity_income(
                Txn(
                    day,
                    None,
                    f"Thu hội phí tháng {day.month}/{day.year}",
                    [(ACTIVITY_CASH, fees), (FEES, -fees)],
                    "PT",
                )
            )
        occasion = DONATION_MONTHS.get(day.month)
        if occasion and self.rng.random() < 0.5:
            amount = self.rng.randint(5, 40) * 100_000
            payee = self.rng.choice(DONATION_PAYEES)
            self._activity_income(
                Txn(
                    day,
                    payee,
                    f"Ủng hộ quỹ hoạt động {occasion}",
                    [(ACTIVITY_CASH, amount), (DONATIONS, -amount)],
                    "PT",
                )
            )

    def _activity_income(self, txn: Txn) -> None:
        self.activity_cash += txn.postings[0][1]
        self.entries.append(txn)

    def _activity(self, area: str, day: date, active: int) -> None:
        count = participants(self.rng, area, active)
        self.entries.append(Custom(day, "activity", (area, count)))
        paid = spending(self.rng, area, day, count, self.activity_cash)
        if paid is not None:
            self.activity_cash += paid.postings[1][1]
            self.entries.append(paid)

    def _share(self, day: date) -> None:
        """The regulation's share of the quarter's interest moves to the activity fund."""
        if day <= self.start:
            return
        self.till.advance(day)
        percent = self.policy_at(day).interest_to_activity
        owed = round_down(Decimal(self.till.interest) * percent / 100) + self.carry
        self.till.interest = 0
        paid = min(owed, round_down(self.till.balance))
        self.carry = owed - paid
        if paid <= 0:
            return
        quarter = (day.month - 1) // 3 + 1
        self.entries.append(
            Txn(
                day,
                None,
                f"Chuyển {percent}% tiền lãi quý {quarter}/{day.year} sang quỹ hoạt động",
                [
                    (ACTIVITY_CASH, paid),
                    (CASH, -paid),
                    (SHARE_PAID, paid),
                    (SHARE_RECEIVED, -paid),
                ],
                "PC",
            )
        )
        self.till.balance -= paid
        self.activity_cash += paid


def fits(story: Story, person: Person) -> bool:
    """A loan must be settled (repaid or written off) before its borrower leaves the club."""
    if person.left is None or person.left > END:
        return True
    written_off = False
    for entry in story.entries:
        if isinstance(entry, Txn) and "write-off" in entry.tags:
            written_off = True
        elif entry.date >= person.left and not _is_recovery(entry):
            return False
    return written_off or story.free_from != NEVER


def _is_recovery(entry: Entry) -> bool:
    return isinstance(entry, Txn) and any(
        a.startswith("Income:IGF:Rec") for a, _ in entry.postings
    )
