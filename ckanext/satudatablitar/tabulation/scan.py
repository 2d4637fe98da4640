"""Confidentiality scan: direct identifiers and small cells, cell by cell.

Findings help Wali Data and Pembina Data judge (Law 16/1997 protects individual
data); they never decide. Values are masked in findings so that the report
itself does not spread an identifier. ``findings_for_package`` reads the stored
findings of a dataset for the workflow's sign-off (CKAN side, see ``store.py``).
"""

from __future__ import annotations

import re
from typing import Any

import frictionless

# first two digits of a NIK: the province codes of Kemendagri (national, not regional)
PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "21",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "51",
        "52",
        "53",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "72",
        "73",
        "74",
        "75",
        "76",
        "81",
        "82",
        "91",
        "92",
        "93",
        "94",
        "95",
        "96",
        "97",
    ]
)
PREFILTER = re.compile(r"@|\d[\d .\-]{7,}\d")
NIK = re.compile(r"(?<!\d)(\d{16})(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"(?<![\d\w])(?:\+62|62|0)[\s.\-]?(?:8\d{2}|[1-79]\d{1,2})[\s.\-]?\d{3,4}[\s.\-]?\d{3,5}(?!\d)"
)
IDENTIFIER_COLUMN = re.compile(
    r"^(?:nama|name|nama lengkap|full name|nik|no ?kk|nomor kk|nomor induk kependudukan|alamat|address|"
    r"telepon|telp|no ?hp|no telp|phone|email|e-mail|tanggal lahir|tgl lahir|date of birth)\b",
    re.IGNORECASE,
)
# "nama kecamatan", "nama sekolah", "alamat kantor"...: names of places and institutions are not identifiers
NOT_PERSONAL = re.compile(
    r"\b(?:kecamatan|kelurahan|desa|kabupaten|kota|provinsi|wilayah|opd|dinas|instansi|sekolah|"
    r"puskesmas|rumah sakit|kantor|jalan|usaha|perusahaan|program|kegiatan|indikator|"
    r"district|village|office)\b",
    re.IGNORECASE,
)
COUNT_NAME_EXCLUDED = re.compile(
    r"tahun|year|kode|code|\bid\b|nomor|\bno\b|urut|periode|bulan", re.IGNORECASE
)
COUNT_MARK = "satudatablitar:count"
TEXT_TYPES = ("string", "any")


def plausible_nik(digits: str) -> bool:
    """Province code, a birth day (+40 for women) and a month that exist."""
    if digits[:2] not in PROVINCES:
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    return (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


def mask(text: str) -> str:
    """Keep the first and last two characters: enough to find the cell, not to reuse the value."""
    return text[:2] + "*" * max(0, len(text) - 4) + text[-2:] if len(text) > 4 else "*" * len(text)


def is_count_field(field: frictionless.Field) -> bool:
    """Counts (small-cell rule): integers that are not years or codes, unless the schema says."""
    marked = field.custom.get(COUNT_MARK)
    if marked is not None:
        return bool(marked)
    return field.type == "integer" and not COUNT_NAME_EXCLUDED.search(field.name.replace("_", " "))


class Scanner:
    """Scans rows for identifiers and small counts; collects up to ``cap`` findings, counts all."""

    def __init__(
        self, labels: list[str], schema: frictionless.Schema, plan: list[int | None], threshold: int, cap: int
    ) -> None:
        self.threshold = threshold
        self.cap = cap
        self.count = 0
        self.findings: list[dict[str, Any]] = []
        self.counts = [
            (n, plan[n] + 1)
            for n, field in enumerate(schema.fields)
            if is_count_field(field) and plan[n] is not None
        ]
        self.labels = labels
        # text is scanned as read by the schema (a NIK typed as a number becomes text in a string field)
        # plus every column the schema does not know
        texts = [n for n, f in enumerate(schema.fields) if plan[n] is not None and f.type in TEXT_TYPES]
        self.text_fields = texts
        self.unmapped = [index for index in range(len(labels)) if index not in plan]
        self.text_columns = [plan[n] + 1 for n in texts] + [index + 1 for index in self.unmapped]
        for number, label in enumerate(labels, start=1):
            spaced = label.replace("_", " ").strip()
            if IDENTIFIER_COLUMN.search(spaced) and not NOT_PERSONAL.search(spaced):
                self._add("identifier-column", row=None, column=number, value=label, masked=False)

    def _add(self, kind: str, row: int | None, column: int, value: str, masked: bool = True) -> None:
        self.count += 1
        if len(self.findings) < self.cap:
            label = self.labels[column - 1] if column <= len(self.labels) else ""
            self.findings.append(
                {
                    "kind": kind,
                    "rowNumber": row,
                    "fieldNumber": column,
                    "label": label,
                    "cell": mask(value) if masked else value,
                }
            )

    def row(self, row_number: int, cells: list[Any], values: list[Any]) -> None:
        threshold = self.threshold
        for n, column in self.counts:
            value = values[n]
            if type(value) is int and 0 < value < threshold:
                self._add("small-cell", row_number, column, str(value), masked=False)
        texts = [values[n] for n in self.text_fields]
        if self.unmapped:
            texts += [cells[index] if index < len(cells) else None for index in self.unmapped]
        # one search per row over its text cells; cells are looked at one by one only on a hit
        if PREFILTER.search("\x1f".join([text for text in texts if type(text) is str])):
            for column, text in zip(self.text_columns, texts, strict=True):
                if type(text) is str and PREFILTER.search(text):
                    self._text(row_number, column, text)

    def _text(self, row_number: int, column: int, cell: str) -> None:
        for match in NIK.finditer(cell):
            if plausible_nik(match.group(1)):
                self._add("nik", row_number, column, match.group(1))
        for match in EMAIL.finditer(cell):
            self._add("email", row_number, column, match.group(0))
        for match in PHONE.finditer(cell):
            digits = re.sub(r"\D", "", match.group(0))
            if len(digits) < 16:
                self._add("phone", row_number, column, match.group(0))


def findings_for_package(package_id: str) -> list[dict[str, Any]]:
    """Confidentiality findings of the dataset's active tabulations (see ``store.findings_for_package``)."""
    # imported here: the scan itself runs without CKAN, in the checking process
    from . import store

    return store.findings_for_package(package_id)
