"""Scheduling a publication: who may, when, and what is recorded (through auth as real users)."""

from __future__ import annotations

import datetime

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.satudatablitar.workflow import store
from tests.embargo.conftest import schedule
from tests.workflow.conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")


def later(hours: float = 24) -> datetime.datetime:
    return store.utcnow() + datetime.timedelta(hours=hours)


def actions(dataset_id: str) -> list[str]:
    return [e["action"] for e in helpers.call_action("satudatablitar_workflow_history", id=dataset_id)]


class TestSchedulePublish:
    def test_walidata_schedules_an_approved_dataset(self, portal, approved):
        when = later().replace(microsecond=0)
        result = schedule(portal, approved, when.isoformat(), note="Rilis resmi")
        assert result["status"] == "scheduled"
        assert datetime.datetime.fromisoformat(result["publish_at"]) == when
        assert result["scheduled_by"] == portal.users["walidata"]["id"]
        event = helpers.call_action("satudatablitar_workflow_history", id=approved["id"])[-1]
        assert event["action"] == "schedule_publish"
        assert event["from_state"] == event["to_state"] == "approved"
        assert event["note"].startswith(when.isoformat()) and event["note"].endswith("Rilis resmi")
        assert store.verify_chain().first_broken_id is None
        # nothing is published before its time
        assert helpers.call_action("satudatablitar_workflow_show", id=approved["id"])["state"] == "approved"
        with pytest.raises(tk.ObjectNotFound):
            act(None, "package_show", id=approved["id"])

    @pytest.mark.parametrize("role", ["operator", "verifier", "kominfotik", "pembina"])
    def test_other_workflow_roles_are_refused(self, portal, approved, role):
        with pytest.raises(tk.NotAuthorized, match="not allowed to take this workflow step"):
            schedule(portal, approved, later().isoformat(), user=role)

    @pytest.mark.parametrize("role", ["other_admin", "harvester"])
    def test_outsiders_are_told_the_dataset_does_not_exist(self, portal, approved, role):
        with pytest.raises(tk.ObjectNotFound):
            schedule(portal, approved, later().isoformat(), user=role)

    def test_anonymous_is_refused(self, approved):
        with pytest.raises((tk.NotAuthorized, tk.ObjectNotFound)):
            act(
                None,
                "satudatablitar_workflow_schedule_publish",
                id=approved["id"],
                publish_at=later().isoformat(),
            )

    def test_a_dataset_not_approved_is_refused(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "verified_walidata")
        with pytest.raises(tk.ValidationError, match="Conflict: the dataset is now in state"):
            schedule(portal, dataset, later().isoformat())

    def test_a_time_in_the_past_is_refused(self, portal, approved):
        with pytest.raises(tk.ValidationError, match="must be in the future"):
            schedule(portal, approved, later(-0.01).isoformat())

    def test_a_time_that_is_not_a_time_is_refused(self, portal, approved):
        with pytest.raises(tk.ValidationError, match="ISO 8601"):
            schedule(portal, approved, "besok pagi")

    @pytest.mark.ckan_config("ckan.display_timezone", "Asia/Jakarta")
    def test_local_time_is_read_in_the_portal_time_zone(self, portal, approved):
        local = (later() + datetime.timedelta(hours=7)).replace(tzinfo=None, second=0, microsecond=0)
        result = schedule(portal, approved, local.strftime("%Y-%m-%dT%H:%M"))
        stored = datetime.datetime.fromisoformat(result["publish_at"])
        assert stored == local.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=7)))

    def test_segregation_of_duties_applies_as_for_publication(self, portal):
        # the sysadmin (who holds the Walidata role) changed the dataset last: someone else must
        # publish it, and so schedule it
        dataset = portal.dataset()
        act(portal.name("sysadmin"), "package_patch", id=dataset["id"], satuan="orang")
        portal.advance(dataset["id"], "approved")
        with pytest.raises(tk.NotAuthorized, match="Segregation of duties"):
            schedule(portal, dataset, later().isoformat(), user="sysadmin")

    def test_a_new_schedule_replaces_the_waiting_one(self, portal, approved):
        first = schedule(portal, approved, later(24).isoformat())
        second = schedule(portal, approved, later(48).isoformat())
        shown = act(portal.name("kominfotik"), "satudatablitar_workflow_schedule_show", id=approved["id"])
        assert shown["scheduled"]["id"] == second["id"] != first["id"]
        assert actions(approved["id"]).count("schedule_publish") == 2


class TestCancelSchedule:
    def test_walidata_cancels(self, portal, approved):
        schedule(portal, approved, later().isoformat())
        result = act(portal.name("walidata"), "satudatablitar_workflow_cancel_schedule", id=approved["id"])
        assert result["status"] == "cancelled"
        shown = act(portal.name("operator"), "satudatablitar_workflow_schedule_show", id=approved["id"])
        assert shown["scheduled"] is None and shown["latest"]["status"] == "cancelled"
        assert actions(approved["id"])[-1] == "cancel_schedule"
        assert store.verify_chain().first_broken_id is None

    def test_nothing_to_cancel(self, portal, approved):
        with pytest.raises(tk.ValidationError, match="No publication is scheduled"):
            act(portal.name("walidata"), "satudatablitar_workflow_cancel_schedule", id=approved["id"])

    def test_the_operator_cannot_cancel(self, portal, approved):
        schedule(portal, approved, later().isoformat())
        with pytest.raises(tk.NotAuthorized, match="not allowed"):
            act(portal.name("operator"), "satudatablitar_workflow_cancel_schedule", id=approved["id"])


class TestScheduleShow:
    def test_reviewers_see_the_scheduled_time(self, portal, approved):
        result = schedule(portal, approved, later().isoformat())
        for role in ("operator", "verifier", "pembina", "kominfotik"):
            shown = act(portal.name(role), "satudatablitar_workflow_schedule_show", id=approved["id"])
            assert shown["scheduled"]["publish_at"] == result["publish_at"]

    def test_outsiders_do_not(self, portal, approved):
        schedule(portal, approved, later().isoformat())
        with pytest.raises((tk.NotAuthorized, tk.ObjectNotFound)):
            act(portal.name("other_admin"), "satudatablitar_workflow_schedule_show", id=approved["id"])
