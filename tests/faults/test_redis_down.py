"""Redis really stopped: workflow steps and uploads complete, their jobs wait in the outbox and run later."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.cli.cli import ckan
from ckan.lib import jobs as ckan_jobs

from ckanext.satudatablitar import config, outbox
from ckanext.satudatablitar.notify import jobs as notify_jobs
from ckanext.satudatablitar.tabulation import jobs as tabulation_jobs
from tests.tabulation import corpus
from tests.tabulation.test_job import upload, validation
from tests.worker import run_burst
from tests.workflow.conftest import act

pytestmark = [
    pytest.mark.usefixtures("with_plugins"),
    pytest.mark.ckan_config(config.NOTIFY_MODE, "immediate"),
]


def waiting() -> list[str]:
    return sorted(job["job_id"] for job in outbox.pending())


def queued() -> list[str]:
    return sorted(ckan_jobs.get_queue().job_ids)


def test_a_submission_and_an_upload_complete_and_their_jobs_run_after_redis_is_back(
    services, portal, create_with_upload, smtp_server, tmp_path, cli, monkeypatch
):
    redis, _ = services
    # the worker needs the test's upload folder and SMTP server (read now: the CLI reloads the config)
    monkeypatch.setenv("CKAN_STORAGE_PATH", tk.config["ckan.storage_path"])
    monkeypatch.setenv("CKAN_SMTP_SERVER", tk.config["smtp.server"])
    monkeypatch.setenv("CKAN_SMTP_STARTTLS", "false")
    dataset = portal.dataset(title="Jumlah Puskesmas")
    redis.stop()

    resource = upload(
        create_with_upload, portal, dataset, corpus.csv_file(tmp_path / "data.csv", corpus.GOOD_ROWS)
    )
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=dataset["id"])

    shown = act(portal.name("operator"), "satudatablitar_workflow_show", id=dataset["id"])
    assert shown["state"] == "submitted"
    history = act(portal.name("operator"), "satudatablitar_workflow_history", id=dataset["id"])
    assert [event["action"] for event in history][-1] == "submit"
    assert validation("operator", resource["id"])["status"] == "pending"
    assert waiting() == sorted([notify_jobs.JOB_ID, tabulation_jobs.job_id(resource["id"])])
    result = cli.invoke(ckan, ["satudata", "jobs", "list"])
    assert "2 job(s) waiting" in result.output and tabulation_jobs.job_id(resource["id"]) in result.output
    result = cli.invoke(ckan, ["satudata", "jobs", "flush"])
    assert result.exit_code == 1, result.output  # Redis still down: nothing queued, both still wait
    assert "queued 0 job(s); 2 still waiting" in result.output

    redis.start()  # empty: a Redis without persistence comes back with no queue at all
    assert queued() == []
    result = cli.invoke(ckan, ["satudata", "jobs", "flush"])
    assert result.exit_code == 0, result.output
    assert waiting() == []
    assert queued() == sorted([notify_jobs.JOB_ID, tabulation_jobs.job_id(resource["id"])])

    worker = run_burst()
    assert worker.returncode == 0, worker.stderr[-3000:]
    assert queued() == []
    report = validation("operator", resource["id"])
    assert report["status"] == "success", report["report"]
    [mail] = smtp_server.to(portal.users["verifier"]["email"])
    assert "Jumlah Puskesmas" in mail.get_content()


def test_the_next_successful_enqueue_flushes_the_outbox(services, portal):
    redis, _ = services
    first, second = portal.dataset(), portal.dataset()
    redis.stop()
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=first["id"])
    assert waiting() == [notify_jobs.JOB_ID]

    redis.start()
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=second["id"])
    assert waiting() == []
    assert queued() == [notify_jobs.JOB_ID]  # one job for both steps: the repeat replaced the first
