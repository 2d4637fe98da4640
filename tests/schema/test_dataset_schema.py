"""The SDI dataset schema: its fields, labels, vocabularies and the API round trip."""

from __future__ import annotations

import pytest
from ckan.tests import helpers

from ckanext.satudatablitar import config
from ckanext.satudatablitar.metadata import fields, vocab

from .conftest import complete_metadata

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

NATIONAL_FIELDS = {
    "title", "name", "notes", "tag_string", "owner_org", "author", "author_email", "maintainer",
    "maintainer_email", "license_id", "id_dds", "id_sds", "theme", "jenis", "accrualPeriodicity",
    "accessRights", "konsep", "ukuran", "satuan", "klasifikasi_penyajian", "tingkat_penyajian",
    "kode_wilayah", "tahun_data_mulai", "tahun_data_selesai", "status_data", "sumber_data",
    "cara_pengumpulan_data", "prioritas_tahun", "kriteria_prioritas", "indikator_prioritas",
    "publisher_type", "id_msind", "id_mskeg", "interpretasi", "metode_perhitungan", "rumus",
    "level_estimasi", "kodereferensi", "publishing_status", "status_review_pembina",
}  # fmt: skip


def test_schema_carries_every_national_field_with_labels_in_both_languages():
    schema = helpers.call_action("scheming_dataset_schema_show", type="dataset")
    names = {f["field_name"] for f in schema["dataset_fields"]}
    assert names >= NATIONAL_FIELDS
    for field in schema["dataset_fields"] + schema["resource_fields"]:
        assert set(field["label"]) == {"en", "id"}, field["field_name"]
        if "help_text" in field:
            assert set(field["help_text"]) == {"en", "id"}, field["field_name"]
    resource_names = {f["field_name"] for f in schema["resource_fields"]}
    assert {"jenis_berkas", "schema", "validation_status", "validation_timestamp"} <= resource_names


def test_required_fields_are_marked():
    assert set(fields.required_fields()) >= {
        "title", "notes", "owner_org", "theme", "konsep", "ukuran", "satuan", "tingkat_penyajian",
        "kode_wilayah", "tahun_data_mulai", "tahun_data_selesai", "accrualPeriodicity", "accessRights",
        "license_id", "author", "author_email", "maintainer", "maintainer_email",
    }  # fmt: skip
    assert "sumber_data" not in fields.required_fields()


def test_every_vocabulary_term_has_a_value_and_both_labels():
    for name, vocabulary in vocab.vocabularies().items():
        assert set(vocabulary["label"]) == {"en", "id"} and vocabulary["source"], name
        values = [term["value"] for term in vocabulary["terms"]]
        assert len(values) == len(set(values)), name
        for term in vocabulary["terms"]:
            assert set(term["label"]) == {"en", "id"}, (name, term)


@pytest.mark.parametrize(
    ("vocabulary", "raw", "value"),
    [
        ("frequency", "Tahunan", "tahunan"),
        ("frequency", "yearly", "tahunan"),
        ("frequency", "Ad hoc", "tidak-tetap"),
        ("presentation_level", "Kabupaten/Kota", "kota"),
        ("presentation_level", "desa", "kelurahan"),
        ("figure_status", "Sementara", "sementara"),
        ("figure_status", "Sangat Sementara (**)", "sangat-sementara"),
        ("access", "TERBUKA", "terbuka"),
        ("collection_method", "sensus", "pencacahan-lengkap"),
        ("theme", "Ekonomi dan Industri", "ekonomi-dan-industri"),
        ("data_kind", "spasial", "spasial"),
        ("file_role", "Metadata", "metadata"),
        ("frequency", "setiap saat", None),
    ],
)
def test_vocabulary_normalizes_labels_and_aliases(vocabulary, raw, value):
    assert vocab.normalize(vocabulary, raw) == value


def test_region_code_list_is_shipped_with_the_configured_region():
    codes = vocab.region_codes()
    assert codes["35.72"] == "Kota Blitar"
    assert len([c for c in codes if c.startswith("35.72.") and len(c) == 8]) == 3
    assert len([c for c in codes if c.startswith("35.72.") and len(c) == 13]) == 21
    assert all(c["value"].startswith("35.72") for c in vocab.region_choices())


def test_api_round_trips_every_field(sysadmin, organization):
    metadata = complete_metadata()
    created = helpers.call_action(
        "package_create",
        {"user": sysadmin["name"]},
        name="penduduk",
        owner_org=organization["id"],
        **metadata,
    )
    shown = helpers.call_action("package_show", id=created["id"])
    for key, value in metadata.items():
        assert shown[key] == value, key
    assert shown["publisher_type"] == "daerah-kota"


def test_defaults_fill_region_and_license(sysadmin, organization):
    created = helpers.call_action(
        "package_create",
        {"user": sysadmin["name"]},
        name="kosong",
        title="Kosong",
        owner_org=organization["id"],
    )
    assert created["kode_wilayah"] == "35.72"
    assert created["license_id"] == "cc-by"
    assert set(fields.missing_required(created)) >= {"konsep", "satuan", "accessRights", "tingkat_penyajian"}
    assert "kode_wilayah" not in fields.missing_required(created)


def test_publisher_type_comes_from_config_and_cannot_be_set(sysadmin, organization, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, config.PUBLISHER_TYPE, "daerah-kabupaten")
    created = helpers.call_action(
        "package_create",
        {"user": sysadmin["name"]},
        name="tipe",
        owner_org=organization["id"],
        publisher_type="pusat",
    )
    assert created["publisher_type"] == "daerah-kabupaten"


def test_http_api_round_trips_every_field_for_an_editor(app, organization):
    from ckan.tests import factories

    editor = factories.User()
    helpers.call_action(
        "organization_member_create", id=organization["id"], username=editor["name"], role="editor"
    )
    headers = {"Authorization": factories.APIToken(user=editor["name"])["token"]}
    metadata = complete_metadata()
    created = app.post(
        "/api/action/package_create",
        json={"name": "lewat-http", "owner_org": organization["id"], **metadata},
        headers=headers,
    ).json["result"]
    shown = app.get("/api/action/package_show", query_string={"id": created["id"]}, headers=headers)
    result = shown.json["result"]
    assert {key: result[key] for key in metadata} == metadata
    refused = app.post(
        "/api/action/package_patch",
        json={"id": created["id"], "kode_wilayah": "99.99"},
        headers=headers,
        status=409,
    )
    assert refused.json["error"]["kode_wilayah"] == ["99.99 is not a Kemendagri region code."]
