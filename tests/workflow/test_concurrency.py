"""Two reviewers at once, through real parallel requests to several gunicorn worker processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from ckan.tests import factories, helpers

from ckanext.satudatablitar.workflow import store

pytestmark = pytest.mark.usefixtures("with_plugins")

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 4
ROUNDS = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(portal) -> Iterator[str]:
    """CKAN with the plugin under gunicorn, several worker processes, on the test database."""
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", "deploy.wsgi:application"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if requests.get(url + "/api/3/action/status_show", timeout=30).ok:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        else:
            raise AssertionError("gunicorn did not start: " + process.stderr.read1().decode()[-2000:])
        # every worker loads the app lazily: warm them all up
        for _ in range(WORKERS * 3):
            requests.get(url + "/api/3/action/status_show", timeout=30)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _together(calls: list[tuple[str, str, dict]]) -> list[requests.Response]:
    """POST every (url, token, json) at the same moment from separate connections."""
    barrier = threading.Barrier(len(calls))
    results: list[requests.Response | None] = [None] * len(calls)

    def run(i: int, url: str, token: str, data: dict) -> None:
        session = requests.Session()
        session.headers["Authorization"] = token
        barrier.wait()
        results[i] = session.post(url, json=data, timeout=60)

    threads = [threading.Thread(target=run, args=(i, *call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [r for r in results if r is not None]


def test_two_opd_verifiers_at_once_give_one_transition(server, portal):
    second = factories.User(name="verifier2")
    helpers.call_action(
        "organization_member_create", id=portal.opd["id"], username=second["name"], role="admin"
    )
    tokens = [factories.APIToken(user=name)["token"] for name in ("verifier", "verifier2")]
    datasets = [portal.dataset() for _ in range(ROUNDS)]
    for dataset in datasets:
        portal.advance(dataset["id"], "submitted")
    url = server + "/api/3/action/satudatablitar_workflow_verify"
    for dataset in datasets:
        responses = _together([(url, token, {"id": dataset["id"], "stage": 1}) for token in tokens])
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200, 409], [r.text for r in responses]
        conflict = next(r for r in responses if r.status_code == 409).json()["error"]
        assert "Conflict: the dataset is now in state Verified by OPD" in conflict["state"][0]
        events = [e for e in store.events(dataset["id"]) if e.action == "verify_opd"]
        assert len(events) == 1
        assert (
            helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])["state"] == "verified_opd"
        )
    assert store.verify_chain().first_broken_id is None


def test_both_confidentiality_sign_offs_at_once_are_both_recorded(server, portal):
    tokens = [factories.APIToken(user=name)["token"] for name in ("kominfotik2", "pembina")]
    datasets = [portal.dataset() for _ in range(ROUNDS)]
    for dataset in datasets:
        portal.advance(dataset["id"], "verified_walidata")
    url = server + "/api/3/action/satudatablitar_workflow_sign_off_confidentiality"
    data = {"decision": "approve", "reason_code": "aggregate_only"}
    for dataset in datasets:
        responses = _together([(url, token, {"id": dataset["id"], **data}) for token in tokens])
        assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
        events = store.events(dataset["id"])
        assert [e.action for e in events].count("sign_off") == 2
        assert events[-1].to_state == "approved"
        assert helpers.call_action("satudatablitar_workflow_show", id=dataset["id"])["state"] == "approved"
    assert store.verify_chain().first_broken_id is None
