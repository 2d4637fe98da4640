"""Digest of a dataset's content: what reviewers acted on.

Content is the dataset's metadata and resources as ``package_show`` returns
them, minus administrative fields (timestamps, visibility, the workflow's own
mirror fields, validation bookkeeping, tracking). Two package dicts with the
same content have the same digest whatever the key order.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

# dataset keys that are not content
ADMINISTRATIVE_KEYS = frozenset(
    {
        "metadata_modified",
        "metadata_created",
        "revision_id",
        "private",
        "state",
        "creator_user_id",
        "organization",
        "num_resources",
        "num_tags",
        "tracking_summary",
        "relationships_as_object",
        "relationships_as_subject",
        "publishing_status",
        "status_review_pembina",
        "satudatablitar_state",
    }
)
# resource keys that are not content
ADMINISTRATIVE_RESOURCE_KEYS = frozenset(
    {
        "metadata_modified",
        "created",
        "position",
        "package_id",
        "state",
        "tracking_summary",
        "datastore_active",
        "validation_status",
        "validation_timestamp",
        "cache_last_updated",
        "cache_url",
        "satudatablitar_source_id",
    }
)


def content(package_dict: dict[str, Any]) -> dict[str, Any]:
    """The content part of a package dict."""
    result = {k: v for k, v in package_dict.items() if k not in ADMINISTRATIVE_KEYS}
    result["resources"] = [
        {k: v for k, v in res.items() if k not in ADMINISTRATIVE_RESOURCE_KEYS}
        for res in package_dict.get("resources") or []
    ]
    result["tags"] = sorted(t.get("name", "") for t in package_dict.get("tags") or [])
    result["groups"] = sorted(g.get("name", "") for g in package_dict.get("groups") or [])
    return result


def content_digest(package_dict: dict[str, Any]) -> str:
    """SHA-256 hex digest of the content of a package dict."""
    canonical = json.dumps(content(package_dict), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
