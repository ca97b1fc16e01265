"""``ledger-engine audit BOOK``: the book's trail of writes, and any change it does not
explain.

Prints one line per recorded write (time, user, role, club, what, entries, vouchers, sha256
before → after), then either that the book is as the last write left it, or every change
made outside the program with when it was detected; exits 1 in that case.

Writes made on the server's machine with ``ledger-engine import`` or ``record`` do not go
through the server and show as such changes; ``--accept REASON`` records, under the login
of whoever runs it, that the book as it is now is accepted, so the trail explains it from
then on (the earlier lines and any break between them stay as they were).
"""

from __future__ import annotations

import getpass
import re
from pathlib import Path

import click

from ledger_engine.access.audit import AuditLine, accept_current, verify
from ledger_engine.cli.common import now
from ledger_engine.i18n import _

_INCLUDE = re.compile(r'^include\s+"([^"]+)"', re.MULTILINE)


def _included(book: Path) -> list[Path]:
    """The files ``book`` includes, and those they include in turn."""
    found: list[Path] = []
    waiting = [book]
    while waiting:
        current = waiting.pop()
        if not current.is_file():
            continue
        text = current.read_text(encoding="utf-8", errors="replace")
        for name in _INCLUDE.findall(text):
            path = (current.parent / name).resolve()
            if path not in found and path != book.resolve():
                found.append(path)
                waiting.append(path)
    return found


def _line(line: AuditLine) -> str:
    vouchers = ", ".join(line.vouchers) or "-"
    removed = f" -{line.removed}" if line.removed else ""
    return (
        f"{line.time.isoformat(sep=' ', timespec='seconds')}  {line.user} ({line.role}, "
        f"{line.club})  {line.file}  {line.what}  +{line.entries}{removed}  {vouchers}  "
        f"{line.sha256_before[:12]} → {line.sha256_after[:12]}"
    )


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--accept",
    "reason",
    default=None,
    help="Record that the book as it is now is accepted, and why (e.g. a command-line import).",
)
def audit(book: Path, reason: str | None) -> None:
    """Print BOOK's trail of writes and flag changes it does not explain."""
    files = _included(book)
    if reason is not None:
        accepted = accept_current(
            book, files=files, user=getpass.getuser(), reason=reason, when=now()
        )
        if not accepted:
            click.echo(
                _("Nothing to accept: {book} is as its trail says.").format(book=book)
            )
    trail = verify(book, files=files, now=now())
    if not trail.lines:
        click.echo(_("No write recorded for {book}.").format(book=book))
    for line in trail.lines:
        click.echo(_line(line))
    if trail.intact:
        if trail.lines:
            click.echo(
                _("OK: {book} is as the last recorded write left it.").format(book=book)
            )
        return
    for finding in trail.findings:
        click.echo(
            _("Not explained by the trail: {message}").format(message=finding.message),
            err=True,
        )
    raise SystemExit(1)
