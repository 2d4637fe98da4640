"""Work that must happen when, and only when, the current database transaction commits.

Handlers run after the real commit (or the real rollback) of the session's outermost
transaction, whoever commits it: the action itself, or a caller that passed
``defer_commit``. They must not use the database (the transaction is over).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlalchemy as sa
import sqlalchemy.orm
from ckan import model

log = logging.getLogger(__name__)

_COMMIT_KEY = "satudatablitar_on_commit"
_ROLLBACK_KEY = "satudatablitar_on_rollback"


def on_commit(handler: Callable[[], None]) -> None:
    """Run ``handler`` after the commit; forget it on rollback."""
    model.Session().info.setdefault(_COMMIT_KEY, []).append(handler)


def on_rollback(handler: Callable[[], None]) -> None:
    """Run ``handler`` after a rollback; forget it on commit."""
    model.Session().info.setdefault(_ROLLBACK_KEY, []).append(handler)


def _run(session: sqlalchemy.orm.Session, run: str, drop: str) -> None:
    session.info.pop(drop, None)
    for handler in session.info.pop(run, []):
        try:
            handler()
        except Exception:  # the transaction is over: report, and let the other handlers run
            log.exception("a handler after the end of a transaction failed")


@sa.event.listens_for(sqlalchemy.orm.Session, "after_commit")
def _after_commit(session: sqlalchemy.orm.Session) -> None:
    _run(session, _COMMIT_KEY, _ROLLBACK_KEY)


@sa.event.listens_for(sqlalchemy.orm.Session, "after_rollback")
def _after_rollback(session: sqlalchemy.orm.Session) -> None:
    _run(session, _ROLLBACK_KEY, _COMMIT_KEY)
