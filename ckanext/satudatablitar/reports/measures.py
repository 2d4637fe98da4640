"""Time spent at every workflow step, measured from the event log.

Every event puts a dataset into its ``to_state``; the dataset waits there
until the next event that changes the state. That wait is one step, measured
against the SOP time standard of the state (``ckanext.satudatablitar.sop_days``)
in calendar or working days (``reports.calendar``). All measures of a
report come from ONE query, whatever the number of datasets.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.model.workflow import WorkflowEvent
from ckanext.satudatablitar.reports.calendar import WorkCalendar
from ckanext.satudatablitar.workflow import states


@dataclass(frozen=True)
class ReportFilter:
    """Which steps a report covers: steps entered in [date_from, date_to), of one OPD or all."""

    organization: str | None = None
    date_from: datetime.datetime | None = None
    date_to: datetime.datetime | None = None


@dataclass(frozen=True)
class Step:
    state: str
    entered: datetime.datetime
    left: datetime.datetime | None  # None: the dataset still waits here
    days: float
    standard: float | None  # None: the SOP sets no time for this state
    overdue: bool


@dataclass
class DatasetMeasures:
    package_id: str
    name: str
    title: str
    organization: str
    organization_title: str
    current_state: str = states.DRAFT
    revision_rounds: int = 0
    first_published: datetime.datetime | None = None
    # from the first recorded event to the first publication, in the report's day counting
    days_to_publish: float | None = None
    steps: list[Step] = field(default_factory=list)

    @property
    def overdue_now(self) -> bool:
        return bool(self.steps) and self.steps[-1].left is None and self.steps[-1].overdue


def _events_query(organization: str | None) -> sa.Select:
    event = WorkflowEvent.__table__
    package = model.package_table
    group = model.group_table
    query = (
        sa.select(
            event.c.package_id,
            event.c.to_state,
            event.c.action,
            event.c.created,
            package.c.name,
            package.c.title,
            group.c.name.label("org_name"),
            group.c.title.label("org_title"),
        )
        .join(package, package.c.id == event.c.package_id)
        .outerjoin(group, group.c.id == package.c.owner_org)
        .where(package.c.state == "active")
        .order_by(event.c.package_id, event.c.id)
    )
    if organization:
        query = query.where(group.c.name == organization)
    return query


def measure(
    report_filter: ReportFilter,
    now: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[DatasetMeasures]:
    """Measures of every dataset with workflow events, in one SQL query.

    ``progress(done, total)`` is called after each dataset (for the CLI's progress bar).
    """
    now = now or datetime.datetime.now(datetime.UTC)
    calendar = calendar or WorkCalendar.from_config()
    standards = config.sop_days()
    rows = model.Session.execute(_events_query(report_filter.organization)).all()
    total = len({row.package_id for row in rows})
    result = []
    for done, dataset in enumerate(_walk(rows, now, calendar, standards), start=1):
        restricted = _restrict(dataset, report_filter)
        if restricted is not None:
            result.append(restricted)
        if progress:
            progress(done, total)
    return result


def _restrict(dataset: DatasetMeasures, report_filter: ReportFilter) -> DatasetMeasures | None:
    """The dataset with only the steps entered in the filter's period; None when there are none."""
    if report_filter.date_from is None and report_filter.date_to is None:
        return dataset
    steps = [
        step
        for step in dataset.steps
        if (report_filter.date_from is None or step.entered >= report_filter.date_from)
        and (report_filter.date_to is None or step.entered < report_filter.date_to)
    ]
    return dataclasses.replace(dataset, steps=steps) if steps else None


def _walk(
    rows: Iterable[sa.Row],
    now: datetime.datetime,
    calendar: WorkCalendar,
    standards: dict[str, float],
) -> Iterable[DatasetMeasures]:
    current: DatasetMeasures | None = None
    entered: datetime.datetime | None = None
    first_event: datetime.datetime | None = None
    for row in rows:
        if current is None or row.package_id != current.package_id:
            if current is not None and entered is not None:
                _close(current, entered, None, now, calendar, standards)
                yield current
            current = DatasetMeasures(
                row.package_id, row.name, row.title or row.name, row.org_name or "", row.org_title or ""
            )
            entered = None
            first_event = row.created
        if row.to_state == states.REVISION_REQUESTED and current.current_state != states.REVISION_REQUESTED:
            current.revision_rounds += 1
        if row.to_state == states.PUBLISHED and current.first_published is None and first_event is not None:
            current.first_published = row.created
            current.days_to_publish = calendar.elapsed(first_event, row.created)
        if entered is None or row.to_state != current.current_state:
            if entered is not None:
                _close(current, entered, row.created, now, calendar, standards)
            current.current_state = row.to_state
            entered = row.created
    if current is not None and entered is not None:
        _close(current, entered, None, now, calendar, standards)
        yield current


def _close(
    dataset: DatasetMeasures,
    entered: datetime.datetime,
    left: datetime.datetime | None,
    now: datetime.datetime,
    calendar: WorkCalendar,
    standards: dict[str, float],
) -> None:
    """Record the step the dataset spent in its current state."""
    state = dataset.current_state
    if state == states.PUBLISHED and left is None:
        return  # being published is the end of the road, not a step that waits
    days = calendar.elapsed(entered, left or now)
    standard = standards.get(state)
    dataset.steps.append(Step(state, entered, left, days, standard, standard is not None and days > standard))
