"""The publication history citizens see: versions, dates, what changed in plain words, nothing internal."""

from __future__ import annotations

import json

import pytest
from ckan.tests import helpers

from ckanext.satudatablitar.workflow import history

from .conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")

HISTORY = "satudatablitar_publication_history"
SECRET_NOTES = ("CATATAN-INTERNAL-UNPUBLISH", "CATATAN-INTERNAL-REVISI")
ATTACHMENT = {
    "name": "Lampiran",
    "url": "http://example.com/lampiran.pdf",
    "format": "PDF",
    "jenis_berkas": "lainnya",
}
SECOND_VERSION = [
    "Definition changed",
    "File 'Lampiran' replaced",
    "File 'Tabel tambahan' added",
]


def _published_changed_and_published_again(portal) -> dict:
    dataset = portal.dataset(resources=[ATTACHMENT])
    portal.advance(dataset["id"], "published")
    act(portal.name("walidata"), "satudatablitar_workflow_unpublish", id=dataset["id"], note=SECRET_NOTES[0])
    act(portal.name("operator"), "package_patch", id=dataset["id"], notes="Definisi yang diperbarui.")
    resource_id = act(portal.name("operator"), "package_show", id=dataset["id"])["resources"][0]["id"]
    act(portal.name("operator"), "resource_patch", id=resource_id, url="http://example.com/lampiran-2025.pdf")
    act(
        portal.name("operator"),
        "resource_create",
        package_id=dataset["id"],
        name="Tabel tambahan",
        url="http://example.com/tambahan.pdf",
        jenis_berkas="lainnya",
    )
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=dataset["id"])
    act(
        portal.name("verifier"),
        "satudatablitar_workflow_request_revision",
        id=dataset["id"],
        note=SECRET_NOTES[1],
        reason_code="other",
    )
    portal.advance(dataset["id"], "published")
    return dataset


def _internal_words(portal) -> list[str]:
    """Text that must never reach citizens: notes, reason codes, reviewers' ids and names."""
    words = [*SECRET_NOTES, "aggregate_only", "still_holds"]
    for role in ("verifier", "kominfotik", "kominfotik2", "pembina", "walidata", "sysadmin"):
        user = portal.users[role]
        words += [user["id"], user["fullname"]]
    return words


def test_two_versions_with_plain_words_and_nothing_internal(portal, app):
    dataset = _published_changed_and_published_again(portal)

    versions = act(None, HISTORY, id=dataset["id"])
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[1]["changes"] == ["First publication"]
    assert versions[0]["changes"] == SECOND_VERSION
    assert versions[0]["published"] > versions[1]["published"]

    response = app.get("/api/3/action/" + HISTORY, params={"id": dataset["name"]})
    assert response.status_code == 200
    assert response.json["result"] == versions
    page = app.get("/dataset/" + dataset["name"])
    assert page.status_code == 200
    assert "Publication history" in page.body
    for sentence in SECOND_VERSION:
        assert sentence.replace("'", "&#39;") in page.body

    text = json.dumps(versions)
    for word in _internal_words(portal):
        assert word not in text, word
        assert word not in response.body, word
    section = page.body[page.body.index("satudata-history") :]
    for word in SECRET_NOTES:
        assert word not in section, word


def test_never_published_is_empty_for_readers_and_invisible_to_others(portal, app):
    dataset = portal.dataset()
    assert act(portal.name("operator"), HISTORY, id=dataset["id"]) == []
    for outsider in (None, "other_editor"):
        with pytest.raises(helpers.logic.NotFound):
            act(outsider, HISTORY, id=dataset["id"])
    response = app.get("/api/3/action/" + HISTORY, params={"id": dataset["id"]}, status=404)
    assert response.json["success"] is False


def test_unpublished_dataset_hides_its_history_from_the_public(portal, app):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "published")
    assert len(act(None, HISTORY, id=dataset["id"])) == 1
    act(portal.name("walidata"), "satudatablitar_workflow_unpublish", id=dataset["id"], note="Tarik")
    with pytest.raises(helpers.logic.NotFound):
        act(None, HISTORY, id=dataset["id"])
    assert [v["version"] for v in act(portal.name("operator"), HISTORY, id=dataset["id"])] == [1]


def test_describe_names_data_files_and_changed_file_fields():
    old = {
        "id": "d",
        "type": "dataset",
        "satuan": "jiwa",
        "resources": [
            {"id": "r1", "name": "Tabulasi", "url": "a.csv", "jenis_berkas": "data"},
            {"id": "r2", "name": "Catatan", "url": "b.pdf", "description": "x", "jenis_berkas": "lainnya"},
            {"id": "r3", "name": "Lama", "url": "c.pdf", "jenis_berkas": "lainnya"},
        ],
    }
    new = {
        **old,
        "satuan": "orang",
        "resources": [
            {**old["resources"][0], "url": "a2.csv"},
            {**old["resources"][1], "description": "y"},
        ],
    }
    assert history.describe(old, new) == [
        "Unit changed",
        "Data file 'Tabulasi' replaced",
        "File 'Catatan': Description changed",
        "File 'Lama' removed",
    ]
    assert history.describe(old, old) == ["Published again without changes."]
    assert history.describe(None, new) == ["The changes of this version were not recorded."]


def test_a_published_revision_is_a_new_version(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "published")
    revision = act(portal.name("operator"), "satudatablitar_revision_create", id=dataset["id"])
    copy_id = revision["copy_package_id"]
    act(portal.name("operator"), "package_patch", id=copy_id, notes="Definisi revisi.", satuan="orang")
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=copy_id)
    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=copy_id, stage=1)
    # a walidata-depth revision: stage 2 again, the published version's sign-offs still hold
    act(portal.name("kominfotik"), "satudatablitar_workflow_verify", id=copy_id, stage=2)
    act(portal.name("walidata"), "satudatablitar_workflow_publish", id=copy_id)
    versions = act(None, HISTORY, id=dataset["id"])
    assert [(v["version"], v["changes"]) for v in versions] == [
        (2, ["Definition changed", "Unit changed"]),
        (1, ["First publication"]),
    ]
