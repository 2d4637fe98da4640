"""Tabulation validation reports and Wali Data overrides (migration 0003_8a3f4e5d6c72)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


class ValidationReport(tk.BaseModel):  # type: ignore[misc, valid-type]
    """The latest validation of one resource (one row per resource, replaced by each run)."""

    __tablename__ = "satudatablitar_validation_report"

    resource_id = sa.Column(
        sa.UnicodeText, sa.ForeignKey("resource.id", ondelete="CASCADE"), primary_key=True
    )
    package_id = sa.Column(sa.UnicodeText, nullable=False, index=True)
    run_id = sa.Column(sa.UnicodeText, nullable=False)
    status = sa.Column(sa.UnicodeText, nullable=False)
    queued = sa.Column(sa.DateTime(timezone=True), nullable=False)
    finished = sa.Column(sa.DateTime(timezone=True), nullable=True)
    schema_source = sa.Column(sa.UnicodeText, nullable=True)
    error_count = sa.Column(sa.Integer, nullable=False, server_default="0")
    finding_count = sa.Column(sa.Integer, nullable=False, server_default="0")
    report = sa.Column(postgresql.JSONB, nullable=True)


class ValidationOverride(tk.BaseModel):  # type: ignore[misc, valid-type]
    """Wali Data accepts one validation run despite its result, with a reason (append-only)."""

    __tablename__ = "satudatablitar_validation_override"

    id = sa.Column(sa.BigInteger, sa.Identity(), primary_key=True)
    resource_id = sa.Column(sa.UnicodeText, nullable=False, index=True)
    package_id = sa.Column(sa.UnicodeText, nullable=False, index=True)
    run_id = sa.Column(sa.UnicodeText, nullable=False)
    user_id = sa.Column(sa.UnicodeText, nullable=False)
    reason = sa.Column(sa.UnicodeText, nullable=False)
    created = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
