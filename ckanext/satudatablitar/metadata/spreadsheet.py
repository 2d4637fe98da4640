"""Read the rows of an uploaded .xlsx/.xls/.csv file as lists of cell texts."""

from __future__ import annotations

import csv
import datetime
import io
import os
from typing import IO, Any

import ckan.plugins.toolkit as tk
from python_calamine import CalamineError, CalamineWorkbook

EXCEL_EXTENSIONS = (".xlsx", ".xlsm", ".xls")
CSV_EXTENSIONS = (".csv",)


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet."""


def cell_text(value: Any) -> str:
    """A cell as text: integral floats without ".0", dates as ISO dates, None as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def file_kind(filename: str) -> str:
    """ "excel" or "csv" from the file name; SpreadsheetError for anything else."""
    extension = os.path.splitext(filename.lower())[1]
    if extension in EXCEL_EXTENSIONS:
        return "excel"
    if extension in CSV_EXTENSIONS:
        return "csv"
    raise SpreadsheetError(
        tk._("Upload an .xlsx, .xls or .csv file (got {name}).").format(name=filename or "?")
    )


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(tk._("The CSV file is neither UTF-8 nor Windows-1252 text."))


def read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    # Excel in Indonesian locales writes ";"; the most frequent candidate wins
    delimiter = max(",;\t", key=text.count)
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _workbook(data: bytes) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as error:
        raise SpreadsheetError(
            tk._("The file is not a readable Excel workbook ({error}).").format(error=error)
        ) from error


def sheet_names(data: bytes) -> list[str]:
    return list(_workbook(data).sheet_names)


def read_sheet(data: bytes, sheet: str | None = None) -> list[list[str]]:
    """Rows of one sheet (the first one when ``sheet`` is None); SpreadsheetError if absent."""
    workbook = _workbook(data)
    if sheet is None:
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    else:
        names = {name.strip().lower(): name for name in workbook.sheet_names}
        if sheet.strip().lower() not in names:
            raise SpreadsheetError(tk._('The workbook has no sheet named "{sheet}".').format(sheet=sheet))
        rows = workbook.get_sheet_by_name(names[sheet.strip().lower()]).to_python(skip_empty_area=False)
    return [[cell_text(value) for value in row] for row in rows]


def read_upload(upload: Any) -> tuple[str, bytes]:
    """File name and bytes of an upload: a werkzeug FileStorage, a (name, file) pair or an open file."""
    if isinstance(upload, tuple):
        name, stream = upload
    else:
        name = getattr(upload, "filename", None) or os.path.basename(getattr(upload, "name", "") or "")
        stream = getattr(upload, "stream", upload)
    reader: IO[bytes] = stream
    if not hasattr(reader, "read"):
        raise SpreadsheetError(tk._("No file was uploaded."))
    return name or "", reader.read()


def read_rows(filename: str, data: bytes, sheet: str | None = None) -> list[list[str]]:
    """Rows of a CSV file, or of one sheet of a workbook."""
    if file_kind(filename) == "csv":
        return read_csv(data)
    return read_sheet(data, sheet)
