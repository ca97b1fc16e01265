"""One loan's whole story, drawn on the day it is made: disbursement, repayments, and what
goes wrong — late installments, a reschedule, or a default that ends in a write-off and now
and then a recovery.

Every repayment pays installments of the schedule ``build_schedule`` gives for the loan's
terms (``terms_for`` the policy in force), so the books and the rules share one arithmetic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from ledger_engine.book import loan_account
from ledger_engine.demo.entries import (
    CASH,
    INTEREST,
    LOSSES,
    OPENING,
    RECOVERIES,
    Custom,
    Entry,
    MetaValue,
    Txn,
    part_of,
)
from ledger_engine.demo.roster import END, Person
from ledger_engine.loans.schedule import Installment, Terms, build_schedule, terms_for
from ledger_engine.registry import LoanPolicy, Method

PURPOSES: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("livestock", ("Vay nuôi heo", "Vay nuôi bò", "Vay nuôi dê", "Vay nuôi gà"), 45),
    (
        "crops",
        ("Vay trồng cà phê", "Vay trồng mì", "Vay trồng lúa nước", "Vay trồng rau"),
        35,
    ),
    ("trade", ("Vay buôn bán nhỏ", "Vay mở quán tạp hóa", "Vay bán hàng ăn sáng"), 15),
    ("handicraft", ("Vay dệt thổ cẩm", "Vay đan lát mây tre"), 5),
)
PRINCIPALS = (
    (3, 4),
    (4, 3),
    (5, 5),
    (6, 2),
    (7, 2),
    (8, 1),
    (10, 1),
)  # million VND, weight
TERMS = ((6, 3), (9, 1), (12, 5), (18, 1), (24, 1))  # months, weight
RESCHEDULED = 0.02  # share of loans the board reschedules
NEVER = date.max


@dataclass(frozen=True, slots=True)
class Loan:
    id: str
    person: Person
    day: date
    principal: int
    term: int
    policy: LoanPolicy
    purpose: str
    narration: str
    method: Method | None = None  # the loan's own method, when not the policy's
    first_due: date | None = None  # set on loans carried into opening balances

    @property
    def terms(self) -> Terms:
        return terms_for(
            self.policy,
            Decimal(self.principal),
            self.day,
            term=self.term,
            method=self.method,
            first_due=self.first_due,
        )


@dataclass(slots=True)
class Story:
    """What a loan puts into the book and into the till, and when the member may borrow again."""

    entries: list[Entry] = field(default_factory=list)
    inflows: list[tuple[date, int, int]] = field(
        default_factory=list
    )  # day, cash, interest
    free_from: date = NEVER  # NEVER: the member is not lent to again

    def add(self, entry: Txn, interest: int = 0) -> None:
        if entry.date > END:
            return
        self.entries.append(entry)
        cash = sum(n for account, n in entry.postings if account == CASH)
        if cash:
            self.inflows.append((entry.date, cash, interest))


def draw_loan(
    rng: random.Random, loan_id: str, person: Person, day: date, policy: LoanPolicy
) -> Loan:
    """A request as members make them: mostly 3–6 million for a year, within the policy."""
    purpose, narrations, _ = rng.choices(PURPOSES, [w for *_, w in PURPOSES])[0]
    cap = int(policy.max_principal) // 1_000_000
    millions = [m for m, _ in PRINCIPALS if m <= cap] or [cap]
    weights = [w for m, w in PRINCIPALS if m <= cap] or [1]
    terms = [(t, w) for t, w in TERMS if t <= policy.max_term] or [(policy.max_term, 1)]
    method = None
    if purpose == "crops" and rng.random() < 0.25:
        # A harvest loan: interest monthly, the principal when the crop is sold.
        method = Method.BULLET
        terms = [(t, w) for t, w in terms if t <= 12] or terms[:1]
    return Loan(
        id=loan_id,
        person=person,
        day=day,
        principal=rng.choices(millions, weights)[0] * 1_000_000,
        term=rng.choices([t for t, _ in terms], [w for _, w in terms])[0],
        policy=policy,
        purpose=purpose,
        narration=rng.choice(narrations),
        method=method,
    )


def disbursement(loan: Loan) -> Txn:
    meta: dict[str, MetaValue] = {"term": loan.term}
    if loan.method is not None:
        meta["method"] = loan.method.value
    if loan.first_due is not None:
        meta["first_due"] = loan.first_due
    meta["purpose"] = loan.purpose
    account = loan_account(loan.person.code)
    if loan.first_due is not None:
        return Txn(
            loan.day,
            loan.person.name,
            f"Số dư đầu kỳ khoản vay {loan.id}",
            [(account, loan.principal), (OPENING, -loan.principal)],
            None,
            meta,
            (loan.id,),
        )
    return Txn(
        loan.day,
        loan.person.name,
        loan.narration,
        [(account, loan.principal), (CASH, -loan.principal)],
        "PC",
        meta,
        (loan.id,),
    )


def repayment(loan: Loan, day: date, parts: list[Installment], label: str = "") -> Txn:
    principal = int(sum(i.principal for i in parts))
    interest = int(sum(i.interest for i in parts))
    first, last = parts[0].n, parts[-1].n
    narration = label or (
        f"Trả nợ kỳ {first}" if first == last else f"Trả nợ kỳ {first}–{last}"
    )
    postings = [(CASH, principal + interest)]
    if principal:
        postings.append((loan_account(loan.person.code), -principal))
    if interest:
        postings.append((INTEREST, -interest))
    return Txn(day, loan.person.name, narration, postings, "PT", links=(loan.id,))


def _pay(story: Story, loan: Loan, plan: list[tuple[date, Installment]]) -> None:
    """Installments paid on the given days; several paid on one day make one receipt."""
    groups: list[tuple[date, list[Installment]]] = []
    for day, installment in plan:
        if groups and groups[-1][0] == day:
            groups[-1][1].append(installment)
        else:
            groups.append((day, [installment]))
    for day, parts in groups:
        story.add(repayment(loan, day, parts), int(sum(i.interest for i in parts)))


def _on_time(
    rng: random.Random, after: date, schedule: tuple[Installment, ...], late: float = 0.0
) -> list[tuple[date, Installment]]:
    """Pay days: on the due date or a little before it, or ``late`` of them weeks after."""
    plan = []
    last = after + timedelta(days=1)
    for installment in schedule:
        if rng.random() < late:
            day = installment.due + timedelta(days=rng.randint(3, 45))
        else:
            day = installment.due - timedelta(days=rng.choice((0, 0, 0, 0, 1, 2, 3)))
        last = max(day, last)
        plan.append((last, installment))
    return plan


def tell(rng: random.Random, loan: Loan, late: float, default: float) -> Story:
    """The loan's story: disbursement, then how it is repaid, all up to the end of 2025."""
    story = Story()
    story.entries.append(disbursement(loan))
    schedule = build_schedule(loan.terms)
    draw = rng.random()
    if draw < default and loan.term > 1:
        _default(rng, story, loan, schedule)
    elif draw < default + RESCHEDULED and loan.term > 3:
        _reschedule(rng, story, loan, schedule)
    else:
        plan = _on_time(rng, loan.day, schedule, 0.35 if draw < default + late else 0.0)
        _pay(story, loan, plan)
        story.free_from = plan[-1][0] if plan[-1][0] <= END else NEVER
    return story


