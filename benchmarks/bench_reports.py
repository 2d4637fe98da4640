"""Monitoring report on a synthetic portal: 5,000 datasets, 30 OPDs, 60,000 workflow events.

Goals (issue 8): the report computes in under 1 s with a number of SQL queries that does not
grow with the number of datasets; the .xlsx export in under 5 s.

    bash benchmarks/run.sh reports
"""

from __future__ import annotations

import datetime
import os
import random
import uuid

import sqlalchemy as sa
from _portal import ckan_app, describe, timed

DATASETS = int(os.environ.get("BENCH_DATASETS", 5000))
ORGANIZATIONS = 30
EVENTS = DATASETS * 12
ELEMENTS = 200
YEAR = 2026


def seed() -> None:
    from ckan import model

    from ckanext.satudatablitar.model.workflow import WorkflowEvent, WorkflowState
    from ckanext.satudatablitar.register.model import DssdDecree, DssdElement

    rng = random.Random(2026)
    orgs = [
        model.Group(name=f"opd-{i:02d}", title=f"Dinas {i:02d}", type="organization", is_organization=True)
        for i in range(ORGANIZATIONS)
    ]
    model.Session.add_all(orgs)
    model.Session.flush()
    decree = DssdDecree(id=str(uuid.uuid4()), year=YEAR, number="SK/1/2026", date=datetime.date(YEAR, 1, 15))
    model.Session.add(decree)
    model.Session.flush()
    elements = [
        DssdElement(
            id=str(uuid.uuid4()),
            decree_id=decree.id,
            year=YEAR,
            code=f"E{i:03d}",
            name=f"Elemen {i}",
            organization=orgs[i % ORGANIZATIONS].id,
            unit="jiwa",
            frequency="tahunan",
            level="kota",
            position=i,
        )
        for i in range(ELEMENTS)
    ]
    model.Session.add_all(elements)
    packages = []
    for i in range(DATASETS):
        package = model.Package(
            name=f"dataset-{i:05d}",
            title=f"Dataset {i}",
            owner_org=orgs[i % ORGANIZATIONS].id,
            type="dataset",
            state="active",
            private=True,
        )
        package.extras = {"id_dds": f"E{i % ELEMENTS:03d}", "tahun_data_selesai": str(YEAR - 1)}
        packages.append(package)
    model.Session.add_all(packages)
    model.Session.flush()

    path = [
        "draft",
        "submitted",
        "verified_opd",
        "verified_walidata",
        "verified_walidata",
        "approved",
        "published",
    ]
    events, states_rows, serial = [], [], 0
    per_dataset = EVENTS // DATASETS
    start = datetime.datetime(YEAR, 1, 20, 8, tzinfo=datetime.UTC)
    for package in packages:
        when = start + datetime.timedelta(hours=rng.randint(0, 24 * 200))
        sequence = list(path)
        while len(sequence) < per_dataset:  # revision rounds
            cut = rng.randint(1, 4)
            sequence[cut:cut] = ["revision_requested", "submitted"][: per_dataset - len(sequence)]
        previous = None
        for state in sequence[:per_dataset]:
            serial += 1
            when += datetime.timedelta(hours=rng.randint(1, 24 * 4))
            events.append(
                {
                    "package_id": package.id,
                    "actor_id": "bench",
                    "actor_role": "sysadmin",
                    "action": state,
                    "from_state": previous,
                    "to_state": state,
                    "created": when,
                    "content_digest": "x",
                    "hash": f"h{serial}",
                }
            )
            previous = state
        states_rows.append(
            {
                "package_id": package.id,
                "state": previous,
                "version": per_dataset,
                "updated": when,
                "content_digest": "x",
                "content_changed": when,
            }
        )
    model.Session.execute(sa.insert(WorkflowEvent.__table__), events)
    model.Session.execute(sa.insert(WorkflowState.__table__), states_rows)
    model.Session.commit()
    model.Session.execute(sa.text("ANALYZE"))  # statistics, as autovacuum keeps them on a live portal
    model.Session.remove()  # a fresh session, as in a request: no identity map of 5,000 objects to flush
    print(f"seeded {len(packages)} datasets, {ORGANIZATIONS} OPDs, {len(events)} events,", end=" ")
    print(f"{ELEMENTS} DSSD elements")


def count_queries(function) -> int:
    from ckan import model

    counter = {"n": 0}

    def count(*args, **kwargs):
        counter["n"] += 1

    engine = model.Session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        function()
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return counter["n"]


def main() -> None:
    with ckan_app():
        from ckanext.satudatablitar.reports import export, service

        seeding = timed(seed, 1)
        print("seeding:", describe(seeding))
        now = datetime.datetime(YEAR, 11, 24, tzinfo=datetime.UTC)
        monitoring = service.ReportRequest("monitoring", YEAR)
        evaluation = service.ReportRequest("evaluation", YEAR)
        built = service.build(monitoring, now)
        steps = sum(len(d.steps) for d in built.monitoring.datasets)
        print(f"monitoring report: {len(built.monitoring.datasets)} datasets, {steps} steps measured")
        print("monitoring report:", describe(timed(lambda: service.build(monitoring, now), 5)))
        print("evaluation report:", describe(timed(lambda: service.build(evaluation, now), 5)))
        print(
            "SQL queries, monitoring + evaluation:",
            count_queries(lambda: (service.build(monitoring, now), service.build(evaluation, now))),
        )
        print(
            "monitoring .xlsx export (build + write):",
            describe(timed(lambda: export.to_xlsx(service.build(monitoring, now).tables), 3)),
        )
        size = len(export.to_xlsx(built.tables))
        print(f"monitoring .xlsx size: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
