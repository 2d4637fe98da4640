"""Leak hunter: no outsider learns anything about a dataset that is not published.

Every action of CKAN's action registry (core, activity, scheming and ours: the
list is read at run time, so new actions are probed too) and every GET route of
the Flask app is called by every outsider on datasets in every unpublished
state. A probe leaks when its answer carries a secret marker of a dataset
(title, description, resource name, file content) or when it answers
differently for the dataset than for a dataset that does not exist.
"""

from __future__ import annotations

import collections
import io
import json
import re
from typing import Any

import pytest
from ckan import logic
from ckan.tests import factories, helpers

from .conftest import act

pytestmark = [
    pytest.mark.ckan_config("ckan.plugins", "activity scheming_datasets satudatablitar image_view"),
    pytest.mark.usefixtures("with_plugins"),
]

UNPUBLISHED = ["draft", "submitted", "verified_opd", "verified_walidata", "approved", "revision_requested"]
OUTSIDERS = ["anonymous", "harvester", "other_editor", "other_admin"]
MISSING_ID = "00000000-0000-4000-8000-000000000000"
MISSING_NAME = "tidak-ada-sama-sekali"


def _secret_datasets(app, portal) -> list[dict[str, Any]]:
    token = factories.APIToken(user=portal.name("operator"))["token"]
    secrets = []
    for state in UNPUBLISHED:
        marker = "RAHASIA" + state.replace("_", "").upper()
        dataset = portal.dataset(title=f"Judul {marker}T", notes=f"Definisi {marker}N")
        upload = {
            "package_id": dataset["id"],
            "name": f"Berkas {marker}R",
            "description": f"{marker}D",
            "format": "PDF",
            "upload": (io.BytesIO(f"%PDF isi {marker}F".encode()), "rahasia.pdf"),
        }
        resource = app.post(
            "/api/3/action/resource_create", data=upload, headers={"Authorization": token}, status=200
        ).json["result"]
        view = helpers.call_action(
            "resource_view_create",
            {"user": portal.name("sysadmin")},
            resource_id=resource["id"],
            title=f"Tampilan {marker}V",
            view_type="image_view",
        )
        if state == "revision_requested":
            portal.advance(dataset["id"], "submitted")
            act(
                portal.name("verifier"),
                "satudatablitar_workflow_request_revision",
                id=dataset["id"],
                note="x",
            )
        elif state != "draft":
            portal.advance(dataset["id"], state)
        secrets.append(
            {"state": state, "marker": marker, "dataset": dataset, "resource": resource, "view": view}
        )
    return secrets


def _outcome(action: str, user: str | None, data: dict[str, Any]) -> tuple[str, str]:
    """Kind of answer and its text, with the probed ids masked."""
    context = {"user": user or "", "ignore_auth": False}
    try:
        result = logic.get_action(action)(context, dict(data))
        kind = "ok"
        text = json.dumps(result, default=str)
    except logic.ValidationError as error:
        kind, text = "invalid", json.dumps(error.error_dict, default=str)
    except (logic.NotAuthorized, logic.NotFound) as error:
        kind, text = type(error).__name__, str(error)
    except Exception as error:  # any other failure is an answer too
        kind, text = type(error).__name__, str(error)
    finally:
        from ckan import model

        model.Session.rollback()
    return kind, text


def _mask(text: str, secrets: list[dict[str, Any]]) -> str:
    for secret in secrets:
        for value in (
            secret["dataset"]["id"],
            secret["dataset"]["name"],
            secret["resource"]["id"],
            secret["view"]["id"],
        ):
            text = text.replace(value, "<ID>")
    return text.replace(MISSING_ID, "<ID>").replace(MISSING_NAME, "<ID>")


def _answer(kind: str, text: str, secrets: list[dict[str, Any]]) -> tuple[str, str]:
    """What an answer tells: its kind, and for a result its content (ids masked)."""
    return kind, (_mask(text, secrets) if kind == "ok" else "")


