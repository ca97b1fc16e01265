"""``ledger-engine serve PATH...``: Fava over every club book found, with the club's pages.

Folders are searched recursively for club books; every book gets the pages (loans, members,
coverage, collection sheet) whether or not it declares them. ``--read-only`` is the
auditors' mode: Fava refuses every change (any request but GET gets 401) and every page
says so. The server listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import click

from ledger_engine.cli.common import today
from ledger_engine.i18n import _


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
def serve(paths: tuple[str, ...], host: str, port: int, read_only: bool) -> None:
    """Serve the club books under PATHS (files or folders) in Fava."""
    from cheroot.wsgi import Server

    from ledger_engine.fava_ext.serving import find_club_books, make_app

    books = find_club_books(paths)
    if not books:
        raise click.UsageError(
            _("no club book found in {paths}").format(paths=", ".join(paths))
        )
    app = make_app(books, read_only=read_only, clock=today, load=True)
    mode = " (chỉ xem / read-only)" if read_only else ""
    click.echo(f"Fava{mode} on http://{host}:{port}/ for {len(books)} book(s):")
    for slug, ledger in app.config["LEDGERS"].items():
        click.echo(
            f"  http://{host}:{port}/{slug}/extension/ClubLoans/  {ledger.beancount_file_path}"
        )
    server = Server((host, port), app)
    try:
        server.start()
    except KeyboardInterrupt:
        click.echo("Stopping.", err=True)
    finally:
        server.stop()
