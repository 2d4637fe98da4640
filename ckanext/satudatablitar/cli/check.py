"""`ckan satudata check-config`: what the options name must exist in the portal."""

from __future__ import annotations

import click

from ckanext.satudatablitar import config
from ckanext.satudatablitar.cli import satudata


@satudata.command("check-config")
def check_config() -> None:
    """Check that the organizations the options name exist; exit 1 when not.

    Values that are wrong in themselves (durations, dates) already stop CKAN at start-up; a
    missing organization is logged at start-up but cannot stop it (the organizations are created
    through the running portal), so run this after creating the Wali Data and Pembina Data
    organizations, and in deployment checks.
    """
    problems = config.organization_problems()
    for problem in problems:
        click.secho(problem, fg="red", err=True)
    if problems:
        raise SystemExit(1)
    click.echo("configuration OK")
