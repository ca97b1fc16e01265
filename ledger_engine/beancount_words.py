"""Beancount's own errors, said again in the user's language.

Beancount writes its errors in English, with account names ("Balance failed for
'Assets:IGF:Cash': expected 15660500 VND != accumulated …"). The ones a treasurer meets most
are said again here in plain words, accounts named by :func:`account_words` (the account's
own name is kept where the treasurer has to type it, as in an ``open`` line). Any other
message is returned as Beancount wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from ledger_engine.account_words import account_words
from ledger_engine.i18n import _, grouped

Explain = Callable[["re.Match[str]"], str]


def _number(text: str) -> str:
    try:
        return grouped(Decimal(text))
    except InvalidOperation:
        return text


def _balance(match: re.Match[str]) -> str:
    if match["direction"] == "too much":
        template = _(
            "the balance of {account} on this date should be {expected} VND, but the "
            "book adds up to {actual} VND ({difference} VND too much)"
        )
    else:
        template = _(
            "the balance of {account} on this date should be {expected} VND, but the "
            "book adds up to {actual} VND ({difference} VND too little)"
        )
    return template.format(
        account=account_words(match["account"]),
        expected=_number(match["expected"]),
        actual=_number(match["actual"]),
        difference=_number(match["difference"]),
    )


def _unbalanced(match: re.Match[str]) -> str:
    return _(
        "the transaction does not balance: its amounts add up to {residual}, not to 0"
    ).format(residual=match["residual"])


def _unknown(match: re.Match[str]) -> str:
    return _(
        'the account {name} ({words}) is used but never opened; add an "open" line for it'
    ).format(name=match["account"], words=account_words(match["account"]))


def _inactive(match: re.Match[str]) -> str:
    return _(
        "the account {name} ({words}) is used before its open date or after it is closed"
    ).format(name=match["account"], words=account_words(match["account"]))


def _duplicate_field(match: re.Match[str]) -> str:
    return _("the field {key} is written twice in this entry").format(key=match["key"])


def _duplicate_open(match: re.Match[str]) -> str:
    return _("the account {name} ({words}) is opened twice").format(
        name=match["account"], words=account_words(match["account"])
    )


def _syntax(match: re.Match[str]) -> str:
    return _("this line cannot be read (syntax error: {detail})").format(
        detail=match["detail"]
    )


PATTERNS: tuple[tuple[re.Pattern[str], Explain], ...] = (
    (
        re.compile(
            r"^Balance failed for '(?P<account>[^']+)': expected (?P<expected>\S+) \S+ "
            r"!= accumulated (?P<actual>\S+) \S+ \((?P<difference>\S+) "
            r"(?P<direction>too much|too little)\)$"
        ),
        _balance,
    ),
    (re.compile(r"^Transaction does not balance: \((?P<residual>.*)\)$"), _unbalanced),
    (re.compile(r"^Invalid reference to unknown account '(?P<account>[^']+)'$"), _unknown),
    (
        re.compile(r"^Invalid reference to inactive account '(?P<account>[^']+)'$"),
        _inactive,
    ),
    (
        re.compile(r"^Duplicate metadata field on entry: KeyValue\(key='(?P<key>[^']+)'"),
        _duplicate_field,
    ),
    (re.compile(r"^Duplicate open directive for (?P<account>\S+)$"), _duplicate_open),
    (re.compile(r"^syntax error, (?P<detail>.*)$"), _syntax),
)


def explain(message: str) -> str:
    """``message`` in the user's words when it is one of Beancount's common errors."""
    for pattern, words in PATTERNS:
        match = pattern.search(message)
        if match is not None:
            return words(match)
    return message
