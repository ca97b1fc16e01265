"""``ledger-engine user add|passwd|remove USERS --name N``: who may log in to ``serve``.

The password is typed at a hidden prompt (twice), or read from the first line of standard
input with ``--password-stdin`` (for scripts); never from an argument, where other users of
the machine would see it in the process list and it would stay in the shell's history.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ledger_engine.access.users import (
    Role,
    User,
    UsersFileError,
    check_roles_clubs,
    hash_password,
    load_users,
    save_users,
)
from ledger_engine.i18n import _

users_argument = click.argument(
    "users_file", metavar="USERS", type=click.Path(path_type=Path)
)
name_option = click.option("--name", required=True, help="Login name (a-z, 0-9, . _ -).")


def _refuse_password_argument(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> None:
    if value is not None:
        raise click.UsageError(
            _(
                "--password is refused: a password on the command line is seen by other "
                "users and kept in the shell's history. Type it when asked, or pipe it "
                "with --password-stdin."
            )
        )


password_argument_refused = click.option(
    "--password",
    expose_value=False,
    hidden=True,
    callback=_refuse_password_argument,
    is_eager=True,
)
password_stdin_option = click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = click.prompt(
        _("Password"), hide_input=True, confirmation_prompt=_("Repeat the password")
    )
    return password


def _load(path: Path) -> dict[str, User]:
    try:
        return load_users(path)
    except UsersFileError as error:
        raise click.ClickException(str(error)) from error


def _hash(from_stdin: bool) -> str:
    try:
        return hash_password(_read_password(from_stdin))
    except UsersFileError as error:
        raise click.ClickException(str(error)) from error


@click.group()
def user() -> None:
    """Add, change or remove the users who may log in to ``serve --users USERS``."""


@user.command()
@users_argument
@name_option
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--club", "clubs", multiple=True, help="Club code (repeat for several).")
@password_stdin_option
@password_argument_refused
def add(
    users_file: Path, name: str, role: str, clubs: tuple[str, ...], password_stdin: bool
) -> None:
    """Add a user to USERS (the file is created if missing)."""
    users = _load(users_file)
    if name in users:
        raise click.ClickException(
            _("{name} is already in {file}: use 'user passwd' or 'user remove'").format(
                name=name, file=users_file
            )
        )
    try:
        check_roles_clubs(Role(role), clubs)
        new = User(name=name, role=Role(role), clubs=clubs, password=_hash(password_stdin))
    except (UsersFileError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    save_users(users_file, {**users, name: new})
    click.echo(
        _("Added {name} ({role}) to {file}.").format(name=name, role=role, file=users_file)
    )


@user.command()
@users_argument
@name_option
@password_stdin_option
@password_argument_refused
def passwd(users_file: Path, name: str, password_stdin: bool) -> None:
    """Set a new password for a user (their open sessions end)."""
    users = _load(users_file)
    if name not in users:
        raise click.ClickException(
            _("{name} is not in {file}").format(name=name, file=users_file)
        )
    changed = users[name].model_copy(update={"password": _hash(password_stdin)})
    save_users(users_file, {**users, name: changed})
    click.echo(_("New password for {name} in {file}.").format(name=name, file=users_file))


@user.command()
@users_argument
@name_option
def remove(users_file: Path, name: str) -> None:
    """Remove a user (their open sessions end)."""
    users = _load(users_file)
    if name not in users:
        raise click.ClickException(
            _("{name} is not in {file}").format(name=name, file=users_file)
        )
    save_users(users_file, {k: v for k, v in users.items() if k != name})
    click.echo(_("Removed {name} from {file}.").format(name=name, file=users_file))
