"""Due dates of monthly installments (SPEC §3).

Every due date is counted from the anchor itself, never from the previous due date, so a
loan anchored on 31 January falls due on 28/29 February and back on 31 March, not on the
28th ever after. ``relativedelta`` clamps to the month's end; ``rrule`` would skip short
months instead.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta


def due_date(anchor: date, months: int) -> date:
    """``anchor`` plus ``months`` months, clamped to the end of a shorter month."""
    result: date = anchor + relativedelta(months=months)
    return result


def due_dates(anchor: date, count: int, *, include_anchor: bool = False) -> list[date]:
    """The ``count`` due dates of a loan.

    With ``include_anchor=False`` the anchor is the disbursement date and the first
    installment falls due one month after it; with ``include_anchor=True`` the anchor is an
    explicit first due date (e.g. the club's meeting day) and is itself the first due date.
    """
    first = 0 if include_anchor else 1
    return [due_date(anchor, k) for k in range(first, first + count)]
