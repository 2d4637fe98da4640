"""Actions of the publication workflow (the API; see docs/workflow.md)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.logic import schema_workflow as schemas
from ckanext.satudatablitar.logic.common import Context, DataDict, validate
from ckanext.satudatablitar.workflow import engine, guards, hiding, roles, store
from ckanext.satudatablitar.workflow import queue as review
from ckanext.satudatablitar.workflow import steps as st

__all__ = [
    "am_following_dataset",
    "bulk_update_private",
    "bulk_update_public",
    "dataset_follower_count",
    "package_collaborator_create",
    "package_owner_org_update",
    "package_update",
    "resource_view_update",
    "satudatablitar_review_queue",
    "satudatablitar_workflow_history",
    "satudatablitar_workflow_publish",
    "satudatablitar_workflow_request_revision",
    "satudatablitar_workflow_show",
    "satudatablitar_workflow_sign_off_confidentiality",
    "satudatablitar_workflow_submit",
    "satudatablitar_workflow_unpublish",
    "satudatablitar_workflow_verify",
    "unfollow_dataset",
]


def _package(id_or_name: str) -> model.Package:
    package = model.Package.get(id_or_name)
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    return package


def _step(name: str, context: Context, data_dict: DataDict, schema: dict[str, Any]) -> DataDict:
    data = validate(data_dict, schema, context)
    package = _package(data["id"])
    params = {k: data.get(k) for k in ("note", "reason_code", "party")}
    return engine.perform(context, package.id, name, **params)


def satudatablitar_workflow_submit(context: Context, data_dict: DataDict) -> DataDict:
    """Submit a draft or returned dataset for verification (OPD operator).

    :param id: id or name of the dataset
    :param note: optional note for the verifier
    :returns: the workflow summary (as ``satudatablitar_workflow_show``)
    """
    tk.check_access("satudatablitar_workflow_submit", context, data_dict)
    return _step(st.SUBMIT, context, data_dict, schemas.step_schema())


def satudatablitar_workflow_verify(context: Context, data_dict: DataDict) -> DataDict:
    """Verify a dataset: stage 1 by the OPD verifier, stage 2 by a Kominfotik verifier.

    :param id: id or name of the dataset
    :param stage: 1 (submitted -> verified_opd) or 2 (verified_opd -> verified_walidata)
    :param note: optional note; ``reason_code``: optional
    :returns: the workflow summary
    """
    tk.check_access("satudatablitar_workflow_verify", context, data_dict)
    data = validate(data_dict, schemas.verify_schema(), context)
    step = st.VERIFY_OPD if data["stage"] == 1 else st.VERIFY_WALIDATA
    return _step(step, context, data_dict, schemas.verify_schema())


def satudatablitar_workflow_request_revision(context: Context, data_dict: DataDict) -> DataDict:
    """Return a dataset under review to its operator (any reviewer of the current stage).

    :param id: id or name of the dataset
    :param note: the reason (required)
    :param reason_code: optional code
    :returns: the workflow summary
    """
    tk.check_access("satudatablitar_workflow_request_revision", context, data_dict)
    return _step(st.REQUEST_REVISION, context, data_dict, schemas.step_schema())


def satudatablitar_workflow_sign_off_confidentiality(context: Context, data_dict: DataDict) -> DataDict:
    """Record Wali Data's or Pembina Data's confidentiality decision on a dataset verified at stage 2.

    When both have approved the dataset is ``approved``; a veto returns it to the operator.

    :param id: id or name of the dataset
    :param decision: ``approve`` or ``veto``
    :param reason_code: for approve one of aggregate_only, small_cells_suppressed,
        no_confidential_content, other; for veto one of direct_identifier, small_cells,
        classification_not_open, other
    :param note: note (required for a veto)
    :param party: ``walidata`` or ``pembina``, only needed when the caller may sign for both
    :returns: the workflow summary
    """
    tk.check_access("satudatablitar_workflow_sign_off_confidentiality", context, data_dict)
    data = validate(data_dict, schemas.sign_off_schema(), context)
    if data["reason_code"] not in st.SIGN_OFF_REASON_CODES[data["decision"]]:
        raise tk.ValidationError(
            {
                "reason_code": [
                    tk._("Reason code must be one of: {codes}").format(
                        codes=", ".join(st.SIGN_OFF_REASON_CODES[data["decision"]])
                    )
                ]
            }
        )
    step = st.SIGN_OFF if data["decision"] == "approve" else st.VETO
    return _step(step, context, data_dict, schemas.sign_off_schema())


def satudatablitar_workflow_publish(context: Context, data_dict: DataDict) -> DataDict:
    """Publish an approved dataset (Walidata): it becomes public.

    Passes the publication gate (required metadata, access classification,
    every check registered in ``workflow.gate.CHECKS``) and needs both sign-offs.

    :param id: id or name of the dataset
    :param note: optional note
    :returns: the workflow summary
    """
    tk.check_access("satudatablitar_workflow_publish", context, data_dict)
    return _step(st.PUBLISH, context, data_dict, schemas.step_schema())


def satudatablitar_workflow_unpublish(context: Context, data_dict: DataDict) -> DataDict:
    """Withdraw a published dataset (Walidata): it becomes private and goes back to its operator.

    The search index is updated before the database: while it cannot be reached the step is
    refused whole (``ValidationError`` on ``search``) and the dataset stays published.

    :param id: id or name of the dataset
    :param note: the reason (required)
    :returns: the workflow summary
    """
    tk.check_access("satudatablitar_workflow_unpublish", context, data_dict)
    return _step(st.UNPUBLISH, context, data_dict, schemas.step_schema())


@tk.side_effect_free
def satudatablitar_workflow_show(context: Context, data_dict: DataDict) -> DataDict:
    """Workflow state of a dataset and the steps the caller may take now.

    :param id: id or name of the dataset
    :returns: ``package_id``, ``state``, ``state_label``, ``version``, ``state_since``,
        ``signoffs`` (``walidata``/``pembina``: the sign-off event, or null; notes only for
        workflow participants) and ``allowed_steps`` (names: submit, verify_opd,
        verify_walidata, sign_off, veto, request_revision, publish, unpublish)
    """
    tk.check_access("satudatablitar_workflow_show", context, data_dict)
    data = validate(data_dict, schemas.show_schema(), context)
    package = _package(data["id"])
    user = model.User.get(context.get("user") or "") if context.get("user") else None
    result = engine.summary(user, package)
    if not roles.roles_for(user, package.owner_org):
        result["signoffs"] = {party: bool(event) for party, event in result["signoffs"].items()}
    return result


@tk.side_effect_free
def satudatablitar_workflow_history(context: Context, data_dict: DataDict) -> list[DataDict]:
    """Recorded workflow events of a dataset, oldest first (workflow participants only).

    :param id: id or name of the dataset
    :param limit: at most this many events (default 100, max 1000); ``offset``: skip these
    :returns: events: id, package_id, actor_id, actor_role, action, from_state, to_state,
        reason_code, note, created, content_digest, prev_hash, hash
    """
    tk.check_access("satudatablitar_workflow_history", context, data_dict)
    data = validate(data_dict, schemas.history_schema(), context)
    package = _package(data["id"])
    events = store.events(package.id)[data["offset"] : data["offset"] + data["limit"]]
    return [event.as_dict() for event in events]


@tk.side_effect_free
def satudatablitar_review_queue(context: Context, data_dict: DataDict) -> DataDict:
    """Datasets waiting for a step by the caller, oldest first.

    :param organization: only this OPD (id or name)
    :param state: only this workflow state
    :param overdue: true: only past the SOP time standard; false: only within it (a dataset
        whose publication is scheduled is never overdue)
    :param limit: page size (default 20, max 1000); ``offset``: skip these
    :returns: ``count`` (total) and ``results``: package_id, name, title, owner_org, state,
        state_label, waiting_since, due (null while a publication is scheduled), overdue,
        scheduled_publish_at (the scheduled publication time, or null)
    """
    tk.check_access("satudatablitar_review_queue", context, data_dict)
    data = validate(data_dict, schemas.review_queue_schema(), context)
    user = engine.actor(context)
    return review.review_queue(
        user,
        organization=data.get("organization"),
        state=data.get("state"),
        overdue=data.get("overdue"),
        limit=data["limit"],
        offset=data["offset"],
    )


# Walls around CKAN's own actions. Chained actions run for every caller, sysadmins included.


@tk.chained_action
def package_update(up: Any, context: Context, data_dict: DataDict) -> Any:
    """CKAN's package_update; a refused update (e.g. a content change refused by a hook
    after the dataset was saved) rolls the whole update back."""
    if data_dict.get("owner_org"):
        # checked first: on CKAN 2.11 a change of organization commits in the middle of package_update
        guards.refuse_owner_org_move(data_dict.get("id") or "", data_dict["owner_org"])
    try:
        return up(context, data_dict)
    except Exception:
        model.Session.rollback()
        raise


@tk.chained_action
def package_owner_org_update(up: Any, context: Context, data_dict: DataDict) -> Any:
    """CKAN's package_owner_org_update, refused for datasets under review or published."""
    if model.Package.get(data_dict.get("id") or "") is not None:
        tk.check_access("package_owner_org_update", context, data_dict)
    guards.refuse_owner_org_move(data_dict.get("id") or "", data_dict.get("organization_id") or "")
    return up(context, data_dict)


