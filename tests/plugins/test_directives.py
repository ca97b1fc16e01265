"""Rule 8 beyond single directives: a member leaves only after joining; no bare custom."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import line_of

from ledger_engine.errors import DirectiveError
from ledger_engine.loading import load_book

MEMBER = '2020-05-01 custom "member" "M001" "Nguyễn Thị Hoa"\n  gender: "F"\n  born: 1952\n'


def _directive_errors(path: Path) -> list[DirectiveError]:
    return [e for e in load_book(path).errors if isinstance(e, DirectiveError)]


def test_exit_before_joining_is_an_error_at_the_exit(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(MEMBER + '2020-04-30 custom "member-exit" "M001" "moved"\n')
    (error,) = _directive_errors(path)
    assert error.source["lineno"] == line_of(path, "member-exit")
    assert "leaves the club on 2020-04-30, before joining it on 2020-05-01" in error.message


@pytest.mark.parametrize("day", ["2020-05-01", "2021-01-01"])
def test_exit_on_or_after_joining_passes(write_book: Callable[..., Path], day: str) -> None:
    path = write_book(MEMBER + f'{day} custom "member-exit" "M001" "moved"\n')
    assert _directive_errors(path) == []


def test_a_directive_dated_out_of_bounds_is_an_error(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(MEMBER.replace("2020-05-01", "1899-12-31"))
    (error,) = _directive_errors(path)
    assert error.source["lineno"] == line_of(path, '"M001"')
    assert "1900" in error.message
