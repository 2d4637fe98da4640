"""`ckan satudata workflow ...`: verify and export the event log."""

from __future__ import annotations

import csv
import json

import click

from ckanext.satudatablitar.cli import satudata
from ckanext.satudatablitar.workflow import store

# every column of an event: its id, the fields its hash covers, and the hash
EXPORT_FIELDS = ("id", *store.HASHED_FIELDS, "hash")


@satudata.group("workflow")
def workflow() -> None:
    """Publication workflow: event log and states."""


@workflow.command("verify")
def verify() -> None:
    """Recompute the hash chain of the event log; exit 1 at the first broken link."""
    report = store.verify_chain()
    if report.first_broken_id is None:
        click.echo(f"event log intact: {report.checked} events")
        return
    click.echo(
        f"event log broken at event {report.first_broken_id} ({report.problem}); "
        f"{report.checked} events before it are intact",
        err=True,
    )
    raise SystemExit(1)


@workflow.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-", help="File (default: stdout).")
@click.option("--dataset", "package_id", help="Only the events of this dataset (id).")
def export(fmt: str, output: click.utils.LazyFile, package_id: str | None) -> None:
    """Write the event log in recorded order as CSV or JSON lines."""
    events = (e.as_dict() for e in store.iter_events() if not package_id or e.package_id == package_id)
    if fmt == "csv":
        writer = csv.DictWriter(output, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        writer.writerows(events)
    else:
        for event in events:
            output.write(json.dumps(event, ensure_ascii=False) + "\n")
