"""Review checks that outlive a content change, per review depth.

Stage 1 is redone after every change. The stage-2 verification and the two
confidentiality sign-offs are kept in the state row (event ids) and hold as long
as the change from the content they were given to (its snapshot) does not reach
their depth: stage 2 is voided by a ``walidata`` or ``confidentiality`` change,
a sign-off by a ``confidentiality`` change. After stage 1 (or 2) is redone the
dataset moves forward past the checks that still hold, one recorded event per move.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.model import WorkflowEvent, WorkflowState
from ckanext.satudatablitar.workflow import depth, digest, snapshots, store
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

STAGE2 = "walidata_verified_id"
SIGNOFFS = ("walidata_signoff_id", "pembina_signoff_id")
# state-row column of each check that can outlive a change, and the depth that voids it
HELD = {STAGE2: depth.WALIDATA, **dict.fromkeys(SIGNOFFS, depth.CONFIDENTIALITY)}
# reason code of the events of a move past a check that still holds
STILL_HOLDS = "still_holds"


def change_since(event_id: int, package_dict: dict[str, Any]) -> str | None:
    """Depth of the change from the content event ``event_id`` was given to, to ``package_dict``.

    Without a snapshot of that content (an event older than snapshots) any change counts
    as ``confidentiality``.
    """
    event = model.Session.get(WorkflowEvent, event_id)
    if event is None:
        return depth.CONFIDENTIALITY
    if event.content_digest == digest.content_digest(package_dict):
        return None
    given_to = snapshots.load(event.package_id, event.content_digest)
    return depth.required_depth(given_to, package_dict) if given_to else depth.CONFIDENTIALITY


def holds(row: WorkflowState, column: str, package_dict: dict[str, Any]) -> bool:
    """Whether the check in ``column`` was taken and still holds for ``package_dict``."""
    event_id = getattr(row, column)
    return bool(event_id) and not depth.reaches(change_since(event_id, package_dict), HELD[column])


def void_all(row: WorkflowState) -> None:
    """A new review round: no check holds."""
    for column in HELD:
        setattr(row, column, None)


def void_outdated(row: WorkflowState, package_dict: dict[str, Any]) -> None:
    """Void the checks the content of ``package_dict`` no longer matches."""
    for column in HELD:
        if getattr(row, column) and not holds(row, column, package_dict):
            setattr(row, column, None)


def _move(row: WorkflowState, action: str, to_state: str, package_dict: dict[str, Any]) -> None:
    store.append_event(
        package_id=row.package_id,
        actor_id=st.SYSTEM,
        actor_role=st.SYSTEM,
        action=action,
        from_state=row.state,
        to_state=to_state,
        reason_code=STILL_HOLDS,
        content_digest=digest.content_digest(package_dict),
    )
    row.state = to_state
    row.updated = store.utcnow()
    row.version += 1


def advance(row: WorkflowState, package_dict: dict[str, Any]) -> None:
    """After a check was redone, move past the checks that still hold (``row`` locked)."""
    void_outdated(row, package_dict)
    if row.state == s.VERIFIED_OPD and row.walidata_verified_id:
        _move(row, st.VERIFY_WALIDATA, s.VERIFIED_WALIDATA, package_dict)
    if row.state == s.VERIFIED_WALIDATA and all(getattr(row, column) for column in SIGNOFFS):
        _move(row, st.SIGN_OFF, s.APPROVED, package_dict)


def carry(row: WorkflowState, original: WorkflowState, package_dict: dict[str, Any]) -> None:
    """Let a working copy keep the checks of the published dataset it revises that its content
    still matches (``package_dict``: the copy)."""
    for column in HELD:
        setattr(row, column, getattr(original, column))
    void_outdated(row, package_dict)


def carry_for_revision(row: WorkflowState, package_dict: dict[str, Any]) -> None:
    """A revision's working copy (``package_dict``) starts its review with the checks of the
    published dataset it revises that still hold: its depth is the diff copy vs published."""
    # imported here: the revisions package imports the engine, which imports this module
    from ckanext.satudatablitar.revisions import store as revisions

    revision = revisions.of_copy(row.package_id)
    original = store.get(revision.package_id) if revision is not None else None
    if original is not None and original.state == s.PUBLISHED:
        carry(row, original, package_dict)


def gate_problems(package_dict: dict[str, Any]) -> list[str]:
    """The publication gate's check: the sign-offs (and stage 2) were given to this content."""
    row = store.get(package_dict["id"])
    if row is None:
        return []
    messages = {
        STAGE2: tk._("The stage-2 verification was given to different content; verify again."),
        SIGNOFFS[0]: tk._("Wali Data's confidentiality sign-off was given to different content."),
        SIGNOFFS[1]: tk._("Pembina Data's confidentiality sign-off was given to different content."),
    }
    outdated = [column for column in HELD if getattr(row, column) and not holds(row, column, package_dict)]
    return [messages[column] for column in outdated]
