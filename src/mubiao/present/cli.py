"""The ``mubiao`` command: a thin shell over the library.

Each command lives in ``mubiao.present.commands.<name>`` and is registered here.  Commands turn
:class:`~mubiao.errors.MubiaoError` into a one-line message and a non-zero exit status; only this
layer prints.
"""

from __future__ import annotations

import click

from mubiao import __version__
from mubiao.present.commands import extract as _extract


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mubiao")
def main() -> None:
    """mubiao (目标): targets and results of Chinese local government, from the documents themselves."""


main.add_command(_extract.extract)
