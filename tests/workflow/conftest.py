"""Fixtures of the workflow tests: one OPD with its staff, Wali Data, Pembina Data and outsiders."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from ckan.tests import factories, helpers

from ckanext.satudatablitar import config
from ckanext.satudatablitar.workflow import store


def complete_metadata(**overrides: Any) -> dict[str, Any]:
    """Every field the SDI schema requires, filled."""
    return {
        "title": "Jumlah Penduduk Menurut Kecamatan",
        "notes": "Jumlah penduduk per kecamatan pada akhir tahun.",
        "theme": "perlindungan-sosial-dan-kesehatan",
        "konsep": "Penduduk",
        "ukuran": "Jumlah penduduk",
        "satuan": "jiwa",
        "tingkat_penyajian": ["kota", "kecamatan"],
        "kode_wilayah": "35.72.01",
        "tahun_data_mulai": "2020",
        "tahun_data_selesai": "2025",
        "accrualPeriodicity": "tahunan",
        "accessRights": "terbuka",
        "license_id": "cc-by",
        "author": "Seksi Data",
        "author_email": "data@opd.example.go.id",
        "maintainer": "Diskominfotik",
        "maintainer_email": "walidata@example.go.id",
        **overrides,
    }


def act(user: str | None, action: str, **data: Any) -> Any:
    """Call an action through auth as ``user`` (None: anonymous)."""
    context = {"user": user or "", "ignore_auth": False}
    return helpers.call_action(action, context, **data)


def assert_log_replays(dataset_id: str) -> None:
    """The dataset's event log, replayed from the start, ends in its current state."""
    state = None
    for event in store.events(dataset_id):
        assert event.from_state == state, (event.action, event.from_state, state)
        state = event.to_state
    assert state == store.current_state(dataset_id)


# the steps that lead to each state, with who takes them (attribute names of Portal)
PATH = [
    ("submitted", "operator", "satudatablitar_workflow_submit", {}),
    ("verified_opd", "verifier", "satudatablitar_workflow_verify", {"stage": 1}),
    ("verified_walidata", "kominfotik", "satudatablitar_workflow_verify", {"stage": 2}),
    (
        "walidata_signed",
        "kominfotik2",
        "satudatablitar_workflow_sign_off_confidentiality",
        {"decision": "approve", "reason_code": "aggregate_only"},
    ),
    (
        "approved",
        "pembina",
        "satudatablitar_workflow_sign_off_confidentiality",
        {"decision": "approve", "reason_code": "aggregate_only"},
    ),
    ("published", "walidata", "satudatablitar_workflow_publish", {}),
]


@dataclass
class Portal:
    opd: dict[str, Any]
    other_opd: dict[str, Any]
    walidata_org: dict[str, Any]
    pembina_org: dict[str, Any]
    users: dict[str, dict[str, Any]] = field(default_factory=dict)

    def name(self, role: str) -> str:
        return self.users[role]["name"]

    def dataset(self, **overrides: Any) -> dict[str, Any]:
        """A complete dataset created by the operator through the API."""
        overrides.setdefault("name", "data-" + uuid.uuid4().hex[:12])
        data = complete_metadata(owner_org=self.opd["id"], **overrides)
        return act(self.name("operator"), "package_create", **data)

    def advance(self, dataset_id: str, to: str) -> None:
        """Take the normal path from the dataset's current state until it reaches state ``to``."""
        current = helpers.call_action("satudatablitar_workflow_show", id=dataset_id)["state"]
        started = current in ("draft", "revision_requested")
        for before, (state, role, action, data) in zip(["draft", *[p[0] for p in PATH]], PATH, strict=False):
            started = started or before == current
            if not started:
                continue
            act(self.name(role), action, id=dataset_id, **data)
            if state == to:
                return
        raise AssertionError(f"cannot reach {to} from {current}")


@pytest.fixture
def portal(clean_db, clean_index) -> Portal:
    users = {
        role: factories.User(name=role)
        for role in (
            "operator",
            "verifier",
            "kominfotik",
            "kominfotik2",
            "walidata",
            "pembina",
            "other_editor",
            "other_admin",
            "harvester",
        )
    }
    users["sysadmin"] = factories.Sysadmin(name="sysadmin")

    def member(role: str, capacity: str) -> dict[str, Any]:
        return {"name": users[role]["name"], "capacity": capacity}

    opd = factories.Organization(
        name="dinas-kesehatan", users=[member("operator", "editor"), member("verifier", "admin")]
    )
    other = factories.Organization(
        name="dinas-pendidikan", users=[member("other_editor", "editor"), member("other_admin", "admin")]
    )
    walidata = factories.Organization(
        name=config.walidata_organization(),
        users=[member("kominfotik", "editor"), member("kominfotik2", "editor"), member("walidata", "admin")],
    )
    pembina = factories.Organization(name=config.pembina_organization(), users=[member("pembina", "member")])
    return Portal(opd, other, walidata, pembina, users)
