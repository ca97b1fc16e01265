"""One club's figures for its Fava pages, computed once per load of the ledger.

Fava keeps a ledger loaded and reloads it when a file changes; every page of the club reads
the same ``ClubView``, rebuilt only when Fava's entries are a new list (a reload). Figures
for a date are kept for the few dates a session looks at, so moving between the pages (or
reloading one) costs nothing after the first visit.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from beancount.core import data

from ledger_engine.book import ClubBook
from ledger_engine.composition import Composition, compose
from ledger_engine.fava_ext import collection, views
from ledger_engine.freshness import last_entry_date
from ledger_engine.loans.portfolio import Portfolio, club_portfolio
from ledger_engine.rollup.figures import club_figures
from ledger_engine.rollup.snapshot import ClubFigures
from ledger_engine.targets import Plan, load_plan

T = TypeVar("T")
#: How many (figure, date) results a club keeps; a session rarely looks at more dates.
KEPT = 32
#: How many rendered pages a club keeps (a ten-year club's loans page is a few MiB).
KEPT_PAGES = 8


class ClubView:
    """A club book as Fava loaded it, with memoised figures per date."""

    def __init__(self, book: ClubBook, plan: Plan) -> None:
        self.book = book
        self.plan = plan
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()
        self._pages: OrderedDict[Hashable, Any] = OrderedDict()
        # Fava's server answers requests on several threads.
        self._lock = threading.Lock()

    def _kept(
        self,
        store: OrderedDict[Hashable, Any],
        size: int,
        key: Hashable,
        build: Callable[[], T],
    ) -> T:
        with self._lock:
            if key in store:
                store.move_to_end(key)
                found: T = store[key]
                return found
        value = build()
        with self._lock:
            store[key] = value
            if len(store) > size:
                store.popitem(last=False)
        return value

    def _memoised(self, name: str, as_of: datetime.date, build: Callable[[], T]) -> T:
        return self._kept(self._memo, KEPT, (name, as_of), build)

    def page(self, key: Hashable, render: Callable[[], T]) -> T:
        """A rendered page, kept under ``key`` (everything the page depends on but the
        book, which cannot change without a new view)."""
        return self._kept(self._pages, KEPT_PAGES, key, render)

    @cached_property
    def last_day(self) -> datetime.date:
        """The date of the book's last transaction: the pages' date when nothing else says."""
        for entry in reversed(self.book.entries):
            if isinstance(entry, data.Transaction):
                day: datetime.date = entry.date
                return day
        return datetime.date.min

    def last_entry(self, as_of: datetime.date) -> datetime.date | None:
        """The book's last entry on or before ``as_of`` (``ledger_engine.freshness``)."""
        return self._memoised(
            "last-entry", as_of, lambda: last_entry_date(self.book.entries, as_of)
        )

    def loans(self, as_of: datetime.date) -> list[views.LoanRow]:
        return self._memoised("loans", as_of, lambda: views.loan_rows(self.book, as_of))

    def portfolio(self, as_of: datetime.date) -> Portfolio:
        return self._memoised(
            "portfolio",
            as_of,
            lambda: club_portfolio(self.book, as_of, older_age=self.plan.t3.older_age),
        )

    def composition(self, as_of: datetime.date) -> Composition:
        registry = self.book.registry
        return self._memoised(
            "composition",
            as_of,
            lambda: compose(registry.members, registry.exits, as_of, self.plan.t3),
        )

    def members(self, as_of: datetime.date) -> list[views.MemberLine]:
        return self._memoised(
            "members",
            as_of,
            lambda: views.member_lines(self.book, self.loans(as_of), as_of),
        )

    def figures(self, as_of: datetime.date) -> ClubFigures | None:
        """The club's snapshot figures (coverage, gap, portfolio, funds); None without a
        ``club`` directive to say which club this is."""
        if not self.book.registry.clubs:
            return None
        return self._memoised(
            "figures", as_of, lambda: club_figures(self.book, as_of, self.plan)
        )

    def collection(self, day: datetime.date) -> list[collection.CollectionLine]:
        return self._memoised(
            "collection", day, lambda: collection.collection_sheet(self.book, day)
        )


# Keyed by the ledger object's id; the entries list it held tells whether it was reloaded.
_VIEWS: dict[int, tuple[Sequence[Any], ClubView]] = {}


def club_view(ledger: Any) -> ClubView:
    """The view of a Fava ledger's current entries, built on first use after each load."""
    entries = ledger.all_entries
    found = _VIEWS.get(id(ledger))
    if found is not None and found[0] is entries:
        return found[1]
    path = ledger.beancount_file_path
    book = ClubBook.from_entries(entries, ledger.load_errors, dict(ledger.options), path)
    view = ClubView(book, load_plan(near=path))
    _VIEWS[id(ledger)] = (entries, view)
    return view


def forget(ledger: Any) -> None:
    """Drop a ledger's view (after a reload), so its old entries can be freed at once."""
    _VIEWS.pop(id(ledger), None)
