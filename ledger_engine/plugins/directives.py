"""Rule 8: member, policy and club directives are well-formed.

    plugin "ledger_engine.plugins.directives"

    2016-05-01 custom "member" "M001" "Nguyễn Thị Hoa"
      gender: "X"                 ; error here: gender must be F or M
      born: 1952

Besides the directives themselves, every loans account must belong to a known member, a
member leaves the club only after joining it, and the book must say which club it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from beancount.core import data

from ledger_engine.account_words import account_words
from ledger_engine.book import ClubBook, member_of_account
from ledger_engine.errors import DirectiveError, LedgerEngineError
from ledger_engine.i18n import _
from ledger_engine.plugins.base import standalone


def well_formed_directives(book: ClubBook) -> Iterator[LedgerEngineError]:
    yield from book.directive_errors
    yield from _loan_accounts_of_members(book)
    yield from _exits_after_joining(book)
    if not book.registry.clubs and book.entries:
        first = next((e for e in book.entries if isinstance(e, data.Open)), book.entries[0])
        yield DirectiveError(
            first.meta, _('the book has no custom "club" directive naming its club'), first
        )


def _loan_accounts_of_members(book: ClubBook) -> Iterator[DirectiveError]:
    for entry in book.entries:
        if isinstance(entry, data.Open):
            code = member_of_account(entry.account)
            if code is not None and code not in book.members_by_code:
                yield DirectiveError(
                    entry.meta,
                    _("{account} belongs to no known member ({code})").format(
                        account=account_words(entry.account), code=code
                    ),
                    entry,
                )


def _exits_after_joining(book: ClubBook) -> Iterator[DirectiveError]:
    for leaving in book.registry.exits:
        member = book.members_by_code.get(leaving.code)
        if member is not None and leaving.date < member.joined:
            yield DirectiveError(
                {"filename": leaving.filename, "lineno": leaving.lineno},
                _(
                    "member {member} leaves the club on {left}, before joining it on "
                    "{joined}"
                ).format(
                    member=f"{member.code} {member.name}",
                    left=leaving.date,
                    joined=member.joined,
                ),
                None,
            )


plugin = standalone(well_formed_directives)
__plugins__ = ("plugin",)
