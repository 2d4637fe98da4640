"""The monitoring and evaluation reports as plain tables (title, header, rows), ready to export."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.reports.fulfilment import ElementFulfilment, by_organization
from ckanext.satudatablitar.reports.summary import MonitoringReport
from ckanext.satudatablitar.workflow import states

Cell = str | int | float | datetime.datetime | datetime.date | None


@dataclass(frozen=True)
class Table:
    key: str  # stable machine name (CSV file name, API)
    title: str  # translated sheet title
    header: list[str]
    rows: list[list[Cell]]
    # per row: does it show a problem (overdue, unfulfilled)? highlighted in .xlsx
    flags: list[bool] | None = None


def _yes_no() -> dict[bool, str]:
    """Translated once per table, not once per row."""
    return {True: tk._("Yes"), False: tk._("No")}


def _state_labels() -> dict[str, str]:
    return {state: states.label(state) for state in states.ALL}


def _local(value: datetime.datetime | None, zone: datetime.tzinfo) -> datetime.datetime | None:
    return value.astimezone(zone).replace(tzinfo=None) if value else None


def monitoring_tables(report: MonitoringReport, zone: datetime.tzinfo, detail: bool = True) -> list[Table]:
    """Summary first, then stages, OPDs, months and (with ``detail``) every step."""
    totals = report.totals
    label, yes_no = _state_labels(), _yes_no()
    summary = Table(
        "summary",
        tk._("Summary"),
        [tk._("Measure"), tk._("Value")],
        [
            [tk._("Datasets in the workflow"), totals["datasets"]],
            [tk._("Published"), totals["published"]],
            [tk._("Waiting beyond the time standard now"), totals["overdue_now"]],
            [tk._("Steps over the time standard"), totals["overdue_steps"]],
            [tk._("Revision rounds"), totals["revision_rounds"]],
        ],
    )
    stages = Table(
        "stages",
        tk._("Per stage"),
        [
            tk._("Stage"),
            tk._("Steps"),
            tk._("Still waiting"),
            tk._("Median days"),
            tk._("Standard (days)"),
            tk._("Overdue"),
        ],
        [[label[s.state], s.steps, s.waiting, s.median_days, s.standard, s.overdue] for s in report.stages],
    )
    organizations = Table(
        "organizations",
        tk._("Per OPD"),
        [
            tk._("OPD"),
            tk._("Datasets"),
            tk._("Published"),
            tk._("Under review"),
            tk._("Overdue now"),
            tk._("Overdue steps"),
            tk._("Revision rounds"),
            tk._("Median days to publish"),
        ],
        [
            [
                o.organization_title,
                o.datasets,
                o.published,
                o.in_review,
                o.overdue_now,
                o.overdue_steps,
                o.revision_rounds,
                o.median_days_to_publish,
            ]
            for o in report.organizations
        ],
    )
    months = Table(
        "months",
        tk._("Per month"),
        [tk._("Month"), tk._("Steps"), tk._("Overdue")],
        [[m.month, m.steps, m.overdue] for m in report.months],
    )
    if not detail:
        return [summary, stages, organizations, months]
    all_steps = [(d, step) for d in report.datasets for step in d.steps]
    steps = Table(
        "steps",
        tk._("Steps"),
        [
            tk._("Dataset"),
            tk._("Title"),
            tk._("OPD"),
            tk._("Stage"),
            tk._("Entered"),
            tk._("Left"),
            tk._("Days"),
            tk._("Standard (days)"),
            tk._("Overdue"),
        ],
        [
            [
                d.name,
                d.title,
                d.organization_title,
                label[step.state],
                _local(step.entered, zone),
                _local(step.left, zone),
                round(step.days, 2),
                step.standard,
                yes_no[step.overdue],
            ]
            for d, step in all_steps
        ],
        flags=[step.overdue for _, step in all_steps],
    )
    return [summary, stages, organizations, months, steps]


def evaluation_tables(
    year: int, elements: list[ElementFulfilment], zone: datetime.tzinfo, detail: bool = True
) -> list[Table]:
    """Fulfilment of the DSSD list of ``year``: per OPD, then (with ``detail``) every element."""
    organizations = by_organization(elements)
    yes_no = _yes_no()
    summary = Table(
        "fulfilment",
        tk._("Fulfilment {year}").format(year=year),
        [tk._("OPD"), tk._("Elements"), tk._("Fulfilled"), tk._("Fulfilled (%)"), tk._("Late")],
        [[o.organization_title, o.elements, o.fulfilled, o.percent, o.late] for o in organizations],
    )
    if not detail:
        return [summary]
    detail = Table(
        "elements",
        tk._("DSSD elements"),
        [
            tk._("Code"),
            tk._("Element"),
            tk._("OPD"),
            tk._("Fulfilled"),
            tk._("Datasets"),
            tk._("Deadline"),
            tk._("First published"),
            tk._("Days late"),
        ],
        [
            [
                e.code,
                e.name,
                e.organization_title,
                yes_no[e.fulfilled],
                ", ".join(d["name"] for d in e.datasets),
                e.deadline,
                _local(e.first_published, zone),
                e.days_late,
            ]
            for e in elements
        ],
        flags=[not e.fulfilled or bool(e.days_late) for e in elements],
    )
    return [summary, detail]


def as_json(tables: list[Table]) -> dict[str, Any]:
    """Tables as JSON-ready dicts for the action API."""

    def cell(value: Cell) -> Any:
        return value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value

    return {
        t.key: {"title": t.title, "header": t.header, "rows": [[cell(c) for c in row] for row in t.rows]}
        for t in tables
    }
