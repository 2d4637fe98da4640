"""Input schemas of the scheduled-publication (embargo) actions (CKAN navl validators)."""

from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.timekeeping import display_timezone

Schema = dict[str, Any]


def _v(name: str) -> Any:
    return tk.get_validator(name)


def publish_moment(value: Any) -> datetime.datetime:
    """ISO 8601 with an offset, or a local time read in the portal's time zone (``ckan.display_timezone``)."""
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        try:
            moment = datetime.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise tk.Invalid(
                tk._(
                    "Give the time as ISO 8601, e.g. 2026-12-01T09:00+07:00, "
                    "or as local time, e.g. 2026-12-01T09:00."
                )
            ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=display_timezone())


def schedule_schema() -> Schema:
    return {
        "id": [_v("not_empty"), _v("unicode_safe")],
        "publish_at": [_v("not_empty"), publish_moment],
        "note": [_v("ignore_missing"), _v("unicode_safe")],
    }


def dataset_schema() -> Schema:
    return {"id": [_v("not_empty"), _v("unicode_safe")]}
