"""Option keys and typed accessors. Defaults live in config_declaration.yaml only."""

from __future__ import annotations

import dataclasses

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.tabulation.limits import Limits

WALIDATA_ORGANIZATION = "ckanext.satudatablitar.walidata_organization"
PEMBINA_ORGANIZATION = "ckanext.satudatablitar.pembina_organization"


def walidata_organization() -> str:
    return tk.config[WALIDATA_ORGANIZATION]


def pembina_organization() -> str:
    return tk.config[PEMBINA_ORGANIZATION]

OPD_OPERATOR_CAPACITY = "ckanext.satudatablitar.opd_operator_capacity"
OPD_VERIFIER_CAPACITY = "ckanext.satudatablitar.opd_verifier_capacity"
WALIDATA_VERIFIER_CAPACITY = "ckanext.satudatablitar.walidata_verifier_capacity"
WALIDATA_PUBLISHER_CAPACITY = "ckanext.satudatablitar.walidata_publisher_capacity"
PEMBINA_CAPACITY = "ckanext.satudatablitar.pembina_capacity"
STAGE2_SIGNS_OFF_CONFIDENTIALITY = "ckanext.satudatablitar.stage2_signs_off_confidentiality"
ALLOW_SELF_REVIEW = "ckanext.satudatablitar.allow_self_review"
SOP_DAYS = "ckanext.satudatablitar.sop_days"


def role_capacities() -> dict[str, str]:
    """Lowest organization capacity for each workflow role (see workflow.roles)."""
    return {
        "operator": tk.config[OPD_OPERATOR_CAPACITY],
        "opd_verifier": tk.config[OPD_VERIFIER_CAPACITY],
        "walidata_verifier": tk.config[WALIDATA_VERIFIER_CAPACITY],
        "walidata": tk.config[WALIDATA_PUBLISHER_CAPACITY],
        "pembina": tk.config[PEMBINA_CAPACITY],
    }


def stage2_signs_off_confidentiality() -> bool:
    return tk.config[STAGE2_SIGNS_OFF_CONFIDENTIALITY]


def allow_self_review() -> bool:
    return tk.config[ALLOW_SELF_REVIEW]


def sop_days() -> dict[str, float]:
    """SOP time standard in days per waiting workflow state."""
    pairs = (item.split(":", 1) for item in tk.config[SOP_DAYS])
    return {state: float(days) for state, days in pairs}


REGION_CODE = "ckanext.satudatablitar.region_code"
REGION_CODES_FILE = "ckanext.satudatablitar.region_codes_file"
PUBLISHER_TYPE = "ckanext.satudatablitar.publisher_type"
METADATA_SHEET_NAME = "ckanext.satudatablitar.metadata_sheet_name"


def region_code() -> str:
    return tk.config[REGION_CODE]


def region_codes_file() -> str:
    return tk.config[REGION_CODES_FILE]


def publisher_type() -> str:
    return tk.config[PUBLISHER_TYPE]


def metadata_sheet_name() -> str:
    return tk.config[METADATA_SHEET_NAME]


TABULATION_PREFIX = "ckanext.satudatablitar.tabulation."
VALIDATE_ON_UPLOAD = TABULATION_PREFIX + "validate_on_upload"
TABULATION_FORMATS = TABULATION_PREFIX + "formats"
FETCH_LINKS = TABULATION_PREFIX + "fetch_links"


def validate_on_upload() -> bool:
    return tk.config[VALIDATE_ON_UPLOAD]


def tabulation_formats() -> list[str]:
    return [fmt.lower().lstrip(".") for fmt in tk.config[TABULATION_FORMATS]]


def fetch_links() -> bool:
    return tk.config[FETCH_LINKS]


def tabulation_limits() -> Limits:
    """The validation limits from the ``...tabulation.*`` options."""
    names = [field.name for field in dataclasses.fields(Limits)]
    return Limits(**{name: tk.config[TABULATION_PREFIX + name] for name in names})


NOTIFY_MODE = "ckanext.satudatablitar.notify.mode"


def notify_mode() -> str:
    """``immediate``, ``digest`` or ``off``."""
    return tk.config[NOTIFY_MODE]
