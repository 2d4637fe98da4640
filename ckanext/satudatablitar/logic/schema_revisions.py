"""Input schemas of the revision actions (CKAN navl validators)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

Schema = dict[str, Any]


def revision_schema() -> Schema:
    """One dataset: the published dataset, or the working copy of its open revision."""
    return {"id": [tk.get_validator("not_empty"), tk.get_validator("unicode_safe")]}


def withdraw_schema() -> Schema:
    return {
        **revision_schema(),
        "note": [tk.get_validator("ignore_missing"), tk.get_validator("unicode_safe")],
    }
