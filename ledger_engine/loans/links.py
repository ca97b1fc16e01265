"""Which loan a posting belongs to (SPEC §2): the rule every reader of loans shares.

A posting on a loans account belongs to the loan of its ``loan`` metadata if present, else to
the transaction's single link. An income posting (interest, penalties, recoveries) likewise,
else to the only loan the transaction's loans postings name.
"""

from __future__ import annotations

from beancount.core import data


def loan_of_posting(entry: data.Transaction, posting: data.Posting) -> str | None:
    """The loan a loans-account posting belongs to, ``None`` when it cannot be told."""
    # Asked of every loans posting of every load: written for speed, not for show.
    meta = posting.meta
    if meta:
        named = meta.get("loan")
        if named and isinstance(named, str):
            return named
    links = entry.links
    if len(links) == 1:
        for link in links:
            return str(link)
    return None


def income_loan(
    entry: data.Transaction, posting: data.Posting, only: str | None
) -> str | None:
    """The loan an income posting belongs to; ``only`` is the single loan the transaction's
    loans postings name, if there is one."""
    meta = posting.meta
    if meta:
        named = meta.get("loan")
        if named and isinstance(named, str):
            return named
    if only is not None:
        return only
    links = entry.links
    if len(links) == 1:
        for link in links:
            return str(link)
    return None
