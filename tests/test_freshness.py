from __future__ import annotations

import datetime

from beancount.core import data

from ledger_engine.freshness import LATE_AFTER_DAYS, days_behind, is_late, last_entry_date

D = datetime.date


def _custom(day: datetime.date) -> data.Custom:
    return data.Custom(data.new_metadata("x", 1), day, "meeting", [("monthly", str)])


def test_last_entry_ignores_openings_and_the_future() -> None:
    entries = [
        data.Open(data.new_metadata("x", 1), D(2026, 1, 1), "Assets:IGF:Cash", None, None),
        _custom(D(2025, 3, 1)),
        _custom(D(2025, 9, 1)),
    ]
    assert last_entry_date(entries) == D(2025, 9, 1)
    assert last_entry_date(entries, as_of=D(2025, 6, 30)) == D(2025, 3, 1)
    assert last_entry_date([]) is None


def test_late_only_past_the_threshold() -> None:
    last = D(2025, 10, 31)
    assert days_behind(last, D(2025, 12, 15)) == LATE_AFTER_DAYS
    assert not is_late(last, D(2025, 12, 15))
    assert is_late(last, D(2025, 12, 16))
    assert not is_late(last, D(2025, 12, 16), threshold=46)
    assert is_late(None, D(2025, 12, 16))
