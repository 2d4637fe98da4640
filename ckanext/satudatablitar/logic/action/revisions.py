"""Actions of proposed revisions of published datasets (the API; see docs/revisions.md)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar.logic import schema_revisions as schemas
from ckanext.satudatablitar.logic.auth import revisions as revision_auth
from ckanext.satudatablitar.logic.common import Context, DataDict, validate
from ckanext.satudatablitar.model.revision import OPEN, REVISION_WITHDRAWN, WITHDRAWN, Revision
from ckanext.satudatablitar.revisions import access, labels, store, working_copy
from ckanext.satudatablitar.workflow import diff, engine, hiding, roles
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st
from ckanext.satudatablitar.workflow import store as workflow_store

__all__ = [
    "satudatablitar_revision_create",
    "satudatablitar_revision_diff",
    "satudatablitar_revision_list",
    "satudatablitar_revision_show",
    "satudatablitar_revision_withdraw",
]


def _already_open(revision: Revision) -> tk.ValidationError:
    copy = model.Package.get(revision.copy_package_id)
    return tk.ValidationError(
        {
            "id": [
                tk._("This dataset already has an open revision ({name}): change that one.").format(
                    name=copy.name if copy else revision.copy_package_id
                )
            ]
        }
    )


def _close_orphan(revision: Revision | None) -> Revision | None:
    """An open revision whose working copy was deleted is closed as withdrawn; others are returned."""
    if revision is None:
        return None
    copy = model.Package.get(revision.copy_package_id)
    if copy is not None and copy.state != "deleted":
        return revision
    store.close(store.lock(revision), WITHDRAWN, st.SYSTEM)
    return None


def _view(named: access.Named) -> DataDict:
    return {
        **named.revision.as_dict(),
        "package_name": named.original.name,
        "copy_package_name": named.copy.name,
    }


def satudatablitar_revision_create(context: Context, data_dict: DataDict) -> DataDict:
    """Propose a revision of a published dataset (OPD operator): a private working copy in draft.

    The copy holds every content field and resource of the published dataset (uploaded files
    copied); edit it with package_update / resource_create / resource_update / resource_delete,
    then take it through the workflow. Publishing it applies it onto the published dataset,
    which stays public and unchanged until then. At most one open revision per dataset.

    :param id: id or name of the published dataset
    :returns: the revision: id, package_id, package_name, copy_package_id, copy_package_name,
        number, status (``open``), created, created_by, closed, closed_by, changes
    """
    tk.check_access("satudatablitar_revision_create", context, data_dict)
    data = validate(data_dict, schemas.revision_schema(), context)
    package = access.dataset(data["id"])
    if store.of_copy(package.id) is not None:
        raise tk.ValidationError({"id": [tk._("This dataset is itself a proposed revision.")]})
    if workflow_store.current_state(package.id) != s.PUBLISHED:
        raise tk.ValidationError(
            {"id": [tk._("Only a published dataset can have a revision: change this one directly.")]}
        )
    existing = _close_orphan(store.open_for(package.id))
    if existing is not None:
        raise _already_open(existing)
    revision = working_copy.create(context, package)
    named = access.Named(revision, package, model.Package.get(revision.copy_package_id))
    result = _view(named)
    if not context.get("defer_commit"):
        try:
            model.repo.commit()
        except sa.exc.IntegrityError as error:  # another request opened one at the same moment
            model.Session.rollback()
            raise _already_open(store.open_for(package.id)) from error
        working_copy.validate_files(context, revision.copy_package_id)
        engine.reindex(revision.copy_package_id)
    return result


def satudatablitar_revision_withdraw(context: Context, data_dict: DataDict) -> DataDict:
    """Drop an open revision (its operator, a Kominfotik verifier or Walidata): the working copy is
    removed; the published dataset is not touched.

    :param id: id or name of the published dataset or of its working copy
    :param note: optional reason, recorded in the published dataset's workflow history
    :returns: the closed revision (status ``withdrawn``)
    """
    tk.check_access("satudatablitar_revision_withdraw", context, data_dict)
    data = validate(data_dict, schemas.withdraw_schema(), context)
    named = access.open_revision(data["id"])
    user = engine.actor(context)
    revision = store.lock(named.revision)
    if revision.status != OPEN:
        raise tk.ValidationError({"id": [tk._("Conflict: this revision was closed meanwhile.")]})
    working_copy.purge(named.copy.id)
    store.close(revision, WITHDRAWN, user.id)
    held = sorted(roles.roles_for(user, named.original.owner_org) & revision_auth.WITHDRAWERS)
    workflow_store.append_event(
        package_id=named.original.id,
        actor_id=user.id,
        actor_role=engine.recorded_role(user, held[0] if held else roles.OPERATOR, named.original.owner_org),
        action=REVISION_WITHDRAWN,
        # the published dataset's state does not change
        from_state=workflow_store.current_state(named.original.id),
        to_state=workflow_store.current_state(named.original.id),
        note=data.get("note"),
        content_digest=engine.ensure_row(named.original).content_digest,
    )
    result = revision.as_dict()
    if not context.get("defer_commit"):
        model.repo.commit()
    return result


@tk.side_effect_free
def satudatablitar_revision_show(context: Context, data_dict: DataDict) -> DataDict:
    """The open revision of a dataset (whoever may read its working copy).

    :param id: id or name of the published dataset or of its working copy
    :returns: the revision (as ``satudatablitar_revision_create``)
    """
    tk.check_access("satudatablitar_revision_show", context, data_dict)
    data = validate(data_dict, schemas.revision_schema(), context)
    return _view(access.open_revision(data["id"]))


@tk.side_effect_free
def satudatablitar_revision_diff(context: Context, data_dict: DataDict) -> DataDict:
    """What the open revision of a dataset changes, for its reviewers (whoever may read the copy).

    :param id: id or name of the published dataset or of its working copy
    :returns: ``revision`` (as ``satudatablitar_revision_show``), ``fields`` (field, label, old,
        new: the changed dataset fields, labels in the current language) and ``resources`` (kind:
        added, removed, replaced (file or link changed) or changed (description only);
        kind_label, name, resource_id (the published resource, null when added), fields and
        field_labels (the changed resource fields))
    """
    tk.check_access("satudatablitar_revision_diff", context, data_dict)
    data = validate(data_dict, schemas.revision_schema(), context)
    named = access.open_revision(data["id"])
    change = diff.dataset_diff(engine.show_dataset(named.original.id), engine.show_dataset(named.copy.id))
    return {"revision": _view(named), **labels.diff_view(change, named.original.type)}


@tk.side_effect_free
def satudatablitar_revision_list(context: Context, data_dict: DataDict) -> list[DataDict]:
    """Revisions of a dataset, newest first: the published ones for every reader of the dataset;
    the open one only for those who may read its working copy; withdrawn ones for workflow
    participants.

    :param id: id or name of the dataset
    :returns: revisions (as ``satudatablitar_revision_create``; ``changes`` of a published revision:
        ``fields`` (field, old, new) and ``resources`` (kind, name, resource_id, fields))
    """
    tk.check_access("satudatablitar_revision_list", context, data_dict)
    data = validate(data_dict, schemas.revision_schema(), context)
    package = access.dataset(data["id"])
    user = model.User.get(context.get("user") or "") if context.get("user") else None
    participant = bool(roles.roles_for(user, package.owner_org))
    read_context = {**context, "auth_user_obj": user}
    result = []
    for revision in store.history(package.id):
        if revision.status == OPEN:
            copy = model.Package.get(revision.copy_package_id)
            if copy is None or not hiding.readable(read_context, copy):
                continue
        elif revision.status == WITHDRAWN and not participant:
            continue
        result.append(revision.as_dict())
    return result
