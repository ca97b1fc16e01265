"""The loan rules of SPEC §4 (1–4 and 6) as one family.

    plugin "ledger_engine.plugins.loan_rules"

runs ``eligibility`` (rules 1–4: who may borrow, how much, on what terms) and ``repayments``
(rule 6: every movement names a known, disbursed loan; balances never negative). Both read the
book's loans once through ``ledger_engine.loans.ledger.loans_of``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ledger_engine.book import ClubBook
from ledger_engine.errors import LoanRuleError
from ledger_engine.plugins.base import standalone
from ledger_engine.plugins.eligibility import loan_eligibility
from ledger_engine.plugins.repayments import loan_repayments


def loan_rules(book: ClubBook) -> Iterator[LoanRuleError]:
    yield from loan_eligibility(book)
    yield from loan_repayments(book)


plugin = standalone(loan_rules)
__plugins__ = ("plugin",)
