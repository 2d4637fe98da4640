"""`ckan satudata reindex [--dry-run]`: finds exactly the datasets whose index entry is out of step."""

from __future__ import annotations

import hashlib
import uuid

import ckan.plugins.toolkit as tk
import pytest
import requests
import sqlalchemy as sa
from ckan import model
from ckan.cli.cli import ckan

from ckanext.satudatablitar import config, outbox, reconcile
from tests.workflow.conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")


def solr_update(solr, body: dict) -> None:
    requests.post(f"{solr.url}/update?commit=true", json=body, timeout=30).raise_for_status()


def leave_orphan(solr, like: dict) -> str:
    """A document left in the index by a dataset purged while Solr was away (a copy of ``like``'s)."""
    doc = requests.get(f"{solr.url}/select", params={"q": f"id:{like['id']}", "fl": "*"}, timeout=30).json()
    [doc] = doc["response"]["docs"]
    orphan_id = str(uuid.uuid4())
    doc.pop("_version_", None)
    doc.update(
        id=orphan_id,
        name="purged-long-ago",
        index_id=hashlib.md5((orphan_id + tk.config["ckan.site_id"]).encode()).hexdigest(),
    )
    solr_update(solr, {"add": {"doc": doc}})
    return orphan_id


def lines(output: str) -> dict[str, str]:
    """name -> reasons of the listed datasets."""
    rows = [line.split("\t") for line in output.splitlines() if line.count("\t") == 3]
    return {name: reasons for name, _, _, reasons in rows}


def test_dry_run_lists_exactly_the_datasets_out_of_step_and_reindex_fixes_them(services, portal, cli):
    _, solr = services
    datasets = {
        name: portal.dataset(name=name)
        for name in ("in-step", "submitted-while-down", "missing-from-index", "deleted-in-database")
    }
    portal.advance(datasets["in-step"]["id"], "published")

    solr.stop()
    # the step completes on both versions (2.11 indexes in the commit only when the dataset row changes);
    # its reindex waits in the job queue, and no worker runs here
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=datasets["submitted-while-down"]["id"])
    solr.start()
    # what a lost update leaves behind: an entry gone, a delete the index never heard of, a purge's orphan
    solr_update(solr, {"delete": {"query": f"id:{datasets['missing-from-index']['id']}"}})
    model.Session.execute(
        sa.update(model.package_table)
        .where(model.package_table.c.id == datasets["deleted-in-database"]["id"])
        .values(state="deleted")
    )
    model.Session.commit()
    leave_orphan(solr, datasets["in-step"])

    before = reconcile.index_records()
    result = cli.invoke(ckan, ["satudata", "reindex", "--dry-run"])
    assert result.exit_code == 1, result.output
    assert lines(result.output) == {
        "deleted-in-database": "deleted, but still in the search index",
        "missing-from-index": "missing from the search index",
        "purged-long-ago": "not in the database, but in the search index",
        "submitted-while-down": "workflow state: database submitted, index draft",
    }
    assert "4 dataset(s) out of step" in result.output
    assert reconcile.index_records() == before  # a dry run changes nothing

    result = cli.invoke(ckan, ["satudata", "reindex"])
    assert result.exit_code == 1, result.output
    assert len(lines(result.output)) == 4 and "4 dataset(s) reindexed" in result.output
    result = cli.invoke(ckan, ["satudata", "reindex", "--dry-run"])
    assert (result.exit_code, result.output.strip()) == (0, "0 dataset(s) out of step")
    after = reconcile.index_records()
    assert set(after) == {
        datasets[name]["id"] for name in ("in-step", "submitted-while-down", "missing-from-index")
    }
    assert after[datasets["submitted-while-down"]["id"]].workflow_state == "submitted"


@pytest.mark.ckan_config(config.NOTIFY_MODE, "immediate")
def test_reindex_queues_the_jobs_waiting_in_the_outbox(services, portal, cli):
    redis, _ = services
    dataset = portal.dataset()
    redis.stop()
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=dataset["id"])
    assert len(outbox.pending()) == 1
    redis.start()

    result = cli.invoke(ckan, ["satudata", "reindex"])
    assert "queued 1 job(s) from the outbox" in result.output
    assert outbox.pending() == []


def test_reindex_says_when_the_index_cannot_be_reached(services, portal, cli):
    _, solr = services
    portal.dataset()
    solr.stop()
    result = cli.invoke(ckan, ["satudata", "reindex", "--dry-run"])
    assert result.exit_code == 2
    assert "the search index cannot be reached" in result.output
