"""`ckan satudata notify digest`: the daily e-mail of what waits for each actor."""

from __future__ import annotations

import click

from ckanext.satudatablitar.cli import satudata
from ckanext.satudatablitar.notify import jobs


@satudata.group("notify", short_help="Workflow e-mail notifications.")
def notify() -> None:
    """E-mail notifications of the publication workflow."""


@notify.command("digest")
def digest() -> None:
    """Send every next actor one e-mail listing the datasets that wait for them (run daily)."""
    click.echo(f"sent {jobs.send_digest()} e-mail(s)")


@notify.command("pending")
def pending() -> None:
    """Send the notifications of workflow events not yet notified (what the background job does)."""
    click.echo(f"sent {jobs.send_pending()} e-mail(s)")
