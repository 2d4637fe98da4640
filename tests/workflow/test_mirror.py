"""The read-only workflow fields of package_show are read with the package, never stale.

package_show runs on every dataset page and API read: the state, the Pembina sign-off and whether
the dataset is a working copy come in the package's own SELECT (see
``ckanext.satudatablitar.model.package_columns``), not in queries of their own.
"""

from __future__ import annotations

import gc
import re
from typing import Any

import pytest
from ckan import model
from ckan.tests import helpers

from tests.sql import statements

from .conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")

OWN_TABLE_QUERY = re.compile(r"\s*SELECT\s+satudatablitar_", re.IGNORECASE)


def fresh_show(dataset_id: str) -> tuple[dict[str, Any], list[str]]:
    """package_show in a new session, as a web request gets it; the queries of the extension's tables."""
    model.Session.remove()
    with statements() as seen:
        shown = helpers.call_action("package_show", id=dataset_id)
    return shown, [s for s in seen if OWN_TABLE_QUERY.match(s)]


def mirror(shown: dict[str, Any]) -> tuple[str, str, str]:
    return shown["satudatablitar_state"], shown["publishing_status"], shown["status_review_pembina"]


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        (None, ("draft", "onprogress", "onprogress")),
        ("submitted", ("submitted", "onprogress", "onprogress")),
        ("verified_walidata", ("verified_walidata", "onprogress", "onprogress")),
        ("approved", ("approved", "onprogress", "approved")),
        ("published", ("published", "approved", "approved")),
    ],
)
def test_a_show_reads_the_state_with_the_package(portal, to, expected):
    dataset = portal.dataset()
    if to:
        portal.advance(dataset["id"], to)
    shown, own_queries = fresh_show(dataset["id"])
    assert mirror(shown) == expected
    assert own_queries == []


def test_pembina_signing_first_shows_without_a_query_of_its_own(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "verified_walidata")
    sign = {"decision": "approve", "reason_code": "aggregate_only"}
    act(portal.name("pembina"), "satudatablitar_workflow_sign_off_confidentiality", id=dataset["id"], **sign)
    shown, own_queries = fresh_show(dataset["id"])
    assert mirror(shown) == ("verified_walidata", "onprogress", "approved")
    assert own_queries == []


def test_a_step_taken_after_the_package_was_loaded_shows_at_once(portal):
    """The columns are loaded with the package; a step in the same session must not leave them behind,
    also once the session no longer holds the state row it changed."""
    dataset = portal.dataset()
    portal.advance(dataset["id"], "verified_walidata")
    model.Session.remove()
    package = model.Package.get(dataset["id"])  # held, with its columns, for the whole test
    assert mirror(helpers.call_action("package_show", id=dataset["id"]))[2] == "onprogress"
    sign = {"decision": "approve", "reason_code": "aggregate_only"}
    act(portal.name("pembina"), "satudatablitar_workflow_sign_off_confidentiality", id=dataset["id"], **sign)
    gc.collect()  # the session's identity map keeps only objects something still refers to
    assert model.Package.get(dataset["id"]) is package
    shown = helpers.call_action("package_show", id=dataset["id"])
    assert mirror(shown) == ("verified_walidata", "onprogress", "approved")


def test_a_working_copy_shows_its_source_ids_and_a_published_dataset_asks_nothing(portal):
    dataset = portal.dataset(resources=[{"url": "http://example.com/tabel.pdf", "name": "Tabel"}])
    portal.advance(dataset["id"], "published")
    revision = act(portal.name("operator"), "satudatablitar_revision_create", id=dataset["id"])

    published, own_queries = fresh_show(dataset["id"])
    assert own_queries == []
    assert "satudatablitar_source_id" not in published["resources"][0]

    copy, own_queries = fresh_show(revision["copy_package_id"])
    assert [r["satudatablitar_source_id"] for r in copy["resources"]] == [published["resources"][0]["id"]]
    assert len(own_queries) == 1  # the copied resources' sources, asked only for a working copy
