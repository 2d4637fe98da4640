"""Option keys and typed accessors. Defaults live in config_declaration.yaml only."""

from __future__ import annotations

import dataclasses
import datetime
import logging

import ckan.plugins.toolkit as tk
import sqlalchemy.exc
from ckan import model

from ckanext.satudatablitar.tabulation.limits import Limits

WALIDATA_ORGANIZATION = "ckanext.satudatablitar.walidata_organization"
PEMBINA_ORGANIZATION = "ckanext.satudatablitar.pembina_organization"

log = logging.getLogger(__name__)


def walidata_organization() -> str:
    return tk.config[WALIDATA_ORGANIZATION]


def pembina_organization() -> str:
    return tk.config[PEMBINA_ORGANIZATION]


def organization_problems() -> list[str]:
    """Options naming an organization the portal does not have as an active organization."""
    problems = []
    for option, name in (
        (WALIDATA_ORGANIZATION, walidata_organization()),
        (PEMBINA_ORGANIZATION, pembina_organization()),
    ):
        group = model.Group.get(name)
        if group is None or not group.is_organization or group.state != "active":
            problems.append(f"{option} = {name}: there is no active organization named {name!r}")
    return problems


def report_organization_problems() -> None:
    """Log an error at start-up for each option naming an organization the portal lacks.

    Not fatal: on a new portal the organizations are created through the running portal (or a
    CLI that loads this plugin), so start-up must go on; workflow steps are refused with the
    same message until they exist (see workflow.engine).
    """
    try:
        problems = organization_problems()
    except sqlalchemy.exc.SQLAlchemyError:  # tables not created yet: `ckan db init` loads plugins too
        model.Session.rollback()
        return
    for problem in problems:
        log.error("%s; workflow steps are refused until it exists (`ckan satudata check-config`)", problem)


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


FETCH_PRIVATE_LINKS = "ckanext.satudatablitar.tabulation.fetch_private_links"


def fetch_private_links() -> bool:
    return tk.config[FETCH_PRIVATE_LINKS]


def tabulation_limits() -> Limits:
    """The validation limits from the ``...tabulation.*`` options."""
    names = [field.name for field in dataclasses.fields(Limits)]
    return Limits(**{name: tk.config[TABULATION_PREFIX + name] for name in names})


DAY_COUNTING = "ckanext.satudatablitar.day_counting"
HOLIDAYS = "ckanext.satudatablitar.holidays"
DSSD_DELIVERY_DAYS = "ckanext.satudatablitar.dssd_delivery_days"
DSSD_DATA_LAG_YEARS = "ckanext.satudatablitar.dssd_data_lag_years"


def day_counting() -> str:
    """``working`` or ``calendar``."""
    return tk.config[DAY_COUNTING]


def holidays() -> list[datetime.date]:
    """The configured public holidays."""
    return [datetime.date.fromisoformat(day) for day in tk.config[HOLIDAYS]]


def dssd_delivery_days() -> int:
    return tk.config[DSSD_DELIVERY_DAYS]


def dssd_data_lag_years() -> int:
    return tk.config[DSSD_DATA_LAG_YEARS]


def check_options() -> None:
    """Stop start-up with a clear message when an option's value cannot work.

    (Declaration validators only know CKAN's own validators; these need the workflow's states.)
    """
    from ckan.exceptions import CkanConfigurationException

    from ckanext.satudatablitar.workflow import states

    problems = []
    for item in tk.config[SOP_DAYS]:
        state, _, days = item.partition(":")
        if state not in states.ALL:
            problems.append(
                f"{SOP_DAYS}: unknown workflow state {state!r} in {item!r} (states: {', '.join(states.ALL)})"
            )
            continue
        try:
            if float(days) < 0:
                raise ValueError
        except ValueError:
            problems.append(f"{SOP_DAYS}: bad duration in {item!r}: give days as a number, e.g. submitted:1")
    for item in tk.config[HOLIDAYS]:
        try:
            datetime.date.fromisoformat(item)
        except ValueError:
            problems.append(f"{HOLIDAYS}: {item!r} is not a date written YYYY-MM-DD")
    if problems:
        raise CkanConfigurationException("Invalid configuration values provided:\n" + "\n".join(problems))


NOTIFY_MODE = "ckanext.satudatablitar.notify.mode"


def notify_mode() -> str:
    """``immediate``, ``digest`` or ``off``."""
    return tk.config[NOTIFY_MODE]
