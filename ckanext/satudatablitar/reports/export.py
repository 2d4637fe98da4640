"""Reports to .xlsx (openpyxl, formatted) and CSV, safe against formula injection."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ckanext.satudatablitar.reports.tables import Cell, Table

# text that a spreadsheet would read as a formula or a command
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_FLAG_FILL = PatternFill("solid", fgColor="F8CBAD")
_MAX_WIDTH = 60


def safe_text(value: Cell) -> Cell:
    """Text cells never start like a formula: such text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _format(cell: Any) -> None:
    if isinstance(cell.value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(cell.value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(cell.value, str):
        cell.data_type = "s"  # text stays text, whatever it looks like


def to_xlsx(tables: list[Table]) -> bytes:
    """One formatted sheet per table: bold coloured header, frozen, filters, widths, problems highlighted."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        flags = table.flags or [False] * len(table.rows)
        for row, flagged in zip(table.rows, flags, strict=True):
            sheet.append([safe_text(value) for value in row])
            for cell in sheet[sheet.max_row]:
                _format(cell)
                if flagged:
                    cell.fill = _FLAG_FILL
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
        for index, header in enumerate(table.header, start=1):
            values = [header, *(row[index - 1] for row in table.rows[:500])]
            width = max(len(str(v)) if v is not None else 0 for v in values)
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), _MAX_WIDTH)
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
