"""Walls around unpublished datasets and around datasets under review or published.

Auth functions are skipped for sysadmins and ``ignore_auth`` callers, so the
rules that must always hold live here and run inside the actions themselves
(validators, IPackageController hooks, chained actions), not only in auth.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.revisions import publish as revision_publish
from ckanext.satudatablitar.workflow import checks, depth, digest, engine, roles, snapshots, store
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st


class ContentChangeRefused(tk.NotAuthorized):
    """A content change that must not happen; the action's transaction is rolled back.

    A NotAuthorized, not a ValidationError: CKAN's resource actions reinterpret the
    validation errors of the package_update they call.
    """


def visibility_message() -> str:
    return tk._(
        "Visibility is set by the publication workflow: only the publish step makes a dataset "
        "public and only the unpublish step makes it private again."
    )


def published_message() -> str:
    return tk._(
        "This dataset is published: changes to it cannot go live unreviewed. To change it, "
        "propose a revision (a working copy that goes through review while the published version "
        'stays up): use "Propose a revision" on the dataset page or the action '
        "satudatablitar_revision_create."
    )


def edit_refusal(package: model.Package) -> str | None:
    """Why nobody but a sysadmin may edit this dataset now (None: editing is allowed)."""
    state = store.current_state(package.id)
    if state in s.UNDER_REVIEW:
        return tk._(
            "This dataset is under review ({state}) and cannot be edited until a reviewer returns it "
            "for revision."
        ).format(state=s.label(state))
    if state == s.PUBLISHED:
        return published_message()
    return None


def on_created(context: dict[str, Any], package_id: str) -> None:
    """A new dataset starts as a draft, with its first event."""
    user = engine.actor(context)
    package = model.Package.get(package_id)
    content = digest.content_digest(engine.show_dataset(package_id))
    store.create(package_id, s.DRAFT, content, user.id)
    store.append_event(
        package_id=package_id,
        actor_id=user.id,
        actor_role=engine.recorded_role(user, roles.OPERATOR, package.owner_org),
        action=st.CREATE,
        from_state=None,
        to_state=s.DRAFT,
        content_digest=content,
    )


def on_updated(context: dict[str, Any], package_id: str) -> None:
    """Record a content change: refused on a published dataset, back to submitted after review
    began, voiding the checks the change reaches (review depth, see checks.py)."""
    package = model.Package.get(package_id)
    if package is None:
        return
    row = engine.ensure_row(package)
    package_dict = engine.show_dataset(package_id)
    content = digest.content_digest(package_dict)
    if content == row.content_digest:
        return
    if row.state == s.PUBLISHED and not context.get(revision_publish.APPLYING_FLAG):
        raise ContentChangeRefused(published_message())
    user = engine.actor(context)
    previous = snapshots.load(package_id, row.content_digest)
    row.content_digest = content
    row.content_changed = store.utcnow()
    row.last_changed_by = user.id
    checks.void_outdated(row, package_dict)
    if row.state == s.PUBLISHED:
        snapshots.save(package_dict)  # a reviewed revision applied: the new public version
    if row.state not in s.UNDER_REVIEW:
        return
    store.append_event(
        package_id=package_id,
        actor_id=user.id,
        actor_role=engine.recorded_role(user, roles.OPERATOR, package.owner_org),
        action=st.CONTENT_CHANGE,
        from_state=row.state,
        to_state=s.SUBMITTED,
        # how far back the change reaches (without a snapshot of the content before: all the way)
        reason_code=depth.required_depth(previous, package_dict) if previous else depth.CONFIDENTIALITY,
        content_digest=snapshots.save(package_dict),
    )
    if row.state != s.SUBMITTED:
        row.updated = store.utcnow()
    row.state = s.SUBMITTED
    row.version += 1


def refuse_owner_org_move(package_id: str, organization_id: str) -> None:
    """Moving a dataset to another OPD is possible only while the operator works on it."""
    package = model.Package.get(package_id)
    org = model.Group.get(organization_id) if organization_id else None
    if package is None or (org is not None and org.id == package.owner_org):
        return
    if store.current_state(package.id) not in s.EDITABLE:
        raise tk.ValidationError(
            {"owner_org": [tk._("A dataset under review or published cannot move to another organization.")]}
        )
