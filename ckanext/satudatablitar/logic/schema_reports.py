"""Input schema of the report action (CKAN navl validators)."""

from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.reports import service


def _v(name: str) -> Any:
    return tk.get_validator(name)


def _iso_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise tk.Invalid(tk._("Use a date in the form YYYY-MM-DD")) from None


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise tk.Invalid(tk._("Use a year such as 2026")) from None
    if not 2000 <= year <= 2100:
        raise tk.Invalid(tk._("Use a year between 2000 and 2100"))
    return year


def _default_year(key: Any, data: dict[Any, Any], errors: Any, context: Any) -> None:
    if data.get(key) in (None, "", tk.missing):
        data[key] = datetime.date.today().year


def report_schema() -> dict[str, Any]:
    return {
        "report": [_v("not_empty"), _v("unicode_safe"), _v("OneOf")(list(service.KINDS))],
        "year": [_default_year, _year],
        "organization": [_v("ignore_empty"), _v("unicode_safe"), _v("group_id_or_name_exists")],
        "date_from": [_v("ignore_empty"), _iso_date],
        "date_to": [_v("ignore_empty"), _iso_date],
    }
