"""The progress bar of long imports: drawn only past a few seconds, only when asked or on a
terminal."""

from __future__ import annotations

import io

import pytest

from ledger_engine.cli import progress
from ledger_engine.cli.progress import ProgressBar


def test_a_quick_import_draws_nothing() -> None:
    stream = io.StringIO()
    bar = ProgressBar(force=True, stream=stream)
    for done in range(100):
        bar(done, 100)
    bar.close()
    assert stream.getvalue() == ""


def test_a_long_import_draws_the_rows_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    stream = io.StringIO()
    bar = ProgressBar(force=True, stream=stream)
    bar(2_500, 10_000)
    bar.close()
    assert "2,500/10,000" in stream.getvalue() and "(25%)" in stream.getvalue()
    assert stream.getvalue().endswith("\n")


def test_not_a_terminal_and_not_asked_draws_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    stream = io.StringIO()
    bar = ProgressBar(stream=stream)
    bar(1, 2)
    assert stream.getvalue() == ""


def test_a_long_import_says_when_it_checks_the_book(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    stream = io.StringIO()
    bar = ProgressBar(force=True, stream=stream)
    bar(10, 10)
    bar.checking()
    lines = stream.getvalue().splitlines()
    assert lines[-1] == "checking the book with the new entries through every rule…"


def test_a_quick_import_does_not_say_it_checks() -> None:
    stream = io.StringIO()
    ProgressBar(force=True, stream=stream).checking()
    assert stream.getvalue() == ""
