"""The scheduled publication at its time: queued by run-schedule, published by a real worker.

The worker runs in its own process on the real clock; the test's clock is frozen (freezegun)
a few hours in the past, so a schedule made "in the future" at the frozen time is already due
for the worker once run-schedule (under the frozen clock) has found it due.
"""

from __future__ import annotations

import datetime
import threading

import pytest
from ckan import model
from ckan.cli.cli import ckan
from ckan.lib import jobs as ckan_jobs
from ckan.plugins import toolkit as tk
from ckan.tests import helpers
from freezegun import freeze_time

from ckanext.satudatablitar.workflow import embargo, store
from tests.embargo.conftest import schedule
from tests.worker import run_burst
from tests.workflow.conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_queues")

REAL_NOW = datetime.datetime.now(datetime.UTC)
# the schedule's time: an hour ago on the real clock
PUBLISH_AT = REAL_NOW - datetime.timedelta(hours=1)
BEFORE = PUBLISH_AT - datetime.timedelta(hours=1)
AT = PUBLISH_AT + datetime.timedelta(seconds=30)


def work(ini: str | None = None) -> str:
    """A real worker burst; then this session forgets what it read (the worker changed the database).

    Returns the worker's output (CKAN logs to standard output), for assertion messages.
    """
    worker = run_burst(ini)
    assert worker.returncode == 0, worker.stderr
    model.Session.expire_all()
    return worker.stdout + worker.stderr


def state(dataset_id: str) -> str:
    return helpers.call_action("satudatablitar_workflow_show", id=dataset_id)["state"]


def publications(dataset_id: str) -> int:
    history = helpers.call_action("satudatablitar_workflow_history", id=dataset_id)
    return [event["action"] for event in history].count("publish")


def public(dataset_id: str) -> bool:
    try:
        act(None, "package_show", id=dataset_id)
    except tk.ObjectNotFound:
        return False
    return True


def found_by_anonymous_search(dataset_id: str) -> bool:
    results = act(None, "package_search", q=f"id:{dataset_id}")["results"]
    return [result["id"] for result in results] == [dataset_id]


def scheduled(portal, dataset) -> int:
    with freeze_time(BEFORE):
        return schedule(portal, dataset, PUBLISH_AT.isoformat(), note="Rilis kalender statistik")["id"]


def test_nothing_happens_before_its_time(portal, approved):
    scheduled(portal, approved)
    with freeze_time(BEFORE + datetime.timedelta(minutes=30)):
        assert embargo.enqueue_due() == []
    assert ckan_jobs.get_queue().jobs == []
    assert state(approved["id"]) == "approved" and not public(approved["id"])


def test_at_its_time_the_worker_publishes_and_the_operator_is_told(
    portal, approved, mailing_worker_ini, smtp_server
):
    schedule_id = scheduled(portal, approved)
    with freeze_time(AT):
        assert embargo.enqueue_due() == [schedule_id]
    assert not public(approved["id"])  # queued, not yet run
    worker_log = work(mailing_worker_ini)
    assert state(approved["id"]) == "published"
    assert public(approved["id"]) and found_by_anonymous_search(approved["id"])
    event = helpers.call_action("satudatablitar_workflow_history", id=approved["id"])[-1]
    assert event["action"] == "publish" and event["actor_id"] == portal.users["walidata"]["id"]
    assert event["note"] == "Rilis kalender statistik"
    shown = act(portal.name("walidata"), "satudatablitar_workflow_schedule_show", id=approved["id"])
    assert shown["scheduled"] is None and shown["latest"]["status"] == "published"
    assert store.verify_chain().first_broken_id is None
    # the ordinary "published" notification, from the same transition hook
    mails = smtp_server.to(portal.users["operator"]["email"])
    assert len(mails) == 1, f"{len(mails)} e-mails to the operator; worker log:\n{worker_log[-6000:]}"
    assert "Jumlah Sekolah Dasar" in mails[0].get_content() and "published" in mails[0]["Subject"]


def test_a_dataset_sent_back_before_its_time_is_not_published(
    portal, approved, mailing_worker_ini, smtp_server
):
    schedule_id = scheduled(portal, approved)
    act(
        portal.name("kominfotik"),
        "satudatablitar_workflow_request_revision",
        id=approved["id"],
        note="Angka tahun 2024 belum final",
    )
    with freeze_time(AT):
        assert embargo.enqueue_due() == [schedule_id]
    work(mailing_worker_ini)
    assert state(approved["id"]) == "revision_requested" and not public(approved["id"])
    assert publications(approved["id"]) == 0
    # the dataset is back with its OPD (Walidata no longer reads it: the e-mail tells them)
    shown = act(portal.name("operator"), "satudatablitar_workflow_schedule_show", id=approved["id"])
    assert shown["latest"]["status"] == "failed"
    assert "Conflict: the dataset is now in state" in shown["latest"]["failure"]
    history = helpers.call_action("satudatablitar_workflow_history", id=approved["id"])
    assert history[-1]["action"] == "schedule_failed" and history[-1]["actor_id"] == "system"
    assert store.verify_chain().first_broken_id is None
    for role in ("walidata", "operator"):
        [mail] = [m for m in smtp_server.to(portal.users[role]["email"]) if "did not happen" in m["Subject"]]
        assert "Conflict: the dataset is now in state" in mail.get_content()
    # the failed schedule is not queued again
    with freeze_time(AT):
        assert embargo.enqueue_due() == []


