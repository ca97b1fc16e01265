"""Which plan a report uses: plans side by side, each stating its period.

A province's plans sit beside each other in the folder of its books: ``plan.toml``,
``plan-*.toml`` and ``plans/*.toml`` in the nearest folder above the books that holds any of
them. A report for a date uses the plan whose period covers that date; when none does, it
still needs the definitions of a plan (who is older, which activity areas count), so it takes
the plan that ended last before the date (else the first to start) and says that no plan
covers the date.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ledger_engine.targets import PLAN_FILE, Plan, load_plan, parse_plan

PLAN_GLOBS = (PLAN_FILE, "plan-*.toml", "plans/*.toml")


@dataclass(frozen=True)
class PlanChoice:
    plan: Plan
    path: Path | None  # None: the plan shipped with the package
    covers: bool  # whether the plan's period covers the date asked for


def plan_files(near: str | Path) -> list[Path]:
    """The plan files of the nearest folder at or above ``near`` that holds any."""
    start = Path(near).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        found = sorted({p for pattern in PLAN_GLOBS for p in candidate.glob(pattern)})
        files = [p for p in found if p.is_file()]
        if files:
            return files
    return []


def read_plan(path: Path) -> Plan:
    """A plan file, with its name in the error when it cannot be read."""
    try:
        return parse_plan(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: not a plan file: {exc}") from exc


def covers(plan: Plan, day: datetime.date) -> bool:
    return plan.plan.period_start <= day <= plan.plan.period_end


def choose_plan(
    plans: list[tuple[Path | None, Plan]], when: Callable[[Plan], datetime.date]
) -> PlanChoice:
    """The plan whose period covers ``when(plan)`` (a report's date depends on its plan);
    the latest such plan if several do; else the nearest earlier one, marked as not covering."""
    if not plans:
        raise ValueError("no plan to choose from")
    covering = [(path, plan) for path, plan in plans if covers(plan, when(plan))]
    if covering:
        path, plan = max(covering, key=lambda item: item[1].plan.period_start)
        return PlanChoice(plan, path, covers=True)
    earlier = [(p, plan) for p, plan in plans if plan.plan.period_end < when(plan)]
    if earlier:
        path, plan = max(earlier, key=lambda item: item[1].plan.period_end)
    else:
        path, plan = min(plans, key=lambda item: item[1].plan.period_start)
    return PlanChoice(plan, path, covers=False)


def plan_for(
    near: str | Path,
    when: Callable[[Plan], datetime.date],
    explicit: str | Path | None = None,
) -> PlanChoice:
    """The plan a report at ``when(plan)`` uses: the one given, else the one covering the
    date among the plans beside the books, else the package's own plan."""
    if explicit is not None:
        plan = read_plan(Path(explicit))
        return PlanChoice(plan, Path(explicit), covers(plan, when(plan)))
    files = plan_files(near)
    if not files:
        plan = load_plan()
        return PlanChoice(plan, None, covers(plan, when(plan)))
    return choose_plan([(path, read_plan(path)) for path in files], when)
