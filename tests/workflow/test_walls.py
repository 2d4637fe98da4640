"""Walls: only the publish step makes a dataset public; reviewed content cannot change unnoticed."""

from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories, helpers

from .conftest import act, complete_metadata

pytestmark = pytest.mark.usefixtures("with_plugins")

VISIBILITY = "Visibility is set by the publication workflow"
PUBLISHED = "This dataset is published: changes to it cannot go live unreviewed"
UNDER_REVIEW = "under review .* cannot be edited"


def _show(dataset_id: str) -> dict:
    return helpers.call_action("package_show", id=dataset_id)


def _anonymous_count(q: str) -> int:
    return act(None, "package_search", q=q, include_private=True)["count"]


class TestCreate:
    @pytest.mark.parametrize("private", [None, False, "false"])
    def test_api_create_is_private_whatever_is_sent(self, app, portal, private):
        token = factories.APIToken(user=portal.name("operator"))["token"]
        data = complete_metadata(owner_org=portal.opd["id"], name="lewat-api")
        if private is not None:
            data["private"] = private
        response = app.post(
            "/api/3/action/package_create", json=data, headers={"Authorization": token}, status=200
        )
        assert response.json["result"]["private"] is True
        assert response.json["result"]["satudatablitar_state"] == "draft"
        assert _anonymous_count("name:lewat-api") == 0

    def test_sysadmin_with_ignore_auth_creates_private(self, portal):
        dataset = helpers.call_action(
            "package_create",
            {"user": portal.name("sysadmin")},
            **complete_metadata(owner_org=portal.opd["id"], name="oleh-sysadmin", private=False),
        )
        assert dataset["private"] is True


class TestVisibilityChanges:
    @pytest.mark.parametrize("who", ["operator", "sysadmin"])
    @pytest.mark.parametrize("action", ["package_update", "package_patch"])
    def test_update_and_patch_refuse_private_false(self, portal, who, action):
        dataset = portal.dataset()
        data = (
            {**_show(dataset["id"]), "private": False}
            if action == "package_update"
            else {"id": dataset["id"], "private": False}
        )
        with pytest.raises(helpers.logic.ValidationError, match=VISIBILITY):
            act(portal.name(who), action, **data)
        assert _show(dataset["id"])["private"] is True

    def test_ignore_auth_caller_cannot_change_visibility(self, portal):
        dataset = portal.dataset()
        with pytest.raises(helpers.logic.ValidationError, match=VISIBILITY):
            helpers.call_action("package_patch", id=dataset["id"], private=False)
        assert _show(dataset["id"])["private"] is True

    def test_revise_refuses_private_false(self, portal):
        dataset = portal.dataset()
        with pytest.raises(helpers.logic.ValidationError, match=VISIBILITY):
            act(
                portal.name("operator"),
                "package_revise",
                match={"id": dataset["id"]},
                update={"private": False},
            )
        assert _show(dataset["id"])["private"] is True

    def test_update_without_private_keeps_it_private(self, portal):
        dataset = portal.dataset()
        data = {k: v for k, v in _show(dataset["id"]).items() if k != "private"}
        act(portal.name("operator"), "package_update", **{**data, "satuan": "orang"})
        assert _show(dataset["id"])["private"] is True

    @pytest.mark.parametrize("who", ["verifier", "sysadmin"])
    def test_bulk_update_public_is_refused(self, portal, who):
        dataset = portal.dataset()
        with pytest.raises(helpers.logic.NotAuthorized, match=VISIBILITY):
            act(portal.name(who), "bulk_update_public", datasets=[dataset["id"]], org_id=portal.opd["id"])
        assert _show(dataset["id"])["private"] is True
        assert _anonymous_count("id:" + dataset["id"]) == 0

    def test_bulk_update_private_cannot_withdraw_a_published_dataset(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "published")
        with pytest.raises(helpers.logic.NotAuthorized, match=VISIBILITY):
            act(
                portal.name("sysadmin"),
                "bulk_update_private",
                datasets=[dataset["id"]],
                org_id=portal.opd["id"],
            )
        assert _show(dataset["id"])["private"] is False

    def test_unpublished_published_dataset_cannot_be_made_private_by_patch(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "published")
        with pytest.raises(helpers.logic.ValidationError, match=VISIBILITY):
            act(portal.name("sysadmin"), "package_patch", id=dataset["id"], private=True)


