# ruff: noqa: E501 (literal XML parts of the streamed workbook)
"""Tabulation validation (issue 6): parsing is the cost, not checking.

Side by side in one run, on a 100,000-row x 12-column .xlsx and a 12-field Table
Schema: openpyxl read-only and python-calamine reading every cell, a plain
``frictionless validate`` of the file, and the portal's validation job (sandboxed
engine.run: sniffing, calamine, frictionless field checks, keys, totals, the
confidentiality scan and the formula scan). Then 1,000,000-row files (.csv and
.xlsx) under the ckan.ini limits, with the checking process's peak memory.

    bash benchmarks/run.sh validation
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import openpyxl
import python_calamine
from _portal import ckan_app

from ckanext.satudatablitar import config
from ckanext.satudatablitar.tabulation import engine

CACHE = Path(os.environ.get("SATUDATA_BENCH_CACHE", "/tmp/satudatablitar-bench"))
REPEAT = 5
HEADER = [
    "kode_wilayah", "kecamatan", "kelurahan", "tahun", "laki_laki", "perempuan",
    "jumlah", "rasio", "luas_km2", "tanggal", "status", "keterangan",
]  # fmt: skip
DISTRICTS = ["Kepanjenkidul", "Sukorejo", "Sananwetan"]
SCHEMA: dict[str, Any] = {
    "fields": [
        {
            "name": "kode_wilayah",
            "type": "string",
            "constraints": {"required": True, "pattern": r"35\.72\.0[1-3]"},
        },
        {"name": "kecamatan", "type": "string", "constraints": {"required": True, "enum": DISTRICTS}},
        {"name": "kelurahan", "type": "string", "constraints": {"required": True}},
        {"name": "tahun", "type": "integer", "constraints": {"minimum": 2000}},
        {"name": "laki_laki", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "perempuan", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "jumlah", "type": "integer"},
        {"name": "rasio", "type": "number"},
        {"name": "luas_km2", "type": "number"},
        {"name": "tanggal", "type": "date"},
        {"name": "status", "type": "string", "constraints": {"enum": ["tetap", "sementara"]}},
        {"name": "keterangan", "type": "string"},
    ]
}


def rows(count: int) -> Any:
    rng = random.Random(1)
    start = datetime.date(2024, 1, 1)
    for n in range(count):
        men, women = rng.randint(0, 5000), rng.randint(0, 5000)
        yield [
            f"35.72.0{n % 3 + 1}", DISTRICTS[n % 3], f"Kelurahan {n % 21}", 2020 + n % 5, men, women,
            men + women, round(men / (women + 1), 4), round(rng.random() * 10, 3),
            start + datetime.timedelta(days=n % 365), "tetap", f"catatan baris {n}",
        ]  # fmt: skip


def xlsx_with_openpyxl(count: int) -> Path:
    path = CACHE / f"rows-{count}.xlsx"
    if not path.exists():
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("Data")
        sheet.append(HEADER)
        for row in rows(count):
            sheet.append(row)
        workbook.save(path)
    return path


def _cell(ref: str, value: Any) -> str:
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def xlsx_streamed(count: int) -> Path:
    """A large .xlsx written part by part (openpyxl would take a minute per million rows)."""
    path = CACHE / f"rows-{count}-streamed.xlsx"
    if path.exists():
        return path
    letters = [chr(ord("A") + n) for n in range(len(HEADER))]
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for number, row in enumerate([HEADER, *rows(count)], start=1):
                cells = "".join(
                    _cell(f"{letter}{number}", str(v) if isinstance(v, datetime.date) else v)
                    for letter, v in zip(letters, row, strict=True)
                )
                sheet.write(f'<row r="{number}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def csv_file(count: int) -> Path:
    path = CACHE / f"rows-{count}.csv"
    if not path.exists():
        with open(path, "w") as out:
            out.write(",".join(HEADER) + "\n")
            out.writelines(",".join(map(str, row)) + "\n" for row in rows(count))
    return path


def read_openpyxl(path: Path) -> None:
    workbook = openpyxl.load_workbook(path, read_only=True)
    for _ in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()


def read_calamine(path: Path) -> None:
    for _ in python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows():
        pass


def plain_frictionless(path: Path) -> None:
    schema = frictionless.Schema.from_descriptor(SCHEMA)
    report = frictionless.validate(path.name, schema=schema, basepath=str(path.parent))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])[:5]


def measure(function: Any) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process and the children it waited for, i.e. the sandbox)."""
    before, started = os.times(), time.perf_counter()
    function()
    wall, after = time.perf_counter() - started, os.times()
    cpu = sum(after[:4]) - sum(before[:4])
    return wall, cpu


