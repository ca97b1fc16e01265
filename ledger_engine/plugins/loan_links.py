"""Rule 7: every posting on a loans account can be tied to exactly one loan.

    plugin "ledger_engine.plugins.loan_links"

    2024-03-05 * "Nguyễn Thị Hoa" "Vay nuôi heo"          ; error: no ^loan link
      Assets:IGF:Loans:M001     5000000 VND
      Assets:IGF:Cash          -5000000 VND

A posting belongs to the loan of its ``loan`` metadata if it has one, otherwise to the
transaction's single link.
"""

from __future__ import annotations

from collections.abc import Iterator

from ledger_engine.account_words import account_words
from ledger_engine.book import ClubBook
from ledger_engine.errors import LoanLinkError
from ledger_engine.i18n import _
from ledger_engine.loans.ledger import loans_of
from ledger_engine.plugins.base import standalone


def postings_tied_to_one_loan(book: ClubBook) -> Iterator[LoanLinkError]:
    for entry, posting in loans_of(book).untied:
        links = ", ".join(sorted(entry.links)) or _("none")
        yield LoanLinkError(
            entry.meta,
            _(
                "the posting on {account} is tied to no single loan (links: {links}); "
                'give the transaction one ^loan link or the posting a loan: "..." metadata'
            ).format(account=account_words(posting.account), links=links),
            entry,
        )


plugin = standalone(postings_tied_to_one_loan)
__plugins__ = ("plugin",)
