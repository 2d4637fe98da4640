"""Fulfilment of a year's DSSD list: which element is covered by a published dataset, and how late.

An element of the list of year Y is fulfilled by a published dataset linked to
the element's code (field ``id_dds``) whose data years reach Y minus the
configured lag (``ckanext.satudatablitar.dssd_data_lag_years``): statistics of
a year are usually released the year after. It is late when its first
publication came after the decree date plus the SOP delivery time
(``ckanext.satudatablitar.dssd_delivery_days``). Two simple SQL queries per report, joined
in Python, so no query plan can turn them into a nested loop over every event.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import compat, config
from ckanext.satudatablitar.model.workflow import WorkflowEvent, WorkflowState
from ckanext.satudatablitar.register.model import DssdDecree, DssdElement
from ckanext.satudatablitar.timekeeping import WorkCalendar
from ckanext.satudatablitar.workflow import states


@dataclass
class ElementFulfilment:
    code: str
    name: str
    organization: str
    organization_title: str
    deadline: datetime.date | None
    datasets: list[dict[str, str]] = field(default_factory=list)  # the published datasets covering it
    first_published: datetime.datetime | None = None
    days_late: float | None = None  # None when on time, not yet published or no deadline

    @property
    def fulfilled(self) -> bool:
        return bool(self.datasets)


@dataclass(frozen=True)
class OrganizationFulfilment:
    organization: str
    organization_title: str
    elements: int
    fulfilled: int
    late: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.fulfilled / self.elements, 1) if self.elements else 0.0


def _elements_query(year: int, organization: str | None) -> sa.Select:
    element, decree, group = DssdElement.__table__, DssdDecree.__table__, model.group_table
    query = (
        sa.select(
            element.c.code,
            element.c.name,
            group.c.name.label("org_name"),
            group.c.title.label("org_title"),
            decree.c.date.label("decree_date"),
        )
        .join(decree, decree.c.id == element.c.decree_id)
        .outerjoin(group, group.c.id == element.c.organization)
        .where(element.c.year == year)
        .order_by(element.c.position, element.c.code)
    )
    if organization:
        query = query.where(group.c.name == organization)
    return query


def _published_query() -> sa.Select:
    """Published datasets linked to a DSSD element, with their last data year and first publication."""
    package, state, event = model.package_table, WorkflowState.__table__, WorkflowEvent.__table__
    code = compat.package_extra_value("id_dds")
    first_published = (
        sa.select(sa.func.min(event.c.created))
        .where(event.c.package_id == package.c.id, event.c.to_state == states.PUBLISHED)
        .scalar_subquery()
    )
    return (
        sa.select(
            package.c.id,
            package.c.name,
            package.c.title,
            code.label("code"),
            compat.package_extra_value("tahun_data_selesai").label("last_year"),
            first_published.label("first_published"),
        )
        .join(state, state.c.package_id == package.c.id)
        .where(package.c.state == "active", state.c.state == states.PUBLISHED, code.isnot(None))
    )


def _reaches(last_year: str | None, wanted: int) -> bool:
    try:
        return last_year is not None and int(last_year) >= wanted
    except ValueError:
        return False


def fulfilment(
    year: int, organization: str | None = None, calendar: WorkCalendar | None = None
) -> list[ElementFulfilment]:
    """Every element of the DSSD list of ``year``, with the published datasets that fulfil it."""
    calendar = calendar or WorkCalendar.from_config()
    delivery_days = config.dssd_delivery_days()
    wanted_year = year - config.dssd_data_lag_years()
    elements = {
        row.code: ElementFulfilment(
            row.code,
            row.name,
            row.org_name or "",
            row.org_title or "",
            calendar.add_days(row.decree_date, delivery_days) if row.decree_date else None,
        )
        for row in model.Session.execute(_elements_query(year, organization))
    }
    for row in model.Session.execute(_published_query()):
        element = elements.get(row.code)
        if element is None or not _reaches(row.last_year, wanted_year):
            continue
        element.datasets.append({"id": row.id, "name": row.name, "title": row.title})
        if row.first_published and (
            element.first_published is None or row.first_published < element.first_published
        ):
            element.first_published = row.first_published
    for element in elements.values():
        if element.deadline and element.first_published:
            published_on = element.first_published.astimezone(calendar.timezone).date()
            late = calendar.days_between(element.deadline, published_on)
            element.days_late = late if late > 0 else None
    return list(elements.values())


def by_organization(elements: list[ElementFulfilment]) -> list[OrganizationFulfilment]:
    grouped: dict[str, list[ElementFulfilment]] = defaultdict(list)
    for element in elements:
        grouped[element.organization].append(element)
    return [
        OrganizationFulfilment(
            organization=name,
            organization_title=members[0].organization_title,
            elements=len(members),
            fulfilled=sum(1 for e in members if e.fulfilled),
            late=sum(1 for e in members if e.days_late),
        )
        for name, members in sorted(grouped.items())
    ]
