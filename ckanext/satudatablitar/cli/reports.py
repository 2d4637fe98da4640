"""`ckan satudata report ...`: the monitoring and evaluation reports as .xlsx or CSV files."""

from __future__ import annotations

import pathlib

import ckan.plugins.toolkit as tk
import click

from ckanext.satudatablitar.cli import satudata
from ckanext.satudatablitar.logic.action.reports import request_from
from ckanext.satudatablitar.reports import export, reminders, service


@satudata.command("report")
@click.argument("kind", type=click.Choice(service.KINDS))
@click.option("--year", type=int, help="Year reported on (default: this year).")
@click.option("--organization", help="Name of one OPD (default: all).")
@click.option("--date-from", help="Monitoring: first day, YYYY-MM-DD.")
@click.option("--date-to", help="Monitoring: the day after the last day, YYYY-MM-DD.")
@click.option(
    "--format", "file_format", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=True, path_type=pathlib.Path),
    required=True,
    help="File to write (.xlsx), or folder for the CSV files (one per table).",
)
def report(
    kind: str,
    year: int | None,
    organization: str | None,
    date_from: str | None,
    date_to: str | None,
    file_format: str,
    output: pathlib.Path,
) -> None:
    """Write the KIND report (monitoring or evaluation)."""
    try:
        request = request_from(
            {"ignore_auth": True},
            {
                "report": kind,
                "year": year,
                "organization": organization,
                "date_from": date_from,
                "date_to": date_to,
            },
        )
    except tk.ValidationError as error:
        raise click.UsageError(str(error.error_summary)) from error
    with click.progressbar(length=1, label=f"{kind} {request.year}") as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        built = service.build(request, progress=progress)
    if file_format == "xlsx":
        output.write_bytes(export.to_xlsx(built.tables))
        click.echo(f"wrote {output}")
        return
    output.mkdir(parents=True, exist_ok=True)
    for table in built.tables:
        path = output / f"{kind}-{request.year}-{table.key}.csv"
        path.write_text(export.to_csv(table), encoding="utf-8")
        click.echo(f"wrote {path}")


@satudata.command("remind-overdue")
@click.option("--dry-run", is_flag=True, help="List the reminders that are due; record and send nothing.")
def remind_overdue(dry_run: bool) -> None:
    """E-mail the actors of datasets waiting beyond the SOP time standard (run daily from cron).

    Each actor is reminded of a dataset at most once a day, however often this runs.
    """
    outcome = reminders.send(dry_run=dry_run)
    for reminder, sent in outcome:
        status = "would send" if dry_run else ("sent" if sent else "already sent today")
        click.echo(
            f"{status}: {reminder.user.name} <- {reminder.dataset.name} "
            f"({reminder.step.state}, {reminder.step.days:g} of {reminder.step.standard:g} days)"
        )
    click.echo(f"{len(outcome)} reminder(s) due, {sum(sent for _, sent in outcome)} sent")
