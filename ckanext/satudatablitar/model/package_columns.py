"""Workflow columns read in the same SELECT as CKAN's ``Package``.

``package_show`` mirrors the workflow state into its output on every call. Reading the state
row on its own would cost one more database round trip per show; instead the state, whether
Pembina Data signed off and whether the dataset is an open revision's working copy are
attached to CKAN's ``Package`` mapper as correlated scalar subqueries, loaded with the package
itself. Scalar subqueries (unlike a joined relationship, an outer join) keep
``Package.get(..., for_update=True)`` valid in PostgreSQL.

The values are a snapshot taken when the package was loaded: :func:`loaded` returns them only
while they are loaded, and callers prefer a state row the session already holds (a transition
in the same session changes that row, not these columns).
"""

from __future__ import annotations

from typing import NamedTuple

import sqlalchemy as sa
from ckan import model
from sqlalchemy import orm

from ckanext.satudatablitar.model.revision import OPEN, Revision
from ckanext.satudatablitar.model.workflow import WorkflowState

STATE = "satudatablitar_state"
PEMBINA_SIGNED = "satudatablitar_pembina_signed"
WORKING_COPY = "satudatablitar_working_copy"


class Loaded(NamedTuple):
    state: str | None
    pembina_signed: bool
    working_copy: bool


def _from_state_row(column: sa.ColumnElement[object]) -> sa.ScalarSelect[object]:
    return sa.select(column).where(WorkflowState.package_id == model.Package.id).scalar_subquery()


def attach() -> None:
    """Add the three read-only columns to CKAN's ``Package`` mapper (once)."""
    mapper = orm.class_mapper(model.Package)
    if mapper.has_property(STATE):
        return
    columns = {
        STATE: _from_state_row(WorkflowState.state),
        PEMBINA_SIGNED: _from_state_row(WorkflowState.pembina_signoff_id.is_not(None)),
        WORKING_COPY: sa.exists().where(
            Revision.copy_package_id == model.Package.id, Revision.status == OPEN
        ),
    }
    for name, expression in columns.items():
        mapper.add_property(name, orm.column_property(expression))


def loaded(package: model.Package) -> Loaded | None:
    """The columns as loaded with ``package``; None when they are not loaded (never queries)."""
    values = sa.inspect(package).dict
    if not all(name in values for name in (STATE, PEMBINA_SIGNED, WORKING_COPY)):
        return None
    return Loaded(values[STATE], bool(values[PEMBINA_SIGNED]), bool(values[WORKING_COPY]))


def held_state_row(package_id: str) -> WorkflowState | None:
    """The state row if this session already holds it (never queries)."""
    row = model.Session.identity_map.get(orm.util.identity_key(WorkflowState, package_id))
    return row if isinstance(row, WorkflowState) else None
