"""The plan's report as tables: targets, clubs missing them, districts, clubs, gap plan."""

from __future__ import annotations

from decimal import Decimal

from ledger_engine.composition import share
from ledger_engine.verdicts import Reason
from reports.labels import Lang, area_name, label, number, percent, target_percent
from reports.plan_report import Indicator, LevelSummary, Miss, PlanReport
from reports.render.table import Cell, Column, Measure, Table
from reports.render.table import Kind as Col

_SHARE_REASONS = {"why_coverage", "why_women", "why_older", "why_younger", "why_par"}


def _amount(value: Decimal | None, is_share: bool, lang: Lang) -> str:
    return percent(value, lang) if is_share else number(value, lang)


def planned(ind: Indicator, lang: Lang) -> str:
    low = _amount(ind.minimum, ind.is_share, lang)
    if ind.maximum is not None:
        return f"{low}–{_amount(ind.maximum, ind.is_share, lang)}"
    return f"≥ {low}"


def _met(value: bool | None, lang: Lang) -> str:
    return "–" if value is None else label(lang, "met" if value else "not_met")


def indicators_table(summary: LevelSummary, lang: Lang, no: int | None = None) -> Table:
    columns = (
        Column(label(lang, "target"), Col.TEXT, 44),
        Column(label(lang, "planned"), Col.TEXT, 16),
        Column(label(lang, "actual"), Col.MIXED, 14),
        Column(label(lang, "met"), Col.TEXT, 10),
    )
    rows = tuple(
        (
            label(lang, ind.key),
            planned(ind, lang),
            Measure(ind.actual, Col.SHARE if ind.is_share else Col.COUNT),
            _met(ind.met, lang),
        )
        for ind in summary.indicators
    )
    return Table(f"{label(lang, 'target')} — {summary.name}", columns, rows, number=no)


def reason_text(reason: Reason, lang: Lang) -> str:
    value = reason.value
    if reason.key == "why_areas" and isinstance(value, str):
        value = ", ".join(area_name(a.strip(), lang) for a in value.split(","))
    if isinstance(value, Decimal) and reason.key in _SHARE_REASONS:
        shown = percent(value, lang)
    elif isinstance(value, int | Decimal):
        shown = number(value, lang)
    else:
        shown = "" if value is None else str(value)
    return label(lang, reason.key, value=shown)


def misses_table(misses: tuple[Miss, ...], lang: Lang, no: int | None = None) -> Table:
    columns = (
        Column(label(lang, "target"), Col.TEXT, 8),
        Column(label(lang, "club"), Col.TEXT, 40),
        Column(label(lang, "district"), Col.TEXT, 16),
        Column(label(lang, "reasons"), Col.TEXT, 70),
    )
    rows = tuple(
        (m.target, m.club, m.district, "; ".join(reason_text(r, lang) for r in m.reasons))
        for m in misses
    )
    return Table(label(lang, "missing"), columns, rows, number=no)


_UNIT_COLUMNS = (
    ("clubs", Col.COUNT, 8),
    ("members", Col.COUNT, 10),
    ("women", Col.COUNT, 8),
    ("older", Col.COUNT, 10),
    ("borrowers", Col.COUNT, 10),
    ("coverage", Col.SHARE, 9),
    ("t1_new_clubs", Col.COUNT, 10),
    ("t2_kept", Col.COUNT, 10),
    ("t3_clubs", Col.SHARE, 10),
    ("t4_clubs", Col.SHARE, 10),
    ("t5_clubs", Col.SHARE, 10),
    ("glp", Col.MONEY, 14),
    ("par30", Col.SHARE, 8),
    ("collection_rate", Col.SHARE, 10),
    ("igf_cash", Col.MONEY, 14),
    ("activity_fund", Col.MONEY, 14),
)


def _unit_cells(s: LevelSummary) -> tuple[Cell, ...]:
    f = s.figures
    return (
        f.clubs,
        f.members,
        f.women,
        f.older,
        f.borrowers,
        f.coverage,
        f.new_clubs,
        f.kept_clubs,
        f.clubs_share(f.t3_clubs),
        f.clubs_share(f.t4_clubs),
        f.clubs_share(f.t5_clubs),
        f.glp,
        f.par30,
        f.collection_rate,
        f.igf_cash,
        f.activity_fund,
    )


