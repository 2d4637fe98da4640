"""What the workflow panel on a dataset page shows to the current user.

Everything is read through the workflow's own actions as the current user
(``satudatablitar_workflow_show`` / ``_history``), so the panel never shows more
than the API would: outsiders see the state only, participants the timeline.
"""

from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.model import embargo
from ckanext.satudatablitar.timekeeping import WorkCalendar
from ckanext.satudatablitar.workflow import engine, gate, roles, store
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

from . import labels

PARTIES = ("walidata", "pembina")
# steps whose button leads to a confirmation page instead of acting at once
CONFIRMED = frozenset({st.PUBLISH, st.UNPUBLISH})


def current_user() -> model.User | None:
    """The logged-in user, or None for an anonymous visitor."""
    if not tk.current_user or not tk.current_user.is_authenticated:
        return None
    return model.User.get(tk.current_user.id)


def _context(user: model.User | None) -> dict[str, Any]:
    return {"user": user.name if user else "", "ignore_auth": False}


def due(state: str, since: datetime.datetime | None) -> tuple[datetime.datetime | None, bool]:
    """When the step waiting in ``state`` is due by the SOP time standard (the review queue's
    clock: working or calendar days), and whether it is overdue now."""
    days = config.sop_days().get(state)
    if since is None or days is None:
        return None, False
    deadline = WorkCalendar.from_config().due(since, days)
    return deadline, deadline < store.utcnow()


def _actor_name(actor_id: str) -> str:
    if actor_id == st.SYSTEM:
        return labels.role(st.SYSTEM)
    user = model.User.get(actor_id)
    return user.display_name if user else actor_id


def event_view(event: dict[str, Any]) -> dict[str, Any]:
    """An event of the log with the words the timeline shows."""
    return {
        **event,
        "actor_name": _actor_name(event["actor_id"]),
        "role_label": labels.role(event["actor_role"]),
        "action_label": labels.action(event["action"]),
        "to_state_label": s.label(event["to_state"]),
        "reason_label": labels.reason_code(event["reason_code"]) if event.get("reason_code") else None,
    }


def _missing_parties(signoffs: dict[str, Any]) -> list[str]:
    return [party for party in PARTIES if not signoffs.get(party)]


def _signers_open(user: model.User | None, package: model.Package, signoffs: dict[str, Any]) -> list[str]:
    """Parties the user may still sign for (two only for someone holding both roles)."""
    held = roles.roles_for(user, package.owner_org)
    mine = [party for role, party in st.CONFIDENTIALITY_PARTIES.items() if role in held]
    return [party for party in mine if party in _missing_parties(signoffs)]


def _step_form(step: str, package: model.Package, parties: list[str], findings: int) -> dict[str, Any]:
    definition = st.STEPS[step]
    codes = st.SIGN_OFF_REASON_CODES.get({st.SIGN_OFF: "approve", st.VETO: "veto"}.get(step, ""), ())
    return {
        "name": step,
        "label": labels.button(step),
        "url": tk.h.url_for("satudatablitar_workflow.step", id=package.name, step=step),
        # a sign-off over confidentiality findings must say why they do not matter
        "note_required": definition.reason_required or (step == st.SIGN_OFF and findings > 0),
        "confirm": step in CONFIRMED,
        "reason_codes": [{"value": code, "text": labels.reason_code(code)} for code in codes],
        "parties": [{"value": party, "text": labels.party(party)} for party in parties]
        if len(parties) > 1
        else [],
        "danger": step in (st.VETO, st.REQUEST_REVISION, st.UNPUBLISH),
    }


def _validations(package_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """Validation summaries of the dataset's tabulations (the tabulation part's helper)."""
    result = []
    for resource in package_dict.get("resources") or []:
        if tk.h.satudatablitar_is_tabulation(resource):
            result.append(
                {"resource": resource, "validation": tk.h.satudatablitar_validation_summary(resource["id"])}
            )
    return result


def findings(user: model.User | None, package_id: str) -> list[dict[str, Any]]:
    try:
        return tk.get_action("satudatablitar_validation_findings")(_context(user), {"package_id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return []


def workflow_panel(package_id: str) -> dict[str, Any] | None:
    """Everything the dataset page's workflow panel shows, or None when the user may not see it."""
    user = current_user()
    context = _context(user)
    try:
        summary = tk.get_action("satudatablitar_workflow_show")(context, {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return None
    package = model.Package.get(summary["package_id"])
    participant = bool(roles.roles_for(user, package.owner_org))
    signoffs = summary["signoffs"]
    row = store.get(package.id)
    # a scheduled publication is Walidata's decision taken: the release time is no delay
    scheduled = (
        embargo.waiting_times([package.id]).get(package.id) if summary["state"] == s.APPROVED else None
    )
    deadline, overdue = due(summary["state"], row.updated if row and not scheduled else None)
    panel: dict[str, Any] = {
        "state": summary["state"],
        "state_label": summary["state_label"],
        "state_since": summary["state_since"],
        "participant": participant,
        "next_actor": labels.next_actor(summary["state"], _missing_parties(signoffs), bool(scheduled)),
        "due": deadline.isoformat() if deadline else None,
        "overdue": overdue,
        "scheduled_publish_at": scheduled.isoformat() if scheduled else None,
        "signoffs": [
            {
                "party": party,
                "label": labels.party(party),
                "event": event_view(signoffs[party]) if isinstance(signoffs[party], dict) else None,
                "done": bool(signoffs[party]),
            }
            for party in PARTIES
        ],
        "events": [],
        "steps": [],
        "validations": [],
        "findings": [],
        "gate_problems": [],
    }
    if not participant:
        return panel
    history = tk.get_action("satudatablitar_workflow_history")(context, {"id": package.id, "limit": 1000})
    panel["events"] = [event_view(event) for event in reversed(history)]
    package_dict = engine.show_dataset(package.id)
    panel["validations"] = _validations(package_dict)
    panel["findings"] = findings(user, package.id)
    parties = _signers_open(user, package, signoffs)
    forms = [_step_form(step, package, parties, len(panel["findings"])) for step in summary["allowed_steps"]]
    # the step that moves the dataset forward first; returning it comes after
    panel["steps"] = sorted(forms, key=lambda form: form["danger"])
    if st.PUBLISH in summary["allowed_steps"]:
        panel["gate_problems"] = gate.publication_problems(package_dict)
    return panel


def last_return(package_id: str) -> dict[str, Any] | None:
    """The latest act that sent the dataset back to its operator (reason and who), if any."""
    returns = {st.REQUEST_REVISION, st.VETO, st.UNPUBLISH}
    for event in reversed(store.events(package_id)):
        if event.action in returns:
            return event_view(event.as_dict())
    return None