class TestOwnerOrg:
    def test_move_under_review_is_refused_even_for_sysadmin(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "verified_opd")
        with pytest.raises(helpers.logic.ValidationError, match="cannot move to another organization"):
            act(
                portal.name("sysadmin"),
                "package_owner_org_update",
                id=dataset["id"],
                organization_id=portal.other_opd["id"],
            )
        assert _show(dataset["id"])["owner_org"] == portal.opd["id"]

    def test_operator_cannot_move_a_dataset_under_review(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "submitted")
        with pytest.raises(helpers.logic.NotAuthorized, match=UNDER_REVIEW):
            act(portal.name("operator"), "package_patch", id=dataset["id"], owner_org=portal.other_opd["id"])

    def test_published_dataset_cannot_move(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "published")
        with pytest.raises(
            (helpers.logic.ValidationError, helpers.logic.NotAuthorized), match="cannot move|" + PUBLISHED
        ):
            act(portal.name("sysadmin"), "package_patch", id=dataset["id"], owner_org=portal.other_opd["id"])
        assert _show(dataset["id"])["owner_org"] == portal.opd["id"]

    def test_draft_may_move(self, portal):
        dataset = portal.dataset()
        act(
            portal.name("sysadmin"),
            "package_owner_org_update",
            id=dataset["id"],
            organization_id=portal.other_opd["id"],
        )
        assert model.Package.get(dataset["id"]).owner_org == portal.other_opd["id"]


@pytest.mark.ckan_config("ckan.auth.allow_dataset_collaborators", "true")
@pytest.mark.parametrize("who", ["verifier", "sysadmin"])
def test_dataset_collaborators_are_refused(portal, who):
    dataset = portal.dataset()
    with pytest.raises(helpers.logic.NotAuthorized, match="collaborators are turned off"):
        act(
            portal.name(who),
            "package_collaborator_create",
            id=dataset["id"],
            user_id=portal.name("other_editor"),
            capacity="editor",
        )
    with pytest.raises(helpers.logic.NotFound):
        act(portal.name("other_editor"), "package_show", id=dataset["id"])


class TestPublishedContent:
    @pytest.mark.parametrize(
        ("action", "data"),
        [
            ("resource_create", {"url": "http://example.com/baru.pdf", "name": "baru"}),
            ("package_patch", {"title": "Judul lain"}),
        ],
    )
    def test_operator_cannot_change_a_published_dataset(self, portal, action, data):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "published")
        key = "package_id" if action == "resource_create" else "id"
        message = "not authorized to create resources" if action == "resource_create" else PUBLISHED
        with pytest.raises(helpers.logic.NotAuthorized, match=message):
            act(portal.name("operator"), action, **{key: dataset["id"]}, **data)

    @pytest.mark.parametrize(
        "action", ["resource_create", "resource_update", "resource_delete", "package_patch"]
    )
    def test_sysadmin_change_to_published_content_is_refused_and_rolled_back(self, portal, action):
        dataset = portal.dataset(
            resources=[{"url": "http://example.com/data.pdf", "name": "data", "format": "PDF"}]
        )
        portal.advance(dataset["id"], "published")
        before = _show(dataset["id"])
        resource_id = before["resources"][0]["id"]
        data = {
            "resource_create": {"package_id": dataset["id"], "url": "http://example.com/baru.pdf"},
            "resource_update": {"id": resource_id, "url": "http://example.com/ganti.pdf"},
            "resource_delete": {"id": resource_id},
            "package_patch": {"id": dataset["id"], "title": "Judul lain"},
        }[action]
        with pytest.raises(helpers.logic.NotAuthorized, match=PUBLISHED):
            act(portal.name("sysadmin"), action, **data)
        after = _show(dataset["id"])
        assert (after["title"], after["resources"]) == (before["title"], before["resources"])
        indexed = act(None, "package_search", q="id:" + dataset["id"])["results"][0]
        assert indexed["title"] == before["title"]
        assert len(indexed["resources"]) == 1


