"""The publication history of a dataset, for citizens."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.logic import schema_workflow as schemas
from ckanext.satudatablitar.workflow import history

__all__ = ["satudatablitar_publication_history"]


@tk.side_effect_free
def satudatablitar_publication_history(
    context: dict[str, Any], data_dict: dict[str, Any]
) -> list[dict[str, Any]]:
    """Every public version of a dataset, newest first, with what changed in plain words.

    Reviewers' notes, reason codes and names are never part of it.

    :param id: id or name of the dataset
    :returns: list of ``version`` (1 for the first publication), ``published`` (ISO 8601 date and
        time) and ``changes`` (translated sentences, e.g. "Definition changed", "Data file 'X'
        replaced"); an empty list for a dataset that was never published
    """
    tk.check_access("satudatablitar_publication_history", context, data_dict)
    data, errors = tk.navl_validate(data_dict, schemas.show_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    package = model.Package.get(data["id"])
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    return history.public_versions(package.id)
