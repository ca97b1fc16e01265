"""A club's units on any day, from the units entries its snapshot keeps."""

from __future__ import annotations

import datetime
from pathlib import Path

from helpers import ROOT

from ledger_engine.rollup import take_snapshot
from ledger_engine.rollup.snapshot import Units
from ledger_engine.targets import load_plan

BOOK = ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount"


def test_units_before_and_after_the_reform() -> None:
    snapshot = take_snapshot(str(BOOK), datetime.date(2025, 12, 15), load_plan(near=BOOK))
    figures = snapshot.figures
    assert figures is not None
    before = figures.units_at(datetime.date(2025, 6, 30))
    after = figures.units_at(datetime.date(2025, 7, 1))
    assert before == Units(province="Kon Tum", district="Đắk Hà", commune="Ngọk Wang")
    assert after.province == "Quảng Ngãi" and after.district is None
    assert figures.units_at(datetime.date(2000, 1, 1)) == before
    assert figures.units == after


def test_the_last_entry_is_on_or_before_the_date(tmp_path: Path) -> None:
    day = datetime.date(2025, 3, 1)
    figures = take_snapshot(str(BOOK), day, load_plan(near=BOOK)).figures
    assert figures is not None and figures.last_entry is not None
    assert figures.last_entry <= day
