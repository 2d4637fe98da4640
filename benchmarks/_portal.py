"""Shared by the benchmarks: a CKAN app context on the benchmark database (see run.sh)."""

from __future__ import annotations

import contextlib
import os
import statistics
import time
from collections.abc import Callable, Iterator

from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app


@contextlib.contextmanager
def ckan_app() -> Iterator[object]:
    """Load test.ini (pointed at the benchmark database by run.sh) and enter a request context."""
    app = make_app(CKANConfigLoader(os.environ["CKAN_INI"]).get_config())
    with app._wsgi_app.test_request_context():
        yield app


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` runs of ``function``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def describe(times: list[float]) -> str:
    median, low, high = statistics.median(times), min(times), max(times)
    return f"median {median:.3f} s, min {low:.3f} s, max {high:.3f} s (n={len(times)})"
