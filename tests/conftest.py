from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Beancount's pickle cache would serve stale plugin results after code changes.
os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"
# Messages are Vietnamese by default; the older tests read the English ones, and a test of the
# Vietnamese text sets the language itself (monkeypatch LEDGER_ENGINE_LANG, or --lang vi).
os.environ["LEDGER_ENGINE_LANG"] = "en"

from ledger_engine.book import ClubBook
from ledger_engine.i18n import set_language
from ledger_engine.loading import load_book


@pytest.fixture(autouse=True)
def _language_of_the_environment() -> Iterator[None]:
    """A command run in-process fixes its ``--lang`` for the process; the next test must
    not inherit it."""
    yield
    set_language(None)


HEADER = """\
option "title" "Test club"
option "operating_currency" "VND"
plugin "ledger_engine.plugins"

2016-01-01 custom "club" "KT-DH-999"
  name: "CLB thử nghiệm"
  province: "Kon Tum"
  district: "Đắk Hà"
  commune: "Ngọk Wang"
2016-01-01 open Assets:IGF:Cash VND
2016-01-01 open Assets:IGF:Bank VND
2016-01-01 open Assets:Activity:Cash VND
2016-01-01 open Equity:IGF:Capital:State VND
2016-01-01 open Income:IGF:Interest VND
2016-01-01 open Income:Activity:Fees VND
2016-01-01 open Expenses:Activity:Health VND
"""


@pytest.fixture
def write_book(tmp_path: Path) -> Callable[[str], Path]:
    """Write a ledger (dedented; the standard header prepended) and return its path."""

    def write(body: str, *, header: str = HEADER, name: str = "club.beancount") -> Path:
        path = tmp_path / name
        path.write_text(header + textwrap.dedent(body), encoding="utf-8")
        return path

    return write


@pytest.fixture
def load_text(write_book: Callable[[str], Path]) -> Callable[[str], ClubBook]:
    def load(body: str) -> ClubBook:
        return load_book(write_book(body))

    return load
