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

import datetime
from collections.abc import Iterator
from decimal import Decimal

from ledger_engine.account_words import account_words
from ledger_engine.book import ClubBook, member_of_account
from ledger_engine.errors import LoanRuleError
from ledger_engine.i18n import N_, _, grouped
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
    strict = any(policy.strict_split for policy in book.registry.policies)
    for loan in view.loans.values():
        yield from _balance(book, loan)
        if loan.recoveries:
            yield from _recoveries(book, loan)
        if strict:
            yield from _strict_split(book, loan)


#: What a stray movement looked like, alone and as "… of loan L…".
KINDS = {
    "repayment": (N_("Repayment"), N_("Repayment of loan")),
    "write-off": (N_("Write-off"), N_("Write-off of loan")),
    "recovery": (N_("Recovery"), N_("Recovery of loan")),
    "disbursement": (N_("Disbursement"), N_("Disbursement of loan")),
}


def _kind(kind: str, of_loan: bool = False) -> str:
    words = KINDS.get(kind)
    if words is None:
        return kind.capitalize()
    return _(words[1] if of_loan else words[0])


def _who(book: ClubBook, loan: Loan, noun: str | None = None) -> str:
    return loan_label(book, loan.id, loan.member, noun)


def _member_name(book: ClubBook, code: str) -> str:
    member = book.members_by_code.get(code)
    return f"{code} {member.name}" if member else code


def _stray_error(book: ClubBook, view: LoanBook, stray: Stray) -> LoanRuleError:
    loan = view.loans.get(stray.loan or "")
    amount, account = grouped(stray.amount), account_words(stray.account)
    if stray.problem is Problem.UNTIED:
        message = _(
            "Recovery of {amount} VND on {account} names no loan; link the transaction to "
            "the written-off loan (^loan id) or give the posting loan metadata"
        ).format(amount=amount, account=account)
    elif loan is None:
        message = _(
            "{kind} of {amount} VND on {account} names loan {loan}, but no transaction "
            "disburses it; a repayment must name a known, disbursed loan"
        ).format(kind=_kind(stray.kind), amount=amount, account=account, loan=stray.loan)
    elif stray.problem is Problem.EARLY:
        message = _(
            "{label} on {date} comes before its disbursement on {disbursed}"
        ).format(
            label=_who(book, loan, _kind(stray.kind, of_loan=True)),
            date=stray.entry.date,
            disbursed=loan.date,
        )
    elif stray.problem is Problem.DISBURSED_AGAIN:
        message = _(
            "{label}: already disbursed on {date}; another {amount} VND lent under the "
            "same loan id needs a loan id of its own"
        ).format(label=_who(book, loan), date=loan.date, amount=amount)
    else:
        owner = member_of_account(stray.account) or "?"
        message = _(
            "{label} is posted to {account}, the account of {owner}; the loan was lent to "
            "{member} on {loan_account}"
        ).format(
            label=_who(book, loan, _("Repayment of loan")),
            account=account,
            owner=_member_name(book, owner),
            member=loan.member,
            loan_account=account_words(loan.account),
        )
    return LoanRuleError(stray.entry.meta, message, stray.entry)


def _reschedule_error(
    book: ClubBook, view: LoanBook, stray: StrayReschedule
) -> LoanRuleError:
    record = stray.record
    meta = {"filename": record.filename, "lineno": record.lineno}
    loan = view.loans.get(record.loan)
    if loan is None:
        message = _(
            "Reschedule of unknown loan {loan}: no transaction disburses it; a reschedule "
            "must name a known loan"
        ).format(loan=record.loan)
    else:
        message = _(
            "{label} on {date} comes before its disbursement on {disbursed}"
        ).format(
            label=_who(book, loan, _("Reschedule of loan")),
            date=record.date,
            disbursed=loan.date,
        )
    return LoanRuleError(meta, message, None)


def _order(item: Repayment | Movement) -> tuple[object, ...]:
    return (item.entry.date, item.entry.meta.get("lineno", 0))


def _balance(book: ClubBook, loan: Loan) -> Iterator[LoanRuleError]:
    """The first transaction that takes the loan below zero, or writes off other than
    all the principal left (SPEC §2)."""
    if not loan.write_offs and loan.outstanding_at(datetime.date.max) >= 0:
        # Repayments only lower the balance: it never went below zero if it ends above.
        return
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
                _(
                    "{label}: this transaction takes the balance to {balance} VND (lent "
                    "{lent} VND); a loan balance never goes below zero"
                ).format(
                    label=_who(book, loan),
                    balance=grouped(balance),
                    lent=grouped(loan.principal),
                ),
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
        amount=grouped(write_off.amount),
        date=write_off.date,
        outstanding=grouped(outstanding),
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
                _(
                    "{label}: recoveries reach {recovered} VND, more than the {written} VND "
                    "written off; a recovery never exceeds what was written off"
                ).format(
                    label=_who(book, loan),
                    recovered=grouped(recovered),
                    written=grouped(written),
                ),
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
                _(
                    "{label}: repayment of {total} VND is recorded as {principal} principal "
                    "+ {interest} interest; the allocation rule splits it {rule_principal} "
                    "+ {rule_interest} (the policy '{policy}' asks for strict splits)"
                ).format(
                    label=_who(book, loan),
                    total=grouped(total),
                    principal=grouped(repayment.principal),
                    interest=grouped(repayment.interest),
                    rule_principal=grouped(split.principal),
                    rule_interest=grouped(split.interest),
                    policy=policy.name,
                ),
                repayment.entry,
            )


plugin = standalone(loan_repayments)
__plugins__ = ("plugin",)
