"""Read-only source ids on the resources of a working copy, in package_show output.

Kept in the extension's own table, so no user input (and no resource form that
drops unknown fields) can set or lose them.
"""

from __future__ import annotations

from typing import Any

from ckan import model

from ckanext.satudatablitar.model import package_columns
from ckanext.satudatablitar.workflow.diff import SOURCE_ID

from . import store


def _may_be_working_copy(package_dict: dict[str, Any], package: model.Package | None) -> bool:
    if not package_dict.get("private") or not package_dict.get("resources"):
        return False
    if package is None or package.id != package_dict["id"]:
        return True
    loaded = package_columns.loaded(package)
    # not loaded (a package created in this session): ask; loaded True: the query checks the revision is open
    return loaded is None or loaded.working_copy


def after_show(package_dict: dict[str, Any], package: model.Package | None) -> None:
    """Set each copied resource's source id; drop the field everywhere else (working copies are private)."""
    resources = package_dict.get("resources") or []
    sources = store.sources(package_dict["id"]) if _may_be_working_copy(package_dict, package) else {}
    for resource in resources:
        if resource.get("id") in sources:
            resource[SOURCE_ID] = sources[resource["id"]]
        else:
            resource.pop(SOURCE_ID, None)
