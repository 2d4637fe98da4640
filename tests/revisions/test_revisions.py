"""Revisions of published datasets: the public version stays up, byte for byte, until the
reviewed revision is published (real PostgreSQL, Solr, Redis; through auth as real users)."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
import sqlalchemy
from ckan import model
from ckan.tests import factories, helpers

from ckanext.satudatablitar import config
from ckanext.satudatablitar.notify import jobs as notify_jobs
from ckanext.satudatablitar.revisions import files, working_copy
from ckanext.satudatablitar.revisions import store as revisions
from ckanext.satudatablitar.workflow import digest, engine, store
from tests.tabulation import corpus
from tests.tabulation import test_job as tabulation
from tests.workflow.conftest import act

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", "activity scheming_datasets satudatablitar"),
    pytest.mark.usefixtures("with_plugins"),
]

OLD_NOTES = "Jumlah penduduk per kecamatan pada akhir tahun."
NEW_NOTES = "Jumlah penduduk per kelurahan pada akhir tahun."


def _upload(app, token: str, action: str, content: bytes, filename: str, **fields: Any) -> dict[str, Any]:
    data = {**fields, "upload": (io.BytesIO(content), filename)}
    response = app.post(f"/api/3/action/{action}", data=data, headers={"Authorization": token}, status=200)
    return response.json["result"]


def _api(app, action: str, token: str | None = None, status: int = 200, **params: Any) -> Any:
    headers = {"Authorization": token} if token else {}
    response = app.get(f"/api/3/action/{action}", query_string=params, headers=headers, status=status)
    return response.json


def _download(app, resource: dict[str, Any], status: int = 200, token: str | None = None) -> bytes:
    name = resource["url"].rsplit("/", 1)[-1]
    headers = {"Authorization": token} if token else {}
    url = f"/dataset/{resource['package_id']}/resource/{resource['id']}/download/{name}"
    return app.get(url, headers=headers, status=status).data


class Published:
    """A published dataset with two uploaded files and a link."""

    def __init__(self, app, portal) -> None:
        self.app, self.portal = app, portal
        self.token = factories.APIToken(user=portal.name("operator"))["token"]
        self.harvester = factories.APIToken(user=portal.name("harvester"))["token"]
        self.dataset = portal.dataset(title="Penduduk REVISIUJI")
        self.data = _upload(
            app,
            self.token,
            "resource_create",
            b"%PDF tabel lama",
            "data.pdf",
            package_id=self.dataset["id"],
            name="Tabel",
            format="PDF",
        )
        self.old = _upload(
            app,
            self.token,
            "resource_create",
            b"%PDF berkas lama",
            "lama.pdf",
            package_id=self.dataset["id"],
            name="Lama",
            format="PDF",
        )
        self.link = act(
            portal.name("operator"),
            "resource_create",
            package_id=self.dataset["id"],
            name="Tautan",
            url="https://data.example.go.id/penduduk.json",
            format="JSON",
        )
        portal.advance(self.dataset["id"], "published")
        self.public = helpers.call_action("package_show", id=self.dataset["id"])

    def propose(self) -> dict[str, Any]:
        return act(self.portal.name("operator"), "satudatablitar_revision_create", id=self.dataset["id"])

    def edit(self, revision: dict[str, Any]) -> dict[str, Any]:
        """Change the description, replace the table's file, add a file, remove the old file."""
        copy_id, operator = revision["copy_package_id"], self.portal.name("operator")
        act(operator, "package_patch", id=copy_id, notes=NEW_NOTES)
        copy = helpers.call_action("package_show", id=copy_id)
        by_name = {r["name"]: r for r in copy["resources"]}
        _upload(
            self.app,
            self.token,
            "resource_patch",
            b"%PDF tabel baru 2026",
            "data.pdf",
            id=by_name["Tabel"]["id"],
        )
        _upload(
            self.app,
            self.token,
            "resource_create",
            b"%PDF berkas baru",
            "baru.pdf",
            package_id=copy_id,
            name="Baru",
            format="PDF",
        )
        act(operator, "resource_delete", id=by_name["Lama"]["id"])
        return helpers.call_action("package_show", id=copy_id)


@pytest.fixture
def published(app, portal) -> Published:
    return Published(app, portal)


