"""Fava apps over the shipped books, built once per test module, and a reader of pages."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from fava.application import create_app
from flask import Flask
from helpers import ROOT

EXAMPLES = ROOT / "books" / "examples"
SLUGS = {
    "thon-1-ngok-wang.beancount": "clb-lth-thon-1-ngok-wang",
    "lang-kon-bi-dak-ruong.beancount": "clb-lth-lang-kon-bi-dak-ruong",
}


class Page:
    """A page as a reader sees it: text with collapsed spacing, amounts as 150.000.000."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.soup = BeautifulSoup(html, "html.parser")

    def one(self, selector: str) -> Tag:
        found = self.soup.select_one(selector)
        assert found is not None, f"{selector} not on the page"
        return found

    def all(self, selector: str) -> list[Tag]:
        return list(self.soup.select(selector))

    def text_of(self, selector: str) -> str:
        return self.text(self.one(selector))

    @staticmethod
    def text(node: Any) -> str:
        return " ".join(node.get_text(" ").split())

    @staticmethod
    def amount(shown: str) -> int:
        """A whole VND amount as written on the page back to a number."""
        return int(shown.replace(".", ""))

    @staticmethod
    def day(shown: str) -> datetime.date | None:
        """A date as written on the page (05/03/2024); "–" is no date."""
        if shown == "–":
            return None
        return datetime.datetime.strptime(shown, "%d/%m/%Y").date()


def book_path(name: str) -> Path:
    return (EXAMPLES / name).resolve()


def fava_app(book: Path, *, read_only: bool = False) -> Flask:
    return create_app([str(book)], load=True, read_only=read_only)


@pytest.fixture(scope="module")
def apps() -> Iterator[dict[str, Flask]]:
    """Fava as it ships over both example books (which declare the club's pages)."""
    made = {name: fava_app(book_path(name)) for name in SLUGS}
    yield made
    for app in made.values():
        stop_watchers(app)


@pytest.fixture(scope="module")
def get_page(apps: dict[str, Flask]) -> Callable[..., Page]:
    """GET one of the club's pages of an example book; any status but 200 fails."""

    def get(book: str, extension: str, **args: Any) -> Page:
        client = apps[book].test_client()
        url = f"/{SLUGS[book]}/extension/{extension}/"
        response = client.get(url, query_string=args)
        assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
        return Page(response.get_data(as_text=True))

    return get


@pytest.fixture(scope="module")
def served_page() -> Callable[..., Page]:
    """GET one of the club's pages of a book served as `ledger-engine serve` serves it (the
    pages enabled even where the book does not declare them), read-only."""
    from ledger_engine.fava_ext.serving import make_app

    def get(book: Path, extension: str, **args: Any) -> Page:
        app = make_app([book.resolve()], read_only=True, load=True)
        slug = next(iter(app.config["LEDGERS"].ledgers_by_slug))
        response = app.test_client().get(
            f"/{slug}/extension/{extension}/", query_string=args
        )
        assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
        return Page(response.get_data(as_text=True))

    return get


@pytest.fixture
def closing() -> Iterator[Callable[[Flask], Flask]]:
    """Pass each Fava app a test makes through this: its ledgers' file watchers are
    stopped after the test (each holds inotify instances, of which a machine has few)."""
    made: list[Flask] = []

    def keep(app: Flask) -> Flask:
        made.append(app)
        return app

    yield keep
    for app in made:
        stop_watchers(app)


def stop_watchers(app: Flask) -> None:
    for ledger in app.config["LEDGERS"].ledgers:
        ledger.watcher.__exit__(None, None, None)
