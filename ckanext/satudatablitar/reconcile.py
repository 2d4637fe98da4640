"""Compare the search index with the database and bring it back in step.

After Solr was unreachable (a missed reindex, a lost retry job, Redis restarted without its
queue), the index may show a dataset with another private flag, workflow state or CKAN state
than the database, miss it, or still hold a deleted one. :func:`out_of_step` finds every such
dataset with one database query and one paged Solr query (not one per dataset); :func:`fix`
reindexes them. ``ckan satudata reindex [--dry-run]`` runs both.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.lib import search
from ckan.lib.search.common import make_connection
from ckan.lib.search.query import solr_literal

from ckanext.satudatablitar.model import WorkflowState
from ckanext.satudatablitar.workflow import states
from ckanext.satudatablitar.workflow.mirror import STATE_FIELD

# documents per Solr answer (the cursor pages through the rest)
_PAGE = 5000

REINDEX = "reindex"
REMOVE = "remove"


@dataclasses.dataclass(frozen=True)
class Drift:
    """One dataset whose search document does not match the database."""

    package_id: str
    name: str
    action: str  # REINDEX (rebuild its document from the database) or REMOVE (drop the document)
    reasons: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class _Record:
    name: str
    state: str
    private: bool
    workflow_state: str
    modified: str | None


def _millis(value: datetime.datetime | str | None) -> str | None:
    """A timestamp as UTC ISO 8601 to the millisecond (Solr keeps milliseconds, PostgreSQL microseconds)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds")


def database_records() -> dict[str, _Record]:
    """Every dataset in the database, as the index should show it (one query)."""
    package = model.package_table
    workflow = WorkflowState.__table__
    rows = model.Session.execute(
        sa.select(
            package.c.id,
            package.c.name,
            package.c.state,
            package.c.private,
            package.c.metadata_modified,
            workflow.c.state.label("workflow_state"),
        ).select_from(package.outerjoin(workflow, workflow.c.package_id == package.c.id))
    )
    records = {}
    for row in rows:
        private = bool(row.private)
        # a dataset without a state row shows as the mirror shows it (see workflow.mirror.fields)
        workflow_state = row.workflow_state or (states.DRAFT if private else states.PUBLISHED)
        records[row.id] = _Record(
            row.name, row.state, private, workflow_state, _millis(row.metadata_modified)
        )
    return records


def _index_pages() -> Iterator[list[dict[str, Any]]]:
    connection = make_connection(decode_dates=False)  # pysolr would drop the milliseconds
    cursor = "*"
    params = {
        "fq": ["+entity_type:package", "+site_id:" + solr_literal(tk.config["ckan.site_id"])],
        "fl": f"id,name,state,capacity,metadata_modified,{STATE_FIELD}:field({STATE_FIELD})",
        "sort": "index_id asc",
        "rows": _PAGE,
        "wt": "json",
    }
    while True:
        results = connection.search("*:*", cursorMark=cursor, **params)
        yield list(results.docs)
        if not results.nextCursorMark or results.nextCursorMark == cursor:
            return
        cursor = results.nextCursorMark


def index_records() -> dict[str, _Record]:
    """Every dataset document of this site in the index (one query, paged with a cursor)."""
    records = {}
    for docs in _index_pages():
        for doc in docs:
            records[doc["id"]] = _Record(
                doc.get("name", ""),
                doc.get("state", ""),
                doc.get("capacity") == "private",
                doc.get(STATE_FIELD) or "",
                _millis(doc.get("metadata_modified")),
            )
    return records


def _reasons(db: _Record, index: _Record) -> list[str]:
    compared = (
        (tk._("private flag"), db.private, index.private),
        (tk._("workflow state"), db.workflow_state, index.workflow_state),
        (tk._("CKAN state"), db.state, index.state),
        (tk._("last modified"), db.modified, index.modified),
    )
    return [
        tk._("{what}: database {db}, index {index}").format(what=what, db=ours, index=theirs)
        for what, ours, theirs in compared
        if ours != theirs
    ]


def out_of_step() -> list[Drift]:
    """Every dataset whose search document differs from the database, with why, sorted by name."""
    keep_deleted = not tk.config.get("ckan.search.remove_deleted_packages")
    database = database_records()
    index = index_records()
    drifts = []
    for package_id, db in database.items():
        indexed = index.get(package_id)
        belongs = db.state != "deleted" or keep_deleted
        if indexed is None and belongs:
            drifts.append(Drift(package_id, db.name, REINDEX, (tk._("missing from the search index"),)))
        elif indexed is not None and not belongs:
            drifts.append(
                Drift(package_id, db.name, REINDEX, (tk._("deleted, but still in the search index"),))
            )
        elif indexed is not None:
            reasons = _reasons(db, indexed)
            if reasons:
                drifts.append(Drift(package_id, db.name, REINDEX, tuple(reasons)))
    for package_id in index.keys() - database.keys():
        reason = tk._("not in the database, but in the search index")
        drifts.append(Drift(package_id, index[package_id].name, REMOVE, (reason,)))
    return sorted(drifts, key=lambda drift: (drift.name, drift.package_id))


def fix(drifts: list[Drift]) -> None:
    """Rebuild the document of every drifted dataset from the database; drop orphan documents."""
    rebuild = [drift.package_id for drift in drifts if drift.action == REINDEX]
    if rebuild:
        search.rebuild(package_ids=rebuild, defer_commit=True)
    for drift in drifts:
        if drift.action == REMOVE:
            search.clear(drift.package_id)
    search.commit()
