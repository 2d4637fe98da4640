"""Content snapshots: the package_show dict behind each content digest the workflow records."""

from __future__ import annotations

from typing import Any

from ckan import model
from sqlalchemy.dialects.postgresql import insert

from ckanext.satudatablitar.model.snapshot import ContentSnapshot
from ckanext.satudatablitar.workflow import digest, store


def save(package_dict: dict[str, Any]) -> str:
    """Keep the content of ``package_dict`` (once per distinct content); returns its digest."""
    content_digest = digest.content_digest(package_dict)
    model.Session.execute(
        insert(ContentSnapshot)
        .values(
            package_id=package_dict["id"], digest=content_digest, content=package_dict, created=store.utcnow()
        )
        .on_conflict_do_nothing()
    )
    return content_digest


def load(package_id: str, content_digest: str) -> dict[str, Any] | None:
    """The package_show dict kept for this content, if any."""
    row = model.Session.get(ContentSnapshot, (package_id, content_digest))
    return dict(row.content) if row is not None else None
