"""The SDI dataset schema as data: its fields, which are required, their labels."""

from __future__ import annotations

from typing import Any

from ckanext.scheming.helpers import scheming_get_dataset_schema

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
