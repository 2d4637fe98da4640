"""Auth functions of the workflow actions (each named after its action) and the edit lock."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model

from ckanext.satudatablitar.workflow import guards, hiding, roles
from ckanext.satudatablitar.workflow import steps as st

__all__ = [
    "package_update",
    "satudatablitar_review_queue",
    "satudatablitar_workflow_history",
    "satudatablitar_workflow_publish",
    "satudatablitar_workflow_request_revision",
    "satudatablitar_workflow_show",
    "satudatablitar_workflow_sign_off_confidentiality",
    "satudatablitar_workflow_submit",
    "satudatablitar_workflow_unpublish",
    "satudatablitar_workflow_verify",
]

Context = dict[str, Any]
DataDict = dict[str, Any]
AuthResult = dict[str, Any]


def _package(data_dict: DataDict) -> model.Package | None:
    package = model.Package.get(data_dict.get("id") or "")
    return package if package is not None and package.state != "deleted" else None


def may_take(context: Context, data_dict: DataDict, *step_names: str) -> AuthResult:
    """The one permission behind every step: the user holds a role that may take one of the steps.

    Whether the dataset's state allows the step now is checked by the action (a conflict, not
    a permission).
    """
    package = _package(data_dict)
    user = context.get("auth_user_obj")
    if package is None:
        raise tk.ObjectNotFound(tk._("Not found"))
    hiding.refuse_unreadable(context, data_dict)
    allowed = set().union(*(st.STEPS[name].roles for name in step_names))
    if roles.roles_for(user, package.owner_org) & allowed:
        return {"success": True}
    return {"success": False, "msg": tk._("You are not allowed to take this workflow step on this dataset.")}


def satudatablitar_workflow_submit(context: Context, data_dict: DataDict) -> AuthResult:
    return may_take(context, data_dict, st.SUBMIT)


def satudatablitar_workflow_verify(context: Context, data_dict: DataDict) -> AuthResult:
    stage = str(data_dict.get("stage") or "")
    return may_take(context, data_dict, st.VERIFY_WALIDATA if stage == "2" else st.VERIFY_OPD)


def satudatablitar_workflow_request_revision(context: Context, data_dict: DataDict) -> AuthResult:
    return may_take(context, data_dict, st.REQUEST_REVISION)


def satudatablitar_workflow_sign_off_confidentiality(context: Context, data_dict: DataDict) -> AuthResult:
    return may_take(context, data_dict, st.SIGN_OFF)


def satudatablitar_workflow_publish(context: Context, data_dict: DataDict) -> AuthResult:
    return may_take(context, data_dict, st.PUBLISH)


def satudatablitar_workflow_unpublish(context: Context, data_dict: DataDict) -> AuthResult:
    return may_take(context, data_dict, st.UNPUBLISH)


@tk.auth_allow_anonymous_access
def satudatablitar_workflow_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may read the dataset may see its workflow state."""
    return authz.is_authorized("package_show", context, {"id": data_dict.get("id")})


def satudatablitar_workflow_history(context: Context, data_dict: DataDict) -> AuthResult:
    """Workflow participants only (the log holds reviewers' internal notes)."""
    hiding.refuse_unreadable(context, data_dict)
    package = _package(data_dict)
    if package is None:
        raise tk.ObjectNotFound(tk._("Not found"))
    if roles.roles_for(context.get("auth_user_obj"), package.owner_org):
        return {"success": True}
    return {"success": False, "msg": tk._("Only workflow participants may read the workflow history.")}


def satudatablitar_review_queue(context: Context, data_dict: DataDict) -> AuthResult:
    """Any logged-in user (the queue holds only what waits for them)."""
    return {"success": True}


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def package_update(next_auth: Any, context: Context, data_dict: DataDict) -> AuthResult:
    """Operators and reviewers cannot edit a dataset under review or published; outsiders
    are told it does not exist."""
    result = hiding.guarded("package_update", next_auth, context, data_dict)
    if not result.get("success"):
        return result
    package = _package(data_dict) or context.get("package")
    refusal = guards.edit_refusal(package) if package is not None else None
    return {"success": False, "msg": refusal} if refusal else result


# every other CKAN auth function that names one dataset answers "not found" to whoever may not read it
globals().update({name: f for name, f in hiding.AUTH_WRAPPERS.items() if name != "package_update"})
__all__ += [name for name in hiding.WRAPPED_AUTH if name != "package_update"]
