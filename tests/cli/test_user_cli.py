"""``ledger-engine user``: passwords typed or piped, never given as an argument."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ledger_engine.access.users import Role, load_users
from ledger_engine.cli import main


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--lang", "en", "user", *args], input=stdin)
    return result.exit_code, result.output


def test_add_with_the_password_typed_twice(tmp_path: Path) -> None:
    users = tmp_path / "users.toml"
    code, output = run(
        "add",
        str(users),
        "--name",
        "hoa",
        "--role",
        "treasurer",
        "--club",
        "KT-KR-002",
        stdin="mat-khau-dai\nmat-khau-dai\n",
    )
    assert code == 0, output
    assert "mat-khau-dai" not in users.read_text(encoding="utf-8")
    user = load_users(users)["hoa"]
    assert user.role is Role.TREASURER and user.clubs == ("KT-KR-002",)
    assert user.checks("mat-khau-dai")


def test_add_with_the_password_on_stdin(tmp_path: Path) -> None:
    users = tmp_path / "users.toml"
    code, _ = run(
        "add",
        str(users),
        "--name",
        "lan",
        "--role",
        "auditor",
        "--password-stdin",
        stdin="mat-khau-dai\n",
    )
    assert code == 0
    assert load_users(users)["lan"].checks("mat-khau-dai")


def test_a_password_argument_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    users = tmp_path / "users.toml"
    code, output = run(
        "add", str(users), "--name", "hoa", "--role", "admin", "--password", "mat-khau-dai"
    )
    assert code == 2
    assert "--password is refused" in output and "--password-stdin" in output
    assert not users.exists()


def test_passwd_and_remove(tmp_path: Path) -> None:
    users = tmp_path / "users.toml"
    run(
        "add",
        str(users),
        "--name",
        "quan",
        "--role",
        "admin",
        "--password-stdin",
        stdin="mat-khau-cu\n",
    )
    code, _ = run(
        "passwd", str(users), "--name", "quan", "--password-stdin", stdin="mat-khau-moi\n"
    )
    assert code == 0
    user = load_users(users)["quan"]
    assert user.checks("mat-khau-moi") and not user.checks("mat-khau-cu")
    assert run("remove", str(users), "--name", "quan")[0] == 0
    assert load_users(users) == {}
    code, output = run("remove", str(users), "--name", "quan")
    assert code == 1 and "quan is not in" in output


def test_mistakes_are_named(tmp_path: Path) -> None:
    users = tmp_path / "users.toml"
    code, output = run(
        "add",
        str(users),
        "--name",
        "hoa",
        "--role",
        "treasurer",
        "--password-stdin",
        stdin="mat-khau-dai\n",
    )
    assert code == 1 and "needs at least one --club" in output
    code, output = run(
        "add",
        str(users),
        "--name",
        "hoa",
        "--role",
        "admin",
        "--password-stdin",
        stdin="ngan\n",
    )
    assert code == 1 and "at least 8 characters" in output
    assert not users.exists()
    run(
        "add",
        str(users),
        "--name",
        "hoa",
        "--role",
        "admin",
        "--password-stdin",
        stdin="mat-khau-dai\n",
    )
    code, output = run(
        "add",
        str(users),
        "--name",
        "hoa",
        "--role",
        "admin",
        "--password-stdin",
        stdin="mat-khau-dai\n",
    )
    assert code == 1 and "already in" in output


def test_messages_are_vietnamese_by_default(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--lang",
            "vi",
            "user",
            "add",
            str(tmp_path / "u.toml"),
            "--name",
            "a",
            "--role",
            "admin",
            "--password",
            "x",
        ],
    )
    assert result.exit_code == 2
    assert "--password-stdin" in result.output
    assert "--password is refused" not in result.output
