"""Under --read-only, Fava's editor and import pages explain instead of inviting edits that
would fail with a bare 401 (the guard is added to every HTML page; the browser test shows it
at work)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import ROOT

from ledger_engine.fava_ext.serving import READ_ONLY_GUARD, disable_club_pages, make_app

BOOK = ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount"
SLUG = "clb-lth-thon-1-ngok-wang"


@pytest.fixture(autouse=True)
def _fava_as_shipped() -> Any:
    yield
    disable_club_pages()


@pytest.mark.parametrize("page", ["editor", "import", "income_statement"])
def test_every_page_of_a_read_only_server_carries_the_guard(
    page: str, closing: Any
) -> None:
    client = closing(make_app([BOOK], read_only=True, load=True)).test_client()
    html = client.get(f"/{SLUG}/{page}/").get_data(as_text=True)
    assert html.count(READ_ONLY_GUARD) == 1
    assert 'aside a[href$="/editor/"]' in READ_ONLY_GUARD
    assert "chỉ cho xem" in READ_ONLY_GUARD


def test_a_writable_server_offers_the_editor_as_usual(closing: Any) -> None:
    client = closing(make_app([BOOK], read_only=False, load=True)).test_client()
    html = client.get(f"/{SLUG}/editor/").get_data(as_text=True)
    assert READ_ONLY_GUARD not in html
    assert "le-ro-explain" not in html
