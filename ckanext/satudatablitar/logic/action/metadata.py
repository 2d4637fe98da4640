"""Actions of the SDI metadata: vocabularies for clients, and filling a dataset from a metadata sheet."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.logic import schema_register
from ckanext.satudatablitar.logic.common import Context, DataDict, validate
from ckanext.satudatablitar.metadata import sheet, spreadsheet, vocab

__all__ = [
    "satudatablitar_metadata_import",
    "satudatablitar_metadata_sheet_layout",
    "satudatablitar_vocabulary_list",
    "satudatablitar_vocabulary_show",
]

REGION = "region"


def _region_vocabulary() -> dict[str, Any]:
    return {
        "label": {"id": "Kode Wilayah", "en": "Region code"},
        "source": tk._("Kemendagri region codes of the portal's region"),
        "terms": [
            {"value": c["value"], "label": {"id": c["label"], "en": c["label"]}}
            for c in vocab.region_choices()
        ],
    }


def _public_terms(vocabulary: dict[str, Any]) -> dict[str, Any]:
    return {
        "label": vocabulary["label"],
        "source": vocabulary["source"],
        "terms": [{"value": t["value"], "label": t["label"]} for t in vocabulary["terms"]],
    }


@tk.side_effect_free
def satudatablitar_vocabulary_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Every controlled vocabulary of the SDI schema, so that clients can build forms.

    :returns: ``{name: {"label": {"id", "en"}, "source", "terms": [{"value", "label": {"id", "en"}}]}}``,
        including ``region``, the Kemendagri codes offered for ``kode_wilayah``
    """
    tk.check_access("satudatablitar_vocabulary_list", context, data_dict)
    vocabularies = {name: _public_terms(v) for name, v in vocab.vocabularies().items()}
    vocabularies[REGION] = _region_vocabulary()
    return vocabularies


@tk.side_effect_free
def satudatablitar_vocabulary_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One controlled vocabulary.

    :param name: the vocabulary (frequency, presentation_level, collection_method, figure_status,
        access, theme, data_kind, file_role, region)
    :returns: ``{"name", "label", "source", "terms"}``
    """
    tk.check_access("satudatablitar_vocabulary_show", context, data_dict)
    data = validate(data_dict, schema_register.vocabulary_show(), context)
    name = data["name"]
    if name == REGION:
        return {"name": name, **_region_vocabulary()}
    if name not in vocab.vocabularies():
        raise tk.ObjectNotFound(tk._("Vocabulary not found: {name}").format(name=name))
    return {"name": name, **_public_terms(vocab.vocabulary(name))}


@tk.side_effect_free
def satudatablitar_metadata_sheet_layout(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The layout of the portal's metadata sheet (for template generators and clients).

    :returns: ``{"sheet", "header", "label_column", "value_column", "first_row", "fields"}``;
        each field ``{"field_name", "label": {"id", "en"}, "required", "multiple", "vocabulary"}``
    """
    tk.check_access("satudatablitar_metadata_sheet_layout", context, data_dict)
    return sheet.layout()


def satudatablitar_metadata_import(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Fill a dataset's metadata from a metadata sheet (the tabulation workbook or a separate file).

    Values that the dataset schema accepts are written (other fields keep their values);
    the rest are reported.

    :param id: the dataset's id or name
    :param upload: .xlsx/.xls workbook with a metadata sheet, or a two-column .csv
    :param sheet: sheet name (default: the configured metadata sheet name, or the only sheet)
    :param dry_run: only report, change nothing (default false)
    :returns: ``{"filled": {field: value}, "ignored": [{"row", "label", "value", "reason"}],
        "invalid": [{"row", "field", "label", "value", "message"}], "dry_run", "dataset"}``;
        ``dataset`` is the updated dataset (None on a dry run)
    """
    tk.check_access("satudatablitar_metadata_import", context, data_dict)
    data = validate(data_dict, schema_register.metadata_import(), context)
    package = model.Package.get(data["id"])
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    try:
        filename, content = spreadsheet.read_upload(data["upload"])
        rows = sheet.read_upload(filename, content, data.get("sheet"))
    except spreadsheet.SpreadsheetError as error:
        raise tk.ValidationError({"upload": [str(error)]}) from error

    found = sheet.read(rows)
    values = found["values"]
    for field, message in sheet.check_against_schema(context, package, values).items():
        number, label, raw = found["labels"][field]
        found["invalid"].append(
            {"row": number, "field": field, "label": label, "value": raw, "message": message}
        )
        del values[field]
    found["invalid"].sort(key=lambda item: item["row"])

    dataset = None
    if values and not data["dry_run"]:
        dataset = tk.get_action("package_patch")(
            {"user": context.get("user"), "ignore_auth": context.get("ignore_auth", False)},
            {"id": package.id, **values},
        )
    return {
        "filled": values,
        "ignored": found["ignored"],
        "invalid": found["invalid"],
        "dry_run": data["dry_run"],
        "dataset": dataset,
    }
