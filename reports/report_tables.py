"""Tables of the report's newer parts: books to chase, capital received, and the members and
loans behind each club's figures (as tables for the workbook and as a section of the page)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reports.drilldown import ClubDrilldown, TracedLoan
from reports.labels import Lang, label, percent, source_name
from reports.late_books import BookStatus, LateBook
from reports.mobilisation import CapitalLine
from reports.plan_tables import reason_text, trace_anchor
from reports.render.html import table_html
from reports.render.table import Cell, Column, Table
from reports.render.table import Kind as Col


def status_text(book: LateBook, late_after: int, lang: Lang) -> str:
    words = {
        BookStatus.LATE: label(lang, "status_late", days=late_after),
        BookStatus.ERRORS: label(lang, "status_errors", count=book.error_count),
        BookStatus.UNREADABLE: label(lang, "status_unreadable"),
    }
    return "; ".join(words[s] for s in book.statuses)


def late_table(
    books: Sequence[LateBook], late_after: int, lang: Lang, number: int | None = None
) -> Table:
    columns = (
        Column(label(lang, "code"), Col.TEXT, 12),
        Column(label(lang, "club"), Col.TEXT, 36),
        Column(label(lang, "district"), Col.TEXT, 16),
        Column(label(lang, "commune"), Col.TEXT, 16),
        Column(label(lang, "last_entry"), Col.DATE, 12),
        Column(label(lang, "days_behind"), Col.COUNT, 10),
        Column(label(lang, "book_status"), Col.TEXT, 28),
        Column(label(lang, "file"), Col.TEXT, 44),
        Column(label(lang, "detail"), Col.TEXT, 50),
    )
    rows = tuple(
        (
            b.club,
            b.name,
            b.district,
            b.commune,
            b.last_entry,
            b.days_behind,
            status_text(b, late_after, lang),
            b.path,
            b.detail,
        )
        for b in books
    )
    notes = () if rows else (label(lang, "late_none", days=late_after),)
    return Table(label(lang, "late_title"), columns, rows, notes=notes, number=number)


def capital_table(
    lines: Sequence[CapitalLine], year: int, plan_start: str, lang: Lang, number: int | None
) -> Table:
    columns = (
        Column(label(lang, "source"), Col.TEXT, 32),
        Column(label(lang, "in_year", year=year), Col.MONEY, 16),
        Column(label(lang, "clubs_in_year"), Col.COUNT, 12),
        Column(label(lang, "in_plan", start=plan_start), Col.MONEY, 18),
    )
    rows = tuple(
        (source_name(c.source, lang), c.in_year, c.clubs_in_year, c.in_plan) for c in lines
    )
    total = (
        label(lang, "total"),
        sum(c.in_year for c in lines),
        None,
        sum(c.in_plan for c in lines),
    )
    return Table(label(lang, "capital_title"), columns, rows, total, number=number)


# --- the people and loans behind the figures -------------------------------------------


def _loan_columns(with_names: bool, lang: Lang, with_club: bool) -> tuple[Column, ...]:
    club = (Column(label(lang, "code"), Col.TEXT, 12),) if with_club else ()
    name = (Column(label(lang, "member_name"), Col.TEXT, 24),) if with_names else ()
    return (
        *club,
        Column(label(lang, "member"), Col.TEXT, 9),
        *name,
        Column(label(lang, "loan"), Col.TEXT, 12),
        Column(label(lang, "loan_date"), Col.DATE, 11),
        Column(label(lang, "principal"), Col.MONEY, 12),
        Column(label(lang, "outstanding"), Col.MONEY, 12),
        Column(label(lang, "dpd"), Col.COUNT, 9),
        Column(label(lang, "at_risk"), Col.TEXT, 9),
        Column(label(lang, "book_line"), Col.TEXT, 48),
    )


def _loan_row(
    loan: TracedLoan, club: ClubDrilldown, with_names: bool, with_club: bool, lang: Lang
) -> tuple[Cell, ...]:
    names = {m.code: m.name for m in club.members}
    return (
        *((club.club,) if with_club else ()),
        loan.member,
        *((names.get(loan.member),) if with_names else ()),
        loan.loan,
        loan.date,
        loan.principal,
        loan.outstanding,
        loan.dpd,
        label(lang, "yes") if loan.at_risk else "",
        f"{loan.file}:{loan.line}",
    )


def _loans_of(club: ClubDrilldown) -> list[TracedLoan]:
    """The loans behind the borrowers, then those at risk that count for no borrower."""
    seen = {loan.loan for loan in club.loans}
    return [*club.loans, *(loan for loan in club.at_risk if loan.loan not in seen)]


def club_loans_table(
    club: ClubDrilldown, with_names: bool, lang: Lang, number: str
) -> Table:
    rows = tuple(_loan_row(loan, club, with_names, False, lang) for loan in _loans_of(club))
    title = label(lang, "drilldown_club", club=f"{club.club} {club.name}")
    return Table(f"{number}. {title}", _loan_columns(with_names, lang, False), rows)


def all_loans_table(clubs: Sequence[ClubDrilldown], with_names: bool, lang: Lang) -> Table:
    rows = tuple(
        _loan_row(loan, club, with_names, True, lang)
        for club in clubs
        for loan in _loans_of(club)
    )
    return Table(label(lang, "sheet_loans"), _loan_columns(with_names, lang, True), rows)


def all_members_table(
    clubs: Sequence[ClubDrilldown], with_names: bool, lang: Lang
) -> Table:
    name = (Column(label(lang, "member_name"), Col.TEXT, 24),) if with_names else ()
    columns = (
        Column(label(lang, "code"), Col.TEXT, 12),
        Column(label(lang, "member"), Col.TEXT, 9),
        *name,
        Column(label(lang, "women"), Col.FLAG, 7),
        Column(label(lang, "older"), Col.FLAG, 9),
        Column(label(lang, "borrower"), Col.FLAG, 9),
    )
    rows = tuple(
        (
            club.club,
            m.code,
            *((m.name,) if with_names else ()),
            m.woman,
            m.older,
            m.borrower,
        )
        for club in clubs
        for m in club.members
    )
    return Table(label(lang, "sheet_members"), columns, rows)


def drilldown_html(
    clubs: Sequence[ClubDrilldown], with_names: bool, lang: Lang, no: int
) -> str:
    """One part per club: the count behind coverage, T3 and T4, the members (the
    denominator, borrowers in bold), the loans (the numerator) with their book lines."""
    parts = [f"<h2>{escape(label(lang, 'drilldown_title'))}</h2>"]
    for k, club in enumerate(clubs, 1):
        number = f"{label(lang, 'table_no', no=no)}.{k}"
        parts.append(
            f'<section id="{trace_anchor(club.club)}" class="drilldown">'
            f"<h3>{escape(club.club)} {escape(club.name)}</h3>"
            f"<p>{escape(_summary(club, lang))}</p>{_reasons(club, lang)}"
            f'<p class="members">{escape(_members_title(club, lang))}: '
            f"{_members_html(club, with_names)}</p>"
            f"{table_html(club_loans_table(club, with_names, lang, number), lang)}</section>"
        )
    return "".join(parts)


def _summary(club: ClubDrilldown, lang: Lang) -> str:
    verdict = {True: label(lang, "met"), False: label(lang, "not_met")}
    return label(
        lang,
        "drilldown_summary",
        coverage=percent(club.coverage, lang),
        borrowers=len(club.borrowers),
        members=len(club.members),
        t3=verdict[club.t3],
        t4=verdict[club.t4],
    )


def _reasons(club: ClubDrilldown, lang: Lang) -> str:
    """Why the club misses T3 or T4, as the verdicts say it."""
    lines = (
        f"{target}: " + "; ".join(reason_text(r, lang) for r in reasons)
        for target, reasons in (("T3", club.t3_reasons), ("T4", club.t4_reasons))
        if reasons
    )
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def _members_title(club: ClubDrilldown, lang: Lang) -> str:
    return label(
        lang,
        "drilldown_members",
        count=len(club.members),
        women=club.women,
        older=club.older,
    )


def _members_html(club: ClubDrilldown, with_names: bool) -> str:
    items = []
    for m in club.members:
        text = escape(f"{m.code} {m.name}" if with_names and m.name else m.code)
        items.append(f"<b>{text}</b>" if m.borrower else text)
    return ", ".join(items)
