"""Good and hostile tabulation files, made by the tests themselves."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

import msoffcrypto.format.ooxml
import xlwt
from openpyxl import Workbook

SCHEMA: dict[str, Any] = {
    "fields": [
        {
            "name": "kecamatan",
            "type": "string",
            "constraints": {"required": True, "enum": ["Kepanjenkidul", "Sukorejo", "Sananwetan", "Jumlah"]},
        },
        {"name": "tahun", "type": "year"},
        {"name": "laki_laki", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "perempuan", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "jumlah", "type": "integer"},
    ],
    "primaryKey": ["kecamatan", "tahun"],
    "satudatablitar:totals": [
        {"field": "jumlah", "sum_of": ["laki_laki", "perempuan"]},
        {"label_field": "kecamatan", "label": "Jumlah", "fields": ["laki_laki", "perempuan", "jumlah"]},
    ],
}
HEADER = ["kecamatan", "tahun", "laki_laki", "perempuan", "jumlah"]
GOOD_ROWS: list[list[Any]] = [
    ["Kepanjenkidul", 2024, 24000, 24500, 48500],
    ["Sukorejo", 2024, 29000, 29400, 58400],
    ["Sananwetan", 2024, 30100, 30900, 61000],
    ["Jumlah", 2024, 83100, 84800, 167900],
]


def xlsx(path: Path, rows: list[list[Any]], header: list[str] = HEADER, sheet: str = "Data") -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    workbook.save(path)
    return path


def xls(path: Path, rows: list[list[Any]], header: list[str] = HEADER) -> Path:
    book = xlwt.Workbook()
    ws = book.add_sheet("Data")
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    book.save(str(path))
    return path


def csv_file(
    path: Path,
    rows: list[list[Any]],
    header: list[str] = HEADER,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def rezip(
    source: Path, target: Path, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None
) -> Path:
    """Copy an .xlsx, adding or replacing parts."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = (replace or {}).get(item.filename, src.read(item.filename))
            dst.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return target


def macro_workbook(tmp: Path) -> Path:
    base = xlsx(tmp / "base.xlsx", GOOD_ROWS)
    with zipfile.ZipFile(base) as archive:
        types = archive.read("[Content_Types].xml").replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
    return rezip(
        base,
        tmp / "renamed.xlsx",
        extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0fake vba"},
        replace={"[Content_Types].xml": types},
    )


def entity_workbook(tmp: Path) -> Path:
    """A billion-laughs DOCTYPE in the worksheet part."""
    base = xlsx(tmp / "base.xlsx", GOOD_ROWS)
    with zipfile.ZipFile(base) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    laughs = (
        b'<!DOCTYPE worksheet [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    prolog_end = sheet.find(b"?>") + 2 if sheet.startswith(b"<?xml") else 0
    sheet = sheet[:prolog_end] + laughs + sheet[prolog_end:].replace(b"Sukorejo", b"&lol2;")
    return rezip(base, tmp / "entities.xlsx", replace={"xl/worksheets/sheet1.xml": sheet})


def bomb_workbook(tmp: Path, size: int) -> Path:
    """A valid workbook carrying a part that inflates to ``size`` bytes of zeros."""
    base = xlsx(tmp / "base.xlsx", GOOD_ROWS)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(tmp / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        with dst.open("xl/media/padding.bin", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return tmp / "bomb.xlsx"


def encrypted_workbook(tmp: Path) -> Path:
    base = xlsx(tmp / "base.xlsx", GOOD_ROWS)
    target = tmp / "secret.xlsx"
    with open(base, "rb") as plain, open(target, "wb") as out:
        office = msoffcrypto.format.ooxml.OOXMLFile(plain)
        office.encrypt("rahasia", out)
    return target


def formula_workbook(tmp: Path) -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Data"
    ws.append(HEADER)
    ws.append(["Kepanjenkidul", 2024, 24000, 24500, "=C2+D2"])
    ws.append(["Sukorejo", 2024, 29000, 29400, 58400])
    ws.append(["Sananwetan", 2024, 30100, 30900, "=SUM(C4:D4)"])
    path = tmp / "formulas.xlsx"
    workbook.save(path)
    return path


def dates_csv(tmp: Path) -> Path:
    rows = [[f"2024-01-{day:02d}", day] for day in range(1, 4)]
    return csv_file(tmp / "dates.csv", rows, header=["tanggal", "kasus"])


DATE_SCHEMA = {"fields": [{"name": "tanggal", "type": "date"}, {"name": "kasus", "type": "integer"}]}
TODAY = datetime.date(2024, 1, 1)
