"""``ledger-engine check BOOK...``: the treasurer's check after every change."""

from __future__ import annotations

import re
from typing import Any

import click
from beancount.parser import printer

from ledger_engine.beancount_words import explain
from ledger_engine.cli.common import dump_json
from ledger_engine.gc_pause import collector_paused, settle_start_up
from ledger_engine.i18n import N_, _
from ledger_engine.loading import load_checked

_INVALID_TOKEN = re.compile(r"Invalid token: '(?P<token>[^']*)'")

ASCII_HINT = N_(
    "hint: metadata keys, tags and links must be plain ASCII (a-z, 0-9, - and _); "
    "Vietnamese belongs in strings, account names, payees and narrations. Beancount drops "
    "the whole directive, so later 'unknown account' errors may follow from this one."
)


def hint_for(error: Any) -> str | None:
    """A hint for parser errors that come from a known pitfall."""
    match = _INVALID_TOKEN.search(str(error.message))
    if match and not match.group("token").isascii():
        return _(ASCII_HINT)
    return None


def in_words(error: Any) -> Any:
    """The error with Beancount's own English message said in the user's words."""
    message = str(error.message)
    explained = explain(message)
    if explained == message or not hasattr(error, "_replace"):
        return error
    return error._replace(message=explained)


def error_record(error: Any) -> dict[str, Any]:
    source = error.source or {}
    record = {
        "file": source.get("filename"),
        "line": source.get("lineno"),
        "message": str(in_words(error).message),
    }
    hint = hint_for(error)
    if hint:
        record["hint"] = hint
    return record


@click.command()
@click.argument(
    "books", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False)
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Errors as a JSON list of {file, line, message}.",
)
def check(books: tuple[str, ...], as_json: bool) -> None:
    """Load each BOOK with the club's rule chain and print every error; exit 1 if any."""
    settle_start_up()
    found: list[Any] = []
    for path in books:
        # Only the errors outlive the load: the collector has nothing to find in it.
        with collector_paused():
            found.extend(load_checked(path)[1])
    if as_json:
        dump_json([error_record(e) for e in found])
    else:
        for error in found:
            click.echo(printer.format_error(in_words(error)), nl=False)
            hint = hint_for(error)
            if hint:
                click.echo(f"   {hint}\n")
    if found:
        raise SystemExit(1)
