"""One name, one meaning: a figure's name says the same thing in every model that holds it."""

from __future__ import annotations

import dataclasses
import typing
from decimal import Decimal

from pydantic import BaseModel

from ledger_engine.loans import portfolio as loan_portfolio
from ledger_engine.rollup import snapshot
from ledger_engine.rollup.tally import Tally
from reports.coverage import ClubLine

PYDANTIC: tuple[type[BaseModel], ...] = (
    snapshot.Funds,
    snapshot.Portfolio,
    snapshot.BasisFigures,
    snapshot.ClubFigures,
    Tally,
    ClubLine,
)


def _fields() -> dict[str, set[object]]:
    """Every field name of the models a report or page reads, with the types it has."""
    seen: dict[str, set[object]] = {}
    for model in PYDANTIC:
        for name, info in model.model_fields.items():
            seen.setdefault(name, set()).add(info.annotation)
    hints = typing.get_type_hints(loan_portfolio.Portfolio)
    for field in dataclasses.fields(loan_portfolio.Portfolio):
        seen.setdefault(field.name, set()).add(hints[field.name])
    return seen


def test_loans_outstanding_is_always_a_count() -> None:
    assert _fields()["loans_outstanding"] == {int}


def test_money_out_on_loans_has_its_own_name() -> None:
    assert _fields()["igf_loans"] == {Decimal}


def test_loans_disbursed_is_the_periods_count_and_to_date_says_so() -> None:
    fields = _fields()
    assert fields["loans_disbursed"] == {int}
    assert fields["loans_disbursed_to_date"] == {int}
    assert "loans_disbursed" not in snapshot.Portfolio.model_fields  # all-time there


def test_amounts_and_counts_keep_their_type_across_models() -> None:
    for name in ("glp", "at_risk_30", "igf_cash", "activity_fund", "collected_on_time"):
        assert _fields()[name] == {Decimal}, name
