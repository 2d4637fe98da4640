"""Cost of the publication workflow, measured side by side in one run over HTTP.

1. ``package_show`` and ``package_search``: CKAN with this extension vs the same CKAN
   (same database, same Solr core) without it: plain CKAN, and CKAN with ckanext-scheming and
   its own default schema. Goal: at most +5 % at the median. Two kinds of dataset and caller:
   drafts read by a sysadmin's token, and published datasets read anonymously (what a
   harvester sees; created public by plain CKAN, then given their state by
   ``ckan satudata adopt-existing`` as on a portal that predates the extension).
2. A workflow transition vs a plain ``package_patch`` of the same dataset, both with the
   extension. Goal: a transition costs at most 1.5x the patch.

Three gunicorn servers (one sync worker each) serve the three configurations; every round asks
each server in turn, in a new order each round, so that all see the same machine load.

    bash benchmarks/run.sh workflow
"""

from __future__ import annotations

import configparser
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
CKAN = Path(sys.executable).with_name("ckan")
GUNICORN = Path(sys.executable).with_name("gunicorn")
DATASETS = int(os.environ.get("BENCH_DATASETS", 60))
REPEAT = int(os.environ.get("BENCH_REPEAT", 300))


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ini_without_plugin(plugins: str, schema: str | None) -> str:
    """test.ini with other plugins (and CKAN's own scheming schema, or none)."""
    parser = configparser.RawConfigParser(strict=False)
    parser.optionxform = str  # type: ignore[assignment]
    parser.read(os.environ["CKAN_INI"])
    parser["app:main"]["here"] = str(ROOT)
    parser["app:main"]["ckan.plugins"] = plugins
    parser["app:main"].pop("scheming.presets")
    if schema:
        parser["app:main"]["scheming.dataset_schemas"] = schema
    else:
        parser["app:main"].pop("scheming.dataset_schemas")
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False, dir=ROOT) as path:
        parser.write(path)
    return path.name


