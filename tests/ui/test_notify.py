"""E-mail to the next actor: one background job per burst, one e-mail per person, daily digest."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.lib import jobs as ckan_jobs
from ckan.tests import helpers

from ckanext.satudatablitar import config
from ckanext.satudatablitar.notify import jobs

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_queues")


def queued() -> list[str]:
    return [job.id for job in ckan_jobs.get_queue().jobs]


def email_of(portal, role: str) -> str:
    return portal.users[role]["email"]


@pytest.mark.ckan_config(config.NOTIFY_MODE, "immediate")
def test_a_submission_tells_the_opd_verifier(portal, smtp_server):
    dataset = portal.dataset(title="Jumlah Puskesmas")
    assert queued() == []  # creating a draft tells nobody
    portal.advance(dataset["id"], "submitted")
    assert queued() == [jobs.JOB_ID]
    assert jobs.send_pending() == 1
    [mail] = smtp_server.to(email_of(portal, "verifier"))
    body = mail.get_content()
    assert "Jumlah Puskesmas" in body and "/dataset/" + dataset["name"] in body
    assert "/satudata/queue" in body
    assert smtp_server.to(email_of(portal, "operator")) == []  # not the one who acted
    assert jobs.send_pending() == 0  # nothing new: nothing sent twice


@pytest.mark.ckan_config(config.NOTIFY_MODE, "immediate")
def test_a_burst_of_steps_is_one_job_and_one_email_per_person(portal, smtp_server):
    datasets = [portal.dataset(title=f"Data {i}") for i in range(3)]
    for dataset in datasets:
        portal.advance(dataset["id"], "approved")
    assert queued() == [jobs.JOB_ID]
    jobs.send_pending()
    [mail] = smtp_server.to(email_of(portal, "walidata"))
    assert all(f"Data {i}" in mail.get_content() for i in range(3))
    # a bulk publication afterwards: one job; nobody waits for a published dataset, and the
    # OPD's operator hears of all three in one e-mail
    for dataset in datasets:
        helpers.call_action(
            "satudatablitar_workflow_publish",
            {"user": portal.name("walidata"), "ignore_auth": False},
            id=dataset["id"],
        )
    assert queued() == [jobs.JOB_ID]
    jobs.send_pending()
    assert len(smtp_server.to(email_of(portal, "walidata"))) == 1
    [mail] = smtp_server.to(email_of(portal, "operator"))
    assert "published" in mail["Subject"]
    assert all(f"Data {i}" in mail.get_content() for i in range(3))


@pytest.mark.ckan_config(config.NOTIFY_MODE, "immediate")
def test_a_return_tells_the_operator(portal, smtp_server):
    dataset = portal.dataset(title="Angka Kematian Bayi")
    portal.advance(dataset["id"], "submitted")
    jobs.send_pending()
    helpers.call_action(
        "satudatablitar_workflow_request_revision",
        {"user": portal.name("verifier"), "ignore_auth": False},
        id=dataset["id"],
        note="Lengkapi",
    )
    jobs.send_pending()
    [mail] = smtp_server.to(email_of(portal, "operator"))
    assert "Angka Kematian Bayi" in mail.get_content()


def test_off_and_digest_modes_queue_nothing(portal, smtp_server):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")  # test.ini: mode off
    assert queued() == []


@pytest.mark.ckan_config(config.NOTIFY_MODE, "digest")
def test_the_digest_lists_everything_waiting_once_per_person(portal, smtp_server):
    first, second = portal.dataset(title="Satu"), portal.dataset(title="Dua")
    portal.advance(first["id"], "submitted")
    portal.advance(second["id"], "verified_walidata")
    assert queued() == []
    jobs.send_digest()
    [mail] = smtp_server.to(email_of(portal, "verifier"))
    assert "Satu" in mail.get_content() and "1 dataset(s)" in mail["Subject"]
    [mail] = smtp_server.to(email_of(portal, "pembina"))
    assert "Dua" in mail.get_content()
    # both Wali Data verifiers may sign off for Wali Data: both are told
    assert len(smtp_server.to(email_of(portal, "kominfotik"))) == 1
    assert len(smtp_server.to(email_of(portal, "kominfotik2"))) == 1


@pytest.mark.ckan_config(config.NOTIFY_MODE, "immediate")
def test_events_are_read_in_their_order_not_the_tables(portal, smtp_server):
    """PostgreSQL returns rows of an unordered query in storage order: an event row rewritten in
    place (here an early one, as VACUUM and free space can also do) comes back last."""
    dataset = portal.dataset(title="Jumlah Posyandu")
    portal.advance(dataset["id"], "published")
    history = helpers.call_action("satudatablitar_workflow_history", id=dataset["id"])
    submit = next(event for event in history if event["action"] == "submit")
    model.Session.execute(
        sa.text("UPDATE satudatablitar_workflow_event SET note = note WHERE id = :id"), {"id": submit["id"]}
    )
    model.Session.commit()
    jobs.send_pending()
    [mail] = smtp_server.to(email_of(portal, "operator"))
    assert "Jumlah Posyandu" in mail.get_content() and "published" in mail["Subject"]
