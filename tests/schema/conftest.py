"""Fixtures of the SDI schema tests."""

from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories


def complete_metadata() -> dict[str, Any]:
    """A value for every user-settable SDI field, as package_show returns them."""
    return {
        "title": "Jumlah Penduduk Menurut Kecamatan",
        "notes": "Jumlah penduduk per kecamatan pada akhir tahun.",
        "theme": "perlindungan-sosial-dan-kesehatan",
        "jenis": "statistik",
        "konsep": "Penduduk",
        "ukuran": "Jumlah penduduk",
        "satuan": "jiwa",
        "klasifikasi_penyajian": ["Jenis kelamin", "Kecamatan"],
        "tingkat_penyajian": ["kota", "kecamatan"],
        "kode_wilayah": "35.72.01",
        "tahun_data_mulai": "2020",
        "tahun_data_selesai": "2025",
        "accrualPeriodicity": "tahunan",
        "status_data": "sementara",
        "sumber_data": "Dinas Kependudukan dan Pencatatan Sipil",
        "cara_pengumpulan_data": "kompilasi-produk-administrasi",
        "accessRights": "terbuka",
        "license_id": "cc-by",
        "author": "Seksi Data",
        "author_email": "data@dispendukcapil.example.go.id",
        "maintainer": "Diskominfotik",
        "maintainer_email": "walidata@example.go.id",
        "prioritas_tahun": "2024,2025",
        "kriteria_prioritas": "Indikator RPJMD",
        "indikator_prioritas": "Jumlah penduduk",
        "id_sds": "SDS-001",
        "id_mskeg": "12345",
        "id_msind": "67890",
        "interpretasi": "Semakin besar semakin padat.",
        "metode_perhitungan": "Penjumlahan",
        "rumus": "L + P",
        "level_estimasi": "kecamatan",
        "kodereferensi": "https://sirusa.bps.go.id/sirusa/index.php/indikator/1",
    }


@pytest.fixture
def sysadmin() -> dict[str, Any]:
    return factories.Sysadmin()


@pytest.fixture
def organization() -> dict[str, Any]:
    return factories.Organization()
