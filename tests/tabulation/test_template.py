"""The .xlsx template: headers, frozen row, dropdowns and validations from the schema; metadata sheet."""

from __future__ import annotations

import io
import json

import pytest
from ckan.tests import helpers
from openpyxl import load_workbook

from ckanext.satudatablitar import config
from ckanext.satudatablitar.tabulation import engine, template
from tests.register.conftest import add_elements
from tests.workflow.conftest import act

from . import corpus

SCHEMA = {
    "fields": [
        {
            "name": "kecamatan",
            "title": "Kecamatan",
            "type": "string",
            "constraints": {"required": True, "enum": ["Kepanjenkidul", "Sukorejo", "Sananwetan"]},
        },
        {"name": "tahun", "type": "year"},
        {"name": "jumlah", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "rasio", "type": "number", "constraints": {"minimum": 0, "maximum": 100}},
        {"name": "tanggal", "type": "date"},
        {
            "name": "kelurahan",
            "type": "string",
            "constraints": {"enum": [f"Kelurahan nomor {n}" for n in range(21)]},
        },
    ]
}


def build(metadata_rows=()):
    return load_workbook(io.BytesIO(template.build(SCHEMA, "Metadata", metadata_rows, title="x")))


def test_data_sheet_headers_frozen_row_and_notes():
    workbook = build()
    data = workbook["Data"]
    assert [c.value for c in data[1]] == ["Kecamatan", "tahun", "jumlah", "rasio", "tanggal", "kelurahan"]
    assert data.freeze_panes == "A2"
    assert "wajib diisi / required" in data["A1"].comment.text
    assert workbook["Lists"].sheet_state == "hidden"


def test_dropdowns_and_number_rules_come_from_the_schema():
    data = build()["Data"]
    rules = {str(v.sqref): v for v in data.data_validations.dataValidation}
    assert rules["A2:A10000"].type == "list"
    assert rules["A2:A10000"].formula1 == '"Kepanjenkidul,Sukorejo,Sananwetan"'
    assert (rules["C2:C10000"].type, rules["C2:C10000"].operator, rules["C2:C10000"].formula1) == (
        "whole",
        "greaterThanOrEqual",
        "0",
    )
    assert (rules["D2:D10000"].type, rules["D2:D10000"].formula1, rules["D2:D10000"].formula2) == (
        "decimal",
        "0",
        "100",
    )
    assert rules["E2:E10000"].type == "date"
    # a long list goes to the hidden sheet
    assert rules["F2:F10000"].formula1 == "'Lists'!$F$1:$F$21"


def test_metadata_sheet_layout():
    rows = [
        ("title", "Jumlah Penduduk", "Judul / Title", ""),
        ("accrualPeriodicity", ["tahunan", "bulanan"], "Periode", ""),
    ]
    sheet = build(rows)["Metadata"]
    assert [c.value for c in sheet["A"]][:3] == ["field", "title", "accrualPeriodicity"]
    assert sheet["B2"].value == "Jumlah Penduduk"
    assert any(str(v.sqref) == "B3" for v in sheet.data_validations.dataValidation)


def test_a_filled_template_validates(tmp_path, limits):
    workbook = build()
    data = workbook["Data"]
    data.append(["Sukorejo", 2024, 10, 1.5, corpus.TODAY, "Kelurahan nomor 3"])
    path = tmp_path / "filled.xlsx"
    workbook.save(path)
    report = engine.check_file(str(path), "xlsx", SCHEMA, limits)
    assert report["tasks"][0]["errors"] == []
    assert report["satudatablitar"]["sheet"] == "Data"


@pytest.mark.usefixtures("with_plugins", "clean_queues")
def test_dataset_template_through_the_api_and_the_download_page(portal, app):
    dataset = portal.dataset()
    act(
        portal.name("operator"),
        "resource_create",
        package_id=dataset["id"],
        url="http://example.com/t.csv",
        format="CSV",
        schema=json.dumps(corpus.SCHEMA),
    )
    result = act(portal.name("operator"), "satudatablitar_tabulation_template", package_id=dataset["id"])
    assert result["filename"] == f"template-{dataset['name']}.xlsx"
    token = helpers.call_action(
        "api_token_create", {"user": portal.name("operator")}, user=portal.name("operator"), name="t"
    )
    response = app.get(
        f"/dataset/{dataset['name']}/tabulation/template", headers={"Authorization": token["token"]}
    )
    workbook = load_workbook(io.BytesIO(response.data))
    assert [c.value for c in workbook["Data"][1]] == corpus.HEADER
    metadata = workbook[config.metadata_sheet_name()]
    values = {row[0].value: row[1].value for row in metadata.iter_rows(min_row=2)}
    assert values["title"] == dataset["title"]
    # an unpublished dataset's template is not for outsiders, who are told it does not exist
    assert app.get(f"/dataset/{dataset['name']}/tabulation/template").status_code == 404


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_a_dataset_without_a_schema_has_no_template(portal):
    dataset = portal.dataset()
    with pytest.raises(helpers.logic.NotFound, match="no Table Schema"):
        act(portal.name("operator"), "satudatablitar_tabulation_template", package_id=dataset["id"])


@pytest.mark.usefixtures("with_plugins", "clean_queues")
def test_element_template_from_the_register_page_and_the_dataset_page(portal, app):
    add_elements(2026, [("KES.01", portal.opd["id"])])
    page = app.get("/dssd/2026/element/KES.01")
    assert "/tabulation/template/element/KES.01" in page.body
    response = app.get("/tabulation/template/element/KES.01")
    assert response.headers["Content-Disposition"] == 'attachment; filename="template-KES.01.xlsx"'
    workbook = load_workbook(io.BytesIO(response.data))
    assert [c.value for c in workbook["Data"][1]] == ["Kecamatan", "Jumlah"]
    metadata = {
        row[0].value: row[1].value for row in workbook[config.metadata_sheet_name()].iter_rows(min_row=2)
    }
    assert metadata["id_dds"] == "KES.01"
    assert app.get("/tabulation/template/element/NONE.99").status_code == 404
    # a dataset of the element offers the element's template on its page
    dataset = portal.dataset(id_dds="KES.01")
    token = helpers.call_action(
        "api_token_create", {"user": portal.name("operator")}, user=portal.name("operator"), name="t"
    )
    dataset_page = app.get(f"/dataset/{dataset['name']}", headers={"Authorization": token["token"]})
    assert f"/dataset/{dataset['name']}/tabulation/template" in dataset_page.body
