"""An account named in plain words, in the language of the messages.

A treasurer reads "quỹ tiền mặt tăng thu nhập", not ``Assets:IGF:Cash``: every message that
names an account (the rules, ``check``, the command line) names it through
:func:`account_words`. An account the club's chart (SPEC §2) does not define keeps its name.
"""

from __future__ import annotations

from ledger_engine.i18n import N_, _

#: The fixed accounts of SPEC §2, by name.
FIXED: dict[str, str] = {
    "Assets:IGF:Cash": N_("the income-generation fund's cash"),
    "Assets:IGF:Bank": N_("the income-generation fund's bank deposit"),
    "Assets:Activity:Cash": N_("the activity fund's cash"),
    "Assets:Activity:Bank": N_("the activity fund's bank deposit"),
    "Income:IGF:Interest": N_("loan interest received"),
    "Income:IGF:Penalties": N_("late-payment penalties received"),
    "Income:IGF:Recoveries": N_("recoveries of written-off loans"),
    "Expenses:IGF:Loan-Losses": N_("loans written off"),
    "Equity:Activity:Capital": N_("the activity fund's capital"),
    "Equity:Opening-Balances": N_("opening balances"),
}

#: Accounts that end in a name of their own (a member, a source, an area), by prefix.
FAMILIES: dict[str, str] = {
    "Assets:IGF:Loans:": N_("the loans of member {name}"),
    "Assets:Activity:": N_("the activity fund ({name})"),
    "Equity:IGF:Capital:": N_("the income-generation fund's capital from {name}"),
    "Income:Activity:": N_("the activity fund's income ({name})"),
    "Expenses:Activity:": N_("the activity fund's spending on {name}"),
}


def account_words(account: str) -> str:
    """``account`` in plain words, e.g. ``Assets:IGF:Loans:M001`` → "the loans of member
    M001" (Vietnamese: "khoản vay của thành viên M001")."""
    fixed = FIXED.get(account)
    if fixed is not None:
        return _(fixed)
    for prefix, words in FAMILIES.items():
        if account.startswith(prefix) and len(account) > len(prefix):
            return _(words).format(name=account[len(prefix) :])
    return account
