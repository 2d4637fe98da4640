"""Time of ``ckan satudata adopt-existing`` on a portal with existing datasets.

Creates BENCH_DATASETS datasets through ``package_create``, returns them to the
state before the extension was installed (no workflow rows or events; every
other one public), then times the dry run and the adoption itself (one state
row, one hash-chained event, one commit and one reindex per dataset).

    bash benchmarks/run.sh adopt
"""

from __future__ import annotations

import os
import time

import sqlalchemy as sa
from _portal import ckan_app
from ckan import model
from ckan.lib import search
from ckan.plugins import toolkit as tk

DATASETS = int(os.environ.get("BENCH_DATASETS", 200))
METADATA = {
    "notes": "Jumlah penduduk per kecamatan pada akhir tahun.",
    "theme": "perlindungan-sosial-dan-kesehatan",
    "konsep": "Penduduk",
    "ukuran": "Jumlah penduduk",
    "satuan": "jiwa",
    "tingkat_penyajian": ["kota"],
    "kode_wilayah": "35.72",
    "tahun_data_mulai": "2020",
    "tahun_data_selesai": "2025",
    "accrualPeriodicity": "tahunan",
    "accessRights": "terbuka",
    "author": "Seksi Data",
    "author_email": "data@opd.example.go.id",
    "maintainer": "Wali Data",
    "maintainer_email": "walidata@example.go.id",
}


def legacy_portal() -> None:
    from ckanext.satudatablitar.model import WorkflowEvent, WorkflowState

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]

    def call(action: str, **data: object) -> dict:
        return tk.get_action(action)({"user": site_user, "ignore_auth": True}, data)

    org = call("organization_create", name="bench-opd")
    for i in range(DATASETS):
        call("package_create", name=f"legacy-{i:05d}", title=f"Legacy {i}", owner_org=org["id"], **METADATA)
    model.Session.execute(sa.delete(WorkflowEvent))
    model.Session.execute(sa.delete(WorkflowState))
    model.Session.execute(
        sa.update(model.Package).where(model.Package.name.like("legacy-%")).values(private=True)
    )
    names = [f"legacy-{i:05d}" for i in range(0, DATASETS, 2)]
    model.Session.execute(sa.update(model.Package).where(model.Package.name.in_(names)).values(private=False))
    model.repo.commit()
    search.rebuild()


def main() -> None:
    from ckanext.satudatablitar.workflow import adopt, store

    with ckan_app():
        start = time.perf_counter()
        legacy_portal()
        print(f"{DATASETS} legacy datasets created in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        planned = adopt.adopt_existing("benchmark", dry_run=True)
        dry = time.perf_counter() - start
        start = time.perf_counter()
        adopted = adopt.adopt_existing("benchmark")
        real = time.perf_counter() - start
        assert len(planned) == len(adopted) == DATASETS
        assert store.verify_chain().first_broken_id is None
        print(f"dry run: {dry:.2f} s for {len(planned)} datasets")
        print(
            f"adoption: {real:.1f} s for {len(adopted)} datasets ({1000 * real / len(adopted):.0f} ms each: "
            "state row, event, commit, reindex)"
        )


if __name__ == "__main__":
    main()
