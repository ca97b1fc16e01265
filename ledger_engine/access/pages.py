"""The answers the guard gives instead of Fava's pages: the login page, 401, 403, 429, and
the name of the logged-in user (with a way to log out) on every page.

Browsers get pages, Vietnamese first and English second; API clients get a short text and,
for 401, ``WWW-Authenticate: Basic`` so they may send the same user's name and password.
"""

from __future__ import annotations

import math

import jinja2
from flask import Response, request
from markupsafe import escape

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("ledger_engine.access", "templates"),
    autoescape=True,
)
LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
REALM = 'Basic realm="ledger-engine", charset="UTF-8"'

#: reason → (Vietnamese, English)
MESSAGES = {
    "login": ("Xin đăng nhập để xem sổ sách.", "Please log in to see the books."),
    "wrong": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    "slowed": (
        "Sai nhiều lần: xin đợi {seconds} giây rồi thử lại.",
        "Too many failed attempts: wait {seconds} seconds and try again.",
    ),
    "forbidden": (
        "Tài khoản này không được phép làm việc này.",
        "This account may not do this.",
    ),
    "origin": (
        "Yêu cầu sửa sổ đến từ trang khác: bị từ chối.",
        "A change requested from another site: refused.",
    ),
}


def wants_page() -> bool:
    """A browser navigating (not Fava's scripts calling the API)."""
    return (
        request.method in ("GET", "HEAD")
        and "/api/" not in request.path
        and request.accept_mimetypes.accept_html
    )


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this server only."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
    ):
        return "/"
    return target


def login_page(
    *,
    status: int,
    reason: str = "",
    next_path: str = "/",
    username: str = "",
    seconds: int = 0,
) -> Response:
    vi, en = MESSAGES.get(reason, ("", ""))
    html = _TEMPLATES.get_template("login.html").render(
        action=LOGIN_PATH,
        next=safe_next(next_path),
        username=username,
        reason=reason,
        message=vi.format(seconds=seconds),
        message_en=en.format(seconds=seconds),
    )
    return Response(html, status=status, mimetype="text/html")


def refusal(status: int, reason: str, *, seconds: float = 0) -> Response:
    """401, 403 or 429 as a browser or an API client should get it."""
    wait = math.ceil(seconds)
    vi, en = MESSAGES[reason]
    vi, en = vi.format(seconds=wait), en.format(seconds=wait)
    if status == 401 and wants_page():
        return login_page(status=401, reason="login", next_path=request.full_path)
    if wants_page():
        body = (
            f"<!doctype html><meta charset=utf-8><h1>{escape(vi)}</h1><p>{escape(en)}</p>"
        )
        response = Response(body, status=status, mimetype="text/html")
    else:
        response = Response(f"{vi}\n{en}\n", status=status, mimetype="text/plain")
    if status == 401:
        response.headers["WWW-Authenticate"] = REALM
    if status == 429:
        response.headers["Retry-After"] = str(wait)
    return response


def user_badge(name: str, role: str) -> str:
    """Who is logged in, and the button to log out, for the corner of every page."""
    return (
        '<form class="le-user-badge" method="post" action="'
        + LOGOUT_PATH
        + '" style="position:fixed;left:.6rem;bottom:.6rem;z-index:1000;background:#fff;'
        'border:1px solid #8c959f;padding:.2rem .5rem;border-radius:4px;font-size:.9rem">'
        f'<span data-user="{escape(name)}">{escape(name)} ({escape(role)})</span> '
        '<button type="submit">Đăng xuất / Log out</button></form>'
    )
