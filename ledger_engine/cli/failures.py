"""What the command line says when a command cannot finish: one line, never a traceback.

- a mistake of the user (a wrong option, a file that cannot be read, written or parsed) is one
  line on stderr and exit status 1 (2 for a wrong option or argument, as ``click`` has it);
- Ctrl-C is one line, "interrupted", and exit status 130 (128 + SIGINT, as shells report it);
- anything else is a fault of the program: a short message with the hint to rerun with
  ``ledger-engine --debug …``, which shows the traceback, and exit status 70 (``EX_SOFTWARE``).
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import click

from ledger_engine.errors import InputError
from ledger_engine.i18n import _

EXIT_USER = 1
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def _reason(error: OSError) -> str:
    """Why a file could not be used, in the user's language where the cause is common."""
    reasons = {
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.ENOENT: _("no such file or folder"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
    }
    return reasons.get(error.errno or 0) or error.strerror or str(error)


def describe_os_error(error: OSError) -> str:
    if error.filename is None:
        return _("the system refused: {reason}").format(reason=_reason(error))
    return _("cannot use {path}: {reason}").format(
        path=error.filename, reason=_reason(error)
    )


def fail(message: str, code: int) -> NoReturn:
    click.echo(_("Error: {message}").format(message=message), err=True)
    raise click.exceptions.Exit(code)


@contextmanager
def one_line_failures(debug: bool) -> Iterator[None]:
    """Turn whatever a command raises into one line and an exit status (see the module)."""
    try:
        yield
    except click.exceptions.UsageError as exc:
        if debug:
            raise
        fail(usage_message(exc), exc.exit_code)
    except click.exceptions.ClickException as exc:
        if debug:
            raise
        fail(exc.format_message(), exc.exit_code)
    except (click.exceptions.Exit, click.exceptions.Abort):
        raise
    except BrokenPipeError:
        raise  # click closes quietly when the reader of stdout has gone
    except KeyboardInterrupt:
        if debug:
            raise
        click.echo(_("interrupted"), err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        if debug:
            raise
        _explain(exc)


def _what(error: click.BadParameter) -> str:
    hint = error.param_hint
    if isinstance(hint, str):
        return hint
    if hint:
        return " / ".join(hint)
    if error.param is not None and error.ctx is not None:
        return str(error.param.get_error_hint(error.ctx))
    return _("a value")


def usage_message(error: click.UsageError) -> str:
    """A wrong option or argument in one line, in the user's language (click's own words
    are English), with the command whose ``--help`` tells more."""
    if isinstance(error, click.MissingParameter):
        message = _("{what} is required").format(what=_what(error))
    elif isinstance(error, click.BadParameter):
        message = _("invalid value for {what}: {problem}").format(
            what=_what(error), problem=error.message
        )
    elif isinstance(error, click.NoSuchOption):
        message = _("there is no option {name}").format(name=error.option_name)
    else:
        message = error.message
    if error.ctx is not None:
        message += _(" (see: {command} --help)").format(command=error.ctx.command_path)
    return message


def _explain(error: Exception) -> NoReturn:
    if isinstance(error, InputError):
        fail(str(error), EXIT_USER)
    if isinstance(error, OSError):
        fail(describe_os_error(error), EXIT_USER)
    if isinstance(error, MemoryError):
        fail(_("the input is too large for this computer's memory"), EXIT_USER)
    detail = str(error).splitlines()[0][:200] if str(error) else ""
    fail(
        _(
            "internal error ({kind}: {detail}); please report it. Rerun as "
            "`ledger-engine --debug ...` to see where it happened."
        ).format(kind=type(error).__name__, detail=detail),
        EXIT_INTERNAL,
    )
