"""The standard dataset form shows the SDI form in both languages and refuses bad values per field."""

from __future__ import annotations

import io

import openpyxl
import pytest
from ckan.tests import factories, helpers

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def editor():
    user = factories.User()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    token = factories.APIToken(user=user["name"])["token"]
    return {"user": user, "org": org, "headers": {"Authorization": token}}


@pytest.mark.parametrize(
    ("prefix", "texts"),
    [
        (
            "",
            [
                "Region code",
                "Update frequency",
                "Access classification",
                "Yearly",
                "Kemendagri code of the area",
            ],
        ),
        (
            "/id",
            [
                "Kode Wilayah",
                "Periode Data / Jadwal Pemutakhiran",
                "Akses Data",
                "Tahunan",
                "Kode wilayah Kemendagri",
            ],
        ),
    ],
)
def test_new_dataset_form_in_both_languages(app, editor, prefix, texts):
    page = app.get(f"{prefix}/dataset/new", headers=editor["headers"])
    for text in texts:
        assert text in page.body, text
    assert "35.72.01 Kepanjenkidul" in page.body


def test_form_refuses_bad_values_with_field_messages(app, editor):
    page = app.post(
        "/dataset/new",
        data={
            "name": "uji-form",
            "title": "Uji form",
            "owner_org": editor["org"]["id"],
            "kode_wilayah": "35.72.09",
            "tahun_data_mulai": "2025",
            "tahun_data_selesai": "2020",
            "author_email": "bukan-email",
            "save": "",
        },
        headers=editor["headers"],
    )
    assert "35.72.09 is not a Kemendagri region code." in page.body
    assert "The last year must not be before the first year (2025)." in page.body
    assert "Email bukan-email is not a valid format" in page.body
    assert helpers.call_action("package_search", q="name:uji-form", include_private=True)["count"] == 0


def test_edit_form_offers_the_metadata_sheet_and_the_page_fills_the_dataset(app, editor):
    dataset = helpers.call_action(
        "package_create", {"user": editor["user"]["name"]}, name="uji-sheet", owner_org=editor["org"]["id"]
    )
    form = app.get("/dataset/edit/uji-sheet", headers=editor["headers"])
    assert "/dataset/uji-sheet/metadata-import" in form.body
    book = openpyxl.Workbook()
    book.active.title = "Metadata"
    book.active.append(["Satuan", "jiwa"])
    book.active.append(["Akses Data", "Rahasia"])
    buffer = io.BytesIO()
    book.save(buffer)
    page = app.post(
        "/dataset/uji-sheet/metadata-import",
        data={"upload": (io.BytesIO(buffer.getvalue()), "meta.xlsx")},
        headers=editor["headers"],
    )
    assert "1 fields filled." in page.body and "Not a known value" in page.body
    assert helpers.call_action("package_show", id=dataset["id"])["satuan"] == "jiwa"
    reader = factories.User()
    helpers.call_action(
        "organization_member_create", id=editor["org"]["id"], username=reader["name"], role="member"
    )
    url = "/dataset/uji-sheet/metadata-import"
    app.get(url, headers={"Authorization": factories.APIToken(user=reader["name"])["token"]}, status=403)
    # the unpublished dataset does not exist for an outsider
    app.get(url, headers={"Authorization": factories.APIToken()["token"]}, status=404)
