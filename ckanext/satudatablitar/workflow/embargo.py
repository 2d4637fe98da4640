"""Scheduled publication (embargo, the statistical release calendar).

Walidata schedules the publication of an approved dataset for a moment in the future. At that
moment ``ckan satudata run-schedule`` (cron, every minute) queues :func:`publish_scheduled` on
CKAN's job queue, which publishes through :func:`engine.perform` in the scheduler's name: the
state, the sign-offs, segregation of duties and the publication gate are checked again then. When
they no longer allow it, nothing is published, the schedule is marked failed with the reason and
the scheduler and the OPD's operators are told.

A schedule moves once from ``scheduled`` to its outcome, under a row lock: however many cron
runs or workers pick it up, a dataset is published by a schedule at most once.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import outbox
from ckanext.satudatablitar.model import embargo as m
from ckanext.satudatablitar.model.embargo import PublicationSchedule
from ckanext.satudatablitar.model.workflow import WorkflowEvent
from ckanext.satudatablitar.notify import embargo as notify_embargo
from ckanext.satudatablitar.workflow import digest, engine, gate, roles, store
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

log = logging.getLogger(__name__)

JOB_PREFIX = "satudatablitar-embargo-"


def waiting(package_id: str, lock: bool = False) -> PublicationSchedule | None:
    """The dataset's schedule that has not run yet, if any (locked until the transaction ends)."""
    query = sa.select(PublicationSchedule).where(
        PublicationSchedule.package_id == package_id, PublicationSchedule.status == m.SCHEDULED
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return model.Session.scalars(query).one_or_none()


def latest(package_id: str) -> PublicationSchedule | None:
    """The dataset's most recent schedule, whatever its status."""
    return model.Session.scalars(
        sa.select(PublicationSchedule)
        .where(PublicationSchedule.package_id == package_id)
        .order_by(PublicationSchedule.id.desc())
        .limit(1)
    ).one_or_none()


def _event_note(publish_at: datetime.datetime, note: str | None) -> str:
    """The note of the scheduling event: the scheduled moment (covered by the event's hash), then the note."""
    return publish_at.isoformat() + ("\n" + note if note else "")


def _record(package: model.Package, action: str, actor_id: str, role: str, note: str | None) -> None:
    state = store.current_state(package.id)
    store.append_event(
        package_id=package.id,
        actor_id=actor_id,
        actor_role=role,
        action=action,
        from_state=state,
        to_state=state,
        note=note,
        content_digest=digest.content_digest(engine.show_dataset(package.id)),
    )


def _commit(context: dict[str, Any]) -> None:
    if not context.get("defer_commit"):
        model.repo.commit()


def schedule(
    context: dict[str, Any], package: model.Package, publish_at: datetime.datetime, note: str | None
) -> PublicationSchedule:
    """Schedule the publication of an approved dataset; replaces a schedule still waiting.

    The user must be allowed to publish it now (Walidata, not its creator or last editor, both
    sign-offs given) and it must pass the publication gate now.
    """
    if publish_at <= store.utcnow():
        raise tk.ValidationError({"publish_at": [tk._("The publication time must be in the future.")]})
    user = engine.actor(context)
    row = engine.ensure_row(package)
    role = engine.authorize(st.STEPS[st.PUBLISH], user, package, row)
    problems = gate.publication_problems(engine.show_dataset(package.id))
    if problems:
        raise tk.ValidationError({"gate": problems})
    previous = waiting(package.id, lock=True)
    now = store.utcnow()
    if previous is not None:
        previous.status, previous.finished = m.CANCELLED, now
        model.Session.flush()
    scheduled = PublicationSchedule(
        package_id=package.id,
        publish_at=publish_at,
        scheduled_by=user.id,
        note=note,
        status=m.SCHEDULED,
        created=now,
    )
    model.Session.add(scheduled)
    recorded = engine.recorded_role(user, role, package.owner_org)
    _record(package, st.SCHEDULE_PUBLISH, user.id, recorded, _event_note(publish_at, note))
    _commit(context)
    return scheduled


def cancel(context: dict[str, Any], package: model.Package) -> PublicationSchedule:
    """Cancel the dataset's waiting schedule (any Walidata member)."""
    scheduled = waiting(package.id, lock=True)
    if scheduled is None:
        raise tk.ValidationError({"id": [tk._("No publication is scheduled for this dataset.")]})
    user = engine.actor(context)
    scheduled.status, scheduled.finished = m.CANCELLED, store.utcnow()
    role = engine.recorded_role(user, roles.WALIDATA, package.owner_org)
    _record(package, st.CANCEL_SCHEDULE, user.id, role, _event_note(scheduled.publish_at, None))
    _commit(context)
    return scheduled


def due(now: datetime.datetime | None = None) -> list[int]:
    """Ids of the schedules whose time has come (missed ones included), oldest first."""
    return list(
        model.Session.scalars(
            sa.select(PublicationSchedule.id)
            .where(
                PublicationSchedule.status == m.SCHEDULED,
                PublicationSchedule.publish_at <= (now or store.utcnow()),
            )
            .order_by(PublicationSchedule.publish_at, PublicationSchedule.id)
        )
    )


def enqueue_due() -> list[int]:
    """Queue a publication job per due schedule (cron, every minute); returns their ids.

    The job id is fixed per schedule, so a repeat replaces a job still waiting; a job that
    already ran finds its schedule settled and does nothing. With Redis down the jobs wait in
    the outbox (see ``outbox``).
    """
    ids = due()
    model.Session.rollback()
    for schedule_id in ids:
        outbox.enqueue(
            publish_scheduled,
            [schedule_id],
            job_id=JOB_PREFIX + str(schedule_id),
            title=f"Scheduled publication {schedule_id}",
        )
    return ids


def _lock(schedule_id: int) -> PublicationSchedule | None:
    return model.Session.scalars(
        sa.select(PublicationSchedule)
        .where(PublicationSchedule.id == schedule_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def _reason(error: Exception) -> str:
    """The sentences of a refusal, as the failure reason."""
    details = getattr(error, "error_dict", None)
    if not isinstance(details, dict):
        return str(error) or type(error).__name__
    found: list[str] = []
    for value in details.values():
        found += [str(item) for item in value] if isinstance(value, list) else [str(value)]
    return " ".join(found)


def _reapproved_since_scheduled(package_id: str) -> bool:
    """The dataset entered ``approved`` again after the last scheduling act: a review round the
    scheduling decision did not see."""
    event = WorkflowEvent
    last = sa.func.max(event.id)
    entered = sa.select(last).where(
        event.package_id == package_id, event.to_state == s.APPROVED, event.from_state != s.APPROVED
    )
    decided = sa.select(last).where(event.package_id == package_id, event.action == st.SCHEDULE_PUBLISH)
    both = sa.select(entered.scalar_subquery(), decided.scalar_subquery())
    entered_id, decided_id = model.Session.execute(both).one()
    return entered_id is not None and decided_id is not None and entered_id > decided_id


def publish_scheduled(schedule_id: int) -> str:
    """The job: publish one scheduled dataset if its schedule still waits and its time has come.

    Returns the schedule's status afterwards (``published``, ``failed``, or as found).
    """
    scheduled = _lock(schedule_id)
    if scheduled is None or scheduled.status != m.SCHEDULED or scheduled.publish_at > store.utcnow():
        status = scheduled.status if scheduled else "missing"
        model.Session.rollback()
        return status
    package_id, user = scheduled.package_id, model.User.get(scheduled.scheduled_by)
    try:
        if user is None or user.state != "active":
            raise tk.NotAuthorized(tk._("The user who scheduled the publication is no longer active."))
        if _reapproved_since_scheduled(package_id):
            raise tk.ValidationError(
                {
                    "schedule": [
                        tk._(
                            "The dataset went back for review after its publication was scheduled: "
                            "Wali Data decides again on the version approved now."
                        )
                    ]
                }
            )
        note = scheduled.note or tk._("Scheduled publication")
        context = {"user": user.name, "ignore_auth": False, "defer_commit": True}
        engine.perform(context, package_id, st.PUBLISH, note=note)
        scheduled.status, scheduled.finished = m.PUBLISHED, store.utcnow()
    except (tk.ValidationError, tk.NotAuthorized, tk.ObjectNotFound) as error:
        model.Session.rollback()
        return _fail(schedule_id, _reason(error))
    # on CKAN 2.11 a search index that cannot be reached refuses the commit whole: the schedule
    # stays waiting and the next run of run-schedule queues it again
    engine.commit_transition()
    engine.reindex(package_id)
    log.info("scheduled publication %s: dataset %s published", schedule_id, package_id)
    return m.PUBLISHED


def _fail(schedule_id: int, reason: str) -> str:
    scheduled = _lock(schedule_id)
    if scheduled is None or scheduled.status != m.SCHEDULED:  # another worker settled it meanwhile
        model.Session.rollback()
        return scheduled.status if scheduled else "missing"
    scheduled.status, scheduled.finished, scheduled.failure = m.FAILED, store.utcnow(), reason
    package = model.Package.get(scheduled.package_id)
    _record(package, st.SCHEDULE_FAILED, st.SYSTEM, st.SYSTEM, reason)
    model.repo.commit()
    log.warning("scheduled publication %s failed: %s", schedule_id, reason)
    notify_embargo.tell_failed(schedule_id)
    return m.FAILED
