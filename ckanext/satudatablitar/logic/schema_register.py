"""Input schemas of the DSSD register and metadata actions (CKAN navl validators)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

Schema = dict[str, Any]


def _v(name: str) -> Any:
    return tk.get_validator(name)


def register_import() -> Schema:
    return {
        "upload": [_v("not_missing")],
        "year": [_v("not_empty"), _v("satudatablitar_year"), _v("int_validator")],
        "decree_number": [_v("not_empty"), _v("unicode_safe"), _v("strip_value")],
        "decree_date": [_v("ignore_missing"), _v("isodate")],
        "title": [_v("ignore_missing"), _v("unicode_safe")],
        "dry_run": [_v("default")(False), _v("boolean_validator")],
    }


def register_element_list() -> Schema:
    return {
        "year": [_v("ignore_missing"), _v("satudatablitar_year"), _v("int_validator")],
        "organization": [_v("ignore_missing"), _v("unicode_safe")],
        "q": [_v("ignore_missing"), _v("unicode_safe")],
        "limit": [
            _v("default")(100),
            _v("natural_number_validator"),
            _v("limit_to_configured_maximum")("ckan.search.rows_max", 1000),
        ],
        "offset": [_v("default")(0), _v("natural_number_validator")],
    }


def register_element_show() -> Schema:
    return {
        "code": [_v("not_empty"), _v("unicode_safe"), _v("strip_value")],
        "year": [_v("ignore_missing"), _v("satudatablitar_year"), _v("int_validator")],
    }


def vocabulary_show() -> Schema:
    return {"name": [_v("not_empty"), _v("unicode_safe")]}


def metadata_import() -> Schema:
    return {
        "id": [_v("not_empty"), _v("unicode_safe")],
        "upload": [_v("not_missing")],
        "sheet": [_v("ignore_missing"), _v("unicode_safe")],
        "dry_run": [_v("default")(False), _v("boolean_validator")],
    }
