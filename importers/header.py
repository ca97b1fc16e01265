"""Finding the header row of a register and telling which of the four registers it is.

A header may sit below a title block; the first of the top rows that holds every column a kind
needs is the header. When no row does, the partial match a treasurer most likely meant is
reported with the columns it lacks, or, when none stands out, the document is not a register.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from importers.kinds import Kind, header_table, lookup
from importers.values import RowError, Value, is_blank

#: How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 15

Grid = list[tuple[int, list[Value]]]  # (row number as the spreadsheet shows it, cells)


@dataclass(frozen=True)
class Header:
    row: int
    kind: Kind
    columns: dict[int, str]  # position → column name
    duplicates: tuple[tuple[str, int, int], ...] = ()

    @property
    def complete(self) -> bool:
        return not self.kind.missing(self.columns.values())


def _match(number: int, cells: Sequence[Value], kind: Kind) -> Header | None:
    table = header_table(kind)
    columns: dict[int, str] = {}
    first: dict[str, int] = {}
    duplicates = []
    for position, cell in enumerate(cells):
        name = lookup(table, str(cell)) if not is_blank(cell) else None
        if name is None:
            continue
        if name in first:
            duplicates.append((name, first[name], position))
            continue
        first[name] = position
        columns[position] = name
    return Header(number, kind, columns, tuple(duplicates)) if columns else None


def _candidates(grid: Grid, kinds: Sequence[Kind]) -> list[Header]:
    found: list[Header] = []
    for number, cells in grid[:HEADER_SEARCH_ROWS]:
        found.extend(h for kind in kinds if (h := _match(number, cells, kind)) is not None)
    return found


def locate(grid: Grid, kinds: Sequence[Kind]) -> list[Header]:
    """The first row holding everything a kind needs, as the fullest match(es) on that row.

    More than one match means the headers fit several kinds equally well.
    """
    complete = [h for h in _candidates(grid, kinds) if h.complete]
    if not complete:
        return []
    row = min(h.row for h in complete)
    on_row = [h for h in complete if h.row == row]
    most = max(len(h.columns) for h in on_row)
    return [h for h in on_row if len(h.columns) == most]


def nearest(grid: Grid, kinds: Sequence[Kind]) -> Header | None:
    """The partial match a treasurer most likely meant, if one clearly stands out."""

    def enough(h: Header) -> bool:
        return len(h.columns) >= max(2, (len(h.kind.required) + 1) // 2)

    found = sorted(
        (h for h in _candidates(grid, kinds) if enough(h)), key=lambda h: -len(h.columns)
    )
    if not found:
        return None
    rival = found[1] if len(found) > 1 else None
    if (
        rival
        and len(rival.columns) == len(found[0].columns)
        and rival.kind != found[0].kind
    ):
        return None
    return found[0]


def header_errors(file: str, header: Header) -> list[RowError]:
    errors = [
        RowError(
            file,
            header.row,
            name,
            f"missing column; a {header.kind.key} register ({header.kind.title}) needs it",
        )
        for name in header.kind.missing(header.columns.values())
    ]
    for name, first, again in header.duplicates:
        where = f"{get_column_letter(first + 1)} and {get_column_letter(again + 1)}"
        errors.append(
            RowError(
                file, header.row, name, f"appears in two columns ({where}); keep only one"
            )
        )
    return errors


def ambiguous(file: str, headers: Sequence[Header]) -> RowError:
    names = " and ".join(f"{h.kind.key} ({h.kind.title})" for h in headers)
    return RowError(
        file,
        headers[0].row,
        "",
        f"the headers fit both {names}; remove the other's columns",
    )


def unknown_register(file: str, grid: Grid, kinds: Sequence[Kind], note: str) -> RowError:
    first = next((cells for _, cells in grid if any(not is_blank(c) for c in cells)), [])
    headers = ", ".join(str(c).strip() for c in first if not is_blank(c)) or "(none)"
    names = ", ".join(k.key for k in kinds)
    what = "match none of" if len(kinds) > 1 else "do not match"
    return RowError(
        file, 0, "", f"not a known register: headers {headers} {what} {names}{note}"
    )
