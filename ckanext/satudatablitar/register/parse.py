"""Turn the rows of a DSSD list (the decree's appendix as .xlsx/.csv) into checked element records.

Every bad cell becomes one error ``{"row", "column", "message"}`` with the
spreadsheet's own row number and header text, so an operator can fix the
file; a list with any error is never imported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins.toolkit as tk
from frictionless import FrictionlessException, Schema

from ckanext.satudatablitar.metadata import vocab

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
HEADER_SEARCH_ROWS = 30
TABLE_SCHEMA_TYPES = (
    "string", "integer", "number", "boolean", "date", "datetime", "time", "year", "yearmonth", "any",
)  # fmt: skip

# column key -> header texts accepted (compared case- and punctuation-insensitively)
HEADERS: dict[str, tuple[str, ...]] = {
    "code": (
        "kode elemen", "kode elemen data", "kode dssd", "kode data", "kode", "element code", "code", "id dds",
    ),
    "name": (
        "elemen data", "nama elemen", "nama elemen data", "uraian", "nama data",
        "element", "element name", "name",
    ),
    "organization": (
        "produsen data", "perangkat daerah", "opd", "penanggung jawab", "organization", "data producer",
    ),
    "unit": ("satuan", "unit"),
    "frequency": ("frekuensi", "periode data", "periode", "jadwal pemutakhiran", "frequency"),
    "level": ("tingkat penyajian", "level penyajian", "presentation level", "level"),
    "sector": ("sektor", "urusan", "sector"),
    "definition": ("definisi", "definition", "konsep"),
    "table_schema": ("kolom tabulasi", "struktur tabel", "kolom", "table schema", "columns"),
}  # fmt: skip
REQUIRED = ("code", "name", "organization", "unit", "frequency", "level")

# header texts written by the export (and shown in the docs), in column order
EXPORT_HEADERS: dict[str, str] = {
    "code": "Kode Elemen",
    "name": "Elemen Data",
    "organization": "Produsen Data",
    "unit": "Satuan",
    "frequency": "Frekuensi",
    "level": "Tingkat Penyajian",
    "sector": "Sektor",
    "definition": "Definisi",
    "table_schema": "Kolom Tabulasi",
}


@dataclass
class ParseResult:
    elements: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    data_rows: int = 0

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


_HEADER_LOOKUP = {fold(text): key for key, texts in HEADERS.items() for text in texts}


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """Index of the header row, column key -> column index, column key -> header text."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        labels: dict[str, str] = {}
        for position, cell in enumerate(row):
            key = _HEADER_LOOKUP.get(fold(cell))
            if key and key not in columns:
                columns[key] = position
                labels[key] = cell
        if all(key in columns for key in REQUIRED):
            return index, columns, labels
    return None


def parse_columns(text: str) -> dict[str, Any]:
    """A Table Schema from a cell: a JSON descriptor, or "Name[:type]" items separated by ";" or new lines.

    Raises ValueError with a readable reason.
    """
    text = text.strip()
    if text.startswith("{"):
        try:
            descriptor = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(tk._("not valid JSON ({error})").format(error=error.msg)) from error
    else:
        fields = []
        for item in filter(None, (part.strip() for part in re.split(r"[;\n]", text))):
            name, _sep, kind = item.partition(":")
            kind = kind.strip().lower() or "string"
            if kind not in TABLE_SCHEMA_TYPES:
                raise ValueError(
                    tk._('unknown column type "{kind}" (use one of: {types})').format(
                        kind=kind, types=", ".join(TABLE_SCHEMA_TYPES)
                    )
                )
            fields.append({"name": name.strip(), "type": kind})
        descriptor = {"fields": fields}
    return validate_table_schema(descriptor)


def validate_table_schema(descriptor: Any) -> dict[str, Any]:
    """The descriptor if it is a valid frictionless Table Schema with a field; else ValueError."""
    if not isinstance(descriptor, dict) or not descriptor.get("fields"):
        raise ValueError(tk._("a Table Schema needs at least one column"))
    names = [f.get("name") if isinstance(f, dict) else None for f in descriptor["fields"]]
    if any(not name for name in names):
        raise ValueError(tk._("every column needs a name"))
    if len(set(names)) != len(names):
        raise ValueError(tk._("column names must be unique"))
    try:
        Schema.from_descriptor(descriptor)
    except FrictionlessException as error:
        raise ValueError(error.error.message) from error
    return descriptor


