"""`ckan satudata tabulation ...`: check a file offline, queue validations again."""

from __future__ import annotations

import json
import pathlib

import click
import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.cli import satudata
from ckanext.satudatablitar.model.validation import ValidationReport
from ckanext.satudatablitar.tabulation import engine, jobs, store


@satudata.group("tabulation")
def tabulation() -> None:
    """Tabulation validation."""


@tabulation.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.option(
    "--schema", "schema_path", type=click.Path(exists=True, dir_okay=False), help="Table Schema JSON file."
)
def check(path: pathlib.Path, schema_path: str | None) -> None:
    """Validate and scan the file PATH with the portal's limits; print the report as JSON."""
    descriptor = json.loads(pathlib.Path(schema_path).read_text()) if schema_path else None
    report = engine.run(str(path), path.suffix, descriptor, config.tabulation_limits())
    click.echo(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    raise SystemExit(0 if report["valid"] else 1)


@tabulation.command("requeue")
@click.argument("resource_ids", nargs=-1)
@click.option("--pending", is_flag=True, help="Every resource still waiting (e.g. Redis was down at upload).")
def requeue(resource_ids: tuple[str, ...], pending: bool) -> None:
    """Queue the validation of RESOURCE_IDS (or of every pending one) again."""
    if pending:
        query = sa.select(ValidationReport.resource_id, ValidationReport.package_id).where(
            ValidationReport.status.in_((store.PENDING, store.RUNNING))
        )
    elif resource_ids:
        query = sa.select(model.Resource.id, model.Resource.package_id).where(
            model.Resource.id.in_(resource_ids)
        )
    else:
        raise click.UsageError("give resource ids or --pending")
    rows = model.Session.execute(query).all()
    for resource_id, package_id in rows:
        jobs.enqueue(resource_id, package_id)
    click.echo(f"queued {len(rows)} validation(s)")
