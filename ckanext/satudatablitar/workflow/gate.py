"""The publication gate: every path to publication asks :func:`publication_problems`.

Each check takes the dataset as ``package_show`` returns it and returns the
problems it finds as translated sentences (empty list = passes). Another part
of the extension adds its check by appending one function to ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.metadata import fields
from ckanext.satudatablitar.tabulation import gate as tabulation_gate
from ckanext.satudatablitar.workflow import checks

Check = Callable[[dict[str, Any]], list[str]]

ACCESS_RIGHTS_FIELD = "accessRights"
OPEN_ACCESS = "terbuka"


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, [], {})


def _schema(package_dict: dict[str, Any]) -> dict[str, Any]:
    schema = tk.h.scheming_get_dataset_schema(package_dict.get("type") or "dataset")
    if not schema:
        raise RuntimeError(f"no scheming schema for dataset type {package_dict.get('type')!r}")
    return schema


def required_metadata_complete(package_dict: dict[str, Any]) -> list[str]:
    """Every field the scheming schema marks ``required: true`` is filled, resources included."""
    schema = _schema(package_dict)
    problems = [
        tk._("Required field missing: {field}").format(field=fields.current_label(field))
        for field in schema.get("dataset_fields", [])
        if field.get("required") and not _filled(package_dict.get(field["field_name"]))
    ]
    for resource in package_dict.get("resources") or []:
        problems += [
            tk._("Required field missing in resource {resource}: {field}").format(
                resource=resource.get("name") or resource.get("id"), field=fields.current_label(field)
            )
            for field in schema.get("resource_fields", [])
            if field.get("required") and not _filled(resource.get(field["field_name"]))
        ]
    return problems


def access_rights_open(package_dict: dict[str, Any]) -> list[str]:
    """Only data classified open (terbuka) may be published."""
    if package_dict.get(ACCESS_RIGHTS_FIELD) == OPEN_ACCESS:
        return []
    return [tk._("Only data whose access classification is open (terbuka) may be published.")]


CHECKS: list[Check] = [
    required_metadata_complete,
    access_rights_open,
    tabulation_gate.tabulations_validated,
    checks.gate_problems,
]


# a confidentiality approval needs a note when the scan found possible identifiers or small cells
sign_off_note_problem = tabulation_gate.sign_off_note_problem


def publication_problems(package_dict: dict[str, Any]) -> list[str]:
    """Every problem that stops this dataset from being published."""
    return [problem for check in CHECKS for problem in check(package_dict)]
