"""Validation of good and broken tabulations against a Table Schema (engine.check_file)."""

from __future__ import annotations

import copy

import pytest

from ckanext.satudatablitar.tabulation import engine

from . import corpus


def errors_of(report: dict) -> list[tuple]:
    return [(e["type"], e.get("rowNumber"), e.get("fieldName")) for e in report["tasks"][0]["errors"]]


@pytest.mark.parametrize("maker", [corpus.xlsx, corpus.xls, corpus.csv_file])
def test_a_good_tabulation_passes_in_every_format(tmp_path, limits, maker):
    path = maker(tmp_path / f"good.{maker.__name__.replace('_file', '')}", corpus.GOOD_ROWS)
    report = engine.check_file(str(path), path.suffix, corpus.SCHEMA, limits)
    assert errors_of(report) == []
    assert report["valid"] is True
    assert report["satudatablitar"]["status"] == "success"
    assert report["tasks"][0]["stats"]["rows"] == 4


def test_type_required_enum_and_minimum_errors_are_cell_precise(tmp_path, limits):
    rows = copy.deepcopy(corpus.GOOD_ROWS)
    rows[0][2] = "banyak"  # row 2: not an integer
    rows[1][0] = "Kota Lama"  # row 3: not in the enumeration
    rows[2][3] = -5  # row 4: below the minimum
    path = corpus.xlsx(tmp_path / "bad.xlsx", rows)
    report = engine.check_file(str(path), "xlsx", corpus.SCHEMA, limits)
    errors = errors_of(report)
    assert ("type-error", 2, "laki_laki") in errors
    assert ("constraint-error", 3, "kecamatan") in errors
    assert ("constraint-error", 4, "perempuan") in errors
    assert report["satudatablitar"]["status"] == "failure"
    constraint = next(e for e in report["tasks"][0]["errors"] if e["rowNumber"] == 3)
    assert constraint["constraint"] == "enum" and constraint["cell"] == "Kota Lama"


def test_a_missing_required_value_is_reported(tmp_path, limits):
    rows = copy.deepcopy(corpus.GOOD_ROWS)
    rows[1][0] = None
    path = corpus.xlsx(tmp_path / "blank-cell.xlsx", rows)
    report = engine.check_file(str(path), "xlsx", corpus.SCHEMA, limits)
    assert ("constraint-error", 3, "kecamatan") in errors_of(report)
    error = next(e for e in report["tasks"][0]["errors"] if e["rowNumber"] == 3)
    assert error["constraint"] == "required"


def test_header_matches_names_or_titles_in_any_order_and_reports_the_rest(tmp_path, limits):
    schema = copy.deepcopy(corpus.SCHEMA)
    schema["fields"][4]["title"] = "Jumlah Penduduk"
    header = ["Tahun", "kecamatan", "laki laki", "Jumlah Penduduk", "catatan"]
    rows = [[r[1], r[0], r[2], r[4], "x"] for r in corpus.GOOD_ROWS]
    path = corpus.xlsx(tmp_path / "header.xlsx", rows, header=header)
    report = engine.check_file(str(path), "xlsx", schema, limits)
    assert errors_of(report) == [("missing-label", None, "perempuan"), ("extra-label", None, None)]
    assert report["tasks"][0]["errors"][1]["label"] == "catatan"


def test_blank_rows_inside_the_table_are_errors_but_trailing_ones_are_not(tmp_path, limits):
    rows = [corpus.GOOD_ROWS[0], [None] * 5, *corpus.GOOD_ROWS[1:], [None] * 5, [None] * 5]
    path = corpus.csv_file(tmp_path / "blank.csv", rows)
    report = engine.check_file(str(path), "csv", corpus.SCHEMA, limits)
    assert errors_of(report) == [("blank-row", 3, None)]


def test_duplicate_rows_and_keys(tmp_path, limits):
    rows = [*corpus.GOOD_ROWS[:3], corpus.GOOD_ROWS[0], ["Sukorejo", 2024, 1, 2, 3], corpus.GOOD_ROWS[3]]
    path = corpus.xlsx(tmp_path / "dup.xlsx", rows)
    report = engine.check_file(str(path), "xlsx", corpus.SCHEMA, limits)
    errors = report["tasks"][0]["errors"]
    assert {"type": "duplicate-row", "rowNumber": 5, "note": "2", "duplicateOf": 2} in errors
    assert any(e["type"] == "primary-key" and e["rowNumber"] == 6 and e["duplicateOf"] == 3 for e in errors)


