"""Transitions: one locked, recorded, reindexed step at a time.

:func:`perform` is the only way a dataset changes workflow state on a
reviewer's act, and the only code that makes a dataset public. It locks the
dataset's state row, so of two reviewers acting at once one succeeds and the
other gets a conflict error; the event and the new state commit together.
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import search

from ckanext.satudatablitar import config, jobs
from ckanext.satudatablitar.model import WorkflowState
from ckanext.satudatablitar.workflow import checks, digest, gate, roles, snapshots, store
from ckanext.satudatablitar.workflow import states as s
from ckanext.satudatablitar.workflow import steps as st

log = logging.getLogger(__name__)

# imported last: revisions build on this module
from ckanext.satudatablitar.revisions import publish as revision_publish  # noqa: E402
from ckanext.satudatablitar.revisions import store as revision_store  # noqa: E402


def actor(context: dict[str, Any]) -> model.User:
    """The user acting: the context's user, or the site user for a userless ignore_auth call."""
    user = model.User.get(context.get("user") or "") if context.get("user") else None
    if user is None:
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        user = model.User.get(site_user["name"])
    return user


def show_dataset(package_id: str) -> dict[str, Any]:
    """The dataset as it is in the database now (no auth, no search cache)."""
    return tk.get_action("package_show")(
        {"ignore_auth": True, "use_cache": False, "for_view": False}, {"id": package_id}
    )


def adopted_state(package: model.Package) -> str:
    """The state a dataset that predates the workflow is given.

    Only an active public dataset counts as published; everything else (private, or still being
    created in CKAN's own form) is a draft, and a draft is private.
    """
    return s.PUBLISHED if package.state == "active" and not package.private else s.DRAFT


def ensure_row(package: model.Package) -> WorkflowState:
    """Locked state row; a dataset that predates the workflow gets one (see :func:`adopted_state`)."""
    row = store.lock(package.id)
    if row is None:
        state = adopted_state(package)
        if state == s.DRAFT:
            package.private = True
        content = snapshots.save(show_dataset(package.id))
        store.create(package.id, state, content, None)
        store.append_event(
            package_id=package.id,
            actor_id=st.SYSTEM,
            actor_role=st.SYSTEM,
            action=st.ADOPT,
            from_state=None,
            to_state=state,
            content_digest=content,
        )
        row = store.lock(package.id)
    assert row is not None
    return row


def _refuse_unindexed(error: search.SearchIndexError) -> NoReturn:
    model.Session.rollback()
    log.warning("transition not committed: the search index is unreachable", exc_info=True)
    message = tk._("The search index cannot be reached, so nothing was changed. Try again shortly.")
    raise tk.ValidationError({"search": [message]}) from error


def commit_transition() -> None:
    """Commit, or refuse cleanly when the commit cannot index.

    CKAN 2.11 indexes changed datasets inside the commit: with Solr unreachable that commit
    fails, so the transition is rolled back whole and the caller told why. (CKAN 2.12 indexes
    after the commit, in :func:`reindex`.)
    """
    try:
        model.repo.commit()
    except search.SearchIndexError as error:
        _refuse_unindexed(error)


def index_first(package_id: str) -> None:
    """Index the dataset as the uncommitted transaction has it, before the commit (unpublish).

    Search must never list as public a dataset the database already holds private, not even
    between CKAN 2.12's commit and its indexing: an unpublish reaches the index first and is
    refused whole when Solr cannot be reached, on every CKAN version.
    """
    model.Session.flush()
    try:
        search.rebuild(package_id)
    except search.SearchIndexError as error:
        _refuse_unindexed(error)


def reindex(package_id: str) -> None:
    """Bring the search document (state mirror and permission labels) up to date.

    Called after the transition is committed: when Solr is unreachable the transition stands and
    the reindex is retried from the job queue (``jobs.enqueue_reindex``).
    """
    package_id = revision_publish.index_target(package_id)
    try:
        search.rebuild(package_id)
    except search.SearchIndexError:
        log.warning("indexing dataset %s failed; queued for retry", package_id, exc_info=True)
        jobs.enqueue_reindex(package_id)


def _self_reviewed(step: st.Step, user: model.User, package: model.Package, row: WorkflowState) -> bool:
    if not step.segregated or config.allow_self_review():
        return False
    return user.id in (package.creator_user_id, row.last_changed_by)


def signed_parties(row: WorkflowState) -> set[str]:
    parties = set()
    if row.walidata_signoff_id:
        parties.add("walidata")
    if row.pembina_signoff_id:
        parties.add("pembina")
    return parties


