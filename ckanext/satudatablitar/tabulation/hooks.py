"""What the plugin's IResourceController hooks do: queue the validation of a changed tabulation."""

from __future__ import annotations

from typing import Any

from ckanext.satudatablitar import config

from . import files, jobs


def resource_changed(context: dict[str, Any], resource: dict[str, Any]) -> None:
    """Queue validation of a created or updated data tabulation (not of the job's own update)."""
    if context.get(jobs.JOB_FLAG) or not config.validate_on_upload() or not files.is_tabulation(resource):
        return
    # with Redis down the job waits in the outbox; the report stays "pending" (the gate holds publication)
    jobs.enqueue(resource["id"], resource["package_id"], commit=not context.get("defer_commit"))