def _assert_public_unchanged(published: Published, copy: dict[str, Any]) -> None:
    app = published.app
    for token in (None, published.harvester):
        shown = _api(app, "package_show", token, id=published.dataset["id"])["result"]
        assert shown["notes"] == OLD_NOTES
        assert digest.content(shown) == digest.content(published.public)
        assert _download(app, published.data, token=token) == b"%PDF tabel lama"
        assert _download(app, published.old, token=token) == b"%PDF berkas lama"
        found = _api(app, "package_search", token, q="REVISIUJI", include_private=True)["result"]
        assert [d["id"] for d in found["results"]] == [published.dataset["id"]]
        assert found["results"][0]["notes"] == OLD_NOTES
        _api(app, "package_show", token, status=404, id=copy["id"])
        for resource in copy["resources"]:
            _download(app, resource, status=404, token=token)
        names = _api(app, "package_list", token)["result"]
        assert copy["name"] not in names


class TestPublishedRevision:
    def test_public_sees_the_published_version_until_the_revision_is_published(self, published) -> None:
        portal = published.portal
        revision = published.propose()
        assert revision["copy_package_name"] == published.dataset["name"] + "-revisi-1"
        copy = published.edit(revision)
        assert copy["private"] is True
        for state in ("draft", "submitted", "verified_walidata", "approved"):
            if state != "draft":
                portal.advance(copy["id"], state)
            _assert_public_unchanged(published, copy)

        act(portal.name("walidata"), "satudatablitar_workflow_publish", id=copy["id"])

        app, token = published.app, published.harvester
        shown = _api(app, "package_show", token, id=published.dataset["id"])["result"]
        assert shown["notes"] == NEW_NOTES
        assert shown["private"] is False
        resources = {r["name"]: r for r in shown["resources"]}
        assert sorted(resources) == ["Baru", "Tabel", "Tautan"]
        assert resources["Tabel"]["id"] == published.data["id"]
        assert resources["Tautan"]["id"] == published.link["id"]
        assert _download(app, resources["Tabel"]) == b"%PDF tabel baru 2026"
        assert _download(app, resources["Baru"], token=token) == b"%PDF berkas baru"
        _download(app, published.old, status=404)
        found = _api(app, "package_search", q="REVISIUJI", include_private=True)["result"]
        assert [d["notes"] for d in found["results"]] == [NEW_NOTES]
        with pytest.raises(helpers.logic.NotFound):
            helpers.call_action("package_show", id=copy["id"])
        assert not [
            name
            for name in os.listdir(os.path.dirname(files.local_path(published.data["id"])))
            if "~" in name
        ]

        summary = helpers.call_action("satudatablitar_workflow_show", id=published.dataset["id"])
        assert summary["state"] == "published"
        last = store.events(published.dataset["id"])[-1]
        assert (last.action, last.actor_id) == ("revision_published", portal.users["walidata"]["id"])
        assert last.content_digest == digest.content_digest(engine.show_dataset(published.dataset["id"]))
        (closed,) = act(None, "satudatablitar_revision_list", id=published.dataset["id"])
        assert (closed["status"], closed["number"], closed["copy_package_id"]) == ("published", 1, None)
        assert {(c["kind"], c["name"]) for c in closed["changes"]["resources"]} == {
            ("replaced", "Tabel"),
            ("added", "Baru"),
            ("removed", "Lama"),
        }

    def test_reviewers_see_the_diff_of_fields_and_files(self, published) -> None:
        portal = published.portal
        revision = published.propose()
        copy = published.edit(revision)
        portal.advance(copy["id"], "submitted")
        for reviewer in ("verifier", "kominfotik", "pembina"):
            if reviewer != "verifier":
                portal.advance(
                    copy["id"], "verified_opd" if reviewer == "kominfotik" else "verified_walidata"
                )
            result = act(portal.name(reviewer), "satudatablitar_revision_diff", id=published.dataset["id"])
            assert result["fields"] == [
                {"field": "notes", "label": "Definition", "old": OLD_NOTES, "new": NEW_NOTES}
            ]
            changes = {r["name"]: r for r in result["resources"]}
            assert changes["Tabel"]["kind"] == "replaced"
            assert changes["Tabel"]["resource_id"] == published.data["id"]
            assert set(changes["Tabel"]["fields"]) >= {"size", "last_modified"}
            assert (changes["Baru"]["kind"], changes["Baru"]["resource_id"]) == ("added", None)
            assert (changes["Lama"]["kind"], changes["Lama"]["resource_id"]) == (
                "removed",
                published.old["id"],
            )
            assert "Tautan" not in changes
            assert result["revision"]["copy_package_id"] == copy["id"]

    def test_outsiders_learn_nothing_of_the_open_revision(self, published) -> None:
        portal = published.portal
        revision = published.propose()
        for user in (None, "harvester", "other_editor", "other_admin"):
            name = portal.name(user) if user else None
            with pytest.raises(helpers.logic.NotFound, match="This dataset has no open revision"):
                act(name, "satudatablitar_revision_diff", id=published.dataset["id"])
            with pytest.raises(helpers.logic.NotFound, match=r"^Not found$"):
                act(name, "satudatablitar_revision_show", id=revision["copy_package_id"])
            assert act(name, "satudatablitar_revision_list", id=published.dataset["id"]) == []


