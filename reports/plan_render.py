"""The plan's report in each format: JSON, a workbook for printing, a formal document as a
self-contained page, and the same document printed to PDF.

The document follows the layout of Vietnamese administrative documents (``render.document``):
heading, title, a body with the targets, the books to chase, the resources mobilised and the
province's figures, recipients and signature; then the annex with the charts, the figures by
unit and by club, and the members and loans behind every club's figures.
"""

from __future__ import annotations

from enum import StrEnum
from html import escape

from reports.coverage_render import skipped_table
from reports.labels import Lang, day, label, target_percent
from reports.plan_report import Kind, PlanReport
from reports.plan_tables import (
    clubs_table,
    district_name,
    districts_table,
    figures_table,
    gap_table,
    indicators_table,
    misses_table,
)
from reports.render.document import closing, heading, title_block
from reports.render.html import document, figure, table_html
from reports.render.jsonout import to_json
from reports.render.pdf import html_to_pdf
from reports.render.svg import bar_chart, stacked_chart
from reports.render.table import Table
from reports.report_tables import (
    all_loans_table,
    all_members_table,
    capital_table,
    drilldown_html,
    late_table,
)
from reports.report_units import units_sentence
from reports.report_workbook import report_workbook
from reports.settings import ReportSettings


class PlanFormat(StrEnum):
    XLSX = "xlsx"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"


def title(report: PlanReport, lang: Lang) -> str:
    key = "semiannual_title" if report.kind is Kind.SEMIANNUAL else "annual_title"
    return label(lang, key, year=report.year, plan=report.plan_code)


def subtitle(report: PlanReport, lang: Lang) -> str:
    key = "semiannual_subtitle" if report.kind is Kind.SEMIANNUAL else "annual_subtitle"
    return label(lang, key, year=report.year, plan=report.plan_code)


def scope(report: PlanReport, lang: Lang, late_no: int) -> tuple[str, ...]:
    """The sentences that say what the figures are: date, plan, units, personal data, books."""
    plan, units = report.plan, report.units
    period = {"start": day(plan.period_start), "end": day(plan.period_end)}
    plan_line = (
        label(lang, "scope_plan", plan=plan.code, file=plan.file or "plan.toml", **period)
        if plan.covers
        else label(lang, "scope_no_plan", day=day(report.as_of), plan=plan.code, **period)
    )
    units_line = units_sentence(units, lang)
    behind = len(report.late_books)
    late_line = (
        label(lang, "scope_late", count=behind, days=report.late_after_days, no=late_no)
        if behind
        else label(lang, "scope_late_none", days=report.late_after_days)
    )
    return (
        label(
            lang, "scope_clubs", clubs=report.province.figures.clubs, day=day(report.as_of)
        ),
        f"{label(lang, 'basis')}: {label(lang, f'basis_{report.basis.value}')}.",
        plan_line,
        units_line,
        label(lang, "scope_names" if report.with_names else "scope_codes"),
        late_line,
        label(lang, "report_note"),
    )


def charts(report: PlanReport, lang: Lang) -> list[str]:
    """Coverage against the target, members by group, PAR30 against its limit."""
    units = [(district_name(d, lang), d.figures) for d in report.districts]
    units.append((label(lang, "total"), report.province.figures))
    coverage = bar_chart(
        label(lang, "chart_coverage", coverage=target_percent(report.coverage_min, lang)),
        [(name, f.coverage) for name, f in units],
        lang,
        line=report.coverage_min,
    )
    gender = stacked_chart(
        f"{label(lang, 'chart_composition')}: {label(lang, 'women')} / {label(lang, 'men')}",
        [(name, (f.women, f.members - f.women)) for name, f in units],
        (label(lang, "women"), label(lang, "men")),
        lang,
    )
    age = stacked_chart(
        f"{label(lang, 'chart_composition')}: {label(lang, 'older')} / {label(lang, 'younger')}",
        [(name, (f.older, f.members - f.older)) for name, f in units],
        (label(lang, "older"), label(lang, "younger")),
        lang,
    )
    par = bar_chart(
        label(lang, "chart_par"),
        [(name, f.par30) for name, f in units],
        lang,
        line=report.par30_max,
        top=report.par30_max * 3,
    )
    return [coverage, gender, age, par]


def body_tables(report: PlanReport, lang: Lang) -> tuple[Table, Table, Table, Table]:
    """Biểu 01–04: targets, books to chase, capital received, the province's figures."""
    return (
        indicators_table(report.province, lang, 1),
        late_table(report.late_books, report.late_after_days, lang, 2),
        capital_table(report.capital, report.year, day(report.plan.period_start), lang, 3),
        figures_table(report.province, lang, 4),
    )


def annex_tables(report: PlanReport, lang: Lang) -> tuple[Table, Table, Table, Table]:
    """Biểu 05–08: units, clubs missing targets, the gap plan, every club."""
    return (
        districts_table(report, lang, 5),
        misses_table(report.misses, lang, 6),
        gap_table(report, lang, 7),
        clubs_table(report, lang, 8),
    )


def html_document(report: PlanReport, lang: Lang, settings: ReportSettings) -> str:
    targets, late, capital, figures = body_tables(report, lang)
    sections = ("section_scope", "section_targets", "section_late", "section_capital")
    scope_html = "".join(f"<p>{escape(line)}</p>" for line in scope(report, lang, 2))
    body = [
        heading(settings, report.as_of, lang),
        title_block(subtitle(report, lang), lang),
        '<div class="doc-body">',
        f"<h2>{label(lang, sections[0])}</h2>{scope_html}",
        f"<h2>{label(lang, sections[1])}</h2>{table_html(targets, lang)}",
        f"<h2>{label(lang, sections[2])}</h2>{table_html(late, lang)}",
        f"<h2>{label(lang, sections[3])}</h2>{table_html(capital, lang)}",
        f"<h2>{label(lang, 'section_figures')}</h2>{table_html(figures, lang)}",
        # The last words and the signature share a page: a signature never stands alone.
        f'<div class="ending"><p>{escape(label(lang, "annex_note"))}</p>',
        f"{closing(settings, lang)}</div></div>",
        '<div class="annex annex-start">',
        f'<h2 style="text-align:center">{label(lang, "annex")}</h2>',
        *(figure(svg) for svg in charts(report, lang)),
        *(table_html(t, lang) for t in annex_tables(report, lang)),
        drilldown_html(report.drilldown, report.with_names, lang, 9),
        *(
            [table_html(skipped, lang)]
            if (skipped := skipped_table(report.skipped, lang))
            else []
        ),
        "</div>",
    ]
    return document(title(report, lang), "".join(body), lang)


def render_plan(
    report: PlanReport,
    fmt: PlanFormat,
    lang: Lang,
    settings: ReportSettings | None = None,
) -> str | bytes:
    settings = settings or ReportSettings()
    if fmt is PlanFormat.JSON:
        return to_json(report.model_dump())
    if fmt is PlanFormat.XLSX:
        tables = (
            *body_tables(report, lang),
            *annex_tables(report, lang),
            all_loans_table(report.drilldown, report.with_names, lang),
            all_members_table(report.drilldown, report.with_names, lang),
        )
        skipped = skipped_table(report.skipped, lang)
        return report_workbook(
            title(report, lang),
            subtitle(report, lang),
            report.as_of,
            scope(report, lang, 2),
            tables,
            settings,
            lang,
            skipped,
        )
    page = html_document(report, lang, settings)
    return html_to_pdf(page) if fmt is PlanFormat.PDF else page
