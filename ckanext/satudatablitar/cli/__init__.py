"""`ckan satudata ...` commands, one module per concern, all under one group."""

from __future__ import annotations

import click


@click.group(short_help="Satu Data: workflow, DSSD register, validation and reports.")
def satudata() -> None:
    """Satu Data (SDI) administration commands."""


__all__ = ["satudata"]


from . import check, embargo, notify, recovery, register, reports, tabulation, upgrade, workflow  # noqa: E402, F401  (each registers its commands)
