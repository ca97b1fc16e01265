"""Fava over a folder of club books, with the club's pages on for every one of them.

How the pages get enabled for a book that does not declare them: Fava builds its list of
extensions from the ``custom "fava-extension"`` entries among a ledger's entries, right after
loading it with ``fava.core.load_uncached``. ``enable_club_pages()`` wraps that function (in
``fava.core``, where ``FavaLedger.load_file`` looks it up) so that a club book's entries gain
one such entry when they have none for ``ledger_engine.fava_ext``. Nothing is written to the
book; the entry exists only in the server's memory, on every load and reload. The same
wrapper loads with the engine's quick steps in place of three of Beancount's
(``ledger_engine.quick_checks``: the same entries and errors, sooner).

Read-only mode builds on Fava's own switch (``create_app(read_only=True)`` refuses every
request that is not a GET with 401, before any handler runs). ``make_app`` adds our flag for
the pages' notice and a notice on every HTML page Fava serves.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fava.core
from beancount.core import data
from beancount.parser.grammar import ValueType
from fava.application import create_app
from flask import Flask, Response

from ledger_engine.access.guard import current_user, install_guard
from ledger_engine.access.policy import Access, allowed, edits_source, writes_anything
from ledger_engine.discovery import discover
from ledger_engine.fava_ext.base import CLOCK_KEY, READ_ONLY_KEY
from ledger_engine.loans.ledger import keep_loans_after_load
from ledger_engine.quick_checks import quick_checks

MODULE = "ledger_engine.fava_ext"
PROVINCE_MODULE = "ledger_engine.fava_ext.province"

READ_ONLY_NOTICE = (
    '<div class="le-read-only-banner" role="status" data-read-only="true" style="'
    "position:fixed;right:.6rem;bottom:.6rem;z-index:1000;background:#fdecea;color:#7f1010;"
    'border:2px solid #b71c1c;padding:.3rem .6rem;font-weight:600;border-radius:4px">'
    "Chỉ xem / Read-only: không sửa được sổ sách (no change is accepted)</div>"
)


#: Fava draws its pages in the browser, so the editor, the import page and the "+" (add an
#: entry) would still be offered and every save would end in a bare "HTTP 401". The style
#: hides their links; the script, on every page Fava shows, puts a Vietnamese explanation in
#: place of the editor or the import page when someone opens one by its address.
READ_ONLY_GUARD = r"""<style>
aside a[href$="/editor/"], aside a[href$="/import/"], a.add-transaction { display: none !important; }
body.le-ro-locked article > :not(.le-ro-explain) { display: none !important; }
.le-ro-explain { border: 2px solid #b71c1c; background: #fdecea; color: #7f1010;
  padding: .8rem 1rem; margin: 1rem; font-size: 1.05rem; max-width: 40rem; }
</style>
<script>
(() => {
  const locked = /\/(editor|import)\/?$/;
  const text = "<b>Máy chủ này chỉ cho xem (chế độ kiểm tra sổ).</b> Trang sửa sổ và trang nhập "
    + "chứng từ không dùng được ở đây: không thay đổi nào được ghi vào sổ. Muốn ghi sổ, thủ quỹ "
    + "dùng trang Họp CLB hoặc lệnh ledger-engine import / record trên máy chủ được phép ghi."
    + "<br><small>This server is read-only (audit): the editor and the import page cannot "
    + "change the books here.</small>";
  function guard() {
    const article = document.querySelector("article");
    const here = locked.test(window.location.pathname);
    document.body.classList.toggle("le-ro-locked", here);
    const shown = article && article.querySelector(".le-ro-explain");
    if (here && article && !shown) {
      const box = document.createElement("div");
      box.className = "le-ro-explain";
      box.setAttribute("role", "status");
      box.dataset.readOnly = "true";
      box.innerHTML = text;
      article.prepend(box);
    } else if (!here && shown) {
      shown.remove();
    }
  }
  new MutationObserver(guard).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("popstate", guard);
  guard();
})();
</script>"""


# --- which files are club books ---------------------------------------------------------


def find_club_books(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The club books among ``paths`` as ``ledger_engine.discovery`` finds them (the same
    books ``coverage`` and ``report`` read), as absolute paths: Fava needs them so."""
    return [Path(book).resolve() for book in discover(paths).books]


# --- the pages on for every book --------------------------------------------------------


def with_club_pages(
    entries: list[data.Directive], path: str, module: str = MODULE
) -> list[data.Directive]:
    """The entries of a club book, plus a ``fava-extension`` entry for ``module`` (the
    club's pages) when the book has none; other books are left alone."""
    customs = [e for e in entries if isinstance(e, data.Custom)]
    if not any(e.type == "club" for e in customs):
        return entries
    for entry in customs:
        if (
            entry.type == "fava-extension"
            and entry.values
            and entry.values[0].value == module
        ):
            return entries
    first = min(e.date for e in customs if e.type == "club")
    added = data.Custom(
        data.new_metadata(path, 0),
        first,
        "fava-extension",
        [ValueType(module, str)],
    )
    return [*entries, added]


