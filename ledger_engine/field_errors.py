"""What is wrong with the fields of a directive or a settings file, in the user's language.

A failed validation (``ledger_engine.records``' for the registry and the plan, pydantic's for
the importers; both give the same items) is explained in English ("Input should be greater
than 0"); the common cases are said here in words of the current language, with the field's
name and the value given, e.g. ``max_term: must be at least 1 (got 0)`` — in Vietnamese
``max_term: phải ít nhất là 1 (đang là 0)``. Anything rarer keeps the validator's own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from ledger_engine.i18n import N_, _

#: One failed field, as both ``ledger_engine.records`` and pydantic (the importers') give it:
#: ``type``, ``loc``, ``msg``, ``input`` and perhaps ``ctx``.
ErrorDetails = Mapping[str, Any]


class ValidationError(Protocol):
    """A failed validation of either kind: its items say what is wrong with each field."""

    def errors(self) -> Any: ...


#: pydantic error type → message with the error's context fields as placeholders.
MESSAGES: dict[str, str] = {
    "greater_than": N_("must be greater than {gt}"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than": N_("must be less than {lt}"),
    "less_than_equal": N_("must be at most {le}"),
    "enum": N_("should be {expected}"),
    "literal_error": N_("should be {expected}"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "decimal_type": N_("must be a number"),
    "decimal_parsing": N_("must be a number"),
    "string_type": N_("must be text in quotes"),
    "date_type": N_("must be a date (YYYY-MM-DD)"),
    "date_parsing": N_("must be a date (YYYY-MM-DD)"),
    "bool_type": N_("must be TRUE or FALSE"),
    "bool_parsing": N_("must be TRUE or FALSE"),
    "extra_forbidden": N_("is not a known field"),
}


def _explain(item: ErrorDetails) -> str:
    template = MESSAGES.get(item["type"])
    context: dict[str, Any] = dict(item.get("ctx") or {})
    if item["type"] == "value_error" and "error" in context:
        return str(context["error"])  # our own validators' words, already translated
    if template is None:
        return _lowered(str(item["msg"]))
    try:
        return _(template).format(**{k: str(v) for k, v in context.items()})
    except (KeyError, IndexError):
        return _lowered(str(item["msg"]))


def _lowered(message: str) -> str:
    return message[:1].lower() + message[1:]


def describe_item(item: ErrorDetails) -> str:
    """One failed field: ``where: what is wrong (got value)``."""
    where = ".".join(str(p) for p in item["loc"]) or _("value")
    if item["type"] == "missing":
        return _("{field}: missing").format(field=where)
    given = item.get("input")
    shown = (
        _(" (got {value})").format(value=repr(given)) if not isinstance(given, dict) else ""
    )
    return f"{where}: {_explain(item)}{shown}"


def describe_validation(error: ValidationError) -> str:
    """Every failed field of ``error``, separated by semicolons."""
    return "; ".join(describe_item(item) for item in error.errors())
