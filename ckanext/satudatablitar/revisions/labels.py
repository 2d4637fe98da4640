"""The diff of a revision as reviewers read it: scheming field labels in the current language."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.metadata import fields
from ckanext.satudatablitar.workflow import diff

# fields CKAN itself adds to every dataset, not in the scheming schema
_CORE_LABELS = {"tags": "Tags", "groups": "Groups", "extras": "Custom fields"}


def kind_label(kind: str) -> str:
    names = {
        diff.ADDED: tk._("File or link added"),
        diff.REMOVED: tk._("File or link removed"),
        diff.REPLACED: tk._("File or link replaced"),
        diff.CHANGED: tk._("Description changed"),
    }
    return names[kind]


def diff_view(change: diff.DatasetDiff, package_type: str) -> dict[str, Any]:
    """Field changes with labels; resource changes with labels of their kind and fields."""
    dataset_labels = fields.schema_labels(package_type, "dataset_fields")
    resource_labels = fields.schema_labels(package_type, "resource_fields")
    core = {name: tk._(label) for name, label in _CORE_LABELS.items()}
    return {
        "fields": [
            {
                "field": c.field,
                "label": dataset_labels.get(c.field) or core.get(c.field) or c.field,
                "old": c.old,
                "new": c.new,
            }
            for c in change.fields
        ],
        "resources": [
            {
                "kind": r.kind,
                "kind_label": kind_label(r.kind),
                "name": r.name,
                "resource_id": r.resource_id,
                "fields": list(r.fields),
                "field_labels": [resource_labels.get(f) or f for f in r.fields],
            }
            for r in change.resources
        ],
    }
