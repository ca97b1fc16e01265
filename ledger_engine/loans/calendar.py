"""Due dates of monthly installments (SPEC §3).

Every due date is counted from the anchor itself, never from the previous due date, so a
loan anchored on 31 January falls due on 28/29 February and back on 31 March, not on the
28th ever after. This is ``anchor + relativedelta(months=k)`` (``rrule`` would skip short
months instead); it is computed directly because building the due dates of thousands of
loans on every load made ``relativedelta`` the costliest step of the rule chain. The tests
check that both always agree.
"""

from __future__ import annotations

from calendar import isleap
from datetime import date

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def due_date(anchor: date, months: int) -> date:
    """``anchor`` plus ``months`` months, clamped to the end of a shorter month."""
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    last = _DAYS_IN_MONTH[month0]
    if month0 == 1 and isleap(year):
        last = 29
    return date(year, month0 + 1, min(anchor.day, last))


def due_dates(anchor: date, count: int, *, include_anchor: bool = False) -> list[date]:
    """The ``count`` due dates of a loan.

    With ``include_anchor=False`` the anchor is the disbursement date and the first
    installment falls due one month after it; with ``include_anchor=True`` the anchor is an
    explicit first due date (e.g. the club's meeting day) and is itself the first due date.
    """
    first = 0 if include_anchor else 1
    # Month by month from the anchor (the same dates as ``due_date``; a schedule asks for
    # all of them at once, on every snapshot).
    day = anchor.day
    index = anchor.year * 12 + anchor.month - 1 + first
    found = []
    for _ in range(count):
        year, month0 = divmod(index, 12)
        last = _DAYS_IN_MONTH[month0]
        if month0 == 1 and isleap(year):
            last = 29
        found.append(date(year, month0 + 1, day if day <= last else last))
        index += 1
    return found
