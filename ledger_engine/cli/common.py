"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime
import json
import sys
from decimal import Decimal
from typing import Any

import click


def today() -> datetime.date:
    """The clock, read here and nowhere below the command line."""
    return datetime.date.today()


def now() -> datetime.datetime:
    """The time of day, with its zone, for the audit trail (the same clock as ``today``)."""
    return datetime.datetime.now(datetime.UTC).astimezone()


as_of_option = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the figures (YYYY-MM-DD); today when omitted.",
)


def resolve_as_of(value: datetime.datetime | None) -> datetime.date:
    return value.date() if value is not None else today()


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dump_json(payload: Any) -> None:
    """JSON on stdout: money as whole numbers where whole, else decimal strings."""
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")
