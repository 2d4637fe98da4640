"""Hostile and broken files get a clear error and do no damage (engine.run, in the sandbox)."""

from __future__ import annotations

import os
import zipfile

import pytest

from ckanext.satudatablitar.tabulation import engine

from . import corpus


def refusal(report: dict) -> str:
    """The code of the one error of a refused file."""
    assert report["satudatablitar"]["status"] == "error"
    (error,) = report["tasks"][0]["errors"]
    return error["type"]


def run(path, fmt, limits, schema=corpus.SCHEMA):
    return engine.run(str(path), fmt, schema, limits)


def test_empty_file(tmp_path, limits):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert refusal(run(path, "xlsx", limits)) == "empty-file"


def test_corrupt_zip(tmp_path, limits):
    good = corpus.xlsx(tmp_path / "good.xlsx", corpus.GOOD_ROWS).read_bytes()
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert refusal(run(path, "xlsx", limits)) == "corrupt-file"


def test_damaged_part_inside_a_valid_zip(tmp_path, limits):
    base = corpus.xlsx(tmp_path / "base.xlsx", corpus.GOOD_ROWS)
    path = corpus.rezip(
        base, tmp_path / "damaged.xlsx", replace={"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"}
    )
    assert refusal(run(path, "xlsx", limits)) == "corrupt-file"


def test_decompression_bomb_is_refused_before_parsing(tmp_path, limits):
    path = corpus.bomb_workbook(tmp_path, 64 * 1024 * 1024)
    assert os.path.getsize(path) < 1024 * 1024
    report = run(path, "xlsx", limits.replace(max_uncompressed_bytes=32 * 1024 * 1024))
    assert refusal(report) == "zip-bomb"
    # the ratio guard catches it even under the size limit
    assert refusal(run(path, "xlsx", limits)) == "zip-bomb"


def test_xml_entities_are_refused(tmp_path, limits):
    assert refusal(run(corpus.entity_workbook(tmp_path), "xlsx", limits)) == "xml-doctype"


def test_password_protected_workbook(tmp_path, limits):
    report = run(corpus.encrypted_workbook(tmp_path), "xlsx", limits)
    assert refusal(report) == "password-protected"


def test_macro_workbook_renamed_to_xlsx(tmp_path, limits):
    assert refusal(run(corpus.macro_workbook(tmp_path), "xlsx", limits)) == "macro-workbook"


def test_html_saved_as_xls(tmp_path, limits):
    path = tmp_path / "laporan.xls"
    path.write_text("<html><body><table><tr><td>kecamatan</td></tr></table></body></html>")
    report = run(path, "xls", limits)
    assert refusal(report) == "html-not-spreadsheet"
    assert report["tasks"][0]["errors"][0]["params"] == {"declared": "xls"}


def test_binary_junk_named_xls(tmp_path, limits):
    path = tmp_path / "junk.xls"
    path.write_bytes(os.urandom(4096).replace(b"<", b"x"))
    assert refusal(run(path, "xls", limits)) in ("not-a-table", "not-a-spreadsheet")


def test_file_over_the_size_limit(tmp_path, limits):
    path = corpus.csv_file(tmp_path / "big.csv", corpus.GOOD_ROWS * 100)
    assert refusal(run(path, "csv", limits.replace(max_bytes=1000))) == "file-too-large"


def test_a_million_rows_are_refused_by_the_row_limit(tmp_path, limits):
    path = tmp_path / "million.csv"
    with open(path, "w") as out:
        out.write("kecamatan,tahun,laki_laki,perempuan,jumlah\n")
        line = "Sukorejo,2024,1,2,3\n"
        out.write(line * 1_000_001)
    report = run(path, "csv", limits)
    assert refusal(report) == "too-many-rows"
    assert report["tasks"][0]["errors"][0]["params"]["limit"] == 1_000_000


def test_a_workbook_over_the_row_limit_is_refused_from_its_dimensions(tmp_path, limits):
    path = corpus.xlsx(tmp_path / "long.xlsx", corpus.GOOD_ROWS * 30)
    assert refusal(run(path, "xlsx", limits.replace(max_rows=100))) == "too-many-rows"


def test_memory_limit_stops_the_child_and_the_caller_survives(tmp_path, limits):
    path = tmp_path / "million.csv"
    with open(path, "w") as out:
        out.write("kecamatan,tahun,laki_laki,perempuan,jumlah\n")
        out.writelines(f"Sukorejo,2024,{n},{n},{2 * n}\n" for n in range(1_000_000))
    report = run(path, "csv", limits.replace(max_memory_mb=20), schema={"fields": corpus.SCHEMA["fields"]})
    assert refusal(report) == "memory-limit"
    assert report["tasks"][0]["errors"][0]["params"] == {"limit": 20}
    # this process is unharmed and goes on validating
    small = corpus.csv_file(tmp_path / "small.csv", corpus.GOOD_ROWS)
    assert run(small, "csv", limits)["valid"] is True