def _acting_role(step: st.Step, held: set[str], row: WorkflowState, party: str | None) -> str | None:
    """The role under which ``step`` is taken, or None when the user may not take it."""
    candidates = [role for role in sorted(step.roles) if role in held]
    if step.name in (st.SIGN_OFF, st.VETO) and candidates:
        done = signed_parties(row)
        if party:
            candidates = [r for r in candidates if st.CONFIDENTIALITY_PARTIES[r] == party]
            if not candidates:
                raise tk.NotAuthorized(tk._("You cannot sign off on behalf of {party}.").format(party=party))
        open_ = [r for r in candidates if st.CONFIDENTIALITY_PARTIES[r] not in done]
        if candidates and not open_:
            raise tk.ValidationError(
                {"party": [tk._("Your side has already signed off confidentiality for this dataset.")]}
            )
        if len(open_) > 1:
            raise tk.ValidationError(
                {"party": [tk._("Say on whose behalf you sign off: walidata or pembina.")]}
            )
        candidates = open_
    return candidates[0] if candidates else None


def recorded_role(user: model.User, role: str, owner_org: str | None) -> str:
    """The role written to the event log: ``sysadmin:<role>`` when only sysadmin powers grant it."""
    if user.sysadmin and role not in roles.membership_roles(user, owner_org):
        return roles.SYSADMIN + ":" + role
    return role


def role_of(recorded: str) -> str:
    """The workflow role of a recorded role (without the ``sysadmin:`` prefix)."""
    return recorded.split(":", 1)[-1]


def allowed_steps(user: model.User | None, package: model.Package) -> list[str]:
    """Names of the steps ``user`` may take on the dataset now."""
    row = store.get(package.id)
    state = row.state if row else (s.DRAFT if package.private else s.PUBLISHED)
    held = roles.roles_for(user, package.owner_org)
    allowed = []
    for step in st.STEPS.values():
        if state not in step.from_states or not held & step.roles or user is None:
            continue
        if row is not None and _self_reviewed(step, user, package, row):
            continue
        if row is not None and step.name in (st.SIGN_OFF, st.VETO):
            signers = {
                r for r in held & step.roles if st.CONFIDENTIALITY_PARTIES[r] not in signed_parties(row)
            }
            if not signers:
                continue
        allowed.append(step.name)
    return allowed


def _check_state(step: st.Step, row: WorkflowState) -> None:
    if row.state not in step.from_states:
        raise tk.ValidationError(
            {
                "state": [
                    tk._(
                        "Conflict: the dataset is now in state {state}, where this step is not possible. "
                        "Reload it and try again."
                    ).format(state=s.label(row.state))
                ]
            }
        )


def _check_duties(step: st.Step, user: model.User, package: model.Package, row: WorkflowState) -> None:
    if _self_reviewed(step, user, package, row):
        raise tk.NotAuthorized(
            tk._(
                "Segregation of duties: you created or last changed this dataset, "
                "so someone else must take this step."
            )
        )
    if step.name == st.PUBLISH and signed_parties(row) != set(st.CONFIDENTIALITY_PARTIES.values()):
        raise tk.ValidationError(
            {"signoffs": [tk._("Both confidentiality sign-offs (Wali Data and Pembina Data) are needed.")]}
        )


def authorize(
    step: st.Step, user: model.User, package: model.Package, row: WorkflowState, party: str | None = None
) -> str:
    """The role under which ``user`` may take ``step`` now (``row`` locked).

    Raises ValidationError when the state does not allow the step, NotAuthorized when the
    user holds no role for it or segregation of duties forbids it.
    """
    _check_state(step, row)
    role = _acting_role(step, roles.roles_for(user, package.owner_org), row, party)
    if role is None:
        raise tk.NotAuthorized(tk._("You are not allowed to take this workflow step on this dataset."))
    _check_duties(step, user, package, row)
    return role


def _signs_off(step: st.Step) -> bool:
    """The step records a confidentiality approval (stage 2 may be one with Wali Data's sign-off)."""
    return step.name == st.SIGN_OFF or (
        step.name == st.VERIFY_WALIDATA and config.stage2_signs_off_confidentiality()
    )


