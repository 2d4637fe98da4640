"""Filling a dataset from the metadata sheet of a tabulation workbook or a separate file."""

from __future__ import annotations

import io
import re

import ckan.plugins.toolkit as tk
import openpyxl
import pytest
from ckan.tests import factories, helpers

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

SHEET = [
    ["Unsur Metadata", "Isian"],
    ["Konsep", "Penduduk"],
    ["Measure", "Jumlah penduduk"],  # English label
    ["satuan", "jiwa"],  # field name
    ["Periode Data / Jadwal Pemutakhiran", "Tahunan"],  # label -> vocabulary value
    ["Tingkat Penyajian", "Kota, Kecamatan"],
    ["Kode Wilayah", "Kepanjenkidul"],  # area name -> code
    ["Tahun Data (awal)", 2020],
    ["Tahun Data (akhir)", 2025],
    ["Variabel Disagregasi", "Jenis kelamin; Kecamatan"],
    ["Akses Data", "Rahasia"],  # not in the vocabulary
    ["E-mail Produsen Data", "bukan-email"],  # refused by the schema
    ["Nama Pejabat", "Budi"],  # unknown label
    ["Sumber Data", ""],  # empty: neither filled nor reported
]


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def operator_and_dataset():
    operator = factories.User()
    org = factories.Organization(users=[{"name": operator["name"], "capacity": "editor"}])
    dataset = helpers.call_action(
        "package_create",
        {"user": operator["name"]},
        name="penduduk",
        title="Penduduk",
        owner_org=org["id"],
        author_email="lama@example.go.id",
    )
    return operator, dataset


def run(user, dataset, content, filename="tabulasi.xlsx", **params):
    return helpers.call_action(
        "satudatablitar_metadata_import",
        {"user": user["name"], "ignore_auth": False},
        id=dataset["id"],
        upload=(filename, io.BytesIO(content)),
        **params,
    )


def test_tabulation_workbook_fills_the_dataset_and_reports_the_rest(operator_and_dataset):
    operator, dataset = operator_and_dataset
    content = workbook({"Data": [["Kecamatan", "Jumlah"], ["Sukorejo", 1]], "Metadata": SHEET})
    result = run(operator, dataset, content)

    assert result["filled"] == {
        "konsep": "Penduduk",
        "ukuran": "Jumlah penduduk",
        "satuan": "jiwa",
        "accrualPeriodicity": "tahunan",
        "tingkat_penyajian": ["kota", "kecamatan"],
        "kode_wilayah": "35.72.01",
        "tahun_data_mulai": "2020",
        "tahun_data_selesai": "2025",
        "klasifikasi_penyajian": ["Jenis kelamin", "Kecamatan"],
    }
    assert [(i["row"], i["label"]) for i in result["ignored"]] == [(13, "Nama Pejabat")]
    assert [(i["row"], i["field"]) for i in result["invalid"]] == [(11, "accessRights"), (12, "author_email")]
    assert "Not a known value" in result["invalid"][0]["message"]
    assert "not a valid format" in result["invalid"][1]["message"]

    shown = helpers.call_action("package_show", id=dataset["id"])
    for field, value in result["filled"].items():
        assert shown[field] == value, field
    assert shown["author_email"] == "lama@example.go.id"
    assert not shown.get("accessRights")


def test_dry_run_reports_without_changing_the_dataset(operator_and_dataset):
    operator, dataset = operator_and_dataset
    result = run(operator, dataset, workbook({"Metadata": SHEET}), dry_run=True)
    assert result["filled"]["konsep"] == "Penduduk" and result["dataset"] is None
    assert helpers.call_action("package_show", id=dataset["id"]).get("konsep") in (None, "")


def test_separate_metadata_file_with_one_sheet_of_any_name(operator_and_dataset):
    operator, dataset = operator_and_dataset
    result = run(operator, dataset, workbook({"Sheet1": [["Satuan", "orang"]]}), filename="metadata.xlsx")
    assert result["filled"] == {"satuan": "orang"}


def test_two_column_csv_is_accepted(operator_and_dataset):
    operator, dataset = operator_and_dataset
    result = run(
        operator, dataset, b"Unsur Metadata;Isian\nSatuan;unit\nUkuran;Jumlah\n", filename="meta.csv"
    )
    assert result["filled"] == {"satuan": "unit", "ukuran": "Jumlah"}


def test_workbook_without_a_metadata_sheet_is_refused(operator_and_dataset):
    operator, dataset = operator_and_dataset
    content = workbook({"Data": [["a"]], "Catatan": [["b"]]})
    with pytest.raises(tk.ValidationError, match=re.escape('The workbook has no sheet named "Metadata"')):
        run(operator, dataset, content)


def test_user_who_cannot_edit_the_dataset_is_refused(operator_and_dataset):
    _operator, dataset = operator_and_dataset
    reader = factories.User()
    helpers.call_action(
        "organization_member_create", id=dataset["owner_org"], username=reader["name"], role="member"
    )
    with pytest.raises(tk.NotAuthorized):
        run(reader, dataset, workbook({"Metadata": SHEET}))
    # the unpublished dataset does not exist for an outsider
    with pytest.raises(tk.ObjectNotFound):
        run(factories.User(), dataset, workbook({"Metadata": SHEET}))
    assert helpers.call_action("package_show", id=dataset["id"]).get("konsep") in (None, "")


def test_the_portals_tabulation_template_is_read_back(app, operator_and_dataset):
    from tests.register.conftest import add_elements

    operator, dataset = operator_and_dataset
    add_elements(2026, [("KES.01", dataset["owner_org"])])
    template = app.get("/tabulation/template/element/KES.01").data
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["Metadata"]
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    sheet.cell(rows["satuan"], 2, "jiwa")
    sheet.cell(rows["accrualPeriodicity"], 2, "tahunan")
    buffer = io.BytesIO()
    book.save(buffer)

    result = run(operator, dataset, buffer.getvalue())
    assert result["filled"] == {"id_dds": "KES.01", "satuan": "jiwa", "accrualPeriodicity": "tahunan"}
    assert result["ignored"] == [] and result["invalid"] == []
