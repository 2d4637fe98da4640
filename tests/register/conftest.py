"""Helpers of the DSSD register tests."""

from __future__ import annotations

import datetime
import json

from ckan import model

from ckanext.satudatablitar.register import service

COLUMNS = {"fields": [{"name": "Kecamatan", "type": "string"}, {"name": "Jumlah", "type": "integer"}]}


def add_elements(year: int, codes_and_orgs: list[tuple[str, str]]) -> None:
    """Put elements straight into the register (for tests of other parts that need some)."""
    service.replace_year(
        year,
        [
            {
                "code": code,
                "name": f"Elemen {code}",
                "organization": org_id,
                "unit": "jiwa",
                "frequency": "tahunan",
                "level": "kota",
                "sector": None,
                "definition": None,
                "table_schema": json.dumps(COLUMNS),
                "position": position,
            }
            for position, (code, org_id) in enumerate(codes_and_orgs)
        ],
        number=f"100/{year}",
        date=datetime.date(year, 1, 2),
        title=None,
        user=None,
    )
    model.Session.commit()