def _default(
    rng: random.Random, story: Story, loan: Loan, schedule: tuple[Installment, ...]
) -> None:
    """A few installments paid, then nothing; written off months later, if by 2025."""
    paid = rng.randint(0, len(schedule) - 2)
    _pay(story, loan, _on_time(rng, loan.day, schedule[:paid]))
    owed = loan.principal - int(sum(i.principal for i in schedule[:paid]))
    written = schedule[-1].due + timedelta(days=rng.randint(120, 720))
    if loan.person.left is not None:
        written = min(written, loan.person.left)
    tags, links = ("write-off",), (loan.id,)
    story.add(
        Txn(
            written,
            loan.person.name,
            f"Xóa nợ khoản vay {loan.id} theo biên bản họp",
            [(LOSSES, owed), (loan_account(loan.person.code), -owed)],
            links=links,
            tags=tags,
        )
    )
    if rng.random() < 0.35:
        back = part_of(owed, rng.uniform(0.2, 0.7))
        day = written + timedelta(days=rng.randint(30, 300))
        story.add(
            Txn(
                day,
                loan.person.name,
                f"Thu hồi nợ đã xóa {loan.id}",
                [(CASH, back), (RECOVERIES, -back)],
                "PT",
                links=links,
            )
        )


def _reschedule(
    rng: random.Random, story: Story, loan: Loan, schedule: tuple[Installment, ...]
) -> None:
    """Installments missed after a hard season; the member pays the overdue interest and one
    installment's principal, and the board spreads what is left over a longer term."""
    paid = rng.randint(1, len(schedule) - 3)
    missed = rng.randint(1, 2)
    _pay(story, loan, _on_time(rng, loan.day, schedule[:paid]))
    behind = schedule[paid : paid + missed]
    day = behind[-1].due + timedelta(days=rng.randint(10, 25))
    catch_up = [i._replace(principal=Decimal(0)) for i in behind]
    catch_up[0] = behind[0]
    story.add(
        repayment(loan, day, catch_up, "Trả lãi quá hạn và một phần gốc"),
        int(sum(i.interest for i in behind)),
    )
    owed = loan.principal - int(sum(i.principal for i in schedule[: paid + 1]))
    term = min(loan.policy.max_term, len(schedule) - paid - 1 + rng.randint(2, 6))
    if day > END:
        return
    story.entries.append(Custom(day, "loan-reschedule", (loan.id,), {"term": term}))
    terms = replace(
        loan.terms,
        principal=Decimal(owed),
        start=day,
        first_due=None,
        term=term,
        grace=0,
        interest_grace=0,
    )
    plan = _on_time(rng, day, build_schedule(terms))
    _pay(story, loan, plan)
    story.free_from = plan[-1][0] if plan[-1][0] <= END else NEVER
