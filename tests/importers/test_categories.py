"""The cashbook's category map: defaults, a club's own words, accounts named directly."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from beancount import loader

from importers.categories import CategoryMap, category_map
from importers.kinds import Fund


def club_map(text: str) -> tuple[CategoryMap, list[str]]:
    entries, errors, _ = loader.load_string(textwrap.dedent(text))
    assert not errors
    categories, problems = category_map(entries)
    return categories, [str(p) for p in problems]


def test_default_words_match_without_diacritics_or_case() -> None:
    categories, _ = club_map("")
    found = categories.find("CHAM SOC SUC KHOE")
    assert found is not None
    assert (found.account, found.fund) == ("Expenses:Activity:Health", Fund.ACTIVITY)


def test_an_account_may_be_named_directly() -> None:
    categories, _ = club_map("")
    found = categories.find(" Equity:IGF:Capital:Donor-HelpAge ")
    assert found is not None
    assert (found.account, found.fund) == ("Equity:IGF:Capital:Donor-HelpAge", Fund.IGF)


def test_unknown_word_is_none() -> None:
    categories, _ = club_map("")
    assert categories.find("Tiền điện") is None


def test_club_directive_adds_a_word_and_replaces_a_default() -> None:
    categories, problems = club_map(
        """
        2016-01-01 custom "import-category" "Tiền điện" Expenses:Activity:Communication
        2016-01-01 custom "import-category" "Hội phí" Income:Activity:Member-Fees
        """
    )
    assert problems == []
    power, fees = categories.find("tien dien"), categories.find("Hội phí")
    assert power is not None and power.account == "Expenses:Activity:Communication"
    assert fees is not None and fees.account == "Income:Activity:Member-Fees"


def test_transfer_category_declares_the_paying_fund() -> None:
    categories, _ = club_map(
        """
        2016-01-01 custom "import-category" "Chuyển quỹ" Assets:Activity:Cash
          fund: "TTN"
        """
    )
    found = categories.find("Chuyển quỹ")
    assert found is not None and found.fund is Fund.IGF


def test_malformed_directive_is_reported_at_its_line() -> None:
    _, problems = club_map(
        """
        2016-01-01 custom "import-category" "Tiền điện" "Chi phí điện"
        """
    )
    (problem,) = problems
    assert problem.startswith(
        '<string>:2: custom "import-category": the values after the name'
    )


def test_interest_share_moves_money_between_the_funds() -> None:
    categories, _ = club_map("")
    share = categories.find("Trích lãi cho quỹ hoạt động")
    assert share is not None
    # Paid out of the IGF's cash: an expense of the IGF, income of the activity fund.
    assert sorted(share.postings(Fund.IGF, Decimal(-471000))) == [
        ("Assets:Activity:Cash", Decimal(471000)),
        ("Assets:IGF:Cash", Decimal(-471000)),
        ("Expenses:IGF:Interest-Share", Decimal(471000)),
        ("Income:Activity:Interest-Share", Decimal(-471000)),
    ]


def test_every_default_area_account_is_an_activity_spending_account() -> None:
    categories, _ = club_map("")
    for word in (
        "Tăng thu nhập",
        "Chăm sóc tại nhà",
        "Thể dục thể thao",
        "Vận động nguồn lực",
    ):
        found = categories.find(word)
        assert found is not None and found.account.startswith("Expenses:Activity:")
