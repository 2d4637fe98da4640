"""The review queue page ("Antrian verifikasi") and the operator's "my submissions" page.

The queue comes from the workflow's ``satudatablitar_review_queue`` action (what
waits for the user, oldest first); this module adds what a page needs on top:
the DSSD element filter, counts per state, newest-first sorting and paging.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import compat
from ckanext.satudatablitar.model import WorkflowState
from ckanext.satudatablitar.workflow import engine, roles
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

from . import panel

PAGE_SIZE = 20
# the review_queue action's largest page: the page filters and counts within it
QUEUE_WINDOW = 1000
ELEMENT_FIELD = "id_dds"
# bulk actions the SOP allows: publication of datasets both parties approved (a mechanical act);
# verifications and sign-offs are judgements on one dataset each, so they have no bulk form
BULK_STEPS = (st.PUBLISH,)


def _extras(package_ids: list[str], key: str) -> dict[str, str]:
    if not package_ids:
        return {}
    package = model.package_table
    rows = model.Session.execute(
        sa.select(package.c.id, compat.package_extra_value(key)).where(package.c.id.in_(package_ids))
    )
    return {package_id: value for package_id, value in rows if value}


def _org_titles(org_ids: set[str]) -> dict[str, str]:
    if not org_ids:
        return {}
    groups = model.Session.scalars(sa.select(model.Group).where(model.Group.id.in_(org_ids)))
    return {group.id: group.display_name for group in groups}


def queue_page(
    user: model.User,
    organization: str | None = None,
    element: str | None = None,
    state: str | None = None,
    overdue: bool | None = None,
    newest_first: bool = False,
    page: int = 1,
) -> dict[str, Any]:
    """One page of the user's review queue with counts per state, filters and bulk-action marks."""
    context = {"user": user.name, "ignore_auth": False}
    query: dict[str, Any] = {"limit": QUEUE_WINDOW}
    if organization:
        query["organization"] = organization
    if overdue is not None:
        query["overdue"] = overdue
    everything = tk.get_action("satudatablitar_review_queue")(context, query)
    items = everything["results"]
    elements = _extras([item["package_id"] for item in items], ELEMENT_FIELD)
    orgs = _org_titles({item["owner_org"] for item in items if item["owner_org"]})
    for item in items:
        item["element"] = elements.get(item["package_id"]) or ""
        item["organization_title"] = orgs.get(item["owner_org"], "")
    element_options = sorted({item["element"] for item in items if item["element"]})
    organization_options = sorted(
        {(item["owner_org"], item["organization_title"]) for item in items}, key=lambda pair: pair[1]
    )
    if element:
        items = [item for item in items if item["element"] == element]
    counts = dict.fromkeys(s.ALL, 0)
    for item in items:
        counts[item["state"]] += 1
    if state:
        items = [item for item in items if item["state"] == state]
    if newest_first:
        items.reverse()
    total = len(items)
    shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    for item in shown:
        package = model.Package.get(item["package_id"])
        item["bulk"] = [step for step in engine.allowed_steps(user, package) if step in BULK_STEPS]
    return {
        "rows": shown,
        "total": total,
        "window_full": everything["count"] > QUEUE_WINDOW,
        "counts": [
            {"state": name, "label": s.label(name), "count": counts[name]} for name in s.ALL if counts[name]
        ],
        "overdue_count": sum(1 for item in items if item["overdue"]),
        "element_options": element_options,
        "organization_options": [{"value": oid, "text": title} for oid, title in organization_options],
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "bulk_possible": any(item["bulk"] for item in shown),
    }


def queue_count(user: model.User | None) -> int:
    """How many datasets wait for the user (0 for anonymous visitors and on any refusal)."""
    if user is None:
        return 0
    try:
        result = tk.get_action("satudatablitar_review_queue")(
            {"user": user.name, "ignore_auth": False}, {"limit": 1}
        )
    except tk.NotAuthorized:
        return 0
    return result["count"]


def _operator_orgs(user: model.User) -> list[str]:
    """The OPDs where the user holds the operator role through membership."""
    orgs = tk.get_action("organization_list_for_user")(
        {"user": user.name, "ignore_auth": False}, {"id": user.id, "permission": "read"}
    )
    return [org["id"] for org in orgs if roles.OPERATOR in roles.membership_roles(user, org["id"])]


def my_submissions(user: model.User) -> list[dict[str, Any]]:
    """Datasets of the OPDs where the user is an operator, those returned to them first, with why."""
    orgs = _operator_orgs(user)
    if not orgs:
        return []
    rows = model.Session.execute(
        sa.select(WorkflowState, model.Package)
        .join(model.Package, model.Package.id == WorkflowState.package_id)
        .where(model.Package.state == "active", model.Package.owner_org.in_(orgs))
        .order_by(WorkflowState.updated.desc())
    ).all()
    result = []
    for row, package in rows:
        deadline, overdue = panel.due(row.state, row.updated)
        result.append(
            {
                "name": package.name,
                "title": package.title or package.name,
                "state": row.state,
                "state_label": s.label(row.state),
                "since": row.updated.isoformat(),
                "due": deadline.isoformat() if deadline and row.state in s.EDITABLE else None,
                "overdue": overdue and row.state in s.EDITABLE,
                "returned": panel.last_return(package.id) if row.state == s.REVISION_REQUESTED else None,
            }
        )
    result.sort(key=lambda item: item["state"] != s.REVISION_REQUESTED)
    return result
