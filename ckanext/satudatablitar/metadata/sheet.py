"""The metadata sheet: the portal's template layout and filling a dataset from a filled-in sheet.

Layout: one sheet (configured name, default "Metadata") with a header row,
then one row per field: the field in column A, its value in column B. Column A
may hold the field name (as the tabulation templates write it) or its label
in Bahasa Indonesia or English; further columns (label, help) are not read.
"""

from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import plugins as lib_plugins

from ckanext.satudatablitar import config
from ckanext.satudatablitar.register.parse import fold

from . import fields, spreadsheet, vocab

HEADER = {"id": ("Unsur Metadata", "Isian"), "en": ("Metadata element", "Value")}
# first cells of header rows: ours, and the tabulation template's ("field", "value / nilai")
HEADER_CELLS = {fold(texts[0]) for texts in HEADER.values()} | {"field"}
LABEL_COLUMN, VALUE_COLUMN = "A", "B"
# identity and system fields are never filled from a sheet
NOT_IN_SHEET = {"name", "owner_org", "private"}
REGION_FIELD = "kode_wilayah"


def sheet_fields() -> list[dict[str, Any]]:
    """The schema fields an operator fills in the metadata sheet, in form order."""
    return [
        field
        for field in fields.dataset_fields()
        if field["field_name"] not in NOT_IN_SHEET and ("form_snippet" not in field or field["form_snippet"])
    ]


def _is_multiple(field: dict[str, Any]) -> bool:
    return "multiple" in (field.get("form_snippet") or "")


def layout() -> dict[str, Any]:
    """The metadata-sheet layout, for template generators and clients.

    ``{"sheet", "header": {"id": [..], "en": [..]}, "label_column", "value_column", "first_row",
    "fields": [{"field_name", "label": {"id", "en"}, "required", "multiple", "vocabulary"}]}``;
    ``vocabulary`` names a vocabulary of ``satudatablitar_vocabulary_show`` ("region" for region codes).
    """
    return {
        "sheet": config.metadata_sheet_name(),
        "header": {lang: list(texts) for lang, texts in HEADER.items()},
        "label_column": LABEL_COLUMN,
        "value_column": VALUE_COLUMN,
        "first_row": 2,
        "fields": [
            {
                "field_name": field["field_name"],
                "label": {"id": fields.label(field, "id"), "en": fields.label(field, "en")},
                "required": bool(field.get("required")),
                "multiple": _is_multiple(field),
                "vocabulary": "region"
                if field["field_name"] == REGION_FIELD
                else field.get("satudatablitar_vocabulary"),
            }
            for field in sheet_fields()
        ],
    }


def _label_lookup() -> dict[str, dict[str, Any]]:
    lookup: dict[str, dict[str, Any]] = {}
    for field in sheet_fields():
        for text in (field["field_name"], fields.label(field, "id"), fields.label(field, "en")):
            lookup.setdefault(fold(text), field)
    return lookup


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n,]", value) if part.strip()]


def _region(value: str) -> str | None:
    folded = fold(value)
    for choice in vocab.region_choices():
        code, _sep, name = choice["label"].partition(" ")
        if value == code or folded in (fold(name), fold(choice["label"])):
            return code
    return None


def _convert(field: dict[str, Any], raw: str) -> Any:
    """The value to store for a sheet cell, or ValueError with the reason."""
    name = field.get("satudatablitar_vocabulary")
    if name and _is_multiple(field):
        converted = [vocab.normalize(name, part) for part in _split(raw)]
        if None in converted:
            raise ValueError(_unknown(name))
        return converted
    if name:
        value = vocab.normalize(name, raw)
        if value is None:
            raise ValueError(_unknown(name))
        return value
    if field["field_name"] == REGION_FIELD:
        code = _region(raw)
        if code is None:
            raise ValueError(tk._("Not a region code or area name of the portal's region."))
        return code
    if _is_multiple(field):
        return _split(raw)
    return raw


def _unknown(name: str) -> str:
    known = ", ".join(term["label"]["id"] for term in vocab.vocabulary(name)["terms"])
    return tk._("Not a known value (use one of: {known}).").format(known=known)


def read(rows: list[list[str]]) -> dict[str, Any]:
    """Values per field from the sheet's rows, and the rows ignored or invalid."""
    lookup = _label_lookup()
    values: dict[str, Any] = {}
    labels: dict[str, tuple[int, str, str]] = {}
    ignored: list[dict[str, Any]] = []
    invalid: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        label = row[0].strip() if row else ""
        raw = row[1].strip() if len(row) > 1 else ""
        if not label or fold(label) in HEADER_CELLS:
            continue
        field = lookup.get(fold(label))
        if field is None:
            if raw:
                ignored.append(
                    {"row": number, "label": label, "value": raw, "reason": tk._("Unknown label.")}
                )
            continue
        if not raw:
            continue
        try:
            values[field["field_name"]] = _convert(field, raw)
        except ValueError as error:
            invalid.append(
                {
                    "row": number,
                    "field": field["field_name"],
                    "label": label,
                    "value": raw,
                    "message": str(error),
                }
            )
            continue
        labels[field["field_name"]] = (number, label, raw)
    return {"values": values, "labels": labels, "ignored": ignored, "invalid": invalid}


def read_upload(filename: str, content: bytes, sheet: str | None = None) -> list[list[str]]:
    """Rows of the metadata sheet of an upload (CSV, or the named / configured / only sheet of a workbook)."""
    if spreadsheet.file_kind(filename) == "csv":
        return spreadsheet.read_csv(content)
    if sheet is None:
        names = spreadsheet.sheet_names(content)
        wanted = config.metadata_sheet_name()
        sheet = next((name for name in names if name.strip().lower() == wanted.lower()), None)
        if sheet is None and len(names) != 1:
            raise spreadsheet.SpreadsheetError(
                tk._('The workbook has no sheet named "{sheet}".').format(sheet=wanted)
            )
    return spreadsheet.read_sheet(content, sheet)


def check_against_schema(
    context: dict[str, Any], package: model.Package, values: dict[str, Any]
) -> dict[str, str]:
    """Field -> first validation message, for the filled fields that the dataset schema refuses."""
    show_context = {"user": context.get("user"), "ignore_auth": True}
    current = tk.get_action("package_show")(show_context, {"id": package.id})
    plugin = lib_plugins.lookup_package_plugin(package.type)
    validate_context = {
        "model": model,
        "session": model.Session,
        "user": context.get("user"),
        "package": package,
        "ignore_auth": True,
    }
    _data, errors = lib_plugins.plugin_validate(
        plugin, validate_context, {**current, **values}, plugin.update_package_schema(), "package_update"
    )
    return {key: str(messages[0]) for key, messages in errors.items() if key in values and messages}
