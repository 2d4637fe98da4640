"""Publication history for citizens: each public version, when, and what changed in plain words.

A public version is every publication: the first publish, a publish after an unpublish, a
reviewed revision going live (event ``revision_published``) and the adoption of a dataset that
was public before the workflow. What changed comes from the diff of the content snapshots of two
consecutive public versions, told with the schema's field labels; reviewers' notes, reason
codes and names never enter it.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.metadata import fields
from ckanext.satudatablitar.model.revision import REVISION_PUBLISHED
from ckanext.satudatablitar.workflow import depth, diff, snapshots, store
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

PUBLIC_ACTIONS = frozenset({st.PUBLISH, st.ADOPT, REVISION_PUBLISHED})
# jenis_berkas of a tabulation (the data file itself)
DATA_FILE = "data"


def _resource_line(change: diff.ResourceChange, old: dict[str, Any], resource_labels: dict[str, str]) -> str:
    name = change.name
    if change.kind == diff.ADDED:
        return tk._("File '{name}' added").format(name=name)
    if change.kind == diff.REMOVED:
        return tk._("File '{name}' removed").format(name=name)
    if change.kind == diff.REPLACED:
        before = next((r for r in old.get("resources") or [] if r["id"] == change.resource_id), {})
        if before.get("jenis_berkas") == DATA_FILE:
            return tk._("Data file '{name}' replaced").format(name=name)
        return tk._("File '{name}' replaced").format(name=name)
    changed = ", ".join(resource_labels.get(field, field) for field in change.fields)
    return tk._("File '{name}': {fields} changed").format(name=name, fields=changed)


def describe(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    """What changed from one public version to the next, one plain sentence per change."""
    if old is None or new is None:
        return [tk._("The changes of this version were not recorded.")]
    change = diff.dataset_diff(old, new)
    if not change:
        return [tk._("Published again without changes.")]
    package_type = new.get("type") or "dataset"
    dataset_labels = fields.schema_labels(package_type, "dataset_fields")
    resource_labels = fields.schema_labels(package_type, "resource_fields")
    names = dict.fromkeys(depth.DERIVED.get(c.field, c.field) for c in change.fields)
    lines = [tk._("{field} changed").format(field=dataset_labels.get(name, name)) for name in names]
    return lines + [_resource_line(r, old, resource_labels) for r in change.resources]


def public_versions(package_id: str) -> list[dict[str, Any]]:
    """Every public version of a dataset, newest first: ``version`` (1, 2...), ``published``
    (ISO 8601) and ``changes`` (plain sentences; the first version: "First publication")."""
    events = [e for e in store.events(package_id) if e.to_state == s.PUBLISHED and e.action in PUBLIC_ACTIONS]
    versions: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for number, event in enumerate(events, 1):
        content = snapshots.load(package_id, event.content_digest)
        changes = [tk._("First publication")] if number == 1 else describe(previous, content)
        versions.append({"version": number, "published": event.created.isoformat(), "changes": changes})
        previous = content
    return versions[::-1]
