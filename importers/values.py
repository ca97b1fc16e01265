"""Reading one cell of a register: dates, amounts, counts, rates, words and text.

Cells come as a spreadsheet gives them: text from a CSV, or numbers, dates and text from an
XLSX. Each parser returns a typed value or raises ``CellError`` with what is wrong in a
treasurer's words; ``RowError`` places that message at ``file:row: column``.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

from importers.kinds import Column, ColumnType, lookup, lookup_table, normalise
from ledger_engine.i18n import _


@dataclass(frozen=True)
class RowError:
    """A problem in a document, printed as ``file:row: column: what is wrong``."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        # A problem with the whole file (row 0) or a whole row (no column) says only that.
        where = f"{self.file}:{self.row}" if self.row else self.file
        return (
            f"{where}: {self.column}: {self.message}"
            if self.column
            else f"{where}: {self.message}"
        )


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell whose result was never saved in the workbook."""

    cell: str
    formula: str


class CellError(ValueError):
    """A cell that cannot be read; the message says why."""


#: Numbers a spreadsheet cell can hold, besides text.
Number = int | float | Decimal
Value = str | Number | datetime.date | datetime.time | bool | Uncomputed | None

EPOCH_1900 = datetime.date(1899, 12, 30)
_LARGEST = Decimal(10) ** 15  # far above any club fund; keeps Decimal arithmetic exact
# Excel keeps 15 significant digits; what a float carries below that is binary noise of its
# arithmetic (a cached =B2*0.005*12 may come back as 299999.99999999994).
_EXCEL = Context(prec=15)


def is_blank(raw: Value) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def shown(raw: Value) -> str:
    """A cell as the treasurer typed it, for messages."""
    if isinstance(raw, str):
        return repr(raw.strip())
    if isinstance(raw, datetime.date):
        return raw.strftime("%d/%m/%Y")
    return str(raw)


def vnd(amount: Decimal) -> str:
    return f"{amount:,} VND"


def day(value: datetime.date) -> str:
    """A date as registers write it, for messages: 05/03/2024."""
    return f"{value:%d/%m/%Y}"


# --- numbers -------------------------------------------------------------------------------


def _from_number(raw: Number) -> Decimal:
    if isinstance(raw, bool):
        raise CellError(_("{raw} is not a number").format(raw=raw))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise CellError(_("{raw} is not a number").format(raw=raw))
        return _EXCEL.plus(Decimal(repr(raw)))
    return Decimal(raw)


_CURRENCY = re.compile(r"^(?:vnd|vnđ|đ|đồng|₫)\s*|\s*(?:vnd|vnđ|đ|đồng|₫)$")
_GROUPED = {
    ".": re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$"),
    ",": re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$"),
    " ": re.compile(r"^(\d{1,3}(?: \d{3})+)(?:[.,](\d{1,2}))?$"),
}
_PLAIN = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$")
_DASHES = {"-", "–", "—"}  # how accounting formats show a zero


def _amount_text(text: str) -> Decimal:
    # normalise() turns no-break spaces, which Excel uses as thousands separators, into spaces.
    cleaned = _CURRENCY.sub("", normalise(text)).strip()
    if cleaned in _DASHES:
        return Decimal(0)
    negative = cleaned.startswith("-") or (
        cleaned.startswith("(") and cleaned.endswith(")")
    )
    digits = cleaned.strip("()").removeprefix("-").strip()
    for pattern in (*_GROUPED.values(), _PLAIN):
        match = pattern.match(digits)
        if match:
            whole = match.group(1).replace(".", "").replace(",", "").replace(" ", "")
            number = Decimal(f"{whole}.{match.group(2) or 0}")
            return -number if negative else number
    raise CellError(
        _("{value!r} is not an amount (write e.g. 3.000.000 or 3000000)").format(
            value=text.strip()
        )
    )


def parse_amount(raw: Value, column: Column) -> Decimal:
    """Whole VND, never negative: ``3.000.000``, ``3,000,000 VND``, ``3 000 000 đ``, 3e6."""
    if isinstance(raw, str):
        number = _amount_text(raw)
    elif isinstance(raw, int | float | Decimal):
        number = _from_number(raw)
    else:
        raise CellError(_("{value} is not an amount").format(value=shown(raw)))
    if abs(number) >= _LARGEST:
        raise CellError(
            _("{value} is far larger than any club fund").format(value=shown(raw))
        )
    if number != number.to_integral_value():
        raise CellError(_("{value} is not a whole number of VND").format(value=shown(raw)))
    if number < 0:
        raise CellError(
            _("{value} is negative; amounts are written without a sign").format(
                value=shown(raw)
            )
        )
    return number.quantize(Decimal(1))


_INT_TEXT = re.compile(r"^(\d{1,6})(?:\s*(?:tháng|thang|năm|nam))?$")


def parse_int(raw: Value, column: Column) -> int:
    """A count or a year: ``12``, ``12 tháng``, or a whole number cell."""
    if isinstance(raw, str):
        match = _INT_TEXT.match(normalise(raw))
        if not match:
            raise CellError(_("{value} is not a whole number").format(value=shown(raw)))
        number = Decimal(match.group(1))
    elif isinstance(raw, int | float | Decimal):
        number = _from_number(raw)
        if abs(number) >= _LARGEST or number != number.to_integral_value():
            raise CellError(_("{value} is not a whole number").format(value=shown(raw)))
    else:
        raise CellError(_("{value} is not a whole number").format(value=shown(raw)))
    return _within(int(number), column)


def _within(number: int, column: Column) -> int:
    if column.minimum is not None and number < column.minimum:
        raise CellError(
            _("{number} is below {minimum}").format(number=number, minimum=column.minimum)
        )
    if column.maximum is not None and number > column.maximum:
        raise CellError(
            _("{number} is above {maximum}").format(number=number, maximum=column.maximum)
        )
    return number


_RATE_TEXT = re.compile(
    r"^(\d{1,3})(?:[.,](\d{1,6}))?\s*(?:%(?:\s*/\s*(?:tháng|thang))?)?$"
)


def parse_rate(raw: Value, column: Column) -> Decimal:
    """A percentage: ``0,5``, ``0.5%``, or a number cell (percent-formatted cells arrive ×100)."""
    if isinstance(raw, str):
        match = _RATE_TEXT.match(normalise(raw))
        if not match:
            raise CellError(
                _("{value} is not a rate in % (write e.g. 0,5)").format(value=shown(raw))
            )
        number = Decimal(f"{match.group(1)}.{match.group(2) or 0}")
    elif isinstance(raw, int | float | Decimal):
        number = _from_number(raw)
    else:
        raise CellError(_("{value} is not a rate in %").format(value=shown(raw)))
    low, high = column.minimum, column.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        raise CellError(
            _("{value} % must be within {low}–{high} %").format(
                value=shown(raw), low=low, high=high
            )
        )
    return number


# --- dates ---------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?$")


def _real_date(text: str, year: int, month: int, day: int) -> datetime.date:
    if not 1900 <= year <= 2099:
        raise CellError(
            _("{text!r} is not a plausible date (year {year})").format(text=text, year=year)
        )
    if not 1 <= month <= 12:
        raise CellError(
            _("{text!r} is not a date: there is no month {month}").format(
                text=text, month=month
            )
        )
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = (next_month - datetime.timedelta(days=1)).day
    if not 1 <= day <= last:
        raise CellError(
            _("{text!r} is not a date: month {month}/{year} has {last} days").format(
                text=text, month=month, year=year, last=last
            )
        )
    return datetime.date(year, month, day)


def _plausible(value: datetime.date, text: str) -> datetime.date:
    if not 1900 <= value.year <= 2099:
        raise CellError(
            _("{text!r} is not a plausible date (year {year})").format(
                text=text, year=value.year
            )
        )
    return value


def _date_text(text: str) -> datetime.date:
    cleaned = normalise(text)
    if match := _ISO.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
        return _real_date(text.strip(), year, month, day)
    if match := _DMY.match(cleaned):
        day, month = int(match.group(1)), int(match.group(2))
        if len(match.group(3)) == 2:
            raise CellError(
                _("{value!r}: write the year with four digits (dd/mm/yyyy)").format(
                    value=text.strip()
                )
            )
        return _real_date(text.strip(), int(match.group(3)), month, day)
    raise CellError(
        _("{value!r} is not a date (write dd/mm/yyyy)").format(value=text.strip())
    )


def _serial(raw: Number, epoch: datetime.date) -> datetime.date:
    days = _from_number(raw)
    if days != days.to_integral_value() or not 1 <= days <= 2958465:
        raise CellError(
            _("{value} is not a date (write dd/mm/yyyy)").format(value=shown(raw))
        )
    whole = int(days)
    if epoch == EPOCH_1900 and whole <= 60:
        # Excel counts a 29 February 1900 that never was; serials before it are one day off.
        if whole == 60:
            raise CellError(_("29/02/1900 is not a date: month 2/1900 has 28 days"))
        whole += 1
    return _plausible(epoch + datetime.timedelta(days=whole), shown(raw))


def parse_date(
    raw: Value, column: Column, epoch: datetime.date = EPOCH_1900
) -> datetime.date:
    """``dd/mm/yyyy``, ``d/m/yyyy``, ISO, a spreadsheet date, or an Excel day number."""
    if isinstance(raw, datetime.datetime):
        return _plausible(raw.date(), shown(raw))
    if isinstance(raw, datetime.date):
        return _plausible(raw, shown(raw))
    if isinstance(raw, str):
        return _date_text(raw)
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        return _serial(raw, epoch)
    raise CellError(_("{value} is not a date (write dd/mm/yyyy)").format(value=shown(raw)))


# --- words and text ------------------------------------------------------------------------


def parse_text(raw: Value, column: Column) -> str:
    if isinstance(raw, str):
        # Decomposed text (Windows-1258, macOS) must compare equal to the books' names.
        return " ".join(unicodedata.normalize("NFC", raw).split())
    if isinstance(raw, datetime.datetime | datetime.date):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        number = _from_number(raw)
        if abs(number) >= _LARGEST:
            raise CellError(_("{value} is not text").format(value=shown(raw)))
        return str(number.quantize(Decimal(1))) if number == int(number) else str(number)
    raise CellError(_("{value} is not text").format(value=shown(raw)))


_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]*$")


def parse_code(raw: Value, column: Column) -> str:
    """A member or loan code, upper-cased: the books use it in account names and links."""
    code = parse_text(raw, column).upper()
    if not _CODE.match(code):
        raise CellError(
            _(
                "{value} is not a code: use only letters A-Z, digits and '-' (e.g. M001, L2024-001)"
            ).format(value=shown(raw))
        )
    return code


def parse_word(raw: Value, column: Column) -> str:
    """A word with a fixed meaning (``Nữ`` → ``F``), tolerant of case and diacritics."""
    meaning = lookup(lookup_table(column.words), raw) if isinstance(raw, str) else None
    if meaning is None:
        accepted = ", ".join(
            dict.fromkeys(column.word_for(m) for m in column.words.values())
        )
        raise CellError(
            _("{value} is not one of {accepted}").format(
                value=shown(raw), accepted=accepted
            )
        )
    return meaning


def parse_cell(raw: Value, column: Column, epoch: datetime.date = EPOCH_1900) -> object:
    """The typed value of a non-blank cell of ``column``; raises ``CellError``."""
    if isinstance(raw, Uncomputed):
        raise CellError(
            _(
                "cell {cell} holds the formula {formula} but no saved result; open the file in Excel or LibreOffice and save it again"
            ).format(cell=raw.cell, formula=raw.formula)
        )
    try:
        if column.type is ColumnType.DATE:
            return parse_date(raw, column, epoch)
        parser = _PARSERS[column.type]
        return parser(raw, column)
    except (InvalidOperation, OverflowError):
        raise CellError(
            _("{value} cannot be read as a {type}").format(
                value=shown(raw), type=column.type
            )
        ) from None


_PARSERS = {
    ColumnType.AMOUNT: parse_amount,
    ColumnType.INT: parse_int,
    ColumnType.RATE: parse_rate,
    ColumnType.TEXT: parse_text,
    ColumnType.CODE: parse_code,
    ColumnType.ENUM: parse_word,
}
