"""Auth functions of the revision actions (each named after its action)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz

from ckanext.satudatablitar.revisions import access
from ckanext.satudatablitar.workflow import hiding, roles

__all__ = [
    "satudatablitar_revision_create",
    "satudatablitar_revision_diff",
    "satudatablitar_revision_list",
    "satudatablitar_revision_show",
    "satudatablitar_revision_withdraw",
]

Context = dict[str, Any]
DataDict = dict[str, Any]
AuthResult = dict[str, Any]

# who may drop an open revision: its OPD's operators and Wali Data
WITHDRAWERS = frozenset({roles.OPERATOR, roles.WALIDATA_VERIFIER, roles.WALIDATA})


def _holds(context: Context, owner_org: str | None, allowed: frozenset[str], message: str) -> AuthResult:
    if roles.roles_for(context.get("auth_user_obj"), owner_org) & allowed:
        return {"success": True}
    return {"success": False, "msg": message}


def satudatablitar_revision_create(context: Context, data_dict: DataDict) -> AuthResult:
    """Operators of the dataset's OPD."""
    package = access.dataset(data_dict.get("id") or "")
    hiding.refuse_unreadable(context, {"id": package.id})
    return _holds(
        context,
        package.owner_org,
        frozenset({roles.OPERATOR}),
        tk._("Only an operator of the dataset's organization may propose a revision."),
    )


def satudatablitar_revision_withdraw(context: Context, data_dict: DataDict) -> AuthResult:
    """Operators of the dataset's OPD and Wali Data, if they may read the working copy."""
    named = access.readable_revision(context, data_dict.get("id") or "")
    return _holds(
        context,
        named.original.owner_org,
        WITHDRAWERS,
        tk._("Only an operator of the dataset's organization or Wali Data may withdraw a revision."),
    )


def _may_read_copy(context: Context, data_dict: DataDict) -> AuthResult:
    access.readable_revision(context, data_dict.get("id") or "")
    return {"success": True}


@tk.auth_allow_anonymous_access
def satudatablitar_revision_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may read the working copy."""
    return _may_read_copy(context, data_dict)


@tk.auth_allow_anonymous_access
def satudatablitar_revision_diff(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may read the working copy."""
    return _may_read_copy(context, data_dict)


@tk.auth_allow_anonymous_access
def satudatablitar_revision_list(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may read the dataset (the action filters what each caller sees)."""
    return authz.is_authorized("package_show", context, {"id": data_dict.get("id")})
