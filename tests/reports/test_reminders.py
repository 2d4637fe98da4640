"""Overdue reminders: the right actors, once a day, through a real SMTP server."""

from __future__ import annotations

import datetime

import pytest

from ckanext.satudatablitar.reports import reminders
from tests.reports.test_monitoring import NOW, at, returned_once_and_waiting, step

pytestmark = [
    pytest.mark.usefixtures("with_plugins", "with_request_context"),
    pytest.mark.ckan_config("ckan.display_timezone", "Asia/Jakarta"),
    pytest.mark.ckan_config("ckanext.satudatablitar.holidays", "2026-08-17"),
]


def signed_by_walidata_only(portal):
    """Waiting for Pembina's sign-off since Wednesday 12 August: over the 10-day standard by the 27th."""
    dataset = portal.dataset(name="sekolah")
    step(portal, at(10, 10), "operator", "satudatablitar_workflow_submit", dataset)
    step(portal, at(10, 11), "verifier", "satudatablitar_workflow_verify", dataset, stage=1)
    step(portal, at(10, 12), "kominfotik", "satudatablitar_workflow_verify", dataset, stage=2)
    approve = {"decision": "approve", "reason_code": "aggregate_only"}
    step(
        portal,
        at(11, 9),
        "kominfotik2",
        "satudatablitar_workflow_sign_off_confidentiality",
        dataset,
        **approve,
    )
    return dataset


def test_the_verifier_is_reminded_once_a_day(portal, smtp_server):
    returned_once_and_waiting(portal)  # waiting for the OPD verifier since 13 August
    verifier_email = portal.users["verifier"]["email"]

    sent = reminders.send(now=NOW)
    assert [(r.user.name, r.dataset.name, ok) for r, ok in sent] == [("verifier", "puskesmas", True)]
    (message,) = smtp_server.to(verifier_email)
    assert "Jumlah Puskesmas" in message["Subject"]
    body = message.get_body().get_content()
    assert "6 days" in body and "1 days" in body and "/dataset/puskesmas" in body

    again = reminders.send(now=NOW + datetime.timedelta(hours=3))
    assert [ok for _, ok in again] == [False]
    assert len(smtp_server.to(verifier_email)) == 1

    reminders.send(now=NOW + datetime.timedelta(days=1))
    assert len(smtp_server.to(verifier_email)) == 2


def test_only_the_party_that_has_not_signed_is_reminded(portal, smtp_server):
    signed_by_walidata_only(portal)
    when = datetime.datetime(2026, 8, 27, 9, tzinfo=NOW.tzinfo)
    sent = reminders.send(now=when)
    assert sorted(r.user.name for r, _ in sent) == ["pembina"]
    assert smtp_server.to(portal.users["pembina"]["email"])
    assert not smtp_server.to(portal.users["kominfotik"]["email"])


def test_nothing_due_before_the_standard_runs_out(portal, smtp_server):
    signed_by_walidata_only(portal)
    assert reminders.send(now=datetime.datetime(2026, 8, 20, 9, tzinfo=NOW.tzinfo)) == []
    assert smtp_server.messages == []


def test_dry_run_records_and_sends_nothing(portal, smtp_server):
    returned_once_and_waiting(portal)
    assert [ok for _, ok in reminders.send(now=NOW, dry_run=True)] == [False]
    assert smtp_server.messages == []
    assert [ok for _, ok in reminders.send(now=NOW)] == [True]


def test_cli_command(portal, smtp_server, cli):
    from ckan.cli.cli import ckan

    returned_once_and_waiting(portal)
    result = cli.invoke(ckan, ["satudata", "remind-overdue", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would send: verifier <- puskesmas (submitted" in result.output
    assert "1 reminder(s) due, 0 sent" in result.output
    assert smtp_server.messages == []
