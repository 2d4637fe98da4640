"""Who must act next on which datasets: the workflow's next actors, grouped per person."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar.model import WorkflowState, embargo
from ckanext.satudatablitar.ui import panel
from ckanext.satudatablitar.workflow import next_actors, roles
from ckanext.satudatablitar.workflow import states as s

# states where someone must act (a published dataset waits for nobody)
WAITING = s.EDITABLE | s.UNDER_REVIEW


def _signed(row: WorkflowState) -> frozenset[str]:
    return frozenset(
        party
        for party, event in (("walidata", row.walidata_signoff_id), ("pembina", row.pembina_signoff_id))
        if event
    )


def waiting_for(package_ids: list[str] | None = None, skip: dict[str, str] | None = None) -> dict[str, Any]:
    """``{user_id: (user, [dataset item, ...])}`` for the datasets (all waiting ones when None).

    ``skip`` maps a dataset to a user who is not told about it (whoever just acted on it).
    A dataset whose publication is scheduled waits for nobody.
    """
    query = (
        sa.select(WorkflowState, model.Package)
        .join(model.Package, model.Package.id == WorkflowState.package_id)
        .where(model.Package.state == "active", WorkflowState.state.in_(WAITING))
        .order_by(WorkflowState.updated)
    )
    if package_ids is not None:
        query = query.where(WorkflowState.package_id.in_(package_ids))
    rows = model.Session.execute(query).all()
    # a dataset whose publication Walidata has scheduled waits for its release time, not for anyone
    scheduled = embargo.waiting_times([row.package_id for row, _ in rows if row.state == s.APPROVED])
    rows = [(row, package) for row, package in rows if row.package_id not in scheduled]
    wanted = {row.package_id: next_actors.roles_to_act(row.state, _signed(row)) for row, _ in rows}
    owners = {package.owner_org for _, package in rows if package.owner_org}
    holders = next_actors.holders(frozenset().union(*wanted.values()), owners) if rows else {}
    result: dict[str, Any] = defaultdict(lambda: (None, []))
    for row, package in rows:
        due, overdue = panel.due(row.state, row.updated)
        item = {"name": package.name, "title": package.title or package.name, "state": row.state, "due": due}
        item["overdue"] = overdue
        told: set[str] = set()
        for role in sorted(wanted[row.package_id]):
            for user in holders.get((role, package.owner_org or ""), []):
                if user.id in told or (skip or {}).get(package.id) == user.id:
                    continue
                told.add(user.id)
                result[user.id] = (user, [*result[user.id][1], item])
    return dict(result)


def operators_of(package_ids: list[str]) -> dict[str, Any]:
    """``{user_id: (user, [dataset item, ...])}``: the operators of each dataset's OPD."""
    if not package_ids:
        return {}
    packages = model.Session.scalars(
        sa.select(model.Package).where(model.Package.id.in_(package_ids), model.Package.state == "active")
    ).all()
    owners = {package.owner_org for package in packages if package.owner_org}
    holders = next_actors.holders(frozenset({roles.OPERATOR}), owners) if owners else {}
    result: dict[str, Any] = defaultdict(lambda: (None, []))
    for package in packages:
        row = model.Session.get(WorkflowState, package.id)
        item = {
            "name": package.name,
            "title": package.title or package.name,
            "state": row.state if row else "",
        }
        for user in holders.get((roles.OPERATOR, package.owner_org or ""), []):
            result[user.id] = (user, [*result[user.id][1], item])
    return dict(result)
