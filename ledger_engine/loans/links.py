"""Which loan a posting belongs to (SPEC §2): the rule every reader of loans shares.

A posting on a loans account belongs to the loan of its ``loan`` metadata if present, else to
the transaction's single link. An income posting (interest, penalties, recoveries) likewise,
else to the only loan the transaction's loans postings name.
"""

from __future__ import annotations

from beancount.core import data


def loan_of_posting(entry: data.Transaction, posting: data.Posting) -> str | None:
    """The loan a loans-account posting belongs to, ``None`` when it cannot be told."""
    named = (posting.meta or {}).get("loan")
    if isinstance(named, str) and named:
        return named
    if len(entry.links) == 1:
        return next(iter(entry.links))
    return None


def income_loan(
    entry: data.Transaction, posting: data.Posting, only: str | None
) -> str | None:
    """The loan an income posting belongs to; ``only`` is the single loan the transaction's
    loans postings name, if there is one."""
    named = (posting.meta or {}).get("loan")
    if isinstance(named, str) and named:
        return named
    if only is not None:
        return only
    return next(iter(entry.links)) if len(entry.links) == 1 else None
