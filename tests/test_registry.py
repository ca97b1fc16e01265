from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from helpers import line_of

from ledger_engine.errors import DirectiveError
from ledger_engine.loading import load_book
from ledger_engine.registry import Gender, Household, Method


def _directive_errors(path: Path) -> list[DirectiveError]:
    return [e for e in load_book(path).errors if isinstance(e, DirectiveError)]


def test_member_is_parsed_with_types(write_book: Callable[..., Path]) -> None:
    path = write_book(
        """
        2016-05-01 custom "member" "M001" "Nguyễn Thị Hoa"
          gender: "F"
          born: 1952
          ethnicity: "Xơ Đăng"
          household: "poor"
        """
    )
    book = load_book(path)
    (member,) = book.registry.members
    assert (member.code, member.name, member.born) == ("M001", "Nguyễn Thị Hoa", 1952)
    assert member.gender is Gender.F and member.household is Household.POOR
    assert member.lineno == line_of(path, '"member" "M001"')


def test_unknown_gender_is_reported_at_the_member_line(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(
        """
        2016-05-01 custom "member" "M001" "Nguyễn Thị Hoa"
          gender: "X"
          born: 1952
        """
    )
    (error,) = _directive_errors(path)
    assert error.source["lineno"] == line_of(path, '"member" "M001"')
    assert "gender" in error.message and "'X'" in error.message
    assert "'F' or 'M'" in error.message


def test_member_without_birth_year_is_an_error(write_book: Callable[..., Path]) -> None:
    path = write_book('2016-05-01 custom "member" "M001" "Hoa"\n  gender: "F"\n')
    (error,) = _directive_errors(path)
    assert "born" in error.message and "missing" in error.message


def test_member_without_name_value_is_an_error(write_book: Callable[..., Path]) -> None:
    path = write_book('2016-05-01 custom "member" "M001"\n  gender: "F"\n  born: 1950\n')
    (error,) = _directive_errors(path)
    assert "missing value(s): name" in error.message


def test_duplicate_member_code_names_the_first(write_book: Callable[..., Path]) -> None:
    path = write_book(
        """
        2016-05-01 custom "member" "M001" "Hoa"
          gender: "F"
          born: 1950
        2017-05-01 custom "member" "M001" "Lan"
          gender: "F"
          born: 1951
        """
    )
    (error,) = _directive_errors(path)
    assert error.source["lineno"] == line_of(path, '"M001" "Lan"')
    first_line = line_of(path, '"M001" "Hoa"')
    assert f":{first_line} " in error.message
    assert [m.name for m in load_book(path).registry.members] == ["Hoa"]


def test_exit_of_unknown_member_is_an_error(write_book: Callable[..., Path]) -> None:
    path = write_book('2020-01-01 custom "member-exit" "M404" "moved"\n')
    (error,) = _directive_errors(path)
    assert "unknown member M404" in error.message


def test_exit_reason_must_be_known(write_book: Callable[..., Path]) -> None:
    path = write_book(
        """
        2016-05-01 custom "member" "M001" "Hoa"
          gender: "F"
          born: 1950
        2020-01-01 custom "member-exit" "M001" "vanished"
        """
    )
    (error,) = _directive_errors(path)
    assert "reason" in error.message


def test_policy_with_wrong_types_is_an_error(write_book: Callable[..., Path]) -> None:
    path = write_book(
        """
        2016-01-01 custom "loan-policy" "standard"
          max_principal: 10000000 VND
          max_term: "a year"
          rate: 0.5
          method: "compound"
        """
    )
    (error,) = _directive_errors(path)
    assert "max_term" in error.message and "method" in error.message


def test_policy_amount_in_another_currency_is_an_error(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(
        """
        2016-01-01 custom "loan-policy" "standard"
          max_principal: 500 USD
          max_term: 12
          rate: 0.5
        """
    )
    (error,) = _directive_errors(path)
    assert "max_principal is in USD" in error.message


def test_policy_fields_are_typed(write_book: Callable[..., Path]) -> None:
    path = write_book(
        """
        2016-01-01 custom "loan-policy" "standard"
          max_principal: 10000000 VND
          max_term: 24
          rate: 0.5
          method: "declining"
          rounding: 1000 VND
          strict_split: TRUE
        """
    )
    (policy,) = load_book(path).registry.policies
    assert policy.max_principal == Decimal(10_000_000) and policy.max_term == 24
    assert policy.method is Method.DECLINING and policy.strict_split is True
    assert policy.rounding == Decimal(1000)


def test_unknown_activity_area_is_an_error(write_book: Callable[..., Path]) -> None:
    path = write_book('2020-01-01 custom "activity" "karaoke" 12\n')
    (error,) = _directive_errors(path)
    assert "unknown activity area 'karaoke'" in error.message


def test_loans_account_of_unknown_member_is_an_error(
    write_book: Callable[..., Path],
) -> None:
    path = write_book("2020-01-01 open Assets:IGF:Loans:M404 VND\n")
    (error,) = _directive_errors(path)
    assert error.source["lineno"] == line_of(path, "Loans:M404")


def test_book_without_club_directive_is_an_error(write_book: Callable[..., Path]) -> None:
    header = 'option "operating_currency" "VND"\nplugin "ledger_engine.plugins"\n'
    path = write_book("2016-01-01 open Assets:IGF:Cash VND\n", header=header)
    (error,) = _directive_errors(path)
    assert 'no custom "club"' in error.message


def test_policy_in_force_is_the_latest_on_or_before(
    write_book: Callable[..., Path],
) -> None:
    import datetime

    path = write_book(
        """
        2016-01-01 custom "loan-policy" "old"
          max_principal: 5000000 VND
          max_term: 12
          rate: 0.5
        2020-01-01 custom "loan-policy" "new"
          max_principal: 10000000 VND
          max_term: 24
          rate: 0.6
        """
    )
    book = load_book(path)
    assert book.policy_at(datetime.date(2015, 12, 31)) is None
    assert book.policy_at(datetime.date(2019, 12, 31)).name == "old"  # type: ignore[union-attr]
    assert book.policy_at(datetime.date(2020, 1, 1)).name == "new"  # type: ignore[union-attr]
