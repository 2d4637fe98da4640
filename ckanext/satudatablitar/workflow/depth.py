"""Review depth: how far back a content change sends a dataset.

Each field of the dataset schema declares ``satudatablitar_review_depth``:
``opd`` (stage-1 verification is redone), ``walidata`` (stages 1 and 2 are redone)
or ``confidentiality`` (the whole chain, both confidentiality sign-offs included).
A field without a declaration counts as ``confidentiality``; a new, replaced or
removed resource always does. Administrative keys (digest.py) are not content.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.workflow import diff

KEY = "satudatablitar_review_depth"
OPD = "opd"
WALIDATA = "walidata"
CONFIDENTIALITY = "confidentiality"
# shallowest first
LEVELS = (OPD, WALIDATA, CONFIDENTIALITY)
# keys package_show derives from a schema field (they change with it)
DERIVED = {
    "tags": "tag_string",
    "license_title": "license_id",
    "license_url": "license_id",
    "isopen": "license_id",
}


def deepest(depths: list[str]) -> str | None:
    """The deepest of ``depths`` (None for none)."""
    return max(depths, key=LEVELS.index) if depths else None


def reaches(depth: str | None, level: str) -> bool:
    """Whether a change of ``depth`` voids the check done at ``level``."""
    return depth is not None and LEVELS.index(depth) >= LEVELS.index(level)


def field_depths(package_type: str = "dataset") -> tuple[dict[str, str], dict[str, str]]:
    """Declared depths of the dataset fields and of the resource fields of a schema."""
    schema = tk.h.scheming_get_dataset_schema(package_type) or {}

    def declared(fields: list[dict[str, Any]]) -> dict[str, str]:
        return {field["field_name"]: field[KEY] for field in fields if field.get(KEY) in LEVELS}

    return declared(schema.get("dataset_fields", [])), declared(schema.get("resource_fields", []))


def change_depths(change: diff.DatasetDiff, package_type: str = "dataset") -> list[str]:
    """The depth of every change in ``change`` (undeclared fields: confidentiality)."""
    dataset, resource = field_depths(package_type)
    depths = [dataset.get(DERIVED.get(c.field, c.field), CONFIDENTIALITY) for c in change.fields]
    for res in change.resources:
        if res.kind != diff.CHANGED:
            depths.append(CONFIDENTIALITY)
        else:
            depths += [resource.get(name, CONFIDENTIALITY) for name in res.fields]
    return depths


def required_depth(old_dict: dict[str, Any], new_dict: dict[str, Any]) -> str | None:
    """How far back the change from ``old_dict`` to ``new_dict`` (package_show dicts) sends a
    dataset: ``opd``, ``walidata``, ``confidentiality``, or None when the content is the same."""
    return deepest(change_depths(diff.dataset_diff(old_dict, new_dict), new_dict.get("type") or "dataset"))
