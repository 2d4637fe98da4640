"""Actions of the DSSD register: import a year's list, read decrees and elements."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.logic import schema_register
from ckanext.satudatablitar.logic.common import Context, DataDict, validate
from ckanext.satudatablitar.metadata import spreadsheet
from ckanext.satudatablitar.register import fulfilment, service

__all__ = [
    "satudatablitar_register_decree_list",
    "satudatablitar_register_element_list",
    "satudatablitar_register_element_show",
    "satudatablitar_register_import",
]


def _row_message(error: dict[str, Any]) -> str:
    where = tk._("Row {row}").format(row=error["row"])
    if error["column"]:
        where += f", {error['column']}"
    return f"{where}: {error['message']}"


def satudatablitar_register_import(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Replace the DSSD list of a year with the rows of an .xlsx/.xls/.csv file.

    The whole list is checked first; when any row is bad nothing is imported.

    :param upload: the file (multipart upload)
    :param year: the year the decree's list applies to
    :param decree_number: number of the decree (SK) that sets the list
    :param decree_date: date of the decree, YYYY-MM-DD (optional)
    :param title: title of the decree (optional)
    :param dry_run: only check the file and report (default false)
    :returns: ``{"year", "dry_run", "valid", "imported", "rows", "elements", "errors",
        "created", "updated", "removed"}``; ``errors`` lists ``{"row", "column", "message"}``
        with the spreadsheet's row numbers. Without dry_run a bad list raises ValidationError
        with one message per bad cell under ``rows``.
    """
    tk.check_access("satudatablitar_register_import", context, data_dict)
    data = validate(data_dict, schema_register.register_import(), context)
    try:
        filename, content = spreadsheet.read_upload(data["upload"])
        rows = spreadsheet.read_rows(filename, content)
    except spreadsheet.SpreadsheetError as error:
        raise tk.ValidationError({"upload": [str(error)]}) from error
    checked = service.check_rows(rows)
    report: dict[str, Any] = {
        "year": data["year"],
        "dry_run": data["dry_run"],
        "valid": not checked.errors,
        "imported": False,
        "rows": checked.data_rows,
        "elements": len(checked.elements),
        "errors": checked.errors,
        "created": 0,
        "updated": 0,
        "removed": 0,
    }
    if checked.errors and not data["dry_run"]:
        raise tk.ValidationError({"rows": [_row_message(error) for error in checked.errors]})
    if data["dry_run"]:
        return report
    decree_date = data.get("decree_date")
    report.update(
        service.replace_year(
            data["year"],
            checked.elements,
            number=data["decree_number"],
            date=decree_date.date() if decree_date else None,
            title=data.get("title"),
            user=context.get("user"),
        )
    )
    report["imported"] = True
    if not context.get("defer_commit"):
        model.Session.commit()
    return report


@tk.side_effect_free
def satudatablitar_register_decree_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Every DSSD decree, newest year first.

    :returns: list of ``{"year", "number", "date", "title", "imported_by", "updated", "elements"}``
    """
    tk.check_access("satudatablitar_register_decree_list", context, data_dict)
    return service.decrees()


@tk.side_effect_free
def satudatablitar_register_element_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The elements of a year's DSSD list, in decree order, with how many datasets fulfil each.

    :param year: the list's year (default: the newest list)
    :param organization: only elements of this OPD (organization id or name)
    :param q: only elements whose code or name contains this text
    :param limit: page size (default 100)
    :param offset: elements to skip (default 0)
    :returns: ``{"year", "decree", "count", "results"}``; each result is an element
        (``code, name, organization, organization_title, sector, unit, frequency, level,
        definition, table_schema``) with ``datasets``, the number of datasets the caller
        can see that name the element's code.
    """
    tk.check_access("satudatablitar_register_element_list", context, data_dict)
    data = validate(data_dict, schema_register.register_element_list(), context)
    year = data.get("year") or service.latest_year()
    decree = service.get_decree(year) if year else None
    if decree is None:
        if data.get("year"):
            raise tk.ObjectNotFound(tk._("There is no DSSD list for {year}.").format(year=data["year"]))
        return {"year": None, "decree": None, "count": 0, "results": []}
    organization = None
    if data.get("organization"):
        org = model.Group.get(data["organization"])
        if org is None or not org.is_organization:
            raise tk.ObjectNotFound(tk._("Organization not found"))
        organization = org.id
    total, results = service.elements(
        year, organization=organization, q=data.get("q"), limit=data["limit"], offset=data["offset"]
    )
    counts = fulfilment.dataset_counts(context, [element["code"] for element in results])
    titles = fulfilment.organization_titles({element["organization"] for element in results})
    for element in results:
        element["organization_title"] = titles.get(element["organization"])
        element["datasets"] = counts.get(element["code"], 0)
    return {"year": year, "decree": decree.as_dict(), "count": total, "results": results}


@tk.side_effect_free
def satudatablitar_register_element_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One DSSD element and the datasets that fulfil it.

    :param code: the element code
    :param year: the list's year (default: the newest list holding the code)
    :returns: the element (as in ``satudatablitar_register_element_list``) with
        ``datasets``: ``[{"id", "name", "title", "organization", "tahun_data_mulai",
        "tahun_data_selesai", "covers_year"}]``, the datasets the caller can see whose
        ``id_dds`` is the code; ``covers_year`` says whether their years include the list's year.
    """
    tk.check_access("satudatablitar_register_element_show", context, data_dict)
    data = validate(data_dict, schema_register.register_element_show(), context)
    element = service.get_element(data["code"], data.get("year"))
    if element is None:
        raise tk.ObjectNotFound(tk._("DSSD element not found"))
    element["organization_title"] = fulfilment.organization_titles({element["organization"]}).get(
        element["organization"]
    )
    element["datasets"] = fulfilment.datasets(context, element["code"], element["year"])
    return element
