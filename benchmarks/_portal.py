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


def timed(function: Callable[[], object], repeat: int) -> list[tuple[float, float]]:
    """(wall-clock, CPU) seconds of ``repeat`` runs of ``function``.

    CPU seconds of this process (the database server's share is not in them) say what the code
    costs when the machine is shared; wall-clock says what a user waits on this machine.
    """
    times = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


def describe(times: list[tuple[float, float]]) -> str:
    walls, cpus = [t[0] for t in times], [t[1] for t in times]
    return (
        f"wall median {statistics.median(walls):.3f} s (min {min(walls):.3f}, max {max(walls):.3f}), "
        f"CPU median {statistics.median(cpus):.3f} s (n={len(times)})"
    )
