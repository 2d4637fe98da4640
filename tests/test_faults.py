"""A transition while Solr cannot be reached: it stands, and the index catches up from the job queue."""

from __future__ import annotations

import contextlib

import ckan.plugins.toolkit as tk
import pytest
from ckan.lib import jobs
from ckan.lib.search import common as search_common
from ckan.tests import helpers

from tests.smtp import free_port
from tests.worker import run_burst
from tests.workflow.conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_queues")


@contextlib.contextmanager
def solr_unreachable(ckan_config, monkeypatch):
    """Point CKAN at a port nothing listens on: connections are refused, as when Solr is stopped.

    CKAN 2.12 reads ``solr_url`` at every connection; 2.11 keeps it in ``SolrSettings`` from start-up.
    """
    url = f"http://127.0.0.1:{free_port()}/solr/ckan"
    with monkeypatch.context() as patch:
        patch.setitem(ckan_config, "solr_url", url)
        settings = getattr(search_common, "SolrSettings", None)
        if settings is not None:
            patch.setattr(settings, "_url", url)
        yield


def anonymous_search(name: str) -> list[str]:
    result = act(None, "package_search", q=f"name:{name}", include_private=True)
    return [d["name"] for d in result["results"]]


def test_publish_with_solr_unreachable_is_reindexed_by_the_worker(portal, ckan_config, monkeypatch):
    dataset = portal.dataset(name="dbd-2025")
    portal.advance(dataset["id"], "approved")

    with solr_unreachable(ckan_config, monkeypatch):
        if not tk.check_ckan_version(min_version="2.12"):
            # 2.11 indexes inside the commit: the transition is refused whole, with a clear error
            with pytest.raises(tk.ValidationError, match="search index cannot be reached"):
                act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])
            assert helpers.call_action("package_show", id=dataset["id"])["private"] is True
            assert act(portal.name("walidata"), "satudatablitar_workflow_show", id=dataset["id"])[
                "state"
            ] == ("approved")
            return
        act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])

    shown = helpers.call_action("package_show", id=dataset["id"])
    assert shown["private"] is False and shown["satudatablitar_state"] == "published"
    assert jobs.get_queue().job_ids == [f"satudatablitar-reindex-{dataset['id']}"]
    assert anonymous_search("dbd-2025") == []  # the index still holds the private version

    worker = run_burst()
    assert worker.returncode == 0, worker.stderr
    assert anonymous_search("dbd-2025") == ["dbd-2025"]


def test_unpublish_with_solr_unreachable_leaves_no_public_trace(portal, ckan_config, monkeypatch):
    dataset = portal.dataset(name="dbd-2024")
    portal.advance(dataset["id"], "published")
    assert anonymous_search("dbd-2024") == ["dbd-2024"]

    unpublish = {"id": dataset["id"], "note": "Angka direvisi"}
    indexes_in_commit = not tk.check_ckan_version(min_version="2.12")
    with solr_unreachable(ckan_config, monkeypatch):
        if indexes_in_commit:
            # 2.11 indexes inside the commit: the unpublish is refused whole, with a clear error
            with pytest.raises(tk.ValidationError, match="search index cannot be reached"):
                act(portal.name("walidata"), "satudatablitar_workflow_unpublish", **unpublish)
        else:
            act(portal.name("walidata"), "satudatablitar_workflow_unpublish", **unpublish)
    if indexes_in_commit:
        assert helpers.call_action("package_show", id=dataset["id"])["private"] is False
        assert anonymous_search("dbd-2024") == ["dbd-2024"]  # still published, consistently
        return

    assert helpers.call_action("package_show", id=dataset["id"])["private"] is True
    with pytest.raises(helpers.logic.NotFound):
        act(None, "package_show", id=dataset["id"])
    # Solr is back but its copy still says public until the worker reindexes: search hides it
    assert act(None, "package_search", q="name:dbd-2024")["count"] == 0
    assert anonymous_search("dbd-2024") == []
    assert run_burst().returncode == 0
    assert anonymous_search("dbd-2024") == []
