"""A second CKAN harvests the portal with ckanext-harvest's CKAN harvester, over HTTP.

The portal runs under gunicorn (tests.live) on the test database; the harvester
is another CKAN process with its own database and Solr core (conftest.py).
"""

from __future__ import annotations

from typing import Any

import ckanapi
import pytest

from tests import live
from tests.workflow.conftest import Portal, act

from .conftest import Harvester

pytestmark = pytest.mark.usefixtures("with_plugins")

# national (data.go.id) field names the harvester's schema keeps (national_schema.yaml)
NATIONAL_FIELDS = (
    "title",
    "notes",
    "author",
    "author_email",
    "maintainer",
    "maintainer_email",
    "theme",
    "konsep",
    "ukuran",
    "satuan",
    "tingkat_penyajian",
    "kode_wilayah",
    "tahun_data_mulai",
    "tahun_data_selesai",
    "accrualPeriodicity",
    "accessRights",
    "sumber_data",
    "status_data",
    "id_sds",
    "publisher_type",
    "publishing_status",
    "status_review_pembina",
)
SDI_DETAIL = {"sumber_data": "Registrasi penduduk", "status_data": "tetap", "id_sds": "SDS-001"}


def publish(portal: Portal, name: str) -> dict[str, Any]:
    dataset = portal.dataset(name=name, title=f"Data {name}", **SDI_DETAIL)
    portal.advance(dataset["id"], "published")
    return act(None, "package_show", id=dataset["id"])


def under_review(portal: Portal) -> dict[str, str]:
    """A dataset in each unpublished state: name -> id."""
    ids = {"draft": portal.dataset(name="still-draft")["id"]}
    for state in ("submitted", "verified_opd", "verified_walidata", "approved"):
        ids[state] = portal.dataset(name=f"in-{state.replace('_', '-')}")["id"]
        portal.advance(ids[state], state)
    return ids


def remote_ids(url: str) -> set[str]:
    """What an anonymous client pages through with the harvester's own calls (ckanapi over HTTP)."""
    remote = ckanapi.RemoteCKAN(url)
    ids: set[str] = set()
    start = 0
    while page := remote.action.package_search(
        fq="metadata_modified:[2000-01-01T00:00:00Z TO *]", sort="id asc", rows=2, start=start
    )["results"]:
        ids |= {d["id"] for d in page}
        start += 2
    return ids


def test_harvester_receives_exactly_the_published_datasets(portal, harvester: Harvester):
    first = publish(portal, "jumlah-penduduk")
    hidden = under_review(portal)
    with live.serve(workers=3) as url:
        assert remote_ids(url) == {first["id"]}
        for dataset_id in hidden.values():
            with pytest.raises(ckanapi.NotFound):
                ckanapi.RemoteCKAN(url).action.package_show(id=dataset_id)

        harvest = harvester.run(url, "satudata-daerah")
        assert harvest["errors"] == []
        assert harvest["received"] == [first["id"]]
        (copy,) = harvest["datasets"]
        assert copy["name"] == "jumlah-penduduk"
        assert {f: copy.get(f) for f in NATIONAL_FIELDS} == {f: first.get(f) for f in NATIONAL_FIELDS}
        assert copy["publishing_status"] == "approved"

        # Wali Data withdraws it and publishes another: the next harvest receives only the new one
        act(portal.name("walidata"), "satudatablitar_workflow_unpublish", id=first["id"], note="Angka salah")
        second = publish(portal, "jumlah-sekolah")
        assert remote_ids(url) == {second["id"]}
        harvest = harvester.run(url, "satudata-daerah")
    assert harvest["errors"] == []
    assert harvest["received"] == [second["id"]]
    assert {d["name"] for d in harvest["datasets"]} == {"jumlah-penduduk", "jumlah-sekolah"}