def district_name(s: LevelSummary, lang: Lang) -> str:
    return s.name or f"{s.province or ''} {label(lang, 'no_unit')}".strip()


def unit_anchor(k: int) -> str:
    return f"unit-{k + 1}"


def club_anchor(code: str) -> str:
    return f"club-{code}"


def trace_anchor(code: str) -> str:
    return f"trace-{code}"


def units_header(report: PlanReport, lang: Lang) -> str:
    return label(lang, f"level_units_{report.unit_level.value}")


def districts_table(report: PlanReport, lang: Lang, no: int | None = None) -> Table:
    """One row per unit; every figure of a row links to the unit's first club below."""
    columns = (
        Column(units_header(report, lang), Col.TEXT, 22),
        *(Column(label(lang, key), kind, width) for key, kind, width in _UNIT_COLUMNS),
        Column(label(lang, "books_behind"), Col.COUNT, 12),
    )
    rows = tuple(
        (district_name(d, lang), *_unit_cells(d), d.books_behind) for d in report.districts
    )
    links = tuple(
        (f"#{unit_anchor(k)}",) * len(columns) for k in range(len(report.districts))
    )
    total = (
        label(lang, "total"),
        *_unit_cells(report.province),
        report.province.books_behind,
    )
    return Table(
        label(lang, "sheet_districts"), columns, rows, total, number=no, links=links
    )


def _applies(value: bool, applies: bool) -> bool | None:
    """A verdict where the target applies to the club; "–" (None) where it does not."""
    return value if applies else None


def clubs_table(report: PlanReport, lang: Lang, no: int | None = None) -> Table:
    keys = (
        ("code", Col.TEXT, 12),
        ("club", Col.TEXT, 36),
        ("district", Col.TEXT, 16),
        ("commune", Col.TEXT, 16),
        ("members", Col.COUNT, 9),
        ("women", Col.COUNT, 7),
        ("older", Col.COUNT, 9),
        ("borrowers", Col.COUNT, 9),
        ("coverage", Col.SHARE, 9),
        ("T1", Col.FLAG, 6),
        ("T2", Col.FLAG, 6),
        ("T3", Col.FLAG, 6),
        ("T4", Col.FLAG, 6),
        ("T5", Col.FLAG, 6),
        ("errors", Col.COUNT, 7),
        ("last_entry", Col.DATE, 11),
        ("glp", Col.MONEY, 13),
        ("par30", Col.SHARE, 8),
        ("igf_cash", Col.MONEY, 13),
        ("activity_fund", Col.MONEY, 13),
    )
    columns = tuple(Column(label(lang, key), kind, width) for key, kind, width in keys)
    rows = tuple(
        (
            c.club,
            c.name or f"{c.path} ({label(lang, 'why_failed')})",
            c.district,
            c.commune,
            c.members,
            c.women,
            c.older,
            c.borrowers,
            c.coverage,
            _applies(c.t1_new_club, c.cohort == "plan"),
            _applies(c.t2_kept, c.cohort == "pre-plan"),
            c.t3,
            c.t4,
            c.t5,
            c.error_count,
            c.last_entry,
            c.glp,
            c.par30,
            c.igf_cash,
            c.activity_fund,
        )
        for c in report.clubs
    )
    first_of_unit = {d.clubs[0]: k for k, d in enumerate(report.districts) if d.clubs}
    ids = tuple(
        unit_anchor(first_of_unit[key])
        if (key := c.club or c.path) in first_of_unit
        else None
        for c in report.clubs
    )
    traced = {d.club for d in report.drilldown}
    links = tuple(_club_links(c.club, c.club in traced, len(columns)) for c in report.clubs)
    return Table(
        label(lang, "sheet_clubs"), columns, rows, number=no, row_ids=ids, links=links
    )


