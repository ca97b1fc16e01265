"""Mutants of the example books never make a command fail with a traceback.

Each mutant is an example book with one to three random edits a tired treasurer or a hostile
tester might make: a line deleted or duplicated, a date, an amount, a link or a directive's
values changed, an absurd term or rounding unit. Every mutant goes through ``check``,
``loans --json``, ``members --json`` and ``coverage``; each must end with exit status 0, 1 or
2 and print no traceback and no internal failure of a rule. The seed is fixed, so a failure
names a mutant that can be rebuilt (``mutate(text, Random(SEED + n))``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import pytest
from beancount import loader
from click.testing import CliRunner
from helpers import EXAMPLES

from ledger_engine.cli import main

SEED = 20261203
MUTANTS_PER_BOOK = 150
AS_OF = "2025-06-15"

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?\d[\d.]*(?= VND)")
LINK = re.compile(r"\^[A-Za-z0-9-]+")
CUSTOM_VALUES = re.compile(r'^(\d{4}-\d{2}-\d{2} custom "[^"]+")(.*)$')
META = re.compile(r"^(  [a-z_]+: )(.*)$")

ODD_DATES = (
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2201-01-01",
    "2024-02-29",
    "2025-02-30",
)
ODD_NUMBERS = ("0", "-1", "0.5", "1000000000000000000000000000000", "1E+3", "999999999999")
ODD_VALUES = (
    "0", "-3", "1000000000", "100000", "2.5", '"X"', '""', "TRUE", "1E+30 VND",
    "0.000000000001 VND", "2024-01-01", "1000000000000 VND",
)  # fmt: skip


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _delete(lines: list[str], rng: Random) -> None:
    del lines[rng.randrange(len(lines))]


def _duplicate(lines: list[str], rng: Random) -> None:
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at])


def _pick(lines: list[str], rng: Random, pattern: re.Pattern[str]) -> int | None:
    found = [n for n, line in enumerate(lines) if pattern.search(line)]
    return rng.choice(found) if found else None


def _sub_once(
    lines: list[str], rng: Random, pattern: re.Pattern[str], new: Callable[[str], str]
) -> None:
    at = _pick(lines, rng, pattern)
    if at is not None:
        lines[at] = pattern.sub(lambda m: new(m.group(0)), lines[at], count=1)


def _date(lines: list[str], rng: Random) -> None:
    _sub_once(lines, rng, DATE, lambda old: rng.choice(ODD_DATES))


def _amount(lines: list[str], rng: Random) -> None:
    def change(old: str) -> str:
        choice = rng.choice((*ODD_NUMBERS, "scale"))
        return old + "000000" if choice == "scale" else choice

    _sub_once(lines, rng, NUMBER, change)


def _link(lines: list[str], rng: Random) -> None:
    _sub_once(lines, rng, LINK, lambda old: rng.choice(("", "^L2099-001", old + "x")))


def _custom_values(lines: list[str], rng: Random) -> None:
    at = _pick(lines, rng, CUSTOM_VALUES)
    if at is not None:
        head = CUSTOM_VALUES.sub(r"\1", lines[at])
        lines[at] = head + rng.choice(("", ' "M999"', ' "M001" "X" 3', " 1000000000"))


def _meta(lines: list[str], rng: Random) -> None:
    at = _pick(lines, rng, META)
    if at is not None:
        lines[at] = META.sub(lambda m: m.group(1) + rng.choice(ODD_VALUES), lines[at])


def _absurd_term(lines: list[str], rng: Random) -> None:
    at = _pick(lines, rng, LINK)
    if at is not None and " * " in lines[at]:
        lines.insert(at + 1, f"  term: {rng.choice(('0', '100000', '1000000000', '601'))}")


MUTATIONS = (
    _delete,
    _duplicate,
    _date,
    _amount,
    _link,
    _custom_values,
    _meta,
    _absurd_term,
)


def mutate(text: str, rng: Random) -> str:
    lines = _lines(text)
    for _ in range(rng.randint(1, 3)):
        rng.choice(MUTATIONS)(lines, rng)
    return "\n".join(lines)


def _mutants() -> Iterator[tuple[str, int]]:
    for book in EXAMPLES:
        for n in range(MUTANTS_PER_BOOK):
            yield book.name, n


@cache
def _source(name: str) -> str:
    return next(p for p in EXAMPLES if p.name == name).read_text(encoding="utf-8")


@pytest.fixture
def load_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command of one mutant reads the same bytes: parse them once per mutant.

    The commands still do everything after the parse (rules, views, figures, printing)
    themselves; only Beancount's own parsing and booking are shared, to keep the suite fast.
    """
    original = loader.load_file
    memo: dict[tuple[str, bytes], Any] = {}

    def load_file(filename: str, *args: Any, **kwargs: Any) -> Any:
        key = (filename, Path(filename).read_bytes())
        if key not in memo:
            memo.clear()
            memo[key] = original(filename, *args, **kwargs)
        return memo[key]

    monkeypatch.setattr(loader, "load_file", load_file)


COMMANDS = (
    ("check", "{book}"),
    ("loans", "{book}", "--json", "--as-of", AS_OF),
    ("members", "{book}", "--json", "--as-of", AS_OF),
    ("coverage", "{book}", "--workers", "1", "--no-cache", "--as-of", AS_OF),
)
FAILURE_SIGNS = ("Traceback", "failed while", "Error applying plugin", "internal error")


@pytest.mark.usefixtures("load_once")
def test_mutants_never_crash_a_command(tmp_path: Path) -> None:
    runner = CliRunner()
    seen = set()
    for name, n in _mutants():
        text = mutate(_source(name), Random(f"{SEED}-{name}-{n}"))
        seen.add(text)
        book = tmp_path / f"mutant-{n}.beancount"
        book.write_text(text, encoding="utf-8")
        for command in COMMANDS:
            args = [part.replace("{book}", str(book)) for part in command]
            result = runner.invoke(main, args)
            output = result.output
            where = f"{name} mutant {n}, {command[0]}: exit {result.exit_code}\n{output}"
            assert result.exit_code in (0, 1, 2), where
            assert not any(sign in output for sign in FAILURE_SIGNS), where
        book.unlink()
    # The mutants differ from each other and from the books they come from.
    assert len(seen) > 0.9 * len(EXAMPLES) * MUTANTS_PER_BOOK
    assert not seen & {_source(p.name) for p in EXAMPLES}
