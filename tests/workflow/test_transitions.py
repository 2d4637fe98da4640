"""Every workflow step by every role, allowed and refused, through auth as real users."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.lib import search
from ckan.tests import helpers

from ckanext.satudatablitar import config

from .conftest import act

pytestmark = pytest.mark.usefixtures("with_plugins")

ROLES = [
    "operator",
    "verifier",
    "kominfotik",
    "walidata",
    "pembina",
    "other_editor",
    "other_admin",
    "harvester",
    "anonymous",
    "sysadmin",
]
NOT_ALLOWED = "not allowed to take this workflow step"
ANONYMOUS = "requires an authenticated user"
SIGN = {"decision": "approve", "reason_code": "aggregate_only"}

# step: (state the dataset is brought to, action, data, roles that may take it, state after)
STEPS: dict[str, tuple[str | None, str, dict[str, Any], set[str], str]] = {
    "submit": (None, "satudatablitar_workflow_submit", {}, {"operator", "verifier", "sysadmin"}, "submitted"),
    "verify stage 1": (
        "submitted",
        "satudatablitar_workflow_verify",
        {"stage": 1},
        {"verifier", "sysadmin"},
        "verified_opd",
    ),
    "verify stage 2": (
        "verified_opd",
        "satudatablitar_workflow_verify",
        {"stage": 2},
        {"kominfotik", "walidata", "sysadmin"},
        "verified_walidata",
    ),
    "sign off": (
        "verified_walidata",
        "satudatablitar_workflow_sign_off_confidentiality",
        SIGN,
        {"kominfotik", "walidata", "pembina", "sysadmin"},
        "verified_walidata",
    ),
    "veto": (
        "verified_walidata",
        "satudatablitar_workflow_sign_off_confidentiality",
        {"decision": "veto", "reason_code": "small_cells", "note": "Sel kecil di kelurahan"},
        {"kominfotik", "walidata", "pembina", "sysadmin"},
        "revision_requested",
    ),
    "request revision": (
        "submitted",
        "satudatablitar_workflow_request_revision",
        {"note": "Satuan salah"},
        {"verifier", "kominfotik", "walidata", "pembina", "sysadmin"},
        "revision_requested",
    ),
    "publish": ("approved", "satudatablitar_workflow_publish", {}, {"walidata", "sysadmin"}, "published"),
    "unpublish": (
        "published",
        "satudatablitar_workflow_unpublish",
        {"note": "Angka salah"},
        {"walidata", "sysadmin"},
        "revision_requested",
    ),
}


def _can_read(role: str, state: str | None) -> bool:
    """Who reads a dataset of the OPD in ``state`` (None: draft)."""
    if state == "published" or role in ("operator", "verifier", "sysadmin"):
        return True
    under_review = state in ("submitted", "verified_opd", "verified_walidata", "approved")
    return under_review and role in ("kominfotik", "walidata", "pembina")


def _user(portal, role: str) -> str | None:
    return None if role == "anonymous" else portal.name(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", list(STEPS))
def test_step_by_role(portal, step, role):
    reach, action, data, allowed, after = STEPS[step]
    dataset = portal.dataset()
    if reach:
        portal.advance(dataset["id"], reach)
    if step in ("sign off", "veto") and role == "sysadmin":
        data = {**data, "party": "walidata"}
    if role in allowed:
        result = act(_user(portal, role), action, id=dataset["id"], **data)
        assert result["state"] == after
        history = helpers.call_action("satudatablitar_workflow_history", id=dataset["id"])
        assert history[-1]["actor_id"] == portal.users[role]["id"]
        assert history[-1]["to_state"] == after
    else:
        if role == "anonymous":
            error, message = helpers.logic.NotAuthorized, ANONYMOUS
        elif _can_read(role, reach):
            error, message = helpers.logic.NotAuthorized, NOT_ALLOWED
        else:
            # whoever may not read the dataset is told it does not exist
            error, message = helpers.logic.NotFound, "Not found"
        with pytest.raises(error, match=message):
            act(_user(portal, role), action, id=dataset["id"], **data)
        assert helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])["state"] == (
            reach or "draft"
        )


@pytest.mark.parametrize(
    ("reach", "role", "action", "data"),
    [
        ("submitted", "operator", "satudatablitar_workflow_submit", {}),
        ("draft", "verifier", "satudatablitar_workflow_verify", {"stage": 1}),
        ("submitted", "kominfotik", "satudatablitar_workflow_verify", {"stage": 2}),
        ("verified_opd", "pembina", "satudatablitar_workflow_sign_off_confidentiality", SIGN),
        ("verified_walidata", "walidata", "satudatablitar_workflow_publish", {}),
        ("approved", "walidata", "satudatablitar_workflow_unpublish", {"note": "x"}),
        ("draft", "verifier", "satudatablitar_workflow_request_revision", {"note": "x"}),
    ],
)
def test_step_in_wrong_state_is_a_conflict(portal, reach, role, action, data):
    dataset = portal.dataset()
    if reach != "draft":
        portal.advance(dataset["id"], reach)
    with pytest.raises(helpers.logic.ValidationError, match="Conflict: the dataset is now in state"):
        act(portal.name(role), action, id=dataset["id"], **data)


def test_sign_offs_in_either_order_then_approved(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "verified_walidata")
    with pytest.raises(helpers.logic.NotAuthorized, match="cannot sign off on behalf of pembina"):
        act(
            portal.name("kominfotik"),
            "satudatablitar_workflow_sign_off_confidentiality",
            id=dataset["id"],
            party="pembina",
            **SIGN,
        )
    with pytest.raises(helpers.logic.ValidationError, match="on whose behalf"):
        act(
            portal.name("sysadmin"),
            "satudatablitar_workflow_sign_off_confidentiality",
            id=dataset["id"],
            **SIGN,
        )
    first = act(
        portal.name("pembina"), "satudatablitar_workflow_sign_off_confidentiality", id=dataset["id"], **SIGN
    )
    assert first["state"] == "verified_walidata"
    assert first["signoffs"]["pembina"]["actor_role"] == "pembina"
    assert helpers.call_action("package_show", id=dataset["id"])["status_review_pembina"] == "approved"
    with pytest.raises(helpers.logic.ValidationError, match="already signed off"):
        act(
            portal.name("pembina"),
            "satudatablitar_workflow_sign_off_confidentiality",
            id=dataset["id"],
            **SIGN,
        )
    second = act(
        portal.name("kominfotik2"),
        "satudatablitar_workflow_sign_off_confidentiality",
        id=dataset["id"],
        **SIGN,
    )
    assert second["state"] == "approved"
    assert second["signoffs"]["walidata"]["actor_role"] == "walidata_verifier"


def test_veto_needs_a_reason_and_sends_back(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "walidata_signed")
    veto = {"decision": "veto", "reason_code": "direct_identifier"}
    with pytest.raises(helpers.logic.ValidationError, match="A reason is required"):
        act(
            portal.name("pembina"),
            "satudatablitar_workflow_sign_off_confidentiality",
            id=dataset["id"],
            **veto,
        )
    with pytest.raises(helpers.logic.ValidationError, match="Reason code must be one of"):
        act(
            portal.name("pembina"),
            "satudatablitar_workflow_sign_off_confidentiality",
            id=dataset["id"],
            decision="veto",
            reason_code="aggregate_only",
            note="NIK",
        )
    result = act(
        portal.name("pembina"),
        "satudatablitar_workflow_sign_off_confidentiality",
        id=dataset["id"],
        note="Kolom NIK",
        **veto,
    )
    assert result["state"] == "revision_requested"
    assert result["signoffs"] == {"walidata": None, "pembina": None}
    event = helpers.call_action("satudatablitar_workflow_history", id=dataset["id"])[-1]
    assert (event["action"], event["reason_code"], event["note"]) == (
        "veto",
        "direct_identifier",
        "Kolom NIK",
    )


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("satudatablitar_workflow_request_revision", {}),
        ("satudatablitar_workflow_request_revision", {"note": "   "}),
    ],
)
def test_revision_request_needs_a_reason(portal, action, data):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    with pytest.raises(helpers.logic.ValidationError, match="A reason is required"):
        act(portal.name("verifier"), action, id=dataset["id"], **data)


def test_unpublish_needs_a_reason_and_makes_private(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "published")
    with pytest.raises(helpers.logic.ValidationError, match="A reason is required"):
        act(portal.name("walidata"), "satudatablitar_workflow_unpublish", id=dataset["id"])
    act(portal.name("walidata"), "satudatablitar_workflow_unpublish", id=dataset["id"], note="Angka salah")
    shown = helpers.call_action("package_show", id=dataset["id"])
    assert shown["private"] is True
    assert (shown["satudatablitar_state"], shown["publishing_status"]) == ("revision_requested", "onprogress")


def test_search_holds_a_dataset_private_before_its_unpublish_commits(portal):
    """CKAN 2.12 indexes after the commit: an unpublish must not leave a moment in which the
    database says private and search still lists the dataset as public."""
    dataset = portal.dataset()
    portal.advance(dataset["id"], "published")
    capacity_at_commit: list[str] = []
    unpublish_flushed: list[bool] = []

    def flushed(session: Any, _context: Any) -> None:
        package = session.get(model.Package, dataset["id"])
        if package is not None and package.private and package in session.dirty:
            unpublish_flushed.append(True)

    def committed(_session: Any) -> None:
        if unpublish_flushed and not capacity_at_commit:
            capacity_at_commit.append(search.show(dataset["id"])["capacity"])

    sa.event.listen(model.Session, "after_flush", flushed)
    sa.event.listen(model.Session, "after_commit", committed)
    try:
        act(
            portal.name("walidata"), "satudatablitar_workflow_unpublish", id=dataset["id"], note="Angka salah"
        )
    finally:
        sa.event.remove(model.Session, "after_flush", flushed)
        sa.event.remove(model.Session, "after_commit", committed)
    assert capacity_at_commit == ["private"]


def test_steps_are_refused_while_an_option_names_a_missing_organization(portal, ckan_config, monkeypatch):
    dataset = portal.dataset()
    monkeypatch.setitem(ckan_config, config.PEMBINA_ORGANIZATION, "bps-tidak-ada")
    with pytest.raises(helpers.logic.ValidationError) as refused:
        act(portal.name("operator"), "satudatablitar_workflow_submit", id=dataset["id"])
    missing = "there is no active organization named 'bps-tidak-ada'"
    assert refused.value.error_dict["configuration"] == [
        f"{config.PEMBINA_ORGANIZATION} = bps-tidak-ada: {missing}"
    ]
    shown = helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])
    assert shown["state"] == "draft"


def test_operator_resubmits_after_revision(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "verified_opd")
    act(
        portal.name("kominfotik"), "satudatablitar_workflow_request_revision", id=dataset["id"], note="Satuan"
    )
    act(portal.name("operator"), "package_patch", id=dataset["id"], satuan="orang")
    assert (
        act(portal.name("operator"), "satudatablitar_workflow_submit", id=dataset["id"])["state"]
        == "submitted"
    )


class TestSegregationOfDuties:
    def test_creator_cannot_verify_own_dataset(self, portal):
        dataset = act(
            portal.name("verifier"),
            "package_create",
            **{**portal_metadata(portal), "name": "dibuat-verifikator"},
        )
        act(portal.name("verifier"), "satudatablitar_workflow_submit", id=dataset["id"])
        with pytest.raises(helpers.logic.NotAuthorized, match="Segregation of duties"):
            act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)

    def test_last_changer_cannot_verify_even_as_sysadmin(self, portal):
        dataset = portal.dataset()
        act(portal.name("sysadmin"), "package_patch", id=dataset["id"], satuan="orang")
        act(portal.name("operator"), "satudatablitar_workflow_submit", id=dataset["id"])
        with pytest.raises(helpers.logic.NotAuthorized, match="Segregation of duties"):
            act(portal.name("sysadmin"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)
        assert act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)

    def test_sign_off_and_publish_refused_to_last_changer(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "verified_walidata")
        # a sysadmin fix during review: back to submitted, and the fixer may not review it
        act(portal.name("sysadmin"), "package_patch", id=dataset["id"], satuan="orang")
        assert helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])["state"] == "submitted"
        portal.advance(dataset["id"], "verified_walidata")
        with pytest.raises(helpers.logic.NotAuthorized, match="Segregation of duties"):
            act(
                portal.name("sysadmin"),
                "satudatablitar_workflow_sign_off_confidentiality",
                id=dataset["id"],
                party="pembina",
                **SIGN,
            )

    @pytest.mark.ckan_config(config.ALLOW_SELF_REVIEW, "true")
    def test_small_portal_exemption(self, portal):
        dataset = act(
            portal.name("verifier"),
            "package_create",
            **{**portal_metadata(portal), "name": "portal-kecil"},
        )
        act(portal.name("verifier"), "satudatablitar_workflow_submit", id=dataset["id"])
        result = act(portal.name("verifier"), "satudatablitar_workflow_verify", id=dataset["id"], stage=1)
        assert result["state"] == "verified_opd"


def portal_metadata(portal) -> dict[str, Any]:
    from .conftest import complete_metadata

    return complete_metadata(owner_org=portal.opd["id"])


@pytest.mark.ckan_config(config.STAGE2_SIGNS_OFF_CONFIDENTIALITY, "true")
def test_stage2_and_walidata_sign_off_as_one_act(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "verified_opd")
    result = act(portal.name("kominfotik"), "satudatablitar_workflow_verify", id=dataset["id"], stage=2)
    assert result["state"] == "verified_walidata"
    assert result["signoffs"]["walidata"]["actor_id"] == portal.users["kominfotik"]["id"]
    result = act(
        portal.name("pembina"), "satudatablitar_workflow_sign_off_confidentiality", id=dataset["id"], **SIGN
    )
    assert result["state"] == "approved"


class TestGate:
    def test_only_open_data_is_published(self, portal):
        dataset = portal.dataset(accessRights="terbatas")
        portal.advance(dataset["id"], "approved")
        with pytest.raises(helpers.logic.ValidationError, match="access classification is open"):
            act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])
        assert helpers.call_action("package_show", id=dataset["id"])["private"] is True

    def test_required_metadata_must_be_complete(self, portal):
        dataset = portal.dataset(notes="")
        portal.advance(dataset["id"], "approved")
        with pytest.raises(helpers.logic.ValidationError, match="Required field missing: Definition"):
            act(portal.name("walidata"), "satudatablitar_workflow_publish", id=dataset["id"])

    def test_required_fields_come_from_the_scheming_schema(self, portal):
        from ckanext.satudatablitar.workflow import gate

        schema = helpers.call_action("scheming_dataset_schema_show", type="dataset")
        required = [f["field_name"] for f in schema["dataset_fields"] if f.get("required")]
        problems = gate.required_metadata_complete({"type": "dataset"})
        assert len(problems) == len(required) > 5


def test_workflow_show_lists_the_callers_steps(portal):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "verified_walidata")
    assert act(portal.name("pembina"), "satudatablitar_workflow_show", id=dataset["id"])["allowed_steps"] == [
        "sign_off",
        "veto",
        "request_revision",
    ]
    assert (
        act(portal.name("operator"), "satudatablitar_workflow_show", id=dataset["id"])["allowed_steps"] == []
    )
    with pytest.raises(helpers.logic.NotFound, match="Not found"):
        act(portal.name("other_editor"), "satudatablitar_workflow_show", id=dataset["id"])
