"""Rules 1–4: who may borrow, how much, for how long, on what terms.

    plugin "ledger_engine.plugins.eligibility"

    2016-05-01 custom "loan-policy" "standard"
      max_principal: 10000000 VND
      max_term: 24
      max_active_loans: 1
      min_membership_days: 90

    2024-03-05 * "Nguyễn Thị Hoa" "Vay nuôi heo" ^L2024-007     ; error here if M001 joined
      term: 36                                                   ; less than 90 days ago, has
      Assets:IGF:Loans:M001     12000000 VND                     ; another loan outstanding or
      Assets:IGF:Cash          -12000000 VND                     ; overdue, or the terms exceed
                                                                 ; the policy
Each disbursement is judged by the policy in force on its date:

1. the borrower is a member that day and has been for ``min_membership_days``;
2. no installment of another loan of the borrower is overdue that day (beyond
   ``tolerance_days``; repayments made the same day count);
3. with this loan the borrower holds at most ``max_active_loans`` loans with principal owed;
4. principal ≤ ``max_principal``, term ≤ ``max_term``, method and rate known, a policy in force.

A written-off loan is off the books: it neither counts as active nor as overdue.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ledger_engine.book import ClubBook
from ledger_engine.errors import LoanRuleError
from ledger_engine.i18n import _
from ledger_engine.loans.ledger import loan_label, loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.plugins.base import standalone
from ledger_engine.registry import LoanReschedule


def loan_eligibility(book: ClubBook) -> Iterator[LoanRuleError]:
    view = loans_of(book)
    for loan in view.loans.values():
        earlier = _earlier_loans(view.by_member.get(loan.member, ()), loan)
        yield from _terms(book, loan)
        yield from _membership(book, loan)
        if loan.policy is not None:
            yield from _arrears_elsewhere(book, loan, earlier)
            yield from _active_loans(book, loan, earlier)
    yield from _reschedule_terms(book, view.loans.values())


def _error(book: ClubBook, loan: Loan, message: str) -> LoanRuleError:
    label = loan_label(book, loan.id, loan.member)
    return LoanRuleError(loan.disbursement.meta, f"{label}: {message}", loan.disbursement)


def _earlier_loans(loans: tuple[Loan, ...], loan: Loan) -> list[Loan]:
    """The borrower's loans disbursed before this one (in book order on the same day)."""
    found = []
    for other in loans:
        if other is loan:
            break
        found.append(other)
    return found


def _membership(book: ClubBook, loan: Loan) -> Iterator[LoanRuleError]:
    """Rule 1."""
    member = book.members_by_code.get(loan.member)
    if member is None:
        yield _error(
            book,
            loan,
            f"{loan.member} is not in the club's member list; only members may borrow",
        )
        return
    if not book.is_active(loan.member, loan.date):
        leaving = book.exits_by_code.get(loan.member)
        why = (
            f"joins only on {member.joined}"
            if member.joined > loan.date
            else f"left the club on {leaving.date if leaving else '?'}"
        )
        yield _error(
            book,
            loan,
            f"disbursed on {loan.date} to a borrower who {why}; only members may borrow",
        )
        return
    needed = loan.policy.min_membership_days if loan.policy else 0
    days = (loan.date - member.joined).days
    if days < needed:
        name = loan.policy.name if loan.policy else "?"
        yield _error(
            book,
            loan,
            f"the borrower has been a member for {days} days (joined {member.joined}); "
            f"the policy '{name}' requires {needed} days of membership before borrowing",
        )


def _arrears_elsewhere(
    book: ClubBook, loan: Loan, earlier: list[Loan]
) -> Iterator[LoanRuleError]:
    """Rule 2."""
    for other in earlier:
        if other.outstanding_at(loan.date) <= 0:
            continue  # repaid or written off: nothing can be overdue (Loan.state)
        state = other.state(loan.date)
        if state.dpd > 0:
            yield _error(
                book,
                loan,
                f"disbursed on {loan.date} while loan {other.id} is {state.dpd} days "
                f"overdue ({state.overdue_principal:,} VND principal and "
                f"{state.overdue_interest:,} VND interest unpaid); a member in arrears "
                "may not borrow again",
            )


def _active_loans(
    book: ClubBook, loan: Loan, earlier: list[Loan]
) -> Iterator[LoanRuleError]:
    """Rule 3."""
    assert loan.policy is not None
    active = [
        other.id
        for other in earlier
        if other.outstanding_at(loan.date) > 0 and not other.is_written_off(loan.date)
    ]
    allowed = loan.policy.max_active_loans
    if len(active) + 1 > allowed:
        held = ", ".join(active)
        yield _error(
            book,
            loan,
            f"with this loan the borrower holds {len(active) + 1} active loans on "
            f"{loan.date} (also {held}); the policy '{loan.policy.name}' allows at most "
            f"{allowed}",
        )


def _terms(book: ClubBook, loan: Loan) -> Iterator[LoanRuleError]:
    """Rule 4."""
    policy = loan.policy
    if policy is None:
        yield _error(
            book,
            loan,
            f'no loan policy is in force on {loan.date}; add a custom "loan-policy" '
            "dated on or before the first loan",
        )
        return
    if loan.principal > policy.max_principal:
        yield _error(
            book,
            loan,
            f"principal {loan.principal:,} VND exceeds the policy maximum "
            f"{policy.max_principal:,} VND",
        )
    if loan.term is not None and loan.term > policy.max_term:
        yield _error(
            book,
            loan,
            f"term {loan.term} months exceeds the policy maximum {policy.max_term} months",
        )
    for problem in loan.term_problems:
        yield _error(book, loan, f"{problem}; a loan's terms must be known to schedule it")


def _reschedule_terms(book: ClubBook, loans: Iterable[Loan]) -> Iterator[LoanRuleError]:
    """Rule 4 for the terms a reschedule sets."""
    for loan in loans:
        for segment in loan.segments[1:]:
            record = segment.reschedule
            if record is None:
                continue
            label = loan_label(book, loan.id, loan.member, "Reschedule of loan")
            meta = {"filename": record.filename, "lineno": record.lineno}
            for problem in [*segment.problems, *_reschedule_limit(book, loan, record)]:
                yield LoanRuleError(meta, f"{label} on {record.date}: {problem}", None)


def _reschedule_limit(book: ClubBook, loan: Loan, record: LoanReschedule) -> list[str]:
    """A reschedule may not lend for longer than the regulation in force on its date."""
    policy = book.policy_at(record.date) or loan.policy
    if policy is None or record.term is None or record.term <= policy.max_term:
        return []
    return [
        _(
            "term {term} months exceeds the maximum {most} months of the policy '{policy}'"
        ).format(term=record.term, most=policy.max_term, policy=policy.name)
    ]


plugin = standalone(loan_eligibility)
__plugins__ = ("plugin",)