class TestIllegal:
    def test_no_revision_of_an_unpublished_dataset(self, portal) -> None:
        dataset = portal.dataset()
        with pytest.raises(
            helpers.logic.ValidationError, match="Only a published dataset can have a revision"
        ):
            act(portal.name("operator"), "satudatablitar_revision_create", id=dataset["id"])

    def test_one_open_revision_at_a_time(self, published) -> None:
        revision = published.propose()
        with pytest.raises(helpers.logic.ValidationError, match="already has an open revision"):
            published.propose()
        with pytest.raises(helpers.logic.ValidationError, match="itself a proposed revision"):
            act(
                published.portal.name("operator"),
                "satudatablitar_revision_create",
                id=revision["copy_package_id"],
            )

    @pytest.mark.parametrize("user", ["other_editor", "other_admin", "kominfotik", "walidata", "harvester"])
    def test_only_the_opd_operator_proposes(self, published, user) -> None:
        with pytest.raises(
            helpers.logic.NotAuthorized, match="Only an operator of the dataset's organization"
        ):
            act(published.portal.name(user), "satudatablitar_revision_create", id=published.dataset["id"])

    def test_anonymous_cannot_propose(self, published) -> None:
        with pytest.raises(helpers.logic.NotAuthorized, match="requires an authenticated user"):
            act(None, "satudatablitar_revision_create", id=published.dataset["id"])

    def test_editing_the_published_dataset_directly_is_refused_with_the_way_to_propose(
        self, published
    ) -> None:
        with pytest.raises(helpers.logic.NotAuthorized, match="propose a revision"):
            act(published.portal.name("operator"), "package_patch", id=published.dataset["id"], notes="x")
        with pytest.raises(helpers.logic.NotAuthorized, match="propose a revision"):
            act(published.portal.name("sysadmin"), "package_patch", id=published.dataset["id"], notes="x")
        assert helpers.call_action("package_show", id=published.dataset["id"])["notes"] == OLD_NOTES

    def test_the_gate_holds_for_the_working_copy(self, published) -> None:
        portal = published.portal
        revision = published.propose()
        act(portal.name("operator"), "package_patch", id=revision["copy_package_id"], accessRights="tertutup")
        portal.advance(revision["copy_package_id"], "approved")
        with pytest.raises(helpers.logic.ValidationError, match="access classification is open"):
            act(portal.name("walidata"), "satudatablitar_workflow_publish", id=revision["copy_package_id"])
        assert helpers.call_action("package_show", id=published.dataset["id"])["accessRights"] == "terbuka"
        copy = model.Package.get(revision["copy_package_id"])
        assert copy.private is True
        assert store.current_state(copy.id) == "approved"


class TestWithdrawAndFailure:
    def test_withdrawn_revision_leaves_the_published_dataset_alone(self, published) -> None:
        portal = published.portal
        revision = published.propose()
        copy = published.edit(revision)
        with pytest.raises(helpers.logic.NotFound, match="no open revision"):
            act(portal.name("other_editor"), "satudatablitar_revision_withdraw", id=published.dataset["id"])
        closed = act(portal.name("operator"), "satudatablitar_revision_withdraw", id=copy["id"], note="salah")
        assert closed["status"] == "withdrawn"
        assert model.Package.get(copy["id"]) is None
        _assert_public_unchanged(published, copy)
        last = store.events(published.dataset["id"])[-1]
        assert (last.action, last.note) == ("revision_withdrawn", "salah")
        assert published.propose()["number"] == 2

    def test_a_publish_that_fails_halfway_leaves_the_public_version_whole(self, published) -> None:
        portal = published.portal
        copy = published.edit(published.propose())
        portal.advance(copy["id"], "approved")
        added = next(r for r in copy["resources"] if r["name"] == "Baru")
        os.remove(files.local_path(added["id"]))
        with pytest.raises(helpers.logic.ValidationError, match="file of Baru is missing"):
            act(portal.name("walidata"), "satudatablitar_workflow_publish", id=copy["id"])
        model.Session.remove()
        _assert_public_unchanged(published, copy)
        assert store.current_state(copy["id"]) == "approved"
        assert store.events(published.dataset["id"])[-1].action == "publish"
        directory = os.path.dirname(files.local_path(published.data["id"]))
        assert [name for name in os.listdir(directory) if "~" in name] == []


