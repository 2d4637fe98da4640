"""Auth functions of the scheduled-publication actions: whoever may publish may schedule."""

from __future__ import annotations

from ckanext.satudatablitar.workflow import steps as st

from .workflow import AuthResult, Context, DataDict, may_take, satudatablitar_workflow_history

__all__ = [
    "satudatablitar_workflow_cancel_schedule",
    "satudatablitar_workflow_schedule_publish",
    "satudatablitar_workflow_schedule_show",
]


def satudatablitar_workflow_schedule_publish(context: Context, data_dict: DataDict) -> AuthResult:
    return may_take(context, data_dict, st.PUBLISH)


def satudatablitar_workflow_cancel_schedule(context: Context, data_dict: DataDict) -> AuthResult:
    return may_take(context, data_dict, st.PUBLISH)


def satudatablitar_workflow_schedule_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Workflow participants, as for the workflow history."""
    return satudatablitar_workflow_history(context, data_dict)
