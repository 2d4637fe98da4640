"""The workflow state as read-only fields in package_show output and in the search index."""

from __future__ import annotations

from typing import Any

from ckanext.satudatablitar.workflow import states, store

STATE_FIELD = "satudatablitar_state"


def fields(package_id: str, private: bool) -> dict[str, str]:
    """The mirror fields of one dataset."""
    row = store.get(package_id)
    state = row.state if row else (states.DRAFT if private else states.PUBLISHED)
    pembina = bool(row and row.pembina_signoff_id)
    return {
        STATE_FIELD: state,
        "publishing_status": states.publishing_status(state),
        "status_review_pembina": states.status_review_pembina(state, pembina),
    }


def after_show(package_dict: dict[str, Any]) -> None:
    """Overwrite whatever came in with the real state (no user input can set these fields)."""
    if package_dict.get("id"):
        package_dict.update(fields(package_dict["id"], bool(package_dict.get("private"))))


def before_index(package_dict: dict[str, Any]) -> None:
    """Index the state (string field, facetable: ``fq=satudatablitar_state:submitted``)."""
    package_dict.update(fields(package_dict["id"], bool(package_dict.get("private"))))
