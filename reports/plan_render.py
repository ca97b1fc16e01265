"""The plan's report in each format: JSON, a workbook for printing, a self-contained page."""

from __future__ import annotations

from enum import StrEnum

from reports.coverage_render import skipped_table
from reports.labels import Lang, label, target_percent
from reports.plan import Kind, PlanReport
from reports.plan_tables import (
    clubs_table,
    district_name,
    districts_table,
    figures_table,
    gap_table,
    indicators_table,
    misses_table,
)
from reports.render.html import figure, page, table_html
from reports.render.jsonout import to_json
from reports.render.svg import bar_chart, stacked_chart
from reports.render.xlsx import Sheet, workbook


class PlanFormat(StrEnum):
    XLSX = "xlsx"
    HTML = "html"
    JSON = "json"


def title(report: PlanReport, lang: Lang) -> str:
    key = "semiannual_title" if report.kind is Kind.SEMIANNUAL else "annual_title"
    return label(lang, key, year=report.year, plan=report.plan_code)


def meta(report: PlanReport, lang: Lang) -> tuple[str, ...]:
    return (
        f"{label(lang, 'province')}: {report.plan_province}",
        f"{label(lang, 'as_of')}: {report.as_of.isoformat()}",
        f"{label(lang, 'basis')}: {label(lang, f'basis_{report.basis.value}')}",
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


def render_plan(report: PlanReport, fmt: PlanFormat, lang: Lang) -> str | bytes:
    if fmt is PlanFormat.JSON:
        return to_json(report.model_dump())
    province = (
        indicators_table(report.province, lang),
        figures_table(report.province, lang),
        misses_table(report.misses, lang),
    )
    districts = districts_table(report, lang)
    clubs, gaps = clubs_table(report, lang), gap_table(report, lang)
    skipped = skipped_table(report.skipped, lang)
    if fmt is PlanFormat.XLSX:
        titles = (title(report, lang), *meta(report, lang))
        return workbook(
            [
                Sheet(label(lang, "sheet_province"), titles, province),
                Sheet(label(lang, "sheet_districts"), titles, (districts,)),
                Sheet(label(lang, "sheet_clubs"), titles, (clubs,)),
                Sheet(label(lang, "sheet_gap"), titles, (gaps,)),
                *(
                    [Sheet(label(lang, "sheet_skipped"), titles, (skipped,))]
                    if skipped
                    else []
                ),
            ],
            lang,
        )
    tables = [province[0], province[1], districts, province[2], gaps, clubs]
    tables += [skipped] if skipped else []
    sections = [
        *(figure(svg) for svg in charts(report, lang)),
        *(table_html(t, lang) for t in tables),
    ]
    return page(title(report, lang), meta(report, lang), sections, lang)
