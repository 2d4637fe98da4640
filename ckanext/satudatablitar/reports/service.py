"""Build the monitoring and the evaluation report: the one entry point for actions, views and the CLI."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass

from ckanext.satudatablitar.reports import fulfilment, measures, summary, tables
from ckanext.satudatablitar.timekeeping import WorkCalendar

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


@dataclass
class BuiltReport:
    request: ReportRequest
    timezone: datetime.tzinfo
    monitoring: summary.MonitoringReport | None = None
    elements: list[fulfilment.ElementFulfilment] | None = None

    @functools.cached_property
    def tables(self) -> list[tables.Table]:
        """Every table of the report, the detail table last (built on first use)."""
        return self.tables_for(detail=True)

    def tables_for(self, detail: bool) -> list[tables.Table]:
        """The report as tables; the long detail table (every step or element) only with ``detail``."""
        if self.monitoring is not None:
            return tables.monitoring_tables(self.monitoring, self.timezone, detail)
        assert self.elements is not None
        return tables.evaluation_tables(self.request.year, self.elements, self.timezone, detail)


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
        return BuiltReport(request, calendar.timezone, monitoring=report)
    elements = fulfilment.fulfilment(request.year, request.organization, calendar)
    return BuiltReport(request, calendar.timezone, elements=elements)
