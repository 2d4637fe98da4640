"""Workflow state per dataset and the append-only, hash-chained event log."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import sqlalchemy as sa


class WorkflowState(tk.BaseModel):  # type: ignore[misc, valid-type]
    """Current workflow state of one dataset (one row per dataset)."""

    __tablename__ = "satudatablitar_workflow_state"

    package_id = sa.Column(sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), primary_key=True)
    state = sa.Column(sa.UnicodeText, nullable=False)
    # bumped by every transition; the row is locked (SELECT ... FOR UPDATE) while it changes
    version = sa.Column(sa.Integer, nullable=False, default=0)
    # when the dataset entered its current state (SOP time standards are measured from here)
    updated = sa.Column(sa.DateTime(timezone=True), nullable=False)
    content_digest = sa.Column(sa.UnicodeText, nullable=False)
    content_changed = sa.Column(sa.DateTime(timezone=True), nullable=False)
    last_changed_by = sa.Column(sa.UnicodeText, nullable=True)
    walidata_signoff_id = sa.Column(sa.BigInteger, nullable=True)
    pembina_signoff_id = sa.Column(sa.BigInteger, nullable=True)
    # the stage-2 verification that still holds (migration 0007; voided by a change that reaches it)
    walidata_verified_id = sa.Column(sa.BigInteger, nullable=True)


class WorkflowEvent(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One recorded act. Rows are only ever inserted; ``hash`` chains each to the previous one."""

    __tablename__ = "satudatablitar_workflow_event"

    id = sa.Column(sa.BigInteger, sa.Identity(), primary_key=True)
    package_id = sa.Column(sa.UnicodeText, nullable=False)
    actor_id = sa.Column(sa.UnicodeText, nullable=False)
    actor_role = sa.Column(sa.UnicodeText, nullable=False)
    action = sa.Column(sa.UnicodeText, nullable=False)
    from_state = sa.Column(sa.UnicodeText, nullable=True)
    to_state = sa.Column(sa.UnicodeText, nullable=False)
    reason_code = sa.Column(sa.UnicodeText, nullable=True)
    note = sa.Column(sa.UnicodeText, nullable=True)
    created = sa.Column(sa.DateTime(timezone=True), nullable=False)
    content_digest = sa.Column(sa.UnicodeText, nullable=False)
    prev_hash = sa.Column(sa.UnicodeText, nullable=True)
    hash = sa.Column(sa.UnicodeText, nullable=False, unique=True)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "package_id": self.package_id,
            "actor_id": self.actor_id,
            "actor_role": self.actor_role,
            "action": self.action,
            "from_state": self.from_state,
            "to_state": self.to_state,
            "reason_code": self.reason_code,
            "note": self.note,
            "created": self.created.isoformat(),
            "content_digest": self.content_digest,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }
