"""Totals declared in a Table Schema under ``satudatablitar:totals``.

Two shapes, both common in statistical tabulations::

    {"field": "jumlah", "sum_of": ["laki_laki", "perempuan"]}
        every row: jumlah = laki_laki + perempuan
    {"label_field": "kecamatan", "label": "Jumlah", "fields": ["laki_laki", "perempuan"]}
        the row whose kecamatan is "Jumlah" holds the sum of the other rows
"""

from __future__ import annotations

import math
from typing import Any, Protocol

TOTALS_KEY = "satudatablitar:totals"


class Log(Protocol):
    def add(self, error_type: str, **details: Any) -> None: ...


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


class TotalsCheck:
    """Row-wise sums checked per row, total rows checked at the end."""

    def __init__(self, descriptor: dict[str, Any], field_names: list[str]) -> None:
        position = {name: n for n, name in enumerate(field_names)}
        self.row_sums: list[tuple[int, list[int]]] = []
        self.total_rows: list[tuple[int, str, list[int]]] = []
        for spec in descriptor.get(TOTALS_KEY) or []:
            try:
                if "sum_of" in spec:
                    self.row_sums.append((position[spec["field"]], [position[n] for n in spec["sum_of"]]))
                else:
                    fields = [position[n] for n in spec["fields"]]
                    self.total_rows.append((position[spec["label_field"]], str(spec["label"]), fields))
            except (KeyError, TypeError) as error:
                raise ValueError(f"{TOTALS_KEY}: unknown field or bad entry {spec!r}") from error
        self.field_names = field_names
        self.sums = [dict.fromkeys(fields, 0.0) for _, _, fields in self.total_rows]
        self.found: list[tuple[int, list[Any]] | None] = [None] * len(self.total_rows)
        self.active = bool(self.row_sums or self.total_rows)

    def row(self, row_number: int, values: list[Any], log: Log) -> None:
        for target, parts in self.row_sums:
            items = [values[target], *(values[n] for n in parts)]
            if any(not isinstance(v, int | float) for v in items):
                continue
            expected = sum(items[1:])
            if not _close(items[0], expected):
                log.add(
                    "total-mismatch",
                    rowNumber=row_number,
                    fieldName=self.field_names[target],
                    fieldNumber=target + 1,
                    cell=values[target],
                    expected=expected,
                    parts=[self.field_names[n] for n in parts],
                )
        for k, (label_field, label, fields) in enumerate(self.total_rows):
            if str(values[label_field] or "").strip().casefold() == label.casefold():
                self.found[k] = (row_number, values)
                continue
            for n in fields:
                if isinstance(values[n], int | float):
                    self.sums[k][n] += values[n]

    def finish(self, log: Log) -> None:
        for k, (_, label, fields) in enumerate(self.total_rows):
            found = self.found[k]
            if found is None:
                log.add("total-row-missing", label=label)
                continue
            row_number, values = found
            for n in fields:
                if isinstance(values[n], int | float) and not _close(values[n], self.sums[k][n]):
                    log.add(
                        "total-mismatch",
                        rowNumber=row_number,
                        fieldName=self.field_names[n],
                        fieldNumber=n + 1,
                        cell=values[n],
                        expected=self.sums[k][n],
                        parts=[],
                    )
