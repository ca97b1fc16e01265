"""The club's registry: typed records parsed from the ``custom`` directives of a book.

``parse_registry(entries)`` reads every directive of SPEC §2 (club, member, member-exit,
loan-policy, activity, meeting, loan-reschedule) into frozen records (``ledger_engine.records``) and returns
``(Registry, errors)``. It never raises: a malformed directive becomes a ``DirectiveError`` at
the directive's own file and line, and is left out of the registry.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

from ledger_engine.bounds import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_ACTIVE_LOANS,
    MAX_AMOUNT,
    MAX_MEMBERSHIP_DAYS,
    MAX_RATE,
    MAX_ROUNDING_UNIT,
    MAX_TERM_MONTHS,
    MAX_TOLERANCE_DAYS,
    year_in_range,
)
from ledger_engine.errors import DirectiveError
from ledger_engine.field_errors import describe_validation
from ledger_engine.i18n import _
from ledger_engine.records import FrozenRecord, ValidationError, field, validates

CURRENCY = "VND"

#: The ten activity areas of the plan (section IV.3), as written in books.
ACTIVITY_AREAS: tuple[str, ...] = (
    "income",
    "health",
    "home-care",
    "self-help",
    "community",
    "rights",
    "communication",
    "sports",
    "culture",
    "mobilisation",
)


def area_account(area: str) -> str:
    """The spending account of an activity area: "home-care" → Expenses:Activity:Home-Care."""
    return "Expenses:Activity:" + "-".join(part.capitalize() for part in area.split("-"))


class Gender(StrEnum):
    F = "F"
    M = "M"


class Household(StrEnum):
    POOR = "poor"
    NEAR_POOR = "near-poor"
    NONE = "none"


class ExitReason(StrEnum):
    MOVED = "moved"
    DECEASED = "deceased"
    WITHDREW = "withdrew"


class Method(StrEnum):
    FLAT = "flat"
    DECLINING = "declining"
    EQUAL_PRINCIPAL = "equal-principal"
    BULLET = "bullet"


class RoundingMode(StrEnum):
    HALF_EVEN = "half-even"
    HALF_UP = "half-up"


class RatePeriod(StrEnum):
    MONTH = "month"
    YEAR = "year"


class Record(FrozenRecord):
    """A record parsed from one directive; ``filename``/``lineno`` say where it stands."""

    date: datetime.date
    filename: str = "<unknown>"
    lineno: int = 0

    @validates("date")
    def _date_of_this_era(value: datetime.date) -> datetime.date:
        if not year_in_range(value):
            raise ValueError(
                _("the year is not between {first} and {last}").format(
                    first=FIRST_YEAR, last=LAST_YEAR
                )
            )
        return value


class Club(Record):
    code: str
    name: str
    province: str
    district: str | None = None
    commune: str


class Member(Record):
    code: str
    name: str
    gender: Gender
    born: int = field(ge=1880, le=2100)
    ethnicity: str = "Kinh"
    household: Household = Household.NONE

    @property
    def joined(self) -> datetime.date:
        return self.date

    def age(self, as_of: datetime.date) -> int:
        """Age in the year of ``as_of``: the books keep only the year of birth."""
        return as_of.year - self.born


class MemberExit(Record):
    code: str
    reason: ExitReason


class LoanPolicy(Record):
    name: str
    max_principal: Decimal = field(gt=0, le=MAX_AMOUNT)
    max_term: int = field(gt=0, le=MAX_TERM_MONTHS)
    rate: Decimal = field(ge=0, le=MAX_RATE)
    rate_period: RatePeriod = RatePeriod.MONTH
    method: Method = Method.FLAT
    grace: int = field(default=0, ge=0, le=MAX_TERM_MONTHS)
    interest_grace: int = field(default=0, ge=0, le=MAX_TERM_MONTHS)
    rounding: Decimal = field(default=Decimal(1), ge=1, le=MAX_ROUNDING_UNIT)
    rounding_mode: RoundingMode = RoundingMode.HALF_EVEN
    tolerance_days: int = field(default=0, ge=0, le=MAX_TOLERANCE_DAYS)
    max_active_loans: int = field(default=1, ge=1, le=MAX_ACTIVE_LOANS)
    min_membership_days: int = field(default=0, ge=0, le=MAX_MEMBERSHIP_DAYS)
    interest_to_activity: Decimal = field(default=Decimal(0), ge=0, le=100)
    strict_split: bool = False


class Activity(Record):
    area: str
    participants: int = field(ge=0)


class Meeting(Record):
    kind: str
    attendance: int = field(ge=0)


class LoanReschedule(Record):
    loan: str
    term: int | None = field(default=None, gt=0, le=MAX_TERM_MONTHS)
    grace: int | None = field(default=None, ge=0, le=MAX_TERM_MONTHS)
    rate: Decimal | None = field(default=None, ge=0, le=MAX_RATE)
    method: Method | None = None


class Registry(FrozenRecord):
    """Everything the registry directives of one book say, in date order."""

    clubs: tuple[Club, ...] = ()
    members: tuple[Member, ...] = ()
    exits: tuple[MemberExit, ...] = ()
    policies: tuple[LoanPolicy, ...] = ()
    activities: tuple[Activity, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    reschedules: tuple[LoanReschedule, ...] = ()


# --- parsing -------------------------------------------------------------------------------

Errors = list[DirectiveError]
Fields = dict[str, Any]


_ABSENT = object()


def _meta_fields(entry: data.Custom, names: Iterable[str]) -> Fields:
    """The metadata named, as the records read it: amounts in VND become their number."""
    meta = entry.meta
    found: Fields = {}
    for key in names:  # one look-up per name: asked of every directive of the registry
        value = meta.get(key, _ABSENT)
        if value is not _ABSENT:
            found[key] = value.number if isinstance(value, Amount) else value
    return found


def _whole(value: Any) -> Any:
    """A whole Decimal as an int (Beancount gives every number as Decimal); else as it is."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _amount_fields(entry: data.Custom, names: Iterable[str], errors: Errors) -> bool:
    """Amount metadata must be in the book's currency; report any other."""
    ok = True
    for key in names:
        value = entry.meta.get(key)
        if isinstance(value, Amount) and value.currency != CURRENCY:
            errors.append(
                _error(
                    entry,
                    _("{key} is in {currency}, expected {expected}").format(
                        key=key, currency=value.currency, expected=CURRENCY
                    ),
                )
            )
            ok = False
    return ok


