"""The review queue: datasets waiting for a user's step, oldest first."""

from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.model import WorkflowState
from ckanext.satudatablitar.model import embargo as m
from ckanext.satudatablitar.model.embargo import PublicationSchedule
from ckanext.satudatablitar.timekeeping import WorkCalendar
from ckanext.satudatablitar.workflow import roles, states, store

_CAPACITIES = {"member": ("member", "editor", "admin"), "editor": ("editor", "admin"), "admin": ("admin",)}


def _orgs_with(user: model.User, role: str) -> list[str]:
    capacity = config.role_capacities()[role]
    return [
        member.group_id
        for member in model.Session.query(model.Member).filter(
            model.Member.table_name == "user",
            model.Member.table_id == user.id,
            model.Member.state == "active",
            model.Member.capacity.in_(_CAPACITIES[capacity]),
        )
    ]


def _not_own_work(user: model.User) -> sa.ColumnElement[bool]:
    if config.allow_self_review():
        return sa.true()
    return sa.and_(
        sa.or_(model.Package.creator_user_id.is_(None), model.Package.creator_user_id != user.id),
        sa.or_(WorkflowState.last_changed_by.is_(None), WorkflowState.last_changed_by != user.id),
    )


def _waiting_for(user: model.User) -> sa.ColumnElement[bool]:
    """SQL condition: the dataset waits for a step ``user`` may take."""
    if user.sysadmin:
        return WorkflowState.state.in_(states.UNDER_REVIEW)
    state = WorkflowState.state
    held = roles.roles_for(user, None)
    own_work = _not_own_work(user)
    conditions = [
        sa.and_(state.in_(states.EDITABLE), model.Package.owner_org.in_(_orgs_with(user, roles.OPERATOR))),
        sa.and_(
            state == states.SUBMITTED,
            model.Package.owner_org.in_(_orgs_with(user, roles.OPD_VERIFIER)),
            own_work,
        ),
    ]
    if roles.WALIDATA_VERIFIER in held:
        conditions += [
            sa.and_(state == states.VERIFIED_OPD, own_work),
            sa.and_(state == states.VERIFIED_WALIDATA, WorkflowState.walidata_signoff_id.is_(None), own_work),
        ]
    if roles.PEMBINA in held:
        conditions.append(
            sa.and_(state == states.VERIFIED_WALIDATA, WorkflowState.pembina_signoff_id.is_(None), own_work)
        )
    if roles.WALIDATA in held:
        conditions.append(sa.and_(state == states.APPROVED, own_work))
    return sa.or_(*conditions)


def _scheduled() -> sa.ColumnElement[bool]:
    """SQL condition: Walidata has scheduled the publication (the release time is no delay)."""
    return sa.and_(WorkflowState.state == states.APPROVED, PublicationSchedule.id.is_not(None))


def _overdue(now: datetime.datetime, clock: WorkCalendar) -> sa.ColumnElement[bool]:
    past_standard = sa.or_(
        *(
            sa.and_(WorkflowState.state == state, WorkflowState.updated < clock.overdue_cutoff(now, days))
            for state, days in config.sop_days().items()
        )
    )
    return sa.and_(past_standard, sa.not_(_scheduled()))


def review_queue(
    user: model.User,
    organization: str | None = None,
    state: str | None = None,
    overdue: bool | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Datasets waiting for ``user``, filtered and paginated; ``count`` is the total.

    A dataset whose publication is scheduled is never overdue: it shows its scheduled time.
    """
    now = store.utcnow()
    clock = WorkCalendar.from_config()
    query = (
        sa.select(WorkflowState, model.Package, PublicationSchedule.publish_at)
        .join(model.Package, model.Package.id == WorkflowState.package_id)
        .outerjoin(  # at most one schedule waits per dataset
            PublicationSchedule,
            sa.and_(
                PublicationSchedule.package_id == WorkflowState.package_id,
                PublicationSchedule.status == m.SCHEDULED,
            ),
        )
        .where(model.Package.state == "active", _waiting_for(user))
    )
    if organization:
        org = model.Group.get(organization)
        query = query.where(model.Package.owner_org == (org.id if org else organization))
    if state:
        query = query.where(WorkflowState.state == state)
    if overdue is not None:
        query = query.where(_overdue(now, clock) if overdue else sa.not_(_overdue(now, clock)))
    count = model.Session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = model.Session.execute(
        query.order_by(WorkflowState.updated, WorkflowState.package_id).limit(limit).offset(offset)
    ).all()
    days = config.sop_days()
    results = []
    for row, package, publish_at in rows:
        scheduled = publish_at if row.state == states.APPROVED else None
        due = clock.due(row.updated, days[row.state]) if row.state in days and not scheduled else None
        results.append(
            {
                "package_id": package.id,
                "name": package.name,
                "title": package.title,
                "owner_org": package.owner_org,
                "state": row.state,
                "state_label": states.label(row.state),
                "waiting_since": row.updated.isoformat(),
                "due": due.isoformat() if due else None,
                "overdue": bool(due and due < now),
                "scheduled_publish_at": scheduled.isoformat() if scheduled else None,
            }
        )
    return {"count": count, "results": results}
