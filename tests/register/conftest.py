"""Helpers of the DSSD register tests."""

from __future__ import annotations

import datetime
import json

import pytest
from ckan import model
from ckan.tests import factories

from ckanext.satudatablitar import config
from ckanext.satudatablitar.register import service

from . import sample

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


@pytest.fixture
def opds() -> dict[str, dict]:
    """The OPD organizations the sample DSSD list names, by slug."""
    return {name: factories.Organization(name=name, title=title) for name, title, _sector in sample.OPDS}


@pytest.fixture
def walidata_user() -> dict:
    """An editor of the Wali Data organization (Kominfotik verifier)."""
    user = factories.User()
    factories.Organization(
        name=config.walidata_organization(), users=[{"name": user["name"], "capacity": "editor"}]
    )
    return user
