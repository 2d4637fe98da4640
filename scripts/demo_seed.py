"""Seed the demo portal from demo/portal.yaml through CKAN's action API.

Every act goes through the actions and their auth as the user whose role it is (the operator
creates and submits, the OPD verifier verifies, ...), so the demo's workflow history is real.
Safe to re-run: organizations and users are updated, the DSSD list is re-imported, datasets that
exist are left as they are. Prints the logins.

    python scripts/demo_seed.py <ckan.ini> demo/portal.yaml
"""

from __future__ import annotations

import csv
import io
import sys
import time
from typing import Any

import ckan.plugins.toolkit as tk
import yaml
from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app
from openpyxl import Workbook
from werkzeug.datastructures import FileStorage

APPROVE = {
    "decision": "approve",
    "reason_code": "aggregate_only",
    "note": "Tabel agregat, tidak ada data individu.",
}
# the path to every state: (state reached, role of the actor, action, data)
PATH = [
    ("submitted", "operator", "satudatablitar_workflow_submit", {}),
    ("verified_opd", "verifier", "satudatablitar_workflow_verify", {"stage": 1}),
    ("verified_walidata", "verifikator-kominfotik", "satudatablitar_workflow_verify", {"stage": 2}),
    ("walidata_signed", "analis-kominfotik", "satudatablitar_workflow_sign_off_confidentiality", APPROVE),
    ("approved", "pembina-bps", "satudatablitar_workflow_sign_off_confidentiality", APPROVE),
    ("published", "walidata", "satudatablitar_workflow_publish", {"note": "Terbit sesuai jadwal rilis."}),
]
NOT_FIELDS = {"state", "operator", "verifier", "tabulation", "revision_note"}
VALIDATION_WAIT_SECONDS = 180


def _act(user: str, action: str, data: dict[str, Any]) -> Any:
    """Call an action as ``user``, through its auth function."""
    return tk.get_action(action)({"user": user, "ignore_auth": False}, data)


def _site() -> dict[str, Any]:
    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": user["name"], "ignore_auth": True}


def _exists(action: str, name: str) -> bool:
    try:
        tk.get_action(action)(_site(), {"id": name})
    except tk.ObjectNotFound:
        return False
    return True


def seed_organizations(organizations: list[dict[str, Any]]) -> None:
    for org in organizations:
        if _exists("organization_show", org["name"]):
            tk.get_action("organization_patch")(_site(), {"id": org["name"], **org})
        else:
            tk.get_action("organization_create")(_site(), org)


def seed_users(users: list[dict[str, Any]], password: str) -> None:
    for user in users:
        data = {
            "name": user["name"],
            "fullname": user["fullname"],
            "email": f"{user['name']}@demo.satudata.invalid",
            "password": password,
        }
        if _exists("user_show", user["name"]):
            tk.get_action("user_patch")(_site(), {"id": user["name"], **data})
        else:
            tk.get_action("user_create")(_site(), data)
        if user.get("sysadmin"):
            tk.get_action("user_patch")(_site(), {"id": user["name"], "sysadmin": True})
        if user.get("organization"):
            tk.get_action("organization_member_create")(
                _site(), {"id": user["organization"], "username": user["name"], "role": user["capacity"]}
            )


