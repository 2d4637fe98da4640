"""The monitoring and evaluation reports through the action API."""

from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.logic.common import validate
from ckanext.satudatablitar.logic.schema_reports import report_schema
from ckanext.satudatablitar.reports import service, tables

__all__ = ["satudatablitar_report_show"]


def request_from(context: dict[str, Any], data_dict: dict[str, Any]) -> service.ReportRequest:
    """Validate report parameters (shared by the action, the page and the CLI)."""
    data = validate(data_dict, report_schema(), context)
    organization = data.get("organization")
    if organization:
        organization = model.Group.get(organization).name
    return service.ReportRequest(
        kind=data["report"],
        year=data["year"],
        organization=organization,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


@tk.side_effect_free
def satudatablitar_report_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """The SOP monitoring report or the DSSD evaluation report, as tables.

    :param report: ``monitoring`` (time spent at every workflow step against the SOP time
        standards, per stage, OPD and month, and every step) or ``evaluation`` (fulfilment of
        the DSSD list of the year per OPD and per element, with lateness)
    :type report: string
    :param year: the year reported on (default: this year). Monitoring covers the steps that
        began in the year; evaluation covers the DSSD list decreed for the year.
    :type year: int
    :param organization: name or id of one OPD (optional; default all)
    :type organization: string
    :param date_from: monitoring only: first day (YYYY-MM-DD) instead of 1 January (optional)
    :type date_from: string
    :param date_to: monitoring only: the day after the last day (YYYY-MM-DD) (optional)
    :type date_to: string
    :param detail: include the detail table (every step, or every element) too (default false;
        it can be long)
    :type detail: bool
    :returns: ``{"report", "year", "organization", "generated", "tables": {key: {"title",
        "header", "rows"}}}``; monitoring tables: ``summary``, ``stages``, ``organizations``,
        ``months`` (and ``steps`` with detail); evaluation tables: ``fulfilment`` (and
        ``elements`` with detail)
    :rtype: dictionary
    """
    tk.check_access("satudatablitar_report_show", context, data_dict)
    request = request_from(context, data_dict)
    built = service.build(request)
    detail = tk.asbool(data_dict.get("detail", False))
    return {
        "report": request.kind,
        "year": request.year,
        "organization": request.organization,
        "generated": datetime.datetime.now(datetime.UTC).isoformat(),
        "tables": tables.as_json(built.tables_for(detail)),
    }