@tk.chained_action
def bulk_update_public(up: Any, context: Context, data_dict: DataDict) -> Any:
    """Refused: only the workflow's publish step makes a dataset public."""
    raise tk.NotAuthorized(guards.visibility_message())


@tk.chained_action
def bulk_update_private(up: Any, context: Context, data_dict: DataDict) -> Any:
    """Refused: only the workflow's unpublish step makes a published dataset private."""
    raise tk.NotAuthorized(guards.visibility_message())


@tk.chained_action
def package_collaborator_create(up: Any, context: Context, data_dict: DataDict) -> Any:
    """Refused: access to datasets follows the workflow roles, not per-dataset collaborators."""
    raise tk.NotAuthorized(
        tk._("Dataset collaborators are turned off: access to datasets follows the publication workflow.")
    )


def _as_if_missing(context: Context, data_dict: DataDict) -> None:
    """Answer as CKAN's validation answers for a dataset that does not exist."""
    package = hiding.named_package(data_dict)
    if package is not None and not hiding.readable({**context, "auth_user_obj": _user(context)}, package):
        raise tk.ValidationError({"id": ["{}: {}".format(tk._("Not found"), tk._("Dataset"))]})


def _user(context: Context) -> model.User | None:
    return model.User.get(context["user"]) if context.get("user") else None


@tk.chained_action
@tk.side_effect_free
def dataset_follower_count(up: Any, context: Context, data_dict: DataDict) -> Any:
    """CKAN's dataset_follower_count; a dataset the caller may not read does not exist."""
    _as_if_missing(context, data_dict)
    return up(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def am_following_dataset(up: Any, context: Context, data_dict: DataDict) -> Any:
    """CKAN's am_following_dataset; a dataset the caller may not read does not exist."""
    _as_if_missing(context, data_dict)
    return up(context, data_dict)


@tk.chained_action
def unfollow_dataset(up: Any, context: Context, data_dict: DataDict) -> Any:
    """CKAN's unfollow_dataset; a dataset the caller may not read does not exist."""
    if context.get("user"):
        _as_if_missing(context, data_dict)
    return up(context, data_dict)


@tk.chained_action
def resource_view_update(up: Any, context: Context, data_dict: DataDict) -> Any:
    """CKAN's resource_view_update (it validates before it checks access): outsiders get "not found"."""
    hiding.refuse_unreadable({**context, "auth_user_obj": _user(context)}, data_dict)
    return up(context, data_dict)
