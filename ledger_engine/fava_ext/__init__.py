"""The club's own pages in Fava: loans, members, coverage and the collection sheet.

Enable them in a club book with one line (``ledger-engine serve`` enables them for every
club book it serves, whether or not the book says so)::

    2016-05-01 custom "fava-extension" "ledger_engine.fava_ext"

Fava makes one sidebar link of each extension class with a ``report_title``; this module
holds five, all enabled by that one line. Every page but the meeting is read-only (the
meeting page writes through ``importers.meeting``, see ``meeting_page``): figures come from the
engine (``ledger_engine.loans``, ``ledger_engine.composition``, the club snapshot of
``ledger_engine.rollup``), computed once per load of the book and per date, and the page's
date follows Fava's time filter (see ``ledger_engine.fava_ext.base``).
"""

from __future__ import annotations

import datetime

from flask import Response, abort, request

from ledger_engine.composition import Composition

# The base class is reached through its module: Fava loads every extension class it finds
# among this module's names, and the base is no page of its own.
from ledger_engine.fava_ext import (
    base,
    charts,
    collection,
    detail,
    labels,
    meeting_page,
    sheets,
    views,
)
from ledger_engine.loans.portfolio import Portfolio
from ledger_engine.rollup.snapshot import DEFAULT_BASIS, Basis, ClubFigures


class ClubLoans(base.ClubPage):
    """Khoản vay: every loan and its state; with ``?loan=<id>`` one loan in detail."""

    report_title = "Khoản vay / Loans"

    def status_filter(self) -> str:
        """Open loans unless asked otherwise: who owes what is the page's first question."""
        wanted = request.args.get("status", "open")
        return wanted if wanted in views.FILTERS else "open"

    def sort(self) -> str:
        """``?sort=dpd`` puts the most overdue first; the overdue filter does by default."""
        default = "dpd" if self.status_filter() == views.OVERDUE else "disbursed"
        wanted = request.args.get("sort", default)
        return wanted if wanted in self.labels.SORT else default

    def rows(self, as_of: datetime.date) -> list[views.LoanRow]:
        rows = views.with_status(self.club.loans(as_of), self.status_filter())
        return views.by_days_past_due(rows) if self.sort() == "dpd" else rows

    def status_counts(self, as_of: datetime.date) -> dict[str, int]:
        every = self.club.loans(as_of)
        return {name: len(views.with_status(every, name)) for name in views.FILTERS}

    def xlsx_link(self) -> str:
        return self.endpoint_link("xlsx", status=self.status_filter(), sort=self.sort())

    @base.endpoint("xlsx", ["GET"])
    def loans_xlsx(self) -> Response:
        """The loans list as shown (filter, order, date) as a workbook."""
        as_of = self.as_of()
        content = sheets.loans_workbook(self.rows(as_of), self.club.book.title, as_of)
        name = f"khoan-vay-{as_of.isoformat()}.xlsx"
        return base.download(content, sheets.XLSX, name)

    def totals(self, rows: list[views.LoanRow]) -> views.LoanTotals:
        return views.totals(rows)

    def portfolio(self, as_of: datetime.date) -> Portfolio:
        return self.club.portfolio(as_of)

    def loan_page(self, as_of: datetime.date) -> detail.LoanDetail | None:
        loan_id = request.args.get("loan")
        if not loan_id:
            return None
        found = detail.loan_detail(self.club.book, loan_id, as_of)
        if found is None:
            abort(404, f"Không có khoản vay / no loan {loan_id}")
        return found


class ClubMembers(base.ClubPage):
    """Thành viên: the club's composition against T3 and each member's borrowing."""

    report_title = "Thành viên / Members"

    def composition(self, as_of: datetime.date) -> Composition:
        return self.club.composition(as_of)

    def members(self, as_of: datetime.date) -> list[views.MemberLine]:
        return self.club.members(as_of)

    @property
    def older_age(self) -> int:
        """The plan's age from which a member counts as older."""
        return self.club.plan.t3.older_age

    def t3_label(self, key: str) -> str:
        return labels.t3_label(key, self.older_age)


class ClubCoverage(base.ClubPage):
    """Bao phủ vay vốn: coverage against the plan's target, the gap, and arrears by age."""

    report_title = "Bao phủ vay vốn / Coverage"

    def basis(self) -> Basis:
        wanted = request.args.get("basis", DEFAULT_BASIS.value)
        return Basis(wanted) if wanted in set(Basis) else DEFAULT_BASIS

    def figures(self, as_of: datetime.date) -> ClubFigures | None:
        return self.club.figures(as_of)

    def aging_chart(self, as_of: datetime.date) -> str:
        return charts.aging_svg(views.aging(self.club.loans(as_of)))

    def aging(self, as_of: datetime.date) -> list[views.AgingBar]:
        return views.aging(self.club.loans(as_of))


class ClubCollection(base.ClubPage):
    """Bảng thu nợ: what each borrower owes at a meeting, printable."""

    report_title = "Bảng thu nợ / Collection sheet"

    def day(self) -> datetime.date:
        """The meeting day: ``?day=``, else the club's next meeting from the page's date."""
        text = request.args.get("day")
        if text:
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                abort(400, f"day: {text!r} is not a date (YYYY-MM-DD)")
        return collection.next_meeting_day(self.club.book, self.as_of())

    def lines(self, day: datetime.date) -> list[collection.CollectionLine]:
        return self.club.collection(day)

    def xlsx_link(self, day: datetime.date) -> str:
        return self.endpoint_link("xlsx", day=day.isoformat())

    @base.endpoint("xlsx", ["GET"])
    def collection_xlsx(self) -> Response:
        """The sheet as a repayments register with an empty "Đã thu / Collected" column."""
        day = self.day()
        lines = self.lines(day)
        codes = [m.code for m in self.club.book.registry.members]
        first = meeting_page.suggestions(list(self.club.book.entries), codes, day).receipt
        vouchers = meeting_page.voucher_run(first, len(lines))
        content = sheets.collection_workbook(lines, vouchers, self.club.book.title, day)
        return base.download(content, sheets.XLSX, f"bang-thu-no-{day.isoformat()}.xlsx")


class ClubMeeting(meeting_page.MeetingPage):
    """Họp CLB: the monthly meeting (repayments, attendance, new loans, members, cash)."""

    report_title = "Họp CLB / Club meeting"
    has_js_module = True
