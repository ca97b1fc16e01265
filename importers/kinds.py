"""The four registers a club treasurer keeps (SPEC §7), declared as data.

Each register kind lists its columns: the header a treasurer writes, whether the column must be
present and filled, the type of its cells and, for words with a fixed meaning (Nam/Nữ, nghèo,
Quỹ TTN/HĐ), what each word means in the books. Readers, validators and template writers all
work from these declarations, so a column is described in exactly one place.

Headers and words are matched tolerantly: Unicode normalisation (Excel on some machines writes
decomposed Vietnamese), case, surrounding and repeated spaces, and diacritics may all differ.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class ColumnType(StrEnum):
    DATE = "date"
    AMOUNT = "amount"  # whole VND, >= 0
    INT = "int"
    RATE = "rate"  # a percentage, decimals allowed
    TEXT = "text"
    CODE = "code"  # a member or loan code: it becomes part of an account name or a link
    ENUM = "enum"


class Fund(StrEnum):
    """The club's two self-managed funds (SPEC §1)."""

    IGF = "igf"
    ACTIVITY = "activity"


@dataclass(frozen=True)
class Column:
    """One column of a register.

    ``name`` is the column's short Vietnamese name, used in messages; ``header`` is what a
    template writes (the name with its unit or allowed words); ``aliases`` are other headers
    treasurers use for it. ``words`` maps each accepted word to its meaning in the books; the
    first word listed for a meaning is the one written back out.
    """

    name: str
    field: str
    type: ColumnType
    required: bool = False
    header: str = ""
    aliases: tuple[str, ...] = ()
    words: Mapping[str, str] = dataclasses.field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None

    @property
    def title(self) -> str:
        return self.header or self.name

    def spellings(self) -> tuple[str, ...]:
        return (self.name, self.title, *self.aliases)

    def word_for(self, meaning: str) -> str:
        """The word written in a register for a meaning (``F`` → ``Nữ``)."""
        for word, value in self.words.items():
            if value == meaning:
                return word
        return meaning


@dataclass(frozen=True)
class Kind:
    """A register kind: its columns and its Vietnamese title.

    ``any_of`` lists alternative groups of columns of which at least one group must be present
    (a repayments register needs a total or the principal and interest columns).
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    any_of: tuple[tuple[str, ...], ...] = ()

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def missing(self, present: Iterable[str]) -> list[str]:
        """Names of the columns, or groups of columns, that ``present`` lacks."""
        have = set(present)
        lacking = [c.name for c in self.required if c.name not in have]
        if self.any_of and not any(set(group) <= have for group in self.any_of):
            lacking.append(" or ".join(" and ".join(group) for group in self.any_of))
        return lacking


# --- normalisation -------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, case-folded, spaces collapsed: the form in which headers and words are compared."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return _SPACES.sub(" ", folded).strip()


def strip_accents(text: str) -> str:
    """Vietnamese without diacritics, as typed on a keyboard without a Vietnamese layout."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # đ is a letter of its own, not d with a mark: Unicode does not decompose it.
    return bare.replace("đ", "d").replace("Đ", "D")


def keys(text: str) -> tuple[str, ...]:
    """The forms under which ``text`` is looked up: as written, and without diacritics."""
    plain = normalise(text)
    return (plain, strip_accents(plain))


def lookup_table(spellings: Mapping[str, str]) -> dict[str, str]:
    """A table from every accepted form of each spelling to its meaning.

    An exact (accented) spelling always wins over an unaccented one that happens to coincide.
    """
    table: dict[str, str] = {}
    for spelling, meaning in spellings.items():
        table.setdefault(keys(spelling)[1], meaning)
    for spelling, meaning in spellings.items():
        table[keys(spelling)[0]] = meaning
    return table


def lookup(table: Mapping[str, str], text: str) -> str | None:
    exact, bare = keys(text)
    return table.get(exact, table.get(bare))


# --- the registers ---------------------------------------------------------------------------

GENDERS = {"Nữ": "F", "Nam": "M", "F": "F", "M": "M", "female": "F", "male": "M"}
HOUSEHOLDS = {
    "nghèo": "poor",
    "cận nghèo": "near-poor",
    "không": "none",
    "hộ nghèo": "poor",
    "hộ cận nghèo": "near-poor",
    "poor": "poor",
    "near-poor": "near-poor",
    "none": "none",
}
EXIT_REASONS = {
    "chuyển đi": "moved",
    "mất": "deceased",
    "xin ra": "withdrew",
    "chuyển nơi ở": "moved",
    "qua đời": "deceased",
    "từ trần": "deceased",
    "xin rút": "withdrew",
    "moved": "moved",
    "deceased": "deceased",
    "withdrew": "withdrew",
}
# "Dư nợ giảm dần" is left out on purpose: treasurers use it both for equal installments and
# for equal principal, and guessing would change every installment of the loan.
METHODS = {
    "lãi phẳng": "flat",
    "gốc đều": "equal-principal",
    "trả góp đều": "declining",
    "trả gốc cuối kỳ": "bullet",
    "dư nợ ban đầu": "flat",
    "niên kim": "declining",
    "gốc chia đều": "equal-principal",
    "cuối kỳ": "bullet",
    "flat": "flat",
    "declining": "declining",
    "equal-principal": "equal-principal",
    "bullet": "bullet",
}
FUNDS = {
    "TTN": Fund.IGF.value,
    "HĐ": Fund.ACTIVITY.value,
    "Quỹ TTN": Fund.IGF.value,
    "Quỹ HĐ": Fund.ACTIVITY.value,
    "tăng thu nhập": Fund.IGF.value,
    "hoạt động": Fund.ACTIVITY.value,
    "quỹ tăng thu nhập": Fund.IGF.value,
    "quỹ hoạt động": Fund.ACTIVITY.value,
    "IGF": Fund.IGF.value,
    "activity": Fund.ACTIVITY.value,
}

