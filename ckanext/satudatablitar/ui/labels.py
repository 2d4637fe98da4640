"""Words the workflow pages show for roles, recorded acts, reason codes and buttons (GLOSSARY.md).

Button words never reuse CKAN's own "Publish"/"Unpublish" (CKAN 2.12 uses them for its
draft form state): our publication is "Publish on the portal" / "Withdraw from the portal".
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.model import revision
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st


def role(recorded: str) -> str:
    """A role as recorded in the event log (``sysadmin:walidata`` included)."""
    names = {
        "operator": tk._("OPD data operator"),
        "opd_verifier": tk._("OPD verifier"),
        "walidata_verifier": tk._("Kominfotik verifier"),
        "walidata": tk._("Walidata"),
        "pembina": tk._("Pembina Data"),
        "sysadmin": tk._("System administrator"),
        "system": tk._("System"),
    }
    if recorded.startswith("sysadmin:"):
        return tk._("System administrator as {role}").format(role=role(recorded.split(":", 1)[1]))
    return names.get(recorded, recorded)


def action(name: str) -> str:
    """A recorded act of the event log."""
    names = {
        st.CREATE: tk._("Created"),
        st.ADOPT: tk._("Taken into the workflow"),
        st.SUBMIT: tk._("Submitted for verification"),
        st.VERIFY_OPD: tk._("Verified (stage 1)"),
        st.VERIFY_WALIDATA: tk._("Verified (stage 2)"),
        st.SIGN_OFF: tk._("Confidentiality approved"),
        st.VETO: tk._("Confidentiality vetoed"),
        st.REQUEST_REVISION: tk._("Returned for revision"),
        st.PUBLISH: tk._("Published on the portal"),
        st.UNPUBLISH: tk._("Withdrawn from the portal"),
        st.CONTENT_CHANGE: tk._("Content changed"),
        revision.REVISION_PUBLISHED: tk._("Revision published"),
        revision.REVISION_WITHDRAWN: tk._("Revision withdrawn"),
        st.SCHEDULE_PUBLISH: tk._("Publication scheduled"),
        st.CANCEL_SCHEDULE: tk._("Scheduled publication cancelled"),
        st.SCHEDULE_FAILED: tk._("Scheduled publication failed"),
    }
    return names.get(name, name)


def button(step: str) -> str:
    """The button that takes a step."""
    names = {
        st.SUBMIT: tk._("Submit for verification"),
        st.VERIFY_OPD: tk._("Verify (stage 1)"),
        st.VERIFY_WALIDATA: tk._("Verify (stage 2)"),
        st.SIGN_OFF: tk._("Approve confidentiality"),
        st.VETO: tk._("Veto confidentiality"),
        st.REQUEST_REVISION: tk._("Request revision"),
        st.PUBLISH: tk._("Publish on the portal"),
        st.UNPUBLISH: tk._("Withdraw from the portal"),
    }
    return names[step]


def reason_code(code: str) -> str:
    """A reason code of an event: a confidentiality decision, or the review depth of a change."""
    names = {
        "aggregate_only": tk._("Aggregate figures only"),
        "small_cells_suppressed": tk._("Small cells suppressed"),
        "no_confidential_content": tk._("No confidential content"),
        "direct_identifier": tk._("Contains direct identifiers"),
        "small_cells": tk._("Contains small cells"),
        "classification_not_open": tk._("Access classification is not open"),
        "other": tk._("Other"),
        # review depth (docs/review-depth.md)
        "opd": tk._("The change needs stage 1 again"),
        "walidata": tk._("The change needs stages 1 and 2 again"),
        "confidentiality": tk._("The change needs the whole review again, confidentiality included"),
        "still_holds": tk._("Still holds: the change did not reach this check"),
    }
    return names.get(code, code)


def party(name: str) -> str:
    """A party of the confidentiality sign-off."""
    return {"walidata": tk._("Wali Data"), "pembina": tk._("Pembina Data")}[name]


def next_actor(state: str, missing_parties: list[str], scheduled: bool = False) -> str | None:
    """Who must act next on a dataset in ``state`` (None when nobody must).

    ``scheduled``: Walidata has scheduled its publication, so it waits for the release time.
    """
    if state == s.APPROVED and scheduled:
        return tk._("The scheduled publication time (Walidata has decided)")
    if state == s.VERIFIED_WALIDATA:
        parties = " & ".join(party(p) for p in missing_parties)
        return tk._("{parties} (confidentiality sign-off)").format(parties=parties)
    names = {
        s.DRAFT: tk._("OPD data operator (submit for verification)"),
        s.REVISION_REQUESTED: tk._("OPD data operator (revise and submit again)"),
        s.SUBMITTED: tk._("OPD verifier (verification stage 1)"),
        s.VERIFIED_OPD: tk._("Kominfotik verifier (verification stage 2)"),
        s.APPROVED: tk._("Walidata (publication)"),
    }
    return names.get(state)
