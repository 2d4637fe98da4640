"""``ckan satudata adopt-existing``: a portal that had datasets before the extension was installed."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.cli.cli import ckan as ckan_command
from ckan.lib import search as search_index
from ckan.tests import helpers

from ckanext.satudatablitar.cli.upgrade import DEFAULT_REASON
from ckanext.satudatablitar.model import WorkflowEvent, WorkflowState
from ckanext.satudatablitar.workflow import adopt, store
from tests.workflow.conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")


def search(user: str | None, **params: Any) -> set[str]:
    result = act(user, "package_search", rows=100, include_private=True, **params)
    return {d["name"] for d in result["results"]}


@pytest.fixture
def legacy(portal) -> dict[str, dict[str, Any]]:
    """Datasets as a portal without the extension had them: public, private, half-created, deleted.

    They are made through the API, then the portal is brought back to the state before the
    extension was installed: no workflow rows or events, each dataset as public as it was.
    """
    datasets = {name: portal.dataset(name=name) for name in ("old-public", "old-private", "old-unfinished")}
    datasets["old-deleted"] = portal.dataset(name="old-deleted")
    act(portal.name("sysadmin"), "package_delete", id=datasets["old-deleted"]["id"])
    model.Session.execute(sa.delete(WorkflowEvent))
    model.Session.execute(sa.delete(WorkflowState))
    for name, private, state in (
        ("old-public", False, "active"),
        ("old-private", True, "active"),
        ("old-unfinished", False, "draft"),
    ):
        package = model.Package.get(name)
        package.private, package.state = private, state
    model.repo.commit()
    for dataset in datasets.values():
        helpers.call_action("package_show", id=dataset["id"])  # still readable
    search_index.rebuild()
    return datasets


def rows() -> dict[str, str]:
    return {
        model.Package.get(row.package_id).name: row.state
        for row in model.Session.scalars(sa.select(WorkflowState))
    }


def test_dry_run_reports_and_changes_nothing(legacy, cli):
    result = cli.invoke(ckan_command, ["satudata", "adopt-existing", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would adopt old-public: published, public\n" in result.output
    assert "would adopt old-private: draft, private\n" in result.output
    assert "would adopt old-unfinished: draft, private (made private)\n" in result.output
    assert "old-deleted" not in result.output
    assert "3 datasets would adopt: 1 published, 2 draft (dry run: nothing changed)" in result.output
    assert rows() == {}
    assert store.events() == []
    assert model.Package.get("old-unfinished").private is False


def test_public_become_published_private_become_drafts_recorded_by_the_site_user(legacy, cli, portal):
    result = cli.invoke(ckan_command, ["satudata", "adopt-existing", "--reason", "Migrasi portal lama"])
    assert result.exit_code == 0, result.output
    assert "3 datasets adopted: 1 published, 2 draft" in result.output
    assert rows() == {"old-public": "published", "old-private": "draft", "old-unfinished": "draft"}
    assert [model.Package.get(n).private for n in ("old-public", "old-private", "old-unfinished")] == [
        False,
        True,
        True,
    ]
    site_user = model.User.get(helpers.call_action("get_site_user")["name"])
    events = store.events()
    assert {(e.action, e.actor_id, e.actor_role, e.from_state, e.note) for e in events} == {
        ("adopt", site_user.id, "system", None, "Migrasi portal lama")
    }
    assert sorted(e.to_state for e in events) == ["draft", "draft", "published"]
    assert store.verify_chain().first_broken_id is None
    # the published one stays public: anonymous users and another OPD find it, nothing else
    assert search(None) == {"old-public"}
    assert search(portal.name("other_editor")) == {"old-public"}
    shown = act(None, "satudatablitar_workflow_show", id="old-public")
    assert shown["state"] == "published"
    with pytest.raises(tk.ObjectNotFound, match="Not found"):
        act(None, "package_show", id="old-private")


def test_second_run_finds_nothing_and_records_nothing(legacy, cli):
    first = cli.invoke(ckan_command, ["satudata", "adopt-existing"])
    assert first.exit_code == 0, first.output
    events = [e.hash for e in store.events()]
    second = cli.invoke(ckan_command, ["satudata", "adopt-existing"])
    assert second.exit_code == 0, second.output
    assert second.output == "0 datasets adopted: 0 published, 0 draft\n"
    assert [e.hash for e in store.events()] == events


def test_datasets_adopted_lazily_by_the_workflow_are_not_adopted_again(legacy, portal):
    # the operator submits an old draft before anyone ran the command: the engine adopts it
    act(portal.name("operator"), "satudatablitar_workflow_submit", id="old-private")
    assert rows() == {"old-private": "submitted"}
    adopted = adopt.adopt_existing(DEFAULT_REASON)
    assert sorted(a.name for a in adopted) == ["old-public", "old-unfinished"]
    assert store.verify_chain().first_broken_id is None


def test_adopted_draft_goes_through_the_workflow_to_publication(legacy, portal):
    adopt.adopt_existing(DEFAULT_REASON)
    portal.advance(model.Package.get("old-private").id, "published")
    assert search(None) == {"old-public", "old-private"}
    actions = [e.action for e in store.events(model.Package.get("old-private").id)]
    assert actions[0] == "adopt" and actions[-1] == "publish"
