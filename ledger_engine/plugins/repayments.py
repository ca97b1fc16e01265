"""Rule 6: repayments, write-offs, recoveries and reschedules name a known, disbursed loan.

    plugin "ledger_engine.plugins.repayments"

    2024-04-05 * "Nguyễn Thị Hoa" "Trả nợ kỳ 1" ^L2024-070     ; error: no loan L2024-070
      Assets:IGF:Cash            442000 VND
      Assets:IGF:Loans:M001     -417000 VND
      Income:IGF:Interest        -25000 VND

- the loan id exists, the loan was disbursed on or before the movement, and the loans account
  posted to is the borrower's own;
- a loan's balance never goes below zero, a write-off takes exactly the principal left on
  its date (all of it, SPEC §2), and recoveries never exceed what was written off;
- a ``loan-reschedule`` names a known loan, on or after its disbursement;
- when the policy in force says ``strict_split: TRUE``, a repayment's principal and interest
  must be split as the allocation rule splits its total (SPEC §3); otherwise any split is
  accepted as recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ledger_engine.book import ClubBook, member_of_account
from ledger_engine.errors import LoanRuleError
from ledger_engine.i18n import _
from ledger_engine.loans.ledger import LoanBook, StrayReschedule, loan_label, loans_of
from ledger_engine.loans.loan import ZERO, Loan, Movement, Repayment
from ledger_engine.loans.movements import Problem, Stray
from ledger_engine.loans.state import repayment_split
from ledger_engine.plugins.base import standalone


def loan_repayments(book: ClubBook) -> Iterator[LoanRuleError]:
    view = loans_of(book)
    for stray in view.strays:
        yield _stray_error(book, view, stray)
    for record in view.stray_reschedules:
        yield _reschedule_error(book, view, record)
    for loan in view.loans.values():
        yield from _balance(book, loan)
        yield from _recoveries(book, loan)
        yield from _strict_split(book, loan)


def _who(book: ClubBook, loan: Loan, noun: str = "Loan") -> str:
    return loan_label(book, loan.id, loan.member, noun)


def _member_name(book: ClubBook, code: str) -> str:
    member = book.members_by_code.get(code)
    return f"{code} {member.name}" if member else code


def _stray_error(book: ClubBook, view: LoanBook, stray: Stray) -> LoanRuleError:
    kind = stray.kind.capitalize()
    loan = view.loans.get(stray.loan or "")
    if stray.problem is Problem.UNTIED:
        message = (
            f"Recovery of {stray.amount:,} VND on {stray.account} names no loan; link the "
            "transaction to the written-off loan (^loan id) or give the posting loan metadata"
        )
    elif loan is None:
        message = (
            f"{kind} of {stray.amount:,} VND on {stray.account} names loan {stray.loan}, "
            "but no transaction disburses it; a repayment must name a known, disbursed loan"
        )
    elif stray.problem is Problem.EARLY:
        message = (
            f"{_who(book, loan, kind + ' of loan')} on {stray.entry.date} comes before its "
            f"disbursement on {loan.date}"
        )
    elif stray.problem is Problem.DISBURSED_AGAIN:
        message = (
            f"{_who(book, loan)}: already disbursed on {loan.date}; another "
            f"{stray.amount:,} VND lent under the same loan id needs a loan id of its own"
        )
    else:
        owner = member_of_account(stray.account) or "?"
        message = (
            f"{_who(book, loan, 'Repayment of loan')} is posted to {stray.account}, the "
            f"account of {_member_name(book, owner)}; the loan was lent to {loan.member} "
            f"on {loan.account}"
        )
    return LoanRuleError(stray.entry.meta, message, stray.entry)


def _reschedule_error(
    book: ClubBook, view: LoanBook, stray: StrayReschedule
) -> LoanRuleError:
    record = stray.record
    meta = {"filename": record.filename, "lineno": record.lineno}
    loan = view.loans.get(record.loan)
    if loan is None:
        message = (
            f"Reschedule of unknown loan {record.loan}: no transaction disburses it; "
            "a reschedule must name a known loan"
        )
    else:
        message = (
            f"{_who(book, loan, 'Reschedule of loan')} on {record.date} comes before its "
            f"disbursement on {loan.date}"
        )
    return LoanRuleError(meta, message, None)


def _order(item: Repayment | Movement) -> tuple[object, ...]:
    return (item.entry.date, item.entry.meta.get("lineno", 0))


def _balance(book: ClubBook, loan: Loan) -> Iterator[LoanRuleError]:
    """The first transaction that takes the loan below zero, or writes off other than
    all the principal left (SPEC §2)."""
    balance = loan.principal
    events: list[Repayment | Movement] = [*loan.repayments, *loan.write_offs]
    for event in sorted(events, key=_order):
        if isinstance(event, Movement):
            if event.amount != balance:
                yield _partial_write_off(book, loan, event, balance)
                return
            balance = ZERO
            continue
        balance -= event.principal
        if balance < 0:
            yield LoanRuleError(
                event.entry.meta,
                f"{_who(book, loan)}: this transaction takes the balance to {balance:,} VND "
                f"(lent {loan.principal:,} VND); a loan balance never goes below zero",
                event.entry,
            )
            return


def _partial_write_off(
    book: ClubBook, loan: Loan, write_off: Movement, outstanding: Decimal
) -> LoanRuleError:
    message = _(
        "{loan}: write-off of {amount} VND on {date}, but {outstanding} VND is "
        "outstanding that day; a write-off takes all the principal left"
    ).format(
        loan=_who(book, loan),
        amount=f"{write_off.amount:,}",
        date=write_off.date,
        outstanding=f"{outstanding:,}",
    )
    return LoanRuleError(write_off.entry.meta, message, write_off.entry)


def _recoveries(book: ClubBook, loan: Loan) -> Iterator[LoanRuleError]:
    """The first recovery that brings more back than was written off by its date."""
    recovered = ZERO
    for recovery in loan.recoveries:
        recovered += recovery.amount
        written = sum((w.amount for w in loan.write_offs if w.date <= recovery.date), ZERO)
        if recovered > written:
            yield LoanRuleError(
                recovery.entry.meta,
                f"{_who(book, loan)}: recoveries reach {recovered:,} VND, more than the "
                f"{written:,} VND written off; a recovery never exceeds what was written off",
                recovery.entry,
            )
            return


def _strict_split(book: ClubBook, loan: Loan) -> Iterator[LoanRuleError]:
    """Repayments split otherwise than the allocation rule, where the policy forbids it."""
    for k, repayment in enumerate(loan.repayments):
        policy = book.policy_at(repayment.date)
        if policy is None or not policy.strict_split:
            continue
        total: Decimal = repayment.principal + repayment.interest
        before = [r.payment for r in loan.repayments[:k]]
        split = repayment_split(loan, total, repayment.date, before)
        if split is None:
            continue  # rule 4 already reports terms that make no schedule
        if (split.principal, split.interest) != (repayment.principal, repayment.interest):
            yield LoanRuleError(
                repayment.entry.meta,
                f"{_who(book, loan)}: repayment of {total:,} VND is recorded as "
                f"{repayment.principal:,} principal + {repayment.interest:,} interest; the "
                f"allocation rule splits it {split.principal:,} + {split.interest:,} "
                f"(the policy '{policy.name}' asks for strict splits)",
                repayment.entry,
            )


plugin = standalone(loan_repayments)
__plugins__ = ("plugin",)
