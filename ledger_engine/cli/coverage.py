"""``ledger-engine coverage PATH...``: loan coverage from club to province at a date.

PATH is a club book or a folder searched for club books (files that declare a
``custom "club"`` at top level; included yearly files are part of their club's book).
The options shared with ``ledger-engine report`` live here too.
"""

from __future__ import annotations

import datetime
import sys
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from ledger_engine.cli.common import as_of_option, resolve_as_of
from ledger_engine.discovery import discover
from ledger_engine.errors import InputError, reading_problem
from ledger_engine.i18n import _
from ledger_engine.rollup import (
    Basis,
    ClubSnapshot,
    Engine,
    Level,
    RunOptions,
    RunStats,
    load_units,
)
from ledger_engine.rollup.engine import Numbered, Progress, stream_snapshots
from ledger_engine.rollup.rollup import club_row
from ledger_engine.rollup.units import UnitsMap
from ledger_engine.targets import Plan, load_plan
from reports.coverage import CoverageFold, SkippedFile
from reports.coverage_render import Format, lists_every_club, render_coverage
from reports.labels import Lang
from reports.report_units import MixedUnits, Placement
from reports.settings import ReportSettings, load_settings, units_map_path

F = TypeVar("F", bound=Callable[..., Any])


def engine_options(func: F) -> F:
    """--workers, --engine, --scheduler, --cache-dir, --no-cache, --units, --plan."""
    options = [
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=None,
            help="Processes (or Dask workers) to use; every core by default.",
        ),
        click.option(
            "--engine",
            type=click.Choice([e.value for e in Engine]),
            default=Engine.LOCAL.value,
            show_default=True,
            help="local: a process pool here; dask: a Dask cluster.",
        ),
        click.option(
            "--scheduler",
            default=None,
            metavar="ADDRESS",
            help="Dask scheduler address; without it a local cluster is started.",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Where snapshots are kept between runs.",
        ),
        click.option(
            "--no-cache", is_flag=True, help="Compute every book afresh; keep nothing."
        ),
        click.option(
            "--units",
            "units_path",
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="Map of old units to new ones (e.g. books/units-2025.toml).",
        ),
        click.option(
            "--plan",
            "plan_path",
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="Targets file; by default the nearest plan.toml above the first book.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def read_units(path: str | None) -> UnitsMap:
    """The units map in ``path`` (none: units as the books state them); a file that cannot be
    used is an ``InputError`` naming it."""
    try:
        return load_units(path)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(
            _("{path}: the units map cannot be read: {problem}").format(
                path=path, problem=reading_problem(exc)
            )
        ) from exc


def run_options(
    workers: int | None,
    engine: str,
    scheduler: str | None,
    cache_dir: Path | None,
    no_cache: bool,
) -> RunOptions:
    return RunOptions(
        engine=Engine(engine),
        workers=workers,
        scheduler=scheduler,
        cache_dir=cache_dir,
        use_cache=not no_cache,
    )


@contextmanager
def progress_bar(total: int) -> Iterator[Progress]:
    """A bar on stderr while books are read; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty() or total < 2:
        yield lambda done: None
        return
    with click.progressbar(length=total, label="books", file=sys.stderr) as bar:
        yield bar.update


def report_stats(stats: RunStats) -> None:
    if sys.stderr.isatty():
        click.echo(
            f"{stats.books} books: {stats.cached} from the cache, {stats.computed} read, "
            f"{stats.failed} unreadable",
            err=True,
        )


def write_output(content: str | bytes, output: str | None) -> None:
    """To ``output``, or to stdout (text only: a workbook needs a file)."""
    if output is None:
        if isinstance(content, bytes):
            raise click.UsageError(_("this format is binary: give a file with -o FILE"))
        click.echo(content, nl=False)
        return
    target = Path(output)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    if target.exists() and not target.is_file():
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): written into as it is. The
        # rename below would put a plain file in its place, or fail where its folder
        # (/dev) may not be written.
        with target.open("wb") as handle:
            handle.write(data)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a report open elsewhere is never half-written.
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    partial.replace(target)


def find_books(paths: Sequence[str]) -> tuple[list[str], tuple[SkippedFile, ...]]:
    """The club books under ``paths``, and the files found that are not books (announced
    on stderr); none at all is a usage error."""
    found = discover(paths)
    skipped = tuple(SkippedFile(path=s.path, why=s.reason) for s in found.skipped)
    for line in skipped:
        click.echo(f"{line.path}: {line.why}", err=True)
    if not found.books:
        raise click.UsageError(_('no club books found (files declaring custom "club")'))
    return found.books, skipped


def each_snapshot(
    books: list[str],
    as_of: datetime.date,
    plan: Plan,
    options: RunOptions,
    *,
    trace: bool = True,
) -> Iterator[Numbered]:
    """Every book's snapshot and its place among ``books``, one at a time as they come; at
    the end, the run's counts and the books that failed (in the order given) on stderr.
    ``trace=False``: the snapshots need not hold the members and loans behind the counts."""
    stats = RunStats()
    failed: list[tuple[int, str]] = []
    with progress_bar(len(books)) as tick:
        try:
            found = stream_snapshots(books, as_of, plan, options, tick, stats, trace=trace)
            for order, snapshot in found:
                if snapshot.failed:
                    failed.append((order, f"{snapshot.path}: {snapshot.failed}"))
                yield order, snapshot
        except OSError as exc:
            if options.scheduler is None:
                raise
            raise InputError(
                _("the Dask scheduler {address} cannot be reached: {reason}").format(
                    address=options.scheduler, reason=exc
                )
            ) from exc
    report_stats(stats)
    for _order, line in sorted(failed):
        click.echo(line, err=True)


def gather(
    paths: Sequence[str], as_of: datetime.date, plan: Plan, options: RunOptions
) -> tuple[list[ClubSnapshot], tuple[SkippedFile, ...]]:
    """Every book's snapshot, in the order found, and the files found that are not books;
    books that fail and files skipped are kept for the report and announced on stderr."""
    books, skipped = find_books(paths)
    found = sorted(each_snapshot(books, as_of, plan, options), key=lambda n: n[0])
    return [snapshot for _, snapshot in found], skipped


lang_option = click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Language of the labels.",
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@as_of_option
@click.option(
    "--basis",
    type=click.Choice([b.value for b in Basis]),
    default=Basis.RECENT.value,
    show_default=True,
    help="Who counts as a borrowing member.",
)
@click.option(
    "--by",
    type=click.Choice([lv.value for lv in Level if lv is not Level.NATION]),
    default=Level.DISTRICT.value,
    show_default=True,
    help="One row per unit of this level.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default=Format.TABLE.value,
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None)
@click.option(
    "--late-after",
    type=click.IntRange(min=0),
    default=None,
    help="Days a book may trail the date before it is late (report.toml, else 45).",
)
@lang_option
@engine_options
def coverage(
    paths: tuple[str, ...],
    as_of: datetime.datetime | None,
    basis: str,
    by: str,
    fmt: str,
    output: str | None,
    late_after: int | None,
    lang: str,
    **engine: Any,
) -> None:
    """Borrowing members over active members, per club and unit, and the clubs that meet
    the plan's coverage target."""
    settings = _settings(paths[0])
    if late_after is None:
        late_after = settings.late_after_days
    date = resolve_as_of(as_of)
    plan = load_plan(near=paths[0], explicit=engine.pop("plan_path"))
    given = engine.pop("units_path")
    units_file = Path(given) if given else units_map_path(settings)
    units = read_units(str(units_file) if units_file else None)
    books, skipped = find_books(paths)
    # The plan's own units, unless a units map is asked for; never two sets at once.
    units_day = None if given else plan.plan.units_as_of
    name = units_file.name if units_file else None
    placement = Placement(date, units_day, units, name)
    fold = CoverageFold(
        date,
        Basis(basis),
        Level(by),
        late_after=late_after,
        every_club=lists_every_club(Format(fmt)),
    )
    # Each club is placed, rolled up and reduced to its line as it comes, then dropped.
    found = each_snapshot(books, date, plan, run_options(**engine), trace=False)
    for order, snapshot in found:
        fold.add(club_row(placement.place(snapshot, order), Basis(basis)), order)
    try:
        statement = placement.statement()
    except MixedUnits as exc:
        raise click.ClickException(str(exc)) from exc
    report = fold.report(plan.t4.coverage_min, skipped, statement)
    write_output(render_coverage(report, Format(fmt), Lang(lang)), output)


def _settings(near: str) -> ReportSettings:
    """The nearest report settings: the late-book threshold and the units map."""
    try:
        return load_settings(near=near)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
