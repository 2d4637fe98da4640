"""Input schemas of the tabulation actions (CKAN navl validators)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

Schema = dict[str, Any]


def _v(name: str) -> Any:
    return tk.get_validator(name)


def resource_schema() -> Schema:
    return {"resource_id": [_v("not_empty"), _v("unicode_safe"), _v("resource_id_exists")]}


def override_schema() -> Schema:
    return {**resource_schema(), "reason": [_v("unicode_safe"), _v("strip_value"), _v("not_empty")]}


def package_schema() -> Schema:
    return {"package_id": [_v("not_empty"), _v("unicode_safe"), _v("package_id_or_name_exists")]}


def template_schema() -> Schema:
    return {
        "package_id": [_v("ignore_missing"), _v("unicode_safe"), _v("package_id_or_name_exists")],
        "resource_id": [_v("ignore_missing"), _v("unicode_safe"), _v("resource_id_exists")],
        "element_code": [_v("ignore_missing"), _v("unicode_safe")],
    }
