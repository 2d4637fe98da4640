"""The workflow state as read-only fields in package_show output and in the search index."""

from __future__ import annotations

from typing import Any

from ckan import model

from ckanext.satudatablitar.model import package_columns
from ckanext.satudatablitar.workflow import states, store

STATE_FIELD = "satudatablitar_state"


def _current(package_id: str, package: model.Package | None) -> tuple[str | None, bool]:
    """State (None without a row) and Pembina sign-off: from a state row this session holds,
    else from the columns loaded with the package (no query), else from the table."""
    row = package_columns.held_state_row(package_id)
    if row is None and package is not None and package.id == package_id:
        loaded = package_columns.loaded(package)
        if loaded is not None:
            return loaded.state, loaded.pembina_signed
    row = row or store.get(package_id)
    return (row.state, bool(row.pembina_signoff_id)) if row else (None, False)


def fields(package_id: str, private: bool, package: model.Package | None = None) -> dict[str, str]:
    """The mirror fields of one dataset."""
    state, pembina = _current(package_id, package)
    state = state or (states.DRAFT if private else states.PUBLISHED)
    return {
        STATE_FIELD: state,
        "publishing_status": states.publishing_status(state),
        "status_review_pembina": states.status_review_pembina(state, pembina),
    }


def after_show(package_dict: dict[str, Any], package: model.Package | None) -> None:
    """Overwrite whatever came in with the real state (no user input can set these fields)."""
    if package_dict.get("id"):
        package_dict.update(fields(package_dict["id"], bool(package_dict.get("private")), package))


def before_index(package_dict: dict[str, Any]) -> None:
    """Index the state (string field, facetable: ``fq=satudatablitar_state:submitted``)."""
    package_dict.update(fields(package_dict["id"], bool(package_dict.get("private"))))
