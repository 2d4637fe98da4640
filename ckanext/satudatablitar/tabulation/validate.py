"""Check a table's rows against a Table Schema with frictionless's own field readers.

frictionless parses the cells (types, formats, missing values) and checks the
field constraints (required, enum, pattern, minimum, ...) through
``Field.create_cell_reader()``; this module drives those readers over rows read
by calamine or csv, which is where the time goes (see benchmarks/), and adds the
table checks: header match (by name or title, any order), missing and extra
cells, blank rows, duplicate rows, primary and unique keys, and declared totals.
Errors keep frictionless's error types and field names (``rowNumber``,
``fieldName``...) so that the report reads like a frictionless one.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import frictionless

from .reader import Table
from .totals import TotalsCheck

MAX_CELL_IN_REPORT = 200
MEMO_CAP = 10_000
NOTES = operator.itemgetter(1)


class ErrorLog:
    """Collects errors up to a cap and counts all of them."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.count = 0
        self.errors: list[dict[str, Any]] = []

    def add(self, error_type: str, **details: Any) -> None:
        self.count += 1
        if len(self.errors) < self.cap:
            if "cell" in details:
                details["cell"] = _cell_text(details["cell"])
            self.errors.append({"type": error_type, **details})


def _cell_text(cell: Any) -> str:
    text = "" if cell is None else str(cell)
    return text if len(text) <= MAX_CELL_IN_REPORT else text[:MAX_CELL_IN_REPORT] + "…"


def _normalise(label: str) -> str:
    return " ".join(label.replace("_", " ").split()).casefold()


def load_schema(descriptor: dict[str, Any]) -> frictionless.Schema:
    """A frictionless Schema from a Table Schema dict (our own keys removed)."""
    plain = {key: value for key, value in descriptor.items() if not key.startswith("satudatablitar:")}
    try:
        return frictionless.Schema.from_descriptor(plain)
    except frictionless.FrictionlessException as error:
        raise ValueError(str(error)) from error


def match_header(labels: list[str], schema: frictionless.Schema, log: ErrorLog) -> list[int | None]:
    """Column index of each schema field (by name or title, any order); header errors logged."""
    columns: dict[str, int] = {}
    for index, label in enumerate(labels):
        key = _normalise(label)
        if not key:
            log.add("blank-label", fieldNumber=index + 1, label="")
        elif key in columns:
            log.add("duplicate-label", fieldNumber=index + 1, label=label)
        else:
            columns[key] = index
    plan: list[int | None] = []
    used: set[int] = set()
    for number, field in enumerate(schema.fields, start=1):
        index = columns.get(_normalise(field.name))
        if index is None and field.title:
            index = columns.get(_normalise(field.title))
        plan.append(index)
        if index is None:
            log.add(
                "missing-label", fieldName=field.name, fieldNumber=number, label=field.title or field.name
            )
        else:
            used.add(index)
    for index, label in enumerate(labels):
        if label and index not in used:
            log.add("extra-label", fieldNumber=index + 1, label=label)
    return plan


