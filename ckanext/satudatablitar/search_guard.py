"""Search results never show a dataset as public that the database says is private.

Search results come from Solr's copy of each dataset. If Solr missed an unpublish (it was
unreachable; the reindex waits in the job queue), its copy still says public: such results are
dropped here, with one query per page of results, until the reindex has run.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from ckan import model


def drop_stale_public(search_results: dict[str, Any]) -> None:
    results = search_results.get("results") or []
    public = [r["id"] for r in results if isinstance(r, dict) and r.get("id") and r.get("private") is False]
    if not public:
        return
    package = model.package_table
    private_now = set(
        model.Session.execute(
            sa.select(package.c.id).where(package.c.id.in_(public), package.c.private.is_(True))
        ).scalars()
    )
    if private_now:
        search_results["results"] = [
            r for r in results if not (isinstance(r, dict) and r.get("id") in private_now)
        ]
        search_results["count"] = max(search_results.get("count", 0) - len(private_now), 0)
