"""What a proposed revision changes: field by field, resource by resource.

Both sides are ``package_show`` dicts; only content counts (:func:`digest.content`).
Resources of a working copy name the published resource they came from in
``satudatablitar_source_id``; without it they match by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ckanext.satudatablitar.workflow import digest

# resource field that names the published resource a working copy's resource came from
SOURCE_ID = "satudatablitar_source_id"
ADDED = "added"
REMOVED = "removed"
REPLACED = "replaced"
CHANGED = "changed"
# fields whose change means a new file (an upload) or a new address (a link)
_UPLOAD_FILE_FIELDS = ("url", "size", "hash", "last_modified")
_LINK_FILE_FIELDS = ("url",)
# resource fields that identify a resource rather than describe it
_IDENTITY_FIELDS = frozenset({"id", SOURCE_ID})


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ResourceChange:
    kind: str  # ADDED | REMOVED | REPLACED (file or link changed) | CHANGED (metadata only)
    name: str  # resource name (new side, else old)
    resource_id: str | None  # the published resource's id (None for added)
    fields: tuple[str, ...]  # changed resource content fields


@dataclass(frozen=True)
class DatasetDiff:
    fields: tuple[FieldChange, ...]
    resources: tuple[ResourceChange, ...]

    def __bool__(self) -> bool:
        return bool(self.fields or self.resources)


def _dataset_fields(content: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in content.items() if k not in ("id", "name", "owner_org", "resources")}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _changed_keys(old: dict[str, Any], new: dict[str, Any], ignore: frozenset[str]) -> list[str]:
    keys = sorted((set(old) | set(new)) - ignore)
    return [k for k in keys if old.get(k) != new.get(k) and not (_empty(old.get(k)) and _empty(new.get(k)))]


def _source_id(resource: dict[str, Any]) -> str:
    return resource.get(SOURCE_ID) or resource["id"]


def _file_fields(resource: dict[str, Any]) -> tuple[str, ...]:
    return _UPLOAD_FILE_FIELDS if resource.get("url_type") == "upload" else _LINK_FILE_FIELDS


def _comparable(resource: dict[str, Any]) -> dict[str, Any]:
    """An uploaded file's URL names its dataset and resource: only its file name is content."""
    if resource.get("url_type") != "upload":
        return resource
    return {**resource, "url": (resource.get("url") or "").rsplit("/", 1)[-1]}


def _resource_change(old: dict[str, Any], new: dict[str, Any]) -> ResourceChange | None:
    changed = _changed_keys(_comparable(old), _comparable(new), _IDENTITY_FIELDS)
    if not changed:
        return None
    file_fields = set(_file_fields(old)) | set(_file_fields(new))
    kind = REPLACED if file_fields & set(changed) or "url_type" in changed else CHANGED
    return ResourceChange(kind, new.get("name") or old.get("name") or "", old["id"], tuple(changed))


def _resource_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[ResourceChange]:
    old_by_id = {r["id"]: r for r in old}
    changes: list[ResourceChange] = []
    matched: set[str] = set()
    for resource in new:
        source = _source_id(resource)
        previous = old_by_id.get(source)
        if previous is None:
            changes.append(ResourceChange(ADDED, resource.get("name") or "", None, ()))
            continue
        matched.add(source)
        change = _resource_change(previous, resource)
        if change:
            changes.append(change)
    for resource in old:
        if resource["id"] not in matched:
            changes.append(ResourceChange(REMOVED, resource.get("name") or "", resource["id"], ()))
    return changes


def _with_source(package: dict[str, Any], content: dict[str, Any]) -> list[dict[str, Any]]:
    """Content of each resource, with the source id (administrative, so not in the content)."""
    raw = package.get("resources") or []
    return [
        {**res, SOURCE_ID: source[SOURCE_ID]} if source.get(SOURCE_ID) else res
        for res, source in zip(content["resources"], raw, strict=True)
    ]


def dataset_diff(old: dict[str, Any], new: dict[str, Any]) -> DatasetDiff:
    """The content changes from ``old`` (published) to ``new`` (proposed), both package_show dicts."""
    old_content, new_content = digest.content(old), digest.content(new)
    old_fields, new_fields = _dataset_fields(old_content), _dataset_fields(new_content)
    fields = tuple(
        FieldChange(k, old_fields.get(k), new_fields.get(k))
        for k in _changed_keys(old_fields, new_fields, frozenset())
    )
    resources = tuple(_resource_changes(_with_source(old, old_content), _with_source(new, new_content)))
    return DatasetDiff(fields, resources)
