"""The coverage report in each format: terminal table, JSON, CSV, workbook, web page."""

from __future__ import annotations

from enum import StrEnum

from ledger_engine.rollup import Level, Tally
from reports.coverage import (
    ClubLine,
    CoverageReport,
    SkippedFile,
    UnitLine,
    coverage_payload,
)
from reports.labels import Lang, day, label, target_percent
from reports.late_books import LateBook
from reports.render.table import Cell, Column, Kind, Table, render_csv, render_text
from reports.report_units import units_sentence


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    HTML = "html"


def lists_every_club(fmt: Format) -> bool:
    """Whether the format lists every club; the terminal table and CSV show only the units
    and the books behind."""
    return fmt not in (Format.TABLE, Format.CSV)


def unit_name(line: UnitLine, lang: Lang) -> str:
    if line.level is Level.NATION:
        return label(lang, "level_nation")
    if line.level is Level.CLUB:
        return line.name or ""
    path = [line.province, line.district, line.commune][: _depth(line.level)]
    return " / ".join(part or label(lang, "no_unit") for part in path)


def _depth(level: Level) -> int:
    return {Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}.get(level, 3)


def _figures(tally: Tally, behind: int) -> tuple[Cell, ...]:
    return (
        tally.clubs,
        tally.failed,
        behind,
        tally.members,
        tally.borrowers,
        tally.coverage,
        tally.meeting_target,
        tally.meeting_target_share,
    )


def units_table(report: CoverageReport, lang: Lang) -> Table:
    target = target_percent(report.coverage_min, lang)
    columns = (
        Column(label(lang, f"level_{report.by.value}"), Kind.TEXT, 40),
        Column(label(lang, "clubs"), Kind.COUNT, 9),
        Column(label(lang, "failed"), Kind.COUNT, 10),
        Column(label(lang, "books_behind"), Kind.COUNT, 12),
        Column(label(lang, "members"), Kind.COUNT, 11),
        Column(label(lang, "borrowers"), Kind.COUNT, 11),
        Column(label(lang, "coverage"), Kind.SHARE, 10),
        Column(label(lang, "meeting_target", coverage=target), Kind.COUNT, 10),
        Column(label(lang, "meeting_target_share"), Kind.SHARE, 9),
    )
    rows = tuple(
        (unit_name(u, lang), *_figures(u.figures, u.books_behind)) for u in report.units
    )
    return Table(
        title=label(lang, "coverage_title"),
        columns=columns,
        rows=rows,
        total=(label(lang, "total"), *_figures(report.total, report.books_behind)),
        notes=(label(lang, "report_note"),),
    )


def clubs_table(clubs: tuple[ClubLine, ...], lang: Lang, target: str) -> Table:
    """One line per readable club; ``target`` is the plan's coverage minimum, as shown.
    Its book's status says whether it is late or has errors."""
    columns = (
        Column(label(lang, "code"), Kind.TEXT, 12),
        Column(label(lang, "club"), Kind.TEXT, 36),
        Column(label(lang, "district"), Kind.TEXT, 16),
        Column(label(lang, "commune"), Kind.TEXT, 16),
        Column(label(lang, "members"), Kind.COUNT, 10),
        Column(label(lang, "borrowers"), Kind.COUNT, 10),
        Column(label(lang, "coverage"), Kind.SHARE, 10),
        Column(label(lang, "meeting_target", coverage=target), Kind.FLAG, 9),
        Column(label(lang, "errors"), Kind.COUNT, 8),
        Column(label(lang, "last_entry"), Kind.DATE, 11),
        Column(label(lang, "book_status"), Kind.TEXT, 24),
        Column(label(lang, "needed"), Kind.COUNT, 10),
        Column(label(lang, "self_funded"), Kind.FLAG, 10),
    )
    rows = tuple(
        (
            c.club,
            c.name or c.path,
            c.district,
            c.commune,
            c.members,
            c.borrowers,
            c.coverage,
            c.meets_target,
            c.error_count,
            c.last_entry,
            ", ".join(label(lang, f"short_{s.value}") for s in c.book_statuses),
            c.borrowers_needed,
            c.self_funded,
        )
        for c in clubs
        if c.failed is None
    )
    return Table(label(lang, "sheet_clubs"), columns, rows)


def failed_table(books: tuple[LateBook, ...], lang: Lang) -> Table | None:
    """The books to chase: unreadable, late or with errors (the report's same table)."""
    rows = tuple(
        (
            b.club,
            b.path,
            b.last_entry,
            ", ".join(label(lang, f"short_{s.value}") for s in b.statuses),
            b.detail,
        )
        for b in books
    )
    if not rows:
        return None
    columns = (
        Column(label(lang, "code"), Kind.TEXT, 12),
        Column(label(lang, "file"), Kind.TEXT, 50),
        Column(label(lang, "last_entry"), Kind.DATE, 11),
        Column(label(lang, "book_status"), Kind.TEXT, 24),
        Column(label(lang, "why"), Kind.TEXT, 70),
    )
    return Table(label(lang, "late_title"), columns, rows)


def skipped_table(skipped: tuple[SkippedFile, ...], lang: Lang) -> Table | None:
    """The files found in the folders that are not club books, each with the reason."""
    if not skipped:
        return None
    columns = (
        Column(label(lang, "file"), Kind.TEXT, 50),
        Column(label(lang, "why"), Kind.TEXT, 70),
    )
    return Table(label(lang, "skipped"), columns, tuple((s.path, s.why) for s in skipped))


def _meta(report: CoverageReport, lang: Lang) -> tuple[str, ...]:
    lines = (
        f"{label(lang, 'as_of')}: {day(report.as_of)}",
        f"{label(lang, 'basis')}: {label(lang, f'basis_{report.basis.value}')}",
    )
    return (
        (*lines, units_sentence(report.units_statement, lang))
        if report.units_statement
        else lines
    )


def render_coverage(report: CoverageReport, fmt: Format, lang: Lang) -> str | bytes:
    """The report in ``fmt``; each format's renderer is imported only when it is asked for."""
    if fmt is Format.JSON:
        from reports.render.jsonout import to_json

        return to_json(coverage_payload(report))
    units = units_table(report, lang)
    if fmt is Format.CSV:
        return render_csv(units)
    failed = failed_table(report.late_books, lang)
    skipped = skipped_table(report.skipped, lang)
    extra = [t for t in (failed, skipped) if t is not None]
    if fmt is Format.TABLE:
        return "\n".join(_meta(report, lang)) + "\n\n" + render_text([units, *extra], lang)
    clubs = clubs_table(report.clubs, lang, target_percent(report.coverage_min, lang))
    if fmt is Format.XLSX:
        from reports.render.xlsx import Sheet, workbook

        titles = (label(lang, "coverage_title"), *_meta(report, lang))
        sheets = [
            Sheet(label(lang, "sheet_units"), titles, (units,)),
            Sheet(label(lang, "sheet_clubs"), titles, (clubs,)),
        ]
        if failed:
            sheets.append(Sheet(label(lang, "sheet_late"), titles, (failed,)))
        if skipped:
            sheets.append(Sheet(label(lang, "sheet_skipped"), titles, (skipped,)))
        return workbook(sheets, lang)
    from reports.render.html import figure, page, table_html
    from reports.render.svg import bar_chart

    chart = bar_chart(
        label(lang, "coverage"),
        [(unit_name(u, lang), u.figures.coverage) for u in report.units],
        lang,
        line=report.coverage_min,
    )
    sections = [figure(chart), *(table_html(t, lang) for t in (units, clubs, *extra))]
    return page(label(lang, "coverage_title"), _meta(report, lang), sections, lang)
