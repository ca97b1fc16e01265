"""Policy and reschedule values beyond their bounds are directive errors; at the bound, none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import line_of

from ledger_engine.errors import DirectiveError
from ledger_engine.loading import load_book

POLICY = """
2016-01-01 custom "loan-policy" "standard"
  max_principal: 10000000 VND
  max_term: 24
  rate: 0.5
  {field}: {value}
"""


def _errors(path: Path) -> list[DirectiveError]:
    return [e for e in load_book(path).errors if isinstance(e, DirectiveError)]


@pytest.mark.parametrize(
    ("field", "at_bound", "beyond"),
    [
        ("max_principal", "1000000000000000 VND", "1000000000000001 VND"),
        ("max_term", "600", "601"),
        ("rate", "100", "100.01"),
        ("rounding", "1000000 VND", "1000001 VND"),
        ("rounding", "1 VND", "0.5 VND"),
        ("tolerance_days", "365", "366"),
        ("min_membership_days", "3650", "3651"),
        ("max_active_loans", "100", "101"),
    ],
)
def test_policy_bounds(
    write_book: Callable[..., Path], field: str, at_bound: str, beyond: str
) -> None:
    body = POLICY.replace(
        "  max_term: 24\n", "" if field == "max_term" else "  max_term: 24\n"
    )
    body = body.replace(
        "  max_principal: 10000000 VND\n",
        "" if field == "max_principal" else "  max_principal: 10000000 VND\n",
    )
    assert _errors(write_book(body.format(field=field, value=at_bound))) == []
    path = write_book(body.format(field=field, value=beyond))
    (error,) = _errors(path)
    assert error.source["lineno"] == line_of(path, "loan-policy")
    assert field in error.message


@pytest.mark.parametrize(("term", "errors"), [("600", 0), ("601", 1)])
def test_reschedule_term_bound(
    write_book: Callable[..., Path], term: str, errors: int
) -> None:
    path = write_book(f'2020-01-01 custom "loan-reschedule" "L1"\n  term: {term}\n')
    found = [e for e in _errors(path) if "loan-reschedule" in e.message]
    assert len(found) == errors
