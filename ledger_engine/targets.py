"""The provincial plan's targets T1–T5, read from ``plan.toml``: data, never code.

A book finds its plan by looking for ``plan.toml`` in its folder and the folders above it, so
``books/plan.toml`` serves every book under ``books/``. Books kept elsewhere fall back to the
copy of Kon Tum's Plan 327 that ships with the package.
"""

from __future__ import annotations

import datetime
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path

from ledger_engine.errors import InputError, reading_problem
from ledger_engine.i18n import _
from ledger_engine.records import FrozenRecord, ValidationError

PLAN_FILE = "plan.toml"


class PlanInfo(FrozenRecord):
    code: str
    province: str
    issued: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    semiannual_as_of: str
    annual_as_of: str
    # Reports on this plan use every club's units in force on this day (the plan's own
    # units) instead of those at the report date; see reports.plan_report.
    units_as_of: datetime.date | None = None


class T1(FrozenRecord):
    new_clubs_min: int
    members_min: int
    members_max: int
    older_members_min: int
    older_members_max: int


class T2(FrozenRecord):
    founded_before: datetime.date
    clubs: int


class T3(FrozenRecord):
    members_min: int
    members_max: int
    women_min: Decimal
    women_max: Decimal
    older_min: Decimal
    older_max: Decimal
    younger_min: Decimal
    younger_max: Decimal
    older_age: int


class T4(FrozenRecord):
    clubs_share_min: Decimal
    coverage_min: Decimal
    required_areas: tuple[str, ...]
    meetings_min: int
    par30_max: Decimal


class T5(FrozenRecord):
    clubs_share_min: Decimal


class Plan(FrozenRecord):
    plan: PlanInfo
    t1: T1
    t2: T2
    t3: T3
    t4: T4
    t5: T5


def parse_plan(text: str) -> Plan:
    """Parse a plan; floats in TOML become exact decimals of what was written."""
    raw = tomllib.loads(text, parse_float=Decimal)
    return Plan.model_validate(raw)


def find_plan_file(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / PLAN_FILE
        if path.is_file():
            return path
    return None


def read_plan(path: Path) -> Plan:
    """The plan in ``path``; a file that cannot be used is an ``InputError`` naming it."""
    try:
        return parse_plan(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, ValidationError, UnicodeDecodeError) as exc:
        raise InputError(
            _("{path}: the plan's targets cannot be read: {problem}").format(
                path=path, problem=reading_problem(exc)
            )
        ) from exc


def load_plan(near: str | Path | None = None, explicit: str | Path | None = None) -> Plan:
    """The plan given explicitly, else the nearest ``plan.toml`` above ``near``, else the
    packaged Plan 327."""
    if explicit is not None:
        return read_plan(Path(explicit))
    found = find_plan_file(Path(near).resolve()) if near is not None else None
    if found is not None:
        return read_plan(found)
    packaged = resources.files("ledger_engine.data").joinpath(PLAN_FILE)
    return parse_plan(packaged.read_text(encoding="utf-8"))
