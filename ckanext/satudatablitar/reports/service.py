"""Build the monitoring and the evaluation report: the one entry point for actions, views and the CLI."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from ckanext.satudatablitar.reports import fulfilment, measures, summary, tables
from ckanext.satudatablitar.reports.calendar import WorkCalendar

MONITORING = "monitoring"
EVALUATION = "evaluation"
KINDS = (MONITORING, EVALUATION)


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    year: int
    organization: str | None = None
    # the monitoring report covers steps entered in the year, or in [date_from, date_to) when given
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclass(frozen=True)
class BuiltReport:
    request: ReportRequest
    tables: list[tables.Table]
    monitoring: summary.MonitoringReport | None = None
    elements: list[fulfilment.ElementFulfilment] | None = None


def _period(request: ReportRequest, zone: datetime.tzinfo) -> measures.ReportFilter:
    start = request.date_from or datetime.date(request.year, 1, 1)
    end = request.date_to or datetime.date(request.year + 1, 1, 1)
    return measures.ReportFilter(
        organization=request.organization,
        date_from=datetime.datetime.combine(start, datetime.time(), zone),
        date_to=datetime.datetime.combine(end, datetime.time(), zone),
    )


def build(
    request: ReportRequest,
    now: datetime.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuiltReport:
    """The report asked for, with its tables (a constant number of SQL queries)."""
    calendar = WorkCalendar.from_config()
    now = now or datetime.datetime.now(datetime.UTC)
    if request.kind == MONITORING:
        datasets = measures.measure(_period(request, calendar.timezone), now, calendar, progress)
        report = summary.summarize(datasets, now.astimezone(calendar.timezone).strftime("%Y-%m"))
        return BuiltReport(request, tables.monitoring_tables(report, calendar.timezone), monitoring=report)
    elements = fulfilment.fulfilment(request.year, request.organization, calendar)
    return BuiltReport(
        request, tables.evaluation_tables(request.year, elements, calendar.timezone), elements=elements
    )
