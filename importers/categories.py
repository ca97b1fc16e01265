"""What a cashbook row's *Khoản mục* means in the books: the category → account map.

A cashbook row moves money in or out of one fund's cash (``Assets:IGF:Cash`` for TTN,
``Assets:Activity:Cash`` for HĐ); its category names the other side of the entry. The default
map below covers the plan's ten activity areas, fees, donations, capital and the transfers
between funds. A club adds its own words, or changes what a default word means, with a
directive in its book (the name is matched like the defaults: case and diacritics may differ)::

    2016-05-01 custom "import-category" "Tiền điện" Expenses:Activity:Communication
    2016-05-01 custom "import-category" "Vốn HelpAge" Equity:IGF:Capital:Donor-HelpAge

An inter-fund transfer names the other fund's cash account and says which fund pays
(``fund: "TTN"`` or ``"HĐ"``); a transfer that is also income of the receiving fund, like the
interest share, names two more accounts: the receiving fund's cash and its income account::

    2016-05-01 custom "import-category" "Trích lãi" Expenses:IGF:Interest-Share Assets:Activity:Cash Income:Activity:Interest-Share

A *Khoản mục* may also be an account name itself (``Expenses:Activity:Health``): that is how
``ledger-engine export`` writes entries that no category describes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from beancount.core import account as account_type
from beancount.core import data

from importers.kinds import FUNDS, Fund, lookup, lookup_table, normalise
from importers.values import RowError
from ledger_engine.i18n import _
from ledger_engine.registry import area_account

DIRECTIVE = "import-category"
FUND_CASH = {Fund.IGF: "Assets:IGF:Cash", Fund.ACTIVITY: "Assets:Activity:Cash"}
FUND_WORDS = {Fund.IGF: "TTN", Fund.ACTIVITY: "HĐ"}


@dataclass(frozen=True)
class Category:
    """A *Khoản mục*: the account on the other side, and the fund whose cashbook holds it.

    ``other`` is the receiving fund's side of a transfer that is also its income: its cash
    account and the income account, moved by the same amount.
    """

    name: str
    account: str
    fund: Fund | None = None
    other: tuple[str, str] | None = None

    def postings(self, fund: Fund, signed: Decimal) -> list[tuple[str, Decimal]]:
        """(account, amount) of a row of ``fund`` that receives ``signed`` (pays if < 0)."""
        lines = [(FUND_CASH[fund], signed), (self.account, -signed)]
        if self.other is not None:
            cash, income = self.other
            lines += [(cash, -signed), (income, signed)]
        return lines


def fund_of_account(account: str) -> Fund | None:
    """The fund an account belongs to by its name, if any."""
    parts = account.split(":")
    if len(parts) > 1 and parts[1] == "IGF":
        return Fund.IGF
    if len(parts) > 1 and parts[1] == "Activity":
        return Fund.ACTIVITY
    return None


def _area(name: str, area: str, *aliases: str) -> list[Category]:
    return [Category(n, area_account(area), Fund.ACTIVITY) for n in (name, *aliases)]


def _plain(name: str, account: str, *aliases: str) -> list[Category]:
    return [Category(n, account, fund_of_account(account)) for n in (name, *aliases)]


#: The default map; the first name listed for an account is the one ``export`` writes.
DEFAULTS: tuple[Category, ...] = (
    *_plain("Hội phí", "Income:Activity:Fees", "Thu hội phí", "Phí thành viên"),
    *_plain("Ủng hộ", "Income:Activity:Donations", "Quyên góp", "Tài trợ hoạt động"),
    *_plain("Kinh phí hoạt động", "Equity:Activity:Capital", "Vốn quỹ hoạt động"),
    *_plain("Vốn nhà nước", "Equity:IGF:Capital:State", "Vốn ngân sách", "Vốn hỗ trợ"),
    *_plain(
        "Vốn thành viên góp", "Equity:IGF:Capital:Members", "Vốn góp", "Vốn thành viên"
    ),
    *_plain("Vốn tài trợ", "Equity:IGF:Capital:Donor-Other", "Vốn nhà tài trợ"),
    *_plain("Tiền phạt", "Income:IGF:Penalties", "Phạt chậm trả"),
    *_plain("Gửi ngân hàng", "Assets:IGF:Bank", "Rút tiền ngân hàng", "Tiền gửi ngân hàng"),
    Category("Chuyển sang quỹ hoạt động", FUND_CASH[Fund.ACTIVITY], Fund.IGF),
    Category("Chuyển sang quỹ TTN", FUND_CASH[Fund.IGF], Fund.ACTIVITY),
    Category(
        "Trích lãi cho quỹ hoạt động",
        "Expenses:IGF:Interest-Share",
        Fund.IGF,
        (FUND_CASH[Fund.ACTIVITY], "Income:Activity:Interest-Share"),
    ),
    *_area("Tăng thu nhập", "income", "Hoạt động tăng thu nhập"),
    *_area("Chăm sóc sức khỏe", "health", "Khám sức khỏe", "Sức khỏe"),
    *_area("Chăm sóc tại nhà", "home-care", "Tình nguyện viên chăm sóc tại nhà"),
    *_area("Tự giúp nhau", "self-help", "Hỗ trợ thành viên"),
    *_area("Hỗ trợ cộng đồng", "community", "Hoạt động cộng đồng"),
    *_area("Bảo vệ quyền", "rights", "Tuyên truyền pháp luật"),
    *_area("Truyền thông", "communication"),
    *_area("Thể dục thể thao", "sports", "Thể thao"),
    *_area("Văn hóa văn nghệ", "culture", "Văn hóa", "Văn nghệ"),
    *_area("Vận động nguồn lực", "mobilisation"),
)


@dataclass(frozen=True)
class CategoryMap:
    """The club's categories (its own first, then the defaults), looked up tolerantly."""

    categories: tuple[Category, ...]

    def __post_init__(self) -> None:
        # A club's own word replaces a default one spelled the same way.
        first: dict[str, int] = {}
        for index, category in enumerate(self.categories):
            first.setdefault(normalise(category.name), index)
        table = lookup_table({self.categories[k].name: str(k) for k in first.values()})
        object.__setattr__(self, "_table", table)

    def find(self, word: str) -> Category | None:
        """The category a *Khoản mục* names, or an account named directly."""
        found = lookup(self.__dict__["_table"], word)
        if found is not None:
            return self.categories[int(found)]
        text = word.strip()
        if text.isascii() and account_type.is_valid(text):
            return Category(text, text, fund_of_account(text))
        return None

    def examples(self, limit: int = 5) -> str:
        """A few known words, for messages."""
        first: dict[str, str] = {}
        for category in self.categories:
            first.setdefault(category.account, category.name)
        return ", ".join(list(first.values())[:limit])


