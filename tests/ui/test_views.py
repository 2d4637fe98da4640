"""The workflow pages behind the panel: steps by POST, confirmation, CSRF, queue and my submissions."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from ckan import model
from ckan.tests import helpers

from ckanext.satudatablitar.model import WorkflowState
from tests.tabulation import corpus
from tests.tabulation.test_job import run_worker, upload

pytestmark = pytest.mark.usefixtures("with_plugins")


def state_of(dataset: dict) -> str:
    return helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])["state"]


def step_url(dataset: dict, step: str) -> str:
    return f"/dataset/{dataset['name']}/workflow/{step}"


def test_a_step_taken_through_the_page_moves_the_dataset_and_says_so(portal, pages):
    dataset = portal.dataset()
    html = pages.post("operator", step_url(dataset, "submit"), {"note": "Mohon diperiksa"})
    assert state_of(dataset) == "submitted"
    assert "Submit for verification: done. The dataset is now: Submitted." in html
    assert "Mohon diperiksa" in pages.get("verifier", f"/dataset/{dataset['name']}")


def test_a_step_the_user_may_not_take_is_refused_and_changes_nothing(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    html = pages.post("kominfotik", step_url(dataset, "verify_opd"), {})
    assert "You are not allowed to take this workflow step on this dataset." in html
    assert state_of(dataset) == "submitted"


def test_a_return_without_a_reason_is_refused(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    html = pages.post("verifier", step_url(dataset, "request_revision"), {"note": "  "})
    assert "A reason is required for this step." in html
    assert state_of(dataset) == "submitted"


def test_publication_asks_for_confirmation_first(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "approved")
    page = pages.get("walidata", step_url(dataset, "publish"))
    assert "Yes: Publish on the portal" in page
    # a POST without the confirmation only shows the confirmation page again
    page = pages.post("walidata", step_url(dataset, "publish"), {"note": "x"})
    assert "Yes: Publish on the portal" in page
    assert state_of(dataset) == "approved"
    pages.post("walidata", step_url(dataset, "publish"), {"confirmed": "yes"})
    assert state_of(dataset) == "published"
    assert helpers.call_action("package_show", id=dataset["id"])["private"] is False


def test_the_confirmation_page_names_what_stops_publication(portal, pages):
    dataset = portal.dataset(accessRights="terbatas")
    portal.advance(dataset["id"], "approved")
    page = pages.get("walidata", step_url(dataset, "publish"))
    assert "Only data whose access classification is open (terbuka) may be published." in page
    html = pages.post("walidata", step_url(dataset, "publish"), {"confirmed": "yes"})
    assert "Only data whose access classification is open (terbuka) may be published." in html
    assert state_of(dataset) == "approved"


def test_withdrawal_needs_confirmation_and_a_reason(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "published")
    assert 'name="note" rows="3" class="form-control" required' in pages.get(
        "walidata", step_url(dataset, "unpublish")
    )
    html = pages.post("walidata", step_url(dataset, "unpublish"), {"confirmed": "yes"})
    assert "A reason is required for this step." in html
    assert state_of(dataset) == "published"
    pages.post("walidata", step_url(dataset, "unpublish"), {"confirmed": "yes", "note": "Angka salah"})
    assert state_of(dataset) == "revision_requested"


def test_confirmation_pages_are_only_for_who_may_take_the_step(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "approved")
    html = pages.get("kominfotik", step_url(dataset, "publish"))
    assert "Yes: Publish on the portal" not in html
    assert "You are not allowed to take this workflow step on this dataset." in html


def test_anonymous_visitors_are_sent_to_log_in(portal, app):
    dataset = portal.dataset()
    response = app.post(step_url(dataset, "submit"), data={}, follow_redirects=False)
    assert response.status_code in (302, 400)
    response = app.get("/satudata/queue", follow_redirects=False)
    assert response.status_code == 302 and "/user/login" in response.headers["Location"]


def _wait(dataset: dict, days: float) -> None:
    """Pretend the dataset entered its state ``days`` ago."""
    row = model.Session.get(WorkflowState, dataset["id"])
    row.updated = row.updated - datetime.timedelta(days=days)
    model.repo.commit()


def test_the_queue_shows_what_waits_with_counts_overdue_first_and_filters(portal, pages):
    fresh, old, other = (
        portal.dataset(title="Fresh"),
        portal.dataset(title="Old"),
        portal.dataset(title="Later"),
    )
    for dataset in (fresh, old, other):
        portal.advance(dataset["id"], "submitted")
    portal.advance(other["id"], "verified_opd")
    _wait(old, 10)  # over one working day whatever today is
    page = pages.get("kominfotik", "/satudata/queue")
    assert 'data-dataset="' + other["name"] + '"' in page
    assert 'data-dataset="' + fresh["name"] + '"' not in page  # stage 1 is not Wali Data's step
    page = pages.get("verifier", "/satudata/queue")
    rows = re.findall(r'<tr class="([^"]*)" data-dataset="([^"]+)"', page)
    assert [name for _, name in rows] == [old["name"], fresh["name"]]
    assert rows[0][0] == "satudata-overdue" and rows[1][0] == ""
    assert "Overdue" in page
    newest = pages.get("verifier", "/satudata/queue?sort=newest")
    assert [n for _, n in re.findall(r'<tr class="([^"]*)" data-dataset="([^"]+)"', newest)] == [
        fresh["name"],
        old["name"],
    ]
    overdue = pages.get("verifier", "/satudata/queue?overdue=yes")
    assert re.findall(r'data-dataset="([^"]+)"', overdue) == [old["name"]]
    assert "Nothing waits for you." in pages.get("verifier", "/satudata/queue?organization=dinas-pendidikan")


def test_the_queue_filters_by_dssd_element_and_state(portal, pages):
    tagged = portal.dataset()
    plain = portal.dataset()
    package = model.Package.get(tagged["id"])
    package.extras = {**package.extras, "id_dds": "DSSD-01"}
    model.repo.commit()
    for dataset in (tagged, plain):
        portal.advance(dataset["id"], "submitted")
    page = pages.get("verifier", "/satudata/queue?element=DSSD-01")
    assert re.findall(r'data-dataset="([^"]+)"', page) == [tagged["name"]]
    assert '<option value="DSSD-01"' in page
    assert "Nothing waits for you." in pages.get("verifier", "/satudata/queue?state=approved")


def test_bulk_publication_confirms_then_publishes_each_dataset(portal, pages):
    ready = [portal.dataset(), portal.dataset()]
    for dataset in ready:
        portal.advance(dataset["id"], "approved")
    page = pages.get("walidata", "/satudata/queue")
    assert page.count('type="checkbox" name="dataset"') == 2
    # a Kominfotik verifier has nothing to publish: no bulk form
    assert 'type="checkbox"' not in pages.get("kominfotik", "/satudata/queue")
    names = [dataset["name"] for dataset in ready]
    confirm = pages.post("walidata", "/satudata/queue/bulk", {"step": "publish", "dataset": names})
    assert "Yes: Publish on the portal" in confirm
    assert {state_of(dataset) for dataset in ready} == {"approved"}
    done = pages.post(
        "walidata", "/satudata/queue/bulk", {"step": "publish", "dataset": names, "confirmed": "yes"}
    )
    assert "Publish on the portal: done for 2 dataset(s)." in done
    assert {state_of(dataset) for dataset in ready} == {"published"}


def test_bulk_verification_is_not_offered(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    html = pages.post(
        "verifier", "/satudata/queue/bulk", {"step": "verify_opd", "dataset": [dataset["name"]]}
    )
    assert "Choose at least one dataset for this action." in html
    assert state_of(dataset) == "submitted"


def test_my_submissions_shows_what_came_back_and_why(portal, pages):
    returned, waiting = portal.dataset(title="Returned one"), portal.dataset(title="Waiting one")
    portal.advance(returned["id"], "verified_opd")
    portal.advance(waiting["id"], "submitted")
    pages.post("kominfotik", step_url(returned, "request_revision"), {"note": "Kolom tahun kosong"})
    page = pages.get("operator", "/satudata/my-submissions")
    assert re.findall(r'data-dataset="([^"]+)"', page) == [returned["name"], waiting["name"]]
    assert "Kolom tahun kosong" in page
    assert "Kominfotik verifier" in page
    assert "You have no datasets in the workflow." in pages.get("pembina", "/satudata/my-submissions")


@pytest.mark.usefixtures("clean_queues")
def test_findings_show_in_the_sign_off_form_and_need_a_note(portal, pages, create_with_upload, tmp_path):
    dataset = portal.dataset()
    schema = {"fields": [{"name": "kontak", "type": "string"}, {"name": "jumlah", "type": "integer"}]}
    path = corpus.csv_file(tmp_path / "kontak.csv", [["3572014509870003", 40]], header=["kontak", "jumlah"])
    upload(create_with_upload, portal, dataset, path, schema=json.dumps(schema))
    run_worker()
    portal.advance(dataset["id"], "verified_walidata")
    page = pages.get("pembina", f"/dataset/{dataset['name']}")
    assert "The confidentiality scan found 1 possible problem(s):" in page
    assert "looks like a NIK (35************03)" in page
    assert 'id="satudata-sign_off-note"' in page and "Note (required)" in page
    html = pages.post("pembina", step_url(dataset, "sign_off"), {"reason_code": "aggregate_only"})
    assert "say in a note why the data may be published" in html
    assert (
        helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])["signoffs"]["pembina"] is False
    )
    pages.post("pembina", step_url(dataset, "sign_off"), {"reason_code": "other", "note": "NIK kantor"})
    assert (
        helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])["signoffs"]["pembina"] is True
    )
