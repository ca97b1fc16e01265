"""``ledger-engine serve PATH...``: Fava over every club book found, with the club's pages.

Folders are searched recursively for club books; every book gets the pages (loans, members,
coverage, collection sheet) whether or not it declares them. ``--read-only`` is the
auditors' mode: Fava refuses every change (any request but GET gets 401) and every page
says so. ``--users USERS`` asks everyone to log in and lets each role see and change only
what it may (``ledger_engine.access``), with every write in ``audit.log`` beside its book.

The server listens on 127.0.0.1 unless told otherwise, and refuses to listen on another
address with neither ``--users`` nor ``--read-only``: anyone on the network could change
every book. ``--certfile``/``--keyfile`` serve HTTPS.
"""

from __future__ import annotations

import ipaddress
import time
from pathlib import Path
from typing import Any

import click

from ledger_engine.cli.common import now, today
from ledger_engine.i18n import _

LOCAL_NAMES = {"localhost", "localhost.localdomain"}


def is_local(host: str) -> bool:
    """Whether ``host`` is this machine only (a loopback address)."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, users: Path | None, read_only: bool) -> None:
    """Refuse to open every book to the network without logins."""
    if is_local(host) or users is not None or read_only:
        return
    raise click.UsageError(
        _(
            "refusing to listen on {host} without --users: anyone on the network could "
            "read and change every book. Add --users USERS (see 'ledger-engine user add'), "
            "or --read-only, or keep the default 127.0.0.1 behind a proxy that asks for "
            "a login."
        ).format(host=host)
    )


def _tls(certfile: Path | None, keyfile: Path | None) -> Any:
    if certfile is None and keyfile is None:
        return None
    if certfile is None or keyfile is None:
        raise click.UsageError(_("--certfile and --keyfile go together"))
    from cheroot.ssl.builtin import BuiltinSSLAdapter

    return BuiltinSSLAdapter(str(certfile), str(keyfile))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option(
    "--port", default=5000, show_default=True, type=int, help="Port to listen on."
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Auditors' mode: refuse every change to the books, and say so on every page.",
)
@click.option(
    "--users",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Users file (ledger-engine user add): everyone logs in; roles decide the rest.",
)
@click.option(
    "--certfile", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None
)
@click.option(
    "--keyfile", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None
)
def serve(
    paths: tuple[str, ...],
    host: str,
    port: int,
    read_only: bool,
    users: Path | None,
    certfile: Path | None,
    keyfile: Path | None,
) -> None:
    """Serve the club books under PATHS (files or folders) in Fava."""
    from cheroot.wsgi import Server

    from ledger_engine.fava_ext.serving import Logins, find_club_books, make_app

    check_exposure(host, users, read_only)
    tls = _tls(certfile, keyfile)
    books = find_club_books(paths)
    if not books:
        raise click.UsageError(
            _("no club book found in {paths}").format(paths=", ".join(paths))
        )
    logins = (
        Logins(users.resolve(), now=now, monotonic=time.monotonic, https=tls is not None)
        if users is not None
        else None
    )
    app = make_app(books, read_only=read_only, clock=today, load=True, logins=logins)
    if logins is not None and tls is None and not is_local(host):
        click.echo(
            _(
                "Warning: without --certfile/--keyfile (or a proxy with HTTPS in front), "
                "passwords cross the network unencrypted."
            ),
            err=True,
        )
    scheme = "https" if tls is not None else "http"
    mode = " (chỉ xem / read-only)" if read_only else ""
    login = f", {_('log in at')} {scheme}://{host}:{port}/login" if logins else ""
    click.echo(f"Fava{mode} on {scheme}://{host}:{port}/ for {len(books)} book(s){login}:")
    for slug, ledger in app.config["LEDGERS"].items():
        click.echo(
            f"  {scheme}://{host}:{port}/{slug}/extension/ClubLoans/  "
            f"{ledger.beancount_file_path}"
        )
    server = Server((host, port), app)
    if tls is not None:
        server.ssl_adapter = tls
    try:
        server.start()
    except KeyboardInterrupt:
        click.echo("Stopping.", err=True)
    finally:
        server.stop()