def seed_dssd(dssd: dict[str, Any], importer: str) -> None:
    """Import the DSSD list as Wali Data does: a file in the decree's appendix layout."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        ["Kode Elemen", "Elemen Data", "Satuan", "Produsen Data", "Frekuensi", "Tingkat Penyajian", "Sektor",
         "Kolom Tabulasi"]
    )  # fmt: skip
    writer.writerows(dssd["elements"])
    upload = FileStorage(stream=io.BytesIO(buffer.getvalue().encode("utf-8")), filename="dssd.csv")
    result = _act(
        importer,
        "satudatablitar_register_import",
        {"upload": upload, "year": dssd["year"], "decree_number": dssd["decree_number"],
         "decree_date": dssd["decree_date"], "title": dssd["title"]},
    )  # fmt: skip
    print(f"DSSD {dssd['year']}: {result['elements']} elements imported")


def _tabulation(name: str, columns: list[str], rows: list[list[Any]]) -> FileStorage:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return FileStorage(stream=buffer, filename=f"{name}.xlsx")


def _wait_for_validation(resource_id: str, reader: str) -> str:
    """The validation job runs in the demo's job worker; wait for its result."""
    deadline = time.monotonic() + VALIDATION_WAIT_SECONDS
    while time.monotonic() < deadline:
        status = _act(reader, "satudatablitar_validation_show", {"resource_id": resource_id})["status"]
        if status not in ("pending", "running"):
            return status
        time.sleep(0.5)
    raise SystemExit(f"validation of {resource_id} did not finish: is the job worker running?")


def _state(dataset_id: str, reader: str) -> str:
    summary = _act(reader, "satudatablitar_workflow_show", {"id": dataset_id})
    both_signed = all(summary["signoffs"].values())
    if summary["state"] == "verified_walidata" and summary["signoffs"].get("walidata") and not both_signed:
        return "walidata_signed"
    return summary["state"]


def _create(spec: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    fields = {**defaults, **{k: v for k, v in spec.items() if k not in NOT_FIELDS}}
    dataset = _act(spec["operator"], "package_create", fields)
    table = spec.get("tabulation")
    if table:
        resource = _act(
            spec["operator"],
            "resource_create",
            {"package_id": dataset["id"], "name": f"Tabulasi {spec['title']}", "format": "XLSX",
             "jenis_berkas": "data", "upload": _tabulation(spec["name"], table["columns"], table["rows"])},
        )  # fmt: skip
        status = _wait_for_validation(resource["id"], spec["operator"])
        print(f"  {spec['name']}: tabulation validation {status}")
    return dataset


def seed_dataset(spec: dict[str, Any], defaults: dict[str, Any]) -> str:
    """Create the dataset if missing and move it on to its target state; returns the state reached."""
    operator = spec["operator"]
    if _exists("package_show", spec["name"]):
        dataset = tk.get_action("package_show")(_site(), {"id": spec["name"]})
    else:
        dataset = _create(spec, defaults)
    current, target = _state(dataset["id"], operator), spec["state"]
    if target == "revision_requested":
        if current == "draft":
            _act(operator, "satudatablitar_workflow_submit", {"id": dataset["id"]})
            _act(spec["verifier"], "satudatablitar_workflow_request_revision",
                 {"id": dataset["id"], "note": spec["revision_note"]})  # fmt: skip
        return _state(dataset["id"], operator)
    reached = [state for state, *_ in PATH]
    if target == "draft" or current not in ("draft", *reached) or target not in reached:
        return current
    start = 0 if current == "draft" else reached.index(current) + 1
    actors = {"operator": operator, "verifier": spec["verifier"]}
    for _reached, role, action, data in PATH[start : reached.index(target) + 1]:
        _act(actors.get(role, role), action, {"id": dataset["id"], **data})
    return _state(dataset["id"], operator)


def main(ini: str, content_file: str) -> None:
    app = make_app(CKANConfigLoader(ini).get_config())
    with open(content_file, encoding="utf-8") as f:
        content = yaml.safe_load(f)
    with app._wsgi_app.test_request_context():
        seed_organizations(content["organizations"])
        seed_users(content["users"], content["password"])
        seed_dssd(content["dssd"], "walidata")
        for spec in content["datasets"]:
            print(f"dataset {spec['name']}: {seed_dataset(spec, content['defaults'])}")
    print(f"Demo portal: {tk.config['ckan.site_url']}  (password for every account: {content['password']})")
    for user in content["users"]:
        role = "sysadmin" if user.get("sysadmin") else f"{user['role']}, {user['organization']}"
        print(f"  {user['name']:<24} {role}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
