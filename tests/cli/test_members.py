"""``members --json`` against counts derived independently, by reading the book's text."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLES

from ledger_engine.cli import main

AS_OF = datetime.date(2025, 6, 15)
MEMBER = re.compile(
    r'^(\d{4}-\d\d-\d\d) custom "member" "(\w+)" "[^"]*"\n((?:  .*\n)*)', re.M
)
EXIT = re.compile(r'^(\d{4}-\d\d-\d\d) custom "member-exit" "(\w+)"', re.M)
FIELD = re.compile(r'^\s+(\w+):\s*"?([^"\n]*?)"?\s*(?:;.*)?$', re.M)


def _independent_counts(path: Path) -> dict[str, int]:
    text = path.read_text(encoding="utf-8")
    exits = {code: datetime.date.fromisoformat(d) for d, code in EXIT.findall(text)}
    counts = dict.fromkeys(
        ["active", "women", "men", "older", "younger", "poor", "near_poor"], 0
    )
    for joined, code, body in MEMBER.findall(text):
        fields = dict(FIELD.findall(body))
        left = exits.get(code)
        if datetime.date.fromisoformat(joined) > AS_OF or (left and left <= AS_OF):
            continue
        counts["active"] += 1
        counts["women" if fields["gender"] == "F" else "men"] += 1
        counts["older" if AS_OF.year - int(fields["born"]) >= 60 else "younger"] += 1
        household = fields.get("household", "none")
        if household in ("poor", "near-poor"):
            counts[household.replace("-", "_")] += 1
    return counts


@pytest.mark.parametrize("book", EXAMPLES, ids=lambda p: p.name)
def test_members_json_matches_an_independent_count(book: Path) -> None:
    result = CliRunner().invoke(
        main, ["members", str(book), "--as-of", AS_OF.isoformat(), "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    expected = _independent_counts(book)
    assert expected["active"] > 0
    assert {k: payload[k] for k in expected} == expected
    assert payload["as_of"] == AS_OF.isoformat()


def test_members_reports_t3_against_the_plan() -> None:
    book = EXAMPLES[0]
    result = CliRunner().invoke(
        main, ["members", str(book), "--as-of", "2025-06-15", "--json"]
    )
    payload = json.loads(result.output)
    # the examples keep about ten members: the plan's 50–70 cannot be met
    assert payload["t3"]["members"]["met"] is False
    assert payload["t3"]["members"]["minimum"] == "50"
    assert payload["t3_met"] is False


def test_members_table_names_each_target() -> None:
    result = CliRunner().invoke(
        main, ["members", str(EXAMPLES[0]), "--as-of", "2025-06-15"]
    )
    assert result.exit_code == 0
    for label in ("active members", "women share", "older (60+) share", "NOT met"):
        assert label in result.output
