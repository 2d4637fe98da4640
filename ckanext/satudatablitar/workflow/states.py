"""Workflow states and how they show to users and to the national portal."""

from __future__ import annotations

import ckan.plugins.toolkit as tk

DRAFT = "draft"
SUBMITTED = "submitted"
VERIFIED_OPD = "verified_opd"
VERIFIED_WALIDATA = "verified_walidata"
APPROVED = "approved"
PUBLISHED = "published"
REVISION_REQUESTED = "revision_requested"

ALL = (DRAFT, SUBMITTED, VERIFIED_OPD, VERIFIED_WALIDATA, APPROVED, PUBLISHED, REVISION_REQUESTED)
# the operator works on the dataset
EDITABLE = frozenset({DRAFT, REVISION_REQUESTED})
# reviewers work on the dataset; Wali Data and Pembina Data may read it in every OPD
UNDER_REVIEW = frozenset({SUBMITTED, VERIFIED_OPD, VERIFIED_WALIDATA, APPROVED})
# a content change in these states voids the review done so far
REVIEWED = frozenset({VERIFIED_OPD, VERIFIED_WALIDATA, APPROVED})

# values of the national schema (data.go.id) mirror fields
NATIONAL_ON_PROGRESS = "onprogress"
NATIONAL_APPROVED = "approved"


def label(state: str) -> str:
    """Translated name of a state (GLOSSARY.md)."""
    labels = {
        DRAFT: tk._("Draft"),
        SUBMITTED: tk._("Submitted"),
        VERIFIED_OPD: tk._("Verified by OPD"),
        VERIFIED_WALIDATA: tk._("Verified by Wali Data"),
        APPROVED: tk._("Approved"),
        PUBLISHED: tk._("Published"),
        REVISION_REQUESTED: tk._("Revision requested"),
    }
    return labels[state]


def publishing_status(state: str) -> str:
    """``publishing_status`` of the national schema."""
    return NATIONAL_APPROVED if state == PUBLISHED else NATIONAL_ON_PROGRESS


def status_review_pembina(state: str, pembina_signed_off: bool) -> str:
    """``status_review_pembina`` of the national schema."""
    done = pembina_signed_off or state in (APPROVED, PUBLISHED)
    return NATIONAL_APPROVED if done else NATIONAL_ON_PROGRESS
