"""Workflow columns read in the same SELECT as CKAN's ``Package``.

``package_show`` mirrors the workflow state into its output on every call. Reading the state
row on its own would cost one more database round trip per show; instead the state, whether
Pembina Data signed off and whether the dataset is an open revision's working copy are
attached to CKAN's ``Package`` mapper as correlated scalar subqueries, loaded with the package
itself. Scalar subqueries (unlike a joined relationship, an outer join) keep
``Package.get(..., for_update=True)`` valid in PostgreSQL.

The values are a snapshot taken when the package was loaded. A flush that writes a state row or
a revision expires them on the package it concerns (:func:`install`), so within a session they
never lag behind a step; :func:`loaded` returns them only while they are loaded.
"""

from __future__ import annotations

import itertools
from typing import Any, NamedTuple

import sqlalchemy as sa
from ckan import model
from sqlalchemy import orm

from ckanext.satudatablitar.model.revision import OPEN, Revision
from ckanext.satudatablitar.model.workflow import WorkflowState

STATE = "satudatablitar_state"
PEMBINA_SIGNED = "satudatablitar_pembina_signed"
WORKING_COPY = "satudatablitar_working_copy"
COLUMNS = (STATE, PEMBINA_SIGNED, WORKING_COPY)
# session.info key: packages whose state row or revision the current flush writes
_CHANGED = "satudatablitar_changed_packages"


class Loaded(NamedTuple):
    state: str | None
    pembina_signed: bool
    working_copy: bool


def _from_state_row(column: sa.ColumnElement[object]) -> sa.ScalarSelect[object]:
    # correlated to the package alone: queries that also select from the state table keep working
    return (
        sa.select(column)
        .where(WorkflowState.package_id == model.Package.id)
        .correlate_except(WorkflowState)
        .scalar_subquery()
    )


def install() -> None:
    """Add the three read-only columns to CKAN's ``Package`` mapper and keep them fresh (once)."""
    mapper = orm.class_mapper(model.Package)
    if mapper.has_property(STATE):
        return
    sa.event.listen(model.Session, "after_flush", _note_changed_packages)
    sa.event.listen(model.Session, "after_flush_postexec", _expire_changed_packages)
    columns = {
        STATE: _from_state_row(WorkflowState.state),
        PEMBINA_SIGNED: _from_state_row(WorkflowState.pembina_signoff_id.is_not(None)),
        WORKING_COPY: sa.exists()
        .where(Revision.copy_package_id == model.Package.id, Revision.status == OPEN)
        .correlate_except(Revision),
    }
    for name, expression in columns.items():
        mapper.add_property(name, orm.column_property(expression))


def _note_changed_packages(session: orm.Session, _flush_context: Any) -> None:
    changed = session.info.setdefault(_CHANGED, set())
    for written in itertools.chain(session.new, session.dirty, session.deleted):
        if isinstance(written, WorkflowState):
            changed.add(written.package_id)
        elif isinstance(written, Revision):
            changed.add(written.copy_package_id)


def _expire_changed_packages(session: orm.Session, _flush_context: Any) -> None:
    for package_id in session.info.pop(_CHANGED, ()):
        package = session.identity_map.get(orm.util.identity_key(model.Package, package_id))
        if package is not None:
            session.expire(package, COLUMNS)


def loaded(package: model.Package) -> Loaded | None:
    """The columns as loaded with ``package``; None when they are not loaded (never queries)."""
    values = sa.inspect(package).dict
    if not all(name in values for name in COLUMNS):
        return None
    return Loaded(values[STATE], bool(values[PEMBINA_SIGNED]), bool(values[WORKING_COPY]))


def held_state_row(package_id: str) -> WorkflowState | None:
    """The state row if this session still holds it, changes not yet flushed included (never queries)."""
    row = model.Session.identity_map.get(orm.util.identity_key(WorkflowState, package_id))
    return row if isinstance(row, WorkflowState) else None
