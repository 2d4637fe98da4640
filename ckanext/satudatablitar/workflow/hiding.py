"""Whoever may not read a dataset learns nothing about it, not even that it exists.

CKAN answers "not authorized" for a private dataset and "not found" for a missing one,
which tells an outsider that an id or name exists. The auth functions wrapped here raise
the not-found answer first when the dataset named in the request (by dataset, resource or
view id) cannot be read by the caller.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.logic.auth import get as core_get_auth

# auth functions of CKAN core and of the activity plugin that name one dataset
WRAPPED_AUTH = (
    "am_following_dataset",
    "dataset_follower_count",
    "dataset_purge",
    "follow_dataset",
    "package_collaborator_list",
    "package_delete",
    "package_patch",
    "package_relationships_list",
    "package_resource_reorder",
    "package_revise",
    "package_show",
    "package_update",
    "resource_create",
    "resource_delete",
    "resource_patch",
    "resource_show",
    "resource_update",
    "resource_view_create",
    "resource_view_delete",
    "resource_view_list",
    "resource_view_reorder",
    "resource_view_show",
    "resource_view_update",
    "unfollow_dataset",
)


def named_package(data_dict: dict[str, Any]) -> model.Package | None:
    """The dataset a request names through a dataset, resource or resource view id (or name)."""
    for key in ("id", "package_id", "name_or_id"):
        value = data_dict.get(key)
        if isinstance(value, str) and value:
            package = model.Package.get(value)
            if package is not None:
                return package
    for key in ("resource_id", "id"):
        value = data_dict.get(key)
        if isinstance(value, str) and value:
            resource = model.Resource.get(value)
            if resource is not None:
                return model.Package.get(resource.package_id)
            view = model.ResourceView.get(value)
            if view is not None:
                resource = model.Resource.get(view.resource_id)
                return model.Package.get(resource.package_id) if resource else None
    return None


def readable(context: dict[str, Any], package: model.Package) -> bool:
    """CKAN's own read permission (permission labels; sysadmins read everything)."""
    user = context.get("auth_user_obj")
    if user is not None and getattr(user, "sysadmin", False):
        return True
    read_context = {**context, "package": package}
    return bool(core_get_auth.package_show(read_context, {"id": package.id}).get("success"))


def refuse_unreadable(context: dict[str, Any], data_dict: dict[str, Any]) -> None:
    """Answer "not found" when the request names a dataset the caller may not read."""
    package = named_package(data_dict or {})
    if package is not None and package.state != "deleted" and not readable(context, package):
        raise tk.ObjectNotFound(tk._("Not found"))


# actions that look the dataset up before they check access: an anonymous caller of these
# is told "not found" for a missing dataset, so also for one they may not read
LOOKUP_FIRST = frozenset(
    {
        "dataset_purge",
        "package_delete",
        "package_update",
        "resource_delete",
        "resource_update",
        "resource_view_delete",
    }
)


# actions whose own auth is CKAN's read check of the dataset: asked once, it answers both questions
READ_CHECKS = frozenset({"package_show", "resource_show"})


def guarded(name: str, next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    """Run ``next_auth`` after answering as for a missing dataset where CKAN would."""
    if name in READ_CHECKS:
        result = next_auth(context, data_dict)
        if not result.get("success"):
            refuse_unreadable(context, data_dict)
        return result
    anonymous_refused = not getattr(next_auth, "auth_allow_anonymous_access", False) and not context.get(
        "auth_user_obj"
    )
    refusal = {"success": False, "msg": tk._("Action {0} requires an authenticated user").format(name)}
    if anonymous_refused and name not in LOOKUP_FIRST:
        return refusal
    refuse_unreadable(context, data_dict)
    return refusal if anonymous_refused else next_auth(context, data_dict)


def _wrapper(name: str) -> Any:
    @tk.chained_auth_function
    @tk.auth_allow_anonymous_access
    def hide_unreadable(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        return guarded(name, next_auth, context, data_dict)

    hide_unreadable.__name__ = name
    return hide_unreadable


AUTH_WRAPPERS: dict[str, Any] = {name: _wrapper(name) for name in WRAPPED_AUTH}
