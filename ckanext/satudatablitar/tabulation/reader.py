"""Read a tabulation as rows: python-calamine for workbooks, the csv module for text.

python-calamine (Rust) reads .xlsx, legacy .xls and .ods about ten times faster
than openpyxl's read-only mode (see benchmarks/RESULTS.md) and never evaluates
formulas: it returns the value Excel cached. Formulas in .xlsx are reported
separately from the sheet XML (``formulas.py``).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
from collections.abc import Iterator
from typing import Any

import python_calamine

from .limits import Limits
from .problems import FileProblem

DATA_SHEET = "Data"
METADATA_SHEET = "Metadata"
CSV_DELIMITERS = (",", ";", "\t", "|")
SNIFF_LINES = 50
FALLBACK_ENCODING = "cp1252"


@dataclasses.dataclass
class Table:
    """A sheet as a header and an iterator of ``(row_number, cells)`` (1-based, like Excel)."""

    labels: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[Any]]]
    sheet: str | None = None
    notes: list[dict[str, Any]] = dataclasses.field(default_factory=list)


def open_table(path: str, kind: str, limits: Limits) -> Table:
    """Open the data sheet of a workbook or a CSV file; raise ``FileProblem`` when it cannot be read."""
    if kind == "csv":
        return _open_csv(path, limits)
    return _open_workbook(path, limits)


def pick_sheet(names: list[str]) -> str:
    """The data sheet: the template's ``Data`` sheet if present, else the first that is not metadata."""
    lowered = {name.strip().lower(): name for name in names}
    if DATA_SHEET.lower() in lowered:
        return lowered[DATA_SHEET.lower()]
    for name in names:
        if name.strip().lower() != METADATA_SHEET.lower():
            return name
    raise FileProblem("no-data-sheet")


def _open_workbook(path: str, limits: Limits) -> Table:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(path)
        visible = [
            meta.name
            for meta in workbook.sheets_metadata
            if meta.visible == python_calamine.SheetVisibleEnum.Visible
            and meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        sheet_name = pick_sheet(visible or workbook.sheet_names)
        sheet = workbook.get_sheet_by_name(sheet_name)
    except python_calamine.PasswordError as error:
        raise FileProblem("password-protected") from error
    except (python_calamine.CalamineError, ValueError, OSError) as error:
        raise FileProblem("corrupt-file", detail=str(error)[:200]) from error
    if sheet.total_height > limits.max_rows + 1:
        raise FileProblem("too-many-rows", rows=sheet.total_height - 1, limit=limits.max_rows)
    if sheet.total_width > limits.max_columns:
        raise FileProblem("too-many-columns", columns=sheet.total_width, limit=limits.max_columns)
    first_row = sheet.start[0] + 1 if sheet.start else 1
    numbered = enumerate(sheet.iter_rows(), start=first_row)
    header_row, labels = _header(numbered)
    return Table(labels=labels, header_row=header_row, rows=numbered, sheet=sheet_name)


def _header(numbered: Iterator[tuple[int, list[Any]]]) -> tuple[int, list[str]]:
    """The first non-blank row is the header; trailing blank labels are dropped."""
    for number, cells in numbered:
        labels = [_label(cell) for cell in cells]
        if any(labels):
            while labels and not labels[-1]:
                labels.pop()
            return number, labels
    raise FileProblem("no-header")


def _label(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip() if cell is not None else ""


def _detect_encoding(path: str) -> tuple[str, list[dict[str, Any]]]:
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", []
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", [{"code": "encoding", "encoding": "UTF-16"}]
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return FALLBACK_ENCODING, [{"code": "encoding", "encoding": "Windows-1252"}]
    return "utf-8", []


def _detect_delimiter(lines: list[str]) -> str:
    """The candidate that splits the first lines into the same, largest number of columns."""
    best, best_score = ",", 0
    for delimiter in CSV_DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        except csv.Error:  # an oversized field: the read itself reports it, with its row
            continue
        if not counts or counts[0] < 2:
            continue
        score = counts[0] * sum(1 for count in counts if count == counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _open_csv(path: str, limits: Limits) -> Table:
    encoding, notes = _detect_encoding(path)
    handle = open(path, encoding=encoding, errors="replace", newline="")  # noqa: SIM115 (closed by _csv_rows)
    csv.field_size_limit(limits.max_cell_chars)
    sample = [line for _, line in zip(range(SNIFF_LINES), handle, strict=False)]
    handle.seek(0)
    delimiter = _detect_delimiter(sample)
    if delimiter != ",":
        notes.append({"code": "delimiter", "delimiter": {"\t": "TAB"}.get(delimiter, delimiter)})
    numbered = _csv_rows(handle, delimiter, limits)
    header_row, labels = _header(numbered)
    if len(labels) > limits.max_columns:
        raise FileProblem("too-many-columns", columns=len(labels), limit=limits.max_columns)
    return Table(labels=labels, header_row=header_row, rows=numbered, notes=notes)


def _csv_rows(handle: Any, delimiter: str, limits: Limits) -> Iterator[tuple[int, list[Any]]]:
    with handle:
        reader = csv.reader(handle, delimiter=delimiter)
        number = 0
        try:
            for number, cells in enumerate(reader, start=1):
                if number > limits.max_rows + 1:
                    raise FileProblem("too-many-rows", rows=f">{limits.max_rows}", limit=limits.max_rows)
                yield number, cells
        except csv.Error as error:
            if "field larger" in str(error):
                raise FileProblem("cell-too-large", row=number + 1, limit=limits.max_cell_chars) from error
            raise FileProblem("corrupt-file", detail=f"row {number + 1}: {error}") from error
