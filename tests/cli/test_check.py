from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLES, line_of

from ledger_engine.cli import main

BEAN_CHECK = Path(sys.executable).with_name("bean-check")


def test_there_are_example_books() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("book", EXAMPLES, ids=lambda p: p.name)
def test_example_book_passes_check_silently(book: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(book)])
    assert (result.exit_code, result.output) == (0, "")


@pytest.mark.parametrize("book", EXAMPLES, ids=lambda p: p.name)
def test_example_book_passes_plain_bean_check(book: Path) -> None:
    done = subprocess.run([str(BEAN_CHECK), str(book)], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_errors_exit_1_with_file_and_line(write_book: Callable[..., Path]) -> None:
    path = write_book(
        '2016-05-01 custom "member" "M001" "Hoa"\n  gender: "X"\n  born: 1950\n'
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:{line_of(path, 'M001')}:" in result.output


def test_json_lists_file_line_and_message(write_book: Callable[..., Path]) -> None:
    path = write_book('2020-01-01 custom "member-exit" "M404" "moved"\n')
    result = CliRunner().invoke(main, ["check", "--json", str(path)])
    assert result.exit_code == 1
    (record,) = json.loads(result.output)
    assert record["file"] == str(path) and record["line"] == line_of(path, "M404")
    assert "unknown member M404" in record["message"]


def test_non_ascii_metadata_key_gets_a_hint(write_book: Callable[..., Path]) -> None:
    path = write_book(
        '2016-05-01 custom "member" "M001" "Hoa"\n  gender: "F"\n  born: 1950\n'
        '  dân_tộc: "Kinh"\n'
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "must be plain ASCII" in result.output


def test_book_without_the_plugin_line_is_still_checked(
    write_book: Callable[..., Path],
) -> None:
    header = (
        'option "operating_currency" "VND"\n2016-01-01 custom "club" "X"\n'
        '  name: "CLB"\n  province: "Kon Tum"\n  commune: "A"\n'
    )
    path = write_book('2020-01-01 custom "member-exit" "M404" "moved"\n', header=header)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "unknown member M404" in result.output


def test_missing_file_is_named() -> None:
    result = CliRunner().invoke(main, ["check", "nowhere/club.beancount"])
    assert result.exit_code == 2 and "nowhere/club.beancount" in result.output
