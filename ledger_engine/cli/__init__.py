"""The ``ledger-engine`` command line: the only place that reads the clock or the terminal.

Commands live one per module and are imported only when run, so ``ledger-engine check`` does
not pay for Fava or Dask.
"""

from __future__ import annotations

import atexit
import gc
import importlib
from typing import Any

import click

from ledger_engine.cli.failures import one_line_failures
from ledger_engine.i18n import LANGUAGES, set_language

# As the process ends, the interpreter's last collection walks every object left (tens of
# milliseconds, a tenth of a rerun served from the cache); frozen, they simply go with the
# process. Output, files and databases are closed by then.
atexit.register(gc.freeze)

#: command name → "module:attribute" of its click command.
COMMANDS: dict[str, str] = {
    "audit": "ledger_engine.cli.audit:audit",
    "check": "ledger_engine.cli.check:check",
    "coverage": "ledger_engine.cli.coverage:coverage",
    "demo": "ledger_engine.cli.demo:demo",
    "export": "ledger_engine.cli.importing:export",
    "import": "ledger_engine.cli.importing:import_",
    "loans": "ledger_engine.cli.loans:loans",
    "members": "ledger_engine.cli.members:members",
    "new-club": "ledger_engine.cli.new_club:new_club",
    "record": "ledger_engine.cli.record:record",
    "report": "ledger_engine.cli.report:report",
    "schedule": "ledger_engine.cli.schedule:schedule",
    "serve": "ledger_engine.cli.serve:serve",
    "template": "ledger_engine.cli.template:template",
    "user": "ledger_engine.cli.user:user",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command: Any = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a failure is one line and an exit status, never a traceback."""
        with one_line_failures(debug=bool(ctx.params.get("debug"))):
            return super().invoke(ctx)


@click.group(cls=LazyGroup)
@click.version_option(package_name="ledger-engine")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of messages: vi (default) or en; else LEDGER_ENGINE_LANG or LANG.",
)
@click.option(
    "--debug",
    is_flag=True,
    help="On an internal error, show the traceback instead of a one-line message.",
)
def main(lang: str | None, debug: bool) -> None:
    """Books, loan rules and coverage reports for the loan funds of self-help clubs."""
    set_language(lang)
