"""Tables of the DSSD register (created by migration 0002_7f2e3d4c5b61)."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa


class DssdDecree(tk.BaseModel):  # type: ignore[misc, valid-type]
    """The decree (SK) that sets the DSSD list of one year."""

    __tablename__ = "satudatablitar_dssd_decree"

    id = sa.Column(sa.UnicodeText, primary_key=True)
    year = sa.Column(sa.Integer, nullable=False, unique=True)
    number = sa.Column(sa.UnicodeText, nullable=False)
    date = sa.Column(sa.Date, nullable=True)
    title = sa.Column(sa.UnicodeText, nullable=True)
    imported_by = sa.Column(sa.UnicodeText, nullable=True)
    updated = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "imported_by": self.imported_by,
            "updated": self.updated.isoformat() if self.updated else None,
        }


class DssdElement(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One data element of a year's DSSD list."""

    __tablename__ = "satudatablitar_dssd_element"
    __table_args__ = (sa.UniqueConstraint("year", "code", name="satudatablitar_dssd_element_year_code_key"),)

    id = sa.Column(sa.UnicodeText, primary_key=True)
    decree_id = sa.Column(
        sa.UnicodeText, sa.ForeignKey("satudatablitar_dssd_decree.id", ondelete="CASCADE"), nullable=False
    )
    year = sa.Column(sa.Integer, nullable=False)
    code = sa.Column(sa.UnicodeText, nullable=False)
    name = sa.Column(sa.UnicodeText, nullable=False)
    # id of the CKAN organization (OPD) responsible for the element
    organization = sa.Column(sa.UnicodeText, nullable=False)
    sector = sa.Column(sa.UnicodeText, nullable=True)
    unit = sa.Column(sa.UnicodeText, nullable=False)
    frequency = sa.Column(sa.UnicodeText, nullable=False)
    # presentation levels, comma separated vocabulary values
    level = sa.Column(sa.UnicodeText, nullable=False)
    definition = sa.Column(sa.UnicodeText, nullable=True)
    # frictionless Table Schema descriptor, JSON
    table_schema = sa.Column(sa.UnicodeText, nullable=True)
    position = sa.Column(sa.Integer, nullable=False, server_default="0")

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "code": self.code,
            "name": self.name,
            "organization": self.organization,
            "sector": self.sector,
            "unit": self.unit,
            "frequency": self.frequency,
            "level": self.level.split(",") if self.level else [],
            "definition": self.definition,
            "table_schema": json.loads(self.table_schema) if self.table_schema else None,
        }