def interleaved(functions: dict[str, Any], rounds: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Medians of wall and CPU seconds, the contenders taking turns so that they share the machine's load."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in functions}
    for round_number in range(max(rounds.values())):
        for name, function in functions.items():
            if round_number < rounds[name]:
                samples[name].append(measure(function))
    return {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in samples.items()
    }


def job(path: Path, limits: Any) -> dict[str, Any]:
    report = engine.run(str(path), path.suffix, SCHEMA, limits)
    assert report["satudatablitar"]["status"] in ("success", "failure"), report["tasks"][0]["errors"][:3]
    return report


def main() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    with ckan_app():
        limits = config.tabulation_limits()
    print(f"limits from ckan.ini: {limits}")
    path = xlsx_with_openpyxl(100_000)
    print(f"\n100,000 rows x 12 columns, {path.stat().st_size / 1e6:.1f} MB .xlsx; medians of {REPEAT} runs")
    names = {
        "openpyxl": "openpyxl read-only, every cell",
        "calamine": "python-calamine, every cell",
        "frictionless": "plain frictionless validate",
        "job": "validation job (engine.run, sandboxed)",
    }
    results = interleaved(
        {
            "openpyxl": lambda: read_openpyxl(path),
            "calamine": lambda: read_calamine(path),
            "frictionless": lambda: plain_frictionless(path),
            "job": lambda: job(path, limits),
        },
        {"openpyxl": 2, "calamine": REPEAT, "frictionless": 2, "job": REPEAT},
    )
    print(f"  {'':42s} {'wall':>8s} {'CPU':>8s}")
    for key, (wall, cpu) in results.items():
        print(f"  {names[key]:42s} {wall:7.2f}s {cpu:7.2f}s")
    for index, unit in ((0, "wall"), (1, "CPU")):
        ours = results["job"][index]
        fastest_read = min(results["openpyxl"][index], results["calamine"][index])
        print(
            f"  {unit:4s}: job {results['frictionless'][index] / ours:.1f}x faster than plain frictionless "
            f"(goal >= 4x); {ours / fastest_read:.2f}x the fastest full read (goal <= 3x)"
        )

    print("\n1,000,000 rows x 12 columns (peak memory of the checking process)")
    raised = limits.replace(max_bytes=256 * 1024 * 1024, max_uncompressed_bytes=2 * 1024**3)
    cases = [
        ("ckan.ini limits", csv_file(1_000_000), limits),
        ("max_bytes 256 MiB, unpacked 2 GiB", csv_file(1_000_000), raised),
        ("max_bytes 256 MiB, unpacked 2 GiB", xlsx_streamed(1_000_000), raised),
        ("same, max_memory_mb 256", xlsx_streamed(1_000_000), raised.replace(max_memory_mb=256)),
    ]
    for label, big, case_limits in cases:
        started = time.perf_counter()
        report = engine.run(str(big), big.suffix, SCHEMA, case_limits)
        seconds = time.perf_counter() - started
        extra = report["satudatablitar"]
        errors = report["tasks"][0]["errors"]
        outcome = extra["status"] + (f" ({errors[0]['type']})" if extra["status"] == "error" else "")
        print(
            f"  {big.name:28s} {big.stat().st_size / 1e6:6.1f} MB  {label:38s} {outcome:24s} "
            f"rows {report['tasks'][0]['stats'].get('rows', 0):>9,}  {seconds:6.1f} s  "
            f"peak {extra['resources']['peak_rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    sys.exit(main())
