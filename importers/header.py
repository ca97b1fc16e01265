"""Finding the header row of a register and telling which of the four registers it is.

A header may sit below a title block; the first of the top rows that holds every column a kind
needs is the header. Printed registers often have a two-row header: a merged group heading
(*Số tiền thu*) over its columns (*Tiền gốc · Tiền lãi · Tổng cộng*), beside headings merged
down both rows (*Ngày*). Each row is therefore also read together with the row below it —
the lower cell where it has one, else the upper — and the pair is the header when it names
more columns than the upper row alone.

When headers fit two kinds equally well, a kind named in the title block above (*SỔ THU NỢ*)
wins, then the kind whose own column names (not other spellings) the headers use. A heading
the kind does not know that speaks of money (*Tiền phạt*, *Số dư tiền*) is refused with the
names the kind accepts: an amount silently left out would be worse than a question.

When no row holds every column, the partial match a treasurer most likely meant is reported
with the columns it lacks, or, when none stands out, the document is not a register.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from importers.kinds import ColumnType, Kind, header_table, keys, lookup
from importers.values import RowError, Value, is_blank
from ledger_engine.i18n import _

#: How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 15
#: Words of a heading that speak of money (without diacritics).
_MONEY_WORDS = ("tien", "tong")

Grid = list[tuple[int, list[Value]]]  # (row number as the spreadsheet shows it, cells)


@dataclass(frozen=True)
class Header:
    row: int  # the last row of the header: data starts below it
    kind: Kind
    columns: dict[int, str]  # position → column name
    duplicates: tuple[tuple[str, int, int], ...] = ()
    exact: int = 0  # headings that are a column's own name or title, not another spelling
    unknown: tuple[tuple[int, str], ...] = ()  # (position, heading) the kind does not know
    titled: bool = False  # the title block above names this kind
    first_row: int = 0  # the first row of a two-row header, else ``row``

    @property
    def complete(self) -> bool:
        return not self.kind.missing(self.columns.values())

    @property
    def money_unknown(self) -> list[str]:
        """Headings the kind does not know that speak of money."""
        if not any(c.type is ColumnType.AMOUNT for c in self.kind.columns):
            return []
        return [
            heading
            for _position, heading in self.unknown
            if any(word in keys(heading)[1].split() for word in _MONEY_WORDS)
        ]

    @property
    def rank(self) -> tuple[int, bool, int, int]:
        return (len(self.columns), self.titled, -len(self.money_unknown), self.exact)


def _own_names(kind: Kind) -> set[str]:
    return {keys(n)[1] for c in kind.columns for n in (c.name, c.title)}


def _match(number: int, cells: Sequence[Value], kind: Kind) -> Header | None:
    table, own = header_table(kind), _own_names(kind)
    columns: dict[int, str] = {}
    first: dict[str, int] = {}
    duplicates = []
    unknown = []
    exact = 0
    for position, cell in enumerate(cells):
        if is_blank(cell):
            continue
        name = lookup(table, str(cell))
        if name is None:
            unknown.append((position, str(cell).strip()))
            continue
        if name in first:
            duplicates.append((name, first[name], position))
            continue
        first[name] = position
        columns[position] = name
        exact += keys(str(cell))[1] in own
    if not columns:
        return None
    return Header(number, kind, columns, tuple(duplicates), exact, tuple(unknown))


def _merged(upper: Sequence[Value], lower: Sequence[Value]) -> list[Value]:
    """Two header rows read as one: the lower heading where there is one, else the upper."""
    width = max(len(upper), len(lower))
    cells: list[Value] = []
    for position in range(width):
        below = lower[position] if position < len(lower) else None
        above = upper[position] if position < len(upper) else None
        cells.append(above if is_blank(below) else below)
    return cells


def _titles(grid: Grid, before: int) -> str:
    """The title block's text above row ``before``, without diacritics, for kind names."""
    words = [str(c) for n, cells in grid if n < before for c in cells if isinstance(c, str)]
    return keys(" ".join(words))[1]


