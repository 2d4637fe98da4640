"""Publishing a revision: the working copy is applied onto the published dataset in one transaction.

Called by the workflow engine when the publish step is taken on a working copy
(so the copy passed the gate and both confidentiality sign-offs). The published
dataset's content becomes the copy's; its resources are updated in place
(matched by source id), created or deleted; new file bytes move into place
only once the transaction commits (``files.FileChanges``). The copy is purged,
the revision closed and ``revision_published`` recorded on the published
dataset. Any failure rolls all of it back: the public version stays the old
one, whole.
"""

from __future__ import annotations

import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.model.revision import PUBLISHED, REVISION_PUBLISHED, Revision
from ckanext.satudatablitar.model.workflow import WorkflowState
from ckanext.satudatablitar.tabulation import jobs as tabulation_jobs
from ckanext.satudatablitar.tabulation import store as tabulation_store
from ckanext.satudatablitar.workflow import diff, digest, engine, roles
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import store as workflow_store

from . import files, store, working_copy

VALIDATION_FIELDS = ("validation_status", "validation_timestamp")

# state-row columns the published dataset takes over from the reviewed copy: when and by whom the
# content changed, and the checks (verifications, sign-offs) taken on it
_CARRIED = tuple(
    sorted(
        set(WorkflowState.__table__.c.keys())
        - {"package_id", "state", "version", "updated", "content_digest"}
    )
)
# context flag: this package_update applies a reviewed revision (guards.on_updated lets it through)
APPLYING_FLAG = "satudatablitar_applying_revision"


def show_copy(copy_package_id: str) -> dict[str, Any]:
    """The working copy as package_show returns it (resources carry their source ids)."""
    return engine.show_dataset(copy_package_id)


def changes_record(change: diff.DatasetDiff) -> dict[str, Any]:
    """The diff as stored with the closed revision (plain JSON)."""
    return {
        "fields": [{"field": c.field, "old": c.old, "new": c.new} for c in change.fields],
        "resources": [
            {"kind": r.kind, "name": r.name, "resource_id": r.resource_id, "fields": list(r.fields)}
            for r in change.resources
        ],
    }


def _resources(
    old: dict[str, Any],
    new: dict[str, Any],
    change: diff.DatasetDiff,
    changes: files.FileChanges,
    moves: dict[str, str],
) -> list[dict[str, Any]]:
    """The published dataset's new resource list; files of new or replaced uploads are staged.

    The files published are the files validated on the copy, so each resource keeps the copy's
    validation status; ``moves`` receives copy resource id -> published resource id.
    """
    old_ids = {r["id"] for r in old.get("resources") or []}
    replaced = {r.resource_id for r in change.resources if r.kind == diff.REPLACED}
    result = []
    for resource in new.get("resources") or []:
        source = resource.get(diff.SOURCE_ID)
        target = source if source in old_ids else str(uuid.uuid4())
        if resource.get("url_type") == "upload" and (target != source or target in replaced):
            changes.copy(resource["id"], target, resource.get("name") or resource["id"])
        validated = {key: resource[key] for key in VALIDATION_FIELDS if resource.get(key)}
        result.append({**working_copy.resource_fields(resource), **validated, "id": target})
        moves[resource["id"]] = target
    return result


def _check_original(package: model.Package | None) -> model.Package:
    if package is None or package.state != "active":
        raise tk.ValidationError(
            {"revision": [tk._("The published dataset of this revision no longer exists.")]}
        )
    if workflow_store.current_state(package.id) != s.PUBLISHED:
        raise tk.ValidationError(
            {
                "revision": [
                    tk._(
                        "The dataset this revision belongs to is no longer published: withdraw the "
                        "revision, or publish the dataset again first."
                    )
                ]
            }
        )
    return package


def apply(context: dict[str, Any], revision: Revision, copy: model.Package) -> model.Package:
    """Apply a reviewed working copy onto its published dataset (flushed, not committed).

    On any failure the whole transaction (the publish step on the copy included) is rolled back.
    """
    try:
        return _apply(context, revision, copy)
    except Exception:
        model.Session.rollback()
        raise


def _apply(context: dict[str, Any], revision: Revision, copy: model.Package) -> model.Package:
    user = engine.actor(context)
    revision = store.lock(revision)
    original = _check_original(model.Package.get(revision.package_id))
    original_row = engine.ensure_row(original)
    copy_row = workflow_store.get(copy.id)
    assert copy_row is not None
    old, new = engine.show_dataset(original.id), show_copy(copy.id)
    change = diff.dataset_diff(old, new)
    changes = files.FileChanges()
    moves: dict[str, str] = {}
    data = {
        **working_copy.content_fields(new),
        "id": original.id,
        "name": original.name,
        "owner_org": original.owner_org,
        "private": False,
        "resources": _resources(old, new, change, changes, moves),
    }
    # return_id_only: CKAN 2.12.0's package_update rolls its savepoint back under defer_commit
    # unless it returns early (and the id is all that is needed here)
    update_context = {
        "user": user.name,
        "ignore_auth": True,
        "defer_commit": True,
        "return_id_only": True,
        APPLYING_FLAG: True,
        tabulation_jobs.JOB_FLAG: True,  # the validation fields carried from the copy
    }
    tk.get_action("package_update")(update_context, data)
    tabulation_store.move_reports(moves, original.id)
    content = digest.content_digest(engine.show_dataset(original.id))
    # the published version is the content reviewed on the copy: it carries the copy's checks
    for column in _CARRIED:
        setattr(original_row, column, getattr(copy_row, column))
    original_row.content_digest = content
    original_row.version += 1
    workflow_store.append_event(
        package_id=original.id,
        actor_id=user.id,
        actor_role=engine.recorded_role(user, roles.WALIDATA, original.owner_org),
        action=REVISION_PUBLISHED,
        from_state=s.PUBLISHED,
        to_state=s.PUBLISHED,
        content_digest=content,
    )
    store.close(revision, PUBLISHED, user.id, changes_record(change))
    working_copy.purge(copy.id)
    return original


def index_target(package_id: str) -> str:
    """The dataset to reindex for ``package_id``: for a working copy purged by its publication,
    the published dataset it went into."""
    if model.Package.get(package_id) is not None:
        return package_id
    revision = store.published_from(package_id)
    return revision.package_id if revision else package_id
