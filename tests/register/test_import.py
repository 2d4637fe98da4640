"""Importing the DSSD list from .xlsx/.csv: success, every bad row reported, nothing half-done."""

from __future__ import annotations

import io
import re

import ckan.plugins.toolkit as tk
import openpyxl
import pytest
from ckan.tests import factories, helpers

from ckanext.satudatablitar.register import export, get_element_schema, service

from . import sample

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def run_import(user: dict, content: bytes, filename: str = "dssd.xlsx", **params):
    params.setdefault("year", 2026)
    params.setdefault("decree_number", "100.3.3.3/2026")
    return helpers.call_action(
        "satudatablitar_register_import",
        {"user": user["name"], "ignore_auth": False},
        upload=(filename, io.BytesIO(content)),
        **params,
    )


def test_realistic_list_of_200_elements_imports(opds, walidata_user):
    report = run_import(walidata_user, sample.xlsx(sample.rows(200)), decree_date="2026-01-15")
    assert report["valid"] and report["imported"]
    assert (report["rows"], report["elements"], report["created"], report["errors"]) == (200, 200, 200, [])

    listed = helpers.call_action("satudatablitar_register_element_list", year=2026, limit=1000)
    assert listed["count"] == 200
    assert listed["decree"]["number"] == "100.3.3.3/2026" and listed["decree"]["date"] == "2026-01-15"
    first = listed["results"][0]
    assert first["code"] == "01.001"
    assert first["organization"] == opds["dinkes"]["id"]
    assert first["organization_title"] == "Dinas Kesehatan"
    assert first["frequency"] == "semesteran" and first["level"] == ["kota", "kecamatan"]
    assert get_element_schema("01.001", 2026) == {
        "fields": [
            {"name": "Kecamatan", "type": "string"},
            {"name": "Laki-laki", "type": "integer"},
            {"name": "Perempuan", "type": "integer"},
            {"name": "Jumlah", "type": "integer"},
        ]
    }
    assert get_element_schema("99.999") is None


def test_csv_with_semicolons_imports(opds, walidata_user):
    report = run_import(walidata_user, sample.csv_bytes(sample.rows(20)), filename="dssd.csv")
    assert report["imported"] and report["elements"] == 20


def bad_lines():
    lines = sample.rows(12)
    # row numbers in the sheet: 5 title/blank lines + header, a section line before each OPD
    lines[6][3] = ""  # row 7: no unit
    lines[7][4] = "Dinas Pariwisata"  # row 8: unknown OPD
    lines[9][5] = "Sewaktu-waktu"  # row 10: unknown frequency
    lines[10][6] = "Kota, Provinsi"  # row 11: unknown level
    lines[12][9] = "Kecamatan:teks"  # row 13: unknown column type
    lines[13][1] = lines[12][1]  # row 14: duplicate code of row 13
    lines[15][1] = "02 001"  # row 16: bad code
    return lines


EXPECTED_ERRORS = [
    (7, "Satuan", "This column is empty."),
    (8, "Produsen Data", 'No OPD (organization) is named "Dinas Pariwisata".'),
    (10, "Frekuensi", '"Sewaktu-waktu" is not a known value'),
    (11, "Tingkat Penyajian", '"Provinsi" is not a known value'),
    (13, "Kolom Tabulasi", 'unknown column type "teks"'),
    (14, "Kode Elemen", "Duplicate element code {code} (first on row 13)."),
    (16, "Kode Elemen", "may hold only letters, digits"),
]


def test_dry_run_reports_every_bad_row_and_imports_nothing(opds, walidata_user):
    report = run_import(walidata_user, sample.xlsx(bad_lines()), dry_run=True)
    assert not report["valid"] and not report["imported"]
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(r, c) for r, c, _m in EXPECTED_ERRORS]
    duplicate = bad_lines()[13][1]
    for error, (_row, _column, message) in zip(report["errors"], EXPECTED_ERRORS, strict=True):
        assert message.format(code=duplicate) in error["message"]
    assert service.decrees() == []


