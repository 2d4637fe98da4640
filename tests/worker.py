"""Run a real CKAN job worker process until the queue is empty."""

from __future__ import annotations

import os
import subprocess
import sys


def run_burst(ini: str | None = None) -> subprocess.CompletedProcess:
    """`ckan jobs worker --burst` in its own process, on the test configuration (or ``ini``)."""
    return subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "ckan"),
            "-c",
            ini or os.environ["CKAN_INI"],
            "jobs",
            "worker",
            "--burst",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
