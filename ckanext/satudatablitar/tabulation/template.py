"""The portal's tabulation template (.xlsx, written with openpyxl).

A ``Data`` sheet with the schema's headers (frozen, with a comment giving each
column's type, unit and rules), typed number formats and Excel dropdowns and
validations built from the Table Schema; and a metadata sheet (name from
``ckanext.satudatablitar.metadata_sheet_name``) in the layout the metadata import
reads: field in column A, value in column B, then the labels and help.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .reader import DATA_SHEET

LISTS_SHEET = "Lists"
LAST_ROW = 10_000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NUMBER_FORMATS = {"integer": "0", "number": "#,##0.##", "date": "yyyy-mm-dd", "year": "0", "string": "@"}
# Excel's limit for an inline list of dropdown values
INLINE_LIST_CHARS = 255


def build(
    descriptor: dict[str, Any],
    metadata_sheet: str,
    metadata_rows: Iterable[tuple[str, Any, str, str]],
    title: str = "",
) -> bytes:
    """The template workbook as bytes.

    ``metadata_rows`` are ``(field name, value, label, help)`` for the metadata
    sheet; ``value`` may be a list of allowed values (a dropdown) or a value.
    """
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    _data_sheet(data, lists, descriptor.get("fields") or [])
    _metadata_sheet(workbook.create_sheet(metadata_sheet), lists, metadata_rows, title)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header_note(field: dict[str, Any]) -> str:
    constraints = field.get("constraints") or {}
    lines = [f"{field['name']} ({field.get('type', 'string')})"]
    if field.get("description"):
        lines.append(str(field["description"]))
    if constraints.get("required"):
        lines.append("wajib diisi / required")
    if constraints.get("enum"):
        lines.append("pilihan / choices: " + ", ".join(map(str, constraints["enum"])))
    for key in ("minimum", "maximum", "minLength", "maxLength", "pattern"):
        if key in constraints:
            lines.append(f"{key}: {constraints[key]}")
    return "\n".join(lines)


def _data_sheet(sheet: Any, lists: Any, fields: list[dict[str, Any]]) -> None:
    for number, field in enumerate(fields, start=1):
        letter = get_column_letter(number)
        cell = sheet.cell(row=1, column=number, value=field.get("title") or field["name"])
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.comment = Comment(_header_note(field), "Satu Data", width=300, height=160)
        sheet.column_dimensions[letter].width = max(12, min(40, len(str(cell.value)) + 4))
        number_format = NUMBER_FORMATS.get(field.get("type", "string"))
        if number_format:
            sheet.column_dimensions[letter].number_format = number_format
        validation = _validation(field, lists, number)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
    sheet.freeze_panes = "A2"


def _list_validation(values: list[Any], lists: Any, column: int) -> DataValidation:
    inline = ",".join(str(value) for value in values)
    if len(inline) <= INLINE_LIST_CHARS and '"' not in inline:
        formula = f'"{inline}"'
    else:
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=column, value=value)
        letter = get_column_letter(column)
        formula = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(values)}"
    return DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)


def _validation(field: dict[str, Any], lists: Any, column: int) -> DataValidation | None:
    constraints = field.get("constraints") or {}
    kind = field.get("type", "string")
    if constraints.get("enum"):
        return _list_validation(list(constraints["enum"]), lists, column)
    if kind == "boolean":
        return _list_validation(["TRUE", "FALSE"], lists, column)
    if kind in ("integer", "number", "year"):
        low, high = constraints.get("minimum"), constraints.get("maximum")
        excel_type = "decimal" if kind == "number" else "whole"
        if low is not None and high is not None:
            return DataValidation(type=excel_type, operator="between", formula1=str(low), formula2=str(high))
        if low is not None:
            return DataValidation(type=excel_type, operator="greaterThanOrEqual", formula1=str(low))
        if high is not None:
            return DataValidation(type=excel_type, operator="lessThanOrEqual", formula1=str(high))
        return DataValidation(type=excel_type, operator="between", formula1="-1E+15", formula2="1E+15")
    if kind == "date":
        return DataValidation(type="date", operator="greaterThan", formula1="1")
    return None


def _metadata_sheet(sheet: Any, lists: Any, rows: Iterable[tuple[str, Any, str, str]], title: str) -> None:
    headings = ("field", "value / nilai", "label", "help / petunjuk")
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=1, column=column, value=heading)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    list_column = 100
    for row, (name, value, label, help_text) in enumerate(rows, start=2):
        sheet.cell(row=row, column=1, value=name)
        sheet.cell(row=row, column=3, value=label)
        sheet.cell(row=row, column=4, value=help_text)
        if isinstance(value, list):
            validation = _list_validation(value, lists, list_column)
            list_column += 1
            sheet.add_data_validation(validation)
            validation.add(f"B{row}")
        elif value not in (None, ""):
            sheet.cell(row=row, column=2, value=value if not isinstance(value, dict | tuple) else str(value))
    for column, width in zip("ABCD", (28, 40, 36, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    if title:
        sheet.parent.properties.title = title
