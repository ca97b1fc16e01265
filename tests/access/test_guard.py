"""Acceptance over HTTP: who sees and changes what in a served folder of three clubs.

Treasurer ``hoa`` keeps club A; auditor ``lan`` may read every club, auditor ``minh`` club B
only; ``tinh`` is the province, ``quan`` the admin. Every refusal leaves the books
byte for byte as they were.
"""

from __future__ import annotations

from typing import Any

import pytest
from access.conftest import ORIGIN, SLUG, Served
from flask.testing import FlaskClient

A, B = SLUG["A"], SLUG["B"]
PAGES = ["income_statement", "journal", "balance_sheet"]
CLUB_PAGES = ["ClubLoans", "ClubMembers", "ClubCoverage", "ClubCollection", "ClubMeeting"]
READS = [
    *(f"/{{slug}}/{page}/" for page in PAGES),
    *(f"/{{slug}}/extension/{page}/" for page in CLUB_PAGES),
    "/{slug}/api/income_statement",
    "/{slug}/api/journal_page?page=1&order=desc",
    "/{slug}/api/errors",
]
SOURCE = [
    "/{slug}/editor/",
    "/{slug}/import/",
    "/{slug}/api/source",
    "/{slug}/download-journal/",
    "/{slug}/download-query/query_result.csv?query_string=SELECT%20account",
]


def urls(paths: list[str], slug: str) -> list[str]:
    return [path.format(slug=slug) for path in paths]


# --- writes, each as Fava's own pages send it -------------------------------------------


def put_source(client: FlaskClient, slug: str, **headers: str) -> int:
    answer = client.get(f"/{slug}/api/source")
    if answer.status_code != 200:
        # Whoever may not read the source writes blind: the refusal must not depend on it.
        current = {"file_path": "", "source": "", "sha256sum": ""}
    else:
        current = answer.get_json()["data"]
    body = {
        "file_path": current["file_path"],
        "source": current["source"] + '\n2025-06-30 note Assets:IGF:Cash "sửa tay"\n',
        "sha256sum": current["sha256sum"],
    }
    status: int = client.put(
        f"/{slug}/api/source", json=body, headers={"Origin": ORIGIN, **headers}
    ).status_code
    return status


def add_entries(client: FlaskClient, slug: str, book: str, **headers: str) -> int:
    entry = {
        "t": "Note",
        "date": "2025-06-30",
        "account": "Assets:IGF:Cash",
        "comment": "nhập từ trang Fava",
        "meta": {"filename": book, "lineno": 0},
    }
    status: int = client.put(
        f"/{slug}/api/add_entries",
        json={"entries": [entry]},
        headers={"Origin": ORIGIN, **headers},
    ).status_code
    return status


def other_writes(client: FlaskClient, slug: str) -> list[int]:
    headers = {"Origin": ORIGIN}
    return [
        client.put(
            f"/{slug}/api/format_source", json={"source": ""}, headers=headers
        ).status_code,
        client.delete(
            f"/{slug}/api/source_slice?entry_hash=x&sha256sum=y", headers=headers
        ).status_code,
        client.put(
            f"/{slug}/extension/ClubMeeting/meeting",
            json={"date": "2025-07-01"},
            headers=headers,
        ).status_code,
        client.delete(f"/{slug}/api/document?filename=x", headers=headers).status_code,
    ]


# --- anonymous --------------------------------------------------------------------------


def test_anonymous_gets_401_on_every_page_and_api(served_once: Served) -> None:
    client = served_once.client()
    paths = ["/", "/province/", "/static/app.js", "/jump?time=2025"]
    for slug in (A, B):
        paths += [f"/{slug}/", *urls(READS, slug), *urls(SOURCE, slug)]
    statuses = {path: client.get(path).status_code for path in paths}
    assert set(statuses.values()) == {401}, statuses
    answer = client.get(f"/{A}/api/income_statement")
    assert answer.headers["WWW-Authenticate"].startswith("Basic ")


def test_anonymous_writes_get_401_and_change_nothing(served_once: Served) -> None:
    before = served_once.digest("A")
    client = served_once.client()
    book = str(served_once.book("A"))
    assert put_source(client, A) == 401
    assert add_entries(client, A, book) == 401
    assert set(other_writes(client, A)) == {401}
    assert served_once.digest("A") == before


def test_a_browser_gets_the_login_page_in_vietnamese_first(served_once: Served) -> None:
    answer = served_once.client().get(f"/{A}/journal/", headers={"Accept": "text/html"})
    assert answer.status_code == 401
    html = answer.get_data(as_text=True)
    assert html.index("Đăng nhập") < html.index("Log in")
    assert "Mật khẩu" in html and 'name="password"' in html
    assert f'value="/{A}/journal/?"' in html  # back to the page asked for after logging in
    assert "WWW-Authenticate" not in answer.headers  # no browser dialog over the page


def test_the_session_cookie_is_httponly_and_samesite_strict(served_once: Served) -> None:
    client = served_once.app.test_client()
    from access.conftest import log_in

    answer = log_in(client, "hoa", "hoa-mat-khau")
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "hoa-mat-khau" not in cookie


# --- treasurer --------------------------------------------------------------------------


def test_treasurer_reads_every_page_of_their_club(served_once: Served) -> None:
    client = served_once.client("hoa")
    statuses = {url: client.get(url).status_code for url in urls(READS, A)}
    assert set(statuses.values()) == {200}, statuses


def test_treasurer_is_sent_to_their_club_from_the_root(served_once: Served) -> None:
    answer = served_once.client("hoa").get("/")
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/{A}/"


@pytest.mark.parametrize(
    "path", ["/province/", "/nowhere", *urls(READS, B), *urls(READS, SLUG["C"])]
)
def test_treasurer_gets_403_outside_their_club(served_once: Served, path: str) -> None:
    assert served_once.client("hoa").get(path).status_code == 403


def test_treasurer_gets_403_on_the_source_of_their_own_club(served_once: Served) -> None:
    client = served_once.client("hoa")
    statuses = {url: client.get(url).status_code for url in urls(SOURCE, A)}
    assert set(statuses.values()) == {403}, statuses


def test_treasurer_cannot_write_through_fava(served_once: Served) -> None:
    before = served_once.digest("A")
    client = served_once.client("hoa")
    assert put_source(client, A) == 403
    assert add_entries(client, A, str(served_once.book("A"))) == 403
    assert served_once.digest("A") == before


def test_treasurer_cannot_use_the_meeting_endpoint_of_another_club(
    served_once: Served,
) -> None:
    before = served_once.digest("B")
    client = served_once.client("hoa")
    answer = client.put(
        f"/{B}/extension/ClubMeeting/meeting",
        json={"date": "2025-07-01"},
        headers={"Origin": ORIGIN},
    )
    assert answer.status_code == 403
    assert served_once.digest("B") == before


# --- auditors and the province ----------------------------------------------------------


def test_auditor_reads_every_club_and_its_source(served_once: Served) -> None:
    client = served_once.client("lan")
    paths = [*urls(READS, A), *urls(READS, B), *urls(SOURCE, A)]
    statuses = {url: client.get(url).status_code for url in paths}
    assert set(statuses.values()) == {200}, statuses


def test_auditor_gets_403_on_every_write(served_once: Served) -> None:
    before = served_once.digest("A")
    client = served_once.client("lan")
    assert put_source(client, A) == 403
    assert add_entries(client, A, str(served_once.book("A"))) == 403
    assert set(other_writes(client, A)) == {403}
    assert served_once.digest("A") == before


def test_an_auditor_of_one_club_sees_only_that_club(served_once: Served) -> None:
    client = served_once.client("minh")
    assert client.get(f"/{B}/income_statement/").status_code == 200
    assert client.get(f"/{A}/income_statement/").status_code == 403
    assert client.get("/province/").status_code == 403


def test_province_reads_everything_and_writes_nothing(served_once: Served) -> None:
    before = served_once.digest("B")
    client = served_once.client("tinh")
    paths = [*urls(READS, A), *urls(READS, B), *urls(SOURCE, B)]
    statuses = {url: client.get(url).status_code for url in paths}
    assert set(statuses.values()) == {200}, statuses
    # Past the guard: a province page that does not exist yet is Fava's 404, not a 403.
    assert client.get("/province/").status_code == 404
    assert put_source(client, B) == 403
    assert set(other_writes(client, B)) == {403}
    assert served_once.digest("B") == before


# --- same origin ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost.evil.example"},
        {"Referer": "http://evil.example/page"},
    ],
    ids=["other-origin", "null-origin", "look-alike-origin", "other-referer"],
)
def test_a_cross_origin_write_with_a_valid_session_is_refused(
    served: Served, headers: dict[str, str]
) -> None:
    before = served.digest("A")
    client = served.client("quan")
    entry = {
        "t": "Note",
        "date": "2025-06-30",
        "account": "Assets:IGF:Cash",
        "comment": "từ trang khác",
        "meta": {"filename": str(served.book("A")), "lineno": 0},
    }
    answer = client.put(f"/{A}/api/add_entries", json={"entries": [entry]}, headers=headers)
    assert answer.status_code == 403
    assert served.digest("A") == before
    # The same write from the server's own page goes through.
    assert add_entries(client, A, str(served.book("A"))) == 200
    assert served.digest("A") != before


def test_a_session_write_without_origin_or_referer_is_refused(served: Served) -> None:
    before = served.digest("A")
    client = served.client("quan")
    answer = client.put(
        f"/{A}/api/source", json={"file_path": "", "source": "", "sha256sum": ""}
    )
    assert answer.status_code == 403
    assert served.digest("A") == before


def test_an_api_client_with_basic_auth_writes_without_origin(served: Served) -> None:
    client = served.app.test_client()
    book = str(served.book("A"))
    entry: dict[str, Any] = {
        "t": "Note",
        "date": "2025-06-30",
        "account": "Assets:IGF:Cash",
        "comment": "qua API",
        "meta": {"filename": book, "lineno": 0},
    }
    answer = client.put(
        f"/{A}/api/add_entries",
        json={"entries": [entry]},
        auth=("quan", "quan-mat-khau"),
    )
    assert answer.status_code == 200
    assert 'recorded_by: "quan"' in served.book("A").read_text(encoding="utf-8")


def test_the_same_user_over_basic_keeps_their_role(served_once: Served) -> None:
    client = served_once.app.test_client()
    auth = ("hoa", "hoa-mat-khau")
    assert client.get(f"/{A}/api/income_statement", auth=auth).status_code == 200
    assert client.get(f"/{B}/api/income_statement", auth=auth).status_code == 403
    assert client.get(f"/{A}/api/source", auth=auth).status_code == 403
    assert client.get(f"/{A}/api/source", auth=("hoa", "wrong")).status_code == 401


def test_pages_learn_who_is_logged_in_as_the_remote_user(served: Served) -> None:
    from flask import request

    served.app.add_url_rule("/<bfile>/whoami", "whoami", lambda: request.remote_user or "-")
    client = served.client("hoa")
    assert client.get(f"/{A}/whoami").get_data(as_text=True) == "hoa"
    basic = served.app.test_client().get(f"/{A}/whoami", auth=("lan", "lan-mat-khau"))
    assert basic.get_data(as_text=True) == "lan"


def test_fava_never_hands_out_the_users_file_or_the_session_secret(served: Served) -> None:
    # A book whose import folder is the served folder itself lets Fava hand out any file
    # in it by name; the users file and the secret sit there too.
    with served.book("A").open("a", encoding="utf-8") as out:
        out.write('\n2016-01-01 custom "fava-option" "import-dirs" "."\n')
    served.app.config["LEDGERS"][A].load_file()  # now, not when the file watcher wakes
    client = served.client("tinh")
    folder = served.folder.resolve()
    shown = client.get(f"/{A}/document/", query_string={"filename": str(served.book("B"))})
    assert shown.status_code == 200  # the door is really open for other files
    for name in ("users.toml", "users.toml.secret"):
        answer = client.get(
            f"/{A}/document/", query_string={"filename": str(folder / name)}
        )
        assert answer.status_code == 403, name


def test_readers_pages_say_they_are_read_only_and_offer_no_form(
    served_once: Served,
) -> None:
    for login in ("lan", "tinh"):
        client = served_once.client(login)
        html = client.get(f"/{A}/extension/ClubMeeting/").get_data(as_text=True)
        assert 'data-read-only="true"' in html, login
        assert 'id="le-meeting-form"' not in html, login
        journal = client.get(f"/{A}/journal/").get_data(as_text=True)
        assert "Chỉ xem / Read-only" in journal and "le-ro-explain" in journal


def test_a_treasurer_gets_the_meeting_form_and_no_editing_links(
    served_once: Served,
) -> None:
    client = served_once.client("hoa")
    html = client.get(f"/{A}/extension/ClubMeeting/").get_data(as_text=True)
    assert 'id="le-meeting-form"' in html
    assert 'data-read-only="true"' not in html
    journal = client.get(f"/{A}/journal/").get_data(as_text=True)
    assert 'a[href$="/editor/"]' in journal and "Chỉ xem / Read-only" not in journal


def test_the_admin_gets_fava_as_it_is(served_once: Served) -> None:
    journal = served_once.client("quan").get(f"/{A}/journal/").get_data(as_text=True)
    assert 'a[href$="/editor/"]' not in journal and "Chỉ xem" not in journal


PROVINCE_PAGE = "/{slug}/extension/ProvinceClubs/"


@pytest.mark.parametrize("login", ["hoa", "minh"])
def test_the_province_page_in_a_clubs_sidebar_is_still_the_provinces(
    served_once: Served, login: str
) -> None:
    client = served_once.client(login)
    # Reached from the user's own club's address, it shows every club: refused.
    own = B if login == "minh" else A
    assert client.get(PROVINCE_PAGE.format(slug=own)).status_code == 403
    page = client.get(f"/{own}/journal/").get_data(as_text=True)
    assert 'a[href$="/extension/ProvinceClubs/"]' in page  # and its link is not offered


def test_the_province_and_an_auditor_of_all_clubs_pass_to_the_province_page(
    served_once: Served,
) -> None:
    for login in ("tinh", "lan", "quan"):
        client = served_once.client(login)
        assert client.get(PROVINCE_PAGE.format(slug=A)).status_code != 403, login
        page = client.get(f"/{A}/journal/").get_data(as_text=True)
        assert 'a[href$="/extension/ProvinceClubs/"]' not in page, login
