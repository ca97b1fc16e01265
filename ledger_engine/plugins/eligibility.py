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
from ledger_engine.i18n import _, grouped
from ledger_engine.loans.ledger import loan_label, loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.member_groups import is_active
from ledger_engine.plugins.base import standalone
from ledger_engine.registry import LoanReschedule


def loan_eligibility(book: ClubBook) -> Iterator[LoanRuleError]:
    view = loans_of(book)
    for loan in view.loans.values():
        yield from _terms(book, loan)
        yield from _membership(book, loan)
        if loan.policy is not None:
            # The borrower's earlier loans still owing that day: rules 2 and 3 ask of them.
            owing = [
                other
                for other in _earlier_loans(view.by_member.get(loan.member, ()), loan)
                if other.outstanding_at(loan.date) > 0
            ]
            if owing:
                yield from _arrears_elsewhere(book, loan, owing)
            yield from _active_loans(book, loan, owing)
    yield from _reschedule_terms(book, view.loans.values())


def _error(book: ClubBook, loan: Loan, message: str) -> LoanRuleError:
    label = loan_label(book, loan.id, loan.member)
    return LoanRuleError(
        loan.disbursement.meta,
        _("{label}: {message}").format(label=label, message=message),
        loan.disbursement,
    )


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
            _("{member} is not in the club's member list; only members may borrow").format(
                member=loan.member
            ),
        )
        return
    day = loan.date
    leaving = book.exits_by_code.get(loan.member)
    if not is_active(member, leaving, day):
        if member.joined > day:
            why = _(
                "disbursed on {date} to a borrower who joins only on {joined}; only "
                "members may borrow"
            ).format(date=loan.date, joined=member.joined)
        else:
            why = _(
                "disbursed on {date} to a borrower who left the club on {left}; only "
                "members may borrow"
            ).format(date=loan.date, left=leaving.date if leaving else "?")
        yield _error(book, loan, why)
        return
    needed = loan.policy.min_membership_days if loan.policy else 0
    days = (day - member.joined).days
    if days < needed:
        name = loan.policy.name if loan.policy else "?"
        yield _error(
            book,
            loan,
            _(
                "the borrower has been a member for {days} days (joined {joined}); the "
                "policy '{policy}' requires {needed} days of membership before borrowing"
            ).format(days=days, joined=member.joined, policy=name, needed=needed),
        )


def _arrears_elsewhere(
    book: ClubBook, loan: Loan, owing: list[Loan]
) -> Iterator[LoanRuleError]:
    """Rule 2; ``owing``: the borrower's earlier loans with principal outstanding (a loan
    repaid or written off has nothing overdue)."""
    for other in owing:
        state = other.state(loan.date)
        if state.dpd > 0:
            yield _error(
                book,
                loan,
                _(
                    "disbursed on {date} while loan {other} is {dpd} days overdue "
                    "({principal} VND principal and {interest} VND interest unpaid); a "
                    "member in arrears may not borrow again"
                ).format(
                    date=loan.date,
                    other=other.id,
                    dpd=state.dpd,
                    principal=grouped(state.overdue_principal),
                    interest=grouped(state.overdue_interest),
                ),
            )


def _active_loans(book: ClubBook, loan: Loan, owing: list[Loan]) -> Iterator[LoanRuleError]:
    """Rule 3; ``owing`` as for rule 2."""
    assert loan.policy is not None
    allowed = loan.policy.max_active_loans
    if len(owing) + 1 <= allowed:
        return
    active = [other.id for other in owing if not other.is_written_off(loan.date)]
    if len(active) + 1 > allowed:
        held = ", ".join(active)
        yield _error(
            book,
            loan,
            _(
                "with this loan the borrower holds {count} active loans on {date} (also "
                "{held}); the policy '{policy}' allows at most {allowed}"
            ).format(
                count=len(active) + 1,
                date=loan.date,
                held=held,
                policy=loan.policy.name,
                allowed=allowed,
            ),
        )


def _terms(book: ClubBook, loan: Loan) -> Iterator[LoanRuleError]:
    """Rule 4."""
    policy = loan.policy
    if policy is None:
        yield _error(
            book,
            loan,
            _(
                'no loan policy is in force on {date}; add a custom "loan-policy" dated '
                "on or before the first loan"
            ).format(date=loan.date),
        )
        return
    if loan.principal > policy.max_principal:
        yield _error(
            book,
            loan,
            _("principal {amount} VND exceeds the policy maximum {most} VND").format(
                amount=grouped(loan.principal), most=grouped(policy.max_principal)
            ),
        )
    term = loan.term
    if term is not None and term > policy.max_term:
        yield _error(
            book,
            loan,
            _("term {term} months exceeds the policy maximum {most} months").format(
                term=term, most=policy.max_term
            ),
        )
    for problem in loan.term_problems:
        yield _error(
            book,
            loan,
            _("{problem}; a loan's terms must be known to schedule it").format(
                problem=problem
            ),
        )


def _reschedule_terms(book: ClubBook, loans: Iterable[Loan]) -> Iterator[LoanRuleError]:
    """Rule 4 for the terms a reschedule sets."""
    for loan in loans:
        for segment in loan.segments[1:]:
            record = segment.reschedule
            if record is None:
                continue
            label = loan_label(book, loan.id, loan.member, _("Reschedule of loan"))
            meta = {"filename": record.filename, "lineno": record.lineno}
            for problem in [*segment.problems, *_reschedule_limit(book, loan, record)]:
                message = _("{label} on {date}: {problem}").format(
                    label=label, date=record.date, problem=problem
                )
                yield LoanRuleError(meta, message, None)


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
