"""Review depth: how far back a content change sends a dataset, and which checks survive it."""

from __future__ import annotations

from typing import Any

import pytest
from ckan import model
from ckan.tests import factories, helpers

from ckanext.satudatablitar.workflow import depth, digest, store

from .conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")

LINK = {
    "name": "Lampiran",
    "url": "http://example.com/lampiran.pdf",
    "format": "PDF",
    "jenis_berkas": "lainnya",
}
BOTH = {"walidata", "pembina"}


def _patch(**fields: Any):
    return lambda portal, dataset: act(portal.name("sysadmin"), "package_patch", id=dataset["id"], **fields)


def _resource(**fields: Any):
    def change(portal, dataset):
        resource_id = dataset["resources"][0]["id"]
        act(portal.name("sysadmin"), "resource_patch", id=resource_id, **fields)

    return change


def _add_resource(portal, dataset):
    act(portal.name("sysadmin"), "resource_create", package_id=dataset["id"], url="http://example.com/b.pdf")


def _delete_resource(portal, dataset):
    act(portal.name("sysadmin"), "resource_delete", id=dataset["resources"][0]["id"])


# change → its depth, state after stage-1 verification, state after stage-2 (None: not needed),
# sign-offs that survive
TABLE = {
    "description typo": (_patch(notes="Jumlah penduduk akhir tahun."), "opd", "approved", None, BOTH),
    "title": (_patch(title="Jumlah Penduduk per Kecamatan"), "opd", "approved", None, BOTH),
    "producer contact": (_patch(author="Seksi Statistik"), "opd", "approved", None, BOTH),
    "tags": (_patch(tag_string="penduduk"), "opd", "approved", None, BOTH),
    "unit": (_patch(satuan="orang"), "walidata", "verified_opd", "approved", BOTH),
    "period": (_patch(tahun_data_selesai="2024"), "walidata", "verified_opd", "approved", BOTH),
    "frequency": (_patch(accrualPeriodicity="bulanan"), "walidata", "verified_opd", "approved", BOTH),
    "license": (_patch(license_id="odc-odbl"), "walidata", "verified_opd", "approved", BOTH),
    "access classification": (
        _patch(accessRights="terbatas"),
        "confidentiality",
        "verified_opd",
        "verified_walidata",
        set(),
    ),
    "presentation level": (
        _patch(tingkat_penyajian=["kota", "kecamatan", "kelurahan"]),
        "confidentiality",
        "verified_opd",
        "verified_walidata",
        set(),
    ),
    "breakdown variables": (
        _patch(klasifikasi_penyajian=["jenis kelamin"]),
        "confidentiality",
        "verified_opd",
        "verified_walidata",
        set(),
    ),
    "resource description": (_resource(description="Lampiran tabel"), "opd", "approved", None, BOTH),
    "resource format": (_resource(format="CSV"), "walidata", "verified_opd", "approved", BOTH),
    "file replaced": (
        _resource(url="http://example.com/lampiran-2.pdf"),
        "confidentiality",
        "verified_opd",
        "verified_walidata",
        set(),
    ),
    "file added": (_add_resource, "confidentiality", "verified_opd", "verified_walidata", set()),
    "file removed": (_delete_resource, "confidentiality", "verified_opd", "verified_walidata", set()),
}


def _workflow(dataset_id: str) -> dict[str, Any]:
    return helpers.call_action("satudatablitar_workflow_show", id=dataset_id)


def _signed(dataset_id: str) -> dict[str, int]:
    """The confidentiality sign-offs (event ids) that hold now."""
    model.Session.expire_all()
    row = store.get(dataset_id)
    return {
        party: getattr(row, party + "_signoff_id") for party in BOTH if getattr(row, party + "_signoff_id")
    }


@pytest.mark.parametrize("case", list(TABLE))
def test_change_goes_back_as_far_as_its_depth(portal, case):
    change, expected_depth, after_stage1, after_stage2, surviving = TABLE[case]
    dataset = portal.dataset(resources=[LINK])
    portal.advance(dataset["id"], "approved")
    signed_before = _signed(dataset["id"])
    assert set(signed_before) == BOTH

    change(portal, dataset)
    shown = _workflow(dataset["id"])
    assert shown["state"] == "submitted"
    event = helpers.call_action("satudatablitar_workflow_history", id=dataset["id"])[-1]
    assert (event["action"], event["from_state"], event["reason_code"]) == (
        "content_change",
        "approved",
        expected_depth,
    )

    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)
    assert _workflow(dataset["id"])["state"] == after_stage1
    if after_stage2:
        act(portal.name("kominfotik"), "satudatablitar_workflow_verify", id=dataset["id"], stage=2)
        assert _workflow(dataset["id"])["state"] == after_stage2
    signed_after = _signed(dataset["id"])
    # surviving sign-offs are the very same acts, not new ones
    assert signed_after == {party: signed_before[party] for party in surviving}


def test_kept_checks_are_recorded_as_moves_by_the_system(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "approved")
    act(portal.name("sysadmin"), "package_patch", id=dataset["id"], notes="Definisi yang diperbaiki.")
    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)
    events = helpers.call_action("satudatablitar_workflow_history", id=dataset["id"])[-4:]
    moves = [(e["action"], e["from_state"], e["to_state"], e["actor_role"], e["reason_code"]) for e in events]
    assert moves == [
        ("content_change", "approved", "submitted", "sysadmin:operator", "opd"),
        ("verify_opd", "submitted", "verified_opd", "opd_verifier", None),
        ("verify_walidata", "verified_opd", "verified_walidata", "system", "still_holds"),
        ("sign_off", "verified_walidata", "approved", "system", "still_holds"),
    ]
    act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])
    assert act(None, "package_show", id=dataset["id"])["notes"] == "Definisi yang diperbaiki."


