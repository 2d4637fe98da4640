"""The validation job end to end: upload, a real RQ worker process on Redis, report, override, gate."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.lib import jobs
from ckan.tests import helpers

from ckanext.satudatablitar import config
from ckanext.satudatablitar.tabulation import files
from ckanext.satudatablitar.tabulation import jobs as tabulation_jobs
from ckanext.satudatablitar.tabulation.problems import FileProblem
from tests.register.conftest import add_elements
from tests.workflow.conftest import Portal, act

from . import corpus

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_queues")


def run_worker() -> None:
    """Run every queued job in a real `ckan jobs worker --burst` process."""
    ckan = os.path.join(os.path.dirname(sys.executable), "ckan")
    # CKAN 2.11's create_with_upload stores files in a temporary folder: tell the worker
    env = dict(os.environ, CKAN_STORAGE_PATH=tk.config["ckan.storage_path"])
    worker = subprocess.run(
        [ckan, "-c", os.environ["CKAN_INI"], "jobs", "worker", "--burst"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert worker.returncode == 0, (worker.stdout + worker.stderr)[-3000:]
    assert jobs.get_queue().count == 0


def upload(create_with_upload, portal: Portal, dataset: dict, path, user: str = "operator", **fields):
    context = {"user": portal.name(user), "ignore_auth": False}
    fields.setdefault("schema", json.dumps(corpus.SCHEMA))
    return create_with_upload(
        path.read_bytes(), path.name, context=context, package_id=dataset["id"], name=path.name, **fields
    )


def validation(user: str | None, resource_id: str) -> dict:
    return act(user, "satudatablitar_validation_show", resource_id=resource_id)


def test_an_upload_is_validated_by_a_real_worker(portal, create_with_upload, tmp_path):
    dataset = portal.dataset()
    resource = upload(
        create_with_upload, portal, dataset, corpus.xlsx(tmp_path / "penduduk.xlsx", corpus.GOOD_ROWS)
    )
    queued = jobs.get_queue().jobs
    assert [job.id for job in queued] == [tabulation_jobs.job_id(resource["id"])]
    assert validation("operator", resource["id"])["status"] == "pending"

    run_worker()

    result = validation("operator", resource["id"])
    assert (result["status"], result["error_count"], result["schema_source"]) == ("success", 0, "resource")
    assert result["report"]["tasks"][0]["stats"]["rows"] == 4
    shown = helpers.call_action("resource_show", id=resource["id"])
    assert shown["validation_status"] == "success"
    assert shown["validation_timestamp"].startswith(result["finished"][:10])


def test_a_bad_file_gets_a_readable_report_through_the_http_api(portal, create_with_upload, tmp_path, app):
    dataset = portal.dataset()
    rows = [["Sukorejo", 2024, "banyak", 1, 1]]
    resource = upload(create_with_upload, portal, dataset, corpus.csv_file(tmp_path / "salah.csv", rows))
    run_worker()
    token = helpers.call_action(
        "api_token_create", {"user": portal.name("operator")}, user=portal.name("operator"), name="t"
    )
    response = app.get(
        "/api/action/satudatablitar_validation_show",
        params={"resource_id": resource["id"]},
        headers={"Authorization": token["token"]},
    )
    result = response.json["result"]
    assert result["status"] == "failure"
    texts = [error["text"] for error in result["report"]["tasks"][0]["errors"]]
    assert (
        'Row 2, column "laki_laki": "banyak" is not of the expected type (type is "integer/default").'
        in texts
    )
    assert 'The total row "Jumlah" is missing.' in texts
    page = app.get(
        f"/dataset/{dataset['name']}/resource/{resource['id']}/validation",
        headers={"Authorization": token["token"]},
    )
    assert "banyak" in page.body and "Validation report" in page.body
    resource_page = app.get(
        f"/dataset/{dataset['name']}/resource/{resource['id']}", headers={"Authorization": token["token"]}
    )
    assert (
        "Show the full report" in resource_page.body
        and "Download the tabulation template" in resource_page.body
    )


def test_outsiders_cannot_read_the_report_of_an_unpublished_dataset(portal, create_with_upload, tmp_path):
    dataset = portal.dataset()
    resource = upload(
        create_with_upload, portal, dataset, corpus.csv_file(tmp_path / "a.csv", corpus.GOOD_ROWS)
    )
    # as for every dataset they may not read, outsiders are told it does not exist
    with pytest.raises(helpers.logic.NotFound):
        validation("other_editor", resource["id"])
    with pytest.raises(helpers.logic.NotFound):
        validation(None, resource["id"])
    with pytest.raises(helpers.logic.NotFound):
        act(portal.name("other_editor"), "satudatablitar_validation_run", resource_id=resource["id"])


def test_a_repeat_replaces_the_queued_job(portal, create_with_upload, tmp_path):
    dataset = portal.dataset()
    resource = upload(
        create_with_upload, portal, dataset, corpus.csv_file(tmp_path / "a.csv", corpus.GOOD_ROWS)
    )
    first_run = validation("operator", resource["id"])["run_id"]
    act(portal.name("operator"), "satudatablitar_validation_run", resource_id=resource["id"])
    assert [job.id for job in jobs.get_queue().jobs] == [tabulation_jobs.job_id(resource["id"])]
    assert validation("operator", resource["id"])["run_id"] != first_run
    run_worker()
    assert validation("operator", resource["id"])["status"] == "success"


def test_a_hostile_file_does_not_hurt_the_worker(portal, create_with_upload, tmp_path):
    dataset = portal.dataset()
    secret = upload(create_with_upload, portal, dataset, corpus.encrypted_workbook(tmp_path))
    bomb = upload(create_with_upload, portal, dataset, corpus.bomb_workbook(tmp_path, 64 * 1024 * 1024))
    run_worker()
    assert validation("operator", secret["id"])["report"]["tasks"][0]["errors"][0]["text"].startswith(
        "The workbook is password-protected."
    )
    assert validation("operator", bomb["id"])["status"] == "error"
    assert helpers.call_action("resource_show", id=bomb["id"])["validation_status"] == "error"


def test_only_wali_data_overrides_a_failed_validation_with_a_reason(portal, create_with_upload, tmp_path):
    dataset = portal.dataset()
    resource = upload(
        create_with_upload, portal, dataset, corpus.xlsx(tmp_path / "t.xlsx", corpus.GOOD_ROWS[:3])
    )
    run_worker()
    assert validation("operator", resource["id"])["status"] == "failure"
    portal.advance(dataset["id"], "verified_opd")  # Wali Data sees datasets under review
    with pytest.raises(helpers.logic.NotFound):  # may not even read the draft
        act(
            portal.name("other_admin"),
            "satudatablitar_validation_override",
            resource_id=resource["id"],
            reason="ok",
        )
    for user in ("operator", "verifier"):
        with pytest.raises(helpers.logic.NotAuthorized, match="Only Wali Data"):
            act(
                portal.name(user),
                "satudatablitar_validation_override",
                resource_id=resource["id"],
                reason="ok",
            )
    with pytest.raises(helpers.logic.ValidationError, match="Missing value"):
        act(
            portal.name("kominfotik"),
            "satudatablitar_validation_override",
            resource_id=resource["id"],
            reason=" ",
        )
    result = act(
        portal.name("kominfotik"),
        "satudatablitar_validation_override",
        resource_id=resource["id"],
        reason="Baris jumlah ada di lembar lain",
    )
    assert result["override"]["user"] == portal.name("kominfotik")
    assert result["override"]["reason"] == "Baris jumlah ada di lembar lain"


def test_an_override_is_void_after_a_new_upload(portal, create_with_upload, tmp_path):
    dataset = portal.dataset()
    resource = upload(
        create_with_upload, portal, dataset, corpus.xlsx(tmp_path / "t.xlsx", corpus.GOOD_ROWS[:3])
    )
    run_worker()
    portal.advance(dataset["id"], "verified_opd")
    act(
        portal.name("kominfotik"),
        "satudatablitar_validation_override",
        resource_id=resource["id"],
        reason="diterima",
    )
    assert validation("kominfotik", resource["id"])["override"]["reason"] == "diterima"
    act(portal.name("sysadmin"), "satudatablitar_validation_run", resource_id=resource["id"])
    run_worker()
    assert validation("operator", resource["id"])["override"] is None


def test_a_passed_validation_cannot_be_overridden(portal, create_with_upload, tmp_path):
    dataset = portal.dataset()
    resource = upload(
        create_with_upload, portal, dataset, corpus.csv_file(tmp_path / "a.csv", corpus.GOOD_ROWS)
    )
    run_worker()
    portal.advance(dataset["id"], "verified_opd")
    with pytest.raises(helpers.logic.ValidationError, match="Only a failed validation"):
        act(
            portal.name("walidata"),
            "satudatablitar_validation_override",
            resource_id=resource["id"],
            reason="x",
        )


class TestPublicationGate:
    def test_unvalidated_data_is_not_published(self, portal, create_with_upload, tmp_path):
        dataset = portal.dataset()
        upload(create_with_upload, portal, dataset, corpus.csv_file(tmp_path / "a.csv", corpus.GOOD_ROWS))
        portal.advance(dataset["id"], "approved")
        with pytest.raises(helpers.logic.ValidationError, match=re.escape("a.csv is still being validated")):
            act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])
        model.Session.rollback()  # a request ends its transaction; the refused publish left its row locks
        run_worker()
        act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])
        assert helpers.call_action("package_show", id=dataset["id"])["private"] is False

    @pytest.mark.ckan_config(config.VALIDATE_ON_UPLOAD, "false")
    def test_a_tabulation_never_queued_blocks_publication(self, portal, create_with_upload, tmp_path):
        dataset = portal.dataset()
        upload(create_with_upload, portal, dataset, corpus.csv_file(tmp_path / "a.csv", corpus.GOOD_ROWS))
        assert jobs.get_queue().count == 0
        portal.advance(dataset["id"], "approved")
        with pytest.raises(helpers.logic.ValidationError, match=re.escape("a.csv has not been validated")):
            act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])

    def test_failed_data_is_published_only_after_an_override(self, portal, create_with_upload, tmp_path):
        dataset = portal.dataset()
        resource = upload(
            create_with_upload, portal, dataset, corpus.xlsx(tmp_path / "t.xlsx", corpus.GOOD_ROWS[:3])
        )
        run_worker()
        portal.advance(dataset["id"], "approved")
        with pytest.raises(helpers.logic.ValidationError, match=re.escape("t.xlsx failed validation")):
            act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])
        act(
            portal.name("kominfotik"),
            "satudatablitar_validation_override",
            resource_id=resource["id"],
            reason="diterima",
        )
        act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])
        assert helpers.call_action("package_show", id=dataset["id"])["private"] is False

    def test_metadata_files_are_not_gated(self, portal, create_with_upload, tmp_path):
        dataset = portal.dataset()
        upload(
            create_with_upload,
            portal,
            dataset,
            corpus.csv_file(tmp_path / "m.csv", corpus.GOOD_ROWS),
            jenis_berkas="metadata",
        )
        assert jobs.get_queue().count == 0
        portal.advance(dataset["id"], "approved")
        act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])


def test_confidentiality_findings_for_the_reviewers(portal, create_with_upload, tmp_path):
    dataset = portal.dataset()
    schema = {
        "fields": [
            {"name": "nama", "type": "string"},
            {"name": "kontak", "type": "string"},
            {"name": "jumlah", "type": "integer"},
        ]
    }
    rows = [["Siti", "3572014509870003", 1], ["Budi", "budi@contoh.id / 0812-3456-7890", 40]]
    path = corpus.csv_file(tmp_path / "orang.csv", rows, header=["nama", "kontak", "jumlah"])
    upload(create_with_upload, portal, dataset, path, schema=json.dumps(schema))
    run_worker()
    portal.advance(dataset["id"], "verified_walidata")
    findings = act(portal.name("pembina"), "satudatablitar_validation_findings", package_id=dataset["id"])
    kinds = sorted((f["kind"], f["rowNumber"], f["label"]) for f in findings)
    assert kinds == [
        ("email", 3, "kontak"),
        ("identifier-column", None, "nama"),
        ("nik", 2, "kontak"),
        ("phone", 3, "kontak"),
        ("small-cell", 2, "jumlah"),
    ]
    nik = next(f for f in findings if f["kind"] == "nik")
    assert nik["cell"] == "35************03" and "3572014509870003" not in json.dumps(findings)
    with pytest.raises(helpers.logic.NotFound):
        act(portal.name("other_editor"), "satudatablitar_validation_findings", package_id=dataset["id"])
    # what the workflow's sign-off asks, through the API
    sign_off = {"id": dataset["id"], "decision": "approve", "reason_code": "aggregate_only"}
    with pytest.raises(tk.ValidationError, match="found 5 possible identifiers or small cells"):
        act(portal.name("pembina"), "satudatablitar_workflow_sign_off_confidentiality", **sign_off, note=" ")
    signed = act(
        portal.name("pembina"),
        "satudatablitar_workflow_sign_off_confidentiality",
        **sign_off,
        note="Hanya data agregat yang terbit",
    )
    assert signed["signoffs"]["pembina"]["note"] == "Hanya data agregat yang terbit"


def test_the_dssd_elements_schema_applies_when_the_resource_has_none(portal, create_with_upload, tmp_path):
    add_elements(2026, [("KES.01", portal.opd["id"])])
    dataset = portal.dataset(id_dds="KES.01")
    path = corpus.csv_file(
        tmp_path / "kes.csv", [["Sukorejo", 10], ["Sananwetan", "dua"]], header=["Kecamatan", "Jumlah"]
    )
    resource = upload(create_with_upload, portal, dataset, path, schema="")
    run_worker()
    result = validation("operator", resource["id"])
    assert (result["status"], result["schema_source"]) == ("failure", "element:KES.01")
    assert [(e["type"], e["rowNumber"]) for e in result["report"]["tasks"][0]["errors"]] == [
        ("type-error", 3)
    ]


@pytest.fixture
def file_server(tmp_path):
    """A local HTTP server for linked tabulations (loopback only, stopped after the test)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join(timeout=10)


