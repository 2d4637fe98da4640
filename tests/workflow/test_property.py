"""Stateful property test: random steps by random actors keep the workflow's invariants."""

from __future__ import annotations

from typing import Any

import pytest
from ckan import logic, model
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from ckanext.satudatablitar.workflow import checks, engine, store

from .conftest import act, assert_log_replays

pytestmark = pytest.mark.usefixtures("with_plugins")

ACTORS = [
    "operator",
    "verifier",
    "kominfotik",
    "kominfotik2",
    "walidata",
    "pembina",
    "sysadmin",
    "other_admin",
    "harvester",
]
SIGN = {"decision": "approve", "reason_code": "aggregate_only"}
STEPS: list[tuple[str, dict[str, Any]]] = [
    ("satudatablitar_workflow_submit", {}),
    ("satudatablitar_workflow_verify", {"stage": 1}),
    ("satudatablitar_workflow_verify", {"stage": 2}),
    ("satudatablitar_workflow_sign_off_confidentiality", SIGN),
    ("satudatablitar_workflow_sign_off_confidentiality", {**SIGN, "party": "walidata"}),
    ("satudatablitar_workflow_sign_off_confidentiality", {**SIGN, "party": "pembina"}),
    (
        "satudatablitar_workflow_sign_off_confidentiality",
        {"decision": "veto", "reason_code": "other", "note": "x"},
    ),
    ("satudatablitar_workflow_request_revision", {"note": "perbaiki"}),
    ("satudatablitar_workflow_publish", {}),
    ("satudatablitar_workflow_unpublish", {"note": "tarik"}),
    ("package_patch", {"satuan": "orang"}),
    # review depth opd: sign-offs and stage 2 survive it
    ("package_patch", {"notes": "definisi"}),
    ("package_patch", {"private": False}),
    ("resource_create", {"url": "http://example.com/lampiran.pdf", "format": "PDF"}),
    ("bulk_update_public", {}),
]


# the next step on the normal path from each state, with who takes it
PROGRESS: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "draft": [("operator", "satudatablitar_workflow_submit", {})],
    "revision_requested": [("operator", "satudatablitar_workflow_submit", {})],
    "submitted": [("verifier", "satudatablitar_workflow_verify", {"stage": 1})],
    "verified_opd": [("kominfotik", "satudatablitar_workflow_verify", {"stage": 2})],
    "verified_walidata": [
        ("kominfotik2", "satudatablitar_workflow_sign_off_confidentiality", SIGN),
        ("pembina", "satudatablitar_workflow_sign_off_confidentiality", SIGN),
    ],
    "approved": [("walidata", "satudatablitar_workflow_publish", {})],
    "published": [("walidata", "satudatablitar_workflow_unpublish", {"note": "tarik"})],
}


def _machine(portal, seen: set[str]):
    class Workflow(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.dataset_id = portal.dataset()["id"]
            self.outcomes: list[str] = []

        @rule(actor=st.sampled_from(ACTORS), step=st.sampled_from(STEPS))
        def take(self, actor: str, step: tuple[str, dict[str, Any]]) -> None:
            action, data = step
            if action == "resource_create":
                data = {**data, "package_id": self.dataset_id}
            elif action == "bulk_update_public":
                data = {"datasets": [self.dataset_id], "org_id": portal.opd["id"]}
            else:
                data = {**data, "id": self.dataset_id}
            for changed in ("satuan", "notes"):
                if action == "package_patch" and changed in data:
                    data[changed] = f"{changed} {len(self.outcomes)}"
            try:
                act(portal.name(actor), action, **data)
                self.outcomes.append("ok")
            except (logic.NotAuthorized, logic.NotFound, logic.ValidationError) as error:
                self.outcomes.append(type(error).__name__)

        @rule(pick=st.integers(0, 1))
        def progress(self, pick: int) -> None:
            """Bias towards the normal path so that random runs do reach publication."""
            options = PROGRESS[store.current_state(self.dataset_id)]
            actor, action, data = options[pick % len(options)]
            try:
                act(portal.name(actor), action, id=self.dataset_id, **data)
            except (logic.NotAuthorized, logic.NotFound, logic.ValidationError) as error:
                # the other confidentiality party may be the one still missing, or duties are segregated
                self.outcomes.append(type(error).__name__)
            seen.add(store.current_state(self.dataset_id))

        @invariant()
        def public_if_and_only_if_published(self) -> None:
            state = store.current_state(self.dataset_id)
            package = model.Package.get(self.dataset_id)
            assert package.private == (state != "published")
            found = act(None, "package_search", fq="id:" + self.dataset_id)["count"]
            assert found == (1 if state == "published" else 0)

        @invariant()
        def published_on_checks_given_to_its_content(self) -> None:
            """Sign-offs (and stage 2) of a published dataset hold for its content (review depth)."""
            row = store.get(self.dataset_id)
            if row.state != "published":
                return
            shown = engine.show_dataset(self.dataset_id)
            for column in checks.HELD:
                assert checks.holds(row, column, shown), column

        @invariant()
        def event_log_replays_to_the_state(self) -> None:
            assert_log_replays(self.dataset_id)

    return Workflow


def test_random_steps_keep_the_invariants(portal):
    seen: set[str] = set()
    run_state_machine_as_test(
        _machine(portal, seen),
        settings=settings(
            max_examples=12,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert store.verify_chain().first_broken_id is None
    # the runs did reach every state, publication included (the invariants were not vacuous)
    assert {"approved", "published", "revision_requested"} <= seen
