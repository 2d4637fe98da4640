"""Create and drop the working copy of a published dataset."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import search

from ckanext.satudatablitar.model.revision import Revision
from ckanext.satudatablitar.tabulation import hooks as tabulation_hooks
from ckanext.satudatablitar.workflow import digest, engine
from ckanext.satudatablitar.workflow import store as workflow_store

from . import files, store, transaction

log = logging.getLogger(__name__)

# CKAN's limit on dataset names
NAME_MAX = 100
# package_show keys that identify the dataset or are set by CKAN (the rest is content)
_NOT_COPIED = (digest.ADMINISTRATIVE_KEYS - {"owner_org"}) | {"id", "name"}
_RESOURCE_NOT_COPIED = digest.ADMINISTRATIVE_RESOURCE_KEYS | {"id"}


def copy_name(name: str, number: int) -> str:
    """``<name>-revisi-<n>``, the name cut so the whole fits CKAN's 100 characters."""
    suffix = f"-revisi-{number}"
    candidate = name[: NAME_MAX - len(suffix)] + suffix
    if model.Package.get(candidate) is None:
        return candidate
    suffix += "-" + uuid.uuid4().hex[:6]
    return name[: NAME_MAX - len(suffix)] + suffix


def content_fields(package_dict: dict[str, Any]) -> dict[str, Any]:
    """The dataset fields a revision carries (everything but identity and administrative fields)."""
    return {k: v for k, v in package_dict.items() if k not in _NOT_COPIED and k != "resources"}


def resource_fields(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource fields a revision carries."""
    return {k: v for k, v in resource.items() if k not in _RESOURCE_NOT_COPIED}


def create(context: dict[str, Any], package: model.Package) -> Revision:
    """A private draft copy of a published dataset, its files copied (flushed; files move in on commit)."""
    user = engine.actor(context)
    original = engine.show_dataset(package.id)
    number = store.next_number(package.id)
    changes = files.FileChanges()
    sources: dict[str, str] = {}
    resources = []
    for resource in original.get("resources") or []:
        new_id = str(uuid.uuid4())
        sources[new_id] = resource["id"]
        resources.append({**resource_fields(resource), "id": new_id})
        if resource.get("url_type") == "upload":
            changes.copy(resource["id"], new_id, resource.get("name") or resource["id"])
    data = {
        **content_fields(original),
        "name": copy_name(package.name, number),
        "private": True,
        "resources": resources,
    }
    create_context = {"user": user.name, "ignore_auth": True, "defer_commit": True}
    copy = tk.get_action("package_create")(create_context, data)
    revision = store.add(package.id, copy["id"], number, user.id)
    store.add_sources(revision, sources)
    return revision


def validate_files(context: dict[str, Any], copy_package_id: str) -> None:
    """Queue the validation of the copy's tabulations (package_create does not call resource hooks)."""
    for resource in engine.show_dataset(copy_package_id).get("resources") or []:
        tabulation_hooks.resource_changed(context, resource)


def purge(package_id: str) -> None:
    """Remove a working copy for good, its state row and files included (not committed).

    As CKAN's dataset_purge, without its commit, so that it is part of the caller's transaction.
    """
    package = model.Package.get(package_id)
    if package is None:
        return
    changes = files.FileChanges()
    for resource in package.resources_all:
        if resource.url_type == "upload":
            changes.remove(resource.id)
    row = workflow_store.get(package_id)
    if row is not None:
        model.Session.delete(row)
    for member in model.Session.query(model.Member).filter(
        model.Member.table_id == package_id, model.Member.table_name == "package"
    ):
        member.purge()
    package.purge()
    model.Session.flush()
    transaction.on_commit(lambda: _unindex(package_id))


def _unindex(package_id: str) -> None:
    """Drop a purged working copy from the search index (a failure leaves a private, unreadable entry)."""
    try:
        search.index_for(model.Package).remove_dict({"id": package_id})
    except search.SearchIndexError:
        log.warning("could not remove working copy %s from the search index", package_id, exc_info=True)
