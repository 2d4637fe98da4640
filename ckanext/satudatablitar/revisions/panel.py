"""What the dataset page's workflow panel shows about revisions, for the current user."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.ui.panel import current_user
from ckanext.satudatablitar.workflow import states
from ckanext.satudatablitar.workflow import store as workflow_store

from . import store


def _allowed(action: str, context: dict[str, Any], package_id: str) -> bool:
    try:
        tk.check_access(action, dict(context), {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


def _call(action: str, context: dict[str, Any], package_id: str) -> dict[str, Any] | None:
    try:
        return tk.get_action(action)(dict(context), {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return None


def revision_panel(package_id: str) -> dict[str, Any] | None:
    """For a working copy: its published dataset, the diff and whether the user may withdraw it.
    For a published dataset: its open revision (if the user may read it) or whether the user may
    propose one. None when there is nothing to show."""
    user = current_user()
    context = {"user": user.name if user else "", "ignore_auth": False}
    package = model.Package.get(package_id)
    if package is None:
        return None
    if store.of_copy(package.id) is not None:
        diff = _call("satudatablitar_revision_diff", context, package.id)
        if diff is None:
            return None
        return {
            "kind": "copy",
            "diff": diff,
            "revision": diff["revision"],
            "can_withdraw": _allowed("satudatablitar_revision_withdraw", context, package.id),
        }
    if workflow_store.current_state(package.id) != states.PUBLISHED:
        return None
    open_revision = _call("satudatablitar_revision_show", context, package.id)
    can_propose = open_revision is None and _allowed("satudatablitar_revision_create", context, package.id)
    if open_revision is None and not can_propose:
        return None
    return {"kind": "published", "revision": open_revision, "can_propose": can_propose}
