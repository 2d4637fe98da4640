"""DCAT fixtures: ckanext-dcat with our profile and wall, and datasets at several workflow states."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from ckan.tests import factories

from tests.register.conftest import add_elements
from tests.workflow.conftest import Portal, act

PLUGINS = "activity scheming_datasets satudatablitar dcat dcat_json_interface satudatablitar_dcat"
PROFILES = "euro_dcat_ap_3 satudatablitar"
ELEMENT = "01.001"


def with_dcat(test: Any) -> Any:
    """Run ``test`` with the dcat and satudatablitar_dcat plugins and our profile."""
    test = pytest.mark.ckan_config("ckan.plugins", PLUGINS)(test)
    test = pytest.mark.ckan_config("ckanext.dcat.rdf.profiles", PROFILES)(test)
    return pytest.mark.usefixtures("with_plugins")(test)


@dataclass
class Catalog:
    portal: Portal
    published: dict[str, Any]
    # not published: name -> dataset
    hidden: dict[str, dict[str, Any]]
    tokens: dict[str, str]

    def headers(self, role: str | None) -> dict[str, str]:
        if role is None:
            return {}
        if role not in self.tokens:
            self.tokens[role] = factories.APIToken(user=self.portal.name(role))["token"]
        return {"Authorization": self.tokens[role]}


@pytest.fixture
def catalog(portal) -> Catalog:
    """One published dataset (with a DSSD element) and one dataset in each unpublished situation."""
    add_elements(2026, [(ELEMENT, portal.opd["id"])])
    published = portal.dataset(name="published-data", title="Published data", id_dds=ELEMENT, id_sds="SDS-7")
    portal.advance(published["id"], "published")
    hidden = {"draft": portal.dataset(name="draft-data", title="Draft data")}
    for state in ("submitted", "approved"):
        hidden[state] = portal.dataset(name=f"{state}-data", title=f"Data {state}")
        portal.advance(hidden[state]["id"], state)
    withdrawn = portal.dataset(name="withdrawn-data", title="Withdrawn data")
    portal.advance(withdrawn["id"], "published")
    act(portal.name("walidata"), "satudatablitar_workflow_unpublish", id=withdrawn["id"], note="Angka salah")
    hidden["withdrawn"] = withdrawn
    return Catalog(portal, published, hidden, {})
