"""What the plugin's IResourceController hooks do: queue the validation of a changed tabulation."""

from __future__ import annotations

import logging
from typing import Any

from redis.exceptions import RedisError

from ckanext.satudatablitar import config

from . import files, jobs

log = logging.getLogger(__name__)


def resource_changed(context: dict[str, Any], resource: dict[str, Any]) -> None:
    """Queue validation of a created or updated data tabulation (not of the job's own update)."""
    if context.get(jobs.JOB_FLAG) or not config.validate_on_upload() or not files.is_tabulation(resource):
        return
    try:
        jobs.enqueue(resource["id"], resource["package_id"], commit=not context.get("defer_commit"))
    except RedisError:
        # the report stays "pending" (the gate holds publication); `ckan satudata tabulation requeue` retries
        log.exception("could not queue the validation of resource %s", resource["id"])
