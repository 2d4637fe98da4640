"""Tabulation pages: template downloads, the full validation report, re-run and override forms."""

from __future__ import annotations

import base64
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response

tabulation = Blueprint("satudatablitar_tabulation", __name__)


def _context() -> dict[str, Any]:
    user = tk.current_user
    authenticated = user.is_authenticated
    return {"user": user.name if authenticated else "", "auth_user_obj": user if authenticated else None}


def _xlsx(data: dict[str, Any]) -> Response:
    context = _context()
    try:
        result = tk.get_action("satudatablitar_tabulation_template")(context, data)
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Not authorized to see this template"))
    except tk.ObjectNotFound as error:
        return tk.abort(404, str(error) or tk._("Template not found"))
    except tk.ValidationError:
        return tk.abort(404, tk._("Template not found"))
    return Response(
        base64.b64decode(result["content_base64"]),
        mimetype=result["mimetype"],
        headers={"Content-Disposition": f'attachment; filename="{result["filename"]}"'},
    )


@tabulation.route("/tabulation/template/element/<code>")
def element_template(code: str) -> Response:
    return _xlsx({"element_code": code})


@tabulation.route("/dataset/<id>/tabulation/template")
def dataset_template(id: str) -> Response:
    resource_id = tk.request.args.get("resource_id")
    return _xlsx({"resource_id": resource_id} if resource_id else {"package_id": id})


@tabulation.route("/dataset/<id>/resource/<resource_id>/validation")
def report(id: str, resource_id: str) -> Any:
    context = _context()
    try:
        resource = tk.get_action("resource_show")(context, {"id": resource_id})
        package = tk.get_action("package_show")(context, {"id": id})
        validation = tk.get_action("satudatablitar_validation_show")(context, {"resource_id": resource_id})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Not authorized to see this report"))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("No validation report exists for this resource."))
    if resource["package_id"] != package["id"]:
        return tk.abort(404, tk._("Resource not found"))
    return tk.render(
        "satudatablitar/tabulation/report.html",
        {"pkg_dict": package, "resource": resource, "validation": validation},
    )


@tabulation.route("/dataset/<id>/resource/<resource_id>/validation/<step>", methods=["POST"])
def act(id: str, resource_id: str, step: str) -> Any:
    """The buttons of the report: ``run`` (validate again) and ``override`` (Wali Data, with a reason)."""
    actions = {"run": "satudatablitar_validation_run", "override": "satudatablitar_validation_override"}
    if step not in actions:
        return tk.abort(404)
    data = {"resource_id": resource_id, "reason": tk.request.form.get("reason", "")}
    if step == "run":
        data.pop("reason")
    try:
        tk.get_action(actions[step])(_context(), data)
    except tk.NotAuthorized as error:
        return tk.abort(403, str(error))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("No validation report exists for this resource."))
    except tk.ValidationError as error:
        tk.h.flash_error("; ".join(" ".join(map(str, v)) for v in error.error_dict.values()))
    return tk.redirect_to("satudatablitar_tabulation.report", id=id, resource_id=resource_id)
