"""A served folder of three clubs' books with a users file, and clients logged in as each
role. The clocks are fakes: the audit trail's time and the login throttle's are given."""

from __future__ import annotations

import contextlib
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
class WallClock:
    """The server's time of day, moved by the test."""

    now: datetime.datetime = NOW

    def __call__(self) -> datetime.datetime:
        return self.now


@dataclass
class Served:
    folder: Path
    app: Flask
    clock: FakeClock
    wall: WallClock

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
    clock, wall = FakeClock(), WallClock()
    logins = Logins(folder / "users.toml", now=wall, monotonic=clock)
    app = make_app(find_club_books([folder]), read_only=read_only, load=True, logins=logins)
    return Served(folder, app, clock, wall)


def close(app: Flask) -> None:
    """Stop the file watchers of the app's ledgers: each holds inotify instances, of
    which the whole machine has few."""
    for ledger in app.config["LEDGERS"].ledgers:
        ledger.watcher.__exit__(None, None, None)


@pytest.fixture
def served(tmp_path: Path, hashed_people: dict[str, User]) -> Iterator[Served]:
    """A fresh folder for tests that write."""
    served = serve_folder(tmp_path, hashed_people)
    yield served
    close(served.app)
    disable_club_pages()


@pytest.fixture(scope="module")
def served_once(
    tmp_path_factory: pytest.TempPathFactory, hashed_people: dict[str, User]
) -> Iterator[Served]:
    """One folder for a module's tests that only read (or are refused)."""
    served = serve_folder(tmp_path_factory.mktemp("clubs"), hashed_people)
    yield served
    close(served.app)
    disable_club_pages()


Login = Callable[[str | None], FlaskClient]


# --- a real server ----------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def add_user(users: Path, name: str) -> None:
    """Add one of ``PEOPLE`` to ``users`` the way an admin does, password on stdin."""
    import subprocess
    import sys

    role, clubs, password = PEOPLE[name]
    command = [
        str(Path(sys.executable).parent / "ledger-engine"),
        "user",
        "add",
        str(users),
    ]
    command += ["--name", name, "--role", role.value, "--password-stdin"]
    for club in clubs:
        command += ["--club", club]
    subprocess.run(command, input=password + "\n", text=True, check=True, timeout=60)


@contextlib.contextmanager
def running_server(folder: Path, *options: str) -> Iterator[tuple[str, int]]:
    """``ledger-engine serve FOLDER --users FOLDER/users.toml OPTIONS`` on a free port of
    127.0.0.1, stopped afterwards; yields the scheme and the port once it answers."""
    import os
    import ssl
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    port = free_port()
    command = [str(Path(sys.executable).parent / "ledger-engine"), "serve", str(folder)]
    command += ["--users", str(folder / "users.toml"), "--port", str(port), *options]
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    scheme = "https" if "--certfile" in options else "http"
    unverified = ssl._create_unverified_context()  # the test's own self-signed certificate
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"serve exited with {process.returncode}"
            try:
                url = f"{scheme}://127.0.0.1:{port}/login"
                with urllib.request.urlopen(url, timeout=2, context=unverified):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "serve did not answer within 60 s"
                time.sleep(0.3)
        yield scheme, port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
