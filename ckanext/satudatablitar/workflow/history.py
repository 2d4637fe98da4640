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
from flask import has_request_context

from ckanext.satudatablitar.metadata import fields
from ckanext.satudatablitar.workflow import depth, diff, snapshots, store
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

# recorded on a published dataset when a reviewed revision goes live (revisions/publish.py)
REVISION_PUBLISHED = "revision_published"
PUBLIC_ACTIONS = frozenset({st.PUBLISH, st.ADOPT, REVISION_PUBLISHED})
# jenis_berkas of a tabulation (the data file itself)
DATA_FILE = "data"


def _language() -> str:
    return tk.h.lang() if has_request_context() else tk.config["ckan.locale_default"]


def _labels(package_type: str) -> tuple[dict[str, str], dict[str, str]]:
    """Labels of the dataset fields and of the resource fields, in the current language."""
    schema = tk.h.scheming_get_dataset_schema(package_type) or {}
    language = _language()

    def of(key: str) -> dict[str, str]:
        return {field["field_name"]: fields.label(field, language) for field in schema.get(key, [])}

    return of("dataset_fields"), of("resource_fields")


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
    dataset_labels, resource_labels = _labels(new.get("type") or "dataset")
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
