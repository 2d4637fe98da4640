"""Auth functions of the tabulation actions (each named after its action)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model

from ckanext.satudatablitar.workflow import hiding, roles

__all__ = [
    "satudatablitar_tabulation_template",
    "satudatablitar_validation_findings",
    "satudatablitar_validation_override",
    "satudatablitar_validation_run",
    "satudatablitar_validation_show",
]

Context = dict[str, Any]
DataDict = dict[str, Any]
AuthResult = dict[str, Any]
OVERRIDE_ROLES = frozenset({roles.WALIDATA_VERIFIER, roles.WALIDATA})


def _resource(data_dict: DataDict) -> model.Resource | None:
    resource = model.Resource.get(data_dict.get("resource_id") or "")
    return resource if resource is not None and resource.state == "active" else None


@tk.auth_allow_anonymous_access
def satudatablitar_validation_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may read the resource may read its validation report."""
    return authz.is_authorized("resource_show", context, {"id": data_dict.get("resource_id")})


@tk.auth_allow_anonymous_access
def satudatablitar_validation_findings(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may read the dataset (reviewers of datasets under review included) may read its findings."""
    return authz.is_authorized("package_show", context, {"id": data_dict.get("package_id")})


def satudatablitar_validation_run(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may change the resource may ask for it to be validated again."""
    return authz.is_authorized("resource_update", context, {"id": data_dict.get("resource_id")})


def satudatablitar_validation_override(context: Context, data_dict: DataDict) -> AuthResult:
    """Wali Data only (Kominfotik verifiers and Walidata; sysadmins hold every role).

    Like every auth function that names a dataset, it answers "not found" to whoever may not
    read the dataset (see workflow.hiding).
    """
    hiding.refuse_unreadable(context, data_dict)
    resource = _resource(data_dict)
    if resource is None:  # the same answer as for a resource the caller may not read
        raise tk.ObjectNotFound(tk._("Not found"))
    package = model.Package.get(resource.package_id)
    if roles.roles_for(context.get("auth_user_obj"), package.owner_org if package else None) & OVERRIDE_ROLES:
        return {"success": True}
    return {"success": False, "msg": tk._("Only Wali Data may accept a tabulation that failed validation.")}


@tk.auth_allow_anonymous_access
def satudatablitar_tabulation_template(context: Context, data_dict: DataDict) -> AuthResult:
    """A DSSD element's template is public (the decree is); a dataset's follows the dataset."""
    if data_dict.get("package_id"):
        return authz.is_authorized("package_show", context, {"id": data_dict["package_id"]})
    if data_dict.get("resource_id"):
        return authz.is_authorized("resource_show", context, {"id": data_dict["resource_id"]})
    return {"success": True}
