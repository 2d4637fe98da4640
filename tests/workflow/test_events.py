"""Event log: hash chain, tamper detection, export, history and the review queue."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.cli.cli import ckan
from ckan.tests import helpers

from ckanext.satudatablitar import config
from ckanext.satudatablitar.model import WorkflowEvent, WorkflowState
from ckanext.satudatablitar.workflow import store

from .conftest import act, complete_metadata

pytestmark = pytest.mark.usefixtures("with_plugins")


def _published(portal) -> dict:
    dataset = portal.dataset()
    portal.advance(dataset["id"], "published")
    return dataset


def test_every_act_is_recorded_with_actor_role_and_digest(portal):
    dataset = _published(portal)
    events = act(portal.name("operator"), "satudatablitar_workflow_history", id=dataset["id"])
    assert [(e["action"], e["actor_role"], e["from_state"], e["to_state"]) for e in events] == [
        ("create", "operator", None, "draft"),
        ("submit", "operator", "draft", "submitted"),
        ("verify_opd", "opd_verifier", "submitted", "verified_opd"),
        ("verify_walidata", "walidata_verifier", "verified_opd", "verified_walidata"),
        ("sign_off", "walidata_verifier", "verified_walidata", "verified_walidata"),
        ("sign_off", "pembina", "verified_walidata", "approved"),
        ("publish", "walidata", "approved", "published"),
    ]
    assert len({e["content_digest"] for e in events}) == 1
    assert all(e["prev_hash"] == before["hash"] for before, e in itertools.pairwise(events))


def test_history_is_for_participants_only(portal):
    dataset = _published(portal)
    for outsider in ("other_admin", "harvester"):
        with pytest.raises(helpers.logic.NotAuthorized, match="Only workflow participants"):
            act(portal.name(outsider), "satudatablitar_workflow_history", id=dataset["id"])
    public = act(None, "satudatablitar_workflow_show", id=dataset["id"])
    assert public["signoffs"] == {"walidata": True, "pembina": True}


def test_chain_verifies_and_reports_the_first_broken_link(portal, cli):
    first, second = _published(portal), _published(portal)
    result = cli.invoke(ckan, ["satudata", "workflow", "verify"])
    assert result.exit_code == 0, result.output
    assert "event log intact: 14 events" in result.output

    target = store.events(second["id"])[2]
    model.Session.execute(
        sa.update(WorkflowEvent).where(WorkflowEvent.id == target.id).values(note="diubah diam-diam")
    )
    model.Session.commit()
    report = store.verify_chain()
    assert (report.first_broken_id, report.problem) == (target.id, "hash does not match the event's content")
    result = cli.invoke(ckan, ["satudata", "workflow", "verify"])
    assert result.exit_code == 1
    assert f"event log broken at event {target.id}" in result.output
    assert first["id"] != second["id"]


def test_deleting_an_event_breaks_the_chain(portal):
    dataset = _published(portal)
    target = store.events(dataset["id"])[3]
    model.Session.execute(sa.delete(WorkflowEvent).where(WorkflowEvent.id == target.id))
    model.Session.commit()
    report = store.verify_chain()
    assert report.first_broken_id == target.id + 1
    assert report.problem == "prev_hash does not match the previous event"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export(portal, cli, fmt):
    dataset = _published(portal)
    result = cli.invoke(ckan, ["satudata", "workflow", "export", "--format", fmt, "--dataset", dataset["id"]])
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
    else:
        rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["action"] for r in rows][-1] == "publish"
    assert len(rows) == 7
    assert rows[-1]["hash"] == store.events(dataset["id"])[-1].hash


class TestReviewQueue:
    def test_each_reviewer_sees_what_waits_for_them(self, portal):
        datasets = {
            state: portal.dataset(title=f"Dataset {state}")
            for state in ("submitted", "verified_opd", "verified_walidata", "approved")
        }
        for state, dataset in datasets.items():
            portal.advance(dataset["id"], state)

        def queue(who: str, **filters) -> list[str]:
            result = act(portal.name(who), "satudatablitar_review_queue", **filters)
            assert result["count"] == len(result["results"])
            return [r["state"] for r in result["results"]]

        assert queue("verifier") == ["submitted"]
        assert sorted(queue("kominfotik")) == ["verified_opd", "verified_walidata"]
        assert queue("pembina") == ["verified_walidata"]
        assert sorted(queue("walidata")) == ["approved", "verified_opd", "verified_walidata"]
        assert queue("other_admin") == []
        assert queue("kominfotik", state="verified_opd") == ["verified_opd"]
        assert queue("kominfotik", organization=portal.other_opd["name"]) == []

    def test_segregation_of_duties_keeps_own_work_out(self, portal):
        dataset = act(
            portal.name("verifier"),
            "package_create",
            **complete_metadata(owner_org=portal.opd["id"], name="milik-verifikator"),
        )
        act(portal.name("verifier"), "satudatablitar_workflow_submit", id=dataset["id"])
        assert act(portal.name("verifier"), "satudatablitar_review_queue")["count"] == 0

    def test_overdue_and_pagination(self, portal):
        datasets = [portal.dataset() for _ in range(3)]
        for dataset in datasets:
            portal.advance(dataset["id"], "submitted")
        late = datasets[0]["id"]
        # ten calendar days hold more than one working day whatever today is
        model.Session.execute(
            sa.update(WorkflowState)
            .where(WorkflowState.package_id == late)
            .values(updated=store.utcnow() - datetime.timedelta(days=10))
        )
        model.Session.commit()
        overdue = act(portal.name("verifier"), "satudatablitar_review_queue", overdue=True)
        assert [r["package_id"] for r in overdue["results"]] == [late]
        assert overdue["results"][0]["overdue"] is True
        on_time = act(portal.name("verifier"), "satudatablitar_review_queue", overdue=False)
        assert on_time["count"] == 2
        page = act(portal.name("verifier"), "satudatablitar_review_queue", limit=2, offset=2)
        assert (page["count"], [r["package_id"] for r in page["results"]]) == (3, [datasets[2]["id"]])

    @pytest.mark.ckan_config(config.SOP_DAYS, "submitted:5")
    def test_time_standard_is_configurable(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "submitted")
        model.Session.execute(
            sa.update(WorkflowState)
            .where(WorkflowState.package_id == dataset["id"])
            .values(updated=store.utcnow() - datetime.timedelta(days=3))
        )
        model.Session.commit()
        assert act(portal.name("verifier"), "satudatablitar_review_queue", overdue=True)["count"] == 0
