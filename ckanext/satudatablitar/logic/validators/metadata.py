"""Validators of the SDI dataset schema (formats of codes, years, Table Schemas, system fields)."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey
from ckanext.scheming.validation import scheming_multiple_choice, scheming_validator

from ckanext.satudatablitar import config
from ckanext.satudatablitar.metadata import vocab
from ckanext.satudatablitar.register import parse as register_parse
from ckanext.satudatablitar.register import service as register_service

__all__ = [
    "satudatablitar_default_region",
    "satudatablitar_dssd_code",
    "satudatablitar_multiple_choice",
    "satudatablitar_publisher_type",
    "satudatablitar_region_code",
    "satudatablitar_table_schema",
    "satudatablitar_validation_job_only",
    "satudatablitar_year",
    "satudatablitar_year_list",
    "satudatablitar_year_range",
]

REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
FIRST_YEAR = 1900
YEARS_AHEAD = 5
VALIDATION_JOB_FLAG = "satudatablitar_validation_job"


def satudatablitar_region_code(value: Any) -> Any:
    """A Kemendagri region code from the configured code list (35.72, 35.72.01, 35.72.01.1001)."""
    if value in (None, "", tk.missing):
        return value
    value = str(value).strip()
    if not REGION_CODE.match(value):
        raise tk.Invalid(tk._("Region code must look like 35.72, 35.72.01 or 35.72.01.1001 (Kemendagri)."))
    if value not in vocab.region_codes():
        raise tk.Invalid(tk._("{code} is not a Kemendagri region code.").format(code=value))
    return value


def satudatablitar_default_region(value: Any) -> Any:
    """The configured region code when the value is empty."""
    return config.region_code() if value in (None, "", tk.missing) else value


def _year(value: Any) -> int:
    text = str(value).strip()
    last = datetime.date.today().year + YEARS_AHEAD
    if not re.fullmatch(r"\d{4}", text) or not FIRST_YEAR <= int(text) <= last:
        raise tk.Invalid(
            tk._("{value} is not a year between {first} and {last}.").format(
                value=text, first=FIRST_YEAR, last=last
            )
        )
    return int(text)


def satudatablitar_year(value: Any) -> Any:
    """A four-digit year from 1900 up to five years ahead, stored as text."""
    if value in (None, "", tk.missing):
        return value
    return str(_year(value))


def satudatablitar_year_range(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """The end year (this field) is not before ``tahun_data_mulai``."""
    end, start = data.get(key), data.get((*key[:-1], "tahun_data_mulai"))
    if errors.get(key) or end in (None, "", tk.missing) or start in (None, "", tk.missing):
        return
    if errors.get((*key[:-1], "tahun_data_mulai")):
        return
    if int(end) < int(start):
        errors[key].append(
            tk._("The last year must not be before the first year ({start}).").format(start=start)
        )


def satudatablitar_year_list(value: Any) -> Any:
    """Years as a list or as text ("2024, 2025"), stored as sorted comma-separated text."""
    if value in (None, "", tk.missing):
        return value
    parts = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value))
    return ",".join(str(year) for year in sorted({_year(part) for part in parts if str(part).strip()}))


def satudatablitar_dssd_code(value: Any) -> Any:
    """The code of an element of the DSSD register (any year)."""
    if value in (None, "", tk.missing):
        return value
    value = str(value).strip()
    if not register_parse.CODE_PATTERN.match(value):
        raise tk.Invalid(tk._("A DSSD element code holds only letters, digits and . _ / -"))
    if not register_service.code_exists(value):
        raise tk.Invalid(tk._("{code} is not an element of the DSSD register.").format(code=value))
    return value


def satudatablitar_publisher_type(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """Always the configured agency level: users cannot set it."""
    data[key] = config.publisher_type()


def satudatablitar_table_schema(value: Any) -> Any:
    """A frictionless Table Schema (JSON object or text), stored as JSON text."""
    if value in (None, "", tk.missing):
        return value
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise tk.Invalid(
                tk._("Table Schema is not valid JSON: {reason}").format(reason=error.msg)
            ) from error
    try:
        return json.dumps(register_parse.validate_table_schema(value))
    except ValueError as error:
        raise tk.Invalid(tk._("Invalid Table Schema: {reason}").format(reason=error)) from error


def _stored_resource_value(data: FlattenDataDict, key: FlattenKey) -> Any:
    resource_id = data.get((*key[:-1], "id"))
    resource = model.Resource.get(resource_id) if resource_id not in (None, "", tk.missing) else None
    return (resource.extras or {}).get(key[-1]) if resource else None


def satudatablitar_validation_job_only(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """Read-only for users: only the validation job (context flag) writes it, else the stored value stays."""
    if context.get(VALIDATION_JOB_FLAG) and data.get(key) not in (None, tk.missing):
        return  # the job writes a value; other resources of the same package_update keep theirs
    stored = _stored_resource_value(data, key)
    if stored is None:
        data.pop(key, None)
        raise tk.StopOnError
    data[key] = stored


@scheming_validator
def satudatablitar_multiple_choice(field: dict[str, Any], schema: dict[str, Any]) -> Any:
    """scheming_multiple_choice without enforcing ``required`` (the publication gate enforces it)."""
    return scheming_multiple_choice({k: v for k, v in field.items() if k != "required"}, schema)
