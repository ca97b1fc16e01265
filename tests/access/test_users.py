"""The users file: hashes only, the roles' club rules, the session secret beside it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from ledger_engine.access.users import (
    Role,
    User,
    UsersFile,
    UsersFileError,
    check_roles_clubs,
    hash_password,
    load_users,
    save_users,
    secret_key,
)


@pytest.fixture(scope="module")
def hashed() -> str:
    return hash_password("mat-khau-dai")


def test_the_file_holds_hashes_that_check_and_no_clear_password(
    tmp_path: Path, hashed: str
) -> None:
    path = tmp_path / "users.toml"
    save_users(
        path,
        {"hoa": User(name="hoa", role=Role.TREASURER, clubs=("KT-1",), password=hashed)},
    )
    text = path.read_text(encoding="utf-8")
    assert "mat-khau-dai" not in text and "scrypt:" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    user = load_users(path)["hoa"]
    assert user.checks("mat-khau-dai") and not user.checks("mat-khau-sai")
    assert user.clubs == ("KT-1",)


def test_a_clear_password_in_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    path.write_text(
        '[users.hoa]\nrole = "admin"\npassword = "hunter22"\n', encoding="utf-8"
    )
    with pytest.raises(UsersFileError, match="hash"):
        load_users(path)


def test_short_passwords_are_refused() -> None:
    with pytest.raises(UsersFileError, match="8"):
        hash_password("ngan")


@pytest.mark.parametrize(
    ("role", "clubs"),
    [(Role.TREASURER, ()), (Role.ADMIN, ("KT-1",)), (Role.PROVINCE, ("KT-1",))],
)
def test_each_role_has_its_club_rule(role: Role, clubs: tuple[str, ...]) -> None:
    with pytest.raises(UsersFileError):
        check_roles_clubs(role, clubs)


def test_login_names_are_plain(hashed: str) -> None:
    with pytest.raises(ValidationError):
        User(name="Hoa:1", role=Role.ADMIN, password=hashed)


def test_the_session_secret_is_made_once_and_kept_private(tmp_path: Path) -> None:
    users = tmp_path / "users.toml"
    first = secret_key(users)
    assert len(first) == 64 and secret_key(users) == first
    secret = tmp_path / "users.toml.secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_the_server_sees_a_changed_file_without_restarting(
    tmp_path: Path, hashed: str
) -> None:
    path = tmp_path / "users.toml"
    view = UsersFile(path)
    assert view.get("hoa") is None
    save_users(path, {"hoa": User(name="hoa", role=Role.ADMIN, password=hashed)})
    user = view.get("hoa")
    assert user is not None and user.role is Role.ADMIN
