"""What the workflow panel shows of a scheduled publication (embargo), and the forms for it."""

from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.timekeeping import display_timezone
from ckanext.satudatablitar.workflow import roles
from ckanext.satudatablitar.workflow import steps as st

from . import panel


def _local(moment: str) -> str:
    """An ISO moment as the portal's local wall time (what a datetime-local field shows)."""
    return datetime.datetime.fromisoformat(moment).astimezone(display_timezone()).strftime("%Y-%m-%d %H:%M")


def _view(schedule: dict[str, Any] | None) -> dict[str, Any] | None:
    if schedule is None:
        return None
    user = model.User.get(schedule["scheduled_by"])
    return {
        **schedule,
        "local_time": _local(schedule["publish_at"]),
        "scheduled_by_name": user.display_name if user else schedule["scheduled_by"],
    }


def schedule_panel(package_id: str, allowed_steps: list[str]) -> dict[str, Any] | None:
    """The scheduled publication of a dataset as the current user may see it (None: nothing to show).

    ``scheduled``: the waiting schedule; ``failed``: the latest schedule when it failed;
    ``can_schedule``: the user may publish now, so may schedule; ``can_cancel``: Walidata and a
    schedule waits; ``earliest``: the local time the date-time field starts from.
    """
    user = panel.current_user()
    context = {"user": user.name if user else "", "ignore_auth": False}
    try:
        shown = tk.get_action("satudatablitar_workflow_schedule_show")(context, {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return None
    package = model.Package.get(package_id)
    latest = shown["latest"]
    walidata = roles.WALIDATA in roles.roles_for(user, package.owner_org if package else None)
    now = datetime.datetime.now(display_timezone())
    return {
        "scheduled": _view(shown["scheduled"]),
        "failed": _view(latest) if latest and latest["status"] == "failed" else None,
        "can_schedule": st.PUBLISH in allowed_steps,
        "can_cancel": walidata and shown["scheduled"] is not None,
        "earliest": now.strftime("%Y-%m-%dT%H:%M"),
        "timezone": str(display_timezone()),
    }
