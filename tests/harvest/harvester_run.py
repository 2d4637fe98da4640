"""Runs one harvest on the harvesting CKAN (a separate process, its own database) and prints what it holds.

    CKAN_INI=tests/harvest/harvester.ini python -m tests.harvest.harvester_run <source url> <source name>

Creates the harvest source (CKAN harvester, owned by organization ``portal-daerah``)
on first use, runs a harvest job through ckanext-harvest's own gather, fetch and
import stages (what ``ckan harvester run-test`` does; on CKAN 2.12 that command
fails before it starts: ``harvest_source_show`` returns the search index's copy of
the source, without ``source_type``, so the source type is read from the model),
then prints JSON: ``{"received": [remote ids gathered by this job], "datasets": [the
harvested datasets as package_show returns them on the harvesting side]}``.
"""

from __future__ import annotations

import json
import os
import sys

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app

ORGANIZATION = "portal-daerah"


def _call(action: str, **data: object) -> dict:
    """An action as the site user (a fresh context per call)."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return tk.get_action(action)({"user": site_user["name"], "ignore_auth": True}, data)


def _ensure_source(url: str, name: str) -> dict:
    try:
        return _call("harvest_source_show", id=name)
    except tk.ObjectNotFound:
        pass
    try:
        _call("organization_show", id=ORGANIZATION)
    except tk.ObjectNotFound:
        _call("organization_create", name=ORGANIZATION)
    return _call(
        "harvest_source_create",
        name=name,
        url=url,
        source_type="ckan",
        owner_org=ORGANIZATION,
        frequency="MANUAL",
    )


def main(url: str, name: str) -> None:
    from ckanext.harvest import queue
    from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestSource
    from ckanext.harvest.tests import lib

    source = HarvestSource.get(_ensure_source(url, name)["id"])
    job = HarvestJob.get(_call("harvest_job_create", source_id=source.id)["id"])
    lib.run_harvest_job(job, queue.get_harvester(source.type))
    received = [o.guid for o in model.Session.query(HarvestObject).filter_by(harvest_job_id=job.id)]
    errors = [e.message for e in job.gather_errors] + [e.message for o in job.objects for e in o.errors]
    found = _call("package_search", q="*:*", fq="-dataset_type:harvest", rows=1000, include_private=True)
    datasets = [_call("package_show", id=d["id"]) for d in found["results"]]
    print(json.dumps({"received": received, "errors": errors, "datasets": datasets}))


if __name__ == "__main__":
    app = make_app(CKANConfigLoader(os.environ["CKAN_INI"]).get_config())
    with app._wsgi_app.test_request_context():
        main(sys.argv[1], sys.argv[2])
