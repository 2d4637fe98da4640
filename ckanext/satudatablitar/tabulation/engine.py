"""One validation run over one file: sniff, read, check, scan, report.

The report keeps the shape of a frictionless report (``valid``, ``stats``,
``tasks[0].errors`` with ``rowNumber``/``fieldName``...), which is what
ckanext-validation stores, and adds our own part under ``satudatablitar``:
status, confidentiality findings, formulas and reading notes.
"""

from __future__ import annotations

import os
import time
from typing import Any

from . import formulas, reader, sandbox, sniff, validate
from .limits import Limits
from .problems import FileProblem
from .scan import Scanner
from .totals import TotalsCheck

SUCCESS, FAILURE, ERROR = "success", "failure", "error"


def check_file(
    path: str, declared_format: str, descriptor: dict[str, Any] | None, limits: Limits
) -> dict[str, Any]:
    """Validate and scan the file at ``path`` against the Table Schema ``descriptor``.

    Never raises for a bad file: a refused file gives status ``error`` and one
    error that says why. Without a schema (``None``) the structure is still
    checked and scanned, and the report fails with a ``no-schema`` error. A bad
    schema raises ``ValueError`` (a portal problem, not the uploader's).
    """
    started = time.perf_counter()
    log = validate.ErrorLog(limits.max_errors)
    fields = len((descriptor or {}).get("fields") or [])
    try:
        kind = sniff.detect(path, declared_format, limits)
        table = reader.open_table(path, kind, limits)
        if descriptor is None:
            log.add("no-schema")
            descriptor = {
                "fields": [
                    {"name": label or f"field{n}", "type": "any"} for n, label in enumerate(table.labels, 1)
                ]
            }
        schema = validate.load_schema(descriptor)
        fields = len(schema.fields)
        totals = TotalsCheck(descriptor, schema.field_names)
        plan = validate.match_header(table.labels, schema, log)
        scanner = Scanner(table.labels, schema, plan, limits.small_cell_threshold, limits.max_errors)
        rows = validate.check_rows(table, schema, plan, totals, log, [scanner.row])
        count, refs = 0, []
        if kind == "xlsx" and table.sheet:
            count, refs = formulas.find_formulas(path, table.sheet, limits.max_errors)
    except FileProblem as problem:
        return problem_report(path, problem, fields)
    extra = {
        "status": FAILURE if log.count else SUCCESS,
        "kind": kind,
        "sheet": table.sheet,
        "header_row": table.header_row,
        "notes": table.notes,
        "findings": scanner.findings,
        "findings_count": scanner.count,
        "formulas": refs,
        "formulas_count": count,
    }
    return build_report(path, table.labels, rows, fields, log, extra, time.perf_counter() - started)


def run(path: str, declared_format: str, descriptor: dict[str, Any] | None, limits: Limits) -> dict[str, Any]:
    """``check_file`` in a resource-limited child process; the report gains ``resources`` figures."""
    if descriptor is not None:
        validate.load_schema(descriptor)  # a bad schema is the portal's problem: raise here, in the parent

    def refused(problem: FileProblem) -> dict[str, Any]:
        return problem_report(path, problem, len((descriptor or {}).get("fields") or []))

    report, figures = sandbox.run_limited(
        check_file,
        (path, declared_format, descriptor, limits),
        limits.max_memory_mb,
        limits.max_seconds,
        refused,
    )
    report["satudatablitar"]["resources"] = figures
    return report


def problem_report(path: str, problem: FileProblem, fields: int) -> dict[str, Any]:
    """The report of a file refused as a whole."""
    log = validate.ErrorLog(1)
    log.errors, log.count = [problem.as_error()], 1
    extra = {
        "findings": [],
        "findings_count": 0,
        "formulas": [],
        "formulas_count": 0,
        "notes": [],
        "status": ERROR,
    }
    return build_report(path, [], 0, fields, log, extra, 0.0)


def build_report(
    path: str,
    labels: list[str],
    rows: int,
    fields: int,
    log: validate.ErrorLog,
    extra: dict[str, Any],
    seconds: float,
) -> dict[str, Any]:
    warnings = [note["code"] for note in extra["notes"]]
    if extra["formulas_count"]:
        warnings.append("formulas")
    stats = {"errors": log.count, "warnings": len(warnings), "seconds": round(seconds, 3)}
    name = os.path.basename(path)
    task = {
        "name": name,
        "type": "table",
        "valid": not log.count,
        "place": name,
        "labels": labels,
        "stats": {
            **stats,
            "rows": rows,
            "fields": fields,
            "bytes": os.path.getsize(path) if os.path.isfile(path) else 0,
        },
        "warnings": warnings,
        "errors": log.errors,
    }
    return {
        "valid": not log.count,
        "stats": {"tasks": 1, **stats},
        "warnings": [],
        "errors": [],
        "tasks": [task],
        "satudatablitar": {**extra, "errors_shown": len(log.errors)},
    }