def test_a_linked_tabulation_is_downloaded_and_validated(portal, tmp_path, file_server):
    dataset = portal.dataset()
    corpus.csv_file(tmp_path / "linked.csv", corpus.GOOD_ROWS)
    linked = act(
        portal.name("operator"),
        "resource_create",
        package_id=dataset["id"],
        url=f"{file_server}/linked.csv",
        name="linked.csv",
        schema=json.dumps(corpus.SCHEMA),
    )
    gone = act(
        portal.name("operator"),
        "resource_create",
        package_id=dataset["id"],
        url=f"{file_server}/gone.csv",
        name="gone.csv",
    )
    run_worker()
    assert validation("operator", linked["id"])["status"] == "success"
    missing = validation("operator", gone["id"])
    assert missing["status"] == "error"
    assert missing["report"]["tasks"][0]["errors"][0]["text"].startswith(
        "The linked file could not be downloaded"
    )


@pytest.mark.ckan_config(config.FETCH_LINKS, "false")
def test_links_are_not_fetched_when_turned_off(limits, file_server):
    # checked in this process: the worker subprocess reads test.ini, not this test's option
    resource = {"id": "x", "url": f"{file_server}/linked.csv", "url_type": ""}
    with pytest.raises(FileProblem, match="links-not-fetched"), files.local_copy(resource, limits):
        pass
