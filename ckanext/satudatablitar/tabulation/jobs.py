"""The validation job (CKAN's RQ queue): queued per resource, run by a worker as the site user."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar import config, outbox

from . import engine, files, store
from .problems import FileProblem

log = logging.getLogger(__name__)

JOB_PREFIX = "satudatablitar-validate-"
# the context flag that lets the job write validation_status / validation_timestamp (see the schema)
JOB_FLAG = "satudatablitar_validation_job"
# extra seconds the RQ job gets on top of the validation's own time limit (download, database)
JOB_MARGIN_SECONDS = 120


def job_id(resource_id: str) -> str:
    return JOB_PREFIX + resource_id


def enqueue(resource_id: str, package_id: str, commit: bool = True) -> str:
    """Mark the resource pending and queue its validation; a queued repeat replaces the earlier job.

    Returns the run id. Commits unless ``commit`` is false. With Redis down the job waits in the
    outbox (the report stays pending, so the gate holds publication until it has run).
    """
    run_id = store.mark_pending(resource_id, package_id)
    if commit:
        model.Session.commit()
    outbox.enqueue(
        validate_resource,
        [resource_id, run_id],
        job_id=job_id(resource_id),
        title=f"Validate tabulation {resource_id}",
        timeout=config.tabulation_limits().max_seconds + JOB_MARGIN_SECONDS,
    )
    return run_id


def validate_resource(resource_id: str, run_id: str) -> None:
    """Validate the resource's current file, store the report, set the resource's validation fields."""
    row = store.get(resource_id)
    if row is None or row.run_id != run_id:
        log.info("validation run %s of %s was replaced; nothing to do", run_id, resource_id)
        return
    row.status = store.RUNNING
    model.Session.commit()
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    context: dict[str, Any] = {"user": site_user, "ignore_auth": True}
    try:
        resource = tk.get_action("resource_show")(dict(context), {"id": resource_id})
        package = tk.get_action("package_show")(dict(context), {"id": resource["package_id"]})
    except tk.ObjectNotFound:
        log.info("resource %s is gone; validation dropped", resource_id)
        return
    limits = config.tabulation_limits()
    descriptor, source = files.table_schema(resource, package)
    name = resource.get("name") or resource_id
    try:
        with files.local_copy(resource, limits) as path:
            report = engine.run(path, files.declared_format(resource), descriptor, limits)
    except FileProblem as problem:
        report = engine.problem_report(name, problem, 0)
    except ValueError as error:  # a Table Schema frictionless refuses: the portal's problem, said plainly
        report = engine.problem_report(name, FileProblem("bad-schema", detail=str(error)[:300]), 0)
    except Exception:  # never leave the resource "running" for ever: the gate would hold it silently
        log.exception("validation of resource %s failed", resource_id)
        report = engine.problem_report(name, FileProblem("reader-crashed", status="internal"), 0)
    if not store.save_result(resource_id, run_id, report, source):
        model.Session.rollback()
        return
    model.Session.commit()
    status = report["satudatablitar"]["status"]
    timestamp = datetime.datetime.now(datetime.UTC).replace(tzinfo=None).isoformat()
    tk.get_action("resource_patch")(
        {**context, JOB_FLAG: True},
        {"id": resource_id, "validation_status": status, "validation_timestamp": timestamp},
    )
    log.info("validated %s: %s (%s errors)", resource_id, status, report["stats"]["errors"])
