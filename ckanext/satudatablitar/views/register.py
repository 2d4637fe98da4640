"""Pages of the DSSD register (list, element, import, export) and the metadata-sheet import of a dataset."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response

from ckanext.satudatablitar.metadata import fields
from ckanext.satudatablitar.register import export, service

register = Blueprint("satudatablitar_register", __name__)

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context() -> dict[str, Any]:
    user = tk.current_user
    return {"user": user.name if user.is_authenticated else "", "ignore_auth": False}


def _may_import() -> bool:
    try:
        tk.check_access("satudatablitar_register_import", _context(), {})
    except tk.NotAuthorized:
        return False
    return True


def _error_lines(error: tk.ValidationError) -> list[str]:
    return [message for messages in error.error_dict.values() for message in messages]


@register.route("/dssd/")
def index() -> str:
    """The elements of a year's DSSD list with how many datasets fulfil each."""
    params = {
        key: value for key, value in tk.request.args.items() if value and key in ("year", "organization", "q")
    }
    try:
        listing = tk.get_action("satudatablitar_register_element_list")(_context(), {**params, "limit": 1000})
    except tk.ObjectNotFound as error:
        return tk.abort(404, str(error))
    except tk.ValidationError as error:
        return tk.abort(400, "; ".join(_error_lines(error)))
    return tk.render(
        "satudatablitar/register/index.html",
        {
            "listing": listing,
            "decrees": tk.get_action("satudatablitar_register_decree_list")(_context(), {}),
            "organizations": tk.get_action("organization_list")(_context(), {"all_fields": True}),
            "args": params,
            "may_import": _may_import(),
        },
    )


@register.route("/dssd/<int:year>/element/<path:code>")
def element(year: int, code: str) -> str:
    """One element and the datasets that fulfil it."""
    try:
        found = tk.get_action("satudatablitar_register_element_show")(
            _context(), {"code": code, "year": year}
        )
    except tk.ObjectNotFound as error:
        return tk.abort(404, str(error))
    return tk.render("satudatablitar/register/element.html", {"element": found})


@register.route("/dssd/<int:year>/export.xlsx")
def download(year: int) -> Response:
    """The year's list as .xlsx, in the layout the import reads."""
    decree = service.get_decree(year)
    if decree is None:
        return tk.abort(404, tk._("There is no DSSD list for {year}.").format(year=year))
    _total, elements = service.elements(year)
    return Response(
        export.workbook_bytes(decree.as_dict(), elements),
        mimetype=_XLSX,
        headers={"Content-Disposition": f'attachment; filename="dssd-{year}.xlsx"'},
    )


@register.route("/dssd/import", methods=["GET", "POST"])
def import_list() -> str | Response:
    """Wali Data's form: check a DSSD list (dry run) or import it."""
    if not _may_import():
        return tk.abort(403, tk._("Only Wali Data may import the DSSD list."))
    form = tk.request.form
    report, errors = None, []
    if tk.request.method == "POST":
        data = {key: form.get(key, "") for key in ("year", "decree_number", "decree_date", "title")}
        data = {key: value for key, value in data.items() if value}
        data["dry_run"] = form.get("dry_run") == "on"
        data["upload"] = tk.request.files.get("upload")
        try:
            report = tk.get_action("satudatablitar_register_import")(_context(), data)
        except tk.ValidationError as error:
            errors = _error_lines(error)
        else:
            if report["imported"]:
                tk.h.flash_success(
                    tk._("DSSD list {year} imported: {elements} elements.").format(
                        year=report["year"], elements=report["elements"]
                    )
                )
                return tk.redirect_to("satudatablitar_register.index", year=report["year"])
    return tk.render(
        "satudatablitar/register/import.html", {"form": form, "report": report, "errors": errors}
    )


@register.route("/dataset/<id>/metadata-import", methods=["GET", "POST"])
def metadata_import(id: str) -> str | Response:
    """Fill a dataset's metadata from the metadata sheet of an uploaded workbook."""
    context = _context()
    try:
        tk.check_access("satudatablitar_metadata_import", context, {"id": id})
        dataset = tk.get_action("package_show")(context, {"id": id})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("You may not edit this dataset."))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Dataset not found"))
    result, errors = None, []
    if tk.request.method == "POST":
        try:
            result = tk.get_action("satudatablitar_metadata_import")(
                context,
                {
                    "id": dataset["id"],
                    "upload": tk.request.files.get("upload"),
                    "dry_run": tk.request.form.get("dry_run") == "on",
                },
            )
        except tk.ValidationError as error:
            errors = _error_lines(error)
    return tk.render(
        "satudatablitar/register/metadata_import.html",
        {"pkg_dict": dataset, "result": result, "errors": errors, "labels": _field_labels()},
    )


def _field_labels() -> dict[str, Any]:
    return {field["field_name"]: field.get("label", field["field_name"]) for field in fields.dataset_fields()}
