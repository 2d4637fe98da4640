"""Validators of the publication workflow."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.navl.dictization_functions import Missing, StopOnError

from ckanext.satudatablitar.workflow import guards

__all__ = ["satudatablitar_private_guard"]


def satudatablitar_private_guard(
    key: tuple[Any, ...],
    data: dict[tuple[Any, ...], Any],
    errors: dict[tuple[Any, ...], list[str]],
    context: Any,
) -> None:
    """Guard of the dataset field ``private`` (put it before ``boolean_validator``).

    A new dataset is always private. An update keeps the current visibility
    (also when ``private`` is left out) and refuses to change it: only the
    workflow's publish and unpublish steps do, outside the update path. This
    holds for sysadmins and ``ignore_auth`` callers too.
    """
    package = context.get("package")
    if package is None or data.get(("id",)) not in (package.id, package.name):
        data[key] = True
        return
    value = data.get(key)
    if isinstance(value, Missing) or value is None or value == "":
        data[key] = package.private
        return
    if tk.asbool(value) != package.private:
        errors[key].append(guards.visibility_message())
        raise StopOnError
