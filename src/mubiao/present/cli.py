"""The ``mubiao`` command: a thin shell over the library.

Each command lives in ``mubiao.present.commands.<name>`` and is registered here.  Commands turn
:class:`~mubiao.errors.MubiaoError` into a one-line message and a non-zero exit status; only this
layer prints.
"""

from __future__ import annotations

import click

from mubiao import __version__
from mubiao.present.commands import export as _export
from mubiao.present.commands import extract as _extract
from mubiao.present.commands import import_actuals as _import_actuals
from mubiao.present.commands import indicators as _indicators
from mubiao.present.commands import ingest as _ingest
from mubiao.present.commands import ledger as _ledger
from mubiao.present.commands import people as _people
from mubiao.present.commands import report as _report
from mubiao.present.commands import serve as _serve
from mubiao.present.commands import show as _show


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mubiao")
def main() -> None:
    """mubiao (目标): targets and results of Chinese local government, from the documents themselves."""


main.add_command(_extract.extract)
main.add_command(_ingest.ingest)
main.add_command(_import_actuals.import_actuals)
main.add_command(_indicators.indicators)
main.add_command(_show.show)
main.add_command(_ledger.ledger)
main.add_command(_export.export)
main.add_command(_serve.serve)
main.add_command(_report.report)
main.add_command(_people.units)
main.add_command(_people.users)
main.add_command(_people.keys)
