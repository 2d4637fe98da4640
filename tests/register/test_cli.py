"""`ckan satudata dssd import / export / list`."""

from __future__ import annotations

import io

import openpyxl
import pytest
from ckan.cli.cli import ckan

from ckanext.satudatablitar.register import service

from . import sample

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_import_check_export_and_list(cli, opds, tmp_path):
    good = tmp_path / "dssd.xlsx"
    good.write_bytes(sample.xlsx(sample.rows(25)))
    bad_lines = sample.rows(5)
    bad_lines[6][5] = "Kadang-kadang"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(sample.csv_bytes(bad_lines))

    result = cli.invoke(
        ckan, ["satudata", "dssd", "import", str(bad), "--year", "2026", "--decree-number", "SK 1"]
    )
    assert result.exit_code != 0
    assert 'row 7, Frekuensi: "Kadang-kadang" is not a known value' in result.output
    assert "1 problems found; nothing was imported." in result.output
    assert service.decrees() == []

    args = ["satudata", "dssd", "import", str(good), "--year", "2026", "--decree-number", "SK 1"]
    result = cli.invoke(ckan, [*args, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "25 elements, no problems found (dry run: nothing imported)." in result.output
    assert service.decrees() == []

    result = cli.invoke(ckan, [*args, "--decree-date", "2026-01-15"])
    assert result.exit_code == 0, result.output
    assert "DSSD 2026: 25 elements imported (25 new, 0 kept, 0 removed)." in result.output

    output = tmp_path / "out.xlsx"
    result = cli.invoke(ckan, ["satudata", "dssd", "export", "2026", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(io.BytesIO(output.read_bytes())).active.max_row == 5 + 25

    result = cli.invoke(ckan, ["satudata", "dssd", "list"])
    assert result.output.strip() == "2026\tSK 1\t2026-01-15\t25"
    result = cli.invoke(ckan, ["satudata", "dssd", "export", "1990", "--output", str(output)])
    assert result.exit_code != 0 and "There is no DSSD list for 1990." in result.output
