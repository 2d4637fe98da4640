"""Jobs that could not be put on the queue (Redis unreachable), waiting to be queued."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import sqlalchemy as sa


class OutboxJob(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One job to queue later; its fixed job id is the key, so a repeat replaces the earlier one."""

    __tablename__ = "satudatablitar_job_outbox"

    job_id = sa.Column(sa.UnicodeText, primary_key=True)
    # ``module:qualname`` of the job function
    function = sa.Column(sa.UnicodeText, nullable=False)
    args = sa.Column(sa.JSON, nullable=False)
    title = sa.Column(sa.UnicodeText, nullable=False)
    timeout = sa.Column(sa.Integer, nullable=True)
    # seconds between retries when the job fails (empty: no retry)
    retry_intervals = sa.Column(sa.JSON, nullable=False)
    created = sa.Column(sa.DateTime(timezone=True), nullable=False)
    attempts = sa.Column(sa.Integer, nullable=False, default=0)
    last_error = sa.Column(sa.UnicodeText, nullable=True)
