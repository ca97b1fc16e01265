"""Beancount's common errors said again in the user's words; others kept as written."""

from __future__ import annotations

import pytest

from ledger_engine.beancount_words import explain
from ledger_engine.i18n import set_language


@pytest.fixture
def vietnamese() -> object:
    set_language("vi")
    yield None
    set_language(None)


@pytest.mark.usefixtures("vietnamese")
@pytest.mark.parametrize(
    ("beancount", "words"),
    [
        (
            "Balance failed for 'Assets:IGF:Cash': expected 15660500 VND != accumulated "
            "-884339500 VND (900000000 too little)",
            "số dư quỹ tiền mặt tăng thu nhập ngày này phải là 15.660.500 đồng, nhưng sổ "
            "cộng lại được -884.339.500 đồng (thiếu 900.000.000 đồng)",
        ),
        (
            "Invalid reference to unknown account 'Assets:IGF:Loans:M009'",
            "tài khoản Assets:IGF:Loans:M009 (khoản vay của thành viên M009) được dùng nhưng "
            'chưa mở; hãy thêm một dòng "open" cho tài khoản này',
        ),
        (
            "Duplicate metadata field on entry: KeyValue(key='term', value=Decimal('6'))",
            "mục term được ghi hai lần trong dòng này",
        ),
        (
            "Transaction does not balance: (-1000 VND)",
            "giao dịch không cân: các số tiền cộng lại được -1000 VND, không phải 0",
        ),
    ],
)
def test_common_errors_in_vietnamese(beancount: str, words: str) -> None:
    assert explain(beancount) == words


def test_english_names_the_account_in_words() -> None:
    message = explain("Duplicate open directive for Assets:Activity:Cash")
    assert (
        message
        == "the account Assets:Activity:Cash (the activity fund's cash) is opened twice"
    )


def test_other_messages_are_kept() -> None:
    assert explain("Invalid token: 'ư'") == "Invalid token: 'ư'"
