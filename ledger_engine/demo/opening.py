"""Opening balances for a club whose books start after its founding (``--years``).

The first day of the window carries what the club had built up: IGF cash and each capital
source, the activity fund, and every loan still owed. A loan carried over is booked as its own
transaction against ``Equity:Opening-Balances``, with the principal still owed, the
installments still to come (``term``) and the next due date (``first_due``), so the rules and
reports see an ordinary loan from that day on. The club, its regulation and its members keep
their real dates: who joined when is a fact the rules need.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ledger_engine.demo.entries import ACTIVITY_CASH, CASH, OPENING, Txn, round_down
from ledger_engine.demo.loans import Loan, draw_loan, tell
from ledger_engine.loans.schedule import build_schedule

if TYPE_CHECKING:
    from ledger_engine.demo.club import ClubSimulation


def _carried_loans(sim: ClubSimulation, budget: int) -> int:
    """Loans outstanding on the first day, as many as the club's borrowers and cash allow."""
    start = sim.start
    policy = sim.policy_at(start)
    profile = sim.plan.profile
    active = [p for p in sim.people if p.active(start)]
    candidates = [
        p
        for p in active
        if sim.wants[p.code] and (start - p.joined).days >= policy.min_membership_days + 30
    ]
    sim.rng.shuffle(candidates)
    wanted = round(len(active) * profile.borrowers * sim.rng.uniform(0.35, 0.55))
    first_due = start.replace(day=sim.plan.meeting_day)
    lent = 0
    for person in candidates[:wanted]:
        request = draw_loan(sim.rng, "", person, start, policy)
        paid = sim.rng.randint(0, request.term - 1)
        schedule = build_schedule(request.terms)
        owed = request.principal - int(sum(i.principal for i in schedule[:paid]))
        if owed > budget - lent:
            continue
        month = first_due.year * 12 + first_due.month - 1 - (paid + 1)
        loan = Loan(
            id=sim.next_loan_id(month // 12),
            person=person,
            day=start,
            principal=owed,
            term=request.term - paid,
            policy=policy,
            purpose=request.purpose,
            narration=request.narration,
            method=request.method,
            first_due=first_due,
        )
        if sim.accept(
            loan, tell(sim.rng, loan, profile.late, profile.default), paid_out=False
        ):
            lent += owed
    return lent


def opening_balances(sim: ClubSimulation) -> tuple[int, int]:
    """Book the first day's balances; return the IGF and activity cash on hand."""
    start = sim.start
    before = [c for c in sim.capital if c.day < start]
    capital: dict[str, int] = {}
    for item in before:
        capital[item.account] = capital.get(item.account, 0) + item.amount
    igf = sum(c.amount for c in before if c.fund == CASH)
    years = Decimal((start - sim.plan.founded).days) / 365
    retained = round_down(igf * Decimal(sim.rng.uniform(0.03, 0.06)) * years)
    first = len(sim.entries)
    lent = _carried_loans(sim, igf + retained - round_down(igf // 10))
    cash = igf + retained - lent
    activity = sim.rng.randint(1, 6) * 1_000_000
    postings = [(CASH, cash), (ACTIVITY_CASH, activity)]
    postings += [(account, -amount) for account, amount in sorted(capital.items())]
    postings.append((OPENING, -sum(n for _, n in postings)))
    sim.entries.insert(first, Txn(start, None, "Số dư đầu kỳ", postings))
    return cash, activity
