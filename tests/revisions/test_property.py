"""Stateful property test with revisions: random steps on a published dataset and on its working
copy, by random actors; at every step the public version is the last one published."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from ckan import logic, model
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from ckanext.satudatablitar.model.revision import REVISION_PUBLISHED
from ckanext.satudatablitar.revisions import store as revisions
from ckanext.satudatablitar.workflow import digest, store
from tests.workflow.conftest import act, assert_log_replays
from tests.workflow.test_property import ACTORS, PROGRESS

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", "activity scheming_datasets satudatablitar"),
    pytest.mark.usefixtures("with_plugins"),
]
ERRORS = (logic.NotAuthorized, logic.NotFound, logic.ValidationError)
# acts on the published dataset (``original``) or on the open revision's copy (``copy``)
ACTS: list[tuple[str, str, dict[str, Any]]] = [
    ("original", "satudatablitar_revision_create", {}),
    ("original", "satudatablitar_revision_withdraw", {"note": "batal"}),
    ("original", "package_patch", {"satuan": "orang"}),
    ("original", "satudatablitar_workflow_unpublish", {"note": "tarik"}),
    ("copy", "package_patch", {"satuan": "orang"}),
    ("copy", "package_patch", {"accessRights": "tertutup"}),
    ("copy", "resource_create", {"url": "http://example.com/lampiran.pdf", "format": "PDF"}),
    ("copy", "satudatablitar_workflow_publish", {}),
    ("copy", "satudatablitar_workflow_request_revision", {"note": "perbaiki"}),
]
LAST_PUBLIC = ("publish", REVISION_PUBLISHED)


def _machine(portal, seen: set[str]):
    class Revisions(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.dataset_id = portal.dataset()["id"]
            portal.advance(self.dataset_id, "published")
            self.count = 0

        def copy_id(self) -> str | None:
            revision = revisions.open_for(self.dataset_id)
            return revision.copy_package_id if revision else None

        @rule(actor=st.sampled_from(ACTORS), step=st.sampled_from(ACTS))
        def take(self, actor: str, step: tuple[str, str, dict[str, Any]]) -> None:
            target, action, data = step
            target_id = self.dataset_id if target == "original" else self.copy_id()
            if target_id is None:
                return
            self.count += 1
            key = "package_id" if action == "resource_create" else "id"
            data = {**data, key: target_id}
            if "satuan" in data:
                data["satuan"] = f"orang {self.count}"
            with contextlib.suppress(*ERRORS):
                act(portal.name(actor), action, **data)

        @rule(pick=st.integers(0, 1))
        def progress_copy(self, pick: int) -> None:
            """Bias towards the normal path so that random runs do publish revisions."""
            copy_id = self.copy_id()
            if copy_id is None:
                with contextlib.suppress(*ERRORS):
                    act(portal.name("operator"), "satudatablitar_revision_create", id=self.dataset_id)
                return
            options = PROGRESS[store.current_state(copy_id)]
            actor, action, data = options[pick % len(options)]
            with contextlib.suppress(*ERRORS):
                act(portal.name(actor), action, id=copy_id, **data)
            if revisions.published_from(copy_id) is not None:
                seen.add(REVISION_PUBLISHED)

        @invariant()
        def the_public_sees_the_last_published_version(self) -> None:
            state = store.current_state(self.dataset_id)
            public = act(None, "package_search", fq="id:" + self.dataset_id)["results"]
            if state != "published":
                assert public == []
                return
            published = [e for e in store.events(self.dataset_id) if e.action in LAST_PUBLIC][-1]
            shown = act(None, "package_show", id=self.dataset_id)
            assert digest.content_digest(shown) == published.content_digest
            assert [d["satuan"] for d in public] == [shown["satuan"]]

        @invariant()
        def the_working_copy_is_never_public(self) -> None:
            copy_id = self.copy_id()
            if copy_id is None:
                return
            assert model.Package.get(copy_id).private is True
            assert act(None, "package_search", fq="id:" + copy_id, include_private=True)["count"] == 0
            with pytest.raises(logic.NotFound):
                act(None, "package_show", id=copy_id)

        @invariant()
        def event_log_replays_to_the_state(self) -> None:
            assert_log_replays(self.dataset_id)

    return Revisions


def test_random_steps_on_revisions_keep_the_public_version(portal):
    seen: set[str] = set()
    run_state_machine_as_test(
        _machine(portal, seen),
        settings=settings(
            max_examples=6,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert store.verify_chain().first_broken_id is None
    # the runs did publish revisions (the invariants were not vacuous)
    assert REVISION_PUBLISHED in seen
