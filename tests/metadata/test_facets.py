"""Facets on topic, OPD, frequency, year and DSSD element, through the real Solr index."""

from __future__ import annotations

import pytest
from ckan.tests import factories, helpers

from ckanext.satudatablitar.metadata.facets import YEAR_FIELD
from tests.register.conftest import add_elements

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

FACETS = ["theme", "organization", "accrualPeriodicity", YEAR_FIELD, "id_dds"]


@pytest.fixture
def indexed():
    dinkes = factories.Organization(name="dinkes", title="Dinas Kesehatan")
    disdik = factories.Organization(name="disdik", title="Dinas Pendidikan")
    add_elements(2025, [("KES.01", dinkes["id"]), ("PDK.01", disdik["id"])])
    sysadmin = factories.Sysadmin()
    rows = [
        ("data-a", dinkes, "perlindungan-sosial-dan-kesehatan", "tahunan", "2021", "2023", "KES.01"),
        ("data-b", dinkes, "perlindungan-sosial-dan-kesehatan", "bulanan", "2023", "2023", "KES.01"),
        ("data-c", disdik, "pendidikan-dan-tenaga-kerja", "tahunan", "2022", "", "PDK.01"),
    ]
    for name, org, theme, frequency, first, last, code in rows:
        helpers.call_action(
            "package_create",
            {"user": sysadmin["name"]},
            name=name,
            owner_org=org["id"],
            theme=theme,
            accrualPeriodicity=frequency,
            tahun_data_mulai=first,
            tahun_data_selesai=last,
            id_dds=code,
        )
    return sysadmin


def counts(result, field):
    return {item["name"]: item["count"] for item in result["search_facets"][field]["items"]}


def test_facets_count_datasets_by_sdi_fields(indexed):
    result = helpers.call_action(
        "package_search",
        {"user": indexed["name"]},
        include_private=True,
        **{"facet.field": FACETS},
    )
    assert result["count"] == 3
    assert counts(result, "theme") == {
        "perlindungan-sosial-dan-kesehatan": 2,
        "pendidikan-dan-tenaga-kerja": 1,
    }
    assert counts(result, "organization") == {"dinkes": 2, "disdik": 1}
    assert counts(result, "accrualPeriodicity") == {"tahunan": 2, "bulanan": 1}
    assert counts(result, YEAR_FIELD) == {"2021": 1, "2022": 2, "2023": 2}
    assert counts(result, "id_dds") == {"KES.01": 2, "PDK.01": 1}


def test_facet_items_carry_vocabulary_labels_and_element_names(indexed):
    result = helpers.call_action(
        "package_search", {"user": indexed["name"]}, include_private=True, **{"facet.field": FACETS}
    )
    names = {
        field: {item["name"]: item["display_name"] for item in result["search_facets"][field]["items"]}
        for field in FACETS
    }
    assert names["accrualPeriodicity"]["tahunan"] == "Yearly"  # test.ini: ckan.locale_default = en
    assert names["theme"]["pendidikan-dan-tenaga-kerja"] == "Education and labour"
    assert names["id_dds"]["KES.01"] == "KES.01 Elemen KES.01"


def test_filtering_on_a_facet_narrows_the_results(indexed):
    result = helpers.call_action(
        "package_search", {"user": indexed["name"]}, include_private=True, fq=f'{YEAR_FIELD}:"2021"'
    )
    assert [d["name"] for d in result["results"]] == ["data-a"]


def test_dataset_search_page_shows_the_sdi_facets(app, indexed):
    for locale, texts in {
        "en": ["Topic", "Update frequency", "DSSD element", "Yearly"],
        "id": ["Tahunan"],
    }.items():
        prefix = "" if locale == "en" else f"/{locale}"
        page = app.get(
            f"{prefix}/dataset/", headers={"Authorization": factories.APIToken(user=indexed["name"])["token"]}
        )
        for text in texts:
            assert text in page.body, (locale, text)
