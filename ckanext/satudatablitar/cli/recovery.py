"""`ckan satudata reindex` and `ckan satudata jobs`: recovery after Solr or Redis was down."""

from __future__ import annotations

import click
import pysolr

from ckanext.satudatablitar import outbox, reconcile
from ckanext.satudatablitar.cli import satudata


@satudata.command("reindex")
@click.option("--dry-run", is_flag=True, help="List the datasets out of step and why; change nothing.")
def reindex(dry_run: bool) -> None:
    """Reindex every dataset whose search document differs from the database.

    Compares the private flag, workflow state, CKAN state and last-modified time of every dataset
    with the search index, and finds datasets missing from it or deleted but still in it. Also
    queues the jobs waiting in the outbox (unless --dry-run). Exit code: 0 when everything was in
    step, 1 when something was out of step (and, without --dry-run, has been fixed), 2 when the
    search index cannot be reached.
    """
    try:
        drifts = reconcile.out_of_step()
        if not dry_run:
            reconcile.fix(drifts)
    except pysolr.SolrError as error:
        click.echo(f"the search index cannot be reached: {error}", err=True)
        raise SystemExit(2) from error
    for drift in drifts:
        click.echo(f"{drift.name}\t{drift.package_id}\t{drift.action}\t{'; '.join(drift.reasons)}")
    if not dry_run:
        queued = outbox.flush()
        if queued:
            click.echo(f"queued {queued} job(s) from the outbox")
    verb = "out of step" if dry_run else "reindexed"
    click.echo(f"{len(drifts)} dataset(s) {verb}")
    raise SystemExit(1 if drifts else 0)


@satudata.group("jobs", short_help="Jobs waiting in the outbox (Redis was down).")
def jobs() -> None:
    """Background jobs that could not be queued when they were due (Redis unreachable)."""


@jobs.command("list")
def list_() -> None:
    """List the jobs waiting in the outbox."""
    waiting = outbox.pending()
    for job in waiting:
        click.echo(
            f"{job['job_id']}\t{job['created']}\t{job['attempts']}\t{job['title']}\t{job['last_error']}"
        )
    click.echo(f"{len(waiting)} job(s) waiting")


@jobs.command("flush")
def flush() -> None:
    """Queue the jobs waiting in the outbox (exit code 1 when some are still waiting)."""
    queued = outbox.flush()
    left = len(outbox.pending())
    click.echo(f"queued {queued} job(s); {left} still waiting")
    raise SystemExit(1 if left else 0)
