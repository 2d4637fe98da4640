"""Actions of the scheduled publication (embargo; see docs/embargo.md)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.logic import schema_embargo as schemas
from ckanext.satudatablitar.logic.common import Context, DataDict, validate
from ckanext.satudatablitar.workflow import embargo

__all__ = [
    "satudatablitar_workflow_cancel_schedule",
    "satudatablitar_workflow_schedule_publish",
    "satudatablitar_workflow_schedule_show",
]


def _package(id_or_name: str) -> model.Package:
    package = model.Package.get(id_or_name)
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    return package


def satudatablitar_workflow_schedule_publish(context: Context, data_dict: DataDict) -> DataDict:
    """Schedule the publication of an approved dataset (Walidata; the statistical release calendar).

    At that time a background job publishes it in the caller's name, if the state, the
    sign-offs and the publication gate still allow it then. A schedule still waiting is replaced.

    :param id: id or name of the dataset
    :param publish_at: when, in the future: ISO 8601 with an offset (``2026-12-01T09:00+07:00``)
        or local time in the portal's time zone ``ckan.display_timezone`` (``2026-12-01T09:00``)
    :param note: optional note, recorded with the publication
    :returns: the schedule: id, package_id, publish_at, scheduled_by (user id), note, status
        (``scheduled``), created, finished, failure
    """
    tk.check_access("satudatablitar_workflow_schedule_publish", context, data_dict)
    data = validate(data_dict, schemas.schedule_schema(), context)
    package = _package(data["id"])
    return embargo.schedule(context, package, data["publish_at"], data.get("note")).as_dict()


def satudatablitar_workflow_cancel_schedule(context: Context, data_dict: DataDict) -> DataDict:
    """Cancel the waiting scheduled publication of a dataset (Walidata).

    :param id: id or name of the dataset
    :returns: the cancelled schedule (status ``cancelled``)
    """
    tk.check_access("satudatablitar_workflow_cancel_schedule", context, data_dict)
    data = validate(data_dict, schemas.dataset_schema(), context)
    return embargo.cancel(context, _package(data["id"])).as_dict()


@tk.side_effect_free
def satudatablitar_workflow_schedule_show(context: Context, data_dict: DataDict) -> DataDict:
    """The scheduled publication of a dataset (workflow participants only).

    :param id: id or name of the dataset
    :returns: ``scheduled``: the schedule still waiting, or null; ``latest``: the most recent
        schedule whatever its status (``scheduled``, ``published``, ``failed`` with ``failure``,
        ``cancelled``), or null
    """
    tk.check_access("satudatablitar_workflow_schedule_show", context, data_dict)
    data = validate(data_dict, schemas.dataset_schema(), context)
    package = _package(data["id"])
    waiting, latest = embargo.waiting(package.id), embargo.latest(package.id)
    return {
        "scheduled": waiting.as_dict() if waiting else None,
        "latest": latest.as_dict() if latest else None,
    }
