"""``check`` speaks Vietnamese by default, English with --lang en, and names accounts in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import line_of
from loans.loanbooks import write

from ledger_engine.account_words import account_words
from ledger_engine.i18n import set_language

# An overdraft of the IGF cash (rule 5) by a loan to someone who is not a member (rule 1).
BREACHES = """
2021-02-01 open Assets:IGF:Loans:M009 VND
2021-02-01 * "Người lạ" "Vay quá quỹ" ^X
  Assets:IGF:Loans:M009     200000000 VND
  Assets:IGF:Cash
"""


def check(book: Path, *options: str) -> Result:
    from ledger_engine.cli import main

    return CliRunner().invoke(main, [*options, "check", str(book)])


def messages(result: Result, book: Path) -> list[str]:
    """The message lines of ``check`` at the breaching transaction (entry text left out)."""
    prefix = f"{book}:{line_of(book, 'Vay quá quỹ')}: "
    return [
        line[len(prefix) :]
        for line in result.output.splitlines()
        if line.startswith(prefix)
    ]


def test_vietnamese_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")
    book = write(tmp_path, BREACHES)
    result = check(book)
    assert result.exit_code == 1
    found = messages(result, book)
    assert any(
        m.startswith(
            "quỹ tiền mặt tăng thu nhập bị âm: còn -100.000.000 đồng vào cuối ngày"
        )
        for m in found
    ), found
    assert any(
        "M009 không có trong danh sách thành viên; chỉ thành viên mới được vay" in m
        for m in found
    ), found
    assert not any("Assets:" in m or " is " in m for m in found), found


def test_english_with_lang_en(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")
    book = write(tmp_path, BREACHES)
    result = check(book, "--lang", "en")
    set_language(None)
    found = messages(result, book)
    assert any(
        m.startswith("the income-generation fund's cash goes negative: -100,000,000 VND")
        for m in found
    ), found
    assert any("M009 is not in the club's member list" in m for m in found), found


@pytest.mark.parametrize(
    ("account", "vietnamese", "english"),
    [
        (
            "Assets:IGF:Cash",
            "quỹ tiền mặt tăng thu nhập",
            "the income-generation fund's cash",
        ),
        (
            "Assets:IGF:Bank",
            "tiền gửi ngân hàng quỹ tăng thu nhập",
            "the income-generation fund's bank deposit",
        ),
        (
            "Assets:IGF:Loans:M001",
            "khoản vay của thành viên M001",
            "the loans of member M001",
        ),
        ("Assets:Activity:Cash", "quỹ tiền mặt hoạt động", "the activity fund's cash"),
        ("Expenses:Other", "Expenses:Other", "Expenses:Other"),
    ],
)
def test_accounts_in_words(account: str, vietnamese: str, english: str) -> None:
    try:
        set_language("vi")
        assert account_words(account) == vietnamese
        set_language("en")
        assert account_words(account) == english
    finally:
        set_language(None)
