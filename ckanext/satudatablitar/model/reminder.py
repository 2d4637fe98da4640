"""Reminders sent about overdue datasets (one per actor, dataset, state and day)."""

from __future__ import annotations

import datetime

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column


class Reminder(tk.BaseModel):  # type: ignore[misc, valid-type]
    __tablename__ = "satudatablitar_reminder"

    package_id: Mapped[str] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    user_id: Mapped[str] = mapped_column(
        sa.UnicodeText, sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[datetime.date] = mapped_column(sa.Date, primary_key=True)
    sent: Mapped[datetime.datetime] = mapped_column(sa.DateTime(timezone=True), nullable=False)
