"""Revisions in the dataset page's workflow panel (Flask test client, API tokens)."""

from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import helpers

from tests.revisions.test_revisions import NEW_NOTES, OLD_NOTES, Published
from tests.ui.conftest import Pages

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", "activity scheming_datasets satudatablitar"),
    pytest.mark.usefixtures("with_plugins"),
]
PROPOSE = "Propose a revision"


@pytest.fixture
def published(app, portal) -> Published:
    return Published(app, portal)


def test_the_operator_proposes_reviewers_see_the_diff_and_the_public_sees_nothing(app, published):
    pages = Pages(app, published.portal)
    page = f"/dataset/{published.dataset['name']}"
    assert PROPOSE in pages.get("operator", page)
    for outsider in (None, "other_editor", "harvester", "pembina"):
        assert PROPOSE not in pages.get(outsider, page)

    html = pages.post("operator", f"{page}/revision/propose", {})
    assert "Revision 1 is open" in html
    assert "Proposed revision 1" in html and "No changes yet." in html
    copy_name = published.dataset["name"] + "-revisi-1"
    assert f'href="/dataset/{copy_name}"' in pages.get("operator", page)
    for outsider in (None, "other_editor", "harvester"):
        html = pages.get(outsider, page)
        assert copy_name not in html and PROPOSE not in html
        pages.get(outsider, f"/dataset/{copy_name}", status=404)

    revision = helpers.call_action("satudatablitar_revision_show", id=copy_name)
    published.edit(revision)
    published.portal.advance(revision["copy_package_id"], "submitted")
    html = pages.get("verifier", f"/dataset/{copy_name}")
    assert 'data-field="notes"' in html and OLD_NOTES in html and NEW_NOTES in html
    assert 'data-kind="replaced"' in html and 'data-kind="added"' in html and 'data-kind="removed"' in html
    assert "Withdraw revision" in html  # the OPD verifier is also an operator (organization admin)
    assert "Withdraw revision" not in pages.get("pembina", f"/dataset/{copy_name}")


def test_withdraw_from_the_panel(app, published):
    pages = Pages(app, published.portal)
    revision = published.propose()
    copy_name = revision["copy_package_name"]
    html = pages.post("operator", f"/dataset/{copy_name}/revision/withdraw", {"note": "batal"})
    assert "The revision is withdrawn" in html
    assert model.Package.get(revision["copy_package_id"]) is None
    assert PROPOSE in pages.get("operator", f"/dataset/{published.dataset['name']}")