@pytest.mark.usefixtures("clean_queues")
@pytest.mark.ckan_config(config.NOTIFY_MODE, "immediate")
def test_the_operator_is_told_when_the_revision_is_published(published, smtp_server) -> None:
    portal = published.portal
    copy = published.edit(published.propose())
    portal.advance(copy["id"], "approved")
    notify_jobs.send_pending()
    told_before = len(smtp_server.to(portal.users["operator"]["email"]))
    act(portal.name("walidata"), "satudatablitar_workflow_publish", id=copy["id"])
    notify_jobs.send_pending()
    mails = smtp_server.to(portal.users["operator"]["email"])
    assert len(mails) == told_before + 1
    assert "published" in mails[-1]["Subject"]
    assert "/dataset/" + published.dataset["name"] in mails[-1].get_content()


def test_the_database_holds_one_open_revision_per_dataset(published) -> None:
    """Two requests that both found no open revision cannot both open one (partial unique index)."""
    revision = published.propose()
    user_id = published.portal.users["operator"]["id"]
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="satudatablitar_revision_one_open_idx"):
        revisions.add(published.dataset["id"], "another-copy", revision["number"] + 1, user_id)
    model.Session.rollback()


def test_a_long_name_is_cut_to_fit_ckans_limit(portal) -> None:
    name = "d" * 100
    dataset = portal.dataset(name=name)
    portal.advance(dataset["id"], "published")
    revision = act(portal.name("operator"), "satudatablitar_revision_create", id=dataset["id"])
    assert revision["copy_package_name"] == "d" * 91 + "-revisi-1"
    assert len(working_copy.copy_name(name, 1234567)) == 100


@pytest.mark.usefixtures("clean_queues")
def test_the_published_files_keep_the_validation_done_on_the_copy(
    portal, create_with_upload, tmp_path
) -> None:
    dataset = portal.dataset()
    first = corpus.csv_file(tmp_path / "penduduk.csv", corpus.GOOD_ROWS)
    resource = tabulation.upload(create_with_upload, portal, dataset, first)
    tabulation.run_worker()
    portal.advance(dataset["id"], "published")
    before = act(None, "satudatablitar_validation_show", resource_id=resource["id"])
    revision = act(portal.name("operator"), "satudatablitar_revision_create", id=dataset["id"])
    copy_resource = helpers.call_action("package_show", id=revision["copy_package_id"])["resources"][0]
    rows_2025 = [
        ["Kepanjenkidul", 2025, 24100, 24600, 48700],
        ["Sukorejo", 2025, 29100, 29500, 58600],
        ["Sananwetan", 2025, 30200, 31000, 61200],
        ["Jumlah", 2025, 83400, 85100, 168500],
    ]
    second = corpus.csv_file(tmp_path / "penduduk-2025.csv", rows_2025)
    create_with_upload(
        second.read_bytes(),
        second.name,
        action="resource_patch",
        context={"user": portal.name("operator"), "ignore_auth": False},
        id=copy_resource["id"],
    )
    tabulation.run_worker()
    on_copy = act(portal.name("operator"), "satudatablitar_validation_show", resource_id=copy_resource["id"])
    validated = helpers.call_action("resource_show", id=copy_resource["id"])
    assert on_copy["status"] == "success"

    portal.advance(revision["copy_package_id"], "published")

    public = act(None, "satudatablitar_validation_show", resource_id=resource["id"])
    assert (public["status"], public["run_id"]) == ("success", on_copy["run_id"])
    assert public["run_id"] != before["run_id"]
    shown = act(None, "package_show", id=dataset["id"])["resources"][0]
    assert shown["id"] == resource["id"]
    assert (shown["validation_status"], shown["validation_timestamp"]) == (
        "success",
        validated["validation_timestamp"],
    )
