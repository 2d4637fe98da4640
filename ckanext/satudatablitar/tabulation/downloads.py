"""Templates for a dataset, a resource or a DSSD element: schema and metadata from CKAN."""

from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_field_choices

from ckanext.satudatablitar import config
from ckanext.satudatablitar.metadata import fields as metadata_fields
from ckanext.satudatablitar.register import service as register

from . import files, template

# dataset fields that are not the producer's to fill in a metadata sheet
NOT_IN_SHEET = frozenset(
    {"name", "owner_org", "publisher_type", "publishing_status", "status_review_pembina"}
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _metadata_rows(package: dict[str, Any] | None) -> list[tuple[str, Any, str, str]]:
    rows = []
    for field in metadata_fields.dataset_fields():
        name = field["field_name"]
        if name in NOT_IN_SHEET or field.get("form_snippet", "") is None:
            continue
        value: Any = (package or {}).get(name)
        if value in (None, "", []):
            choices = scheming_field_choices(field)
            value = [choice["value"] for choice in choices] if choices else None
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        label = f"{metadata_fields.label(field, 'id')} / {metadata_fields.label(field, 'en')}"
        help_text = field.get("help_text") or ""
        if isinstance(help_text, dict):
            help_text = help_text.get("id") or help_text.get("en") or ""
        rows.append((name, value, label, str(help_text)))
    return rows


def _filename(stem: str) -> str:
    return "template-" + (re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "tabulation") + ".xlsx"


def for_element(code: str) -> tuple[str, bytes]:
    """The template of a DSSD element; ObjectNotFound when the register has no schema for it."""
    descriptor = register.get_element_schema(code)
    if not descriptor:
        raise tk.ObjectNotFound(
            tk._("The DSSD register has no Table Schema for element {code}.").format(code=code)
        )
    rows = _metadata_rows({files.ELEMENT_FIELD: code})
    return _filename(code), template.build(descriptor, config.metadata_sheet_name(), rows, title=code)


def for_dataset(package: dict[str, Any], resource: dict[str, Any] | None = None) -> tuple[str, bytes]:
    """The template of a dataset (its first tabulation's schema, or the given resource's), metadata filled."""
    candidates = (
        [resource] if resource else [r for r in package.get("resources") or [] if files.is_tabulation(r)]
    )
    descriptor = None
    for candidate in candidates or [{}]:
        descriptor, _ = files.table_schema(candidate, package)
        if descriptor:
            break
    if not descriptor:
        raise tk.ObjectNotFound(
            tk._(
                "This dataset has no Table Schema (neither its own nor its DSSD element's) "
                "to build a template from."
            )
        )
    rows = _metadata_rows(package)
    return _filename(package["name"]), template.build(
        descriptor, config.metadata_sheet_name(), rows, package["title"]
    )


def build(context: dict[str, Any], data: dict[str, Any]) -> tuple[str, bytes]:
    """The template named by ``resource_id``, ``package_id`` or ``element_code`` (reads as the caller)."""
    if data.get("resource_id"):
        resource = tk.get_action("resource_show")(dict(context), {"id": data["resource_id"]})
        package = tk.get_action("package_show")(dict(context), {"id": resource["package_id"]})
        return for_dataset(package, resource)
    if data.get("package_id"):
        return for_dataset(tk.get_action("package_show")(dict(context), {"id": data["package_id"]}))
    if data.get("element_code"):
        return for_element(data["element_code"])
    raise tk.ValidationError({"element_code": [tk._("Give an element_code, a package_id or a resource_id.")]})
