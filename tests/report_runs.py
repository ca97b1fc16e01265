"""Running the report command in tests (importable as ``report_runs``)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from ledger_engine.cli import main

YEAR = "2025"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def report_args(province: Path, fmt: str, *extra: str) -> list[str]:
    return [
        "report",
        "annual",
        str(province),
        "--year",
        YEAR,
        "--format",
        fmt,
        "--no-cache",
        "--workers",
        "1",
        "--lang",
        "vi",
        *extra,
    ]


class Tables(HTMLParser):
    """Every ``table.data``: its caption and its body rows as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: str | None = None
        self._in: str | None = None
        self._row: list[str] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("thead", "tbody"):
            self._in = tag
        elif tag == "tr" and self._in == "tbody":
            self._row = []
        elif tag in ("td", "th"):
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._in == "thead" and self._caption is None:
            self._caption = self._text
            self.tables[self._caption] = []
        elif tag == "td" and self._row is not None:
            self._row.append(self._text.strip())
        elif tag == "tr" and self._row is not None and self._caption:
            self.tables[self._caption].append(self._row)
            self._row = None
        elif tag == "table":
            self._caption, self._in = None, None

    def handle_data(self, data: str) -> None:
        self._text += data


def tables_of(html: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables
