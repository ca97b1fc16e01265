"""Logging in and out: the throttle on failed logins (on a fake clock: no test sleeps),
sessions that end with a new password, and the same rules for HTTP Basic."""

from __future__ import annotations

import datetime

from access.conftest import ORIGIN, SLUG, Served, log_in
from flask.testing import FlaskClient

from ledger_engine.access.users import hash_password, load_users, save_users

A = SLUG["A"]
JOURNAL = f"/{A}/journal/"


def fail(client: FlaskClient, times: int, name: str = "hoa", **extra: object) -> list[int]:
    return [log_in(client, name, "sai-mat-khau", **extra).status_code for _ in range(times)]


def test_the_right_password_opens_a_session(served_once: Served) -> None:
    client = served_once.app.test_client()
    assert client.get(JOURNAL).status_code == 401
    answer = log_in(client, "hoa", "hoa-mat-khau")
    assert answer.status_code == 302
    assert client.get(JOURNAL).status_code == 200


def test_a_wrong_password_says_so_in_vietnamese_first(served: Served) -> None:
    answer = log_in(served.app.test_client(), "hoa", "sai-mat-khau")
    assert answer.status_code == 401
    html = answer.get_data(as_text=True)
    assert html.index("Sai tên đăng nhập hoặc mật khẩu") < html.index("Wrong user name")


def test_repeated_failures_are_slowed_down_more_and_more(served: Served) -> None:
    client = served.app.test_client()
    assert fail(client, 3) == [401, 401, 401]  # free attempts
    fourth = log_in(client, "hoa", "sai-mat-khau")  # counted, and now locked for 2 s
    assert fourth.status_code == 429
    assert fourth.headers["Retry-After"] == "2"
    slowed = log_in(client, "hoa", "hoa-mat-khau")  # even the right password waits
    assert slowed.status_code == 429
    assert slowed.headers["Retry-After"] == "2"
    assert "đợi 2 giây" in slowed.get_data(as_text=True)
    served.clock.advance(2.5)
    assert fail(client, 1) == [429]  # the next failure doubles the wait
    assert log_in(client, "hoa", "hoa-mat-khau").headers["Retry-After"] == "4"
    served.clock.advance(3.9)
    assert log_in(client, "hoa", "hoa-mat-khau").status_code == 429
    served.clock.advance(0.2)
    assert log_in(client, "hoa", "hoa-mat-khau").status_code == 302
    assert client.get(JOURNAL).status_code == 200


def test_a_success_clears_the_count(served: Served) -> None:
    client = served.app.test_client()
    fail(client, 3)
    assert log_in(client, "hoa", "hoa-mat-khau").status_code == 302
    assert fail(client, 3) == [401, 401, 401]


def test_the_throttle_is_per_user_and_address(served: Served) -> None:
    client = served.app.test_client()
    assert fail(client, 4) == [401, 401, 401, 429]
    assert log_in(client, "hoa", "hoa-mat-khau").status_code == 429
    elsewhere = {"environ_overrides": {"REMOTE_ADDR": "10.0.0.9"}}
    assert log_in(client, "hoa", "hoa-mat-khau", **elsewhere).status_code == 302
    assert log_in(client, "lan", "lan-mat-khau").status_code == 302


def test_basic_auth_is_slowed_the_same_way(served: Served) -> None:
    client = served.app.test_client()
    url = f"/{A}/api/income_statement"
    wrong = [client.get(url, auth=("hoa", "sai")).status_code for _ in range(4)]
    assert wrong == [401, 401, 401, 429]
    slowed = client.get(url, auth=("hoa", "hoa-mat-khau"))
    assert slowed.status_code == 429
    assert int(slowed.headers["Retry-After"]) >= 1
    served.clock.advance(3)
    assert client.get(url, auth=("hoa", "hoa-mat-khau")).status_code == 200


def test_an_unknown_user_is_refused_like_a_wrong_password(served: Served) -> None:
    answer = log_in(served.app.test_client(), "nobody", "hoa-mat-khau")
    assert answer.status_code == 401


def test_a_login_from_another_site_is_refused(served: Served) -> None:
    answer = served.app.test_client().post(
        "/login",
        data={"username": "hoa", "password": "hoa-mat-khau"},
        headers={"Origin": "http://evil.example"},
    )
    assert answer.status_code == 403
    assert "Set-Cookie" not in answer.headers


def test_after_login_only_a_path_on_this_server(served: Served) -> None:
    client = served.app.test_client()
    answer = client.post(
        "/login",
        data={"username": "hoa", "password": "hoa-mat-khau", "next": "//evil.example/x"},
        headers={"Origin": ORIGIN},
    )
    assert answer.headers["Location"] == "/"


def test_a_new_password_ends_the_open_sessions(served: Served) -> None:
    client = served.client("hoa")
    assert client.get(JOURNAL).status_code == 200
    users_file = served.folder / "users.toml"
    users = load_users(users_file)
    renewed = users["hoa"].model_copy(update={"password": hash_password("mat-khau-moi")})
    save_users(users_file, {**users, "hoa": renewed})
    assert client.get(JOURNAL).status_code == 401
    assert log_in(client, "hoa", "mat-khau-moi").status_code == 302


def test_a_removed_user_is_logged_out(served: Served) -> None:
    client = served.client("hoa")
    users_file = served.folder / "users.toml"
    save_users(users_file, {k: v for k, v in load_users(users_file).items() if k != "hoa"})
    assert client.get(JOURNAL).status_code == 401


def test_logging_out_ends_the_session(served: Served) -> None:
    client = served.client("hoa")
    page = client.get(f"/{A}/extension/ClubLoans/").get_data(as_text=True)
    assert 'data-user="hoa"' in page and "Đăng xuất / Log out" in page
    assert client.post("/logout", headers={"Origin": ORIGIN}).status_code == 302
    assert client.get(JOURNAL).status_code == 401


def test_a_login_lasts_a_working_day(served: Served) -> None:
    client = served.client("hoa")
    served.wall.now += datetime.timedelta(hours=11, minutes=59)
    assert client.get(JOURNAL).status_code == 200
    served.wall.now += datetime.timedelta(minutes=2)
    assert client.get(JOURNAL).status_code == 401
