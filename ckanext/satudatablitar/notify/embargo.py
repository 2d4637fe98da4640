"""E-mail when a scheduled publication did not happen: to the scheduler and the OPD's operators.

(A scheduled publication that happened is an ordinary publication: the operators hear of it
through the notification job, see ``jobs.send_pending``.)
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.model.embargo import PublicationSchedule
from ckanext.satudatablitar.timekeeping import display_timezone

from . import jobs, recipients


def tell_failed(schedule_id: int) -> int:
    """Tell whoever scheduled the publication, and the dataset's operators, why it did not happen.

    Sent in the ``immediate`` and ``digest`` modes (a failure cannot wait for a digest), not
    when notifications are ``off``. Returns the number of e-mails sent.
    """
    if config.notify_mode() == "off":
        return 0
    scheduled = model.Session.get(PublicationSchedule, schedule_id)
    package = model.Package.get(scheduled.package_id) if scheduled else None
    if scheduled is None or package is None:
        return 0
    people = {user.id: user for user, _ in recipients.operators_of([package.id]).values()}
    scheduler = model.User.get(scheduled.scheduled_by)
    if scheduler is not None and scheduler.state == "active":
        people[scheduler.id] = scheduler
    site_url = tk.config.get("ckan.site_url").rstrip("/")
    title = package.title or package.name
    subject = tk._("{site}: the scheduled publication of {title} did not happen").format(
        site=tk.config.get("ckan.site_title"), title=title
    )
    body = tk._(
        "The publication of {title} scheduled for {time} did not happen, so the dataset is not "
        "public:\n\n{reason}\n\n{url}"
    ).format(
        title=title,
        time=scheduled.publish_at.astimezone(display_timezone()).strftime("%Y-%m-%d %H:%M %Z"),
        reason=scheduled.failure,
        url=f"{site_url}/dataset/{package.name}",
    )
    return sum(jobs.mail(user, subject, body) for user in people.values())
