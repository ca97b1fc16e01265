"""What each role may do: one pure decision over the user, the clubs of the address and the
kind of access, so the rules read in one place and are tested without a server.

| role      | club pages (own / listed / all) | source, editor, downloads | meeting | other writes | province-level pages |
|-----------|------------------|------|------|------|------|
| treasurer | own clubs        | no   | own clubs | no | no |
| auditor   | listed (or all)  | read | no   | no   | only when not limited to some clubs |
| province  | all              | read | no   | no   | yes |
| admin     | all              | yes  | yes  | yes  | yes |
"""

from __future__ import annotations

from enum import Enum

from ledger_engine.access.users import Role, User


class Access(Enum):
    READ = "read"  # a page or a read of the API
    SOURCE = "source"  # the book's text: editor, source API, downloads, documents
    MEETING = "meeting"  # the meeting page's endpoints that write
    WRITE = "write"  # any other request that may change a file


def allowed(user: User, clubs: frozenset[str] | None, access: Access) -> bool:
    """Whether ``user`` may have ``access`` at an address of ``clubs`` (``None``: an
    address outside every club's book, such as the province's pages)."""
    if user.role is Role.ADMIN:
        return True
    own = set(user.clubs)
    if user.role is Role.TREASURER:
        in_own_club = clubs is not None and bool(clubs & own)
        return in_own_club and access in (Access.READ, Access.MEETING)
    if access not in (Access.READ, Access.SOURCE):
        return False
    if user.role is Role.PROVINCE or not own:
        return True
    return clubs is not None and bool(clubs & own)


def writes_anything(user: User) -> bool:
    """Whether some write is open to ``user`` (pages that only read say so to the others)."""
    return user.role in (Role.TREASURER, Role.ADMIN)


def edits_source(user: User) -> bool:
    """Whether Fava's editor, import page and "add an entry" are of use to ``user``."""
    return user.role is Role.ADMIN
