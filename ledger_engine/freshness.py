"""How up to date a book is: the date of its last entry and whether that makes it late.

One home for the late-book rule, read by the province's reports (``coverage``, ``report``) and
by the club's Fava pages alike: a book whose last entry is more than ``LATE_AFTER_DAYS`` days
before the date of the figures is *late*, so nobody mistakes an un-updated book for a collapse
of repayments. Reports may take another threshold from their settings and pass it in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from beancount.core import data

#: Default number of days a book may trail the date of the figures before it is late.
LATE_AFTER_DAYS = 45

#: Entries that record something happening in the club (not account openings or prices).
_ACTIVITY_TYPES = (data.Transaction, data.Custom, data.Balance, data.Pad, data.Note)


def last_entry_date(
    entries: Iterable[data.Directive], as_of: datetime.date | None = None
) -> datetime.date | None:
    """The latest date of a transaction or club directive, on or before ``as_of`` if given."""
    latest: datetime.date | None = None
    for entry in entries:
        if not isinstance(entry, _ACTIVITY_TYPES):
            continue
        if as_of is not None and entry.date > as_of:
            continue
        if latest is None or entry.date > latest:
            latest = entry.date
    return latest


def days_behind(last: datetime.date | None, as_of: datetime.date) -> int | None:
    """Days from the last entry to ``as_of`` (``None`` for a book with no entries)."""
    return None if last is None else (as_of - last).days


def is_late(
    last: datetime.date | None, as_of: datetime.date, threshold: int = LATE_AFTER_DAYS
) -> bool:
    """True when the book's last entry is more than ``threshold`` days before ``as_of``."""
    behind = days_behind(last, as_of)
    return behind is None or behind > threshold