def _probes(secret: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Data dicts naming one dataset (None: one that does not exist) in every usual parameter."""
    dataset_id = secret["dataset"]["id"] if secret else MISSING_ID
    name = secret["dataset"]["name"] if secret else MISSING_NAME
    resource_id = secret["resource"]["id"] if secret else MISSING_ID
    view_id = secret["view"]["id"] if secret else MISSING_ID
    common = {"package_id": dataset_id, "resource_id": resource_id, "view_id": view_id, "name_or_id": name}
    return [{"id": value, **common} for value in (dataset_id, resource_id, view_id)]


def _search_probes(organization: dict[str, Any]) -> list[dict[str, Any]]:
    words = "Judul OR Definisi OR Berkas"
    return [
        {"limit": 1000, "all_fields": True},
        {"q": words, "query": words, "include_private": True, "include_drafts": True},
        {"id": organization["id"], "include_datasets": True, "all_fields": True},
    ]


def _leaks(text: str, secrets: list[dict[str, Any]]) -> list[str]:
    return [s["state"] for s in secrets if re.search(s["marker"] + "[TNRDFV]", text)]


def _summary(leaks: list[tuple[Any, ...]]) -> str:
    """One line per kind of leak, with how often it happened."""
    counts = collections.Counter((leak[0], *leak[3:5]) for leak in leaks)
    first = {(leak[0], *leak[3:5]): leak for leak in reversed(leaks)}
    return "\n".join(f"{n} x {key}: {first[key]}" for key, n in sorted(counts.items(), key=str))


def test_leak_hunter_actions(app, portal):
    secrets = _secret_datasets(app, portal)
    helpers.call_action("get_site_user")
    actions = sorted(logic._actions)
    assert {"package_show", "package_search", "satudatablitar_workflow_show"} <= set(actions)
    probes = 0
    leaks = []
    for who in OUTSIDERS:
        user = None if who == "anonymous" else portal.name(who)
        for action in actions:
            missing = [_outcome(action, user, data) for data in _probes(None)]
            probes += len(missing)
            for secret in secrets:
                for data, (fake_kind, fake_text) in zip(_probes(secret), missing, strict=True):
                    kind, text = _outcome(action, user, data)
                    probes += 1
                    if _leaks(text, secrets):
                        leaks.append((action, who, secret["state"], "content", text[:200]))
                    elif _answer(kind, text, secrets) != _answer(fake_kind, fake_text, secrets):
                        leaks.append((action, who, secret["state"], "existence", kind, fake_kind, text[:150]))
            for data in _search_probes(portal.opd):
                kind, text = _outcome(action, user, data)
                probes += 1
                if _leaks(text, secrets):
                    leaks.append((action, who, _leaks(text, secrets), "content", data, text[:200]))
    print(f"leak hunter: {len(actions)} actions x {len(OUTSIDERS)} outsiders, {probes} action probes")
    assert not leaks, _summary(leaks)


# values for the URL parameters of Flask routes; a route with another parameter is not about datasets
def _route_values(rule: Any, secret: dict[str, Any] | None) -> list[dict[str, str]]:
    dataset_id = secret["dataset"]["id"] if secret else MISSING_ID
    name = secret["dataset"]["name"] if secret else MISSING_NAME
    resource_id = secret["resource"]["id"] if secret else MISSING_ID
    values = {
        "package_id": dataset_id,
        "resource_id": resource_id,
        "view_id": secret["view"]["id"] if secret else MISSING_ID,
        "filename": "rahasia.pdf",
        "package_type": "dataset",
        "dataset_type": "dataset",
        "type": "dataset",
    }
    if "id" not in rule.arguments:
        return [values]
    if rule.arguments & {"resource_id", "view_id"}:
        return [{**values, "id": dataset_id}]
    # /file/download/<id> and the like: a resource; /dataset/<id>: the dataset by id and by name
    return [{**values, "id": value} for value in (dataset_id, name, resource_id)]


# routes whose <id> is an organization, group or user, and the action API (probed above)
_OTHER_OBJECTS = ("/organization/", "/group/", "/user/", "/ckan-admin", "/api/")


def _routes(app) -> tuple[list[Any], list[Any], int]:
    """GET routes with dataset parameters, GET routes without parameters, and how many were left out."""
    known = {"id", "package_id", "resource_id", "view_id", "filename", "package_type", "dataset_type", "type"}
    with_args, without_args, skipped = [], [], 0
    for rule in app.flask_app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "webassets.index"):
            continue
        if not rule.arguments:
            without_args.append(rule)
        elif rule.arguments <= known and not rule.rule.startswith(_OTHER_OBJECTS):
            with_args.append(rule)
        else:
            skipped += 1
    return with_args, without_args, skipped


def _get(app, path: str, token: str | None) -> tuple[int, str]:
    headers = {"Authorization": token} if token else {}
    try:
        response = app.get(path, headers=headers, status=None, follow_redirects=False)
    except Exception as error:  # the test client re-raises what a server would answer with a 500
        return 500, f"{type(error).__name__}: {error}"
    finally:
        from ckan import model

        model.Session.rollback()
    return response.status_code, response.get_data(as_text=True)


def test_leak_hunter_routes(app, portal):
    secrets = _secret_datasets(app, portal)
    tokens = {
        who: (None if who == "anonymous" else factories.APIToken(user=portal.name(who))["token"])
        for who in OUTSIDERS
    }
    with_args, without_args, skipped = _routes(app)
    assert any(rule.rule.startswith("/dataset/<id>") for rule in with_args)
    # words every secret dataset carries, without the markers (pages echo the query)
    query = "?q=Judul OR Definisi OR Berkas"
    probes, leaks = 0, []
    for who, token in tokens.items():
        for rule in without_args:
            status, body = _get(app, rule.rule + query, token)
            probes += 1
            if _leaks(body, secrets):
                leaks.append((rule.rule, who, _leaks(body, secrets), "content"))
        for rule in with_args:
            missing = [
                _get(app, rule.build(v, append_unknown=False)[1], token) for v in _route_values(rule, None)
            ]
            probes += len(missing)
            for secret in secrets:
                for values, (fake_status, _) in zip(_route_values(rule, secret), missing, strict=True):
                    path = rule.build(values, append_unknown=False)[1]
                    status, body = _get(app, path, token)
                    probes += 1
                    if _leaks(body, secrets):
                        leaks.append((path, who, secret["state"], "content", status))
                    elif status != fake_status:
                        leaks.append(
                            (rule.rule, who, secret["state"], "existence", status, fake_status, body[:300])
                        )
    print(
        f"leak hunter: {len(with_args)} dataset routes, {len(without_args)} routes without parameters "
        f"({skipped} routes with other parameters left out), {probes} route probes"
    )
    assert not leaks, _summary(leaks)
