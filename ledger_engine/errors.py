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
