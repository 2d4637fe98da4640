"""Reports to .xlsx (openpyxl, formatted) and CSV, safe against formula injection."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ckanext.satudatablitar.reports.tables import Cell, Table

# text that a spreadsheet would read as a formula or a command
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
_FLAG_FILL = PatternFill("solid", fgColor="F8CBAD")
_MAX_WIDTH = 60


def safe_text(value: Cell) -> Cell:
    """Text cells never start like a formula: such text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _row(sheet: Any, row: list[Cell], flagged: bool) -> list[Any]:
    """Plain values stream fastest; a flagged row needs cells that carry its fill."""
    values = [safe_text(value) for value in row]
    if not flagged:
        return values
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.fill = _FLAG_FILL
        cells.append(cell)
    return cells


def _width(table: Table, index: int) -> float:
    values = [table.header[index], *(row[index] for row in table.rows[:500])]
    longest = max(len(str(v)) if v is not None else 0 for v in values)
    return min(max(longest + 2, 10), _MAX_WIDTH)


def to_xlsx(tables: list[Table]) -> bytes:
    """One formatted sheet per table: bold coloured header, frozen, filters, widths, problems highlighted.

    Written in openpyxl's streaming (write-only) mode: memory and time grow linearly with the rows.
    """
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.freeze_panes = "A2"
        for index in range(len(table.header)):
            sheet.column_dimensions[get_column_letter(index + 1)].width = _width(table, index)
        if table.rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.header))}{len(table.rows) + 1}"
        header = []
        for title in table.header:
            cell = WriteOnlyCell(sheet, value=safe_text(title))
            cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
            header.append(cell)
        sheet.append(header)
        flags = table.flags or [False] * len(table.rows)
        for row, flagged in zip(table.rows, flags, strict=True):
            sheet.append(_row(sheet, row, flagged))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(table: Table) -> str:
    """One table as CSV (UTF-8 text; dates in ISO format)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_text(h) for h in table.header])
    for row in table.rows:
        writer.writerow(
            [
                value.isoformat(sep=" ")
                if isinstance(value, datetime.datetime)
                else value.isoformat()
                if isinstance(value, datetime.date)
                else safe_text(value)
                for value in row
            ]
        )
    return buffer.getvalue()
