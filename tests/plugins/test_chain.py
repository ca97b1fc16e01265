"""The chain as a whole: several breaches at once, plugins alone, never raising."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from beancount import loader
from helpers import line_of

from ledger_engine.plugins import RULES
from ledger_engine.plugins.base import run_rules

SEVERAL = """
2016-01-01 custom "member" "M001" "Hoa"
  gender: "X"
  born: 1950
2016-01-01 custom "member" "M002" "Lan"
  gender: "F"
  born: 1951
2016-01-01 open Assets:IGF:Loans:M002 VND
2020-03-01 * "Lan" "Vay không mã"
  Assets:IGF:Loans:M002   1000000 VND
  Assets:IGF:Cash        -1000000 VND
"""


def test_each_breach_is_named_at_its_line(write_book: Callable[..., Path]) -> None:
    path = write_book(SEVERAL)
    _, errors, _ = loader.load_file(str(path))
    lines = sorted(e.source["lineno"] for e in errors)
    member, loan = line_of(path, '"M001" "Hoa"'), line_of(path, "Vay không mã")
    # the undeclared loan breaks rule 7 and overdraws the cash (rule 5) at the same line
    assert member in lines and lines.count(loan) >= 2


def test_a_rule_module_runs_alone(write_book: Callable[..., Path]) -> None:
    path = write_book(SEVERAL)
    text = path.read_text().replace(
        'plugin "ledger_engine.plugins"', 'plugin "ledger_engine.plugins.cash"'
    )
    path.write_text(text)
    _, errors, _ = loader.load_file(str(path))
    assert [type(e).__name__ for e in errors] == ["CashError"]


def test_a_failing_rule_becomes_an_error_not_an_exception() -> None:
    def broken(book: object) -> list[object]:
        raise ZeroDivisionError("boom")

    entries, errors = run_rules((broken, *RULES), [], {"filename": "club.beancount"})
    assert entries == []
    assert len(errors) == 1 and "ZeroDivisionError" in errors[0].message
    assert errors[0].source["filename"] == "club.beancount"
