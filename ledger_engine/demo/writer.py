"""Writing a generated club as Beancount text: header, registry, accounts, entries, assertions.

Accounts are opened on the day they are first used; the treasurer's balance assertions on
``Assets:IGF:Cash`` (every quarter) and ``Assets:Activity:Cash`` (every year) are computed
from the written transactions themselves, so they hold by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from ledger_engine.demo.entries import (
    ACTIVITY_CASH,
    CASH,
    Custom,
    Entry,
    MetaValue,
    Money,
    Txn,
)

#: Directives of one day in the order a treasurer writes them (Beancount sorts them anyway).
_RANK = {
    "club": 0,
    "loan-policy": 1,
    "member": 2,
    "member-exit": 9,
    "meeting": 3,
    "activity": 4,
    "loan-reschedule": 6,
}
_TXN_RANK = 5


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def value_text(value: MetaValue) -> str:
    if isinstance(value, Money):
        return f"{value.number} VND"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _meta_lines(meta: dict[str, MetaValue]) -> list[str]:
    return [f"  {key}: {value_text(value)}" for key, value in meta.items()]


def _custom_text(entry: Custom) -> list[str]:
    values = " ".join(value_text(v) for v in entry.values)
    return [f'{entry.date} custom "{entry.type}" {values}', *_meta_lines(entry.meta)]


def _txn_text(entry: Txn, voucher: str | None, widths: tuple[int, int]) -> list[str]:
    head = f"{entry.date} *"
    if entry.payee is not None:
        head += f" {quote(entry.payee)}"
    head += f" {quote(entry.narration)}"
    head += "".join(f" #{tag}" for tag in entry.tags)
    head += "".join(f" ^{link}" for link in entry.links)
    meta = dict(entry.meta)
    if voucher is not None:
        meta = {"voucher": voucher, **meta}
    lines = [head, *_meta_lines(meta)]
    accounts, amounts = widths
    for account, number in entry.postings:
        lines.append(f"  {account:<{accounts}}  {number:>{amounts}} VND")
    return lines


def _widths(entries: Sequence[Entry]) -> tuple[int, int]:
    """Columns wide enough for every account and amount, so amounts line up as in
    ``bean-format``."""
    accounts, amounts = 0, 0
    for entry in entries:
        if isinstance(entry, Txn):
            for account, number in entry.postings:
                accounts = max(accounts, len(account))
                amounts = max(amounts, len(str(number)))
    return accounts, amounts


def _rank(entry: Entry) -> int:
    return _TXN_RANK if isinstance(entry, Txn) else _RANK.get(entry.type, 8)


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Day by day in a treasurer's order; Python's sort is stable, so ties keep their order."""
    return sorted(entries, key=lambda e: (e.date, _rank(e)))


def number_vouchers(entries: Sequence[Entry]) -> list[str | None]:
    """PC-2024-001, PT-2024-001, … numbered per kind and year in the order of the book."""
    counters: dict[tuple[str, int], int] = {}
    numbers: list[str | None] = []
    for entry in entries:
        if isinstance(entry, Txn) and entry.voucher is not None:
            key = (entry.voucher, entry.date.year)
            counters[key] = counters.get(key, 0) + 1
            numbers.append(f"{entry.voucher}-{entry.date.year}-{counters[key]:03d}")
        else:
            numbers.append(None)
    return numbers


def _openings(entries: Sequence[Entry]) -> dict[str, date]:
    first: dict[str, date] = {}
    for entry in entries:
        if isinstance(entry, Txn):
            for account, _ in entry.postings:
                first.setdefault(account, entry.date)
    return first


def _quarter_starts(start: date, end: date) -> list[date]:
    days = []
    for year in range(start.year, end.year + 1):
        for month in (1, 4, 7, 10):
            day = date(year, month, 1)
            if start < day <= end:
                days.append(day)
    return days


def _assertions(
    entries: Sequence[Entry], start: date, end: date, widths: tuple[int, int]
) -> list[tuple[date, str]]:
    """Balance lines: IGF cash at every quarter's start, activity cash at every year's."""
    checks = [(d, CASH) for d in _quarter_starts(start, end)]
    checks += [(d, ACTIVITY_CASH) for d in _quarter_starts(start, end) if d.month == 1]
    checks.sort()
    totals = {CASH: 0, ACTIVITY_CASH: 0}
    opened: set[str] = set()
    lines: list[tuple[date, str]] = []
    index = 0
    txns = [e for e in entries if isinstance(e, Txn)]
    for day, account in checks:
        while index < len(txns) and txns[index].date < day:
            for posted, number in txns[index].postings:
                if posted in totals:
                    totals[posted] += number
                    opened.add(posted)
            index += 1
        if account in opened:
            # "YYYY-MM-DD balance " stands where a posting's indent and account begin.
            pad = widths[0] + 4 - 19
            lines.append(
                (day, f"{day} balance {account:<{pad}}{totals[account]:>{widths[1]}} VND")
            )
    return lines


def render_book(
    header: str, entries: Iterable[Entry], labels: dict[str, str], end: date
) -> str:
    """The whole book: ``header`` (options, plugin, comments) then every entry by date."""
    book = ordered(entries)
    vouchers = number_vouchers(book)
    opens = _openings(book)
    start = min(opens.values(), default=end)
    widths = _widths(book)
    blocks: list[tuple[date, int, list[str]]] = []
    for account, day in sorted(opens.items(), key=lambda item: (item[1], item[0])):
        label = labels.get(account)
        line = f"{day} open {account} VND"
        blocks.append((day, -2, [line + (f"  ; {label}" if label else "")]))
    for day, line in _assertions(book, start, end, widths):
        blocks.append((day, -1, [line]))
    for entry, voucher in zip(book, vouchers, strict=True):
        if isinstance(entry, Txn):
            lines = _txn_text(entry, voucher, widths)
        else:
            lines = _custom_text(entry)
        blocks.append((entry.date, _rank(entry), lines))
    blocks.sort(key=lambda block: (block[0], block[1]))
    out = [header.rstrip("\n"), ""]
    for _, _, lines in blocks:
        out.extend(lines)
        if len(lines) > 1:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
