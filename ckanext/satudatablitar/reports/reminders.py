"""Remind the actors of datasets waiting beyond the SOP time standard, at most once a day each.

Run daily from cron: ``ckan satudata remind-overdue``. Each (dataset, state, actor, day) is
recorded before the e-mail goes out, so overlapping runs never send twice.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.lib import mailer
from sqlalchemy.dialects.postgresql import insert

from ckanext.satudatablitar.model.reminder import Reminder
from ckanext.satudatablitar.model.workflow import WorkflowState
from ckanext.satudatablitar.reports import measures
from ckanext.satudatablitar.timekeeping import WorkCalendar
from ckanext.satudatablitar.workflow import next_actors, states

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueReminder:
    dataset: measures.DatasetMeasures
    step: measures.Step
    user: model.User


def _signed(package_ids: list[str]) -> dict[str, frozenset[str]]:
    table = WorkflowState.__table__
    rows = model.Session.execute(
        sa.select(table.c.package_id, table.c.walidata_signoff_id, table.c.pembina_signoff_id).where(
            table.c.package_id.in_(package_ids)
        )
    )
    return {
        row.package_id: frozenset(
            party
            for party, signed in (("walidata", row.walidata_signoff_id), ("pembina", row.pembina_signoff_id))
            if signed
        )
        for row in rows
    }


def due(now: datetime.datetime | None = None) -> list[DueReminder]:
    """Every (overdue dataset, actor who must act) pair, in a constant number of queries."""
    overdue = [d for d in measures.measure(measures.ReportFilter(), now) if d.overdue_now]
    if not overdue:
        return []
    signed = _signed([d.package_id for d in overdue])
    owner_orgs = {
        package.id: package.owner_org
        for package in model.Session.query(model.Package).filter(
            model.Package.id.in_([d.package_id for d in overdue])
        )
    }
    wanted = {
        d.package_id: next_actors.roles_to_act(d.current_state, signed.get(d.package_id, frozenset()))
        for d in overdue
    }
    holders = next_actors.holders(
        frozenset().union(*wanted.values()), {org for org in owner_orgs.values() if org}
    )
    result = []
    for dataset in overdue:
        seen: set[str] = set()
        for role in sorted(wanted[dataset.package_id]):
            for user in holders.get((role, owner_orgs[dataset.package_id] or ""), []):
                if user.id not in seen:
                    seen.add(user.id)
                    result.append(DueReminder(dataset, dataset.steps[-1], user))
    return result


def _claim(reminder: DueReminder, day: datetime.date, now: datetime.datetime) -> bool:
    """Record the reminder; False when this actor was already reminded of it today."""
    inserted = model.Session.execute(
        insert(Reminder.__table__)
        .values(
            package_id=reminder.dataset.package_id,
            state=reminder.step.state,
            user_id=reminder.user.id,
            day=day,
            sent=now,
        )
        .on_conflict_do_nothing()
        .returning(Reminder.__table__.c.user_id)
    ).first()
    return inserted is not None


def _message(reminder: DueReminder) -> tuple[str, str]:
    dataset, step = reminder.dataset, reminder.step
    url = tk.url_for("dataset.read", id=dataset.name, _external=True)
    subject = tk._("Overdue: {title}").format(title=dataset.title)
    body = tk._(
        'The dataset "{title}" ({organization}) has waited {days:g} days at the stage "{stage}"; '
        "the SOP time standard is {standard:g} days. Please take the next step:\n\n{url}"
    ).format(
        title=dataset.title,
        organization=dataset.organization_title,
        days=step.days,
        stage=states.label(step.state),
        standard=step.standard or 0,
        url=url,
    )
    return subject, body


def send(now: datetime.datetime | None = None, dry_run: bool = False) -> list[tuple[DueReminder, bool]]:
    """Send today's reminders; returns each due reminder with whether it was sent now.

    With ``dry_run`` nothing is recorded or sent.
    """
    now = now or datetime.datetime.now(datetime.UTC)
    day = WorkCalendar.from_config().point_date(now)
    outcome = []
    for reminder in due(now):
        if dry_run:
            outcome.append((reminder, False))
            continue
        claimed = _claim(reminder, day, now)
        if claimed:
            subject, body = _message(reminder)
            try:
                mailer.mail_user(reminder.user, subject, body)
            except mailer.MailerException as error:
                # not recorded: the next run tries again
                model.Session.rollback()
                log.warning(
                    "reminder to %s about %s failed: %s", reminder.user.name, reminder.dataset.name, error
                )
                outcome.append((reminder, False))
                continue
        model.Session.commit()
        outcome.append((reminder, claimed))
    return outcome