def test_time_limit_stops_the_child(tmp_path, limits):
    path = corpus.csv_file(
        tmp_path / "slow.csv", [["Sukorejo", 2000 + n % 20, n, n, 2 * n] for n in range(400_000)]
    )
    report = run(path, "csv", limits.replace(max_seconds=1), schema={"fields": corpus.SCHEMA["fields"]})
    assert refusal(report) == "time-limit"


def test_huge_cell_in_csv(tmp_path, limits):
    path = corpus.csv_file(tmp_path / "huge.csv", [["Sukorejo", 2024, 1, 2, "9" * 100_000]])
    report = run(path, "csv", limits)
    assert refusal(report) == "cell-too-large"
    assert report["tasks"][0]["errors"][0]["params"]["row"] == 2


def test_huge_cell_in_a_workbook_is_shortened_in_the_report(tmp_path, limits):
    path = corpus.xlsx(tmp_path / "huge.xlsx", [["Sukorejo", 2024, 1, 2, "x" * 30_000]])
    report = run(path, "xlsx", limits, schema={"fields": corpus.SCHEMA["fields"]})
    error = next(e for e in report["tasks"][0]["errors"] if e["fieldName"] == "jumlah")
    assert error["type"] == "type-error" and len(error["cell"]) <= 201


def test_windows_1252_csv_with_semicolons_is_read_and_noted(tmp_path, limits):
    schema = {"fields": [{"name": "kelurahan", "type": "string"}, {"name": "jumlah", "type": "integer"}]}
    path = corpus.csv_file(
        tmp_path / "cp1252.csv",
        [["Kauman \u2013 Sukorejo", 5], ["Bendogerit", 7]],
        header=["kelurahan", "jumlah"],
        delimiter=";",
        encoding="cp1252",
    )
    report = run(path, "csv", limits, schema=schema)
    assert report["valid"], report["tasks"][0]["errors"]
    notes = report["satudatablitar"]["notes"]
    assert {"code": "encoding", "encoding": "Windows-1252"} in notes
    assert {"code": "delimiter", "delimiter": ";"} in notes


def test_utf16_tab_separated_text(tmp_path, limits):
    schema = {"fields": [{"name": "kelurahan", "type": "string"}, {"name": "jumlah", "type": "integer"}]}
    path = tmp_path / "utf16.csv"
    path.write_bytes("kelurahan\tjumlah\nSentul\t4\n".encode("utf-16"))
    report = run(path, "csv", limits, schema=schema)
    assert report["valid"], report["tasks"][0]["errors"]


def test_formulas_are_reported_never_evaluated(tmp_path, limits):
    report = run(
        corpus.formula_workbook(tmp_path), "xlsx", limits, schema={"fields": corpus.SCHEMA["fields"]}
    )
    extra = report["satudatablitar"]
    assert extra["formulas_count"] == 2
    assert extra["formulas"] == ["E2", "E4"]
    # openpyxl saves no cached value: the cells read as empty, never as a computed 48500
    assert report["valid"] is True
    assert "formulas" in report["tasks"][0]["warnings"]


def test_a_macro_sheet_is_refused(tmp_path, limits):
    base = corpus.xlsx(tmp_path / "base.xlsx", corpus.GOOD_ROWS)
    path = corpus.rezip(base, tmp_path / "xlm.xlsx", extra={"xl/macrosheets/sheet2.xml": b"<xm/>"})
    assert refusal(run(path, "xlsx", limits)) == "macro-workbook"


def test_a_zip_that_is_not_a_workbook(tmp_path, limits):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refusal(run(path, "xlsx", limits)) == "not-a-spreadsheet"


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_the_sandbox_returns_the_same_report_as_a_direct_check(tmp_path, limits, fmt):
    maker = {"xlsx": corpus.xlsx, "xls": corpus.xls, "csv": corpus.csv_file}[fmt]
    path = maker(tmp_path / f"good.{fmt}", corpus.GOOD_ROWS)
    sandboxed = run(path, fmt, limits)
    direct = engine.check_file(str(path), fmt, corpus.SCHEMA, limits)
    assert sandboxed["tasks"][0]["errors"] == direct["tasks"][0]["errors"] == []
    assert sandboxed["satudatablitar"]["resources"]["peak_rss_mb"] > 0
