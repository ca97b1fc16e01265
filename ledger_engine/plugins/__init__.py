"""The club's rule chain: one ``plugin`` line runs every rule of SPEC §4.

    option "operating_currency" "VND"
    plugin "ledger_engine.plugins"

Each rule family lives in its own module and can also be enabled alone, e.g.
``plugin "ledger_engine.plugins.cash"``. The chain reads the book once into a ``ClubBook``
and hands that view to every rule, so a rule never walks the registry again.
"""

from __future__ import annotations

from typing import Any

from beancount.core import data

from ledger_engine.plugins.amounts import whole_vnd
from ledger_engine.plugins.base import Rule, run_rules
from ledger_engine.plugins.cash import cash_never_negative
from ledger_engine.plugins.directives import well_formed_directives
from ledger_engine.plugins.eligibility import loan_eligibility
from ledger_engine.plugins.loan_links import postings_tied_to_one_loan
from ledger_engine.plugins.repayments import loan_repayments

__plugins__ = ("run_chain",)

#: The rules in the order they run; later issues add theirs here.
RULES: tuple[Rule, ...] = (
    well_formed_directives,
    whole_vnd,
    postings_tied_to_one_loan,
    cash_never_negative,
    loan_eligibility,
    loan_repayments,
)


def run_chain(
    entries: list[data.Directive], options_map: dict[str, Any], config: Any = None
) -> tuple[list[data.Directive], list[Any]]:
    """Beancount entry point: run every rule, return the entries untouched and the errors."""
    return run_rules(RULES, entries, options_map)
