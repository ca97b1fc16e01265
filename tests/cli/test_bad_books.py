"""Books with absurd values: each is an error at its line, and no command fails on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import EXAMPLES, line_of

from ledger_engine.cli import main

BOOK = next(p for p in EXAMPLES if p.name == "thon-1-ngok-wang.beancount")
LOAN = "^L2024-001\n"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def mutant(tmp_path: Path, old: str, new: str, *, count: int = 1) -> Path:
    text = BOOK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "club.beancount"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_bare_custom_and_an_overdraft_are_both_reported(tmp_path: Path) -> None:
    path = mutant(
        tmp_path,
        '2016-05-01 custom "fava-option" "locale" "vi"\n',
        '2016-05-01 custom "member"\n'
        '2016-05-02 * "Rút" "rút quá"\n  Assets:IGF:Cash  -900000000 VND\n'
        "  Equity:IGF:Capital:State\n",
    )
    result = run("check", path)
    assert result.exit_code == 1
    bare = line_of(path, 'custom "member"\n'.strip())
    assert f"{path}:{bare}: " in result.output
    assert "needs at least one value" in result.output
    assert (
        f"{path}:{line_of(path, 'rút quá')}: the income-generation fund's cash goes negative"
        in result.output
    )
    assert "Traceback" not in result.output and "failed while" not in result.output


CASES = {
    "term past 9999": (LOAN, LOAN + "  term: 100000\n", "term 100000 months"),
    "term of a billion months": (LOAN, LOAN + "  term: 1000000000\n", "1000000000"),
    "absurd rounding": (
        "rounding: 1000 VND",
        "rounding: 1000000000000000000000000000000 VND",
        "rounding",
    ),
    "tiny rounding": ("rounding: 1000 VND", "rounding: 0.000000000001 VND", "rounding"),
    "10^30 VND loan": (
        "M001          5000000 VND\n  Assets:IGF:Cash               -5000000 VND",
        "M001  5000000000000000000000000000000 VND\n  Assets:IGF:Cash",
        "principal",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_absurd_values_are_errors_and_reports_still_run(tmp_path: Path, case: str) -> None:
    old, new, word = CASES[case]
    path = mutant(tmp_path, old, new)
    checked = run("check", path)
    assert checked.exit_code == 1 and word in checked.output
    assert "Traceback" not in checked.output and "failed while" not in checked.output
    for command in ("loans", "members"):
        result = run(command, path, "--as-of", "2025-06-15", "--json")
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)


@pytest.mark.parametrize("term", ["100000", "1000000000"])
def test_absurd_reschedule_is_an_error_at_its_line(tmp_path: Path, term: str) -> None:
    path = mutant(
        tmp_path,
        "\n2024-04-05 *",
        f'\n2024-04-01 custom "loan-reschedule" "L2024-001"\n  term: {term}\n\n2024-04-05 *',
    )
    checked = run("check", path)
    assert checked.exit_code == 1
    where = f"{path}:{line_of(path, 'loan-reschedule')}: "
    assert any(
        line.startswith(where) and term in line for line in checked.output.splitlines()
    )
    result = run("loans", path, "--as-of", "2025-06-15", "--json")
    assert result.exit_code == 0, result.output
