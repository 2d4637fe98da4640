"""The scheduled publication in the dataset page's workflow panel (Flask test client)."""

from __future__ import annotations

import datetime

import pytest
from ckan.tests import helpers

from ckanext.satudatablitar.workflow import store
from tests.embargo.conftest import schedule

pytestmark = pytest.mark.usefixtures("with_plugins")

FIELD = 'name="publish_at"'


def test_walidata_sees_the_schedule_field_next_to_publish(portal, pages, approved):
    page = pages.get("walidata", f"/dataset/{approved['name']}")
    assert FIELD in page and "Schedule publication" in page
    assert "satudata-step-publish" in page
    for role in ("operator", "kominfotik", "pembina"):
        assert FIELD not in pages.get(role, f"/dataset/{approved['name']}")


@pytest.mark.ckan_config("ckan.display_timezone", "Asia/Jakarta")
def test_the_form_schedules_in_local_time_and_reviewers_see_it(portal, pages, approved):
    local = (store.utcnow() + datetime.timedelta(days=2, hours=7)).strftime("%Y-%m-%dT%H:%M")
    page = pages.post(
        "walidata",
        f"/dataset/{approved['name']}/schedule-publication",
        {"publish_at": local, "note": "Rilis BRS"},
    )
    assert "The publication is scheduled." in page
    shown = helpers.call_action("satudatablitar_workflow_schedule_show", id=approved["id"])
    jakarta = datetime.timezone(datetime.timedelta(hours=7))
    expected = datetime.datetime.fromisoformat(local).replace(tzinfo=jakarta)
    assert datetime.datetime.fromisoformat(shown["scheduled"]["publish_at"]) == expected
    for role in ("operator", "verifier", "pembina"):
        page = pages.get(role, f"/dataset/{approved['name']}")
        assert "Scheduled publication" in page and local.replace("T", " ") in page
        assert "Cancel the scheduled publication" not in page
    page = pages.post("walidata", f"/dataset/{approved['name']}/schedule-publication/cancel", {})
    assert "The scheduled publication is cancelled." in page
    shown = helpers.call_action("satudatablitar_workflow_schedule_show", id=approved["id"])
    assert shown["scheduled"] is None


def test_a_refusal_is_shown_not_raised(portal, pages, approved):
    page = pages.post(
        "walidata", f"/dataset/{approved['name']}/schedule-publication", {"publish_at": "2001-01-01T08:00"}
    )
    assert "must be in the future" in page


def test_outsiders_cannot_schedule_through_the_form(portal, pages, approved):
    pages.post(
        "other_admin",
        f"/dataset/{approved['name']}/schedule-publication",
        {"publish_at": "2099-01-01T08:00"},
        status=404,
    )
    assert helpers.call_action("satudatablitar_workflow_schedule_show", id=approved["id"])["latest"] is None


def test_no_schedule_is_shown_to_the_public(portal, pages, approved):
    schedule(portal, approved, (store.utcnow() + datetime.timedelta(days=1)).isoformat())
    pages.get(None, f"/dataset/{approved['name']}", status=404)
