"""Time spent at every workflow step, measured from the event log.

Every event puts a dataset into its ``to_state``; the dataset waits there
until the next event that changes the state. That wait is one step, measured
against the SOP time standard of the state (``ckanext.satudatablitar.sop_days``)
in calendar or working days (``reports.calendar``). All measures of a
report come from two queries, whatever the number of datasets.

A scheduled publication (embargo) is Walidata's publication decision: while a schedule waits,
the ``approved`` step ends at the scheduling act (or on entering ``approved``, when the schedule
is older), not at the release; the wait for the release time is no step. A cancelled or failed
schedule takes the decision back: the step runs on as if it had never been scheduled.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.model.workflow import WorkflowEvent, WorkflowState
from ckanext.satudatablitar.timekeeping import Point, WorkCalendar
from ckanext.satudatablitar.workflow import states
from ckanext.satudatablitar.workflow import steps as st

# a moment and its point on the report's calendar
_Moment = tuple[datetime.datetime, Point]


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


def _organization_filter(query: sa.Select, organization: str | None) -> sa.Select:
    if organization:
        query = query.where(model.group_table.c.name == organization)
    return query


def _datasets_query(organization: str | None) -> sa.Select:
    package, group, state = model.package_table, model.group_table, WorkflowState.__table__
    query = (
        sa.select(package.c.id, package.c.name, package.c.title, group.c.name, group.c.title)
        .join(state, state.c.package_id == package.c.id)
        .outerjoin(group, group.c.id == package.c.owner_org)
        .where(package.c.state == "active")
    )
    return _organization_filter(query, organization)


def _events_query(organization: str | None) -> sa.Select:
    event, package, group = WorkflowEvent.__table__, model.package_table, model.group_table
    state = WorkflowState.__table__
    query = (
        sa.select(event.c.package_id, event.c.action, event.c.to_state, event.c.created)
        .join(state, state.c.package_id == event.c.package_id)
        .join(package, package.c.id == event.c.package_id)
        .outerjoin(group, group.c.id == package.c.owner_org)
        .where(package.c.state == "active")
        .order_by(event.c.package_id, event.c.id)
    )
    return _organization_filter(query, organization)


def measure(
    report_filter: ReportFilter,
    now: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[DatasetMeasures]:
    """Measures of every dataset in the workflow, in two SQL queries whatever their number.

    Datasets come sorted by OPD and title.

    ``progress(done, total)`` is called after each dataset (for the CLI's progress bar).
    """
    now = now or datetime.datetime.now(datetime.UTC)
    calendar = calendar or WorkCalendar.from_config()
    standards = config.sop_days()
    datasets = {
        package_id: DatasetMeasures(package_id, name, title or name, org_name or "", org_title or "")
        for package_id, name, title, org_name, org_title in model.Session.execute(
            _datasets_query(report_filter.organization)
        )
    }
    events = model.Session.execute(_events_query(report_filter.organization)).all()
    result = []
    for done, dataset in enumerate(_walk(datasets, events, now, calendar, standards), start=1):
        restricted = _restrict(dataset, report_filter)
        if restricted is not None:
            result.append(restricted)
        if progress:
            progress(done, len(datasets))
    result.sort(key=lambda d: (d.organization_title, d.title, d.name))
    return result


def _restrict(dataset: DatasetMeasures, report_filter: ReportFilter) -> DatasetMeasures | None:
    """The dataset with only the steps entered in the filter's period; None when there are none."""
    start, end = report_filter.date_from, report_filter.date_to
    steps = [
        step
        for step in dataset.steps
        if (start is None or step.entered >= start) and (end is None or step.entered < end)
    ]
    if len(steps) == len(dataset.steps):
        return dataset if steps else None
    return dataclasses.replace(dataset, steps=steps) if steps else None


def _walk(
    datasets: dict[str, DatasetMeasures],
    events: Iterable[tuple[str, str, str, datetime.datetime]],
    now: datetime.datetime,
    calendar: WorkCalendar,
    standards: dict[str, float],
) -> Iterable[DatasetMeasures]:
    """Replay each dataset's events (ordered by dataset, then by id) into its steps."""
    now_point = calendar.point(now)
    current: DatasetMeasures | None = None
    entered: datetime.datetime | None = None
    entered_point: Point = now_point
    first_point: Point = now_point
    scheduled: _Moment | None = None  # the scheduling act of the schedule that waits, if one does
    for package_id, action, to_state, created in events:
        if current is None or package_id != current.package_id:
            if current is not None and entered is not None:
                _close_last(current, (entered, entered_point), scheduled, now_point, calendar, standards)
                yield current
            current = datasets[package_id]
            entered, scheduled = None, None
            first_point = calendar.point(created)
        point = calendar.point(created)
        if action == st.SCHEDULE_PUBLISH and scheduled is None:
            scheduled = (created, point)  # a later schedule replaces it: the decision was taken here
        elif action in (st.CANCEL_SCHEDULE, st.SCHEDULE_FAILED):
            scheduled = None
        if to_state == states.REVISION_REQUESTED and current.current_state != states.REVISION_REQUESTED:
            current.revision_rounds += 1
        if to_state == states.PUBLISHED and current.first_published is None:
            current.first_published = created
            current.days_to_publish = calendar.between(first_point, point)
        if entered is None or to_state != current.current_state:
            if entered is not None:
                left, left_point = _decided(current.current_state, (entered, entered_point), scheduled) or (
                    created,
                    point,
                )
                _close(current, entered, left, calendar.between(entered_point, left_point), standards)
            if to_state == states.PUBLISHED:
                scheduled = None  # the schedule ran (or publication by hand overtook it)
            current.current_state = to_state
            entered, entered_point = created, point
    if current is not None and entered is not None:
        _close_last(current, (entered, entered_point), scheduled, now_point, calendar, standards)
        yield current


def _decided(state: str, entered: _Moment, scheduled: _Moment | None) -> _Moment | None:
    """When Walidata decided the publication of a dataset waiting in ``state``, if a schedule waits."""
    if state != states.APPROVED or scheduled is None:
        return None
    return entered if scheduled[0] < entered[0] else scheduled


def _close_last(
    dataset: DatasetMeasures,
    entered: _Moment,
    scheduled: _Moment | None,
    now_point: Point,
    calendar: WorkCalendar,
    standards: dict[str, float],
) -> None:
    """Record the step the dataset is in now: still waiting, or over once its publication is scheduled."""
    decided = _decided(dataset.current_state, entered, scheduled)
    left, left_point = decided if decided else (None, now_point)
    _close(dataset, entered[0], left, calendar.between(entered[1], left_point), standards)


def _close(
    dataset: DatasetMeasures,
    entered: datetime.datetime,
    left: datetime.datetime | None,
    days: float,
    standards: dict[str, float],
) -> None:
    """Record the step the dataset spent in its current state."""
    state = dataset.current_state
    if state == states.PUBLISHED and left is None:
        return  # being published is the end of the road, not a step that waits
    standard = standards.get(state)
    dataset.steps.append(Step(state, entered, left, days, standard, standard is not None and days > standard))