def test_run_schedule_twice_and_two_workers_publish_once(portal, approved, cli):
    schedule_id = scheduled(portal, approved)
    with freeze_time(AT):
        for _ in range(2):
            result = cli.invoke(ckan, ["satudata", "run-schedule"])
            assert result.exit_code == 0, result.output
            assert "1 scheduled publication(s) due" in result.output
    assert [job.id for job in ckan_jobs.get_queue().jobs] == [embargo.JOB_PREFIX + str(schedule_id)]
    # a second copy of the job under another id, as two cron machines racing would leave it
    tk.enqueue_job(embargo.publish_scheduled, [schedule_id], rq_kwargs={"job_id": "a-second-copy"})
    finished = []
    workers = [threading.Thread(target=lambda: finished.append(run_burst())) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert [worker.returncode for worker in finished] == [0, 0], [worker.stderr for worker in finished]
    model.Session.expire_all()
    assert state(approved["id"]) == "published" and publications(approved["id"]) == 1
    with freeze_time(AT):
        assert embargo.enqueue_due() == []


def test_a_missed_schedule_is_published_when_the_worker_comes_back(portal, approved):
    schedule_id = scheduled(portal, approved)
    # no worker ran at the time; cron kept finding it due and kept one job waiting
    with freeze_time(AT + datetime.timedelta(minutes=20)):
        assert embargo.enqueue_due() == [schedule_id]
        assert embargo.enqueue_due() == [schedule_id]
    assert len(ckan_jobs.get_queue().jobs) == 1
    work()
    assert state(approved["id"]) == "published" and public(approved["id"])


def test_the_job_does_not_publish_before_its_time(portal, approved):
    # a schedule that is not due on the worker's clock is left waiting
    when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=2)
    schedule_id = schedule(portal, approved, when.isoformat())["id"]
    tk.enqueue_job(embargo.publish_scheduled, [schedule_id], rq_kwargs={"job_id": "too-early"})
    work()
    assert state(approved["id"]) == "approved" and not public(approved["id"])
    shown = act(portal.name("walidata"), "satudatablitar_workflow_schedule_show", id=approved["id"])
    assert shown["scheduled"]["id"] == schedule_id


def test_a_content_change_before_its_time_stops_the_publication(portal, approved):
    schedule_id = scheduled(portal, approved)
    # a correction after the sign-offs (by a sysadmin: operators cannot edit a dataset under review)
    act(portal.name("sysadmin"), "package_patch", id=approved["id"], satuan="orang")
    assert state(approved["id"]) != "approved"
    assert embargo.publish_scheduled(schedule_id) == "failed"  # the job, run in this process
    assert publications(approved["id"]) == 0 and not public(approved["id"])
    shown = act(portal.name("operator"), "satudatablitar_workflow_schedule_show", id=approved["id"])
    assert "Conflict: the dataset is now in state" in shown["latest"]["failure"]
    assert embargo.publish_scheduled(schedule_id) == "failed"  # settled: a second run changes nothing


def test_a_scheduler_who_lost_the_walidata_role_publishes_nothing(portal, approved):
    schedule_id = scheduled(portal, approved)
    act(
        portal.name("sysadmin"),
        "organization_member_delete",
        id=portal.walidata_org["id"],
        username=portal.name("walidata"),
    )
    assert embargo.publish_scheduled(schedule_id) == "failed"
    assert state(approved["id"]) == "approved" and not public(approved["id"])
    shown = act(portal.name("kominfotik"), "satudatablitar_workflow_schedule_show", id=approved["id"])
    assert shown["latest"]["failure"] == "You are not allowed to take this workflow step on this dataset."


def test_a_deleted_scheduler_never_becomes_the_site_user(portal, approved):
    schedule_id = scheduled(portal, approved)
    act(portal.name("sysadmin"), "user_delete", id=portal.name("walidata"))
    assert embargo.publish_scheduled(schedule_id) == "failed"
    assert state(approved["id"]) == "approved" and not public(approved["id"])
    shown = act(portal.name("kominfotik"), "satudatablitar_workflow_schedule_show", id=approved["id"])
    assert shown["latest"]["failure"] == "The user who scheduled the publication is no longer active."


def test_a_dataset_back_in_approved_after_another_round_waits_for_a_new_decision(portal, approved):
    schedule_id = scheduled(portal, approved)
    # a wording fix (stage-1 depth) by a sysadmin: back to submitted; stage 1 verifies again and the
    # engine moves the dataset past the checks that still hold, to approved
    act(portal.name("sysadmin"), "package_patch", id=approved["id"], notes="Jumlah SD negeri dan swasta.")
    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=approved["id"], stage=1)
    assert state(approved["id"]) == "approved"
    assert embargo.publish_scheduled(schedule_id) == "failed"
    assert not public(approved["id"])
    shown = act(portal.name("kominfotik"), "satudatablitar_workflow_schedule_show", id=approved["id"])
    assert "went back for review after its publication was scheduled" in shown["latest"]["failure"]
    # a new decision on the version approved now publishes it
    with freeze_time(AT):
        again = schedule(portal, approved, (AT + datetime.timedelta(minutes=5)).isoformat())["id"]
    with freeze_time(AT + datetime.timedelta(minutes=6)):
        assert embargo.publish_scheduled(again) == "published"
    assert public(approved["id"])
