"""Workflow pages: the steps behind the dataset panel's buttons, the review queue and "my submissions".

Every step is a POST (CKAN's CSRF protection applies) that calls the workflow
action as the logged-in user; publication and withdrawal first show a
confirmation page. The queue's only bulk action is publication (see ui.queue).
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.config.middleware.flask_app import csrf
from flask import Blueprint, g, request

from ckanext.satudatablitar.ui import labels, panel, queue
from ckanext.satudatablitar.workflow import states
from ckanext.satudatablitar.workflow import steps as st

workflow = Blueprint("satudatablitar_workflow", __name__)


@workflow.before_request
def _csrf_for_browser_sessions() -> None:
    """Check the CSRF token of every POST from a cookie session ourselves.

    CKAN 2.12 exempts a view from CSRF protection for the rest of the process once any
    request reaches it with an API token (``csrf.exempt`` in ``ckan_before_request``);
    an explicit check keeps these forms protected whatever came before.
    """
    if request.method == "POST" and not g.get("login_via_auth_header"):
        csrf.protect()


# step -> (action, fixed parameters)
_ACTIONS: dict[str, tuple[str, dict[str, Any]]] = {
    st.SUBMIT: ("satudatablitar_workflow_submit", {}),
    st.VERIFY_OPD: ("satudatablitar_workflow_verify", {"stage": 1}),
    st.VERIFY_WALIDATA: ("satudatablitar_workflow_verify", {"stage": 2}),
    st.SIGN_OFF: ("satudatablitar_workflow_sign_off_confidentiality", {"decision": "approve"}),
    st.VETO: ("satudatablitar_workflow_sign_off_confidentiality", {"decision": "veto"}),
    st.REQUEST_REVISION: ("satudatablitar_workflow_request_revision", {}),
    st.PUBLISH: ("satudatablitar_workflow_publish", {}),
    st.UNPUBLISH: ("satudatablitar_workflow_unpublish", {}),
}


def _messages(error: tk.ValidationError) -> list[str]:
    found: list[str] = []
    details = error.error_dict if isinstance(error.error_dict, dict) else {"": [str(error.error_dict)]}
    for value in details.values():
        found += [str(item) for item in value] if isinstance(value, list) else [str(value)]
    return found


def _login_required() -> Any:
    return tk.redirect_to("user.login", came_from=request.full_path)


def _dataset(id: str) -> dict[str, Any]:
    try:
        return tk.get_action("package_show")({"user": tk.current_user.name}, {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Dataset not found"))


def _can_read(id: str) -> bool:
    try:
        tk.check_access("package_show", {"user": tk.current_user.name}, {"id": id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


def take_step(dataset: dict[str, Any], step: str, form: dict[str, Any]) -> str | None:
    """Take one step as the current user; returns None on success, else the error to show."""
    action, fixed = _ACTIONS[step]
    data = {"id": dataset["id"], **fixed}
    for key in ("note", "reason_code", "party"):
        if (form.get(key) or "").strip():
            data[key] = form[key].strip()
    try:
        tk.get_action(action)({"user": tk.current_user.name, "ignore_auth": False}, data)
    except tk.ValidationError as error:
        return " ".join(_messages(error))
    except tk.NotAuthorized as error:
        return str(error) or tk._("You are not allowed to take this workflow step on this dataset.")
    return None


@workflow.route("/dataset/<id>/workflow/<step>", methods=["GET", "POST"])
def step(id: str, step: str) -> Any:
    """POST: take a workflow step. GET: the confirmation page of publication and withdrawal."""
    if step not in _ACTIONS:
        return tk.abort(404, tk._("Unknown workflow step"))
    if not tk.current_user.is_authenticated:
        return _login_required()
    dataset = _dataset(id)
    confirmed = request.method == "POST" and request.form.get("confirmed") == "yes"
    if step in panel.CONFIRMED and not confirmed:
        info = panel.workflow_panel(dataset["id"])
        forms = {form["name"]: form for form in (info or {}).get("steps", [])}
        if step not in forms:
            tk.h.flash_error(tk._("You are not allowed to take this workflow step on this dataset."))
            return tk.redirect_to("dataset.read", id=dataset["name"])
        return tk.render(
            "satudatablitar/workflow/confirm.html",
            {"pkg": dataset, "panel": info, "form": forms[step], "note": request.form.get("note", "")},
        )
    if request.method != "POST":
        return tk.redirect_to("dataset.read", id=dataset["name"])
    error = take_step(dataset, step, request.form)
    if error:
        tk.h.flash_error(error)
        return tk.redirect_to("dataset.read", id=dataset["name"])
    state = tk.get_action("satudatablitar_workflow_show")({"ignore_auth": True}, {"id": dataset["id"]})
    message = tk._("{step}: done. The dataset is now: {state}.")
    tk.h.flash_success(message.format(step=labels.button(step), state=state["state_label"]))
    if not _can_read(dataset["id"]):
        # e.g. Walidata after a withdrawal: the dataset is back with its OPD
        return tk.redirect_to("satudatablitar_workflow.review_queue")
    return tk.redirect_to("dataset.read", id=dataset["name"])


def _flag(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@workflow.route("/satudata/queue")
def review_queue() -> Any:
    """Antrian verifikasi: what waits for the current user, with filters and counts."""
    if not tk.current_user.is_authenticated:
        return _login_required()
    args = request.args
    state = args.get("state") if args.get("state") in states.ALL else None
    try:
        page = max(1, int(args.get("page", 1)))
    except ValueError:
        page = 1
    filters = {
        "organization": args.get("organization") or None,
        "element": args.get("element") or None,
        "state": state,
        "overdue": _flag(args.get("overdue")),
        "newest_first": args.get("sort") == "newest",
    }
    result = queue.queue_page(panel.current_user(), page=page, **filters)
    return tk.render(
        "satudatablitar/workflow/queue.html",
        {
            "queue": result,
            "filters": {**filters, "overdue": args.get("overdue", ""), "sort": args.get("sort", "")},
        },
    )


@workflow.route("/satudata/queue/bulk", methods=["POST"])
def bulk() -> Any:
    """Bulk publication from the queue: a confirmation page first, then each dataset in turn."""
    if not tk.current_user.is_authenticated:
        return _login_required()
    step = request.form.get("step")
    ids = request.form.getlist("dataset")
    if step not in queue.BULK_STEPS or not ids:
        tk.h.flash_error(tk._("Choose at least one dataset for this action."))
        return tk.redirect_to("satudatablitar_workflow.review_queue")
    datasets = [_dataset(id) for id in ids]
    if request.form.get("confirmed") != "yes":
        return tk.render(
            "satudatablitar/workflow/bulk_confirm.html",
            {"datasets": datasets, "step": step, "label": labels.button(step)},
        )
    failed = []
    for dataset in datasets:
        error = take_step(dataset, step, request.form)
        if error:
            failed.append("{title}: {error}".format(title=dataset["title"] or dataset["name"], error=error))
    done = len(datasets) - len(failed)
    if done:
        tk.h.flash_success(
            tk._("{step}: done for {count} dataset(s).").format(step=labels.button(step), count=done)
        )
    for message in failed:
        tk.h.flash_error(message)
    return tk.redirect_to("satudatablitar_workflow.review_queue")


@workflow.route("/satudata/my-submissions")
def my_submissions() -> Any:
    """The operator's datasets: what came back and why first, then the rest by recency."""
    if not tk.current_user.is_authenticated:
        return _login_required()
    return tk.render(
        "satudatablitar/workflow/my_submissions.html",
        {"submissions": queue.my_submissions(panel.current_user())},
    )
