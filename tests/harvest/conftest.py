"""The harvesting CKAN: a second CKAN instance with ckanext-harvest, in its own database and Solr core."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ckan
import pytest

ROOT = Path(__file__).resolve().parents[2]
INI = Path(__file__).with_name("harvester.ini")


@dataclass
class Harvester:
    env: dict[str, str]

    def ckan(self, *args: str) -> None:
        ckan = Path(sys.executable).with_name("ckan")
        subprocess.run([str(ckan), *args], cwd=ROOT, env=self.env, check=True, capture_output=True)

    def run(self, source_url: str, source_name: str) -> dict[str, Any]:
        """One harvest job from ``source_url``; what it received and what the harvester now holds."""
        done = subprocess.run(
            [sys.executable, "-m", "tests.harvest.harvester_run", source_url, source_name],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def harvester_instance() -> Harvester:
    """The harvesting CKAN's database (``<test database>_harvester``) and Solr core, initialised."""
    name = os.environ["CKAN_SQLALCHEMY_URL"].rsplit("/", 1)[1] + "_harvester"
    schema = os.path.join(os.path.dirname(ckan.__file__), "config", "solr", "schema.xml")
    for args in (["database", name], ["solr-core", name, schema]):
        subprocess.run(["bash", "scripts/stack.sh", *args], cwd=ROOT, check=True, capture_output=True)
    env = {
        **os.environ,
        "CKAN_INI": str(INI),
        "CKAN_SQLALCHEMY_URL": f"postgresql://ckan:ckan@127.0.0.1:5432/{name}",
        "CKAN_SOLR_URL": f"http://127.0.0.1:8983/solr/{name}",
        "PYTHONPATH": str(ROOT),
    }
    return Harvester(env)


@pytest.fixture
def harvester(harvester_instance: Harvester) -> Harvester:
    """The harvesting CKAN, emptied: no datasets, no harvest sources or jobs."""
    harvester_instance.ckan("db", "clean", "--yes")
    # CKAN 2.11's db clean leaves the search index as it was
    harvester_instance.ckan("search-index", "clear")
    harvester_instance.ckan("db", "init")
    harvester_instance.ckan("db", "upgrade", "-p", "harvest")
    return harvester_instance
