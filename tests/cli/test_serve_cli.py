"""``ledger-engine serve``: never open to the network without logins."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from helpers import ROOT

from ledger_engine.cli import main
from ledger_engine.cli.serve import is_local

BOOKS = ROOT / "books" / "examples"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_another_address_without_users_exits_with_a_message_and_does_not_listen() -> None:
    port = free_port()
    command = Path(sys.executable).parent / "ledger-engine"
    done = subprocess.run(
        [
            str(command),
            "--lang",
            "en",
            "serve",
            str(BOOKS),
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"},
    )
    assert done.returncode == 2
    assert "refusing to listen on 0.0.0.0 without --users" in done.stderr
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))


def test_the_refusal_comes_before_any_book_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import ledger_engine.fava_ext.serving as serving

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the app was built")

    monkeypatch.setattr(serving, "make_app", must_not_run)
    result = CliRunner().invoke(main, ["serve", str(BOOKS), "--host", "192.168.1.10"])
    assert result.exit_code == 2
    assert "--users" in result.output


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("office-pc", False),
    ],
)
def test_which_addresses_are_this_machine_only(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_certfile_needs_keyfile(tmp_path: Path) -> None:
    cert = tmp_path / "cert.pem"
    cert.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--lang", "en", "serve", str(BOOKS), "--certfile", str(cert)]
    )
    assert result.exit_code == 2
    assert "--certfile and --keyfile go together" in result.output


class FakeServer:
    """Stands in for cheroot's server: records where it would listen, listens nowhere."""

    started: ClassVar[list[tuple[str, int]]] = []

    def __init__(self, address: tuple[str, int], app: object) -> None:
        self.address = address
        self.ssl_adapter: object = None

    def start(self) -> None:
        FakeServer.started.append(self.address)

    def stop(self) -> None:
        pass


def test_with_users_it_listens_on_another_address_and_warns_without_https(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cheroot.wsgi

    from ledger_engine.access.users import Role, User, hash_password, save_users
    from ledger_engine.fava_ext.serving import disable_club_pages

    users = tmp_path / "users.toml"
    save_users(
        users, {"quan": User(name="quan", role=Role.ADMIN, password=hash_password("x" * 8))}
    )
    monkeypatch.setattr(cheroot.wsgi, "Server", FakeServer)
    FakeServer.started.clear()
    try:
        result = CliRunner().invoke(
            main,
            [
                "--lang",
                "en",
                "serve",
                str(BOOKS),
                "--host",
                "0.0.0.0",
                "--users",
                str(users),
            ],
        )
    finally:
        disable_club_pages()
    assert result.exit_code == 0, result.output
    assert FakeServer.started == [("0.0.0.0", 5000)]
    assert "log in at http://0.0.0.0:5000/login" in result.output
    assert "passwords cross the network unencrypted" in result.output
