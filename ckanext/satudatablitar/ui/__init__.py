"""Template helpers of the workflow pages (registered through ``helpers.py``)."""

from __future__ import annotations

from typing import Any

from . import panel, queue, schedule

__all__ = [
    "satudatablitar_publication_schedule",
    "satudatablitar_queue_count",
    "satudatablitar_workflow_panel",
]


def satudatablitar_workflow_panel(package_id: str) -> dict[str, Any] | None:
    """What the workflow panel of a dataset page shows to the current user (None: nothing)."""
    return panel.workflow_panel(package_id)


def satudatablitar_queue_count() -> int:
    """How many datasets wait for a step by the current user (header and dashboard badge)."""
    return queue.queue_count(panel.current_user())


def satudatablitar_publication_schedule(package_id: str, allowed_steps: list[str]) -> dict[str, Any] | None:
    """The dataset's scheduled publication and the schedule/cancel forms open to the current user."""
    return schedule.schedule_panel(package_id, allowed_steps)
