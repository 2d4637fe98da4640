"""The panel's scheduled-publication forms (POST, on the workflow blueprint and its CSRF check)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import request

from ckanext.satudatablitar.views.workflow import _dataset, _login_required, _messages, workflow


def _act(action: str, data: dict[str, Any]) -> str | None:
    """Call the action as the logged-in user; the error to show, or None."""
    try:
        tk.get_action(action)({"user": tk.current_user.name, "ignore_auth": False}, data)
    except tk.ValidationError as error:
        return " ".join(_messages(error))
    except tk.NotAuthorized as error:
        return str(error) or tk._("You are not allowed to take this workflow step on this dataset.")
    return None


@workflow.route("/dataset/<id>/schedule-publication", methods=["POST"])
def schedule_publication(id: str) -> Any:
    """Schedule the publication at the form's local date and time."""
    if not tk.current_user.is_authenticated:
        return _login_required()
    dataset = _dataset(id)
    data = {"id": dataset["id"], "publish_at": request.form.get("publish_at", "")}
    if (request.form.get("note") or "").strip():
        data["note"] = request.form["note"].strip()
    error = _act("satudatablitar_workflow_schedule_publish", data)
    if error:
        tk.h.flash_error(error)
    else:
        tk.h.flash_success(tk._("The publication is scheduled."))
    return tk.redirect_to("dataset.read", id=dataset["name"])


@workflow.route("/dataset/<id>/schedule-publication/cancel", methods=["POST"])
def cancel_schedule(id: str) -> Any:
    """Cancel the waiting scheduled publication."""
    if not tk.current_user.is_authenticated:
        return _login_required()
    dataset = _dataset(id)
    error = _act("satudatablitar_workflow_cancel_schedule", {"id": dataset["id"]})
    if error:
        tk.h.flash_error(error)
    else:
        tk.h.flash_success(tk._("The scheduled publication is cancelled."))
    return tk.redirect_to("dataset.read", id=dataset["name"])
