"""Frozen records with typed fields: checked on the way in, written to and read from JSON.

The roll-up's records (the registry's directives, a club's snapshot, the plan, verdicts,
tallies, report lines) are declared as classes of annotated fields::

    class Member(FrozenRecord):
        code: str
        born: int = field(ge=1880, le=2100)
        household: Household = Household.NONE

Building one (``Member(code=..., born=...)`` or ``Member.model_validate(mapping)``) converts
each value to its field's type the way a lenient reader of books and TOML should (a whole
``Decimal`` is an ``int``, ``"2025-01-31"`` a date, ``"poor"`` a ``Household``), checks the
bounds, refuses unknown fields, and reports every field that fails at once in a
``ValidationError`` whose ``errors()`` say where, what and the value given — the same items,
types and words as pydantic's, so ``ledger_engine.field_errors`` words both alike
(``tests/test_records.py`` feeds both the same values). Where they differ, on purpose: a
number is not read as a date (pydantic takes it for a Unix time), and in a union with
``str`` text that reads as a finite number is a Decimal, as pydantic reads it from JSON.

The method names are pydantic's (``model_dump``, ``model_dump_json``, ``model_copy``,
``model_validate_json`` …) for the subset the records use. Pydantic itself is left for the
importers and the web pages: importing it and building the roll-up's fifty models took
about 0.15 s of every run, a third of a rerun that reads one changed book. Here a class
costs nothing to declare; its field types are read on its first use.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import inspect
import json
import math
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, ClassVar, Self

__all__ = [
    "FrozenRecord",
    "ValidationError",
    "computed",
    "field",
    "validates",
]

_MISSING: Any = object()
#: What a converter returns for a value it refused (the error is already recorded).
_BAD: Any = object()

Loc = tuple[int | str, ...]
ErrorItem = dict[str, Any]
Convert = Callable[[Any, Loc, list[ErrorItem]], Any]


class ValidationError(ValueError):
    """Every field of one record that could not be read, as pydantic's error items."""

    def __init__(self, title: str, items: list[ErrorItem]) -> None:
        super().__init__(title, items)
        self.title = title
        self._items = items

    def errors(self) -> list[ErrorItem]:
        return list(self._items)

    def error_count(self) -> int:
        return len(self._items)

    def __str__(self) -> str:
        count = len(self._items)
        lines = [f"{count} validation error{'s' if count != 1 else ''} for {self.title}"]
        for item in self._items:
            lines.append(".".join(str(p) for p in item["loc"]))
            given = item.get("input")
            lines.append(
                f"  {item['msg']} [type={item['type']}, input_value={given!r}, "
                f"input_type={type(given).__name__}]"
            )
        return "\n".join(lines)


def _fail(
    errors: list[ErrorItem],
    kind: str,
    msg: str,
    loc: Loc,
    value: Any,
    ctx: dict[str, Any] | None = None,
) -> Any:
    item: ErrorItem = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx is not None:
        item["ctx"] = ctx
    errors.append(item)
    return _BAD


# --- fields ----------------------------------------------------------------------------------


class FieldInfo:
    """One declared field: its default, the key it is read under, and its bounds."""

    __slots__ = ("alias", "bounds", "default", "name", "owner")

    def __init__(
        self,
        default: Any = _MISSING,
        alias: str | None = None,
        bounds: tuple[tuple[str, Any], ...] = (),
    ) -> None:
        self.name = ""
        self.owner: type | None = None  # the class that declares it
        self.default = default
        self.alias = alias
        self.bounds = bounds  # ("ge", 1), ("le", 600) …

    @property
    def required(self) -> bool:
        return self.default is _MISSING

    @property
    def annotation(self) -> Any:
        """The field's type, read from its class's annotations when asked."""
        return typing.get_type_hints(self.owner)[self.name]

    def __repr__(self) -> str:
        return f"FieldInfo({self.name!r}, default={self.default!r})"


def field(
    default: Any = _MISSING,
    *,
    alias: str | None = None,
    gt: Any = None,
    ge: Any = None,
    lt: Any = None,
    le: Any = None,
) -> Any:
    """A field's default, the key it is read under instead of its name, and its bounds."""
    given = (("gt", gt), ("ge", ge), ("lt", lt), ("le", le))
    return FieldInfo(default, alias, tuple((k, b) for k, b in given if b is not None))


class computed(property):
    """A property written out with the fields by ``model_dump`` (a ratio of a tally)."""


