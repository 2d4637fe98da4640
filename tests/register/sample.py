"""A realistic DSSD list (the decree appendix layout) for tests and benchmarks."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl

OPDS = [
    ("dinkes", "Dinas Kesehatan", "Kesehatan"),
    ("disdik", "Dinas Pendidikan", "Pendidikan"),
    ("dispendukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Administrasi Kependudukan"),
    ("dinsos", "Dinas Sosial", "Sosial"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "Pekerjaan Umum"),
    ("dlh", "Dinas Lingkungan Hidup", "Lingkungan Hidup"),
    ("disnaker", "Dinas Tenaga Kerja", "Tenaga Kerja"),
    ("dishub", "Dinas Perhubungan", "Perhubungan"),
]
UNITS = ["jiwa", "orang", "unit", "persen", "rupiah", "ton", "km", "kasus"]
FREQUENCIES = ["Tahunan", "Semesteran", "Triwulanan", "Bulanan"]
LEVELS = ["Kota", "Kota, Kecamatan", "Kecamatan", "Kelurahan"]
HEADER = [
    "No", "Kode Elemen", "Elemen Data", "Satuan", "Produsen Data", "Frekuensi",
    "Tingkat Penyajian", "Sektor", "Definisi", "Kolom Tabulasi",
]  # fmt: skip


def rows(count: int, year: int = 2026) -> list[list[Any]]:
    """Title lines, the header row, section headings per OPD and ``count`` element rows."""
    lines: list[list[Any]] = [
        ["LAMPIRAN KEPUTUSAN WALI KOTA"],
        [f"NOMOR: 100.3.3.3/{year}/410.010/{year}"],
        [f"TENTANG DAFTAR DATA STATISTIK SEKTORAL DAERAH TAHUN {year}"],
        [],
        HEADER,
    ]
    per_opd = -(-count // len(OPDS))
    number = 0
    for index, (_name, title, sector) in enumerate(OPDS):
        lines.append(["", f"{index + 1}. URUSAN {sector.upper()}"])
        for item in range(per_opd):
            if number == count:
                break
            number += 1
            lines.append(
                [
                    number,
                    f"{index + 1:02d}.{item + 1:03d}",
                    f"Jumlah {sector.lower()} menurut kecamatan ke-{item + 1}",
                    UNITS[number % len(UNITS)],
                    title,
                    FREQUENCIES[number % len(FREQUENCIES)],
                    LEVELS[number % len(LEVELS)],
                    sector,
                    f"Banyaknya {sector.lower()} yang tercatat pada akhir periode.",
                    "Kecamatan:string; Laki-laki:integer; Perempuan:integer; Jumlah:integer",
                ]
            )
    return lines


def xlsx(lines: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Lampiran"
    for line in lines:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(lines: list[list[Any]], delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(lines)
    return buffer.getvalue().encode("utf-8")
