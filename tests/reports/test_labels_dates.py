"""Dates as people read them, and the date line of a document."""

from __future__ import annotations

import datetime
import re

from hypothesis import given
from hypothesis import strategies as st

from reports.labels import Lang, area_name, date_line, day, source_name

DATES = st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))


@given(DATES)
def test_the_date_line_gives_back_its_date(value: datetime.date) -> None:
    line = date_line("Kon Tum", value, Lang.VI)
    found = re.fullmatch(r"Kon Tum, ngày (\d\d) tháng (\d\d?) năm (\d{4})", line)
    assert found is not None
    d, m, y = (int(part) for part in found.groups())
    assert datetime.date(y, m, d) == value
    # Months after February go without a leading zero; January and February take one.
    assert len(found.group(2)) == (2 if value.month < 3 else len(str(value.month)))


@given(DATES)
def test_a_day_is_written_day_first(value: datetime.date) -> None:
    assert datetime.datetime.strptime(day(value), "%d/%m/%Y").date() == value


def test_areas_and_sources_have_vietnamese_names() -> None:
    assert area_name("home-care", Lang.VI) == "chăm sóc tại nhà"
    assert source_name("Donor-HelpAge", Lang.VI) == "Nhà tài trợ HelpAge"
    assert source_name("State", Lang.VI) == "Ngân sách Nhà nước"
