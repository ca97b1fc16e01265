"""The door in front of Fava: every request is checked before Fava handles it.

``install_guard(app, users_path, …)`` registers one hook that runs before any of Fava's
(an URL-value preprocessor placed first, so even an unknown address is refused before Fava
answers 404), the ``/login`` and ``/logout`` routes, and the audit of writes:

1. who: the session cookie (``HttpOnly``, ``SameSite=Strict``) set by the login page, or
   HTTP Basic on the same users for API clients; nobody → 401 (the login page for a
   browser, ``WWW-Authenticate: Basic`` otherwise); failed logins are slowed (429);
2. what: the clubs of the address and the kind of access (``requests``), decided by
   ``policy.allowed``; not allowed → 403;
3. a write must come from this server's own pages (``Origin``/``Referer``; an API client
   with Basic sends neither), else 403; then it is audited (``writes``).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, g, redirect, request, session

from ledger_engine.access import pages
from ledger_engine.access.policy import allowed
from ledger_engine.access.requests import (
    access_of,
    clubs_of_address,
    clubs_of_slug,
    is_write,
)
from ledger_engine.access.same_origin import same_origin
from ledger_engine.access.throttle import Throttle
from ledger_engine.access.users import (
    Role,
    User,
    UsersFile,
    password_matches,
    secret_key,
    secret_path,
)
from ledger_engine.access.writes import PendingWrite, begin_write

GUARD_KEY = "ledger_engine_guard"
#: A login lasts a working day, then the login page asks again.
SESSION_HOURS = 12
PUBLIC_ENDPOINTS = frozenset({"le_login", "le_logout"})
#: What any logged-in user may fetch: Fava's scripts and styles, its filter redirect.
SHARED_ENDPOINTS = frozenset({"static", "jump"})


def current_user() -> User | None:
    """The user the guard let in for this request (``None`` without a guard)."""
    user: User | None = getattr(g, "le_user", None)
    return user


class Guard:
    def __init__(
        self,
        users: UsersFile,
        now: Callable[[], datetime.datetime],
        throttle: Throttle,
    ) -> None:
        self.users = users
        self.now = now
        self.throttle = throttle

    # --- who ---------------------------------------------------------------------------

    def attempt(self, name: str, password: str) -> tuple[User | None, float]:
        """The user if the password is right; else the seconds to wait (0: may retry)."""
        key = (name.strip().lower(), request.remote_addr or "")
        wait = self.throttle.wait_left(key)
        if wait > 0:
            return None, wait
        user = self.users.get(name.strip())
        if password_matches(user, password):
            self.throttle.succeeded(key)
            return user, 0.0
        self.throttle.failed(key)
        return None, self.throttle.wait_left(key)

    def identify(self) -> tuple[User | None, bool]:
        """The user of this request, and whether they came with Basic credentials."""
        name, stamp, since = session.get("user"), session.get("stamp"), session.get("since")
        if isinstance(name, str) and isinstance(since, (int, float)):
            user = self.users.get(name)
            fresh = self.now().timestamp() - since < SESSION_HOURS * 3600
            if user is not None and user.stamp == stamp and fresh:
                return user, False
        auth = request.authorization
        if auth is None or auth.type != "basic":
            return None, False
        user, wait = self.attempt(auth.username or "", auth.password or "")
        if user is None:
            abort(pages.refusal(429, "slowed", seconds=wait) if wait else _unauthorized())
        return user, True

    # --- the check ---------------------------------------------------------------------

    def check(self, endpoint: str | None, values: dict[str, Any] | None) -> None:
        if endpoint in PUBLIC_ENDPOINTS:
            return
        user, by_basic = self.identify()
        if user is None:
            abort(_unauthorized())
        g.le_user = user
        # The WSGI way to say who is logged in: pages read it as ``request.remote_user``
        # (the meeting page writes it as ``recorded_by`` on the entries it adds).
        request.environ["REMOTE_USER"] = user.name
        if endpoint in SHARED_ENDPOINTS:
            return
        args = values or {}
        slug = args.get("bfile")
        ledgers = current_app.config["LEDGERS"]
        if endpoint == "index" and not slug and user.role is not Role.ADMIN:
            home = _home_slug(ledgers, user)
            if home is not None:
                abort(redirect(f"/{home}/"))
        if self._names_a_secret():
            abort(pages.refusal(403, "forbidden"))
        clubs = clubs_of_address(ledgers, endpoint, args)
        if not allowed(user, clubs, access_of(request.method, endpoint, args)):
            abort(pages.refusal(403, "forbidden"))
        if not is_write(request.method):
            return
        if not same_origin(request, api_client=by_basic):
            abort(pages.refusal(403, "origin"))
        if slug and slug in ledgers.ledgers_by_slug:  # every book's writes, club or not
            ledger = ledgers[slug]
            g.le_write = begin_write(
                user, clubs or frozenset(), ledger, endpoint, self.now()
            )

    def _names_a_secret(self) -> bool:
        """Whether the request names the users file or the session secret (Fava hands out
        documents and import files by name: a book's document folder may hold them)."""
        secrets = {self.users.path.resolve(), secret_path(self.users.path).resolve()}
        named = [request.args.get("filename"), request.args.get("file_path")]
        return any(name and Path(name).resolve() in secrets for name in named)

    # --- login and logout --------------------------------------------------------------

    def login(self) -> Response:
        if request.method == "GET":
            return pages.login_page(status=200, next_path=request.args.get("next", "/"))
        if not same_origin(request, api_client=False):
            return pages.refusal(403, "origin")
        name = request.form.get("username", "")
        next_path = request.form.get("next", "/")
        user, wait = self.attempt(name, request.form.get("password", ""))
        if user is None:
            reason, status = ("slowed", 429) if wait else ("wrong", 401)
            page = pages.login_page(
                status=status,
                reason=reason,
                next_path=next_path,
                username=name,
                seconds=math.ceil(wait),
            )
            if wait:
                page.headers["Retry-After"] = str(math.ceil(wait))
            return page
        session.clear()
        session["user"], session["stamp"] = user.name, user.stamp
        session["since"] = self.now().timestamp()
        return redirect(pages.safe_next(next_path))  # type: ignore[return-value]

    def logout(self) -> Response:
        if not same_origin(request, api_client=False):
            return pages.refusal(403, "origin")
        session.clear()
        return redirect(pages.LOGIN_PATH)  # type: ignore[return-value]


def _unauthorized() -> Response:
    return pages.refusal(401, "login")


def _home_slug(ledgers: Any, user: User) -> str | None:
    """The first book of the user's own clubs (for users limited to some clubs)."""
    if not user.clubs:
        return None
    for slug, _ledger in ledgers.items():
        clubs = clubs_of_slug(ledgers, slug)
        if clubs and clubs & set(user.clubs):
            return str(slug)
    return None


# --- wiring -----------------------------------------------------------------------------


def install_guard(
    app: Flask,
    users_path: Path,
    *,
    now: Callable[[], datetime.datetime],
    monotonic: Callable[[], float],
    https: bool = False,
) -> Guard:
    """Put the guard in front of every request of ``app``."""
    app.secret_key = secret_key(users_path)
    app.config.update(
        SESSION_COOKIE_NAME="ledger_engine_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=https,
    )
    guard = Guard(UsersFile(users_path), now, Throttle(clock=monotonic))
    app.extensions[GUARD_KEY] = guard
    app.url_value_preprocessors.setdefault(None, []).insert(0, guard.check)
    app.add_url_rule(pages.LOGIN_PATH, "le_login", guard.login, methods=["GET", "POST"])
    app.add_url_rule(pages.LOGOUT_PATH, "le_logout", guard.logout, methods=["POST"])
    app.after_request(_audit_write)
    app.after_request(_show_user)
    app.teardown_request(_release_write)
    return guard


def _audit_write(response: Response) -> Response:
    pending: PendingWrite | None = getattr(g, "le_write", None)
    if pending is not None:
        pending.finish()
    return response


def _release_write(_error: BaseException | None) -> None:
    pending: PendingWrite | None = getattr(g, "le_write", None)
    if pending is not None and pending.lock.locked():
        pending.lock.release()


def _show_user(response: Response) -> Response:
    user = current_user()
    if user is None or response.mimetype != "text/html" or response.direct_passthrough:
        return response
    body = response.get_data(as_text=True)
    if "</body>" in body:
        badge = pages.user_badge(user.name, user.role.value)
        response.set_data(body.replace("</body>", badge + "</body>", 1))
    return response
