"""The users file: who may log in, with which role and for which clubs.

``users.toml`` sits beside the books and holds no password in clear, only salted slow hashes
(werkzeug's ``generate_password_hash``, scrypt)::

    [users.hoa]
    role = "treasurer"
    clubs = ["KT-DH-001"]
    password = "scrypt:32768:8:1$…"

The session secret is kept beside it (``users.toml.secret``, readable by its owner only),
generated on first use, never in the code.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import tempfile
import tomllib
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from werkzeug.security import check_password_hash, generate_password_hash

from ledger_engine.i18n import _

MIN_PASSWORD_LENGTH = 8
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
# A password check costs the same whether or not the user exists.
_DUMMY_HASH = generate_password_hash("not a real password")


class Role(StrEnum):
    TREASURER = "treasurer"
    AUDITOR = "auditor"
    PROVINCE = "province"
    ADMIN = "admin"


class UsersFileError(ValueError):
    """The users file (or a change to it) is not acceptable; the message says why."""


class User(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    role: Role
    clubs: tuple[str, ...] = ()
    password: str

    @field_validator("name")
    @classmethod
    def _plain_name(cls, name: str) -> str:
        if not _NAME.match(name):
            raise ValueError(
                _(
                    "login name '{name}': use lower-case letters, digits, '.', '_' or '-'"
                ).format(name=name)
            )
        return name

    @field_validator("password")
    @classmethod
    def _hashed(cls, password: str) -> str:
        if "$" not in password or ":" not in password.split("$", 1)[0]:
            raise ValueError(_("the password must be stored as a hash, never in clear"))
        return password

    @property
    def stamp(self) -> str:
        """Changes whenever the password does: a session carries it, so a new password
        (or a removed user) ends every session opened before."""
        return hashlib.sha256(self.password.encode()).hexdigest()[:16]

    def checks(self, password: str) -> bool:
        return check_password_hash(self.password, password)


def check_roles_clubs(role: Role, clubs: tuple[str, ...]) -> None:
    """A treasurer keeps at least one club; province and admin see every club."""
    if role is Role.TREASURER and not clubs:
        raise UsersFileError(_("a treasurer needs at least one --club"))
    if role in (Role.PROVINCE, Role.ADMIN) and clubs:
        raise UsersFileError(
            _("role {role} sees every club: give no --club").format(role=role.value)
        )


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsersFileError(
            _("the password needs at least {n} characters").format(n=MIN_PASSWORD_LENGTH)
        )
    return generate_password_hash(password)


def password_matches(user: User | None, password: str) -> bool:
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return user.checks(password)


# --- reading and writing the file -------------------------------------------------------


def load_users(path: Path) -> dict[str, User]:
    """The users of ``path`` by login name; a missing file has none."""
    if not path.exists():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsersFileError(f"{path}: {error}") from error
    table = raw.get("users", {})
    if not isinstance(table, dict):
        raise UsersFileError(f"{path}: [users] " + _("must be a table"))
    users: dict[str, User] = {}
    for name, fields in table.items():
        try:
            user = User.model_validate({"name": name, **fields})
            check_roles_clubs(user.role, user.clubs)
        except (ValidationError, UsersFileError, TypeError) as error:
            raise UsersFileError(f"{path}: users.{name}: {error}") from error
        users[name] = user
    return users


def _toml(users: dict[str, User]) -> str:
    lines = ["# ledger-engine users: passwords are kept only as salted scrypt hashes.", ""]
    for user in sorted(users.values(), key=lambda u: u.name):
        lines += [
            f"[users.{json.dumps(user.name)}]",
            f"role = {json.dumps(user.role.value)}",
            f"clubs = {json.dumps(list(user.clubs), ensure_ascii=False)}",
            f"password = {json.dumps(user.password)}",
            "",
        ]
    return "\n".join(lines)


def save_users(path: Path, users: dict[str, User]) -> None:
    """Write the file whole, readable by its owner only, in one step."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(_toml(users))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def secret_path(users_path: Path) -> Path:
    return users_path.with_name(users_path.name + ".secret")


def secret_key(users_path: Path) -> str:
    """The session secret beside the users file, made on first use."""
    path = secret_path(users_path)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="ascii").strip()


class UsersFile:
    """The users file as the server reads it: read again whenever it changes on disk, so a
    new password or a removed user takes effect without a restart."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int] | None = None
        self._users: dict[str, User] = {}

    def users(self) -> dict[str, User]:
        try:
            info = self.path.stat()
            seen: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
        except FileNotFoundError:
            seen = None
        if seen != self._seen:
            self._users = load_users(self.path)
            self._seen = seen
        return self._users

    def get(self, name: str) -> User | None:
        return self.users().get(name)
