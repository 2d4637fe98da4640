"""The SOP through a real browser (Playwright on Debian's Chromium) against gunicorn.

Every step is done the way a person does it: logging in through the login form, the standard
dataset form with an .xlsx upload, the workflow panel's buttons and forms. A screenshot of each
step is kept in test-artifacts/browser/<test>/.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from ckan import model
from ckan.tests import helpers

from tests.tabulation import corpus
from tests.tabulation.test_job import run_worker
from tests.ui.browser import Shots, login

pytestmark = [pytest.mark.usefixtures("with_plugins", "clean_queues")]


def state_of(name: str) -> str:
    model.Session.remove()  # the portal changed the database from other processes
    return helpers.call_action("satudatablitar_workflow_show", id=name)["state"]


def take_step(page: Any, dataset: str, step: str, note: str = "", reason: str = "") -> str:
    """Open the dataset page and take ``step`` through its form in the workflow panel."""
    page.goto(f"/dataset/{dataset}")
    details = page.locator(f"details.satudata-step-{step}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    if reason:
        details.locator("select[name=reason_code]").select_option(reason)
    if note:
        details.locator("textarea[name=note]").fill(note)
    with page.expect_navigation():
        details.locator("button[type=submit]").click()
    return page.locator(".flash-messages").inner_text()


def choose(page: Any, selector: str, value: str) -> None:
    """Pick an option of a select, also one CKAN 2.11 hides behind its autocomplete widget."""
    page.select_option(selector, value, force=True)


def create_with_form(page: Any, name: str, tmp_path: Any) -> None:
    """The operator fills the standard dataset form and uploads the tabulation (.xlsx)."""
    page.goto("/dataset/new")
    page.fill("#field-title", "Jumlah Penduduk Menurut Kecamatan")
    page.locator(".slug-preview button").click()  # the URL field hides behind "Edit" (slug preview)
    page.fill("#field-name", name)
    page.fill("#field-notes", "Jumlah penduduk per kecamatan pada akhir tahun.")
    choose(page, "#field-theme", "perlindungan-sosial-dan-kesehatan")
    page.fill("#field-konsep", "Penduduk")
    page.fill("#field-ukuran", "Jumlah penduduk")
    page.fill("#field-satuan", "jiwa")
    page.check("#field-tingkat_penyajian-kota")
    page.check("#field-tingkat_penyajian-kecamatan")
    choose(page, "#field-kode_wilayah", "35.72.01")
    page.fill("#field-tahun_data_mulai", "2020")
    page.fill("#field-tahun_data_selesai", "2025")
    choose(page, "#field-accrualPeriodicity", "tahunan")
    choose(page, "#field-accessRights", "terbuka")
    choose(page, "#field-license_id", "cc-by")
    page.fill("#field-author", "Seksi Data")
    page.fill("#field-author_email", "data@opd.example.go.id")
    page.fill("#field-maintainer", "Diskominfotik")
    page.fill("#field-maintainer_email", "walidata@example.go.id")
    with page.expect_navigation():
        page.click("button[name=save]")
    xlsx = corpus.xlsx(tmp_path / "penduduk.xlsx", corpus.GOOD_ROWS)
    page.set_input_files("input[type=file][name=upload]", str(xlsx))
    page.fill("#field-name", "penduduk.xlsx")
    page.fill("#field-schema", json.dumps(corpus.SCHEMA))
    with page.expect_navigation():
        page.click("button[name=save][value=go-metadata]")


def test_the_whole_sop_through_the_browser(browser, site, portal, tmp_path):
    shots = Shots("sop")
    name = "penduduk-" + uuid.uuid4().hex[:8]
    operator = login(browser, site, "operator")
    create_with_form(operator, name, tmp_path)
    shots.take(operator, "operator created the dataset with the form")
    assert state_of(name) == "draft"
    run_worker()  # the tabulation's validation job, in a real `ckan jobs worker` process

    operator.goto(f"/dataset/{name}")
    assert operator.locator(".satudata-state").first.inner_text() == "Draft"
    shots.take(operator, "draft seen by the operator")
    assert "done" in take_step(operator, name, "submit", note="Data akhir tahun 2025")
    shots.take(operator, "operator submitted")
    assert state_of(name) == "submitted"

    verifier = login(browser, site, "verifier")
    verifier.goto("/satudata/queue")
    shots.take(verifier, "opd verifier queue")
    with verifier.expect_navigation():
        verifier.click(f"tr[data-dataset='{name}'] a")
    assert verifier.locator(".satudata-timeline").is_visible()
    shots.take(verifier, "opd verifier sees the panel")
    take_step(verifier, name, "verify_opd", note="Sesuai")
    assert state_of(name) == "verified_opd"

    kominfotik = login(browser, site, "kominfotik")
    take_step(kominfotik, name, "verify_walidata")
    shots.take(kominfotik, "kominfotik verified stage 2")
    assert state_of(name) == "verified_walidata"

    wali = login(browser, site, "kominfotik2")
    take_step(wali, name, "sign_off", reason="aggregate_only", note="Agregat kecamatan")
    shots.take(wali, "wali data signed off confidentiality")
    pembina = login(browser, site, "pembina")
    pembina.goto(f"/dataset/{name}")
    shots.take(pembina, "pembina sees the wali data sign-off")
    pembina.goto(f"/id/dataset/{name}")
    assert pembina.locator(".satudata-workflow h2").inner_text().startswith("Alur kerja publikasi")
    shots.take(pembina, "the same page in bahasa indonesia")
    take_step(pembina, name, "sign_off", reason="no_confidential_content")
    assert state_of(name) == "approved"

    walidata = login(browser, site, "walidata")
    walidata.goto(f"/dataset/{name}")
    with walidata.expect_navigation():
        walidata.locator("details.satudata-step-publish a.btn").click()
    shots.take(walidata, "walidata confirms publication")
    assert state_of(name) == "approved"  # nothing happens before the confirmation
    with walidata.expect_navigation():
        walidata.click("button:has-text('Yes: Publish on the portal')")
    shots.take(walidata, "published")
    assert state_of(name) == "published"

    visitor = browser.new_context(base_url=site).new_page()
    visitor.goto(f"/dataset/{name}")
    assert visitor.locator("h1").first.inner_text().startswith("Jumlah Penduduk Menurut Kecamatan")
    assert visitor.locator("[data-state=published]").is_visible()
    assert visitor.locator(".satudata-timeline").count() == 0
    visitor.goto("/dataset/?q=" + name)
    assert visitor.locator(f"a[href*='{name}']").count() >= 1
    shots.take(visitor, "anonymous visitor sees the published dataset")


def test_a_revision_round_trip(browser, site, portal):
    shots = Shots("revision")
    dataset = portal.dataset(title="Angka Partisipasi Sekolah")
    name = dataset["name"]
    operator = login(browser, site, "operator")
    take_step(operator, name, "submit")
    verifier = login(browser, site, "verifier")
    take_step(verifier, name, "request_revision", note="Tahun 2024 belum diisi")
    shots.take(verifier, "verifier returned the dataset")
    assert state_of(name) == "revision_requested"

    operator.goto("/satudata/my-submissions")
    returned = operator.locator(f"li[data-dataset='{name}']")
    assert "Tahun 2024 belum diisi" in returned.inner_text()
    shots.take(operator, "operator sees why in my submissions")
    operator.goto(f"/dataset/edit/{name}")
    operator.fill("#field-satuan", "persen")
    with operator.expect_navigation():
        operator.click("button[name=save]")
    take_step(operator, name, "submit", note="Sudah dilengkapi")
    shots.take(operator, "operator submitted again")
    assert state_of(name) == "submitted"
    model.Session.remove()
    assert helpers.call_action("package_show", id=name)["satuan"] == "persen"


def test_phone_width_and_keyboard(browser, site, portal):
    shots = Shots("phone")
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    page = login(browser, site, "verifier", viewport={"width": 375, "height": 812}, is_mobile=True)
    page.goto(f"/dataset/{dataset['name']}")
    # nothing in the panel is wider than the panel, and the panel no wider than the screen
    # (plus CKAN's own layout gutters)
    panel = page.locator(".satudata-workflow")
    assert panel.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert panel.bounding_box()["width"] <= 375 + 12
    shots.take(page, "panel at phone width")
    # keyboard only: Tab to the first step, open it, write the note, send it
    summary = page.locator("details.satudata-step-verify_opd > summary")
    for _ in range(200):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError("the step cannot be reached with the Tab key")
    if page.locator("details.satudata-step-verify_opd").get_attribute("open") is None:
        page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Diperiksa dengan papan ketik")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert state_of(dataset["name"]) == "verified_opd"

    page.goto("/satudata/queue")
    queue = page.locator(".satudata-queue")
    assert queue.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert queue.bounding_box()["width"] <= 375 + 12
    shots.take(page, "queue at phone width")


def test_cookie_sessions_see_the_queue_badge_and_need_the_csrf_token(browser, site, portal):
    shots = Shots("session")
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    page = login(browser, site, "verifier")
    page.goto("/dataset/")
    assert page.locator(".satudata-queue-link .satudata-queue-count").inner_text() == "1"
    page.goto("/dashboard/datasets")
    assert page.locator(".satudata-queue-count").count() == 2
    assert page.locator("a[href='/satudata/my-submissions']").count() >= 1
    shots.take(page, "dashboard with the review queue tab")
    url = f"/dataset/{dataset['name']}/workflow/verify_opd"
    refused = page.request.post(url, form={"note": "tanpa token"}, max_redirects=0)
    assert refused.status == 400
    assert state_of(dataset["name"]) == "submitted"
    page.goto(f"/dataset/{dataset['name']}")
    token = page.locator("details.satudata-step-verify_opd input[name=_csrf_token]").get_attribute("value")
    accepted = page.request.post(url, form={"note": "dengan token", "_csrf_token": token}, max_redirects=0)
    assert accepted.status == 302
    assert state_of(dataset["name"]) == "verified_opd"

    pembina = login(browser, site, "pembina")
    pembina.goto("/dataset/")
    assert pembina.locator(".satudata-queue-link").count() == 1
    assert pembina.locator(".satudata-queue-count").count() == 0