def _serve(ini: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    env = {**os.environ, "CKAN_INI": ini}
    process = subprocess.Popen(
        [str(GUNICORN), "--workers", "1", "--bind", f"127.0.0.1:{port}", "deploy.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if requests.get(url + "/api/3/action/status_show", timeout=30).ok:
                return process, url
        except requests.RequestException:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def _ckan(*args: str, check: bool = False, stdin: str | None = None) -> str:
    """Run a ``ckan`` command against the benchmark's ini; its standard output."""
    out = subprocess.run(
        [str(CKAN), "-c", os.environ["CKAN_INI"], *args],
        capture_output=True,
        text=True,
        check=check,
        input=stdin,
    )
    return out.stdout


def _token() -> str:
    _ckan("user", "add", "bench", "password=bench-pass-123", "email=bench@example.com")
    _ckan("sysadmin", "add", "bench", stdin="y\n")
    return _ckan("user", "token", "add", "bench", "bench", check=True).strip().splitlines()[-1].strip()


def _option(key: str) -> str:
    """An option's value as the server sees it: the ini file's, else the declared default."""
    ini = configparser.RawConfigParser(strict=False)
    ini.read(os.environ["CKAN_INI"])
    if ini.has_option("app:main", key):
        return ini.get("app:main", key)
    declaration = Path(__file__).parents[1] / "ckanext" / "satudatablitar" / "config_declaration.yaml"
    for group in yaml.safe_load(declaration.read_text(encoding="utf-8"))["groups"]:
        for option in group["options"]:
            if option["key"] == key:
                return str(option["default"])
    raise KeyError(key)


def _call(session: requests.Session, url: str, action: str, data: dict) -> dict:
    response = session.post(f"{url}/api/3/action/{action}", json=data, timeout=60)
    response.raise_for_status()
    return response.json()["result"]


def _time(session: requests.Session, url: str, action: str, data: dict) -> float:
    start = time.perf_counter()
    _call(session, url, action, data)
    return time.perf_counter() - start


def _row(name: str, plain: list[float], scheming: list[float], plugin: list[float]) -> str:
    a, b, p = (statistics.median(t) for t in (plain, scheming, plugin))
    return (
        f"| {name} | {a * 1000:.1f} ms | {b * 1000:.1f} ms | {p * 1000:.1f} ms "
        f"| {100 * (p - a) / a:+.1f} % | {100 * (p - b) / b:+.1f} % |"
    )


def main() -> None:
    session = requests.Session()
    session.headers["Authorization"] = _token()
    inis = [
        _ini_without_plugin("activity", None),
        _ini_without_plugin("activity scheming_datasets", "ckanext.scheming:ckan_dataset.yaml"),
    ]
    servers: list[subprocess.Popen[bytes]] = []
    try:
        urls = []
        for ini in (os.environ["CKAN_INI"], *inis):
            server, url = _serve(ini)
            servers.append(server)
            urls.append(url)
        with_url, plain_url, scheming_url = urls
        _call(session, with_url, "organization_create", {"name": "opd-bench"})
        # the Wali Data and Pembina Data organizations the options name (workflow steps need them)
        for option in ("walidata_organization", "pembina_organization"):
            _call(
                session,
                with_url,
                "organization_create",
                {"name": _option(f"ckanext.satudatablitar.{option}")},
            )
        metadata = {
            "title": "Jumlah Penduduk Menurut Kecamatan",
            "notes": "Jumlah penduduk per kecamatan.",
            "owner_org": "opd-bench",
            "theme": "perlindungan-sosial-dan-kesehatan",
            "konsep": "Penduduk",
            "ukuran": "Jumlah penduduk",
            "satuan": "jiwa",
            "tingkat_penyajian": ["kota"],
            "tahun_data_mulai": "2020",
            "tahun_data_selesai": "2025",
            "accrualPeriodicity": "tahunan",
            "accessRights": "terbuka",
            "author": "Seksi Data",
            "author_email": "data@example.go.id",
            "maintainer": "Diskominfotik",
            "maintainer_email": "walidata@example.go.id",
            "resources": [{"url": "http://example.com/lampiran.pdf", "name": "lampiran", "format": "PDF"}],
        }
        ids = [
            _call(session, with_url, "package_create", {**metadata, "name": f"bench-{i:03d}"})["id"]
            for i in range(DATASETS)
        ]
        published = [
            _call(session, plain_url, "package_create", {**metadata, "name": f"bench-pub-{i:03d}"})["id"]
            for i in range(DATASETS)
        ]
        _ckan("satudata", "adopt-existing", check=True)
        target = ids[0]
        anonymous = requests.Session()
        search = {"q": "Penduduk", "include_private": True, "rows": 20}
        cases = {
            "package_show (draft, sysadmin token)": (session, "package_show", ids),
            "package_show (published, anonymous)": (anonymous, "package_show", published),
            "package_search (20 rows, sysadmin token)": (session, "package_search", None),
            "package_search (20 rows, anonymous)": (anonymous, "package_search", None),
        }
        servers_in_turn = (plain_url, scheming_url, with_url)
        # warm up every server
        for url in servers_in_turn:
            for caller, action, datasets in cases.values():
                for i in range(20):
                    _call(caller, url, action, {"id": datasets[i % len(datasets)]} if datasets else search)
        times: dict[str, list[list[float]]] = {name: [[], [], []] for name in cases}
        times["patch"], times["step"] = [[]], [[]]
        order = random.Random(0)
        for i in range(REPEAT):
            for name, (caller, action, datasets) in cases.items():
                data = {"id": datasets[i % len(datasets)]} if datasets else search
                # the servers in a new order each round: none is always the first or the last asked
                for server in order.sample(range(len(servers_in_turn)), len(servers_in_turn)):
                    times[name][server].append(_time(caller, servers_in_turn[server], action, data))
        patches, steps = times["patch"][0], times["step"][0]
        for i in range(REPEAT // 3):
            patches.append(_time(session, with_url, "package_patch", {"id": target, "satuan": f"jiwa {i}"}))
            steps.append(_time(session, with_url, "satudatablitar_workflow_submit", {"id": target}))
            steps.append(
                _time(
                    session, with_url, "satudatablitar_workflow_request_revision", {"id": target, "note": "x"}
                )
            )
        print("| request | CKAN | CKAN + scheming | with the extension | vs CKAN | vs CKAN + scheming |")
        print("|---|---|---|---|---|---|")
        for name in cases:
            print(_row(name, *times[name]))
        patch, step = statistics.median(patches), statistics.median(steps)
        print()
        print("| request (with the extension) | median |")
        print("|---|---|")
        print(f"| package_patch (one field) | {patch * 1000:.1f} ms |")
        ratio = step / patch
        print(f"| workflow transition (submit / request_revision) | {step * 1000:.1f} ms ({ratio:.2f}x) |")
        print(
            f"\n{REPEAT} rounds of each request on each server, "
            f"{len(patches)} patches, {len(steps)} transitions"
        )
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        for ini in inis:
            os.unlink(ini)


if __name__ == "__main__":
    main()
