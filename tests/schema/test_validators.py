"""Every validator of the SDI schema refuses bad values with a message on the field."""

from __future__ import annotations

import json
import re

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories, helpers

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def create(sysadmin, organization, **fields):
    return helpers.call_action(
        "package_create",
        {"user": sysadmin["name"]},
        name=fields.pop("name", "dataset-uji"),
        owner_org=organization["id"],
        **fields,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kode_wilayah", "3572", "Region code must look like 35.72"),
        ("kode_wilayah", "35.72.09", "35.72.09 is not a Kemendagri region code"),
        ("tahun_data_mulai", "20", "20 is not a year between 1900"),
        ("tahun_data_mulai", "1850", "1850 is not a year between 1900"),
        ("tahun_data_selesai", "dua ribu", "dua ribu is not a year"),
        ("prioritas_tahun", "2024, duaribu", "duaribu is not a year"),
        ("id_dds", "KES 01", "only letters, digits"),
        ("id_dds", "KES.01", "KES.01 is not an element of the DSSD register"),
        ("author_email", "bukan-email", "Email bukan-email is not a valid format"),
        ("maintainer_email", "a@", "is not a valid format"),
        ("kodereferensi", "sirusa.bps.go.id", "Please provide a valid URL"),
        ("theme", "ekonomi", 'unexpected choice "ekonomi"'),
        ("jenis", "peta", 'unexpected choice "peta"'),
        ("accrualPeriodicity", "Tahunan", 'unexpected choice "Tahunan"'),
        ("status_data", "final", 'unexpected choice "final"'),
        ("cara_pengumpulan_data", "wawancara", 'unexpected choice "wawancara"'),
        ("accessRights", "rahasia", 'unexpected choice "rahasia"'),
        ("level_estimasi", "provinsi", 'unexpected choice "provinsi"'),
        ("tingkat_penyajian", ["kota", "provinsi"], 'unexpected choice "provinsi"'),
    ],
)
def test_bad_value_is_refused_on_its_field(sysadmin, organization, field, value, message):
    with pytest.raises(tk.ValidationError, match=re.escape(message)) as error:
        create(sysadmin, organization, **{field: value})
    assert list(error.value.error_dict) == [field]


def test_last_year_before_first_year_is_refused(sysadmin, organization):
    with pytest.raises(tk.ValidationError, match=r"must not be before the first year \(2024\)") as error:
        create(sysadmin, organization, tahun_data_mulai="2024", tahun_data_selesai="2020")
    assert list(error.value.error_dict) == ["tahun_data_selesai"]


def test_year_list_is_normalised(sysadmin, organization):
    dataset = create(sysadmin, organization, prioritas_tahun="2025; 2023 2024,2023")
    assert dataset["prioritas_tahun"] == "2023,2024,2025"


def test_registered_element_code_is_accepted(sysadmin, organization):
    from tests.register.conftest import add_elements

    add_elements(2025, [("KES.01", organization["id"])])
    assert create(sysadmin, organization, id_dds="KES.01")["id_dds"] == "KES.01"


TABLE_SCHEMA = {"fields": [{"name": "Kecamatan", "type": "string"}, {"name": "Jumlah", "type": "integer"}]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{fields: []}", "Table Schema is not valid JSON"),
        (json.dumps({"fields": []}), "needs at least one column"),
        (json.dumps({"fields": [{"name": "a"}, {"name": "a"}]}), "column names must be unique"),
        (json.dumps({"fields": [{"name": "a", "type": "bilangan"}]}), "Invalid Table Schema"),
    ],
)
def test_bad_table_schema_is_refused_on_the_resource(sysadmin, organization, value, message):
    with pytest.raises(tk.ValidationError, match=re.escape(message)) as error:
        create(sysadmin, organization, resources=[{"url": "http://x.test/a.csv", "schema": value}])
    assert "schema" in error.value.error_dict["resources"][0]


def test_resource_fields_round_trip(sysadmin, organization):
    dataset = create(
        sysadmin,
        organization,
        resources=[
            {"url": "http://x.test/a.xlsx", "schema": json.dumps(TABLE_SCHEMA)},
            {"url": "http://x.test/meta.xlsx", "jenis_berkas": "metadata"},
        ],
    )
    data, meta = helpers.call_action("package_show", id=dataset["id"])["resources"]
    assert json.loads(data["schema"]) == TABLE_SCHEMA
    assert data["jenis_berkas"] == "data"
    assert meta["jenis_berkas"] == "metadata"
    with pytest.raises(tk.ValidationError, match='unexpected choice "tabel"'):
        helpers.call_action("resource_patch", {"user": sysadmin["name"]}, id=data["id"], jenis_berkas="tabel")


def test_validation_fields_are_read_only_for_users_and_written_by_the_job(organization):
    editor = factories.User()
    helpers.call_action(
        "organization_member_create", id=organization["id"], username=editor["name"], role="editor"
    )
    dataset = factories.Dataset(owner_org=organization["id"])
    resource = factories.Resource(package_id=dataset["id"], validation_status="success")
    assert "validation_status" not in resource

    job_context = {"user": editor["name"], "satudatablitar_validation_job": True}
    helpers.call_action(
        "resource_patch",
        job_context,
        id=resource["id"],
        validation_status="failure",
        validation_timestamp="2026-11-24T10:00:00",
    )
    user_context = {"user": editor["name"], "ignore_auth": False}
    patched = helpers.call_action(
        "resource_patch", user_context, id=resource["id"], validation_status="success", name="baru"
    )
    assert patched["validation_status"] == "failure"
    assert patched["validation_timestamp"] == "2026-11-24T10:00:00"
    assert patched["name"] == "baru"
    # a full package_update without the fields keeps them too
    pkg = helpers.call_action("package_show", id=dataset["id"])
    for res in pkg["resources"]:
        res.pop("validation_status")
    helpers.call_action("package_update", user_context, **pkg)
    model.Session.remove()
    shown = helpers.call_action("resource_show", id=resource["id"])
    assert shown["validation_status"] == "failure"
