"""Template helpers of the tabulation pages."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from . import files

__all__ = [
    "satudatablitar_has_template",
    "satudatablitar_is_tabulation",
    "satudatablitar_validation_status_label",
    "satudatablitar_validation_summary",
]


def satudatablitar_is_tabulation(resource: dict[str, Any]) -> bool:
    """Whether the resource is a data tabulation that gets validated."""
    return files.is_tabulation(resource)


def satudatablitar_has_template(package: dict[str, Any]) -> bool:
    """Whether the dataset has a Table Schema (its tabulation's or its DSSD element's) for a template."""
    candidates = [r for r in package.get("resources") or [] if files.is_tabulation(r)] or [{}]
    return any(files.table_schema(resource, package)[0] for resource in candidates)


def satudatablitar_validation_summary(resource_id: str) -> dict[str, Any] | None:
    """The resource's validation as the current user may see it (no report body), or None."""
    context = {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}
    try:
        result = tk.get_action("satudatablitar_validation_show")(context, {"resource_id": resource_id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return None
    result.pop("report", None)
    return result


def satudatablitar_validation_status_label(status: str) -> str:
    """Translated name of a validation status."""
    labels = {
        "pending": tk._("Waiting for validation"),
        "running": tk._("Being validated"),
        "success": tk._("Valid"),
        "failure": tk._("Invalid"),
        "error": tk._("Could not be validated"),
    }
    return labels.get(status, status)
