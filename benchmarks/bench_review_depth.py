"""Cost of judging review depth, side by side in one run.

A content change to a dataset under review used to cost one content digest; now the engine also
judges, for each check that may still hold (stage 2 and two sign-offs), the depth of the change
from the content the check was given to (``depth.required_depth``: a diff plus the schema's
declared depths). Measured in process on a realistic SDI dataset with 5 resources, CPU only
(the snapshot read is one primary-key lookup).

    bash benchmarks/run.sh review_depth
"""

from __future__ import annotations

import copy
import statistics

from _portal import ckan_app, timed

from ckanext.satudatablitar.workflow import depth, digest

REPEAT = 2000


def _dataset() -> dict[str, object]:
    resources = [
        {
            "id": f"r{i}",
            "name": f"Tabulasi {2020 + i}",
            "url": f"http://example.com/dataset/d/resource/r{i}/download/tab{i}.xlsx",
            "url_type": "upload",
            "format": "XLSX",
            "jenis_berkas": "data",
            "description": "Jumlah penduduk per kecamatan " * 4,
            "size": 20480 + i,
            "hash": f"{i:064x}",
            "last_modified": "2026-11-24T10:00:00",
            "schema": '{"fields": [{"name": "kecamatan", "type": "string"}]}',
        }
        for i in range(5)
    ]
    return {
        "id": "d",
        "type": "dataset",
        "name": "jumlah-penduduk",
        "title": "Jumlah Penduduk Menurut Kecamatan",
        "notes": "Jumlah penduduk per kecamatan pada akhir tahun. " * 10,
        "satuan": "jiwa",
        "konsep": "Penduduk",
        "ukuran": "Jumlah penduduk",
        "accessRights": "terbuka",
        "tingkat_penyajian": ["kota", "kecamatan"],
        "tags": [{"name": "penduduk"}, {"name": "kependudukan"}],
        "resources": resources,
        **{f"field_{i}": f"nilai {i}" for i in range(20)},
    }


def main() -> None:
    with ckan_app():
        old = _dataset()
        new = copy.deepcopy(old)
        new["notes"] = "Definisi yang diperbaiki."
        before = timed(lambda: digest.content_digest(new), REPEAT)
        after = timed(
            lambda: (digest.content_digest(new), [depth.required_depth(old, new) for _ in range(3)]),
            REPEAT,
        )
        for label, times in (
            ("content digest only (before)", before),
            ("digest + depth of 3 checks (now)", after),
        ):
            wall = statistics.median(t[0] for t in times) * 1000
            cpu = statistics.median(t[1] for t in times) * 1000
            print(f"{label}: wall median {wall:.3f} ms, CPU median {cpu:.3f} ms (n={len(times)})")


if __name__ == "__main__":
    main()
