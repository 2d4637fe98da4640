"""Rows of the revision tables: which working copy belongs to which published dataset."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar.model.revision import OPEN, PUBLISHED, Revision, RevisionResource
from ckanext.satudatablitar.workflow import store as workflow_store


def open_for(package_id: str) -> Revision | None:
    """The open revision of a published dataset."""
    return model.Session.scalars(
        sa.select(Revision).where(Revision.package_id == package_id, Revision.status == OPEN)
    ).one_or_none()


def of_copy(copy_package_id: str) -> Revision | None:
    """The open revision whose working copy this dataset is."""
    return model.Session.scalars(
        sa.select(Revision).where(Revision.copy_package_id == copy_package_id, Revision.status == OPEN)
    ).one_or_none()


def published_from(copy_package_id: str) -> Revision | None:
    """The published revision whose (purged) working copy this was."""
    return model.Session.scalars(
        sa.select(Revision).where(Revision.copy_package_id == copy_package_id, Revision.status == PUBLISHED)
    ).one_or_none()


def lock(revision: Revision) -> Revision:
    """Re-read and lock the row until the transaction ends (serialises publish and withdraw)."""
    return model.Session.scalars(
        sa.select(Revision)
        .where(Revision.id == revision.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def history(package_id: str) -> list[Revision]:
    """Every revision of a dataset, newest first."""
    return list(
        model.Session.scalars(
            sa.select(Revision).where(Revision.package_id == package_id).order_by(Revision.number.desc())
        )
    )


def next_number(package_id: str) -> int:
    highest = model.Session.scalar(
        sa.select(sa.func.max(Revision.number)).where(Revision.package_id == package_id)
    )
    return (highest or 0) + 1


def add(package_id: str, copy_package_id: str, number: int, user_id: str) -> Revision:
    """Record a new open revision (flushed, not committed)."""
    revision = Revision(
        id=str(uuid.uuid4()),
        package_id=package_id,
        copy_package_id=copy_package_id,
        number=number,
        status=OPEN,
        created=workflow_store.utcnow(),
        created_by=user_id,
    )
    model.Session.add(revision)
    model.Session.flush()
    return revision


def add_sources(revision: Revision, sources: dict[str, str]) -> None:
    """Record which published resource each resource of the working copy was copied from."""
    for resource_id, source_id in sources.items():
        model.Session.add(
            RevisionResource(resource_id=resource_id, revision_id=revision.id, source_id=source_id)
        )
    model.Session.flush()


def sources(copy_package_id: str) -> dict[str, str]:
    """Resource id of the working copy -> id of the published resource it came from."""
    rows = model.Session.execute(
        sa.select(RevisionResource.resource_id, RevisionResource.source_id)
        .join(Revision, Revision.id == RevisionResource.revision_id)
        .where(Revision.copy_package_id == copy_package_id, Revision.status == OPEN)
    )
    return {row.resource_id: row.source_id for row in rows}


def close(revision: Revision, status: str, user_id: str, changes: dict[str, object] | None = None) -> None:
    """Close an open revision as published or withdrawn."""
    revision.status = status
    revision.closed = workflow_store.utcnow()
    revision.closed_by = user_id
    revision.changes = changes
    model.Session.flush()
