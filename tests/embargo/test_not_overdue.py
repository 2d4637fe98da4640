"""A dataset whose publication is scheduled is not overdue: Walidata has decided, the release
calendar is no delay. Queue, panel, reminders and the monitoring report agree (as real users).
"""

from __future__ import annotations

import datetime
import re

import pytest
from ckan.cli.cli import ckan
from ckan.tests import helpers
from freezegun import freeze_time

from ckanext.satudatablitar.workflow import embargo, store
from tests.embargo.conftest import schedule
from tests.reports.test_monitoring import NOW, at
from tests.workflow.conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")

REAL_NOW = store.utcnow()
# both datasets were approved ten days ago: over Walidata's one-day standard whatever the weekday
APPROVED_AT = REAL_NOW - datetime.timedelta(days=10)
SCHEDULED_AT = APPROVED_AT + datetime.timedelta(hours=2)
RELEASE = REAL_NOW + datetime.timedelta(days=30)


def approved_at(portal, when: datetime.datetime, name: str) -> dict:
    with freeze_time(when):
        dataset = portal.dataset(name=name, title=name.capitalize())
        portal.advance(dataset["id"], "approved")
    return dataset


def schedule_at(
    portal, dataset: dict, when: datetime.datetime, publish_at: datetime.datetime, **extra
) -> int:
    with freeze_time(when):
        return schedule(portal, dataset, publish_at.isoformat(), **extra)["id"]


@pytest.fixture
def waiting(portal) -> tuple[dict, dict]:
    """``late``: approved ten days ago, nothing decided; ``embargoed``: approved then, scheduled two
    hours later for a release in thirty days."""
    late = approved_at(portal, APPROVED_AT, "late")
    embargoed = approved_at(portal, APPROVED_AT, "embargoed")
    schedule_at(portal, embargoed, SCHEDULED_AT, RELEASE)
    return late, embargoed


def queue(portal, **filters) -> dict[str, dict]:
    result = act(portal.name("walidata"), "satudatablitar_review_queue", **filters)
    return {item["name"]: item for item in result["results"]}


class TestReviewQueue:
    def test_a_scheduled_dataset_is_not_overdue_and_shows_its_time(self, portal, waiting):
        items = queue(portal)
        assert items["late"]["overdue"] is True and items["late"]["scheduled_publish_at"] is None
        embargoed = items["embargoed"]
        assert embargoed["overdue"] is False and embargoed["due"] is None
        assert datetime.datetime.fromisoformat(embargoed["scheduled_publish_at"]) == RELEASE

    def test_the_overdue_filter_agrees(self, portal, waiting):
        assert list(queue(portal, overdue=True)) == ["late"]
        assert list(queue(portal, overdue=False)) == ["embargoed"]

    def test_the_queue_page(self, portal, pages, waiting):
        page = pages.get("walidata", "/satudata/queue")
        rows = {name: css for css, name in re.findall(r'<tr class="([^"]*)" data-dataset="([^"]+)"', page)}
        assert rows == {"late": "satudata-overdue", "embargoed": ""}
        assert "Scheduled publication" in page
        overdue = pages.get("walidata", "/satudata/queue?overdue=yes")
        assert re.findall(r'data-dataset="([^"]+)"', overdue) == ["late"]

    def test_cancelling_resumes_the_clock_from_the_approval(self, portal, waiting):
        act(portal.name("walidata"), "satudatablitar_workflow_cancel_schedule", id=waiting[1]["id"])
        assert sorted(queue(portal, overdue=True)) == ["embargoed", "late"]
        assert queue(portal)["embargoed"]["scheduled_publish_at"] is None

    def test_a_failed_schedule_resumes_the_clock(self, portal):
        # the sysadmin (who acts as Walidata) schedules; deleted, their schedule fails at its time
        dataset = approved_at(portal, APPROVED_AT, "failing")
        schedule_id = schedule_at(
            portal, dataset, SCHEDULED_AT, SCHEDULED_AT + datetime.timedelta(hours=1), user="sysadmin"
        )
        assert queue(portal)["failing"]["overdue"] is False
        helpers.call_action("user_delete", id=portal.name("sysadmin"))
        assert embargo.publish_scheduled(schedule_id) == "failed"
        assert queue(portal)["failing"]["overdue"] is True


class TestPanel:
    def test_no_overdue_badge_but_the_scheduled_time(self, portal, pages, waiting):
        page = pages.get("walidata", "/dataset/embargoed")
        assert "satudata-overdue-badge" not in page and "satudata-overdue" not in page
        assert "The scheduled publication time (Walidata has decided)" in page
        assert "Due by" not in page
        late = pages.get("walidata", "/dataset/late")
        assert "satudata-overdue-badge" in late and "Walidata (publication)" in late

    def test_the_operator_sees_the_same(self, portal, pages, waiting):
        page = pages.get("operator", "/dataset/embargoed")
        assert "satudata-overdue-badge" not in page and "Scheduled publication" in page