#: Books served together with others: they get the province's page too.
_PROVINCE_BOOKS: set[str] = set()


# ``FavaLedger.load_file`` looks the loader up in ``fava.core`` on each call.
_FAVA_CORE: Any = fava.core
_original_load: Callable[..., Any] | None = None


def enable_club_pages() -> None:
    """Make every ledger Fava loads from now on show the club's pages (idempotent)."""
    global _original_load
    if _original_load is not None:
        return
    original: Callable[..., Any] = _FAVA_CORE.load_uncached
    _original_load = original
    keep_loans_after_load()

    def load_uncached(path: str, *, is_encrypted: bool) -> Any:
        # Beancount's last steps, as every load of the engine takes them (``quick_checks``).
        with quick_checks():
            entries, errors, options = original(path, is_encrypted=is_encrypted)
        shown = with_club_pages(list(entries), path)
        if str(Path(path).resolve()) in _PROVINCE_BOOKS:
            shown = with_club_pages(shown, path, PROVINCE_MODULE)
        return shown, errors, options

    _FAVA_CORE.load_uncached = load_uncached


def disable_club_pages() -> None:
    """Undo ``enable_club_pages`` (for tests that need Fava as it ships)."""
    global _original_load
    if _original_load is not None:
        _FAVA_CORE.load_uncached = _original_load
        _original_load = None


# --- the app ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Logins:
    """``serve --users``: who may log in, and the clocks the guard reads (the command line
    hands over its own: nothing below it reads the clock)."""

    users: Path
    now: Callable[[], datetime.datetime]
    monotonic: Callable[[], float]
    https: bool = False


def make_app(
    books: Sequence[Path],
    *,
    read_only: bool,
    clock: Callable[[], datetime.date] | None = None,
    load: bool = False,
    logins: Logins | None = None,
) -> Flask:
    """Fava over ``books`` with the club's pages enabled; ``clock`` gives the pages
    "today" (the command line passes its own); with ``logins``, every request is checked
    against the users file and every write is audited (``ledger_engine.access``)."""
    enable_club_pages()
    # One app is served per process: the set names this app's books, when they are several.
    _PROVINCE_BOOKS.clear()
    if len(books) > 1:
        _PROVINCE_BOOKS.update(str(Path(b).resolve()) for b in books)
    app = create_app([str(b) for b in books], load=load, read_only=read_only)
    app.config[READ_ONLY_KEY] = read_only
    if clock is not None:
        app.config[CLOCK_KEY] = clock
    if logins is not None:
        install_guard(
            app,
            logins.users,
            now=logins.now,
            monotonic=logins.monotonic,
            https=logins.https,
        )
    if read_only:
        app.after_request(_add_read_only_notice)
    elif logins is not None:
        app.after_request(_fit_pages_to_user)
    return app


#: For a user who may write only through the club's pages (a treasurer).
EDIT_LINKS_HIDDEN = (
    '<style>aside a[href$="/editor/"], aside a[href$="/import/"], a.add-transaction '
    "{ display: none !important; }</style>"
)
#: For a user who may not see the page about every club (a treasurer, an auditor of some).
PROVINCE_LINK_HIDDEN = '<style>aside a[href$="/extension/ProvinceClubs/"] { display: none !important; }</style>'


def _fit_pages_to_user(response: Response) -> Response:
    """With logins, offer each user only what they may do: a reader's pages say they are
    read-only like a read-only server's; a treasurer's lose Fava's editing links; the
    province's page is not offered to whom it would refuse."""
    user = current_user()
    if user is None or response.mimetype != "text/html" or response.direct_passthrough:
        return response
    extra = ""
    if not writes_anything(user):
        extra += READ_ONLY_NOTICE + READ_ONLY_GUARD
    elif not edits_source(user):
        extra += EDIT_LINKS_HIDDEN
    if not allowed(user, None, Access.READ):
        extra += PROVINCE_LINK_HIDDEN
    body = response.get_data(as_text=True)
    if extra and "</body>" in body:
        response.set_data(body.replace("</body>", extra + "</body>", 1))
    return response


def _add_read_only_notice(response: Response) -> Response:
    """Say on every full HTML page that the server is read-only, and keep Fava's editing
    pages from inviting changes that would fail (see ``READ_ONLY_GUARD``)."""
    if response.mimetype != "text/html" or response.direct_passthrough:
        return response
    body = response.get_data(as_text=True)
    if "</body>" in body:
        extra = READ_ONLY_NOTICE + READ_ONLY_GUARD
        response.set_data(body.replace("</body>", extra + "</body>", 1))
    return response