def validates(name: str) -> Callable[[Callable[..., Any]], Any]:
    """A class's own check of one field, run on the converted value: it returns the value
    to keep or raises ``ValueError`` with words for the user."""

    def mark(function: Callable[..., Any]) -> Any:
        function.__validates__ = name  # type: ignore[attr-defined]
        return staticmethod(function)

    return mark


# --- converters, one per field type ------------------------------------------------------


def _str(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bytes | bytearray):
        try:
            return bytes(value).decode()
        except UnicodeDecodeError:
            return _fail(errors, "string_unicode", _UNICODE, loc, value)
    return _fail(errors, "string_type", "Input should be a valid string", loc, value)


_UNICODE = "Input should be a valid string, unable to parse raw data as a unicode string"
#: What pydantic trims around a number given as text: Unicode's White_Space (Python's
#: ``str.strip`` also takes the separators U+001C–U+001F, which pydantic refuses).
_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Whole numbers as text: ``" 12 "``, ``"+7"``, ``"1_000"``, ``"7.0"``; not ``"7."``, ``"٧"``.
_WHOLE_TEXT = re.compile(f"[{_SPACE}]*([+-]?[0-9]+(?:_[0-9]+)*)(?:\\.0+)?[{_SPACE}]*")


def _is_finite(number: float | Decimal) -> bool:
    return number.is_finite() if isinstance(number, Decimal) else math.isfinite(number)