def _string_cell(cell: Any) -> Any:
    """Excel stores codes like 3572 as numbers; a string field reads them as text."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if cell is None or isinstance(cell, str):
        return cell
    return cell.isoformat() if hasattr(cell, "isoformat") else str(cell)


def _native_cell(cell: Any) -> Any:
    """Spreadsheet numbers arrive as floats; a whole one is an int, as openpyxl gives it to frictionless."""
    if type(cell) is float and cell.is_integer():
        return int(cell)
    return cell


def _reader(field: frictionless.Field) -> Callable[[Any], tuple[Any, Any]]:
    """frictionless's cell reader for the field, memoised per distinct text or float cell.

    Tabulations repeat values (district names, years, statuses, small counts);
    frictionless decides each distinct value once. The memo is bounded, and
    keyed per Python type so that ``1.0`` and ``True`` never share an answer.
    """
    read = field.create_cell_reader()
    convert = _string_cell if field.type == "string" else _native_cell
    memos: dict[type, dict[Any, tuple[Any, Any]]] = {str: {}, float: {}}

    def cell_reader(cell: Any) -> tuple[Any, Any]:
        memo = memos.get(type(cell))
        if memo is None:
            return read(convert(cell))
        result = memo.get(cell)
        if result is None:
            result = read(convert(cell))
            if len(memo) < MEMO_CAP:
                memo[cell] = result
        return result

    return cell_reader


def _constraint_details(notes: dict[str, str]) -> tuple[str, dict[str, Any]]:
    name, note = next(iter(notes.items()))
    if name == "type":
        return "type-error", {"note": note}
    return "constraint-error", {"note": note, "constraint": name}


RowHook = Callable[[int, list[Any], list[Any]], None]


class KeyCheck:
    """Primary key and unique fields: the first row that holds each key."""

    def __init__(self, schema: frictionless.Schema) -> None:
        names = schema.field_names
        self.keys: list[tuple[str, list[int]]] = []
        if schema.primary_key:
            self.keys.append(("primary-key", [names.index(name) for name in schema.primary_key]))
        self.keys += [
            ("unique-error", [n]) for n, f in enumerate(schema.fields) if f.constraints.get("unique")
        ]
        self.names = names
        self.seen: dict[Any, int] = {}

    def row(self, row_number: int, values: list[Any], log: ErrorLog) -> None:
        for number, (error_type, fields) in enumerate(self.keys):
            key = (number, *(values[n] for n in fields))
            if None in key:
                continue
            first = self.seen.setdefault(key, row_number)
            if first != row_number:
                names = ", ".join(self.names[n] for n in fields)
                log.add(error_type, rowNumber=row_number, fieldName=names, note=str(first), duplicateOf=first)


def _is_blank(cells: list[Any]) -> bool:
    return not any(cells) and all(cell == "" or cell is None for cell in cells)


def check_rows(
    table: Table,
    schema: frictionless.Schema,
    plan: list[int | None],
    totals: TotalsCheck,
    log: ErrorLog,
    row_hooks: list[RowHook],
) -> int:
    """Read every data row through the schema; return the number of data rows.

    The common row (as wide as the header, every field present) takes a fast
    path of list comprehensions; anything unusual is sorted out cell by cell.
    """
    fields = schema.fields
    mapped = [(n, index, _reader(fields[n])) for n, index in enumerate(plan) if index is not None]
    all_mapped = len(mapped) == len(fields)
    width = max(len(table.labels), max((index + 1 for _, index, _ in mapped), default=0))
    keys = KeyCheck(schema)
    seen_rows: dict[int, int] = {}
    blank_run: list[int] = []
    rows = 0
    for row_number, cells in table.rows:
        if len(cells) != width:
            if _is_blank(cells):
                blank_run.append(row_number)
                continue
            cells = _fit(row_number, cells, width, fields, mapped, log)
        elif _is_blank(cells):
            blank_run.append(row_number)
            continue
        if blank_run:
            for blank in blank_run:
                log.add("blank-row", rowNumber=blank)
            blank_run.clear()
        rows += 1
        results = [read(cells[index]) for _, index, read in mapped]
        if any(map(NOTES, results)):
            _log_cell_errors(row_number, cells, results, mapped, fields, log)
        if all_mapped:
            values = [value for value, _ in results]
        else:
            values = [None] * len(fields)
            for (n, _, _), (value, _) in zip(mapped, results, strict=True):
                values[n] = value
        first = seen_rows.setdefault(hash(tuple(cells)), row_number)
        if first != row_number:
            log.add("duplicate-row", rowNumber=row_number, note=str(first), duplicateOf=first)
        if keys.keys:
            keys.row(row_number, values, log)
        if totals.active:
            totals.row(row_number, values, log)
        for hook in row_hooks:
            hook(row_number, cells, values)
    totals.finish(log)
    return rows


def _fit(
    row_number: int, cells: list[Any], width: int, fields: list[Any], mapped: list[Any], log: ErrorLog
) -> list[Any]:
    """A row shorter or longer than the header: log missing and extra cells, pad to the width."""
    for extra in range(width, len(cells)):
        if cells[extra] not in ("", None):
            log.add("extra-cell", rowNumber=row_number, fieldNumber=extra + 1, cell=cells[extra])
    for n, index, _ in mapped:
        if index >= len(cells):
            log.add(
                "missing-cell", rowNumber=row_number, fieldName=fields[n].name, fieldNumber=n + 1, cell=""
            )
    return (list(cells) + [""] * width)[:width]


def _log_cell_errors(
    row_number: int,
    cells: list[Any],
    results: list[tuple[Any, Any]],
    mapped: list[Any],
    fields: list[Any],
    log: ErrorLog,
) -> None:
    for (n, index, _), (_, notes) in zip(mapped, results, strict=True):
        if notes and index < len(cells):
            error_type, details = _constraint_details(notes)
            name = fields[n].name
            log.add(
                error_type,
                rowNumber=row_number,
                fieldName=name,
                fieldNumber=n + 1,
                cell=cells[index],
                **details,
            )
