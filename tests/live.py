"""A really served portal for tests that need one: gunicorn with several workers on a free port.

It runs ``deploy/wsgi.py`` with the pytest process's environment (CKAN_INI, CKAN_SQLALCHEMY_URL,
CKAN_SOLR_URL, CKAN_REDIS_URL set by scripts/test.sh), so it sees the test database, Solr core
and Redis database. Shared by the workflow concurrency test's needs and the browser tests.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(workers: int = 3, timeout: float = 120) -> Iterator[str]:
    """Serve CKAN with the plugin under gunicorn; yields the base URL, stops the server after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # links and redirects are built from ckan.site_url: make them point at this server
    env = {**os.environ, "CKAN_SITE_URL": url}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "deploy.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if requests.get(url + "/api/3/action/status_show", timeout=30).ok:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("gunicorn did not start: " + process.stderr.read1().decode()[-2000:])
            time.sleep(0.5)
        # every worker loads the app lazily: warm them all up
        for _ in range(workers * 3):
            requests.get(url + "/api/3/action/status_show", timeout=60)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