@pytest.mark.usefixtures("with_request_context")
class TestReminders:
    def test_walidata_is_reminded_of_the_late_dataset_only(self, portal, waiting, smtp_server, cli):
        result = cli.invoke(ckan, ["satudata", "remind-overdue"])
        assert result.exit_code == 0, result.output
        assert "1 reminder(s) due, 1 sent" in result.output
        (message,) = smtp_server.to(portal.users["walidata"]["email"])
        assert message["Subject"] == "Overdue: Late"
        assert "embargoed" not in result.output

    def test_after_cancelling_walidata_is_reminded_again(self, portal, waiting, smtp_server, cli):
        act(portal.name("walidata"), "satudatablitar_workflow_cancel_schedule", id=waiting[1]["id"])
        result = cli.invoke(ckan, ["satudata", "remind-overdue"])
        assert result.exit_code == 0, result.output
        assert "2 reminder(s) due, 2 sent" in result.output
        subjects = sorted(m["Subject"] for m in smtp_server.to(portal.users["walidata"]["email"]))
        assert subjects == ["Overdue: Embargoed", "Overdue: Late"]


@pytest.mark.usefixtures("with_request_context")
@pytest.mark.ckan_config("ckanext.satudatablitar.notify.mode", "digest")
def test_the_daily_digest_does_not_list_a_scheduled_dataset(portal, waiting, smtp_server, cli):
    result = cli.invoke(ckan, ["satudata", "notify", "digest"])
    assert result.exit_code == 0, result.output
    (mail,) = smtp_server.to(portal.users["walidata"]["email"])
    assert "Late" in mail.get_content() and "Embargoed" not in mail.get_content()


@pytest.mark.ckan_config("ckan.display_timezone", "Asia/Jakarta")
@pytest.mark.ckan_config("ckanext.satudatablitar.holidays", "2026-08-17")
class TestMonitoring:
    """Approved on Friday 14 August 2026; Monday the 17th is a holiday; the report runs on the 24th."""

    def steps(self, portal) -> dict[str, list[tuple[str, float, str, bool]]]:
        with freeze_time(NOW):
            report = act(
                portal.name("walidata"),
                "satudatablitar_report_show",
                report="monitoring",
                year=2026,
                detail=True,
            )
        rows = report["tables"]["steps"]["rows"]
        result: dict[str, list] = {}
        for name, _title, _opd, stage, _entered, left, days, _standard, overdue in rows:
            result.setdefault(name, []).append((stage, days, left, overdue))
        return {name: [row for row in rows if row[0] == "Approved"] for name, rows in result.items()}

    def test_the_publication_step_ends_when_walidata_schedules(self, portal):
        published = approved_at(portal, at(14, 9), "published")
        schedule_id = schedule_at(portal, published, at(18, 9), at(21, 9))  # one working day later
        with freeze_time(at(21, 10)):
            assert embargo.publish_scheduled(schedule_id) == "published"
        waiting = approved_at(portal, at(14, 9), "waiting")
        schedule_at(portal, waiting, at(19, 9), at(28, 9))  # two working days: over the standard
        steps = self.steps(portal)
        assert [(days, overdue) for _, days, _, overdue in steps["published"]] == [(1, "No")]
        assert steps["published"][0][2].startswith("2026-08-18T09:00")  # left when scheduled
        assert [(days, overdue) for _, days, _, overdue in steps["waiting"]] == [(2, "Yes")]
        assert steps["waiting"][0][2].startswith("2026-08-19T09:00")  # not waiting any more

    def test_a_cancelled_schedule_counts_as_never_made(self, portal):
        dataset = approved_at(portal, at(14, 9), "cancelled")
        schedule_at(portal, dataset, at(14, 10), at(28, 9))
        with freeze_time(at(20, 9)):
            act(portal.name("walidata"), "satudatablitar_workflow_cancel_schedule", id=dataset["id"])
        # still waiting for Walidata since the 14th: 14, 18, 19, 20, 21 August
        assert self.steps(portal)["cancelled"] == [("Approved", 5, None, "Yes")]

    def test_a_second_schedule_keeps_the_first_decision(self, portal):
        dataset = approved_at(portal, at(14, 9), "moved")
        schedule_at(portal, dataset, at(14, 10), at(28, 9))
        schedule_at(portal, dataset, at(20, 9), at(31, 9))  # the release moved, the decision stands
        assert [days for _, days, _, _ in self.steps(portal)["moved"]] == [0]
