"""The vocabularies and the metadata-sheet layout through the public API."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import helpers

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def test_anonymous_client_lists_every_vocabulary(app):
    result = app.get("/api/action/satudatablitar_vocabulary_list").json["result"]
    assert set(result) == {
        "frequency", "presentation_level", "collection_method", "figure_status", "access",
        "theme", "data_kind", "file_role", "region",
    }  # fmt: skip
    assert result["access"]["terms"][0] == {"value": "terbuka", "label": {"id": "Terbuka", "en": "Open"}}
    assert "aliases" not in result["frequency"]["terms"][0]
    assert result["region"]["terms"][0]["value"] == "35.72"


def test_vocabulary_show(app):
    result = app.get("/api/action/satudatablitar_vocabulary_show", query_string={"name": "frequency"})
    assert [t["value"] for t in result.json["result"]["terms"]][:3] == ["harian", "mingguan", "bulanan"]
    with pytest.raises(tk.ObjectNotFound, match="Vocabulary not found: warna"):
        helpers.call_action("satudatablitar_vocabulary_show", name="warna")


def test_metadata_sheet_layout_lists_the_fillable_fields():
    layout = helpers.call_action("satudatablitar_metadata_sheet_layout")
    assert (layout["sheet"], layout["label_column"], layout["value_column"]) == ("Metadata", "A", "B")
    by_name = {f["field_name"]: f for f in layout["fields"]}
    assert by_name["konsep"]["label"] == {"id": "Konsep", "en": "Concept"} and by_name["konsep"]["required"]
    assert by_name["accrualPeriodicity"]["vocabulary"] == "frequency"
    assert by_name["kode_wilayah"]["vocabulary"] == "region"
    assert by_name["tingkat_penyajian"]["multiple"]
    assert not {"name", "owner_org", "private", "publishing_status", "publisher_type"} & set(by_name)
