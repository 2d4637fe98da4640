"""Scheduled publications (embargo): when an approved dataset is to be published, and by whom."""

from __future__ import annotations

import datetime

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model

SCHEDULED = "scheduled"
PUBLISHED = "published"
FAILED = "failed"
CANCELLED = "cancelled"


class PublicationSchedule(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One scheduled publication; ``status`` moves once from ``scheduled`` to its outcome."""

    __tablename__ = "satudatablitar_publication_schedule"

    id = sa.Column(sa.BigInteger, sa.Identity(), primary_key=True)
    package_id = sa.Column(sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False)
    publish_at = sa.Column(sa.DateTime(timezone=True), nullable=False)
    # the Walidata user who scheduled it; the publication is taken in their name
    scheduled_by = sa.Column(sa.UnicodeText, nullable=False)
    note = sa.Column(sa.UnicodeText, nullable=True)
    status = sa.Column(sa.UnicodeText, nullable=False)
    created = sa.Column(sa.DateTime(timezone=True), nullable=False)
    finished = sa.Column(sa.DateTime(timezone=True), nullable=True)
    # why the publication did not happen (status failed)
    failure = sa.Column(sa.UnicodeText, nullable=True)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "package_id": self.package_id,
            "publish_at": self.publish_at.isoformat(),
            "scheduled_by": self.scheduled_by,
            "note": self.note,
            "status": self.status,
            "created": self.created.isoformat(),
            "finished": self.finished.isoformat() if self.finished else None,
            "failure": self.failure,
        }


def waiting_times(package_ids: list[str]) -> dict[str, datetime.datetime]:
    """When each of these datasets is to be published, for those whose schedule waits (one query)."""
    if not package_ids:
        return {}
    rows = model.Session.execute(
        sa.select(PublicationSchedule.package_id, PublicationSchedule.publish_at).where(
            PublicationSchedule.package_id.in_(package_ids), PublicationSchedule.status == SCHEDULED
        )
    )
    return dict(rows.all())
