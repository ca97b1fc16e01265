"""A loan's terms and schedules: the policy in force, the loan's own overrides, reschedules.

A disbursement may override the policy with transaction metadata ``term``, ``rate``,
``method``, ``grace``, ``interest_grace`` and ``first_due``. An override that cannot be read
is reported (rule 4) and the policy's value stands in for it, so that the loan still has a
schedule to measure arrears against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger_engine.i18n import _
from ledger_engine.loans.loan import Segment
from ledger_engine.loans.schedule import Terms, terms_for
from ledger_engine.registry import LoanPolicy, LoanReschedule, Method

_METHOD_NAMES = frozenset(m.value for m in Method)
KNOWN_METHODS = ", ".join(m.value for m in Method)


def _whole(value: Any, least: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return None
    if value != int(value) or value < least:
        return None
    return int(value)


def _overrides(meta: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    """The loan's own terms from its disbursement's metadata; bad ones become problems."""
    found: dict[str, Any] = {}
    for key, least in (("term", 1), ("grace", 0)):
        if key in meta:
            number = _whole(meta[key], least)
            if number is None:
                problems.append(
                    _("{key} {value} is not a whole number of months").format(
                        key=key, value=meta[key]
                    )
                )
            else:
                found[key] = number
    if "interest_grace" in meta:
        number = _whole(meta["interest_grace"], 0)
        if number is None:
            problems.append(
                _("interest_grace {value} is not a whole number").format(
                    value=meta["interest_grace"]
                )
            )
        else:
            found["interest_grace"] = number
    if "rate" in meta:
        rate = meta["rate"]
        if isinstance(rate, Decimal) and rate >= 0:
            found["rate"] = rate
        else:
            problems.append(
                _("rate {rate} is not a known rate (a percentage such as 0.5)").format(
                    rate=repr(rate)
                )
            )
    if "method" in meta:
        method = meta["method"]
        if method in _METHOD_NAMES:
            found["method"] = Method(method)
        else:
            problems.append(
                _("method {method} is not known (known: {known})").format(
                    method=repr(method), known=KNOWN_METHODS
                )
            )
    if "first_due" in meta:
        if isinstance(meta["first_due"], date):
            found["first_due"] = meta["first_due"]
        else:
            problems.append(
                _("first_due {value} is not a date").format(value=repr(meta["first_due"]))
            )
    return found


def loan_segments(
    policy: LoanPolicy | None, principal: Decimal, entry: data.Transaction
) -> tuple[tuple[Segment, ...], tuple[str, ...]]:
    """The loan's original segment and the problems with its terms (rule 4)."""
    problems: list[str] = []
    overrides = _overrides(entry.meta, problems)
    if policy is None:
        return (Segment(entry.date, None),), tuple(problems)
    terms = terms_for(policy, principal, entry.date, **overrides)
    first_due = terms.first_due
    if first_due is not None and first_due < entry.date:
        problems.append(
            _("first due date {date} comes before the disbursement").format(date=first_due)
        )
        terms = replace(terms, first_due=None)
    return (_segment(entry.date, terms, None, problems),), tuple(problems)


def _segment(
    start: date, terms: Terms, record: LoanReschedule | None, problems: list[str]
) -> Segment:
    unusable = terms.problems()
    problems.extend(unusable)
    return Segment(start, terms, record, tuple(unusable))


def rescheduled_segment(current: Segment, record: LoanReschedule, owed: Decimal) -> Segment:
    """The schedule a reschedule sets up for the principal ``owed`` from its date on.

    What it does not say is kept: the rate and method of the schedule it replaces and as many
    installments as that one still had to run (at least one); grace is only what it grants.
    """
    if current.terms is None:
        return Segment(record.date, None, record)
    remaining = sum(1 for i in current.schedule if i.due > record.date) or 1
    old = current.terms
    terms = replace(
        old,
        principal=owed,
        start=record.date,
        first_due=None,
        term=record.term if record.term is not None else remaining,
        grace=record.grace if record.grace is not None else 0,
        interest_grace=0,
        rate=record.rate if record.rate is not None else old.rate,
        method=record.method if record.method is not None else old.method,
    )
    return _segment(record.date, terms, record, [])
