"""Validation reports and overrides in the database (the CKAN side of tabulation)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar.model.validation import ValidationOverride, ValidationReport

PENDING = "pending"
RUNNING = "running"
PASSED = ("success",)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def get(resource_id: str) -> ValidationReport | None:
    return model.Session.get(ValidationReport, resource_id)


def mark_pending(resource_id: str, package_id: str) -> str:
    """Record that the resource waits for validation; returns the new run id. Does not commit."""
    run_id = str(uuid.uuid4())
    row = get(resource_id)
    if row is None:
        row = ValidationReport(resource_id=resource_id, package_id=package_id)
        model.Session.add(row)
    row.package_id, row.run_id, row.status, row.queued = package_id, run_id, PENDING, _now()
    row.finished, row.report, row.error_count, row.finding_count, row.schema_source = None, None, 0, 0, None
    return run_id


def save_result(resource_id: str, run_id: str, report: dict[str, Any], schema_source: str | None) -> bool:
    """Store a finished run unless a newer run replaced it meanwhile; True when stored. Does not commit."""
    row = model.Session.execute(
        sa.select(ValidationReport).where(ValidationReport.resource_id == resource_id).with_for_update()
    ).scalar_one_or_none()
    if row is None or row.run_id != run_id:
        return False
    extra = report["satudatablitar"]
    row.status, row.finished, row.schema_source = extra["status"], _now(), schema_source
    row.error_count, row.finding_count = report["stats"]["errors"], extra.get("findings_count", 0)
    row.report = report
    return True


def as_dict(row: ValidationReport, with_report: bool = True) -> dict[str, Any]:
    override = current_override(row)
    result = {
        "resource_id": row.resource_id,
        "package_id": row.package_id,
        "run_id": row.run_id,
        "status": row.status,
        "queued": row.queued.isoformat() if row.queued else None,
        "finished": row.finished.isoformat() if row.finished else None,
        "schema_source": row.schema_source,
        "error_count": row.error_count,
        "finding_count": row.finding_count,
        "override": override_dict(override) if override else None,
    }
    if with_report:
        result["report"] = row.report
    return result


def override_dict(override: ValidationOverride) -> dict[str, Any]:
    user = model.User.get(override.user_id)
    return {
        "run_id": override.run_id,
        "user": user.name if user else override.user_id,
        "reason": override.reason,
        "created": override.created.isoformat() if override.created else None,
    }


def current_override(row: ValidationReport) -> ValidationOverride | None:
    """The latest override of this resource's current run (an override of an older run is void)."""
    return model.Session.execute(
        sa.select(ValidationOverride)
        .where(ValidationOverride.resource_id == row.resource_id, ValidationOverride.run_id == row.run_id)
        .order_by(ValidationOverride.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def add_override(row: ValidationReport, user_id: str, reason: str) -> ValidationOverride:
    """Append an override of the current run. Does not commit."""
    override = ValidationOverride(
        resource_id=row.resource_id,
        package_id=row.package_id,
        run_id=row.run_id,
        user_id=user_id,
        reason=reason,
    )
    model.Session.add(override)
    model.Session.flush()
    return override


def reports_for_package(package_id: str) -> dict[str, ValidationReport]:
    rows = model.Session.execute(sa.select(ValidationReport).where(ValidationReport.package_id == package_id))
    return {row.resource_id: row for row in rows.scalars()}


def findings_for_package(package_id: str) -> list[dict[str, Any]]:
    """Confidentiality findings of the dataset's active resources, each with its resource id and name.

    The workflow's sign-off asks for a note when this list is not empty.
    """
    names = dict(
        model.Session.execute(
            sa.select(model.Resource.id, model.Resource.name).where(
                model.Resource.package_id == package_id, model.Resource.state == "active"
            )
        ).all()
    )
    findings: list[dict[str, Any]] = []
    for resource_id, row in reports_for_package(package_id).items():
        if resource_id not in names or not row.report:
            continue
        for finding in row.report.get("satudatablitar", {}).get("findings", []):
            findings.append({**finding, "resource_id": resource_id, "resource_name": names[resource_id]})
    return findings


def move_reports(moves: dict[str, str], package_id: str) -> None:
    """Give each source resource's report and overrides to its target resource (of ``package_id``).

    A revision's working copy published onto its dataset: the files validated on the copy are the
    files now published, so their reports are the published resources' reports.
    """
    for source, target in moves.items():
        if get(source) is None:
            continue
        model.Session.execute(sa.delete(ValidationReport).where(ValidationReport.resource_id == target))
        for table in (ValidationReport, ValidationOverride):
            model.Session.execute(
                sa.update(table)
                .where(table.resource_id == source)
                .values(resource_id=target, package_id=package_id)
                .execution_options(synchronize_session=False)
            )
