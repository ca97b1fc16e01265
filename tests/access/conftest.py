"""A served folder of three clubs' books with a users file, and clients logged in as each
role. The clocks are fakes: the audit trail's time and the login throttle's are given."""

from __future__ import annotations

import datetime
import hashlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from helpers import ROOT

from ledger_engine.access.users import Role, User, hash_password, save_users
from ledger_engine.fava_ext.serving import (
    Logins,
    disable_club_pages,
    find_club_books,
    make_app,
)

KON_TUM = ROOT / "books" / "kon-tum"
BOOKS = {
    "A": KON_TUM / "kon-ray" / "kt-kr-002.beancount",
    "B": KON_TUM / "dak-to" / "kt-dt-003.beancount",
    "C": KON_TUM / "dak-ha" / "kt-dh-003.beancount",
}
CLUB = {"A": "KT-KR-002", "B": "KT-DT-003", "C": "KT-DH-003"}
SLUG = {
    "A": "clb-lth-lang-dak-xang-dak-pne",
    "B": "clb-lth-lang-plei-rang-tan-canh",
    "C": "clb-lth-lang-tu-chot-dak-psi",
}
ORIGIN = "http://localhost"
NOW = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)
#: login name → (role, clubs, password)
PEOPLE: dict[str, tuple[Role, tuple[str, ...], str]] = {
    "hoa": (Role.TREASURER, (CLUB["A"],), "hoa-mat-khau"),
    "lan": (Role.AUDITOR, (), "lan-mat-khau"),
    "minh": (Role.AUDITOR, (CLUB["B"],), "minh-mat-khau"),
    "tinh": (Role.PROVINCE, (), "tinh-mat-khau"),
    "quan": (Role.ADMIN, (), "quan-mat-khau"),
}


@dataclass
class FakeClock:
    """Monotonic seconds that move only when a test says so."""

    seconds: float = 1000.0
    readings: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        self.readings.append(self.seconds)
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@dataclass
class Served:
    folder: Path
    app: Flask
    clock: FakeClock

    def book(self, club: str) -> Path:
        return self.folder / BOOKS[club].name

    def digest(self, club: str) -> str:
        return hashlib.sha256(self.book(club).read_bytes()).hexdigest()

    def client(self, login: str | None = None) -> FlaskClient:
        client = self.app.test_client()
        if login is not None:
            response = log_in(client, login, PEOPLE[login][2])
            assert response.status_code == 302, response.get_data(as_text=True)
        return client


def log_in(client: FlaskClient, name: str, password: str, **extra: Any) -> Any:
    return client.post(
        "/login",
        data={"username": name, "password": password, "next": "/"},
        headers={"Origin": ORIGIN},
        **extra,
    )


@pytest.fixture(scope="module")
def hashed_people() -> dict[str, User]:
    return {
        name: User(name=name, role=role, clubs=clubs, password=hash_password(password))
        for name, (role, clubs, password) in PEOPLE.items()
    }


def serve_folder(folder: Path, people: dict[str, User], read_only: bool = False) -> Served:
    for path in BOOKS.values():
        shutil.copyfile(path, folder / path.name)
    save_users(folder / "users.toml", people)
    clock = FakeClock()
    logins = Logins(folder / "users.toml", now=lambda: NOW, monotonic=clock)
    app = make_app(find_club_books([folder]), read_only=read_only, load=True, logins=logins)
    return Served(folder, app, clock)


@pytest.fixture
def served(tmp_path: Path, hashed_people: dict[str, User]) -> Iterator[Served]:
    """A fresh folder for tests that write."""
    yield serve_folder(tmp_path, hashed_people)
    disable_club_pages()


@pytest.fixture(scope="module")
def served_once(
    tmp_path_factory: pytest.TempPathFactory, hashed_people: dict[str, User]
) -> Iterator[Served]:
    """One folder for a module's tests that only read (or are refused)."""
    yield serve_folder(tmp_path_factory.mktemp("clubs"), hashed_people)
    disable_club_pages()


Login = Callable[[str | None], FlaskClient]