def _int(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
    kind = type(value)
    if kind is int:
        return value
    if kind is bool:
        return int(value)
    if isinstance(value, Decimal) or kind is float:
        if not _is_finite(value):
            return _fail(
                errors, "finite_number", "Input should be a finite number", loc, value
            )
        if value != int(value):
            return _fail(errors, "int_from_float", _FRACTION, loc, value)
        return int(value)
    if isinstance(value, str | bytes) and not isinstance(value, enum.Enum):
        text = value.decode(errors="replace") if isinstance(value, bytes) else value
        whole = _WHOLE_TEXT.fullmatch(text)
        if whole is not None:
            return int(whole.group(1))
        return _fail(errors, "int_parsing", _INT_PARSING, loc, value)
    if isinstance(value, enum.Enum):
        return _fail(errors, "int_parsing", _INT_PARSING, loc, value)
    if isinstance(value, int):
        return int(value)
    return _fail(errors, "int_type", "Input should be a valid integer", loc, value)


_FRACTION = "Input should be a valid integer, got a number with a fractional part"
_INT_PARSING = "Input should be a valid integer, unable to parse string as an integer"
_DECIMAL_TYPE = "Decimal input should be an integer, float, string or Decimal object"


def _decimal(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
    kind = type(value)
    if kind is Decimal:
        number = value
    elif kind is int:
        return Decimal(value)
    elif kind is float:
        number = Decimal(str(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip(_SPACE))
        except InvalidOperation:
            return _fail(
                errors, "decimal_parsing", "Input should be a valid decimal", loc, value
            )
    elif isinstance(value, Decimal):
        number = Decimal(value)
    elif isinstance(value, int) and kind is not bool:
        return Decimal(value)
    else:
        return _fail(errors, "decimal_type", _DECIMAL_TYPE, loc, value)
    if not number.is_finite():
        return _fail(errors, "finite_number", "Input should be a finite number", loc, value)
    return number


_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


def _bool(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
    if type(value) is bool:
        return value
    if isinstance(value, bytes):
        value = value.decode(errors="replace")
    if isinstance(value, str):
        word = value.lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        return _fail(errors, "bool_parsing", _BOOL_PARSING, loc, value)
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if number and _is_finite(value) and value == int(value) and abs(int(value)) < 2**63:
        if value in (0, 1):
            return value == 1
        return _fail(errors, "bool_parsing", _BOOL_PARSING, loc, value)
    return _fail(errors, "bool_type", "Input should be a valid boolean", loc, value)


_BOOL_PARSING = "Input should be a valid boolean, unable to interpret input"
#: A date, or a date and a time of midnight, as text: ``2025-01-31``,
#: ``2025-01-31T00:00:00Z``. Numbers are not read as Unix times, as pydantic would: in a
#: book or a plan, a number where a date belongs is a mistake.
_DATE_TEXT = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:[Tt _]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?"
    r"(?:[Zz]|[+-][0-9]{2}:?[0-9]{2})?)?"
)


def _date(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
    kind = type(value)
    if kind is datetime.date:
        return value
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            return _fail(
                errors,
                "date_from_datetime_inexact",
                "Datetimes provided to dates should have zero time - e.g. be exact dates",
                loc,
                value,
            )
        return value.date()
    if isinstance(value, datetime.date):
        return datetime.date(value.year, value.month, value.day)
    if isinstance(value, bytes):
        value = value.decode(errors="replace")
    if isinstance(value, str):
        parts = _DATE_TEXT.fullmatch(value)
        if parts is not None:
            day, *time = parts.groups()
            try:
                found = datetime.date.fromisoformat(day)
            except ValueError:
                found = None
            if found is not None and not any(t and int(t) for t in time):
                return found
        return _fail(
            errors,
            "date_parsing",
            "Input should be a valid date in the format YYYY-MM-DD",
            loc,
            value,
        )
    return _fail(errors, "date_type", "Input should be a valid date", loc, value)


def _path(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
    if isinstance(value, Path):
        return value
    if isinstance(value, str):
        return Path(value)
    return _fail(
        errors,
        "path_type",
        "Input is not a valid path for <class 'pathlib.Path'>",
        loc,
        value,
    )


def _any(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
    return value


def _enum(kind: type[enum.Enum]) -> Convert:
    values = [member.value for member in kind]
    shown = [repr(v) for v in values]
    expected = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    by_value = {member.value: member for member in kind}

    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        if type(value) is kind:
            return value
        try:
            return by_value[value]
        except (KeyError, TypeError):
            return _fail(
                errors,
                "enum",
                f"Input should be {expected}",
                loc,
                value,
                {"expected": expected},
            )

    return convert


def _optional(inner: Convert) -> Convert:
    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        return None if value is None else inner(value, loc, errors)

    return convert


def _union(members: tuple[Any, ...]) -> Convert:
    """Several types: a value already of one of them is kept, except text, which (like a
    value of none of them) becomes the first that reads it: in ``Decimal | int | str``,
    ``"0.5"`` is a Decimal and ``"health, sports"`` stays text, as in a snapshot read back
    from its JSON."""
    exact = tuple(m for m in members if isinstance(m, type) and m is not str)
    converters = [(m, _converter(m)) for m in members]

    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        kind = type(value)
        if kind in exact and (kind is not Decimal or value.is_finite()):
            return value
        if kind is bool and int in exact:
            return int(value)
        tried: list[ErrorItem] = []
        for member, one in converters:
            found = one(value, (*loc, _tag(member)), tried)
            if found is not _BAD:
                return found
        errors.extend(tried)
        return _BAD

    return convert


def _tag(member: Any) -> str:
    return getattr(member, "__name__", str(member)).lower()


def _tuple(inner: Convert) -> Convert:
    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        if not isinstance(value, list | tuple | set | frozenset):
            return _fail(errors, "tuple_type", "Input should be a valid tuple", loc, value)
        items = []
        bad = False
        for index, item in enumerate(value):
            found = inner(item, (*loc, index), errors)
            bad = bad or found is _BAD
            items.append(found)
        return _BAD if bad else tuple(items)

    return convert


def _dict(keys: Convert, values: Convert) -> Convert:
    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        if not isinstance(value, Mapping):
            return _fail(
                errors, "dict_type", "Input should be a valid dictionary", loc, value
            )
        found = {}
        bad = False
        for key, item in value.items():
            k = keys(key, (*loc, key, "[key]"), errors)
            v = values(item, (*loc, key), errors)
            bad = bad or k is _BAD or v is _BAD
            found[k] = v
        return _BAD if bad else found

    return convert


def _record(kind: type[FrozenRecord]) -> Convert:
    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        if isinstance(value, kind):
            return value
        if isinstance(value, Mapping):
            return kind._read(value, loc, errors)
        return _fail(
            errors,
            "model_type",
            f"Input should be a valid dictionary or instance of {kind.__name__}",
            loc,
            value,
            {"class_name": kind.__name__},
        )

    return convert


def _dataclass(kind: type) -> Convert:
    """A frozen dataclass among the fields (the trace's members and loans): read from a
    mapping of its fields, unknown keys refused, defaults kept."""
    hints = typing.get_type_hints(kind)
    fields = [
        (f.name, _converter(hints[f.name]), f.default is dataclasses.MISSING)
        for f in dataclasses.fields(kind)
    ]
    names = {name for name, _, _ in fields}
    shown = kind.__name__

    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        if isinstance(value, kind):
            return value
        if not isinstance(value, Mapping):
            return _fail(
                errors,
                "dataclass_type",
                f"Input should be a dictionary or an instance of {shown}",
                loc,
                value,
                {"class_name": shown},
            )
        found = {}
        before = len(errors)
        for name, one, required in fields:
            if name in value:
                found[name] = one(value[name], (*loc, name), errors)
            elif required:
                _fail(errors, "missing", "Field required", (*loc, name), value)
        for key in value.keys() - names:
            _fail(
                errors,
                "unexpected_keyword_argument",
                "Unexpected keyword argument",
                (*loc, key),
                value[key],
            )
        return _BAD if len(errors) > before else kind(**found)

    return convert


_EXTRA = "Extra inputs are not permitted"

_SIMPLE: dict[Any, Convert] = {
    str: _str,
    int: _int,
    Decimal: _decimal,
    bool: _bool,
    datetime.date: _date,
    Path: _path,
    Any: _any,
}


def _converter(hint: Any) -> Convert:
    simple = _SIMPLE.get(hint)
    if simple is not None:
        return simple
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        others = tuple(a for a in args if a is not type(None))
        inner = _converter(others[0]) if len(others) == 1 else _union(others)
        return _optional(inner) if len(others) < len(args) else inner
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple(_converter(args[0]))
        raise TypeError(f"only tuples of one type are supported, not {hint}")
    if origin in (dict, Mapping):
        return _dict(_converter(args[0]), _converter(args[1]))
    if isinstance(hint, type):
        if issubclass(hint, FrozenRecord):
            return _record(hint)
        if issubclass(hint, enum.Enum):
            return _enum(hint)
        if dataclasses.is_dataclass(hint):
            return _dataclass(hint)
    raise TypeError(f"no converter for the field type {hint!r}")


_BOUND_WORDS = {
    "gt": ("greater_than", "greater than"),
    "ge": ("greater_than_equal", "greater than or equal to"),
    "lt": ("less_than", "less than"),
    "le": ("less_than_equal", "less than or equal to"),
}


def _bounded(inner: Convert, bounds: tuple[tuple[str, Any], ...], hint: Any) -> Convert:
    typed = [(kind, Decimal(bound) if hint is Decimal else bound) for kind, bound in bounds]

    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        found = inner(value, loc, errors)
        if found is _BAD or found is None:
            return found
        for kind, bound in typed:
            if not (
                found > bound
                if kind == "gt"
                else found >= bound
                if kind == "ge"
                else found < bound
                if kind == "lt"
                else found <= bound
            ):
                name, words = _BOUND_WORDS[kind]
                return _fail(
                    errors,
                    name,
                    f"Input should be {words} {bound}",
                    loc,
                    value,
                    {kind: bound},
                )
        return found

    return convert


def _checked(inner: Convert, check: Callable[[Any], Any]) -> Convert:
    def convert(value: Any, loc: Loc, errors: list[ErrorItem]) -> Any:
        found = inner(value, loc, errors)
        if found is _BAD:
            return found
        try:
            return check(found)
        except ValueError as exc:
            return _fail(
                errors, "value_error", f"Value error, {exc}", loc, value, {"error": exc}
            )

    return convert


# --- records -----------------------------------------------------------------------------


class _Plan:
    """How a class reads its fields, made on its first use: for each key it is read under,
    the field's name, the types a value may have to be kept as it is (a field without
    bounds or checks, given a value of its own type: most records are built by code from
    values already typed), and the converter of any other value."""

    __slots__ = ("by_key", "defaults", "keys", "names", "place", "required")

    def __init__(self, cls: type[FrozenRecord]) -> None:
        hints = typing.get_type_hints(cls)
        checks: dict[str, Callable[[Any], Any]] = {}
        for klass in reversed(cls.__mro__):
            for member in vars(klass).values():
                function = getattr(member, "__func__", None)
                checked = getattr(function, "__validates__", None)
                if function is not None and checked is not None:
                    checks[checked] = function
        self.names = tuple(cls.model_fields)
        # By key: the field's name, the types kept as given, the converter, and (when the
        # key is the name of a field read under an alias) that alias, which wins if given.
        self.by_key: dict[str, tuple[str, tuple[type, ...], Convert, str | None]] = {}
        self.keys: dict[str, str] = {}  # the key each field is read under: alias or name
        self.place = {name: index for index, name in enumerate(self.names)}
        self.defaults: dict[str, Any] = {}
        self.required: list[str] = []
        by_name = getattr(cls, "populate_by_name", False)
        for name, info in cls.model_fields.items():
            hint = hints[name]
            convert = _converter(hint)
            kept = _kept(hint)
            if info.bounds:
                convert, kept = _bounded(convert, info.bounds, hint), ()
            if name in checks:
                convert, kept = _checked(convert, checks[name]), ()
            key = info.alias or name
            self.keys[name] = key
            self.by_key[key] = (name, kept, convert, None)
            if info.alias and by_name:
                self.by_key[name] = (name, kept, convert, key)
            self.place[key] = self.place[name]
            if info.required:
                self.required.append(name)
            else:
                self.defaults[name] = info.default


def _in_field_order(errors: list[ErrorItem], start: int, depth: int, plan: _Plan) -> None:
    """The errors of one record from ``start`` on, in the order of its fields, unknown keys
    last (they come in the order of the keys given)."""
    last = len(plan.names)

    def place(item: ErrorItem) -> int:
        if item["type"] == "extra_forbidden" and len(item["loc"]) == depth + 1:
            return last
        return plan.place.get(item["loc"][depth], last)

    errors[start:] = sorted(errors[start:], key=place)


def _kept(hint: Any) -> tuple[type, ...]:
    """The types of the values a field of type ``hint`` keeps as they are given."""
    if hint in (str, int, bool, Decimal, datetime.date):
        return (hint,)
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        members = typing.get_args(hint)
        if len(members) == 2 and type(None) in members:
            other = next(m for m in members if m is not type(None))
            return (*_kept(other), type(None))
        return tuple(m for m in members if m in (int, type(None)))  # a Decimal: if finite
    if isinstance(hint, type) and (
        issubclass(hint, FrozenRecord | enum.Enum) or dataclasses.is_dataclass(hint)
    ):
        return (hint,)
    return ()


class FrozenRecord:
    """A record of typed fields that cannot be changed once built (see the module)."""

    model_fields: ClassVar[dict[str, FieldInfo]] = {}
    #: Whether a field with an alias is also read under its own name (else only the alias).
    populate_by_name: ClassVar[bool] = False
    _computed: ClassVar[tuple[str, ...]] = ()
    _plan: ClassVar[_Plan | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls.model_fields)
        for name, annotation in inspect.get_annotations(cls).items():
            if name.startswith("_") or "ClassVar" in str(annotation):
                continue
            declared = cls.__dict__.get(name, _MISSING)
            info = declared if isinstance(declared, FieldInfo) else FieldInfo(declared)
            info.name, info.owner = name, cls
            fields.pop(name, None)
            fields[name] = info
            if declared is not _MISSING:
                delattr(cls, name)
        cls.model_fields = fields
        cls._computed = tuple(
            name
            for klass in reversed(cls.__mro__)
            for name, member in vars(klass).items()
            if isinstance(member, computed)
        )
        cls._plan = None

    # --- building ------------------------------------------------------------------------

    def __init__(self, **values: Any) -> None:
        errors: list[ErrorItem] = []
        found = type(self)._convert(values, (), errors)
        if errors:
            raise ValidationError(type(self).__name__, errors)
        self.__dict__.update(found)

    @classmethod
    def _reader(cls) -> _Plan:
        plan = cls.__dict__.get("_plan")
        if plan is None:
            plan = _Plan(cls)
            cls._plan = plan
        return plan

    @classmethod
    def _convert(
        cls, values: Mapping[str, Any], loc: Loc, errors: list[ErrorItem]
    ) -> dict[str, Any]:
        plan = cls._reader()
        found: dict[str, Any] = {}
        extra = []
        by_key, keys, names = plan.by_key, plan.keys, plan.names
        before = len(errors)
        for key, value in values.items():
            reading = by_key.get(key)
            if reading is None:
                extra.append((key, value))
                continue
            name, kept, convert, alias = reading
            if alias is not None and alias in values:
                extra.append((key, value))  # given by name and by alias: the alias wins
            elif type(value) in kept:
                found[name] = value
            else:
                found[name] = convert(value, (*loc, key), errors)
        complete = len(found) == len(names)  # every field given: none is missing
        if not complete:
            for name in plan.required:
                if name not in found:
                    where = (*loc, keys[name])
                    _fail(errors, "missing", "Field required", where, dict(values))
        for key, value in extra:
            _fail(errors, "extra_forbidden", _EXTRA, (*loc, key), value)
        if len(errors) > before + 1:
            _in_field_order(errors, before, len(loc), plan)
        if not complete:
            defaults = plan.defaults
            return {
                name: found[name] if name in found else defaults.get(name, _MISSING)
                for name in names
            }
        if tuple(found) == names:  # given in the fields' order (code usually does)
            return found
        return {name: found[name] for name in names}

    @classmethod
    def _read(cls, values: Mapping[str, Any], loc: Loc, errors: list[ErrorItem]) -> Any:
        before = len(errors)
        found = cls._convert(values, loc, errors)
        if len(errors) > before:
            return _BAD
        record = object.__new__(cls)
        record.__dict__.update(found)
        return record

    @classmethod
    def model_validate(cls, value: Any) -> Self:
        if isinstance(value, cls):
            return value
        errors: list[ErrorItem] = []
        if not isinstance(value, Mapping):
            _record(cls)(value, (), errors)
            raise ValidationError(cls.__name__, errors)
        record = cls._read(value, (), errors)
        if errors:
            raise ValidationError(cls.__name__, errors)
        return typing.cast(Self, record)

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Self:
        return cls.model_validate(json.loads(text, parse_float=Decimal))

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """Built from values already of their types: nothing is converted or checked."""
        record = object.__new__(cls)
        for name, info in cls.model_fields.items():
            record.__dict__[name] = values.get(name, info.default)
        return record

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        record = object.__new__(type(self))
        record.__dict__.update(self.__dict__)
        if update:
            record.__dict__.update(update)
        return record

    # --- writing -------------------------------------------------------------------------

    def model_dump(
        self,
        *,
        mode: str = "python",
        exclude: Iterable[str] | Mapping[str, Any] | None = None,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        return _dump_record(self, mode == "json", _exclusions(exclude), exclude_none)

    def model_dump_json(
        self,
        *,
        exclude: Iterable[str] | Mapping[str, Any] | None = None,
        exclude_none: bool = False,
    ) -> str:
        data = self.model_dump(mode="json", exclude=exclude, exclude_none=exclude_none)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    # --- a value -------------------------------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} is frozen: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"{type(self).__name__} is frozen: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return bool(self.__dict__ == other.__dict__)

    def __hash__(self) -> int:
        return hash((type(self), *(_hashable(v) for v in self.__dict__.values())))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.__dict__))

    def __iter__(self) -> Any:
        return iter(self.__dict__.items())


def _rebuild(cls: type[FrozenRecord], values: dict[str, Any]) -> FrozenRecord:
    record = object.__new__(cls)
    record.__dict__.update(values)
    return record


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


# --- dumping -----------------------------------------------------------------------------

Exclusions = dict[str, Any]


def _exclusions(exclude: Iterable[str] | Mapping[str, Any] | None) -> Exclusions:
    """``{"a", "b"}`` or ``{"a": True, "figures": {"trace"}}`` as one nested mapping."""
    if exclude is None:
        return {}
    if isinstance(exclude, Mapping):
        return {k: (True if v is True else _exclusions(v)) for k, v in exclude.items()}
    return dict.fromkeys(exclude, True)


def _dump_record(
    record: FrozenRecord, as_json: bool, exclude: Exclusions, drop_none: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in record.__dict__.items():
        inner = exclude.get(name)
        if inner is True:
            continue
        if value is None and drop_none:
            continue
        out[name] = _dump(value, as_json, inner or {}, drop_none)
    for name in record._computed:
        if exclude.get(name) is not True:
            out[name] = _dump(getattr(record, name), as_json, {}, drop_none)
    return out


def _dump(value: Any, as_json: bool, exclude: Exclusions, drop_none: bool) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is Decimal:
        return str(value) if as_json else value
    if isinstance(value, FrozenRecord):
        return _dump_record(value, as_json, exclude, drop_none)
    if isinstance(value, enum.Enum):
        return value.value if as_json else value
    if kind is datetime.date:
        return value.isoformat() if as_json else value
    if isinstance(value, tuple | list):
        items = [_dump(v, as_json, {}, drop_none) for v in value]
        return items if as_json else (tuple(items) if kind is tuple else items)
    if isinstance(value, dict):
        return {
            (_key(k) if as_json else k): _dump(v, as_json, {}, drop_none)
            for k, v in value.items()
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _dump(getattr(value, f.name), as_json, {}, drop_none)
            for f in dataclasses.fields(value)
        }
    if isinstance(value, Path):
        return str(value) if as_json else value
    if isinstance(value, datetime.date):
        return value.isoformat() if as_json else value
    if isinstance(value, Decimal):
        return str(value) if as_json else value
    return value


def _key(key: Any) -> Any:
    if isinstance(key, enum.Enum):
        return key.value
    if isinstance(key, datetime.date):
        return key.isoformat()
    return key
