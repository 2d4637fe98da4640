"""Snapshots of a dataset's content, by content digest (what each review check and each
public version was given to)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB


class ContentSnapshot(tk.BaseModel):  # type: ignore[misc, valid-type]
    """The package_show dict of a dataset whose content had ``digest`` (one row per distinct content)."""

    __tablename__ = "satudatablitar_content_snapshot"

    # no foreign key: like the event log, snapshots outlive a purged dataset (a revision's working copy)
    package_id = sa.Column(sa.UnicodeText, primary_key=True)
    digest = sa.Column(sa.UnicodeText, primary_key=True)
    content = sa.Column(JSONB, nullable=False)
    created = sa.Column(sa.DateTime(timezone=True), nullable=False)
