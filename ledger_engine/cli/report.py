"""``ledger-engine report semiannual|annual PATH --year Y``: the plan's report.

The report date is the plan's (15 June / 15 December by Plan 327); the plan is the one whose
period covers it among the plans beside the books (``plan.toml``, ``plan-*.toml``,
``plans/*.toml``). T1–T5 per district and for the province, the clubs that miss each target
and why, the books to chase, capital received, portfolio and funds, the gap plan, and the
members and loans behind each club's figures. Issuer, number, signer and recipients come from
``report.toml`` beside the plan. Vietnamese labels by default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ledger_engine.cli.common import YEAR
from ledger_engine.cli.coverage import (
    engine_options,
    gather,
    lang_option,
    read_units,
    run_options,
    write_output,
)
from ledger_engine.i18n import _
from ledger_engine.plan_periods import plan_for
from ledger_engine.rollup import Basis
from reports.labels import Lang
from reports.plan_render import PlanFormat, render_plan
from reports.plan_report import Kind, ReportOptions, build_plan_report, report_date
from reports.render.pdf import PdfEngineMissing
from reports.report_units import MixedUnits
from reports.settings import ReportSettings, load_settings, units_map_path


@click.command()
@click.argument("kind", type=click.Choice([k.value for k in Kind]))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--year", type=YEAR, required=True, help="Year of the report.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in PlanFormat]),
    default=PlanFormat.XLSX.value,
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None)
@click.option(
    "--basis",
    type=click.Choice([b.value for b in Basis]),
    default=Basis.RECENT.value,
    show_default=True,
    help="Who counts as a borrowing member.",
)
@click.option(
    "--with-names",
    is_flag=True,
    help="List members' names beside their codes (personal data: not for sending upward).",
)
@click.option(
    "--settings",
    "settings_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Report settings; by default the nearest report.toml above the first book.",
)
@click.option(
    "--late-after",
    type=click.IntRange(min=0),
    default=None,
    help="Days a book may trail the report date before it is late (settings: 45).",
)
@lang_option
@engine_options
def report(
    kind: str,
    paths: tuple[str, ...],
    year: int,
    fmt: str,
    output: str | None,
    basis: str,
    with_names: bool,
    settings_path: str | None,
    late_after: int | None,
    lang: str,
    **engine: Any,
) -> None:
    """The plan's half-year (semiannual) or yearly (annual) report on the books in PATH."""
    settings = _settings(paths[0], settings_path)
    try:
        choice = plan_for(
            paths[0], lambda p: report_date(p, Kind(kind), year), engine.pop("plan_path")
        )
    except ValueError as exc:
        raise click.ClickException(_("Plan: {error}").format(error=exc)) from exc
    given = engine.pop("units_path")
    units_file = Path(given) if given else units_map_path(settings)
    as_of = report_date(choice.plan, Kind(kind), year)
    snapshots, skipped = gather(paths, as_of, choice.plan, run_options(**engine))
    options = ReportOptions(
        basis=Basis(basis),
        units_map=read_units(str(units_file) if units_file else None),
        units_map_name=units_file.name if units_file else None,
        late_after_days=settings.late_after_days if late_after is None else late_after,
        with_names=with_names,
        plan_file=choice.path.name if choice.path else None,
        plan_covers=choice.covers,
        plan_units=not given,  # a units map asked for wins over the plan's units
        skipped=skipped,
    )
    try:
        result = build_plan_report(snapshots, choice.plan, Kind(kind), year, options)
        content = render_plan(result, PlanFormat(fmt), Lang(lang), settings)
    except (MixedUnits, PdfEngineMissing) as exc:
        raise click.ClickException(str(exc)) from exc
    write_output(content, output)


def _settings(near: str, explicit: str | None) -> ReportSettings:
    try:
        return load_settings(near=near, explicit=explicit)
    except ValueError as exc:
        raise click.ClickException(_("Report settings: {error}").format(error=exc)) from exc
