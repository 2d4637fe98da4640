"""The publication gate's tabulation check (listed in ``workflow.gate.CHECKS``)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from . import files, store


def tabulations_validated(package_dict: dict[str, Any]) -> list[str]:
    """Every data tabulation passed its latest validation, or Wali Data overrode that run with a reason."""
    reports = store.reports_for_package(package_dict["id"])
    problems = []
    for resource in package_dict.get("resources") or []:
        if not files.is_tabulation(resource):
            continue
        name = resource.get("name") or resource["id"]
        row = reports.get(resource["id"])
        if row is None:
            problems.append(tk._("Tabulation {resource} has not been validated.").format(resource=name))
        elif row.status in store.PASSED or store.current_override(row) is not None:
            continue
        elif row.status in (store.PENDING, store.RUNNING):
            problems.append(tk._("Tabulation {resource} is still being validated.").format(resource=name))
        else:
            problems.append(
                tk._(
                    "Tabulation {resource} failed validation ({count} errors): fix the file, "
                    "or Wali Data may accept it with a reason."
                ).format(resource=name, count=row.error_count)
            )
    return problems


def sign_off_note_problem(package_id: str, note: str | None) -> str | None:
    """Why a confidentiality sign-off needs a note (the scan found something, no note given), or None."""
    if (note or "").strip():
        return None
    count = len(store.findings_for_package(package_id))
    if not count:
        return None
    return tk._(
        "The confidentiality scan found {count} possible identifiers or small cells in this dataset's "
        "tabulations: say in a note why the data may be published."
    ).format(count=count)
