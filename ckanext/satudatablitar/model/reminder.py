"""Reminders sent about overdue datasets (one per actor, dataset, state and day)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import sqlalchemy as sa


class Reminder(tk.BaseModel):  # type: ignore[misc, valid-type]
    __tablename__ = "satudatablitar_reminder"

    package_id = sa.Column(sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), primary_key=True)
    state = sa.Column(sa.UnicodeText, primary_key=True)
    user_id = sa.Column(sa.UnicodeText, sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    day = sa.Column(sa.Date, primary_key=True)
    sent = sa.Column(sa.DateTime(timezone=True), nullable=False)
