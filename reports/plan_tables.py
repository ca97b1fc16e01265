"""The plan's report as tables: targets, clubs missing them, districts, clubs, gap plan."""

from __future__ import annotations

from decimal import Decimal

from ledger_engine.composition import share
from ledger_engine.verdicts import Reason
from reports.labels import Lang, label, number, percent, target_percent
from reports.plan import Indicator, LevelSummary, Miss, PlanReport
from reports.render.table import Cell, Column, Table
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


def indicators_table(summary: LevelSummary, lang: Lang) -> Table:
    columns = (
        Column(label(lang, "target"), Col.TEXT, 44),
        Column(label(lang, "planned"), Col.TEXT, 16),
        Column(label(lang, "actual"), Col.TEXT, 14),
        Column(label(lang, "met"), Col.TEXT, 10),
    )
    rows = tuple(
        (
            label(lang, ind.key),
            planned(ind, lang),
            _amount(ind.actual, ind.is_share, lang),
            _met(ind.met, lang),
        )
        for ind in summary.indicators
    )
    return Table(f"{label(lang, 'target')} — {summary.name}", columns, rows)


def reason_text(reason: Reason, lang: Lang) -> str:
    value = reason.value
    if isinstance(value, Decimal) and reason.key in _SHARE_REASONS:
        shown = percent(value, lang)
    elif isinstance(value, int | Decimal):
        shown = number(value, lang)
    else:
        shown = "" if value is None else str(value)
    return label(lang, reason.key, value=shown)


def misses_table(misses: tuple[Miss, ...], lang: Lang) -> Table:
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
    return Table(label(lang, "missing"), columns, rows)


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


def districts_table(report: PlanReport, lang: Lang) -> Table:
    columns = (
        Column(label(lang, "district"), Col.TEXT, 22),
        *(Column(label(lang, key), kind, width) for key, kind, width in _UNIT_COLUMNS),
    )
    rows = tuple((district_name(d, lang), *_unit_cells(d)) for d in report.districts)
    total = (label(lang, "total"), *_unit_cells(report.province))
    return Table(label(lang, "sheet_districts"), columns, rows, total)


def clubs_table(report: PlanReport, lang: Lang) -> Table:
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
            c.t1_new_club,
            c.t2_kept,
            c.t3,
            c.t4,
            c.t5,
            c.error_count,
            c.glp,
            c.par30,
            c.igf_cash,
            c.activity_fund,
        )
        for c in report.clubs
    )
    return Table(label(lang, "sheet_clubs"), columns, rows)


def gap_table(report: PlanReport, lang: Lang) -> Table:
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
    return Table(label(lang, "gap_plan", coverage=goal), columns, rows, total, (note,))


def figures_table(summary: LevelSummary, lang: Lang) -> Table:
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
    return Table(label(lang, "figures"), columns, rows)
