from __future__ import annotations

import pytest
from ckan.tests import helpers

from .conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")


def test_full_path(portal):
    dataset = portal.dataset()
    assert dataset["private"] is True
    assert dataset["satudatablitar_state"] == "draft"
    portal.advance(dataset["id"], "published")
    shown = helpers.call_action("package_show", id=dataset["id"])
    assert shown["private"] is False
    assert shown["publishing_status"] == "approved"
    found = act(None, "package_search", q="Kecamatan")
    assert found["count"] == 1