class TestUnderReview:
    @pytest.mark.parametrize("who", ["operator", "verifier"])
    def test_operator_and_opd_verifier_cannot_edit(self, portal, who):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "submitted")
        with pytest.raises(helpers.logic.NotAuthorized, match=UNDER_REVIEW):
            act(portal.name(who), "package_patch", id=dataset["id"], satuan="orang")
        with pytest.raises(helpers.logic.NotAuthorized, match="not authorized to create resources"):
            act(portal.name(who), "resource_create", package_id=dataset["id"], url="http://example.com/x.pdf")

    @pytest.mark.parametrize("who", ["kominfotik", "pembina"])
    def test_central_reviewers_cannot_edit(self, portal, who):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "verified_opd")
        with pytest.raises(helpers.logic.NotAuthorized):
            act(portal.name(who), "package_patch", id=dataset["id"], satuan="orang")

    def test_change_after_sign_off_voids_sign_offs_and_sends_back(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "approved")
        act(
            portal.name("sysadmin"),
            "resource_create",
            package_id=dataset["id"],
            url="http://example.com/x.pdf",
        )
        shown = act(portal.name("verifier"), "satudatablitar_workflow_show", id=dataset["id"])
        assert shown["state"] == "submitted"
        assert shown["signoffs"] == {"walidata": None, "pembina": None}
        event = helpers.call_action("satudatablitar_workflow_history", id=dataset["id"])[-1]
        assert (event["action"], event["from_state"], event["actor_role"]) == (
            "content_change",
            "approved",
            "sysadmin:operator",
        )

    def test_administrative_change_is_not_content(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "approved")
        # a no-op update (same content) keeps the review
        act(portal.name("sysadmin"), "package_update", **_show(dataset["id"]))
        assert helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])["state"] == "approved"


class TestMirror:
    def test_mirror_fields_cannot_be_set(self, portal):
        dataset = portal.dataset()
        act(
            portal.name("operator"),
            "package_patch",
            id=dataset["id"],
            satudatablitar_state="published",
            publishing_status="approved",
            status_review_pembina="approved",
        )
        shown = _show(dataset["id"])
        assert (
            shown["satudatablitar_state"],
            shown["publishing_status"],
            shown["status_review_pembina"],
        ) == (
            "draft",
            "onprogress",
            "onprogress",
        )
        search = act(
            portal.name("sysadmin"),
            "package_search",
            fq="satudatablitar_state:published",
            include_private=True,
        )
        assert search["count"] == 0

    def test_state_is_a_search_facet(self, portal):
        first, second = portal.dataset(), portal.dataset()
        portal.advance(second["id"], "verified_opd")
        result = act(
            portal.name("sysadmin"),
            "package_search",
            include_private=True,
            **{"facet.field": '["satudatablitar_state"]'},
        )
        assert result["facets"]["satudatablitar_state"] == {"draft": 1, "verified_opd": 1}
        found = act(
            portal.name("sysadmin"),
            "package_search",
            fq="satudatablitar_state:verified_opd",
            include_private=True,
        )
        assert [d["id"] for d in found["results"]] == [second["id"]]
        assert found["results"][0]["publishing_status"] == "onprogress"
        assert first["id"] != second["id"]


class TestReadAccess:
    @pytest.mark.parametrize("who", ["kominfotik", "walidata", "pembina"])
    def test_central_reviewers_see_datasets_under_review_only(self, portal, who):
        draft = portal.dataset(title="Draf Rahasia")
        under_review = portal.dataset(title="Sedang Diverifikasi")
        portal.advance(under_review["id"], "submitted")
        found = act(portal.name(who), "package_search", q="*:*", include_private=True)
        assert [d["id"] for d in found["results"]] == [under_review["id"]]
        assert act(portal.name(who), "package_show", id=under_review["id"])["id"] == under_review["id"]
        with pytest.raises(helpers.logic.NotFound):
            act(portal.name(who), "package_show", id=draft["id"])

    def test_returned_dataset_leaves_central_reviewers_view(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "submitted")
        act(portal.name("verifier"), "satudatablitar_workflow_request_revision", id=dataset["id"], note="x")
        found = act(portal.name("pembina"), "package_search", q="*:*", include_private=True)
        assert found["count"] == 0

    def test_other_opd_sees_nothing_until_published(self, portal):
        dataset = portal.dataset()
        portal.advance(dataset["id"], "approved")
        assert act(portal.name("other_admin"), "package_search", q="*:*", include_private=True)["count"] == 0
        portal.advance(dataset["id"], "published")
        assert act(portal.name("other_admin"), "package_search", q="*:*", include_private=True)["count"] == 1
        assert _anonymous_count("*:*") == 1
