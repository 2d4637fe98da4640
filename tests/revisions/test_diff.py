"""dataset_diff on package_show-shaped dicts (no database needed)."""

from __future__ import annotations

from typing import Any

import pytest

from ckanext.satudatablitar.workflow import diff


def _upload(rid: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "name": name,
        "url_type": "upload",
        "url": f"http://portal/dataset/p/resource/{rid}/download/{name}.xlsx",
        "size": 100,
        "hash": "",
        "last_modified": "2026-01-01T00:00:00",
        "format": "XLSX",
        "position": 0,
        **extra,
    }


def _link(rid: str, name: str, url: str, **extra: Any) -> dict[str, Any]:
    return {"id": rid, "name": name, "url_type": "", "url": url, "format": "CSV", **extra}


def _dataset(pid: str, resources: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "name": pid,
        "title": "Jumlah penduduk",
        "notes": "Per kecamatan",
        "owner_org": "org",
        "metadata_modified": "2026-01-01",
        "private": False,
        "tags": [{"name": "penduduk"}],
        "resources": resources,
        **extra,
    }


def _copy_of(resource: dict[str, Any], new_id: str, **changes: Any) -> dict[str, Any]:
    """A working copy's resource: new id and download URL, same file."""
    copied = {**resource, "id": new_id, diff.SOURCE_ID: resource["id"], **changes}
    if copied.get("url_type") == "upload" and "url" not in changes:
        copied["url"] = resource["url"].replace(resource["id"], new_id).replace("/p/", "/copy/")
    return copied


class TestDatasetDiff:
    def test_a_faithful_copy_has_no_changes(self) -> None:
        old = _dataset("p", [_upload("r1", "data"), _link("r2", "api", "https://x/a.csv")])
        new = _dataset(
            "copy",
            [_copy_of(old["resources"][0], "c1"), _copy_of(old["resources"][1], "c2")],
            metadata_modified="2026-02-02",
            private=True,
        )
        result = diff.dataset_diff(old, new)
        assert not result
        assert result == diff.DatasetDiff((), ())

    def test_changed_fields_and_tags_are_listed_with_both_values(self) -> None:
        old = _dataset("p", [], notes="Per kecamatan")
        new = _dataset("copy", [], notes="Per kelurahan", tags=[{"name": "penduduk"}, {"name": "kota"}])
        result = diff.dataset_diff(old, new)
        assert result.fields == (
            diff.FieldChange("notes", "Per kecamatan", "Per kelurahan"),
            diff.FieldChange("tags", ["penduduk"], ["kota", "penduduk"]),
        )
        assert result.resources == ()
        assert result

    def test_empty_and_missing_values_are_the_same(self) -> None:
        old = _dataset("p", [], version="")
        new = _dataset("copy", [], version=None)
        assert not diff.dataset_diff(old, new)

    def test_added_removed_replaced_and_changed_resources(self) -> None:
        kept = _upload("r1", "data")
        renamed = _upload("r2", "tabel")
        dropped = _link("r3", "lama", "https://x/old.csv")
        relinked = _link("r4", "api", "https://x/a.csv")
        old = _dataset("p", [kept, renamed, dropped, relinked])
        new = _dataset(
            "copy",
            [
                _copy_of(
                    kept,
                    "c1",
                    size=250,
                    hash="abc",
                    url="http://portal/d/copy/resource/c1/download/data.xlsx",
                ),
                _copy_of(renamed, "c2", description="Tabel baru"),
                _copy_of(relinked, "c4", url="https://x/b.csv"),
                _link("c5", "baru", "https://x/new.csv"),
            ],
        )
        changes = {c.name: c for c in diff.dataset_diff(old, new).resources}
        assert changes["data"] == diff.ResourceChange("replaced", "data", "r1", ("hash", "size"))
        assert changes["tabel"] == diff.ResourceChange("changed", "tabel", "r2", ("description",))
        assert changes["api"] == diff.ResourceChange("replaced", "api", "r4", ("url",))
        assert changes["baru"] == diff.ResourceChange("added", "baru", None, ())
        assert changes["lama"] == diff.ResourceChange("removed", "lama", "r3", ())
        assert len(changes) == 5

    def test_a_new_upload_under_another_file_name_is_a_replacement(self) -> None:
        old = _dataset("p", [_upload("r1", "data")])
        copied = _copy_of(old["resources"][0], "c1")
        copied["url"] = copied["url"].replace("data.xlsx", "data-2026.xlsx")
        (change,) = diff.dataset_diff(old, _dataset("copy", [copied])).resources
        assert (change.kind, change.fields) == ("replaced", ("url",))

    def test_without_source_ids_resources_match_by_id(self) -> None:
        old = _dataset("p", [_link("r1", "api", "https://x/a.csv")])
        new = _dataset("p", [_link("r1", "api", "https://x/a.csv", format="JSON")])
        assert diff.dataset_diff(old, new).resources == (
            diff.ResourceChange("changed", "api", "r1", ("format",)),
        )

    @pytest.mark.parametrize("field", ["id", "name", "owner_org", "metadata_modified", "private", "state"])
    def test_identity_and_administrative_fields_are_not_changes(self, field: str) -> None:
        old = _dataset("p", [])
        new = {**old, field: "other"}
        assert not diff.dataset_diff(old, new)
