"""Proof that the suite runs on the real stack with the plugin loaded.

PostgreSQL through the action API, Solr through package_search, Redis and a
real RQ worker process through CKAN's job queue, Flask through the test client.
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
import requests
from ckan.lib import jobs, search
from ckan.tests import factories, helpers

from ckanext.satudatablitar import jobs as satudata_jobs
from tests.worker import run_burst

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_plugin_is_loaded():
    status = helpers.call_action("status_show")
    assert "satudatablitar" in status["extensions"]
    assert "scheming_datasets" in status["extensions"]


def test_solr_is_a_real_solr_9():
    url = tk.config["solr_url"]
    info = requests.get(
        url.rsplit("/", 1)[0] + "/admin/info/system", params={"wt": "json"}, timeout=10
    ).json()
    assert info["lucene"]["solr-spec-version"].startswith("9.")
    assert requests.get(url + "/admin/ping", params={"wt": "json"}, timeout=10).json()["status"] == "OK"


def test_dataset_created_through_the_api_is_found_by_solr():
    org = factories.Organization()
    dataset = helpers.call_action(
        "package_create",
        {"user": factories.Sysadmin()["name"]},
        name="jumlah-penduduk",
        title="Jumlah Penduduk Menurut Kecamatan",
        notes="Jumlah penduduk per kecamatan",
        owner_org=org["id"],
    )
    # a new dataset is a private draft (the workflow's first wall): the sysadmin finds it
    found = helpers.call_action("package_search", q="Kecamatan", include_private=True)
    assert [d["id"] for d in found["results"]] == [dataset["id"]]
    assert helpers.call_action("package_search", q="tidakada", include_private=True)["count"] == 0


@pytest.mark.usefixtures("clean_queues")
def test_background_job_runs_in_a_real_worker_process():
    dataset = factories.Dataset(title="Indeks Pembangunan Manusia", owner_org=factories.Organization()["id"])
    search.clear(dataset["id"])
    search.commit()
    assert helpers.call_action("package_search", q="Pembangunan", include_private=True)["count"] == 0

    job = jobs.enqueue(satudata_jobs.reindex_dataset, [dataset["id"]])
    assert jobs.get_queue().count == 1
    worker = run_burst()
    assert worker.returncode == 0, worker.stderr
    assert job.get_status(refresh=True) == "finished", (worker.stdout + worker.stderr)[-3000:]
    assert jobs.get_queue().count == 0
    assert helpers.call_action("package_search", q="Pembangunan", include_private=True)["count"] == 1


def test_home_page_renders(app):
    response = app.get("/")
    assert response.status_code == 200
    assert "Satu Data (test)" in response.body


def test_dataset_page_renders_with_search_results(app):
    sysadmin = factories.Sysadmin()
    factories.Dataset(title="Angka Partisipasi Sekolah", owner_org=factories.Organization()["id"])
    token = factories.APIToken(user=sysadmin["name"])["token"]
    response = app.get("/dataset/", headers={"Authorization": token})
    assert response.status_code == 200
    assert "Angka Partisipasi Sekolah" in response.body
