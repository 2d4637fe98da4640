"""The notification job and the daily digest: one e-mail per person per run."""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.lib import mailer
from ckan.model import system_info

from ckanext.satudatablitar import outbox
from ckanext.satudatablitar.model import WorkflowEvent, revision
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

log = logging.getLogger(__name__)

JOB_ID = "satudatablitar-notify"
# system_info key: id of the last workflow event the notification job has handled
CURSOR = "satudatablitar_notify_last_event"
# serialises runs of the job across workers
_LOCK = 5_727_017
# events that do not bring a dataset to anyone
QUIET = frozenset({st.CREATE, st.ADOPT, *st.SCHEDULE_EVENTS})
# a dataset went public: by its own publication, or by the publication of its revision
_PUBLISHED = frozenset({st.PUBLISH, revision.REVISION_PUBLISHED})


def enqueue() -> None:
    """Queue the notification job: one waiting run per burst of steps (a repeat replaces it).

    With Redis down the job waits in the outbox and is queued once Redis is back.
    """
    outbox.enqueue(send_pending, [], job_id=JOB_ID, title="satudatablitar notifications")


def _dataset_line(site_url: str, item: dict[str, Any]) -> str:
    url = "{site}/dataset/{name}".format(site=site_url, name=item["name"])
    line = "- {title} ({state}): {url}".format(title=item["title"], state=s.label(item["state"]), url=url)
    return line + (" " + tk._("(overdue)") if item.get("overdue") else "")


def _message(
    items: list[dict[str, Any]], digest: bool, published: list[dict[str, Any]] | None = None
) -> tuple[str, str]:
    site = tk.config.get("ckan.site_title")
    if digest:
        subject = tk._("{site}: {count} dataset(s) wait for your step").format(site=site, count=len(items))
    elif items:
        subject = tk._("{site}: datasets came to you for your step").format(site=site)
    else:
        subject = tk._("{site}: your datasets were published").format(site=site)
    # links from ckan.site_url: the job runs outside any web request
    site_url = tk.config.get("ckan.site_url").rstrip("/")
    sections = []
    if items:
        lines = "\n".join(_dataset_line(site_url, item) for item in items)
        queue = site_url + "/satudata/queue"
        sections.append(
            tk._("These datasets wait for your step:\n\n{lines}\n\nYour review queue: {queue}").format(
                lines=lines, queue=queue
            )
        )
    if published:
        lines = "\n".join(_dataset_line(site_url, item) for item in published)
        sections.append(
            tk._("These datasets of yours are now published on the portal:\n\n{lines}").format(lines=lines)
        )
    return subject, "\n\n".join(sections)


def mail(user: model.User, subject: str, body: str) -> bool:
    """E-mail one user through CKAN's mailer; a failure is logged, not retried."""
    if not user.email:
        return False
    try:
        mailer.mail_user(user, subject, body)
    except mailer.MailerException as error:
        log.warning("workflow notification to %s failed: %s", user.name, error)
        return False
    return True


def _send(waiting: dict[str, Any], digest: bool, published: dict[str, Any] | None = None) -> int:
    """One e-mail per person: what waits for them, and (``published``) their datasets just published."""
    published = published or {}
    people = {user_id: user for user_id, (user, _) in [*waiting.items(), *published.items()]}
    return sum(
        mail(
            user,
            *_message(waiting.get(user_id, (user, []))[1], digest, published.get(user_id, (user, []))[1]),
        )
        for user_id, user in people.items()
    )


def send_pending() -> int:
    """The job: tell the next actors of every dataset with events since the last run."""
    from . import recipients

    if not model.Session.scalar(sa.select(sa.func.pg_try_advisory_xact_lock(_LOCK))):
        return 0  # another worker is sending; the events stay for it or the next run
    last = int(system_info.get_system_info(CURSOR) or 0)
    events = list(
        model.Session.scalars(
            sa.select(WorkflowEvent).where(WorkflowEvent.id > last).order_by(WorkflowEvent.id)
        )
    )
    if not events:
        model.Session.rollback()
        return 0
    # the last act that moved each dataset (a scheduling event after it changes nothing)
    latest: dict[str, WorkflowEvent] = {e.package_id: e for e in events if e.action not in QUIET}
    moved = list(latest)
    waiting = (
        recipients.waiting_for(moved, skip={pid: e.actor_id for pid, e in latest.items()}) if moved else {}
    )
    # the operators are told when their dataset is published (by hand or on schedule)
    published = recipients.operators_of([pid for pid, e in latest.items() if e.action in _PUBLISHED])
    # move the cursor first: a failed mail is logged, never sent twice
    system_info.set_system_info(CURSOR, str(events[-1].id))
    return _send(waiting, digest=False, published=published)


def send_digest() -> int:
    """The daily digest: every actor gets one e-mail with everything waiting for them."""
    from . import recipients

    return _send(recipients.waiting_for(), digest=True)
