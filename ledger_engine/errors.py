"""Error types of the engine.

Every error is a Beancount error tuple ``(source, message, entry)`` so that ``bean-check``,
Fava and ``ledger-engine check`` all print it as ``file:line: message``.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class LedgerEngineError(NamedTuple):
    source: dict[str, Any] | None
    message: str
    entry: Any


class DirectiveError(LedgerEngineError):
    """A ``custom`` directive of the club's registry is malformed (SPEC §4 rule 8)."""


class CashError(LedgerEngineError):
    """A cash or bank account of a fund goes negative (SPEC §4 rule 5)."""


class LoanLinkError(LedgerEngineError):
    """A posting on a loans account cannot be tied to exactly one loan (SPEC §4 rule 7)."""


class LoanRuleError(LedgerEngineError):
    """A disbursement or repayment breaks the club's loan regulation (SPEC §4 rules 1–4, 6)."""


def location(meta: dict[str, Any] | None) -> str:
    """``file:line`` of an entry's metadata, for messages outside Beancount's printer."""
    if not meta:
        return "<unknown>"
    return f"{meta.get('filename', '<unknown>')}:{meta.get('lineno', 0)}"


class InputError(Exception):
    """A file or value the user gave cannot be used; the message names it and says why.

    The command line prints the message alone, without a traceback, and exits 1.
    """


def reading_problem(error: Exception) -> str:
    """One line saying what is wrong in a file that could not be parsed (TOML, fields)."""
    from ledger_engine.i18n import _

    errors = getattr(error, "errors", None)
    if isinstance(error, ValueError) and callable(errors):
        # A failed validation of fields: ``ledger_engine.records``' or pydantic's.
        from ledger_engine.field_errors import describe_item

        return describe_item(errors()[0])
    if isinstance(error, UnicodeDecodeError):
        return _("the file is not UTF-8 text")
    return str(error)