def _club_links(code: str | None, traced: bool, width: int) -> tuple[str | None, ...]:
    """The club's code, borrowers, coverage, T3 and T4 link to the members and loans behind."""
    if code is None or not traced:
        return (None,) * width
    here = f"#{trace_anchor(code)}"
    linked = {0, 4, 5, 6, 7, 8, 11, 12}
    return tuple(here if k in linked else None for k in range(width))


def gap_table(report: PlanReport, lang: Lang, no: int | None = None) -> Table:
    keys = (
        ("code", Col.TEXT, 12),
        ("club", Col.TEXT, 36),
        ("district", Col.TEXT, 16),
        ("commune", Col.TEXT, 16),
        ("members", Col.COUNT, 9),
        ("borrowers", Col.COUNT, 9),
        ("coverage", Col.SHARE, 9),
        ("needed", Col.COUNT, 10),
        ("igf_cash", Col.MONEY, 14),
        ("loan_size", Col.MONEY, 12),
        ("loans_fundable", Col.COUNT, 12),
        ("self_funded", Col.FLAG, 10),
    )
    columns = tuple(Column(label(lang, key), kind, width) for key, kind, width in keys)
    rows = tuple(
        (
            g.club,
            g.name,
            g.district,
            g.commune,
            g.members,
            g.borrowers,
            g.coverage,
            g.needed,
            g.idle_cash,
            g.loan_size,
            g.loans_fundable,
            g.self_funded,
        )
        for g in report.gap_plan
    )
    needed = sum(g.needed for g in report.gap_plan)
    own = sum(1 for g in report.gap_plan if g.self_funded)
    total = (
        label(lang, "total"),
        None,
        None,
        None,
        None,
        None,
        None,
        needed,
        None,
        None,
        None,
        None,
    )
    note = f"{label(lang, 'self_funded')}: {number(own, lang)} / {number(len(report.gap_plan), lang)}"
    goal = target_percent(report.coverage_min, lang)
    return Table(
        label(lang, "gap_plan", coverage=goal), columns, rows, total, (note,), number=no
    )


def figures_table(summary: LevelSummary, lang: Lang, no: int | None = None) -> Table:
    """The province's people, borrowers, portfolio and funds: each count or amount beside
    its share (of members, of borrowers, of GLP, of what fell due)."""
    f = summary.figures
    lines: tuple[tuple[str, int | Decimal, Decimal | None], ...] = (
        ("members", f.members, None),
        ("women", f.women, f.women_share),
        ("older", f.older, f.older_share),
        ("poor", f.poor, share(f.poor, f.members)),
        ("near_poor", f.near_poor, share(f.near_poor, f.members)),
        ("ethnic_minority", f.ethnic_minority, share(f.ethnic_minority, f.members)),
        ("borrowers", f.borrowers, f.coverage),
        ("borrowers_women", f.borrowers_women, share(f.borrowers_women, f.borrowers)),
        ("borrowers_older", f.borrowers_older, share(f.borrowers_older, f.borrowers)),
        ("borrowers_poor", f.borrowers_poor, share(f.borrowers_poor, f.borrowers)),
        (
            "borrowers_near_poor",
            f.borrowers_near_poor,
            share(f.borrowers_near_poor, f.borrowers),
        ),
        (
            "borrowers_ethnic_minority",
            f.borrowers_ethnic_minority,
            share(f.borrowers_ethnic_minority, f.borrowers),
        ),
        ("glp", f.glp, None),
        ("at_risk_30", f.at_risk_30, f.par30),
        ("fell_due", f.fell_due, None),
        ("collected_on_time", f.collected_on_time, f.collection_rate),
        ("igf_cash", f.igf_cash, None),
        ("igf_loans", f.igf_loans, None),
        ("activity_fund", f.activity_fund, None),
        ("with_errors", f.with_errors, f.clubs_share(f.with_errors)),
        ("failed", f.failed, f.clubs_share(f.failed)),
    )
    columns = (
        Column(label(lang, "indicator"), Col.TEXT, 44),
        Column(label(lang, "amount"), Col.MONEY, 16),
        Column(label(lang, "share"), Col.SHARE, 10),
    )
    rows = tuple((label(lang, key), amount, ratio) for key, amount, ratio in lines)
    return Table(label(lang, "figures"), columns, rows, number=no)