def test_unique_field(tmp_path, limits):
    schema = {
        "fields": [
            {"name": "kode", "type": "string", "constraints": {"unique": True}},
            {"name": "n", "type": "integer"},
        ]
    }
    path = corpus.csv_file(tmp_path / "u.csv", [["a", 1], ["b", 2], ["a", 3]], header=["kode", "n"])
    report = engine.check_file(str(path), "csv", schema, limits)
    assert errors_of(report) == [("unique-error", 4, "kode")]


def test_declared_totals_are_checked(tmp_path, limits):
    rows = copy.deepcopy(corpus.GOOD_ROWS)
    rows[0][4] = 48000  # row 2: jumlah is not laki_laki + perempuan
    rows[3][2] = 83000  # row 5: total row does not add up
    path = corpus.xlsx(tmp_path / "totals.xlsx", rows)
    report = engine.check_file(str(path), "xlsx", corpus.SCHEMA, limits)
    errors = report["tasks"][0]["errors"]
    row_sum = next(e for e in errors if e["rowNumber"] == 2)
    assert (row_sum["type"], row_sum["fieldName"], row_sum["expected"]) == ("total-mismatch", "jumlah", 48500)
    assert any(e["rowNumber"] == 5 and e["fieldName"] == "laki_laki" for e in errors)
    # the total row's own jumlah (167900) now disagrees with its parts and with the column sum
    assert {e["fieldName"] for e in errors if e["rowNumber"] == 5} >= {"laki_laki", "jumlah"}


def test_a_missing_total_row_is_reported(tmp_path, limits):
    path = corpus.xlsx(tmp_path / "no-total.xlsx", corpus.GOOD_ROWS[:3])
    report = engine.check_file(str(path), "xlsx", corpus.SCHEMA, limits)
    assert errors_of(report) == [("total-row-missing", None, None)]
    assert report["tasks"][0]["errors"][0]["label"] == "Jumlah"


def test_short_and_long_csv_rows(tmp_path, limits):
    path = tmp_path / "ragged.csv"
    path.write_text(
        "kecamatan,tahun,laki_laki,perempuan,jumlah\nSukorejo,2024,1,2\nSananwetan,2024,1,2,3,99\n"
    )
    schema = {"fields": corpus.SCHEMA["fields"]}
    report = engine.check_file(str(path), "csv", schema, limits)
    errors = errors_of(report)
    assert ("missing-cell", 2, "jumlah") in errors
    assert ("extra-cell", 3, None) in errors


def test_without_a_schema_the_structure_is_checked_and_the_report_fails(tmp_path, limits):
    path = corpus.csv_file(tmp_path / "noschema.csv", [*corpus.GOOD_ROWS, corpus.GOOD_ROWS[0]])
    report = engine.check_file(str(path), "csv", None, limits)
    assert errors_of(report) == [("no-schema", None, None), ("duplicate-row", 6, None)]


def test_an_invalid_schema_is_the_portals_problem(tmp_path, limits):
    path = corpus.csv_file(tmp_path / "x.csv", corpus.GOOD_ROWS)
    with pytest.raises(ValueError, match="type"):
        engine.run(str(path), "csv", {"fields": [{"name": "a", "type": "nonsense"}]}, limits)


def test_the_error_list_is_capped_but_every_error_is_counted(tmp_path, limits):
    rows = [["Sukorejo", 2000 + n, "x", 1, 1] for n in range(50)]
    path = corpus.csv_file(tmp_path / "many.csv", rows)
    report = engine.check_file(
        str(path), "csv", {"fields": corpus.SCHEMA["fields"]}, limits.replace(max_errors=10)
    )
    assert len(report["tasks"][0]["errors"]) == 10
    assert report["stats"]["errors"] == 50


def test_dates_from_csv_and_excel(tmp_path, limits):
    path = corpus.dates_csv(tmp_path)
    assert engine.check_file(str(path), "csv", corpus.DATE_SCHEMA, limits)["valid"]
    xlsx_path = corpus.xlsx(tmp_path / "dates.xlsx", [[corpus.TODAY, 3]], header=["tanggal", "kasus"])
    assert errors_of(engine.check_file(str(xlsx_path), "xlsx", corpus.DATE_SCHEMA, limits)) == []


def test_codes_typed_as_numbers_in_excel_are_read_as_text(tmp_path, limits):
    schema = {"fields": [{"name": "kode", "type": "string", "constraints": {"pattern": "35[0-9]{2}"}}]}
    path = corpus.xlsx(tmp_path / "codes.xlsx", [[3572], [3573]], header=["kode"])
    assert errors_of(engine.check_file(str(path), "xlsx", schema, limits)) == []
