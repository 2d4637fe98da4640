"""Write a year's DSSD list back to .xlsx, in the layout the import reads."""

from __future__ import annotations

import io
import json
from typing import Any

import ckan.plugins.toolkit as tk
import openpyxl
from ckan import model
from openpyxl.styles import Font

from ckanext.satudatablitar.metadata import vocab

from .parse import EXPORT_HEADERS


def columns_text(table_schema: dict[str, Any] | None) -> str:
    """A Table Schema as "Name:type; ..." text, or as JSON when it holds more than names and types."""
    if not table_schema:
        return ""
    fields = table_schema.get("fields", [])
    if set(table_schema) == {"fields"} and all(set(f) <= {"name", "type"} for f in fields):
        return "; ".join(f"{f['name']}:{f.get('type', 'string')}" for f in fields)
    return json.dumps(table_schema, ensure_ascii=False)


def _label(vocabulary: str, value: str) -> str:
    for term in vocab.vocabulary(vocabulary)["terms"]:
        if term["value"] == value:
            return term["label"]["id"]
    return value


def workbook_bytes(decree: dict[str, Any], elements: list[dict[str, Any]]) -> bytes:
    """The .xlsx of one year's list: decree lines, a header row, one row per element."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "DSSD"
    sheet.append([tk._("Regional sectoral statistics list (DSSD) {year}").format(year=decree["year"])])
    sheet["A1"].font = Font(bold=True)
    sheet.append([tk._("Decree number"), decree["number"]])
    sheet.append([tk._("Decree date"), decree["date"] or ""])
    sheet.append([])
    sheet.append(["No", *EXPORT_HEADERS.values()])
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    names = {
        org.id: org.title or org.name
        for org in model.Session.query(model.Group).filter(
            model.Group.id.in_({e["organization"] for e in elements})
        )
    }
    for number, element in enumerate(elements, start=1):
        sheet.append(
            [
                number,
                element["code"],
                element["name"],
                names.get(element["organization"], element["organization"]),
                element["unit"],
                _label("frequency", element["frequency"]),
                ", ".join(_label("presentation_level", level) for level in element["level"]),
                element["sector"] or "",
                element["definition"] or "",
                columns_text(element["table_schema"]),
            ]
        )
    for row in sheet.iter_rows(min_row=6):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text from the decree, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