def _error(entry: data.Custom, message: str) -> DirectiveError:
    named = " ".join(str(v.value) for v in (entry.values or ())[:2])
    return DirectiveError(entry.meta, f'custom "{entry.type}" {named}: {message}', entry)


def _values(entry: data.Custom, names: Sequence[str], errors: Errors) -> list[Any] | None:
    """The directive's leading values, named for messages; ``None`` if some are missing."""
    values = [v.value for v in entry.values or ()]
    if len(values) < len(names):
        missing = ", ".join(names[len(values) :])
        errors.append(_error(entry, _("missing value(s): {names}").format(names=missing)))
        return None
    return values


def _build(entry: data.Custom, model: type[Record], fields: Fields, errors: Errors) -> Any:
    """The record of ``fields`` and of where the directive stands (no parser names
    ``date``, ``filename`` or ``lineno`` itself). Given in the record's order (where it
    stands first, as ``Record`` declares it, then the parser's fields as its class does),
    the record keeps the dict as it is."""
    meta = entry.meta
    values = {
        "date": entry.date,
        "filename": str(meta.get("filename", "<unknown>")),
        "lineno": int(meta.get("lineno", 0)),
        **fields,
    }
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        errors.append(_error(entry, describe_validation(exc)))
        return None


def _club(entry: data.Custom, errors: Errors) -> Club | None:
    values = _values(entry, ["code"], errors)
    if values is None:
        return None
    fields = {
        "code": values[0],
        **_meta_fields(entry, ["name", "province", "district", "commune"]),
    }
    result: Club | None = _build(entry, Club, fields, errors)
    return result


_MEMBER_KEYS = ("gender", "born", "ethnicity", "household")


def _member(entry: data.Custom, errors: Errors) -> Member | None:
    values = _values(entry, ["code", "name"], errors)
    if values is None:
        return None
    fields = {"code": values[0], "name": values[1], **_meta_fields(entry, _MEMBER_KEYS)}
    if "born" in fields:
        fields["born"] = _whole(fields["born"])
    result: Member | None = _build(entry, Member, fields, errors)
    return result


def _exit(entry: data.Custom, errors: Errors) -> MemberExit | None:
    values = _values(entry, ["code", "reason"], errors)
    if values is None:
        return None
    result: MemberExit | None = _build(
        entry, MemberExit, {"code": values[0], "reason": values[1]}, errors
    )
    return result


_POLICY_KEYS = tuple(k for k in LoanPolicy.model_fields if k not in Record.model_fields)
_INT_KEYS = {
    "max_term",
    "grace",
    "interest_grace",
    "tolerance_days",
    "max_active_loans",
    "min_membership_days",
    "term",
    "participants",
    "attendance",
}


