"""Workflow state rows and the append-only, hash-chained event log.

Every event carries the SHA-256 of its own fields and of the previous event's
hash, in one chain over the whole log: removing, reordering or editing any
recorded event breaks the chain at that point (:func:`verify_chain`).
Appends are serialised by a PostgreSQL transaction-level advisory lock.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from typing import Any, NamedTuple

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar.model import WorkflowEvent, WorkflowState
from ckanext.satudatablitar.workflow import states

# key of the advisory lock that serialises appends to the event log
_EVENT_LOG_LOCK = 5_727_001
HASHED_FIELDS = (
    "package_id",
    "actor_id",
    "actor_role",
    "action",
    "from_state",
    "to_state",
    "reason_code",
    "note",
    "created",
    "content_digest",
    "prev_hash",
)


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def get(package_id: str) -> WorkflowState | None:
    """The state row of a dataset, if it has one (no lock)."""
    return model.Session.get(WorkflowState, package_id)


def current_state(package_id: str) -> str:
    """Workflow state of a dataset; a dataset without a row is a draft."""
    row = get(package_id)
    return row.state if row else states.DRAFT


def lock(package_id: str) -> WorkflowState | None:
    """The state row, locked until the transaction ends (serialises concurrent reviewers)."""
    return model.Session.scalars(
        sa.select(WorkflowState)
        .where(WorkflowState.package_id == package_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def create(package_id: str, state: str, digest: str, changed_by: str | None) -> WorkflowState:
    """Add the state row of a new dataset (flushed, not committed)."""
    now = utcnow()
    row = WorkflowState(
        package_id=package_id,
        state=state,
        version=0,
        updated=now,
        content_digest=digest,
        content_changed=now,
        last_changed_by=changed_by,
    )
    model.Session.add(row)
    model.Session.flush()
    return row


def event_hash(fields: dict[str, Any]) -> str:
    """SHA-256 over an event's fields (``created`` normalised to UTC)."""
    data = {name: fields[name] for name in HASHED_FIELDS}
    data["created"] = data["created"].astimezone(datetime.UTC).isoformat()
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append_event(**fields: Any) -> WorkflowEvent:
    """Record one act at the head of the chain (flushed, not committed)."""
    model.Session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _EVENT_LOG_LOCK})
    head = model.Session.scalars(
        sa.select(WorkflowEvent.hash).order_by(WorkflowEvent.id.desc()).limit(1)
    ).one_or_none()
    fields = {"reason_code": None, "note": None, **fields, "created": utcnow(), "prev_hash": head}
    event = WorkflowEvent(**fields, hash=event_hash(fields))
    model.Session.add(event)
    model.Session.flush()
    return event


def events(package_id: str | None = None, after_id: int = 0, limit: int | None = None) -> list[WorkflowEvent]:
    """Events in recorded order, of one dataset or of all."""
    query = sa.select(WorkflowEvent).where(WorkflowEvent.id > after_id).order_by(WorkflowEvent.id)
    if package_id:
        query = query.where(WorkflowEvent.package_id == package_id)
    if limit:
        query = query.limit(limit)
    return list(model.Session.scalars(query))


def iter_events(batch: int = 1000) -> Iterator[WorkflowEvent]:
    """Every event of the log in order, fetched in batches."""
    last = 0
    while chunk := events(after_id=last, limit=batch):
        yield from chunk
        last = chunk[-1].id


class ChainReport(NamedTuple):
    checked: int
    first_broken_id: int | None
    problem: str | None


def verify_chain() -> ChainReport:
    """Recompute every event's hash and link; report the first broken link."""
    previous: str | None = None
    checked = 0
    for event in iter_events():
        fields = {name: getattr(event, name) for name in HASHED_FIELDS}
        if event.prev_hash != previous:
            return ChainReport(checked, event.id, "prev_hash does not match the previous event")
        if event_hash(fields) != event.hash:
            return ChainReport(checked, event.id, "hash does not match the event's content")
        previous = event.hash
        checked += 1
    return ChainReport(checked, None, None)
