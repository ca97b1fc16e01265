"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime
import json
import sys
from decimal import Decimal
from typing import Any

import click

from ledger_engine.bounds import FIRST_YEAR, LAST_YEAR, year_in_range
from ledger_engine.i18n import _


def today() -> datetime.date:
    """The clock, read here and nowhere below the command line."""
    return datetime.date.today()


class Day(click.DateTime):
    """A date typed as YYYY-MM-DD, within the years a club's books can speak of."""

    name = "date"

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d"])

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Any:
        try:
            converted = super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(
                _("{value} is not a date written YYYY-MM-DD").format(value=repr(value)),
                param,
                ctx,
            )
        if isinstance(converted, datetime.datetime) and not year_in_range(converted):
            self.fail(
                _("{date} is not between the years {first} and {last}").format(
                    date=converted.date(), first=FIRST_YEAR, last=LAST_YEAR
                ),
                param,
                ctx,
            )
        return converted


DAY = Day()


class Between(click.IntRange):
    """A whole number within bounds, refused in the user's language (click says it in
    English)."""

    def _describe_range(self) -> str:
        return _("between {low} and {high}").format(low=self.min, high=self.max)

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(
                _("{value} is not a whole number {range}").format(
                    value=repr(value) if isinstance(value, str) else value,
                    range=self._describe_range(),
                ),
                param,
                ctx,
            )


#: A year of the plan's reports.
YEAR = Between(FIRST_YEAR, LAST_YEAR)


def now() -> datetime.datetime:
    """The time of day, with its zone, for the audit trail (the same clock as ``today``)."""
    return datetime.datetime.now(datetime.UTC).astimezone()


as_of_option = click.option(
    "--as-of",
    "as_of",
    type=DAY,
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