def test_bad_list_is_refused_and_the_previous_list_stays(opds, walidata_user):
    run_import(walidata_user, sample.xlsx(sample.rows(12)), decree_number="SK lama")
    with pytest.raises(tk.ValidationError, match=re.escape("Row 8, Produsen Data: No OPD")) as error:
        run_import(walidata_user, sample.xlsx(bad_lines()), decree_number="SK baru")
    assert len(error.value.error_dict["rows"]) == len(EXPECTED_ERRORS)
    assert service.decrees()[0]["number"] == "SK lama"
    assert service.elements(2026)[0] == 12


def test_reimport_replaces_the_year_and_counts_changes(opds, walidata_user):
    run_import(walidata_user, sample.xlsx(sample.rows(16)))
    lines = sample.rows(16)
    del lines[7]  # drop element 01.002
    lines.append([17, "09.001", "Elemen baru", "unit", "Dinas Perhubungan", "Tahunan", "Kota", "", "", ""])
    report = run_import(walidata_user, sample.xlsx(lines))
    assert (report["created"], report["updated"], report["removed"]) == (1, 15, 1)
    assert service.get_element("01.002", 2026) is None
    assert service.get_element("09.001", 2026)["table_schema"] is None
    run_import(walidata_user, sample.xlsx(sample.rows(5)), year=2027)
    assert [d["year"] for d in service.decrees()] == [2027, 2026]
    assert service.get_element("01.001")["year"] == 2027


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("dssd.pdf", b"%PDF", "Upload an .xlsx, .xls or .csv file"),
        ("dssd.xlsx", b"not a workbook", "not a readable Excel workbook"),
    ],
)
def test_unreadable_file_is_refused(walidata_user, filename, content, message):
    with pytest.raises(tk.ValidationError, match=re.escape(message)):
        run_import(walidata_user, content, filename=filename)


def test_list_without_header_row_is_reported(walidata_user):
    report = run_import(walidata_user, sample.xlsx([["Kode", "Nama"], ["1", "x"]]), dry_run=True)
    assert report["errors"][0]["message"].startswith("No header row found")


def test_missing_year_and_decree_number_are_refused(walidata_user):
    with pytest.raises(tk.ValidationError, match="decree_number") as error:
        run_import(walidata_user, b"", year="", decree_number="")
    assert set(error.value.error_dict) >= {"year", "decree_number"}


def test_only_wali_data_may_import(opds):
    operator = factories.User()
    helpers.call_action(
        "organization_member_create", id=opds["dinkes"]["id"], username=operator["name"], role="admin"
    )
    with pytest.raises(tk.NotAuthorized, match="Only Wali Data may import the DSSD list"):
        run_import(operator, sample.xlsx(sample.rows(3)))


def test_import_through_the_http_api_with_a_token(app, opds, walidata_user):
    token = factories.APIToken(user=walidata_user["name"])["token"]
    response = app.post(
        "/api/action/satudatablitar_register_import",
        data={
            "year": "2026",
            "decree_number": "100/2026",
            "upload": (io.BytesIO(sample.xlsx(sample.rows(10))), "dssd.xlsx"),
        },
        headers={"Authorization": token},
    )
    assert response.status_code == 200, response.body
    assert response.json["result"]["elements"] == 10
    anonymous = app.get("/api/action/satudatablitar_register_element_list", query_string={"year": 2026})
    assert anonymous.json["result"]["count"] == 10


def test_export_writes_a_list_the_import_reads_back(opds, walidata_user):
    run_import(walidata_user, sample.xlsx(sample.rows(30)), decree_date="2026-01-15")
    decree = service.get_decree(2026).as_dict()
    _total, elements = service.elements(2026)
    exported = export.workbook_bytes(decree, elements)
    report = run_import(walidata_user, exported, dry_run=True)
    assert report["valid"] and report["elements"] == 30
    run_import(walidata_user, exported)
    assert service.elements(2026)[1] == elements


def test_export_writes_formula_like_text_as_text(opds, walidata_user):
    lines = sample.rows(2)
    lines[6][2] = '=HYPERLINK("http://evil.test","klik")'
    run_import(walidata_user, sample.csv_bytes(lines), filename="dssd.csv")
    decree = service.get_decree(2026).as_dict()
    exported = export.workbook_bytes(decree, service.elements(2026)[1])
    cell = openpyxl.load_workbook(io.BytesIO(exported)).active.cell(6, 3)
    assert cell.data_type == "s" and cell.value == lines[6][2]
