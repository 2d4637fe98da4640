"""Read-only source ids on the resources of a working copy, in package_show output.

Kept in the extension's own table, so no user input (and no resource form that
drops unknown fields) can set or lose them.
"""

from __future__ import annotations

from typing import Any

from ckanext.satudatablitar.workflow.diff import SOURCE_ID

from . import store


def after_show(package_dict: dict[str, Any]) -> None:
    """Set each copied resource's source id; drop the field everywhere else (working copies are private)."""
    resources = package_dict.get("resources") or []
    sources = store.sources(package_dict["id"]) if package_dict.get("private") and resources else {}
    for resource in resources:
        if resource.get("id") in sources:
            resource[SOURCE_ID] = sources[resource["id"]]
        else:
            resource.pop(SOURCE_ID, None)
