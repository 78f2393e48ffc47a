"""The ``mubiao`` command: a thin shell over the library.

Each command lives in ``mubiao.present.commands.<name>`` and is registered here by name, and its
module is imported only when the command runs: ``mubiao extract`` needs neither the store nor the
web server, and a command-line tool that starts in a second is one people stop using.  Commands turn
:class:`~mubiao.errors.MubiaoError` into a one-line message and a non-zero exit status; only this
layer prints.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import NoReturn

import click

from mubiao import __version__

#: command name → "module:attribute" of its click command, in the order ``--help`` lists them
COMMANDS: dict[str, str] = {
    "extract": "mubiao.present.commands.extract:extract",
    "ingest": "mubiao.present.commands.ingest:ingest",
    "import-actuals": "mubiao.present.commands.import_actuals:import_actuals",
    "correct": "mubiao.present.commands.correct:correct",
    "corrections": "mubiao.present.commands.correct:corrections",
    "correction": "mubiao.present.commands.document:correction",
    "document": "mubiao.present.commands.document:document",
    "indicators": "mubiao.present.commands.indicators:indicators",
    "show": "mubiao.present.commands.show:show",
    "ledger": "mubiao.present.commands.ledger:ledger",
    "export": "mubiao.present.commands.export:export",
    "serve": "mubiao.present.commands.serve:serve",
    "report": "mubiao.present.commands.report:report",
    "units": "mubiao.present.commands.people:units",
    "users": "mubiao.present.commands.people:users",
    "keys": "mubiao.present.commands.people:keys",
    "tasks": "mubiao.present.commands.tasks:tasks",
    "remind": "mubiao.present.commands.tasks:remind",
    "bulletin": "mubiao.present.commands.tasks:bulletin",
}


class LazyGroup(click.Group):
    """A group whose commands are imported when they are asked for (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *super().list_commands(ctx)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mubiao")
def main() -> None:
    """mubiao (目标): targets and results of Chinese local government, from the documents themselves."""


def run() -> NoReturn:
    """The ``mubiao`` console command: :func:`main`, then an exit without the interpreter's teardown.

    Python's own exit frees every object one at a time and collects garbage twice: with the region
    tables and their automaton loaded, about 0.04 s of CPU after every ``mubiao extract``, for memory
    the operating system takes back at once.  This does what an exit must — joins other threads, runs
    the ``atexit`` handlers (logging's flush, the removal of temporary files), flushes stdout and
    stderr — and then ends the process.  An exception other than SystemExit takes Python's own exit."""
    try:
        main()
        code: str | int | None = 0  # main() (click's standalone mode) ends in SystemExit
    except SystemExit as e:
        code = e.code
    _exit(code)


def _exit(code: str | int | None) -> NoReturn:
    """End the process as ``sys.exit(code)`` would, less the teardown of its objects."""
    import atexit
    import threading

    shutdown = getattr(threading, "_shutdown", None)  # what Python calls first at exit
    if shutdown is None:
        sys.exit(code)
    shutdown()
    atexit._run_exitfuncs()
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)  # sys.exit("message"): the message, and status 1
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 120  # what Python exits with when it cannot flush stdout
    os._exit(status)
