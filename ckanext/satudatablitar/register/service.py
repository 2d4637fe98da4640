"""Reading and replacing the DSSD register in the database."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import sqlalchemy as sa
from ckan import model

from .model import DssdDecree, DssdElement
from .parse import ParseResult, fold, parse


def organization_lookup() -> dict[str, str]:
    """Folded name and title of every active organization -> its id (for matching OPD cells)."""
    rows = model.Session.execute(
        sa.select(model.Group.id, model.Group.name, model.Group.title).where(
            model.Group.is_organization.is_(True), model.Group.state == "active"
        )
    ).all()
    lookup: dict[str, str] = {}
    for org_id, name, title in rows:
        lookup[fold(name)] = org_id
        if title:
            lookup.setdefault(fold(title), org_id)
    return lookup


def check_rows(rows: list[list[str]]) -> ParseResult:
    """Parse and check the rows of a DSSD list against the portal's OPDs and vocabularies."""
    return parse(rows, organization_lookup())


def replace_year(
    year: int,
    elements: list[dict[str, Any]],
    *,
    number: str,
    date: datetime.date | None,
    title: str | None,
    user: str | None,
) -> dict[str, int]:
    """Make ``elements`` the DSSD list of ``year`` under the given decree, in the current transaction.

    Returns counts of created, updated and removed element codes. Does not commit.
    """
    session = model.Session
    decree = session.execute(sa.select(DssdDecree).where(DssdDecree.year == year)).scalar_one_or_none()
    if decree is None:
        decree = DssdDecree(id=str(uuid.uuid4()), year=year)
        session.add(decree)
    decree.number, decree.date, decree.title, decree.imported_by = number, date, title, user
    decree.updated = datetime.datetime.now(datetime.UTC)
    session.flush()

    old_codes = set(session.execute(sa.select(DssdElement.code).where(DssdElement.year == year)).scalars())
    new_codes = {element["code"] for element in elements}
    session.execute(sa.delete(DssdElement).where(DssdElement.year == year))
    if elements:
        session.execute(
            sa.insert(DssdElement),
            [
                {**element, "id": str(uuid.uuid4()), "decree_id": decree.id, "year": year}
                for element in elements
            ],
        )
    return {
        "created": len(new_codes - old_codes),
        "updated": len(new_codes & old_codes),
        "removed": len(old_codes - new_codes),
    }


def decrees() -> list[dict[str, Any]]:
    """Every decree with its element count, newest year first."""
    counts = dict(
        model.Session.execute(sa.select(DssdElement.year, sa.func.count()).group_by(DssdElement.year)).all()
    )
    rows = model.Session.execute(sa.select(DssdDecree).order_by(DssdDecree.year.desc())).scalars()
    return [{**decree.as_dict(), "elements": counts.get(decree.year, 0)} for decree in rows]


def get_decree(year: int) -> DssdDecree | None:
    return model.Session.execute(sa.select(DssdDecree).where(DssdDecree.year == year)).scalar_one_or_none()


def latest_year() -> int | None:
    return model.Session.execute(sa.select(sa.func.max(DssdDecree.year))).scalar()


def elements(
    year: int,
    *,
    organization: str | None = None,
    q: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """Total and one page of the elements of a year, in decree order."""
    query = sa.select(DssdElement).where(DssdElement.year == year)
    if organization:
        query = query.where(DssdElement.organization == organization)
    if q:
        pattern = f"%{q}%"
        query = query.where(sa.or_(DssdElement.code.ilike(pattern), DssdElement.name.ilike(pattern)))
    total = model.Session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar() or 0
    page = query.order_by(DssdElement.position, DssdElement.code).offset(offset)
    if limit is not None:
        page = page.limit(limit)
    return total, [element.as_dict() for element in model.Session.execute(page).scalars()]


def get_element(code: str, year: int | None = None) -> dict[str, Any] | None:
    """The element with ``code`` in the list of ``year`` (the newest list holding it when year is None)."""
    query = sa.select(DssdElement).where(DssdElement.code == code)
    if year is not None:
        query = query.where(DssdElement.year == year)
    element = model.Session.execute(query.order_by(DssdElement.year.desc()).limit(1)).scalar_one_or_none()
    return element.as_dict() if element else None


def get_element_schema(element_code: str, year: int | None = None) -> dict[str, Any] | None:
    """The frictionless Table Schema descriptor expected for the element's tabulation, or None.

    ``year`` None means the newest DSSD list that holds the element.
    """
    query = sa.select(DssdElement.table_schema).where(DssdElement.code == element_code)
    if year is not None:
        query = query.where(DssdElement.year == year)
    text = model.Session.execute(query.order_by(DssdElement.year.desc()).limit(1)).scalar()
    return json.loads(text) if text else None


def element_codes() -> list[tuple[str, str]]:
    """(code, name) of every element code in the register, the name from the newest list, by code."""
    newest = (
        sa.select(DssdElement.code, DssdElement.name)
        .distinct(DssdElement.code)
        .order_by(DssdElement.code, DssdElement.year.desc())
    )
    return [(code, name) for code, name in model.Session.execute(newest).all()]


def code_exists(code: str) -> bool:
    return bool(
        model.Session.execute(sa.select(sa.literal(1)).where(DssdElement.code == code).limit(1)).scalar()
    )
