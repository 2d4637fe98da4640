"""Input schemas of the workflow actions (CKAN navl validators)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.workflow import states
from ckanext.satudatablitar.workflow import steps as st

Schema = dict[str, Any]


def _v(name: str) -> Any:
    return tk.get_validator(name)


def _at_most(limit: int) -> Any:
    def clamp(value: int) -> int:
        return min(int(value), limit)

    return clamp


def step_schema() -> Schema:
    """A workflow step on one dataset, with an optional reason code and note."""
    return {
        "id": [_v("not_empty"), _v("unicode_safe")],
        "note": [_v("ignore_missing"), _v("unicode_safe")],
        "reason_code": [_v("ignore_missing"), _v("unicode_safe")],
    }


def verify_schema() -> Schema:
    return {**step_schema(), "stage": [_v("not_empty"), _v("int_validator"), _v("OneOf")([1, 2])]}


def sign_off_schema() -> Schema:
    return {
        **step_schema(),
        "decision": [_v("not_empty"), _v("OneOf")(list(st.SIGN_OFF_REASON_CODES))],
        "reason_code": [_v("not_empty"), _v("unicode_safe")],
        "party": [_v("ignore_missing"), _v("OneOf")(["walidata", "pembina"])],
    }


def show_schema() -> Schema:
    return {"id": [_v("not_empty"), _v("unicode_safe")]}


def history_schema() -> Schema:
    return {
        "id": [_v("not_empty"), _v("unicode_safe")],
        "limit": [_v("default")(100), _v("natural_number_validator"), _at_most(1000)],
        "offset": [_v("default")(0), _v("natural_number_validator")],
    }


def review_queue_schema() -> Schema:
    return {
        "organization": [_v("ignore_missing"), _v("unicode_safe")],
        "state": [_v("ignore_missing"), _v("OneOf")(list(states.ALL))],
        "overdue": [_v("ignore_missing"), _v("boolean_validator")],
        "limit": [_v("default")(20), _v("natural_number_validator"), _at_most(1000)],
        "offset": [_v("default")(0), _v("natural_number_validator")],
    }
