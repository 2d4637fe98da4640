"""Tell the next actor that a dataset waits for them: e-mail through CKAN's mailer.

``immediate``: every committed workflow event queues one background job (fixed job id, so a
burst of events, e.g. a bulk publication, is one job) that sends each next actor one e-mail
listing every dataset that came to them since the last run (and tells the OPD's operators
of their datasets just published). ``digest``: nothing is queued;
``ckan satudata notify digest`` (daily, from cron or CKAN 2.12's scheduler) sends each actor
one e-mail with everything waiting for them. ``off``: nothing is sent.
"""

from __future__ import annotations

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.model import WorkflowEvent

from . import jobs

_FLAG = "satudatablitar_notify"
_installed = False


def _after_flush(session: sa.orm.Session, flush_context: object) -> None:
    if any(isinstance(item, WorkflowEvent) and item.action not in jobs.QUIET for item in session.new):
        session.info[_FLAG] = True


def _after_commit(session: sa.orm.Session) -> None:
    if session.info.pop(_FLAG, False) and config.notify_mode() == "immediate":
        jobs.enqueue()


def _after_rollback(session: sa.orm.Session, previous_transaction: sa.orm.SessionTransaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction is gone, its events too
        session.info.pop(_FLAG, None)


def install() -> None:
    """Watch the session for committed workflow events (once per process)."""
    global _installed
    if _installed:
        return
    sa.event.listen(model.Session, "after_flush", _after_flush)
    sa.event.listen(model.Session, "after_commit", _after_commit)
    sa.event.listen(model.Session, "after_soft_rollback", _after_rollback)
    _installed = True