T = ColumnType


def _entry_date() -> Column:
    return Column("Ngày", "date", T.DATE, True, aliases=("Ngày tháng", "Ngày ghi sổ"))


def _voucher() -> Column:
    return Column("Số phiếu", "voucher", T.TEXT, True, aliases=("Số chứng từ", "Phiếu số"))


def _member_columns(name_required: bool) -> tuple[Column, ...]:
    return (
        Column("Mã TV", "member", T.CODE, True, aliases=("Mã thành viên",)),
        Column("Họ và tên", "name", T.TEXT, name_required, aliases=("Họ tên",)),
    )


MEMBERS = Kind(
    "members",
    "Danh sách thành viên",
    (
        Column("Mã TV", "code", T.CODE, True, aliases=("Mã thành viên",)),
        Column("Họ và tên", "name", T.TEXT, True, aliases=("Họ tên",)),
        Column("Giới tính", "gender", T.ENUM, True, "Giới tính (Nam/Nữ)", words=GENDERS),
        Column("Năm sinh", "born", T.INT, True, minimum=1880, maximum=2100),
        Column("Dân tộc", "ethnicity", T.TEXT),
        Column(
            "Hộ",
            "household",
            T.ENUM,
            False,
            "Hộ (nghèo/cận nghèo/không)",
            aliases=("Hộ gia đình", "Loại hộ"),
            words=HOUSEHOLDS,
        ),
        Column("Ngày vào", "joined", T.DATE, True, aliases=("Ngày vào CLB",)),
        Column("Ngày ra", "left", T.DATE, aliases=("Ngày ra CLB",)),
        Column("Lý do ra", "exit_reason", T.ENUM, words=EXIT_REASONS),
    ),
)

LOANS = Kind(
    "loans",
    "Sổ cho vay",
    (
        _entry_date(),
        _voucher(),
        Column("Mã khoản vay", "loan", T.CODE, True, aliases=("Mã KV",)),
        *_member_columns(name_required=False),
        Column(
            "Số tiền",
            "amount",
            T.AMOUNT,
            True,
            aliases=("Số tiền vay", "Số tiền cho vay", "Thành tiền", "Số tiền giải ngân"),
        ),
        Column("Kỳ hạn", "term", T.INT, False, "Kỳ hạn (tháng)", minimum=1, maximum=600),
        Column(
            "Lãi suất", "rate", T.RATE, False, "Lãi suất (%/tháng)", minimum=0, maximum=100
        ),
        Column(
            "Phương thức",
            "method",
            T.ENUM,
            False,
            aliases=("Phương thức trả",),
            words=METHODS,
        ),
        Column("Mục đích", "purpose", T.TEXT, False, aliases=("Mục đích vay",)),
    ),
)

REPAYMENTS = Kind(
    "repayments",
    "Sổ thu nợ",
    (
        _entry_date(),
        _voucher(),
        Column("Mã khoản vay", "loan", T.CODE, True, aliases=("Mã KV",)),
        *_member_columns(name_required=False),
        Column(
            "Tiền gốc",
            "principal",
            T.AMOUNT,
            aliases=("Gốc", "Thu gốc", "Nợ gốc", "Trả gốc"),
        ),
        Column(
            "Tiền lãi",
            "interest",
            T.AMOUNT,
            aliases=("Lãi", "Thu lãi", "Lãi vay", "Trả lãi"),
        ),
        # "Đã thu / Collected" is the column the club's collection sheet leaves to fill in.
        Column(
            "Tổng cộng",
            "total",
            T.AMOUNT,
            # A register with one money column names it in many ways; *Số tiền* is the
            # loans register's own name, so a header that fits both is settled by the title.
            aliases=(
                "Tổng",
                "Tổng số tiền",
                "Tổng số",
                "Cộng",
                "Số tiền",
                "Thành tiền",
                "Số tiền thu",
                "Số tiền trả",
                "Đã thu",
                "Đã thu / Collected",
            ),
        ),
        Column("Ghi chú", "note", T.TEXT),
    ),
    any_of=(("Tổng cộng",), ("Tiền gốc", "Tiền lãi")),
)

CASHBOOK = Kind(
    "cashbook",
    "Sổ quỹ",
    (
        _entry_date(),
        _voucher(),
        Column("Quỹ", "fund", T.ENUM, True, "Quỹ (TTN/HĐ)", words=FUNDS),
        Column("Nội dung", "content", T.TEXT, True, aliases=("Diễn giải",)),
        Column("Khoản mục", "category", T.TEXT),
        Column("Thu", "receipt", T.AMOUNT, aliases=("Số tiền thu", "Tiền thu", "Thu tiền")),
        Column("Chi", "payment", T.AMOUNT, aliases=("Số tiền chi", "Tiền chi", "Chi tiền")),
        Column("Ghi chú", "note", T.TEXT),
    ),
    any_of=(("Thu",), ("Chi",)),
)

KINDS: dict[str, Kind] = {k.key: k for k in (MEMBERS, LOANS, REPAYMENTS, CASHBOOK)}


def header_table(kind: Kind) -> dict[str, str]:
    """Every accepted header of a kind → the column's name."""
    return lookup_table({s: c.name for c in kind.columns for s in c.spellings()})


def kind_named(text: str) -> Kind | None:
    """The kind a sheet title or a command-line word names (``Sổ quỹ``, ``cashbook``)."""
    table = lookup_table({k.title: k.key for k in KINDS.values()} | {k: k for k in KINDS})
    key = lookup(table, text)
    return KINDS[key] if key is not None else None
