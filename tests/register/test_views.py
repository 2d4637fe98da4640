"""The DSSD register pages, the import page of Wali Data and the .xlsx export."""

from __future__ import annotations

import io

import openpyxl
import pytest
from ckan.tests import factories, helpers

from . import sample

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def auth(user: dict) -> dict:
    return {"Authorization": factories.APIToken(user=user["name"])["token"]}


@pytest.fixture
def imported(opds, walidata_user):
    helpers.call_action(
        "satudatablitar_register_import",
        {"user": walidata_user["name"], "ignore_auth": False},
        upload=("dssd.xlsx", io.BytesIO(sample.xlsx(sample.rows(16)))),
        year=2026,
        decree_number="100.3.3.3/2026",
    )
    sysadmin = factories.Sysadmin()
    helpers.call_action(
        "package_create",
        {"user": sysadmin["name"]},
        name="penduduk-2025",
        title="Jumlah Penduduk 2025",
        owner_org=opds["dinkes"]["id"],
        id_dds="01.001",
        tahun_data_mulai="2025",
        tahun_data_selesai="2026",
    )
    return sysadmin


def test_list_page_shows_elements_and_fulfilment(app, imported):
    page = app.get("/dssd/", headers=auth(imported))
    assert "100.3.3.3/2026" in page.body
    assert "01.001" in page.body and "Dinas Kesehatan" in page.body
    listing = helpers.call_action(
        "satudatablitar_register_element_list", {"user": imported["name"]}, year=2026, q="01.001"
    )
    assert listing["results"][0]["datasets"] == 1


def test_element_page_shows_the_datasets_that_fulfil_it(app, imported):
    page = app.get("/dssd/2026/element/01.001", headers=auth(imported))
    assert "Jumlah Penduduk 2025" in page.body
    assert app.get("/dssd/2026/element/77.777", status=404)


def test_element_show_hides_datasets_the_user_cannot_see(imported):
    dataset = helpers.call_action("package_show", id="penduduk-2025")
    outsider = factories.User()
    shown = helpers.call_action(
        "satudatablitar_register_element_show",
        {"user": outsider["name"], "ignore_auth": False},
        code="01.001",
    )
    visible = helpers.call_action("package_search", {"user": outsider["name"]}, fq='id_dds:"01.001"')["count"]
    assert len(shown["datasets"]) == visible
    if dataset["private"]:
        assert shown["datasets"] == []


def test_export_downloads_the_year_as_xlsx(app, imported):
    response = app.get("/dssd/2026/export.xlsx")
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet.cell(5, 2).value == "Kode Elemen"
    assert sheet.cell(6, 2).value == "01.001"
    assert sheet.max_row == 5 + 16
    app.get("/dssd/1999/export.xlsx", status=404)


def test_import_page_is_for_wali_data_only(app, opds, walidata_user):
    app.get("/dssd/import", status=403)
    app.get("/dssd/import", headers=auth(factories.User()), status=403)
    assert "Check only" in app.get("/dssd/import", headers=auth(walidata_user)).body


def test_import_page_checks_then_imports(app, opds, walidata_user):
    lines = sample.rows(8)
    lines[6][3] = ""
    form = {"year": "2026", "decree_number": "SK 1", "dry_run": "on"}
    page = app.post(
        "/dssd/import",
        data={**form, "upload": (io.BytesIO(sample.xlsx(lines)), "dssd.xlsx")},
        headers=auth(walidata_user),
    )
    assert "1 problems found; nothing was imported." in page.body
    assert "This column is empty." in page.body

    del form["dry_run"]
    page = app.post(
        "/dssd/import",
        data={**form, "upload": (io.BytesIO(sample.xlsx(sample.rows(8))), "dssd.xlsx")},
        headers=auth(walidata_user),
        follow_redirects=False,
    )
    assert page.status_code == 302 and "/dssd/?year=2026" in page.headers["Location"]
    assert helpers.call_action("satudatablitar_register_element_list", year=2026)["count"] == 8