def parse(rows: list[list[str]], organizations: dict[str, str]) -> ParseResult:
    """Check every data row; ``organizations`` maps folded OPD names and titles to organization ids."""
    result = ParseResult()
    header = _find_header(rows)
    if header is None:
        wanted = ", ".join(HEADERS[key][0].title() for key in REQUIRED)
        result.error(
            1, "", tk._("No header row found: the list needs the columns {columns}.").format(columns=wanted)
        )
        return result
    header_index, columns, labels = header
    first_row_of: dict[str, int] = {}

    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        number = index + 1
        cells = {key: (row[pos].strip() if pos < len(row) else "") for key, pos in columns.items()}
        if _is_heading(cells):
            continue
        result.data_rows += 1
        errors_before = len(result.errors)
        element = _check_row(result, number, cells, labels, organizations)
        code = cells["code"]
        if code and code in first_row_of:
            result.error(
                number,
                labels["code"],
                tk._("Duplicate element code {code} (first on row {row}).").format(
                    code=code, row=first_row_of[code]
                ),
            )
        first_row_of.setdefault(code, number)
        if len(result.errors) == errors_before:
            element["position"] = result.data_rows
            result.elements.append(element)
    if not result.data_rows and not result.errors:
        result.error(header_index + 1, "", tk._("The list has a header row but no element rows."))
    return result


def _is_heading(cells: dict[str, str]) -> bool:
    """A blank line, or a section heading ("1. URUSAN KESEHATAN") written in the code or name column."""
    described = any(cells[key] for key in ("organization", "unit", "frequency", "level"))
    return not described and not CODE_PATTERN.match(cells["code"])


def _check_row(
    result: ParseResult,
    number: int,
    cells: dict[str, str],
    labels: dict[str, str],
    organizations: dict[str, str],
) -> dict[str, Any]:
    def bad(key: str, message: str) -> None:
        result.error(number, labels.get(key, key), message)

    for key in REQUIRED:
        if not cells[key]:
            bad(key, tk._("This column is empty."))
    element: dict[str, Any] = {
        "code": cells["code"],
        "name": cells["name"],
        "unit": cells["unit"],
        "sector": cells.get("sector") or None,
        "definition": cells.get("definition") or None,
    }
    if cells["code"] and not CODE_PATTERN.match(cells["code"]):
        bad(
            "code",
            tk._("Element code {code} may hold only letters, digits and . _ / -").format(code=cells["code"]),
        )
    if cells["organization"]:
        element["organization"] = organizations.get(fold(cells["organization"]))
        if not element["organization"]:
            bad(
                "organization",
                tk._('No OPD (organization) is named "{name}".').format(name=cells["organization"]),
            )
    if cells["frequency"]:
        element["frequency"] = vocab.normalize("frequency", cells["frequency"])
        if not element["frequency"]:
            bad("frequency", _unknown_term("frequency", cells["frequency"]))
    if cells["level"]:
        levels = []
        for part in filter(None, (p.strip() for p in re.split(r"[,;\n]", cells["level"]))):
            value = vocab.normalize("presentation_level", part)
            if not value:
                bad("level", _unknown_term("presentation_level", part))
            elif value not in levels:
                levels.append(value)
        element["level"] = ",".join(levels)
    element["table_schema"] = None
    if cells.get("table_schema"):
        try:
            element["table_schema"] = json.dumps(parse_columns(cells["table_schema"]))
        except ValueError as error:
            bad("table_schema", tk._("Invalid tabulation columns: {reason}.").format(reason=error))
    return element


def _unknown_term(name: str, raw: str) -> str:
    known = ", ".join(term["label"]["id"] for term in vocab.vocabulary(name)["terms"])
    return tk._('"{value}" is not a known value (use one of: {known}).').format(value=raw, known=known)
