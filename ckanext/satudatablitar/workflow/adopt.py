"""Adopting the datasets of a portal that existed before the extension was installed.

Every dataset without a workflow state gets one, recorded in the event log
(action ``adopt``, by the site user, with a reason) through the store's own
functions so the hash chain stays valid:

- a public, active dataset becomes ``published`` and stays public;
- a private dataset becomes ``draft`` and stays private;
- a dataset still being created (CKAN's own ``state=draft``) becomes ``draft`` and is made
  private, so finishing its form cannot make it public without review.

Deleted datasets and other dataset types (harvest sources, showcases) are left alone.
Running it again finds nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar.model import WorkflowState
from ckanext.satudatablitar.workflow import digest, engine, store
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

DATASET_TYPE = "dataset"


@dataclass(frozen=True)
class Adoption:
    """What adoption does (or would do) to one dataset."""

    package_id: str
    name: str
    to_state: str
    # private before adoption, and after it
    was_private: bool
    private: bool


def plan(package: model.Package) -> Adoption:
    """The state a dataset without one is given, and its visibility afterwards."""
    to_state = engine.adopted_state(package)
    return Adoption(
        package_id=package.id,
        name=package.name,
        to_state=to_state,
        was_private=bool(package.private),
        private=to_state != s.PUBLISHED,
    )


def without_state() -> list[model.Package]:
    """Datasets (active or being created) that have no workflow state, oldest first."""
    query = (
        sa.select(model.Package)
        .where(
            model.Package.type == DATASET_TYPE,
            model.Package.state.in_(("active", "draft")),
            ~sa.exists().where(WorkflowState.package_id == model.Package.id),
        )
        .order_by(model.Package.metadata_created, model.Package.id)
    )
    return list(model.Session.scalars(query))


def adopt_one(package: model.Package, actor_id: str, reason: str) -> Adoption | None:
    """Give one dataset its state and its ``adopt`` event, committed; None when it already has one."""
    if store.lock(package.id) is not None:
        model.Session.rollback()
        return None
    adoption = plan(package)
    content = digest.content_digest(engine.show_dataset(package.id))
    try:
        store.create(package.id, adoption.to_state, content, None)
    except sa.exc.IntegrityError:
        # adopted at this moment by another process
        model.Session.rollback()
        return None
    store.append_event(
        package_id=package.id,
        actor_id=actor_id,
        actor_role=st.SYSTEM,
        action=st.ADOPT,
        from_state=None,
        to_state=adoption.to_state,
        note=reason,
        content_digest=content,
    )
    package.private = adoption.private
    model.repo.commit()
    engine.reindex(package.id)
    return adoption


def adopt_existing(reason: str, dry_run: bool = False) -> list[Adoption]:
    """Adopt every dataset without a workflow state (or, with ``dry_run``, say what would happen)."""
    packages = without_state()
    if dry_run:
        return [plan(package) for package in packages]
    # a userless call acts as the site user (CKAN 2.11's get_site_user gives no id)
    site_user_id = engine.actor({}).id
    adopted = []
    for package in packages:
        adoption = adopt_one(package, site_user_id, reason)
        if adoption is not None:
            adopted.append(adoption)
    return adopted
