"""The roles' rules, checked over every combination."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger_engine.access.policy import Access, allowed
from ledger_engine.access.requests import access_of
from ledger_engine.access.users import Role, User

HASH = "scrypt:32768:8:1$salt$" + "0" * 128
CODES = ["KT-1", "KT-2", "KT-3"]
clubs_at = st.one_of(st.none(), st.frozensets(st.sampled_from(CODES), min_size=1))


def person(role: Role, clubs: tuple[str, ...] = ()) -> User:
    return User(name="x", role=role, clubs=clubs, password=HASH)


@given(clubs=clubs_at, access=st.sampled_from(Access))
def test_admin_may_do_everything(clubs: frozenset[str] | None, access: Access) -> None:
    assert allowed(person(Role.ADMIN), clubs, access)


@given(role=st.sampled_from([Role.AUDITOR, Role.PROVINCE]), clubs=clubs_at)
def test_readers_never_write(role: Role, clubs: frozenset[str] | None) -> None:
    user = person(role)
    assert not allowed(user, clubs, Access.WRITE)
    assert not allowed(user, clubs, Access.MEETING)
    assert allowed(user, clubs, Access.READ)


@given(own=st.sampled_from(CODES), clubs=clubs_at, access=st.sampled_from(Access))
def test_a_treasurer_reads_and_records_meetings_of_their_own_club_only(
    own: str, clubs: frozenset[str] | None, access: Access
) -> None:
    expected = (
        clubs is not None and own in clubs and access in (Access.READ, Access.MEETING)
    )
    assert allowed(person(Role.TREASURER, (own,)), clubs, access) is expected


def test_an_auditor_of_some_clubs_reads_only_those() -> None:
    user = person(Role.AUDITOR, ("KT-1",))
    assert allowed(user, frozenset({"KT-1"}), Access.SOURCE)
    assert not allowed(user, frozenset({"KT-2"}), Access.READ)
    assert not allowed(user, None, Access.READ)


@pytest.mark.parametrize(
    ("method", "endpoint", "args", "expected"),
    [
        ("GET", "report", {"report_name": "journal"}, Access.READ),
        ("GET", "report", {"report_name": "editor"}, Access.SOURCE),
        ("GET", "json_api.get_source", {}, Access.SOURCE),
        ("GET", "download_journal", {}, Access.SOURCE),
        ("PUT", "json_api.put_add_entries", {}, Access.WRITE),
        ("POST", None, {}, Access.WRITE),
        ("PUT", "extension_endpoint", {"extension_name": "ClubMeeting"}, Access.MEETING),
        ("PUT", "extension_endpoint", {"extension_name": "ClubLoans"}, Access.WRITE),
        ("GET", "extension_endpoint", {"extension_name": "ClubMeeting"}, Access.READ),
    ],
)
def test_what_a_request_asks_for(
    method: str, endpoint: str | None, args: dict[str, str], expected: Access
) -> None:
    assert access_of(method, endpoint, args) is expected
