"""``ledger-engine report semiannual|annual PATH --year Y``: the plan's report.

The report date is the plan's (15 June / 15 December by Plan 327); T1–T5 per district and for
the province, the clubs that miss each target and why, portfolio and fund figures, and the
gap plan. Vietnamese labels by default.
"""

from __future__ import annotations

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
from ledger_engine.rollup import Basis
from ledger_engine.targets import load_plan
from reports.labels import Lang
from reports.plan import Kind, build_plan_report, report_date
from reports.plan_render import PlanFormat, render_plan


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
@lang_option
@engine_options
def report(
    kind: str,
    paths: tuple[str, ...],
    year: int,
    fmt: str,
    output: str | None,
    basis: str,
    lang: str,
    **engine: Any,
) -> None:
    """The plan's half-year (semiannual) or yearly (annual) report on the books in PATH."""
    plan = load_plan(near=paths[0], explicit=engine.pop("plan_path"))
    units = read_units(engine.pop("units_path"))
    as_of = report_date(plan, Kind(kind), year)
    snapshots, skipped = gather(paths, as_of, plan, run_options(**engine))
    result = build_plan_report(
        snapshots, plan, Kind(kind), year, Basis(basis), units, skipped
    )
    write_output(render_plan(result, PlanFormat(fmt), Lang(lang)), output)
