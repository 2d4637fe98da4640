"""`ckan satudata check-config`: what the options name must exist in the portal."""

from __future__ import annotations

import click
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.cli import satudata


def configuration_problems() -> list[str]:
    """Options naming organizations that do not exist (or are not organizations)."""
    problems = []
    for option, name in (
        (config.WALIDATA_ORGANIZATION, config.walidata_organization()),
        (config.PEMBINA_ORGANIZATION, config.pembina_organization()),
    ):
        group = model.Group.get(name)
        if group is None or not group.is_organization or group.state != "active":
            problems.append(f"{option} = {name}: there is no active organization named {name!r}")
    return problems


@satudata.command("check-config")
def check_config() -> None:
    """Check that the organizations the options name exist; exit 1 when not.

    Values that are wrong in themselves (durations, dates) already stop CKAN at start-up; whether
    an organization exists can only be known once the database is set up, so run this after
    creating the Wali Data and Pembina Data organizations (and in deployment checks).
    """
    problems = configuration_problems()
    for problem in problems:
        click.secho(problem, fg="red", err=True)
    if problems:
        raise SystemExit(1)
    click.echo("configuration OK")
