"""The SDI dataset schema as data: its fields, which are required, their labels."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_get_dataset_schema
from flask import has_request_context

DATASET_TYPE = "dataset"


def dataset_fields() -> list[dict[str, Any]]:
    """The expanded scheming fields of the portal's dataset schema (presets applied)."""
    schema = scheming_get_dataset_schema(DATASET_TYPE, expanded=True)
    return list(schema["dataset_fields"]) if schema else []


def required_fields() -> list[str]:
    """Names of the fields marked ``required: true``: the metadata a dataset needs before publication."""
    return [field["field_name"] for field in dataset_fields() if field.get("required")]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == "[]"


def missing_required(pkg_dict: dict[str, Any]) -> list[str]:
    """Required fields that are empty in a package_show dict (in schema order)."""
    return [name for name in required_fields() if _empty(pkg_dict.get(name))]


def label(field: dict[str, Any], language: str) -> str:
    """The field's label in ``language`` ("id" or "en"), falling back to the other one."""
    text = field.get("label", field["field_name"])
    if isinstance(text, dict):
        return text.get(language) or next(iter(text.values()))
    return str(text)


def current_language() -> str:
    """The language of the request being answered, else the portal's default (jobs, commands)."""
    return tk.h.lang() if has_request_context() else tk.config["ckan.locale_default"]


def current_label(field: dict[str, Any]) -> str:
    """The field's label in the current language."""
    return label(field, current_language())


def schema_labels(package_type: str, key: str) -> dict[str, str]:
    """Field name -> label in the current language, for ``key`` dataset_fields or resource_fields."""
    schema = scheming_get_dataset_schema(package_type) or {}
    language = current_language()
    return {field["field_name"]: label(field, language) for field in schema.get(key, [])}
