"""Working copies of published datasets (proposed revisions)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import sqlalchemy as sa

OPEN = "open"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
# actions recorded in the published dataset's event log
REVISION_PUBLISHED = "revision_published"
REVISION_WITHDRAWN = "revision_withdrawn"


class Revision(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One proposed revision: a private working copy of a published dataset."""

    __tablename__ = "satudatablitar_revision"

    id = sa.Column(sa.UnicodeText, primary_key=True)
    package_id = sa.Column(sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False)
    copy_package_id = sa.Column(sa.UnicodeText, nullable=False, unique=True)
    number = sa.Column(sa.Integer, nullable=False)
    status = sa.Column(sa.UnicodeText, nullable=False)
    created = sa.Column(sa.DateTime(timezone=True), nullable=False)
    created_by = sa.Column(sa.UnicodeText, nullable=False)
    closed = sa.Column(sa.DateTime(timezone=True), nullable=True)
    closed_by = sa.Column(sa.UnicodeText, nullable=True)
    changes = sa.Column(sa.JSON, nullable=True)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "package_id": self.package_id,
            "copy_package_id": self.copy_package_id if self.status == OPEN else None,
            "number": self.number,
            "status": self.status,
            "created": self.created.isoformat(),
            "created_by": self.created_by,
            "closed": self.closed.isoformat() if self.closed else None,
            "closed_by": self.closed_by,
            "changes": self.changes,
        }


class RevisionResource(tk.BaseModel):  # type: ignore[misc, valid-type]
    """A resource of a working copy and the published resource it was copied from."""

    __tablename__ = "satudatablitar_revision_resource"

    resource_id = sa.Column(sa.UnicodeText, primary_key=True)
    revision_id = sa.Column(
        sa.UnicodeText, sa.ForeignKey("satudatablitar_revision.id", ondelete="CASCADE"), nullable=False
    )
    source_id = sa.Column(sa.UnicodeText, nullable=False)
