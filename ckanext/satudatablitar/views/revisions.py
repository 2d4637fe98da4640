"""The panel's revision forms: propose and withdraw (POST, on the workflow blueprint and its CSRF check)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import request

from ckanext.satudatablitar.views.workflow import _dataset, _login_required, _messages, workflow


def _call(action: str, data: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """Call the action as the logged-in user: its result, or the error to show."""
    try:
        return tk.get_action(action)({"user": tk.current_user.name, "ignore_auth": False}, data), None
    except tk.ValidationError as error:
        return None, " ".join(_messages(error))
    except (tk.NotAuthorized, tk.ObjectNotFound) as error:
        return None, str(error) or tk._("You are not allowed to do this.")


@workflow.route("/dataset/<id>/revision/propose", methods=["POST"])
def propose_revision(id: str) -> Any:
    """Create the working copy and open it for editing."""
    if not tk.current_user.is_authenticated:
        return _login_required()
    dataset = _dataset(id)
    revision, error = _call("satudatablitar_revision_create", {"id": dataset["id"]})
    if revision is None:
        tk.h.flash_error(error)
        return tk.redirect_to("dataset.read", id=dataset["name"])
    tk.h.flash_success(
        tk._(
            "Revision {number} is open: change this working copy, then submit it for verification. "
            "The published version stays as it is until the revision is published."
        ).format(number=revision["number"])
    )
    return tk.redirect_to("dataset.read", id=revision["copy_package_name"])


@workflow.route("/dataset/<id>/revision/withdraw", methods=["POST"])
def withdraw_revision(id: str) -> Any:
    """Drop the open revision; back to the published dataset."""
    if not tk.current_user.is_authenticated:
        return _login_required()
    dataset = _dataset(id)
    data = {"id": dataset["id"]}
    if (request.form.get("note") or "").strip():
        data["note"] = request.form["note"].strip()
    revision, error = _call("satudatablitar_revision_withdraw", data)
    if revision is None:
        tk.h.flash_error(error)
        return tk.redirect_to("dataset.read", id=dataset["name"])
    tk.h.flash_success(tk._("The revision is withdrawn; the published version is unchanged."))
    return tk.redirect_to("dataset.read", id=revision["package_id"])
