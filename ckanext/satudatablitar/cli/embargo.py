"""`ckan satudata run-schedule`: queue the scheduled publications whose time has come (cron, every minute)."""

from __future__ import annotations

import click

from ckanext.satudatablitar.cli import satudata
from ckanext.satudatablitar.workflow import embargo


@satudata.command("run-schedule")
def run_schedule() -> None:
    """Queue a publication job for every due scheduled publication (missed ones included).

    Safe to run as often as wanted, from several machines: a schedule is published at most once.
    A `ckan jobs worker` runs the jobs.
    """
    ids = embargo.enqueue_due()
    click.echo(f"{len(ids)} scheduled publication(s) due")
