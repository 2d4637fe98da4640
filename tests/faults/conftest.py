"""A Redis and a Solr of the fault tests' own, really stopped and restarted.

The shared services on the standard ports serve every other suite and must never stop; these
run on free ports, for the fault tests only. Solr is started the way ``scripts/stack.sh``
starts the shared one (same launcher, jars and CKAN schema), with its own solr home, so the
index survives a restart as it would in production.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator

import ckan
import pytest
import requests
from ckan.lib import jobs as ckan_jobs
from ckan.lib import redis as ckan_redis
from ckan.lib.search import common as search_common

from tests.smtp import free_port

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = pathlib.Path(ckan.__file__).parent / "config" / "solr" / "schema.xml"


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {seconds} s")
        time.sleep(0.1)


def _kill(pidfile: pathlib.Path) -> None:
    """SIGKILL the process (a crash, not a clean shutdown) and wait until it is gone."""
    pid = int(pidfile.read_text())
    os.kill(pid, signal.SIGKILL)

    def gone() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    _wait(gone, 30, f"process {pid} did not exit")


class RedisServer:
    """``redis-server`` (the Debian binary) on a free port, without persistence, as stack.sh runs it."""

    def __init__(self, directory: pathlib.Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = directory
        self.pidfile = directory / "redis.pid"

    def ping(self) -> bool:
        answer = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, check=False
        )
        return answer.stdout.strip() == "PONG"

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--daemonize", "yes",
                "--dir", str(self.directory),
                "--pidfile", str(self.pidfile),
                "--logfile", str(self.directory / "redis.log"),
                "--save", "",
                "--appendonly", "no",
            ],
            check=True,
        )  # fmt: skip
        _wait(self.ping, 15, "Redis did not answer")

    def stop(self) -> None:
        _kill(self.pidfile)
        assert not self.ping()


class SolrServer:
    """Apache Solr 9 through ``scripts/stack.sh`` on a free port with its own solr home and core."""

    def __init__(self, directory: pathlib.Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/solr/ckan"
        self.directory = directory
        # the jars resolved for the shared Solr, when this checkout started it: no second Maven run
        # (otherwise stack.sh resolves them, from ~/.m2)
        resolved = ROOT / ".stack" / "solr-classpath.txt"
        if resolved.is_file():
            shutil.copy(resolved, directory / "solr-classpath.txt")
        self.start_seconds: list[float] = []

    def _stack(self, *args: str) -> None:
        env = dict(os.environ, SATUDATA_STATE_DIR=str(self.directory), SATUDATA_SOLR_PORT=str(self.port))
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "stack.sh"), *args], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr

    def start(self) -> None:
        """Start the JVM and wait until the ``ckan`` core (created at first start) answers."""
        began = time.monotonic()
        self._stack("start-solr")
        self._stack("solr-core", "ckan", str(SCHEMA))
        self.start_seconds.append(time.monotonic() - began)

    def stop(self) -> None:
        _kill(self.directory / "solr.pid")

    def clear(self) -> None:
        requests.post(f"{self.url}/update?commit=true", json={"delete": {"query": "*:*"}}, timeout=30)


@pytest.fixture(scope="session")
def own_redis(tmp_path_factory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    if server.ping():
        server.stop()


@pytest.fixture(scope="session")
def own_solr(tmp_path_factory) -> Iterator[SolrServer]:
    server = SolrServer(tmp_path_factory.mktemp("solr"))
    server.start()
    yield server
    print(f"\nown Solr start-up times (s): {', '.join(f'{s:.1f}' for s in server.start_seconds)}")
    if (server.directory / "solr.pid").exists():
        with contextlib.suppress(ProcessLookupError):  # stopped by the last test
            server.stop()


@pytest.fixture
def services(own_redis, own_solr, ckan_config, monkeypatch):
    """CKAN (this process and the workers it starts) on the own Redis and Solr, both up and empty.

    CKAN caches the Redis connection pool and its RQ queues; 2.11 also keeps ``solr_url`` in
    ``SolrSettings`` from start-up (2.12 reads it at every connection).
    """
    if not own_redis.ping():
        own_redis.start()
    if not requests_ok(own_solr.url):
        own_solr.start()
    monkeypatch.setitem(ckan_config, "ckan.redis.url", own_redis.url)
    monkeypatch.setattr(ckan_redis, "_connection_pool", None)
    monkeypatch.setattr(ckan_jobs, "_queues", {})
    monkeypatch.setitem(ckan_config, "solr_url", own_solr.url)
    settings = getattr(search_common, "SolrSettings", None)
    if settings is not None:
        monkeypatch.setattr(settings, "_url", own_solr.url)
    monkeypatch.setenv("CKAN_REDIS_URL", own_redis.url)
    monkeypatch.setenv("CKAN_SOLR_URL", own_solr.url)
    ckan_redis.connect_to_redis().flushdb()
    own_solr.clear()
    return own_redis, own_solr


def requests_ok(url: str) -> bool:
    try:
        return requests.get(f"{url}/admin/ping", timeout=5).ok
    except requests.RequestException:
        return False