def _category(entry: data.Custom) -> tuple[Category | None, str | None]:
    values = list(entry.values)
    if len(values) not in (2, 4) or not isinstance(values[0].value, str):
        return None, 'write it as custom "import-category" "<Khoản mục>" Account'
    accounts = [v.value for v in values[1:]]
    if not all(isinstance(a, str) and account_type.is_valid(a) for a in accounts):
        return None, _("the values after the name must be account names")
    fund = fund_of_account(accounts[0])
    word = entry.meta.get("fund")
    if word is not None:
        meaning = lookup(lookup_table(FUNDS), str(word))
        if meaning is None:
            return None, _("fund {word!r} is neither TTN nor HĐ").format(word=word)
        fund = Fund(meaning)
    other = (accounts[1], accounts[2]) if len(accounts) == 3 else None
    return Category(values[0].value, accounts[0], fund, other), None


def category_map(entries: Iterable[data.Directive]) -> tuple[CategoryMap, list[RowError]]:
    """The club's categories from its ``import-category`` directives, then the defaults."""
    own: list[Category] = []
    errors: list[RowError] = []
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type == DIRECTIVE:
            category, problem = _category(entry)
            if category is not None:
                own.append(category)
            else:
                where = str(entry.meta.get("filename", "<book>"))
                line = int(entry.meta.get("lineno", 0))
                errors.append(RowError(where, line, "", f'custom "{DIRECTIVE}": {problem}'))
    return CategoryMap((*own, *DEFAULTS)), errors
