"""Tabulation actions: validation reports, re-runs, Wali Data overrides, findings, templates."""

from __future__ import annotations

import base64
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.logic import schema_tabulation as schemas
from ckanext.satudatablitar.logic.common import Context, DataDict, validate
from ckanext.satudatablitar.tabulation import downloads, files, jobs, messages, store

__all__ = [
    "satudatablitar_tabulation_template",
    "satudatablitar_validation_findings",
    "satudatablitar_validation_override",
    "satudatablitar_validation_run",
    "satudatablitar_validation_show",
]

OVERRIDABLE = ("failure", "error")


def _report_row(resource_id: str) -> Any:
    row = store.get(resource_id)
    if row is None:
        raise tk.ObjectNotFound(tk._("No validation report exists for this resource."))
    return row


@tk.side_effect_free
def satudatablitar_validation_show(context: Context, data_dict: DataDict) -> DataDict:
    """The latest validation of a tabulation resource.

    :param resource_id: the resource's id
    :returns: ``resource_id``, ``package_id``, ``run_id``, ``status`` (pending, running, success,
        failure, error), ``queued``, ``finished``, ``schema_source`` (``resource`` or
        ``element:<code>``), ``error_count``, ``finding_count``, ``override`` (or None) and
        ``report``: a frictionless-shaped report whose errors, notes and findings carry a
        ``text`` in the request's language (None while pending)
    :raises ObjectNotFound: when the resource was never queued for validation
    """
    tk.check_access("satudatablitar_validation_show", context, data_dict)
    data = validate(data_dict, schemas.resource_schema(), context)
    result = store.as_dict(_report_row(data["resource_id"]))
    if result["report"]:
        result["report"] = messages.localise(result["report"])
    return result


def satudatablitar_validation_run(context: Context, data_dict: DataDict) -> DataDict:
    """Queue the validation of a tabulation resource again (e.g. after its schema changed).

    :param resource_id: the resource's id
    :returns: ``{"resource_id", "run_id", "status": "pending"}``
    :raises ValidationError: when the resource is not a data tabulation
    """
    tk.check_access("satudatablitar_validation_run", context, data_dict)
    data = validate(data_dict, schemas.resource_schema(), context)
    resource = tk.get_action("resource_show")(dict(context), {"id": data["resource_id"]})
    if not files.is_tabulation(resource):
        raise tk.ValidationError({"resource_id": [tk._("This resource is not a data tabulation.")]})
    run_id = jobs.enqueue(resource["id"], resource["package_id"], commit=not context.get("defer_commit"))
    return {"resource_id": resource["id"], "run_id": run_id, "status": store.PENDING}


def satudatablitar_validation_override(context: Context, data_dict: DataDict) -> DataDict:
    """Wali Data accepts the current validation run of a tabulation despite its errors.

    The override names the run it accepts: a new upload (a new run) needs a new
    override. Overrides are kept (append-only).

    :param resource_id: the resource's id
    :param reason: why the tabulation may be published as it is (required)
    :returns: the validation summary (as ``satudatablitar_validation_show`` without ``report``)
    :raises ValidationError: when the run has not failed (pending, running or passed)
    """
    tk.check_access("satudatablitar_validation_override", context, data_dict)
    data = validate(data_dict, schemas.override_schema(), context)
    row = _report_row(data["resource_id"])
    if row.status not in OVERRIDABLE:
        raise tk.ValidationError(
            {
                "resource_id": [
                    tk._("Only a failed validation can be overridden (status: {status}).").format(
                        status=row.status
                    )
                ]
            }
        )
    user = model.User.get(context["user"])
    store.add_override(row, user.id, data["reason"])
    if not context.get("defer_commit"):
        model.Session.commit()
    return store.as_dict(row, with_report=False)


@tk.side_effect_free
def satudatablitar_validation_findings(context: Context, data_dict: DataDict) -> list[DataDict]:
    """Confidentiality findings in the dataset's tabulations, for the reviewers' sign-off.

    :param package_id: the dataset's id or name
    :returns: list of findings: ``kind`` (identifier-column, nik, phone, email, small-cell),
        ``rowNumber``, ``fieldNumber``, ``label`` (column header), ``cell`` (masked),
        ``resource_id``, ``resource_name`` and ``text`` in the request's language
    """
    tk.check_access("satudatablitar_validation_findings", context, data_dict)
    data = validate(data_dict, schemas.package_schema(), context)
    package = model.Package.get(data["package_id"])
    return [{**f, "text": messages.text(f["kind"], f)} for f in store.findings_for_package(package.id)]


@tk.side_effect_free
def satudatablitar_tabulation_template(context: Context, data_dict: DataDict) -> DataDict:
    """The .xlsx tabulation template of a DSSD element, a dataset or a resource.

    Give one of ``element_code``, ``package_id`` or ``resource_id``. The same file
    is served at ``/tabulation/template/...`` (see docs/tabulation.md).

    :returns: ``{"filename", "mimetype", "content_base64"}``
    :raises ObjectNotFound: when there is no Table Schema to build from
    """
    tk.check_access("satudatablitar_tabulation_template", context, data_dict)
    data = validate(data_dict, schemas.template_schema(), context)
    filename, content = downloads.build(context, data)
    return {
        "filename": filename,
        "mimetype": downloads.XLSX,
        "content_base64": base64.b64encode(content).decode(),
    }
