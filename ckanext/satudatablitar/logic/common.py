"""What every action module of the extension shares."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

Context = dict[str, Any]
DataDict = dict[str, Any]


def validate(data_dict: DataDict, schema: dict[str, Any], context: Context) -> DataDict:
    """The input converted by ``schema`` (CKAN navl validators), or a ValidationError with every problem."""
    data, errors = tk.navl_validate(data_dict, schema, context)
    if errors:
        raise tk.ValidationError(errors)
    return data
