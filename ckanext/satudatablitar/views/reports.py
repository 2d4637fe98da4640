"""The monitoring and evaluation page for Wali Data (read-only for Pembina Data), with exports."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response

from ckanext.satudatablitar.logic.action.reports import request_from
from ckanext.satudatablitar.reports import charts, export, service
from ckanext.satudatablitar.reports.fulfilment import by_organization
from ckanext.satudatablitar.workflow import states

reports = Blueprint("satudatablitar_reports", __name__, url_prefix="/satudata/monitoring")

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context() -> dict[str, Any]:
    return {
        "user": tk.current_user.name if tk.current_user.is_authenticated else "",
        "auth_user_obj": tk.current_user if tk.current_user.is_authenticated else None,
    }


def _build(kind: str) -> service.BuiltReport:
    """Check access, validate the query string and build the report, or abort with 403/400."""
    params = {key: value for key, value in tk.request.args.items() if key != "format"}
    params["report"] = kind
    context = _context()
    try:
        tk.check_access("satudatablitar_report_show", context, params)
        return service.build(request_from(context, params))
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error))
    except tk.ValidationError as error:
        return tk.abort(400, "; ".join(f"{k}: {', '.join(v)}" for k, v in error.error_dict.items()))


def _charts(monitoring: service.BuiltReport, evaluation: service.BuiltReport) -> dict[str, Any]:
    report = monitoring.monitoring
    assert report is not None and evaluation.elements is not None
    fulfilment = by_organization(evaluation.elements)
    return {
        "fulfilment": charts.horizontal_bars(
            tk._("Fulfilment of the DSSD list by OPD"),
            [
                charts.Bar(o.organization_title or o.organization, o.percent, alert=o.percent < 100)
                for o in fulfilment
            ],
            unit="%",
            scale_max=100,
        ),
        "stages": charts.horizontal_bars(
            tk._("Median days per stage against the SOP standard"),
            [
                charts.Bar(
                    states.label(s.state),
                    s.median_days or 0,
                    s.standard,
                    alert=bool(s.standard is not None and (s.median_days or 0) > s.standard),
                )
                for s in report.stages
            ],
        ),
        "months": charts.columns(
            tk._("Steps per month, overdue in red"),
            [m.month for m in report.months],
            [m.steps for m in report.months],
            [m.overdue for m in report.months],
        ),
    }


@reports.route("/")
def index() -> str:
    monitoring = _build(service.MONITORING)
    evaluation = _build(service.EVALUATION)
    return tk.render(
        "satudatablitar/reports/index.html",
        {
            "monitoring": monitoring,
            "evaluation": evaluation,
            "charts": _charts(monitoring, evaluation),
            "organizations": tk.get_action("organization_list")(_context(), {"all_fields": True}),
            "args": tk.request.args,
        },
    )


@reports.route("/<kind>.<file_format>")
def download(kind: str, file_format: str) -> Response:
    if kind not in service.KINDS or file_format not in ("xlsx", "csv"):
        return tk.abort(404)
    built = _build(kind)
    name = f"{kind}-{built.request.year}"
    if file_format == "xlsx":
        body, mimetype = export.to_xlsx(built.tables), _XLSX
    else:
        key = tk.request.args.get("table") or built.tables[-1].key
        table = next((t for t in built.tables if t.key == key), None)
        if table is None:
            return tk.abort(404, tk._("No such table"))
        body, mimetype, name = export.to_csv(table), "text/csv; charset=utf-8", f"{name}-{key}"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}.{file_format}"'},
    )