def perform(context: dict[str, Any], package_id: str, step_name: str, **params: Any) -> dict[str, Any]:
    """Take one workflow step on a dataset and return its new workflow summary.

    ``params``: ``note`` (required for steps with a reason), ``reason_code``, ``party``
    (``walidata``/``pembina`` for confidentiality sign-offs when the actor could sign for both).
    """
    step = st.STEPS[step_name]
    user = actor(context)
    package = model.Package.get(package_id)
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    misconfigured = config.organization_problems()
    if misconfigured:
        raise tk.ValidationError({"configuration": misconfigured})
    row = ensure_row(package)
    role = authorize(step, user, package, row, params.get("party"))
    if step.reason_required and not (params.get("note") or "").strip():
        raise tk.ValidationError({"note": [tk._("A reason is required for this step.")]})
    if _signs_off(step):
        problem = gate.sign_off_note_problem(package.id, params.get("note"))
        if problem:
            raise tk.ValidationError({"note": [problem]})

    package_dict = show_dataset(package.id)
    if step.name == st.PUBLISH:
        problems = gate.publication_problems(package_dict)
        if problems:
            raise tk.ValidationError({"gate": problems})

    if step.name == st.SUBMIT and row.state == s.DRAFT:
        checks.carry_for_revision(row, package_dict)
    to_state = _target_state(step, row, role)
    event = store.append_event(
        package_id=package.id,
        actor_id=user.id,
        actor_role=recorded_role(user, role, package.owner_org),
        action=step.name,
        from_state=row.state,
        to_state=to_state,
        reason_code=params.get("reason_code"),
        note=params.get("note"),
        content_digest=snapshots.save(package_dict),
    )
    _apply(step, row, role, to_state, event.id)
    if step.name == st.VERIFY_WALIDATA and config.stage2_signs_off_confidentiality():
        _record_walidata_sign_off(
            row, user, recorded_role(user, role, package.owner_org), package_dict, params
        )
    if step.name in (st.VERIFY_OPD, st.VERIFY_WALIDATA):
        checks.advance(row, package_dict)
    if step.name == st.PUBLISH and (revision := revision_store.of_copy(package.id)) is not None:
        # a working copy never goes public: it is applied onto the dataset it revises
        package = revision_publish.apply(context, revision, package)
    elif step.name in (st.PUBLISH, st.UNPUBLISH):
        package.private = step.name == st.UNPUBLISH
        package.metadata_modified = store.utcnow().replace(tzinfo=None)
    if step.name == st.UNPUBLISH:
        index_first(package.id)
    if not context.get("defer_commit"):
        commit_transition()
        reindex(package.id)
    return summary(user, package)


def _target_state(step: st.Step, row: WorkflowState, role: str) -> str:
    if step.name != st.SIGN_OFF:
        return step.to_state
    others = set(st.CONFIDENTIALITY_PARTIES.values()) - {st.CONFIDENTIALITY_PARTIES[role]}
    return s.APPROVED if others <= signed_parties(row) else s.VERIFIED_WALIDATA


def _apply(step: st.Step, row: WorkflowState, role: str, to_state: str, event_id: int) -> None:
    if step.name == st.SIGN_OFF:
        setattr(row, st.CONFIDENTIALITY_PARTIES[role] + "_signoff_id", event_id)
    if step.name == st.VERIFY_WALIDATA:
        row.walidata_verified_id = event_id
    if to_state in s.EDITABLE:
        # a new review round starts; a published dataset keeps the checks it was published on
        checks.void_all(row)
    if to_state != row.state:
        row.updated = store.utcnow()
    row.state = to_state
    row.version += 1


def _record_walidata_sign_off(
    row: WorkflowState, user: model.User, role: str, package_dict: dict[str, Any], params: dict[str, Any]
) -> None:
    """Stage 2 and Wali Data's confidentiality sign-off as one act (config option)."""
    event = store.append_event(
        package_id=row.package_id,
        actor_id=user.id,
        actor_role=role,
        action=st.SIGN_OFF,
        from_state=row.state,
        to_state=row.state,
        reason_code=params.get("reason_code"),
        note=params.get("note"),
        content_digest=digest.content_digest(package_dict),
    )
    row.walidata_signoff_id = event.id


def summary(user: model.User | None, package: model.Package) -> dict[str, Any]:
    """State, sign-offs of the current round and the steps open to ``user``."""
    row = store.get(package.id)
    state = row.state if row else (s.DRAFT if package.private else s.PUBLISHED)
    signoffs = {}
    for party in ("walidata", "pembina"):
        event_id = getattr(row, party + "_signoff_id") if row else None
        event = model.Session.get(store.WorkflowEvent, event_id) if event_id else None
        signoffs[party] = event.as_dict() if event else None
    return {
        "package_id": package.id,
        "state": state,
        "state_label": s.label(state),
        "version": row.version if row else 0,
        "state_since": row.updated.isoformat() if row else None,
        "signoffs": signoffs,
        "allowed_steps": allowed_steps(user, package),
    }
