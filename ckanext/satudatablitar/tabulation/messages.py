"""Readable, translatable sentences for report errors, notes and findings.

Reports store codes and parameters, never sentences, so each reader gets the
report in their own language (the Indonesian catalog translates these strings).
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk


def _templates() -> dict[str, str]:
    _ = tk._
    return {
        # the file as a whole
        "empty-file": _("The file is empty."),
        "file-too-large": _("The file is too large ({size} bytes; the limit is {limit})."),
        "zip-bomb": _("The workbook unpacks to {size} bytes, over the limit of {limit}: it was not opened."),
        "corrupt-file": _("The file is damaged and cannot be read ({detail})."),
        "password-protected": _(
            "The workbook is password-protected. Save it without a password and upload it again."
        ),
        "macro-workbook": _(
            "The workbook contains macros (VBA). Save it as a plain .xlsx workbook and upload it again."
        ),
        "xml-doctype": _(
            "The workbook contains a DOCTYPE declaration ({part}), which is not allowed: it was not opened."
        ),
        "html-not-spreadsheet": _(
            "The file is an HTML page saved with a .{declared} name, not a spreadsheet. "
            "Open it in Excel and save it as .xlsx."
        ),
        "not-a-spreadsheet": _("The file is not a {declared} spreadsheet."),
        "not-a-table": _("The file is neither a spreadsheet nor CSV text."),
        "no-data-sheet": _("The workbook has no data sheet."),
        "no-header": _("The data sheet is empty: no header row was found."),
        "too-many-rows": _("The table has {rows} rows; the limit is {limit}."),
        "too-many-columns": _("The table has {columns} columns; the limit is {limit}."),
        "cell-too-large": _("A cell in row {row} is longer than {limit} characters."),
        "memory-limit": _("Reading the file needed more than {limit} MB of memory: it was stopped."),
        "time-limit": _("Checking the file took longer than {limit} seconds: it was stopped."),
        "reader-crashed": _("The file could not be read."),
        "file-missing": _("The uploaded file is missing from storage."),
        "links-not-fetched": _("Linked files are not validated on this portal: upload the file instead."),
        "link-not-http": _("Only http and https links can be validated."),
        "link-unreachable": _("The linked file could not be downloaded ({detail})."),
        "link-private-address": _(
            "The link points to {host}, an address on this machine or an internal network: "
            "the portal does not fetch those. Upload the file instead."
        ),
        "bad-schema": _("The Table Schema of this tabulation is invalid ({detail})."),
        # header
        "no-schema": _(
            "There is no Table Schema for this tabulation (neither its own nor its DSSD element's)."
        ),
        "blank-label": _("Column {fieldNumber} has no header."),
        "duplicate-label": _('Header "{label}" (column {fieldNumber}) appears more than once.'),
        "missing-label": _('Column "{label}" expected by the schema is missing.'),
        "extra-label": _('Column "{label}" (column {fieldNumber}) is not in the schema.'),
        # rows and cells
        "blank-row": _("Row {rowNumber} is blank."),
        "missing-cell": _('Row {rowNumber} has no value for column "{fieldName}".'),
        "extra-cell": _("Row {rowNumber} has a value outside the table in column {fieldNumber}."),
        "type-error": _(
            'Row {rowNumber}, column "{fieldName}": "{cell}" is not of the expected type ({note}).'
        ),
        "constraint-error": _('Row {rowNumber}, column "{fieldName}": "{cell}" breaks the rule {note}.'),
        "duplicate-row": _("Row {rowNumber} repeats row {duplicateOf}."),
        "primary-key": _("Row {rowNumber} repeats the key ({fieldName}) of row {duplicateOf}."),
        "unique-error": _(
            'Row {rowNumber}, column "{fieldName}": the value is already used in row {duplicateOf}.'
        ),
        "total-mismatch": _('Row {rowNumber}, column "{fieldName}": the total {cell} should be {expected}.'),
        "total-row-missing": _('The total row "{label}" is missing.'),
        # notes
        "encoding": _("The CSV file is not UTF-8; it was read as {encoding}."),
        "delimiter": _('The CSV file uses "{delimiter}" as its separator.'),
        "formulas": _(
            "{count} cells hold formulas ({cells}). Their saved values were checked; formulas are never run."
        ),
        # confidentiality findings
        "identifier-column": _(
            'Column "{label}" may hold direct identifiers (names, addresses, ID numbers).'
        ),
        "nik": _('Row {rowNumber}, column "{label}": looks like a NIK ({cell}).'),
        "phone": _('Row {rowNumber}, column "{label}": looks like a phone number ({cell}).'),
        "email": _('Row {rowNumber}, column "{label}": looks like an e-mail address ({cell}).'),
        "small-cell": _('Row {rowNumber}, column "{label}": a count of {cell} may identify people.'),
    }


def text(code: str, params: dict[str, Any]) -> str:
    """The sentence for ``code`` in the current language, filled from ``params``."""
    template = _templates().get(code)
    if template is None:
        return tk._("Problem: {code}").format(code=code)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def localise(report: dict[str, Any]) -> dict[str, Any]:
    """A copy of the report in which every error, note and finding carries a ``text``."""
    task = dict(report["tasks"][0])
    task["errors"] = [
        {**error, "text": text(error["type"], {**error, **error.get("params", {})})}
        for error in task["errors"]
    ]
    extra = dict(report["satudatablitar"])
    extra["notes"] = [{**note, "text": text(note["code"], note)} for note in extra.get("notes", [])]
    extra["findings"] = [
        {**finding, "text": text(finding["kind"], finding)} for finding in extra.get("findings", [])
    ]
    if extra.get("formulas_count"):
        cells = ", ".join(extra.get("formulas", [])[:10])
        extra["formulas_text"] = text("formulas", {"count": extra["formulas_count"], "cells": cells})
    return {**report, "tasks": [task], "satudatablitar": extra}