def _ints(fields: Fields) -> Fields:
    """Beancount gives every number as Decimal; counts must be whole."""
    for key in _INT_KEYS & fields.keys():
        fields[key] = _whole(fields[key])
    return fields


def _policy(entry: data.Custom, errors: Errors) -> LoanPolicy | None:
    values = _values(entry, ["name"], errors)
    if values is None or not _amount_fields(entry, ["max_principal", "rounding"], errors):
        return None
    fields = _ints({"name": values[0], **_meta_fields(entry, _POLICY_KEYS[1:])})
    result: LoanPolicy | None = _build(entry, LoanPolicy, fields, errors)
    return result


def _activity(entry: data.Custom, errors: Errors) -> Activity | None:
    values = _values(entry, ["area", "participants"], errors)
    if values is None:
        return None
    if values[0] not in ACTIVITY_AREAS:
        known = ", ".join(ACTIVITY_AREAS)
        errors.append(
            _error(
                entry,
                _("unknown activity area {area} (known: {known})").format(
                    area=repr(values[0]), known=known
                ),
            )
        )
        return None
    fields = {"area": values[0], "participants": _whole(values[1])}
    result: Activity | None = _build(entry, Activity, fields, errors)
    return result


def _meeting(entry: data.Custom, errors: Errors) -> Meeting | None:
    values = _values(entry, ["kind", "attendance"], errors)
    if values is None:
        return None
    fields = {"kind": values[0], "attendance": _whole(values[1])}
    result: Meeting | None = _build(entry, Meeting, fields, errors)
    return result


def _reschedule(entry: data.Custom, errors: Errors) -> LoanReschedule | None:
    values = _values(entry, ["loan"], errors)
    if values is None:
        return None
    fields = _ints(
        {"loan": values[0], **_meta_fields(entry, ["term", "grace", "rate", "method"])}
    )
    result: LoanReschedule | None = _build(entry, LoanReschedule, fields, errors)
    return result


Parser = Callable[[data.Custom, Errors], Record | None]

PARSERS: dict[str, Parser] = {
    "club": _club,
    "member": _member,
    "member-exit": _exit,
    "loan-policy": _policy,
    "activity": _activity,
    "meeting": _meeting,
    "loan-reschedule": _reschedule,
}


def parse_registry(
    entries: Iterable[data.Directive],
) -> tuple[Registry, list[DirectiveError]]:
    """Parse every registry directive; cross-check codes; never raise."""
    errors: Errors = []
    found: dict[str, list[Any]] = {kind: [] for kind in PARSERS}
    for entry in entries:
        if not isinstance(entry, data.Custom):
            continue
        if not entry.values:
            errors.append(_error(entry, _("a custom directive needs at least one value")))
        elif entry.type in PARSERS:
            record = PARSERS[entry.type](entry, errors)
            if record is not None:
                found[entry.type].append((record, entry))
    members = _unique_members(found["member"], errors)
    known = {m.code for m in members}
    exits = _known_exits(found["member-exit"], known, errors)
    registry = Registry(
        clubs=tuple(r for r, _ in found["club"]),
        members=members,
        exits=exits,
        policies=tuple(r for r, _ in found["loan-policy"]),
        activities=tuple(r for r, _ in found["activity"]),
        meetings=tuple(r for r, _ in found["meeting"]),
        reschedules=tuple(r for r, _ in found["loan-reschedule"]),
    )
    return registry, errors


def _unique_members(pairs: list[Any], errors: Errors) -> tuple[Member, ...]:
    seen: dict[str, Member] = {}
    for member, entry in pairs:
        first = seen.get(member.code)
        if first is not None:
            errors.append(
                _error(
                    entry,
                    _(
                        "duplicate member code {code} ({name}); already used at "
                        "{where} for {first}"
                    ).format(
                        code=member.code,
                        name=member.name,
                        where=f"{first.filename}:{first.lineno}",
                        first=first.name,
                    ),
                )
            )
            continue
        seen[member.code] = member
    return tuple(seen.values())


def _known_exits(
    pairs: list[Any], known: set[str], errors: Errors
) -> tuple[MemberExit, ...]:
    exits: dict[str, MemberExit] = {}
    for record, entry in pairs:
        if record.code not in known:
            errors.append(
                _error(entry, _("exit of unknown member {code}").format(code=record.code))
            )
        elif record.code in exits:
            errors.append(
                _error(
                    entry, _("member {code} has already exited").format(code=record.code)
                )
            )
        else:
            exits[record.code] = record
    return tuple(exits.values())