def test_changes_add_up_until_stage_1_is_redone(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "approved")
    act(portal.name("sysadmin"), "package_patch", id=dataset["id"], notes="Definisi baru.")
    act(portal.name("sysadmin"), "package_patch", id=dataset["id"], satuan="orang")
    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)
    assert _workflow(dataset["id"])["state"] == "verified_opd"


def test_change_between_the_two_sign_offs_keeps_the_first(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "walidata_signed")
    act(portal.name("sysadmin"), "package_patch", id=dataset["id"], satuan="orang")
    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)
    act(portal.name("kominfotik"), "satudatablitar_workflow_verify", id=dataset["id"], stage=2)
    assert _workflow(dataset["id"])["state"] == "verified_walidata"
    assert set(_signed(dataset["id"])) == {"walidata"}


def test_request_revision_starts_a_new_round(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "approved")
    act(portal.name("walidata"), "satudatablitar_workflow_request_revision", id=dataset["id"], note="Cek")
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=dataset["id"])
    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)
    assert _workflow(dataset["id"])["state"] == "verified_opd"
    assert _signed(dataset["id"]) == {}


def test_gate_refuses_sign_offs_given_to_other_content(portal):
    """A change that bypasses CKAN's actions (no update hook) does not slip past the publication gate."""
    dataset = portal.dataset()
    portal.advance(dataset["id"], "approved")
    package = model.Package.get(dataset["id"])
    package.extras = {**package.extras, "tingkat_penyajian": '["kota", "kelurahan"]'}
    model.Session.commit()
    with pytest.raises(helpers.logic.ValidationError, match="sign-off was given to different content"):
        act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])
    assert act(portal.name("walidata"), "package_show", id=dataset["id"])["private"] is True


def test_every_schema_field_declares_a_valid_depth():
    dataset_fields, resource_fields = depth.field_depths()
    schema = helpers.call_action("scheming_dataset_schema_show", type="dataset")
    for key, declared in (("dataset_fields", dataset_fields), ("resource_fields", resource_fields)):
        administrative = digest.ADMINISTRATIVE_KEYS | digest.ADMINISTRATIVE_RESOURCE_KEYS
        for field in schema[key]:
            if field["field_name"] in administrative:
                continue
            assert field.get(depth.KEY) in depth.LEVELS, (key, field["field_name"])
            assert declared[field["field_name"]] == field[depth.KEY]


def test_every_content_key_of_a_dataset_has_a_depth_that_is_not_the_default_by_accident(portal):
    """Keys package_show adds (tags, license title...) follow the field they derive from."""
    dataset = portal.dataset(resources=[LINK], tag_string="penduduk")
    shown = helpers.call_action("package_show", id=dataset["id"])
    dataset_fields, _ = depth.field_depths()
    undeclared = {
        key
        for key in digest.content(shown)
        if depth.DERIVED.get(key, key) not in dataset_fields and key not in ("id", "resources")
    }
    # these count as confidentiality on purpose: CKAN core fields the SDI form does not show
    assert undeclared <= {"type", "url", "version", "groups", "extras"}, undeclared


def test_required_depth_is_none_without_change(portal):
    dataset = portal.dataset()
    shown = helpers.call_action("package_show", id=dataset["id"])
    assert depth.required_depth(shown, dict(shown)) is None
    assert depth.required_depth(shown, {**shown, "notes": "lain"}) == "opd"
    both = {**shown, "notes": "lain", "accessRights": "tertutup"}
    assert depth.required_depth(shown, both) == "confidentiality"


@pytest.mark.parametrize(
    ("change", "after_stage1", "kept"),
    [
        ({"notes": "Definisi revisi."}, "approved", BOTH),
        ({"satuan": "orang"}, "verified_opd", BOTH),
        ({"accessRights": "terbatas"}, "verified_opd", set()),
    ],
)
def test_revision_copy_is_reviewed_as_deep_as_its_diff_from_the_published_version(
    portal, change, after_stage1, kept
):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "published")
    published = _signed(dataset["id"])
    revision = act(portal.name("operator"), "satudatablitar_revision_create", id=dataset["id"])
    copy_id = revision["copy_package_id"]
    act(portal.name("operator"), "package_patch", id=copy_id, **change)
    act(portal.name("operator"), "satudatablitar_workflow_submit", id=copy_id)
    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=copy_id, stage=1)
    assert _workflow(copy_id)["state"] == after_stage1
    assert _signed(copy_id) == {party: published[party] for party in kept}


def test_timeline_says_how_far_a_change_reached_and_what_was_kept(portal, app):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "approved")
    act(portal.name("sysadmin"), "package_patch", id=dataset["id"], notes="Definisi yang diperbaiki.")
    act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)
    token = factories.APIToken(user=portal.name("verifier"))["token"]
    page = app.get("/dataset/" + dataset["name"], headers={"Authorization": token})
    assert "The change needs stage 1 again" in page.body
    assert page.body.count("Still holds: the change did not reach this check") == 2
