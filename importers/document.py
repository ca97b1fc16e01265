"""Opening a treasurer's register: CSV in any encoding Excel writes, or XLSX.

``read_document(path)`` finds the header row (below any title block, on one row or two),
says which of the four registers the document is, and returns its non-empty rows as raw cells
keyed by column name, numbered as the spreadsheet shows them; totals rows, column numbers and
the signature block of a printed register are left out and listed (``importers.printed``). It never raises for what is in the file: an unreadable
file, an unknown register or a missing column comes back as a ``RowError``.

How a CSV's encoding is decided: a byte-order mark names it (UTF-8, UTF-16 as Excel's "Unicode
text" writes it, UTF-32); without one, bytes that are valid UTF-8 are UTF-8, and anything else
is read as Windows-1258 (Vietnamese Windows). Windows-1258 accepts almost any byte, so a file
in another encoding (TCVN3, VNI) reads as nonsense and is then rejected because its headers are
not those of a register; the message says which encoding was assumed.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from importers.header import (
    Grid,
    Header,
    ambiguous,
    header_errors,
    locate,
    nearest,
    unknown_register,
)
from importers.kinds import KINDS, Kind, kind_named
from importers.printed import Ignored, RowFilter
from importers.values import EPOCH_1900, RowError, Uncomputed, Value, is_blank
from ledger_engine.i18n import _

DELIMITERS = (",", ";", "\t")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "cp1258": "Windows-1258",
}


@dataclass(frozen=True)
class RawRow:
    row: int
    cells: dict[str, Value]  # column name → cell as read


@dataclass(frozen=True)
class Document:
    file: str
    kind: Kind
    header_row: int
    headers: tuple[str, ...]  # names of the register's columns present, in document order
    rows: tuple[RawRow, ...]
    epoch: datetime.date = EPOCH_1900
    source: str = ""  # the encoding of a CSV, the sheet of a workbook
    ignored: tuple[Ignored, ...] = ()  # totals, column numbers, signatures: no data


class _Unreadable(Exception):
    """The file cannot be opened as a register; the message says why."""


# --- building the document -----------------------------------------------------------------


def _rows(grid: Grid, header: Header) -> tuple[tuple[RawRow, ...], tuple[Ignored, ...]]:
    rows = []
    ignored = []
    no_data = RowFilter(header.kind)
    for number, cells in grid:
        if number <= header.row or all(is_blank(c) for c in cells):
            continue
        values = {
            name: cells[position] if position < len(cells) else None
            for position, name in header.columns.items()
        }
        reason = no_data.reason(number, cells, values)
        if reason:
            ignored.append(Ignored(number, reason))
        elif any(not is_blank(v) for v in values.values()):
            rows.append(RawRow(number, values))
    return tuple(rows), tuple(ignored)


def _document(
    file: str,
    grid: Grid,
    kinds: Sequence[Kind],
    *,
    epoch: datetime.date = EPOCH_1900,
    source: str = "",
    note: str = "",
) -> tuple[Document | None, list[RowError]]:
    found = locate(grid, kinds)
    if len(found) > 1:
        return None, [ambiguous(file, found)]
    if not found:
        meant = nearest(grid, kinds)
        if meant is not None and not meant.complete:
            return None, header_errors(file, meant)
        return None, [unknown_register(file, grid, kinds, note)]
    header = found[0]
    errors = header_errors(file, header)
    if errors:
        return None, errors
    headers = tuple(header.columns[p] for p in sorted(header.columns))
    rows, ignored = _rows(grid, header)
    document = Document(
        file, header.kind, header.row, headers, rows, epoch, source, ignored
    )
    return document, []


# --- CSV -----------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _Unreadable(
                    _("starts as {encoding} but is not: {reason}").format(
                        encoding=_ENCODING_NAMES[encoding], reason=exc.reason
                    )
                ) from None
    if b"\x00" in data:
        raise _Unreadable(
            _("looks like UTF-16 without a byte-order mark; save it as CSV UTF-8")
        )
    failures: list[UnicodeDecodeError] = []
    for encoding in ("utf-8", "cp1258"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            failures.append(exc)
            continue
        if any(ch < " " and ch not in "\t\r\n" for ch in text):
            raise _Unreadable(_("holds control characters: it is not a text (CSV) file"))
        return text, encoding
    # Where UTF-8 breaks is where the file stops being what it mostly is.
    start = failures[0].start
    line = data[:start].count(b"\n") + 1
    raise _Unreadable(
        _(
            "is neither UTF-8 nor Windows-1258 (byte 0x{byte:02X} on line {line}); save it as CSV UTF-8"
        ).format(byte=data[start], line=line)
    )


def _grid(text: str, delimiter: str) -> Grid:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(number, list(cells)) for number, cells in enumerate(reader, start=1)]


def _read_csv(
    file: str, data: bytes, kinds: Sequence[Kind]
) -> tuple[Document | None, list[RowError]]:
    try:
        text, encoding = _decode(data)
    except _Unreadable as exc:
        return None, [RowError(file, 0, "", str(exc))]
    name = _ENCODING_NAMES[encoding]
    grids = {d: _grid(text, d) for d in DELIMITERS}
    found = [(d, h[0]) for d, g in grids.items() if (h := locate(g, kinds))]
    # Amounts like "3,000,000" may sit quoted in a ;-separated file: trust the delimiter that
    # yields the fullest header, not the most frequent character.
    if found:
        delimiter = max(found, key=lambda pair: len(pair[1].columns))[0]
    else:
        delimiter = max(
            DELIMITERS, key=lambda d: max((len(c) for _, c in grids[d][:1]), default=0)
        )
    note = ""
    if encoding == "cp1258":
        note = _(
            " (read as Windows-1258; if it was saved as TCVN3 or VNI, save it as CSV UTF-8)"
        )
    return _document(file, grids[delimiter], kinds, source=name, note=note)


# --- XLSX ----------------------------------------------------------------------------------


def _cell(cell: Any, formula: Any) -> Value:
    value = cell.value
    if value is None:
        if formula is not None and formula.data_type == "f":
            return Uncomputed(cell.coordinate, str(formula.value))
        return None
    percent = "%" in (cell.number_format or "")
    if percent and isinstance(value, int | float) and not isinstance(value, bool):
        # A cell formatted as 0.5% holds 0.005; the treasurer reads and means 0.5.
        return Decimal(repr(value)) * 100
    result: Value = value
    return result


def _sheet_grid(sheet: Any, formulas: Any) -> Grid:
    grid: Grid = []
    for row in sheet.iter_rows():
        if not row:
            continue
        number = row[0].row
        grid.append((number, [_cell(c, formulas.cell(number, c.column)) for c in row]))
    return grid


def _sheets(book: Any, kinds: Sequence[Kind]) -> list[Any]:
    """Sheets named after a wanted register first, then the first sheet."""
    named = [s for s in book.worksheets if kind_named(s.title) in kinds]
    return list(dict.fromkeys([*named, book.worksheets[0]]))


def _read_xlsx(
    file: str, path: Path, kinds: Sequence[Kind]
) -> tuple[Document | None, list[RowError]]:
    try:
        book = openpyxl.load_workbook(path, data_only=True)
        # openpyxl cannot compute formulas: read them only to tell an uncomputed cell from an
        # empty one.
        formulas = openpyxl.load_workbook(path, data_only=False)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        return None, [
            RowError(
                file,
                0,
                "",
                _("cannot be opened as an Excel workbook: {exc}").format(exc=exc),
            )
        ]
    epoch = book.epoch.date() if isinstance(book.epoch, datetime.datetime) else book.epoch
    first: tuple[Document | None, list[RowError]] | None = None
    for sheet in _sheets(book, kinds):
        grid = _sheet_grid(sheet, formulas[sheet.title])
        result = _document(file, grid, kinds, epoch=epoch, source=sheet.title)
        if result[0] is not None:
            return result
        first = first or result
    assert first is not None
    return first


# --- entry point ---------------------------------------------------------------------------

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"


def read_document(
    path: str | Path, kind: str | None = None
) -> tuple[Document | None, list[RowError]]:
    """Open a register; ``kind`` (``members``, ``loans``, …) insists on one kind."""
    path = Path(path)
    file = str(path)
    if kind is not None and kind not in KINDS:
        known = ", ".join(KINDS)
        return None, [
            RowError(
                file,
                0,
                "",
                _("unknown register kind {kind!r} (known: {known})").format(
                    kind=kind, known=known
                ),
            )
        ]
    kinds = [KINDS[kind]] if kind is not None else list(KINDS.values())
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [
            RowError(
                file, 0, "", _("cannot be read: {value}").format(value=exc.strerror or exc)
            )
        ]
    if data.startswith(_OLE):
        return None, [
            RowError(file, 0, "", _("is an old Excel .xls file; save it as .xlsx or CSV"))
        ]
    if data.startswith(_ZIP):
        return _read_xlsx(file, path, kinds)
    return _read_csv(file, data, kinds)
