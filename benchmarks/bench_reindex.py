"""`ckan satudata reindex --dry-run` on 5,000 datasets, side by side with one Solr query per dataset.

Goal (issue 5, part 4): finding the datasets whose index entry is out of step is fast on 5,000
datasets: one database query and one paged Solr query, not one per dataset.

    bash benchmarks/run.sh reindex
"""

from __future__ import annotations

import datetime
import hashlib
import os
import random

import requests
import sqlalchemy as sa
from _portal import ckan_app, describe, timed

DATASETS = int(os.environ.get("BENCH_DATASETS", 5000))
DRIFTED = 50  # per kind: private flag, workflow state, missing from the index


def seed() -> dict[str, set[str]]:
    """Datasets in the database and (as CKAN would index them) in Solr; then some drift."""
    import ckan.plugins.toolkit as tk
    from ckan import model

    from ckanext.satudatablitar.model import WorkflowState

    org = model.Group(name="opd-bench", title="Dinas", type="organization", is_organization=True)
    model.Session.add(org)
    model.Session.flush()
    rng = random.Random(2026)
    now = datetime.datetime(2026, 11, 1, 8, 0, 0, 123456)
    packages = [
        model.Package(
            name=f"dataset-{i:05d}", title=f"Dataset {i}", owner_org=org.id, type="dataset", state="active",
            private=rng.random() < 0.5, metadata_modified=now + datetime.timedelta(minutes=i),
        )
        for i in range(DATASETS)
    ]  # fmt: skip
    model.Session.add_all(packages)
    model.Session.flush()
    model.Session.add_all(
        WorkflowState(
            package_id=p.id, state="draft" if p.private else "published", version=1, updated=now,
            content_digest="x", content_changed=now,
        )
        for p in packages
    )  # fmt: skip
    model.Session.commit()
    site = tk.config["ckan.site_id"]
    docs = [
        {
            "id": p.id, "index_id": hashlib.md5((p.id + site).encode()).hexdigest(), "site_id": site,
            "entity_type": "package", "name": p.name, "state": "active",
            "capacity": "private" if p.private else "public",
            "metadata_modified": p.metadata_modified.isoformat() + "Z",
            "satudatablitar_state": "draft" if p.private else "published",
        }
        for p in packages
    ]  # fmt: skip
    solr = tk.config["solr_url"]
    requests.post(f"{solr}/update?commit=true", json=docs, timeout=300).raise_for_status()

    drifted = rng.sample(packages, 3 * DRIFTED)
    flipped, moved, missing = drifted[:DRIFTED], drifted[DRIFTED : 2 * DRIFTED], drifted[2 * DRIFTED :]
    table = model.package_table
    model.Session.execute(
        sa.update(table).where(table.c.id.in_([p.id for p in flipped])).values(private=~table.c.private)
    )
    state = WorkflowState.__table__
    model.Session.execute(
        sa.update(state).where(state.c.package_id.in_([p.id for p in moved])).values(state="submitted")
    )
    model.Session.commit()
    ids = " OR ".join(p.id for p in missing)
    requests.post(f"{solr}/update?commit=true", json={"delete": {"query": f"id:({ids})"}}, timeout=60)
    return {"expected": {p.id for p in drifted}}


def per_dataset() -> set[str]:
    """The naive way: one Solr query per dataset of the database."""
    from ckan import model
    from ckan.lib.search.common import make_connection

    from ckanext.satudatablitar import reconcile

    connection = make_connection(decode_dates=False)
    database = reconcile.database_records()
    out = set()
    for package_id, record in database.items():
        docs = connection.search(f"id:{package_id}", fl="capacity").docs
        if not docs or (docs[0]["capacity"] == "private") != record.private:
            out.add(package_id)
    model.Session.rollback()
    return out


def main() -> None:
    with ckan_app():
        from ckanext.satudatablitar import reconcile

        expected = seed()["expected"]
        found = {drift.package_id for drift in reconcile.out_of_step()}
        assert found == expected, (len(found), len(expected))
        print(f"{DATASETS} datasets, {len(expected)} out of step (found exactly those)")
        print("reindex --dry-run (out_of_step):", describe(timed(reconcile.out_of_step, 5)))
        print("one Solr query per dataset (private flag only):", describe(timed(per_dataset, 1)))
        drifts = reconcile.out_of_step()
        print(
            f"reindex of the {len(drifts)} drifted datasets (fix):",
            describe(timed(lambda: reconcile.fix(drifts), 1)),
        )
        assert reconcile.out_of_step() == []


if __name__ == "__main__":
    main()
