"""What every page of the club shares: its figures, its date and the read-only notice.

The date of a page ("as of") is, in this order: the ``as_of`` query parameter; the last day
of Fava's time filter (capped at today when the server knows the clock); today, when the
server was started by ``ledger-engine serve`` (the command line hands its clock over in the
app's config, since nothing below the command line reads the clock); else the date of the
book's last transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar
from urllib.parse import quote

import jinja2
from fava.context import g
from fava.ext import FavaExtensionBase, extension_endpoint
from flask import Response, abort, current_app, request
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from ledger_engine.fava_ext import fmt, labels
from ledger_engine.fava_ext.club import ClubView, club_view, forget
from ledger_engine.freshness import days_behind, is_late
from ledger_engine.loans.ledger import keep_loans_after_load

# The pages read each load's loans again: let the rule chain hand over what it read.
keep_loans_after_load()

#: App config keys set by ``ledger-engine serve`` (see ``ledger_engine.fava_ext.serving``).
READ_ONLY_KEY = "LEDGER_ENGINE_READ_ONLY"
CLOCK_KEY = "LEDGER_ENGINE_CLOCK"
#: Query parameters our pages carry from link to link, besides Fava's own filters.
KEPT_ARGS = ("as_of",)
LOAN_PLACEHOLDER = "LOANIDPLACEHOLDER"


F = TypeVar("F", bound=Callable[..., Response])


def endpoint(name: str, methods: list[str]) -> Callable[[F], F]:
    """Fava's ``extension_endpoint`` (``/<slug>/extension/<Page>/<name>``), typed."""
    mark: Any = extension_endpoint(name, methods)
    return mark  # type: ignore[no-any-return]


def download(content: bytes, mimetype: str, name: str) -> Response:
    """A file to save, named ``name``."""
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def is_read_only() -> bool:
    """Whether the server refuses every change: our flag, or Fava's own read-only hook."""
    if current_app.config.get(READ_ONLY_KEY):
        return True
    hooks = current_app.before_request_funcs.get(None, [])
    return any(getattr(hook, "__name__", "") == "_read_only" for hook in hooks)


def clock() -> datetime.date | None:
    """Today as the command line that started the server sees it, if it did."""
    today = current_app.config.get(CLOCK_KEY)
    return today() if callable(today) else None


@dataclass(frozen=True)
class Staleness:
    """A late book: its last entry and how many days before the page's date it is."""

    last: datetime.date
    days: int


class ClubPage(FavaExtensionBase):
    """Base of the club's pages; each subclass is one sidebar link."""

    labels = labels

    @property
    def club(self) -> ClubView:
        return club_view(self.ledger)

    @cached_property
    def jinja_env(self) -> jinja2.Environment:
        env = super().jinja_env
        # The overlay shares Fava's filter dict: give it its own before adding ours.
        env.filters = {
            **env.filters,
            "money": fmt.money,
            "percent": fmt.percent,
            "day": fmt.day,
        }
        return env

    def after_load_file(self) -> None:
        forget(self.ledger)

    def before_request(self) -> None:
        # Fava's switch already refuses these; this keeps any endpoint of ours that changes
        # something behind the same door even if the app was built without Fava's hook.
        if request.method != "GET" and is_read_only():
            abort(401)

    # --- the page's date ---------------------------------------------------------------

    def as_of(self) -> datetime.date:
        explicit = request.args.get("as_of")
        if explicit:
            try:
                return datetime.date.fromisoformat(explicit)
            except ValueError:
                abort(400, f"as_of: {explicit!r} is not a date (YYYY-MM-DD)")
        today = clock()
        end = self.filter_end()
        if end is not None:
            return min(end, today) if today is not None else end
        return today or self.club.last_day

    def filter_end(self) -> datetime.date | None:
        """The last day of Fava's time filter, if one is set and valid."""
        if not request.args.get("time"):
            return None
        try:
            end: datetime.date | None = g.filtered.end_date
        except HTTPException:
            raise
        except Exception:  # an invalid filter is Fava's to report, not ours
            return None
        return end

    def staleness(self, as_of: datetime.date) -> Staleness | None:
        """The book's last entry when it is late for ``as_of`` (the province's 45-day rule
        of ``ledger_engine.freshness``), so no page passes silence off as a collapse."""
        last = self.club.last_entry(as_of)
        behind = days_behind(last, as_of)
        if last is None or behind is None or not is_late(last, as_of):
            return None
        return Staleness(last, behind)

    # --- rendering ---------------------------------------------------------------------

    def page(self, template: str) -> Markup:
        """The page rendered from ``template``, rendered once per load of the book for the
        same address, date and mode: a ten-year club's loans page takes a while to build."""
        key = (template, request.full_path, self.as_of(), is_read_only())
        return self.club.page(key, lambda: self._render(template))

    def _render(self, template: str) -> Markup:
        page = self.jinja_env.get_template(template)
        return Markup(page.render(ledger=self.ledger, extension=self))

    # --- links -------------------------------------------------------------------------

    def link(self, page: str | None = None, **args: Any) -> str:
        """URL of one of the club's pages, keeping the page's date and Fava's filters."""
        from fava.application import url_for

        for name in KEPT_ARGS:
            value = request.args.get(name)
            if value and name not in args:
                args[name] = value
        kept = {k: str(v) for k, v in args.items() if v is not None}
        url: str = url_for("extension_report", extension_name=page or self.name, **kept)
        return url

    def endpoint_link(self, name: str, **args: Any) -> str:
        """URL of one of this page's endpoints, keeping the page's date."""
        from fava.application import url_for

        for kept in KEPT_ARGS:
            value = request.args.get(kept)
            if value and kept not in args:
                args[kept] = value
        kept_args = {k: str(v) for k, v in args.items() if v is not None}
        # Flask's url_for takes its own first argument as "endpoint", the name of Fava's
        # route variable too: build the address from the page's own.
        page: str = url_for("extension_report", extension_name=self.name, **kept_args)
        path, _, query = page.partition("?")
        return f"{path}{quote(name)}" + (f"?{query}" if query else "")

    def loan_hrefs(self) -> Callable[[str], str]:
        """A maker of links to each loan's page: one ``url_for`` for a table of thousands."""
        base = self.link("ClubLoans", loan=LOAN_PLACEHOLDER)

        def href(loan_id: str) -> str:
            return base.replace(LOAN_PLACEHOLDER, quote(loan_id, safe=""))

        return href

    def fava_link(self, report: str, **args: str) -> str:
        """URL of one of Fava's own reports (journal, …) with Fava's filters."""
        from fava.application import url_for

        url: str = url_for("report", report_name=report, **args)
        return url

    @property
    def read_only(self) -> bool:
        return is_read_only()
