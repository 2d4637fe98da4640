"""The confidentiality scan: identifiers and small cells, cell-precise and masked."""

from __future__ import annotations

import pytest

from ckanext.satudatablitar.tabulation import engine, scan

from . import corpus


@pytest.mark.parametrize(
    ("digits", "plausible"),
    [
        ("3572014509870003", True),  # Jawa Timur, woman born 05-09-87
        ("3572011209870003", True),  # man born 12-09-87
        ("9972011209870003", False),  # no province 99
        ("3572013209870003", False),  # day 32
        ("3572017209870003", False),  # day 72 (31 + 40 is the last)
        ("3572011213870003", False),  # month 13
    ],
)
def test_nik_plausibility(digits, plausible):
    assert scan.plausible_nik(digits) is plausible


def test_masking_keeps_only_the_ends():
    assert scan.mask("3572014509870003") == "35************03"
    assert scan.mask("abc") == "***"


def findings(tmp_path, limits, header, rows, schema=None):
    path = corpus.csv_file(tmp_path / "scan.csv", rows, header=header)
    report = engine.check_file(str(path), "csv", schema, limits)
    return [(f["kind"], f["rowNumber"], f["fieldNumber"]) for f in report["satudatablitar"]["findings"]]


def test_identifiers_in_text_cells(tmp_path, limits):
    rows = [
        ["warga 3572014509870003 pindah", "x"],
        ["telp 0812-3456-7890", "hubungi +62 341 801234"],
        ["kirim ke siti.aminah@dinas.go.id", "-"],
        ["rekening 1234567890123456", "NIK 9972011209870003"],
    ]
    assert findings(tmp_path, limits, ["catatan", "kontak"], rows) == [
        ("nik", 2, 1),
        ("phone", 3, 1),
        ("phone", 3, 2),
        ("email", 4, 1),
    ]


@pytest.mark.parametrize(
    ("label", "flagged"),
    [
        ("Nama", True),
        ("nama_lengkap", True),
        ("NIK", True),
        ("Alamat", True),
        ("No HP", True),
        ("Tanggal Lahir", True),
        ("Nama Kecamatan", False),
        ("nama_sekolah", False),
        ("Alamat Kantor", False),
        ("Jumlah", False),
    ],
)
def test_identifier_columns_by_name(tmp_path, limits, label, flagged):
    found = findings(tmp_path, limits, [label, "jumlah"], [["a", 10]])
    assert (("identifier-column", None, 1) in found) is flagged


def test_small_cells_in_count_columns_only(tmp_path, limits):
    schema = {
        "fields": [
            {"name": "kelurahan", "type": "string"},
            {"name": "tahun", "type": "integer"},
            {"name": "kasus", "type": "integer"},
            {"name": "rasio", "type": "number"},
            {"name": "kode", "type": "integer", "satudatablitar:count": False},
            {"name": "pasien", "type": "string", "satudatablitar:count": True},
        ]
    }
    rows = [["Sentul", 2, 0, 1.5, 1, "7"], ["Klampok", 2024, 2, 0.5, 2, "9"], ["Kauman", 2024, 1, 2, 1, "12"]]
    header = [f["name"] for f in schema["fields"]]
    assert findings(tmp_path, limits, header, rows, schema) == [("small-cell", 3, 3), ("small-cell", 4, 3)]


def test_the_threshold_is_configurable(tmp_path, limits):
    schema = {"fields": [{"name": "kelurahan", "type": "string"}, {"name": "kasus", "type": "integer"}]}
    rows = [["Sentul", 4], ["Klampok", 5]]
    path = corpus.csv_file(tmp_path / "t.csv", rows, header=["kelurahan", "kasus"])
    report = engine.check_file(str(path), "csv", schema, limits.replace(small_cell_threshold=5))
    assert [f["rowNumber"] for f in report["satudatablitar"]["findings"]] == [2]


def test_a_nik_typed_as_a_number_in_excel_is_found(tmp_path, limits):
    schema = {"fields": [{"name": "penerima", "type": "string"}, {"name": "jumlah", "type": "integer"}]}
    path = corpus.xlsx(tmp_path / "n.xlsx", [[3572014509870003, 100]], header=["penerima", "jumlah"])
    report = engine.check_file(str(path), "xlsx", schema, limits)
    assert [(f["kind"], f["cell"]) for f in report["satudatablitar"]["findings"]] == [
        ("nik", "35************03")
    ]