def _best_at(index: int, grid: Grid, kind: Kind) -> Header | None:
    """The header of ``kind`` starting at ``grid[index]``: one row, or two read as one."""
    number, cells = grid[index]
    single = _match(number, cells, kind)
    if index + 1 >= len(grid):
        return single
    below, lower = grid[index + 1]
    pair = _match(below, _merged(cells, lower), kind)
    # Two rows are one header only when each adds columns the other lacks.
    alone = max(
        (len(h.columns) for h in (single, _match(below, lower, kind)) if h is not None),
        default=0,
    )
    if pair is None or len(pair.columns) <= alone:
        return single
    return dataclasses.replace(pair, first_row=number)


def _candidates(grid: Grid, kinds: Sequence[Kind]) -> list[Header]:
    found: list[Header] = []
    top = grid[:HEADER_SEARCH_ROWS]
    for index in range(len(top)):
        for kind in kinds:
            header = _best_at(index, top, kind)
            if header is None:
                continue
            titled = keys(kind.title)[1] in _titles(grid, header.first_row or header.row)
            found.append(dataclasses.replace(header, titled=titled))
    return found


def locate(grid: Grid, kinds: Sequence[Kind]) -> list[Header]:
    """The first row holding everything a kind needs, as the best match(es) on that row.

    Matches rank by the columns they name, then by a title naming their kind, then by the
    columns named by their own name. More than one best match means the headers fit
    several kinds equally well.
    """
    complete = [h for h in _candidates(grid, kinds) if h.complete]
    if not complete:
        return []
    row = min(h.first_row or h.row for h in complete)
    on_row = [h for h in complete if (h.first_row or h.row) == row]
    best = max(h.rank for h in on_row)
    return [h for h in on_row if h.rank == best]


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


def accepted(kind: Kind, name: str) -> str:
    """Every heading a kind accepts for column ``name``, for messages."""
    try:
        column = kind.column(name)
    except KeyError:  # a group of columns ("Tổng cộng or Tiền gốc and Tiền lãi")
        return ""
    return ", ".join(dict.fromkeys(column.spellings()))


def _money_columns(kind: Kind) -> str:
    return "; ".join(
        accepted(kind, c.name) for c in kind.columns if c.type is ColumnType.AMOUNT
    )


def _unknown_money(file: str, header: Header) -> list[RowError]:
    kind = header.kind
    return [
        RowError(
            file,
            header.row,
            heading,
            _(
                "this heading speaks of money but is not a column of the {kind} register "
                "({title}); name it as one of: {names}"
            ).format(kind=kind.key, title=kind.title, names=_money_columns(kind)),
        )
        for heading in header.money_unknown
    ]


def header_errors(file: str, header: Header) -> list[RowError]:
    kind = header.kind
    errors = []
    for name in kind.missing(header.columns.values()):
        names = accepted(kind, name)
        message = _("missing column; a {kind} register ({title}) needs it").format(
            kind=kind.key, title=kind.title
        )
        if names:
            message += _(" (headings accepted: {names})").format(names=names)
        errors.append(RowError(file, header.row, name, message))
    for name, first, again in header.duplicates:
        where = f"{get_column_letter(first + 1)} and {get_column_letter(again + 1)}"
        errors.append(
            RowError(
                file,
                header.row,
                name,
                _("appears in two columns ({where}); keep only one").format(where=where),
            )
        )
    return errors + _unknown_money(file, header)


def ambiguous(file: str, headers: Sequence[Header]) -> RowError:
    names = ", ".join(f"{h.kind.key} ({h.kind.title})" for h in headers)
    return RowError(
        file,
        headers[0].row,
        "",
        _(
            "the headers fit several registers: {names}; remove the other's columns or "
            "put the register's name in the title"
        ).format(names=names),
    )


def unknown_register(file: str, grid: Grid, kinds: Sequence[Kind], note: str) -> RowError:
    first = next((cells for _n, cells in grid if any(not is_blank(c) for c in cells)), [])
    headers = ", ".join(str(c).strip() for c in first if not is_blank(c)) or "(none)"
    names = ", ".join(k.key for k in kinds)
    message = (
        _("not a known register: headers {headers} match none of {names}{note}")
        if len(kinds) > 1
        else _("not a known register: headers {headers} do not match {names}{note}")
    )
    return RowError(file, 0, "", message.format(headers=headers, names=names, note=note))
