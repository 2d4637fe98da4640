"""Seed the demo portal from demo/portal.yaml through CKAN's action API.

Safe to re-run: organizations, users and datasets are created when missing
and updated otherwise. Prints the logins.

    python scripts/demo_seed.py <ckan.ini> demo/portal.yaml
"""

from __future__ import annotations

import io
import sys
from typing import Any

import ckan.plugins.toolkit as tk
import yaml
from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app
from openpyxl import Workbook
from werkzeug.datastructures import FileStorage


def _site_context() -> dict[str, Any]:
    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": user["name"], "ignore_auth": True}


def _exists(action: str, name: str) -> bool:
    try:
        tk.get_action(action)(_site_context(), {"id": name})
    except tk.ObjectNotFound:
        return False
    return True


def seed_organizations(organizations: list[dict[str, Any]]) -> None:
    for org in organizations:
        action = "organization_patch" if _exists("organization_show", org["name"]) else "organization_create"
        payload = {"id": org["name"], **org} if action == "organization_patch" else org
        tk.get_action(action)(_site_context(), payload)


def seed_users(users: list[dict[str, Any]], password: str) -> None:
    for user in users:
        data = {
            "name": user["name"],
            "fullname": user["fullname"],
            "email": f"{user['name']}@demo.satudata.invalid",
            "password": password,
        }
        if _exists("user_show", user["name"]):
            tk.get_action("user_patch")(_site_context(), {"id": user["name"], **data})
        else:
            tk.get_action("user_create")(_site_context(), data)
        if user.get("sysadmin"):
            tk.get_action("user_patch")(_site_context(), {"id": user["name"], "sysadmin": True})
        if user.get("organization"):
            tk.get_action("organization_member_create")(
                _site_context(),
                {"id": user["organization"], "username": user["name"], "role": user["capacity"]},
            )


def _tabulation_upload(name: str, columns: list[str], rows: list[list[Any]]) -> FileStorage:
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


def seed_datasets(datasets: list[dict[str, Any]]) -> None:
    for spec in datasets:
        fields = {k: v for k, v in spec.items() if k not in ("creator", "tabulation")}
        context = {"user": spec["creator"], "ignore_auth": True}
        if _exists("package_show", spec["name"]):
            continue
        dataset = tk.get_action("package_create")(context, fields)
        table = spec.get("tabulation")
        if table:
            tk.get_action("resource_create")(
                {"user": spec["creator"], "ignore_auth": True},
                {
                    "package_id": dataset["id"],
                    "name": f"Tabulasi {spec['title']}",
                    "format": "XLSX",
                    "upload": _tabulation_upload(spec["name"], table["columns"], table["rows"]),
                },
            )


def main(ini: str, content_file: str) -> None:
    app = make_app(CKANConfigLoader(ini).get_config())
    with open(content_file, encoding="utf-8") as f:
        content = yaml.safe_load(f)
    with app._wsgi_app.test_request_context():
        seed_organizations(content["organizations"])
        seed_users(content["users"], content["password"])
        seed_datasets(content["datasets"])
    site_url = tk.config["ckan.site_url"]
    print(f"Demo portal: {site_url}  (password for every account: {content['password']})")
    for user in content["users"]:
        role = "sysadmin" if user.get("sysadmin") else f"{user['role']}, {user['organization']}"
        print(f"  {user['name']:<24} {role}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
