"""The steps of the workflow: from which states, by which roles, to which state."""

from __future__ import annotations

from dataclasses import dataclass

from ckanext.satudatablitar.workflow import roles
from ckanext.satudatablitar.workflow import states as s


@dataclass(frozen=True)
class Step:
    name: str
    from_states: frozenset[str]
    roles: frozenset[str]
    to_state: str
    # a note (reason) is required
    reason_required: bool = False
    # segregation of duties: not by who created or last changed the dataset
    segregated: bool = False


SUBMIT = "submit"
VERIFY_OPD = "verify_opd"
VERIFY_WALIDATA = "verify_walidata"
SIGN_OFF = "sign_off"
VETO = "veto"
REQUEST_REVISION = "request_revision"
PUBLISH = "publish"
UNPUBLISH = "unpublish"
# recorded by the system when content changes after review began
CONTENT_CHANGE = "content_change"
CREATE = "create"
# recorded when a dataset that predates the workflow gets its first state
ADOPT = "adopt"
SYSTEM = "system"
# recorded for a scheduled publication (embargo); none changes the state
SCHEDULE_PUBLISH = "schedule_publish"
CANCEL_SCHEDULE = "cancel_schedule"
SCHEDULE_FAILED = "schedule_failed"
SCHEDULE_EVENTS = frozenset({SCHEDULE_PUBLISH, CANCEL_SCHEDULE, SCHEDULE_FAILED})

CONFIDENTIALITY_PARTIES = {roles.WALIDATA_VERIFIER: "walidata", roles.PEMBINA: "pembina"}
_SIGNERS = frozenset(CONFIDENTIALITY_PARTIES)
_REVIEWERS = frozenset({roles.OPD_VERIFIER, roles.WALIDATA_VERIFIER, roles.PEMBINA, roles.WALIDATA})

STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(SUBMIT, s.EDITABLE, frozenset({roles.OPERATOR}), s.SUBMITTED),
        Step(
            VERIFY_OPD,
            frozenset({s.SUBMITTED}),
            frozenset({roles.OPD_VERIFIER}),
            s.VERIFIED_OPD,
            segregated=True,
        ),
        Step(
            VERIFY_WALIDATA,
            frozenset({s.VERIFIED_OPD}),
            frozenset({roles.WALIDATA_VERIFIER}),
            s.VERIFIED_WALIDATA,
            segregated=True,
        ),
        # stays in verified_walidata until the second party signs off, then approved
        Step(SIGN_OFF, frozenset({s.VERIFIED_WALIDATA}), _SIGNERS, s.APPROVED, segregated=True),
        Step(
            VETO,
            frozenset({s.VERIFIED_WALIDATA}),
            _SIGNERS,
            s.REVISION_REQUESTED,
            reason_required=True,
            segregated=True,
        ),
        Step(REQUEST_REVISION, s.UNDER_REVIEW, _REVIEWERS, s.REVISION_REQUESTED, reason_required=True),
        Step(PUBLISH, frozenset({s.APPROVED}), frozenset({roles.WALIDATA}), s.PUBLISHED, segregated=True),
        Step(
            UNPUBLISH,
            frozenset({s.PUBLISHED}),
            frozenset({roles.WALIDATA}),
            s.REVISION_REQUESTED,
            reason_required=True,
        ),
    )
}

# reason codes of a confidentiality sign-off, per decision
SIGN_OFF_REASON_CODES: dict[str, tuple[str, ...]] = {
    "approve": ("aggregate_only", "small_cells_suppressed", "no_confidential_content", "other"),
    "veto": ("direct_identifier", "small_cells", "classification_not_open", "other"),
}
